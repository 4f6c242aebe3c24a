"""loop-to-start: no step loops back to the first step, which is drawn as the start terminator.

SOPs and peta lintas fungsi only: a sub-process map draws its first sub-process as a box like the others (and
BPMN gives it a start event of its own), so a branch back to it is sound there (review M 08).

FAIL: cabang: {Lengkap: setujui, Tidak lengkap: terima}   (terima is the first step)
Fix: add a step of its own to repeat (e.g. "Melengkapi berkas") and loop to it.
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import PetaSubProses
from ..problems import Problem
from .helpers import at, sound_flow

CODE = "loop-to-start"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    if isinstance(doc, PetaSubProses):
        return
    found = sound_flow(cat, doc)
    if found is None:
        return
    key, flow = found
    for e in flow.into[flow.start.id]:
        source = flow.by_id[e.source]
        yield at(doc, (key, source.index), CODE,
                 f"langkah {source.number} kembali ke langkah pertama, yang digambar sebagai simbol mulai; "
                 "tambahkan langkah tersendiri untuk diulang (mis. 'Melengkapi berkas') dan arahkan ke sana; bila SOP "
                 "yang sudah ditetapkan memang menggambarnya begitu, peringatan ini boleh dibiarkan")
