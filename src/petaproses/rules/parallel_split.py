"""parallel-split: `ke: [a, b]` runs a and b at the same time; warn when it reads like a choice instead.

A list under `ke` is a parallel split (BPMN parallel gateway): every branch runs, and they meet again at a
step that waits for all of them.  People also write it meaning "a or b".  A split whose branches never meet
again, or one of whose branches goes back to an earlier step, is almost always that mistake.

FAIL: ke: [setujui, kembalikan]   (kembalikan ends the process; setujui goes on: the two never meet)
Fix: a choice is `cabang: {Lengkap: setujui, Tidak lengkap: kembalikan}`; a real split ends in a shared step.
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..flow import reachable
from ..problems import Problem
from .helpers import at, sound_flow

CODE = "parallel-split"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    found = sound_flow(cat, doc)
    if found is None:
        return
    key, flow = found
    for node in flow.nodes:
        ke = getattr(node.item, "ke", None)
        if not isinstance(ke, list) or len(set(ke)) < 2 or node.item.cabang:
            continue
        exits = flow.out[node.id]
        numbers = " dan ".join(str(flow.by_id[e.target].number) for e in exits)
        back = [e for e in exits if e.back]
        if back:
            why = f"cabang ke langkah {flow.by_id[back[0].target].number} kembali ke langkah sebelumnya"
        elif not set.intersection(*(reachable(flow, e.target) for e in exits)):
            why = "cabang-cabangnya tidak pernah bertemu lagi di satu langkah"
        else:
            continue
        labels = ", ".join(f"Label {i}: {e.target}" for i, e in enumerate(exits, start=1))
        yield at(doc, (key, node.index, "ke"), CODE,
                 f"'ke' berisi daftar, artinya langkah {numbers} dijalankan bersamaan (paralel), tetapi {why}; "
                 f"bila maksudnya pilihan, tulis 'cabang: {{{labels}}}'; bila memang paralel, pertemukan "
                 "cabangnya di satu langkah yang menunggu semuanya")
