"""list-of-one: a step's `pelaksana` list names at least two actors; one actor is written as one id.

A list is a chain (in turn) or, with `bersama: ya`, a joint activity: with one actor it is neither.
PASS: pelaksana: kepala_dinas
FAIL: pelaksana: [kepala_dinas]
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import PetaLintasFungsi
from ..problems import Problem
from .helpers import at

CODE = "list-of-one"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    if not isinstance(doc, PetaLintasFungsi):
        return
    for i, step in enumerate(doc.kegiatan):
        if isinstance(step.pelaksana, list) and len(step.pelaksana) == 1 and not step.bersama:
            yield at(doc, ("kegiatan", i, "pelaksana"), CODE,
                     f"daftar pelaksana berisi satu id; tulis 'pelaksana: {step.pelaksana[0]}' (daftar dipakai untuk "
                     "beberapa pelaksana dalam satu baris)")
