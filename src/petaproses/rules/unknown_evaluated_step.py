"""unknown-evaluated-step: a finding's `langkah` is a step (or level-1 process, sub-process) of its document.

A warning: the step may have been removed by a later revision, which is how a finding is often acted on; the
message quotes the step's last known text (`teks_langkah`) so that the finding still reads.

PASS: langkah: periksa       (the SOP has a step with id: periksa)
FAIL: langkah: periksaa
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ..catalogue import Catalogue
from ..model import PetaLevel1
from ..problems import Problem, suggest
from .helpers import at, step_ids

if TYPE_CHECKING:  # the records' model: a check of an SOP does not import it
    from ..evaluation.model import Evaluasi

CODE = "unknown-evaluated-step"


def _ids(doc) -> list[str]:
    if isinstance(doc, PetaLevel1):
        return [p.id for p in doc.proses]
    found = step_ids(doc)
    return found[2] if found else []


def check_evaluation(cat: Catalogue, record: Evaluasi) -> Iterator[Problem]:
    for kode, entry in record.dokumen.items():
        doc = cat.by_code.get(kode)
        if doc is None:
            continue  # unknown-evaluated-document says so
        ids = _ids(doc)
        for i, finding in enumerate(entry.temuan):
            if finding.langkah is None or finding.langkah in ids:
                continue
            where = ("dokumen", kode, "temuan", i, "langkah")
            if finding.teks_langkah:
                yield at(record, where, CODE, f"langkah '{finding.langkah}' tidak ada lagi di {kode} (teks terakhir: "
                         f"'{finding.teks_langkah}'); temuan tetap dicatat pada dokumen")
            else:
                yield at(record, where, CODE, f"langkah '{finding.langkah}' tidak ada di {kode}"
                         + suggest(finding.langkah, ids))
