"""joint-without-list: `bersama: ya` (a joint activity) goes with a list of two or more actors.

PASS: pelaksana: [ppk, penyedia] + bersama: ya
FAIL: pelaksana: ppk + bersama: ya
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import PetaLintasFungsi
from ..problems import Problem
from .helpers import at

CODE = "joint-without-list"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    if not isinstance(doc, PetaLintasFungsi):
        return
    for i, step in enumerate(doc.kegiatan):
        if step.bersama and len(set(step.actors)) < 2:
            yield at(doc, ("kegiatan", i, "bersama"), CODE,
                     "kegiatan bersama memerlukan dua pelaksana atau lebih, mis. 'pelaksana: [ppk, penyedia]'; "
                     "untuk satu pelaksana hapus 'bersama'")
