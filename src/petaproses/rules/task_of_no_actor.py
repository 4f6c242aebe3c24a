"""task-of-no-actor: `tugas` names the text of a box of one of the step's own actors.

`tugas` gives a box of a chain or a joint activity its own text on the map ("Paraf", "Menandatangani"); a key
that is not an actor of the step has no box (a typo, or an actor left out of `pelaksana`).
PASS: pelaksana: [staf, kasubag, kadis] + tugas: {kasubag: Paraf, kadis: Menandatangani}
FAIL: pelaksana: [staf, kasubag] + tugas: {kadis: Menandatangani}
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import PetaLintasFungsi
from ..problems import Problem, suggest
from .helpers import at

CODE = "task-of-no-actor"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    if not isinstance(doc, PetaLintasFungsi):
        return
    for i, step in enumerate(doc.kegiatan):
        for actor in step.tugas or {}:
            if actor not in step.actors:
                yield at(doc, ("kegiatan", i, "tugas", actor, "<key>"), CODE,
                         f"'{actor}' bukan pelaksana kegiatan ini, jadi tidak punya kotak; tulis salah satu dari "
                         f"{', '.join(step.actors)}{suggest(actor, step.actors)}, atau tambahkan ke 'pelaksana'")
