"""unknown-evaluated-document: an evaluation record names documents of the catalogue.

A warning, not an error: a record is history, and the SOP it evaluated may since have been withdrawn.

PASS: dokumen: {SETDA.ORG.SOP.02: ...}     (an SOP with that kode exists)
FAIL: dokumen: {SETDA.ORG.SOP.99: ...}
A code that a file with errors names (it does not load) is that file's: its own errors are reported there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ..catalogue import Catalogue
from ..problems import Problem, suggest
from .helpers import at

if TYPE_CHECKING:  # the records' model: a check of an SOP does not import it
    from ..evaluation.model import Evaluasi

CODE = "unknown-evaluated-document"


def check_evaluation(cat: Catalogue, record: Evaluasi) -> Iterator[Problem]:
    broken = cat.unloaded_codes() if cat.unloaded else {}
    for kode in record.dokumen:
        if kode not in cat.by_code and kode not in broken:
            yield at(record, ("dokumen", kode, "<key>"), CODE,
                     f"dokumen '{kode}' tidak ada di katalog; temuannya tidak dapat ditelusuri"
                     + suggest(kode, cat.by_code))
