"""unknown-perangkat-daerah: a map's (or an evaluation record's) `perangkat_daerah` is an id of the
organisation file.

PASS: perangkat_daerah: setda        (organisasi.yaml: perangkat_daerah: {setda: ...})
FAIL: perangkat_daerah: setdaa
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..problems import Problem, suggest
from .helpers import at

CODE = "unknown-perangkat-daerah"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    org = cat.organisasi
    if org is not None and doc.perangkat_daerah not in org.perangkat_daerah:
        yield at(doc, ("perangkat_daerah",), CODE,
                 f"perangkat daerah '{doc.perangkat_daerah}' tidak dikenal di {org.path}"
                 + suggest(doc.perangkat_daerah, org.perangkat_daerah))


def check_evaluation(cat: Catalogue, record) -> Iterator[Problem]:
    yield from check(cat, record)  # the same field, the same message
