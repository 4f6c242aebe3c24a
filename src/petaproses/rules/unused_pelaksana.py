"""unused-pelaksana: every actor of a map's `pelaksana` list (its lanes) acts in at least one step.

An actor that acts only inside a chain or a joint activity is used.  The lane stays in the pictures.
PASS: pelaksana: [staf_pelaksana, kepala_dinas], both in kegiatan
FAIL: pelaksana: [staf_pelaksana, kasubag_umum, kepala_dinas], no step by kasubag_umum
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import PetaLintasFungsi
from ..problems import Problem
from .helpers import at

CODE = "unused-pelaksana"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    if not isinstance(doc, PetaLintasFungsi) or not doc.pelaksana:
        return
    used = {actor for step in doc.kegiatan for actor in step.actors}
    for i, actor in enumerate(doc.pelaksana):
        if actor not in used:
            yield at(doc, ("pelaksana", i), CODE,
                     f"pelaksana '{actor}' tidak melaksanakan satu kegiatan pun; lajurnya tetap digambar kosong. "
                     "Hapus dari daftar bila memang tidak terlibat")
