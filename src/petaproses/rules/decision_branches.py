"""decision-branches: a decision (`cabang`) has at least two labelled branches.

PASS: cabang: {Ya: tetapkan, Tidak: perbaiki}
FAIL: cabang: {Ya: tetapkan}
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..problems import Problem
from .helpers import step_ids, at

CODE = "decision-branches"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    found = step_ids(doc)
    if found is None:
        return
    key, items, _ids = found
    for i, item in enumerate(items):
        if item.cabang is not None and len(item.cabang) < 2:
            yield at(doc, (key, i, "cabang"), CODE,
                     "keputusan harus punya sedikitnya dua cabang berlabel, mis. {Ya: lanjut, Tidak: perbaiki}; "
                     "bila cabang lainnya mengakhiri proses, tulis {Ya: lanjut, Tidak: selesai}")
