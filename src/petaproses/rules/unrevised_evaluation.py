"""unrevised-evaluation: a document evaluated with findings names the revision it was evaluated at (`revisi`).

Without it a later change cannot be told from the content the session saw, and its findings stay "terbuka"
whatever is done (review Q: 4 findings stayed open after the SOP was revised).  `serve --evaluasi` writes it.
PASS: revisi: 04dd95cc7a893dc8773e636f13609a0e23c6207d (or sha256:...)
FAIL: a document with temuan and no revisi
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ..catalogue import Catalogue
from ..problems import Problem
from .helpers import at

if TYPE_CHECKING:  # the records' model: a check of an SOP does not import it
    from ..evaluation.model import Evaluasi

CODE = "unrevised-evaluation"


def check_evaluation(cat: Catalogue, record: Evaluasi) -> Iterator[Problem]:
    for kode, entry in record.dokumen.items():
        if entry.temuan and not entry.revisi:
            yield at(record, ("dokumen", kode, "<key>"), CODE,
                     f"'{kode}' punya temuan tetapi tanpa 'revisi': tindak lanjutnya tidak dapat dilacak; tulis commit "
                     "git berkas SOP saat sesi (git log -1 --format=%H -- BERKAS) atau sha256: lalu cetakan "
                     "sha256sum BERKAS")
