"""unknown-unit: a map's `unit` is a unit of its Perangkat Daerah in the organisation file.

PASS: unit: bagian_organisasi
FAIL: unit: bagian_orgnisasi
(An unknown Perangkat Daerah is unknown-perangkat-daerah; its units are not checked then.)
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import Jabatan, Organisasi, Unit, as_list
from ..problems import Problem, suggest
from .helpers import at

CODE = "unknown-unit"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    pd = cat.organisasi.perangkat_daerah.get(doc.perangkat_daerah) if cat.organisasi else None
    if pd is not None and doc.unit and doc.unit not in pd.unit:
        yield at(doc, ("unit",), CODE,
                 f"unit '{doc.unit}' tidak dikenal di perangkat daerah '{doc.perangkat_daerah}'"
                 + suggest(doc.unit, pd.unit))


def check_organisation(cat: Catalogue, org: Organisasi) -> Iterator[Problem]:
    """A removed unit is replaced (`diganti_oleh`) by a unit of the same Perangkat Daerah; the unit of a position written in the long form {nama, perangkat_daerah, unit}."""
    for pd_id, pd in org.perangkat_daerah.items():
        for unit_id, value in pd.unit.items():
            if not isinstance(value, Unit):
                continue
            listed = not isinstance(value.diganti_oleh, str)
            for i, ref in enumerate(as_list(value.diganti_oleh)):
                if ref not in pd.unit:
                    keys = ("perangkat_daerah", pd_id, "unit", unit_id, "diganti_oleh") + ((i,) if listed else ())
                    yield at(org, keys, CODE, f"unit '{ref}' tidak dikenal di perangkat daerah '{pd_id}'"
                             + suggest(ref, pd.unit))
    for actor_id, value in org.pelaksana.items():
        if not isinstance(value, Jabatan) or value.unit is None:
            continue
        pd = org.perangkat_daerah.get(value.perangkat_daerah or "")
        where = ("pelaksana", actor_id, "unit")
        if value.perangkat_daerah is None:
            yield at(org, where, CODE, f"unit '{value.unit}' tanpa perangkat_daerah; tulis juga perangkat_daerah "
                                       "tempat unit itu berada")
        elif pd is not None and value.unit not in pd.unit:
            yield at(org, where, CODE, f"unit '{value.unit}' tidak dikenal di perangkat daerah "
                                       f"'{value.perangkat_daerah}'" + suggest(value.unit, pd.unit))
