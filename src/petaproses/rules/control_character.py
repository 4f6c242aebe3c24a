"""control-character: no text holds a character that documents cannot print (sanitise.py).

Control characters (`"a\\vb"`, `"\\x1b"`), lone surrogates, U+FFFE/U+FFFF, bidirectional overrides, and in a
text of several lines the line breaks other than a newline.  YAML lets a double-quoted string carry them;
XML, .docx, Graphviz and the fonts do not.
PASS: uraian: Menerima berkas
FAIL: uraian: "Menerima\\vberkas"
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import Organisasi
from ..problems import Problem
from .helpers import text_findings

CODE = "control-character"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    yield from text_findings(doc, CODE)


def check_organisation(cat: Catalogue, org: Organisasi) -> Iterator[Problem]:
    yield from text_findings(org, CODE)


def check_file(cat: Catalogue, doc) -> Iterator[Problem]:
    yield from text_findings(doc, CODE)  # the registers (titles go into the keputusan) and peta-relasi files


def check_evaluation(cat: Catalogue, record) -> Iterator[Problem]:
    yield from text_findings(record, CODE)  # findings and recommendations are printed in the forms
