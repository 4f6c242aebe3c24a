"""closed-without-revision: a finding marked `ditutup` names the revision of the document that closed it.

PASS: status: ditutup  +  revisi_penutup: 8021bce9c9050e94a6e498ddd1d43d42b0576ca8
FAIL: status: ditutup  (no revisi_penutup)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ..catalogue import Catalogue
from ..problems import Problem
from .helpers import at

if TYPE_CHECKING:  # the records' model: a check of an SOP does not import it
    from ..evaluation.model import Evaluasi

CODE = "closed-without-revision"


def check_evaluation(cat: Catalogue, record: Evaluasi) -> Iterator[Problem]:
    for kode, entry in record.dokumen.items():
        for i, finding in enumerate(entry.temuan):
            if finding.status == "ditutup" and not finding.revisi_penutup:
                yield at(record, ("dokumen", kode, "temuan", i, "status"), CODE,
                         "temuan berstatus 'ditutup' tanpa 'revisi_penutup'; tulis commit git (atau sha256:...) "
                         "revisi dokumen yang menutupnya")
