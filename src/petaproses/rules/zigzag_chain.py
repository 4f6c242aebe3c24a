"""zigzag-chain: the actors of a chain (a step with a `pelaksana` list, in turn) follow the lane order one way.

A chain is drawn as boxes in one row linked by arrows, left to right or right to left.  A chain that turns back
(lanes 2 -> 4 -> 1) draws an arrow over the boxes it passes; it is allowed (warning), but usually the lane
order (`pelaksana:` of the map) or the written order of the chain is not what the author meant.  Joint
activities (`bersama: ya`) have no order and are not checked.
PASS: pelaksana: [staf_pelaksana, kasubag_umum, kepala_dinas]   (lanes 1 -> 2 -> 3)
FAIL: pelaksana: [kasubag_umum, kepala_dinas, staf_pelaksana]   (lanes 2 -> 3 -> 1)
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import PetaLintasFungsi
from ..problems import Problem
from .helpers import at

CODE = "zigzag-chain"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    if not isinstance(doc, PetaLintasFungsi):
        return
    column = {actor: i for i, actor in enumerate(cat.lanes(doc))}
    for i, step in enumerate(doc.kegiatan):
        actors = step.actors
        if step.bersama or len(actors) < 3 or any(a not in column for a in actors):
            continue
        cols = [column[a] for a in actors]
        steps = {(b > a) - (b < a) for a, b in zip(cols, cols[1:])}
        if {1, -1} <= steps:
            order = " → ".join(str(c + 1) for c in cols)
            yield at(doc, ("kegiatan", i, "pelaksana"), CODE,
                     f"rantai pelaksana berbalik arah (kolom {order}): panahnya melintasi kotak lain dalam baris. "
                     "Urutkan daftar 'pelaksana' berkas ini atau urutan rantai agar berjalan satu arah")
