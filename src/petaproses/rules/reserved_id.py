"""reserved-id: no step is called `selesai`: that name is the branch target that ends the process.

PASS: cabang: {Ya: terbitkan, Tidak: selesai}
FAIL: id: selesai
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import END_TARGET
from ..problems import Problem
from .helpers import at, step_ids

CODE = "reserved-id"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    found = step_ids(doc)
    if found is None:
        return
    key, items, _ids = found
    for i, item in enumerate(items):
        if item.id == END_TARGET:
            yield at(doc, (key, i, "id"), CODE,
                     f"id '{END_TARGET}' dicadangkan: cabang menuju '{END_TARGET}' mengakhiri proses; beri langkah "
                     "ini id lain")
