"""no-times: an SOP gives the time (mutu baku Waktu) of its activities.

Its Waktu column prints empty and the metrics count no time (review O: Sumedang's 12 rows had none).  One
finding per SOP: a few rows without a time are common in real SOPs.
PASS: one kegiatan or more with `waktu` (a time, or "-")
FAIL: no kegiatan with `waktu`
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import Sop
from ..problems import Problem
from .helpers import at

CODE = "no-times"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    if isinstance(doc, Sop) and doc.kegiatan and not any(s.waktu for s in doc.kegiatan):
        yield at(doc, ("kegiatan",), CODE,
                 "tidak satu kegiatan pun punya waktu (mutu baku): kolom Waktu tercetak kosong dan metrik tidak "
                 "menghitung lama prosedur; tulis 'waktu' setiap kegiatan (mis. 15 menit), atau '-' bila SOP aslinya "
                 "kosong")
