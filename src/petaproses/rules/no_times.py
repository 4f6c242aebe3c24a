"""no-times: an SOP gives the time (mutu baku Waktu) of its activities.

Its Waktu column prints empty and the metrics count no time (review O: Sumedang's 12 rows had none).  One
finding per SOP: a few rows without a time are common in real SOPs.
A procedure published with one service time only (a Standar Pelayanan page: "3 Hari Kerja") gives it as
`jumlah_waktu`, printed under the table and counted by the metrics (review Y).
PASS: one kegiatan or more with `waktu` (a time, or "-"), or `jumlah_waktu`
FAIL: no kegiatan with `waktu` and no `jumlah_waktu`
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import Sop
from ..problems import Problem
from .helpers import at

CODE = "no-times"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    if isinstance(doc, Sop) and doc.kegiatan and not doc.jumlah_waktu and not any(s.waktu for s in doc.kegiatan):
        yield at(doc, ("kegiatan",), CODE,
                 "tidak satu kegiatan pun punya waktu (mutu baku): kolom Waktu tercetak kosong dan metrik tidak "
                 "menghitung lama prosedur; tulis 'waktu' setiap kegiatan (mis. 15 menit), atau '-' bila SOP aslinya "
                 "kosong; bila sumbernya hanya memberi lama seluruh layanan, tulis 'jumlah_waktu'")
