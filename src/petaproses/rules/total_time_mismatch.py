"""total-time-mismatch: the total time an SOP prints (`jumlah_waktu`) is the sum of its steps' times.

Kel. Sei Putih Timur-I (Medan) prints "35" under times of 10, 5, 5, 5 and 10 minutes.  A total that no reading of
the steps' times gives (their sum, a range's ends, the quickest or the slowest path) is most likely a slip when
a step's time was changed: only a warning, the total is printed as written.  Not checked when the total is
not a length of time; when a step's time is not one ("tentatif") or a step has none, only a total under the
quickest path (those steps counted 0) is said.
PASS: jumlah_waktu: 35 menit, waktu: 10 menit / 25 menit
FAIL: jumlah_waktu: 2 hari 1 jam 40 menit, waktu: 1 hari / 2 hari / 40 menit
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..durations import format_minutes, parse_duration, with_unit
from ..flow import build_flow
from ..metrics import longest_minutes, shortest_minutes
from ..model import Sop
from ..problems import Problem
from .helpers import at

CODE = "total-time-mismatch"
SLACK = 1.0  # minutes: rounding ("0,5 jam" and the like)


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    if not isinstance(doc, Sop) or not doc.jumlah_waktu:
        return
    total = parse_duration(with_unit(doc.jumlah_waktu, doc.satuan_waktu))  # "35" under times "10", "5" (menit)
    times = [parse_duration(s.waktu_dibaca) if s.waktu else None for s in doc.kegiatan]
    if total is None:
        return
    if any(t is None for t in times):
        # a time that is no length ("tentatif") counts 0: the quickest path is then the least any reading
        # gives, and a total under it is wrong whatever that step takes (review U: "15 menit" beside 3 days)
        least = shortest_minutes(build_flow(doc.kegiatan))
        if total.high + SLACK < least:
            yield at(doc, ("jumlah_waktu",), CODE,
                     f"jumlah_waktu '{doc.jumlah_waktu}' kurang dari waktu jalur tercepatnya ({format_minutes(least)}"
                     ", tanpa waktu yang bukan lama waktu; 1 hari = 7,5 jam kerja): periksa waktu kegiatan yang "
                     "diubah; dicetak seperti ditulis")
        return
    low, high = sum(t.low for t in times), sum(t.high for t in times)
    flow = build_flow(doc.kegiatan)
    readings = [(low, high), (shortest_minutes(flow),) * 2, (longest_minutes(flow),) * 2]
    if any(a - SLACK <= total.low and total.high <= b + SLACK for a, b in readings):
        return
    summed = format_minutes(low) if low == high else f"{format_minutes(low)} sampai {format_minutes(high)}"
    yield at(doc, ("jumlah_waktu",), CODE,
             f"jumlah_waktu '{doc.jumlah_waktu}' tidak sama dengan jumlah waktu kegiatannya ({summed}; 1 hari = 7,5 "
             "jam kerja): periksa waktu kegiatan yang diubah; dicetak seperti ditulis")
