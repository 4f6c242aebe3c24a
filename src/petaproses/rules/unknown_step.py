"""unknown-step: a branch, `ke` or level-1 flow (`alur`) leads to a step of the same file, not to itself.

PASS: ke: periksa            (a step with id: periksa exists)
FAIL: ke: periksaa
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..flow import targets
from ..idhint import step_target_fix
from ..model import END_TARGET, PetaLevel1
from ..problems import Problem, suggest
from .helpers import at, step_ids

CODE = "unknown-step"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    found = step_ids(doc)
    if found is not None:
        key, items, ids = found
        for i, (sid, item) in enumerate(zip(ids, items)):
            for label, target in targets(item):
                where = (key, i) + (("cabang", label) if item.cabang else ("ke",))
                if target == END_TARGET and item.cabang:
                    continue  # the branch ends the process
                if target == END_TARGET:  # `ke: selesai`: only a branch may end the process by name
                    yield at(doc, where, CODE, f"'{END_TARGET}' hanya dapat menjadi tujuan cabang; untuk mengakhiri "
                                               "proses setelah langkah ini tulis 'selesai: true'")
                elif target not in ids:
                    hint = suggest(target, ids) or "; " + step_target_fix(target, [{"id": it.id} for it in items])
                    yield at(doc, where, CODE, f"langkah tujuan '{target}' tidak ada di berkas ini{hint}")
                elif target == sid:
                    yield at(doc, where, CODE, f"langkah '{sid}' menunjuk ke dirinya sendiri")
    if isinstance(doc, PetaLevel1):
        processes = [p.id for p in doc.proses]
        for i, flow in enumerate(doc.alur):
            for end in ("dari", "ke"):
                value = getattr(flow, end)
                if value not in processes:
                    yield at(doc, ("alur", i, end), CODE,
                             f"proses '{value}' tidak ada di peta ini" + suggest(value, processes))
