"""unknown-unit: a map's `unit` is a unit of its Perangkat Daerah in the organisation file.

PASS: unit: bagian_organisasi
FAIL: unit: bagian_orgnisasi
(An unknown Perangkat Daerah is unknown-perangkat-daerah; its units are not checked then.)
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..problems import Problem, suggest
from .helpers import at

CODE = "unknown-unit"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    pd = cat.organisasi.perangkat_daerah.get(doc.perangkat_daerah) if cat.organisasi else None
    if pd is not None and doc.unit and doc.unit not in pd.unit:
        yield at(doc, ("unit",), CODE,
                 f"unit '{doc.unit}' tidak dikenal di perangkat daerah '{doc.perangkat_daerah}'"
                 + suggest(doc.unit, pd.unit))
