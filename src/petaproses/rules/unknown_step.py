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
        held = doc.pemangku_kepentingan.masukan + doc.pemangku_kepentingan.keluaran
        for i, flow in enumerate(doc.alur):
            for end in ("dari", "ke"):
                value = getattr(flow, end)
                if value not in processes:
                    yield at(doc, ("alur", i, end), CODE,
                             f"proses '{value}' tidak ada di peta ini" + _level1_hint(value, processes, held))


def _level1_hint(value: str, processes: list[str], held: list[str]) -> str:
    """A near process id; else the ids there are, and, for a stakeholder's name, where stakeholders go
    (review M 07: `alur: {dari: penduduk}` was told only that no such process exists)."""
    near = suggest(value, processes)
    stakeholder = any(value.lower() in name.lower() for name in held)
    if near and not stakeholder:
        return near
    hint = near or f"; id proses yang ada: {', '.join(processes)}"
    if stakeholder or not near:
        hint += ("; `alur` hanya menghubungkan dua proses (id dari `proses`); pemangku kepentingan ditulis di "
                 "`pemangku_kepentingan` (masukan/keluaran) dan digambar ke pita Proses Utama, tidak ke satu proses")
    return hint
