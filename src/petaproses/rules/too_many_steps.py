"""too-many-steps: a map or SOP has at most MAX_STEPS steps (kegiatan, sub proses or proses).

Every output draws every step on one diagram or table: beyond this the drawing tools' work grows past what
a build can finish in reasonable time (bench/bench_scale.py), and no reader follows such a map.  The graph
rules stay silent on a map over the limit (helpers.sound_flow): it is refused anyway, and they stay bounded.
PASS: an SOP of 40 steps
FAIL: an SOP of 10,000 steps
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import PetaLevel1
from ..problems import Problem
from ..sanitise import MAX_STEPS
from .helpers import at

CODE = "too-many-steps"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    found = ("proses", list(doc.proses)) if isinstance(doc, PetaLevel1) else doc.flow_items()
    if found is None:
        return
    key, items = found
    if len(items) > MAX_STEPS:
        yield at(doc, (key,), CODE, f"'{key}' berisi {len(items):,} langkah; batasnya {MAX_STEPS} per berkas"
                 .replace(",", ".") + ": pecah menjadi beberapa peta atau SOP yang saling merujuk "
                 "(rincian, keterkaitan)")
