"""invalid-duration: every `waktu` reads as a duration (durations.py), so times can be added up.

PASS: waktu: 15 menit / 2 jam / 1 hari kerja / 1-2 hari / 0,5 jam
FAIL: waktu: sebentar
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..durations import EXAMPLES, parse_duration
from ..model import PetaLintasFungsi
from ..problems import Problem
from .helpers import at

CODE = "invalid-duration"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    if not isinstance(doc, PetaLintasFungsi):
        return
    for i, step in enumerate(doc.kegiatan):
        if step.waktu is not None and parse_duration(step.waktu) is None:
            yield at(doc, ("kegiatan", i, "waktu"), CODE,
                     f"waktu '{step.waktu}' tidak dapat dibaca; tulis seperti {EXAMPLES}")
