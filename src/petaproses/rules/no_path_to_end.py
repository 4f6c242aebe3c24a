"""no-path-to-end: from every reachable step the process can still end (no loop without a way out).

FAIL: a: ...; b: ke: a    (b returns to a for ever)
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..flow import reachable
from ..problems import Problem
from .helpers import at, sound_flow

CODE = "no-path-to-end"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    found = sound_flow(cat, doc)
    if found is None:
        return
    key, flow = found
    from_start = reachable(flow, flow.start.id)
    to_end: set[str] = set()
    for end in flow.finishing():
        to_end |= reachable(flow, end.id, forward=False)
    for node in flow.nodes:
        if node.id in from_start and node.id not in to_end:
            yield at(doc, (key, node.index), CODE,
                     f"dari langkah {node.number} ('{node.id}') proses tidak pernah selesai (putaran tanpa jalan "
                     "keluar); beri salah satu langkah cabang keluar atau 'selesai: true'")
