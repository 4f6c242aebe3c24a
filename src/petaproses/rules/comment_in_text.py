"""comment-in-text: text after ' #' on a value's line is a YAML comment, dropped from the value.

Staff write numbers as '#2' or '#A' ("berkas nomor #2"); YAML reads ' #' as the start of a comment, so the value
silently ends before it.  A comment whose '#' is followed directly by text is most likely part of the value;
an ordinary comment ('# sesuai tata naskah') has a space after '#' and is left alone.
PASS: uraian: Menerima berkas   # sesuai tata naskah
FAIL: uraian: Menerima berkas nomor #2 dari loket #3
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue
from ..problems import Problem
from ..yamlsource import comments_after_plain
from .table import level_of

CODE = "comment-in-text"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def check(cat: Catalogue, doc) -> Iterator[Problem]:
    for line, col, value, comment in comments_after_plain(cat.sources.get(doc.path, b"")):
        whole = f"{value} {comment}"
        yield Problem(doc.path, line, col, CODE,
                      f"'{comment}' dibaca sebagai komentar YAML dan dibuang: nilainya hanya '{value}'; bila "
                      f"'{comment}' bagian dari teks, beri tanda kutip: {_quoted(whole)}", level_of(CODE))


# every kind of file: maps, the organisation, registers, peta-relasi files and evaluation records
check_organisation = check_register = check_file = check_evaluation = check
