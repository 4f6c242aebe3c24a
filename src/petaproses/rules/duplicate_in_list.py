"""duplicate-in-list: an id is written once in a list of actors or officials.

Lists: a step's `pelaksana` (a chain or joint activity), the map's `pelaksana` (lane order), an SOP's
`disahkan_oleh`, `diperiksa_oleh` and `dibuat_oleh`.
PASS: pelaksana: [kasubag_umum, kepala_dinas]
FAIL: pelaksana: [kasubag_umum, kepala_dinas, kasubag_umum]
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import PetaLintasFungsi, Sop
from ..orgnames import SIGNERS
from ..problems import Problem
from .helpers import at

CODE = "duplicate-in-list"


def _repeats(keys: tuple, values) -> Iterator[tuple[tuple, str, int]]:
    """Yield (key path, id, position of its first mention) for every repeated id of a list."""
    if isinstance(values, str) or not values:
        return
    first: dict[str, int] = {}
    for j, value in enumerate(values):
        if value in first:
            yield keys + (j,), value, first[value]
        first.setdefault(value, j)


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    if not isinstance(doc, PetaLintasFungsi):
        return
    lists = [(("pelaksana",), doc.pelaksana, "daftar lajur 'pelaksana'")]
    lists += [(("kegiatan", i, "pelaksana"), step.pelaksana, f"pelaksana kegiatan {i + 1}")
              for i, step in enumerate(doc.kegiatan)]
    if isinstance(doc, Sop):
        lists += [((key,), getattr(doc, key), f"'{key}'") for key in SIGNERS]
    for keys, values, what in lists:
        for where, value, first in _repeats(keys, values):
            yield at(doc, where, CODE, f"'{value}' sudah disebut di {what} (butir {first + 1}); hapus yang berulang")
