"""unreachable-step: every step can be reached from the first one.

FAIL: the first step has `selesai: true` and no branch leads to the second.
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..flow import reachable
from ..problems import Problem
from .helpers import at, sound_flow

CODE = "unreachable-step"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    found = sound_flow(cat, doc)
    if found is None:
        return
    key, flow = found
    from_start = reachable(flow, flow.start.id)
    for node in flow.nodes:
        if node.id not in from_start:
            yield at(doc, (key, node.index), CODE,
                     f"langkah {node.number} ('{node.id}') tidak dapat dicapai dari langkah pertama; "
                     "tambahkan cabang atau 'ke' yang menuju ke sini, atau hapus langkah ini")
