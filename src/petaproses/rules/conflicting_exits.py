"""conflicting-exits: a step leaves by one of `cabang`, `ke` or `selesai: true`, not two.

FAIL: cabang: {Ya: a, Tidak: b} together with ke: c; or selesai: true together with ke: c
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..problems import Problem
from .helpers import at, step_ids

CODE = "conflicting-exits"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    found = step_ids(doc)
    if found is None:
        return
    key, items, _ids = found
    for i, item in enumerate(items):
        if item.cabang and item.ke:
            yield at(doc, (key, i, "ke"), CODE, "langkah dengan 'cabang' tidak boleh juga punya 'ke'; pilih salah satu")
        if item.selesai and (item.cabang or item.ke):
            yield at(doc, (key, i, "selesai"), CODE,
                     "langkah dengan 'selesai: true' tidak boleh punya 'cabang' atau 'ke'")
