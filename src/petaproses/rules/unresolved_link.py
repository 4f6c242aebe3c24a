"""unresolved-link: `induk`, `rincian` and `keterkaitan` name another map or SOP of the catalogue.

PASS: induk: SETDA.ORG.L1      (a file with kode: SETDA.ORG.L1 is in the catalogue)
FAIL: induk: TIDAK.ADA
A code that a file with errors names (it does not load) is that file's: its own errors are reported there.
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..problems import Problem, suggest
from .helpers import at

CODE = "unresolved-link"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    broken = cat.unloaded_codes() if cat.unloaded else {}
    for keys, code, _relation in doc.links():
        if code not in cat.by_code:
            if code in broken:
                continue
            others = (c for c, d in cat.by_code.items() if d is not doc)  # never "did you mean" the file itself
            yield at(doc, keys, CODE, f"kode '{code}' tidak ditemukan di katalog" + suggest(code, others))
        elif cat.by_code[code] is doc:
            yield at(doc, keys, CODE, f"kode '{code}' menunjuk ke berkas ini sendiri")


def check_file(cat: Catalogue, doc) -> Iterator[Problem]:
    """The processes a peta-relasi file's relations name (``PetaRelasi.links``)."""
    if hasattr(doc, "links"):
        yield from check(cat, doc)
