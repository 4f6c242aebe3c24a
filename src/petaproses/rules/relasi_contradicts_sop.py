"""relasi-contradicts-sop: a relation written in a peta-relasi file says what the SOPs it names do not show.

A hand-written relation names the processes it happens in (`proses`); each of those SOPs or cross-functional
maps must hand off from `dari` to `ke` (as the derived peta relasi reads them).
PASS: {dari: petugas_fo, ke: petugas_bo, proses: [DPMPTSP.SOP.01]}   (the SOP hands off that way)
FAIL: {dari: petugas_bo, ke: pemohon, proses: [DPMPTSP.SOP.05]}      (petugas_bo takes no part in it)
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue
from ..model import PetaLintasFungsi, PetaRelasi
from ..problems import Problem
from ..relasi import map_handoffs
from .helpers import at

CODE = "relasi-contradicts-sop"


def check_file(cat: Catalogue, doc) -> Iterator[Problem]:
    if not isinstance(doc, PetaRelasi):
        return
    for i, r in enumerate(doc.relasi):
        if r.dari == r.ke:
            yield at(doc, ("relasi", i, "ke"), CODE, f"relasi dari '{r.dari}' kepada dirinya sendiri")
            continue
        for j, code in enumerate(r.proses):
            other = cat.by_code.get(code)
            if not isinstance(other, PetaLintasFungsi):
                continue  # unknown codes: unresolved-link; maps without steps show no hand-off either way
            pairs = {(h.source, h.target) for h in map_handoffs(other)}
            if (r.dari, r.ke) in pairs:
                continue
            actors = {a for step in other.kegiatan for a in step.actors}
            missing = [a for a in (r.dari, r.ke) if a not in actors]
            if missing:
                why = " dan ".join(f"'{a}'" for a in missing) + " tidak menjadi pelaksana di sana"
            elif (r.ke, r.dari) in pairs:
                why = f"serah terimanya berarah sebaliknya, dari '{r.ke}' kepada '{r.dari}'"
            else:
                why = f"tidak ada langkah '{r.dari}' yang diteruskan kepada '{r.ke}'"
            yield at(doc, ("relasi", i, "proses", j), CODE,
                     f"relasi '{r.dari}' → '{r.ke}' tidak sesuai {'SOP' if other.jenis == 'sop' else 'peta'} {code}: "
                     f"{why}; perbaiki relasi ini atau {'SOP' if other.jenis == 'sop' else 'peta'} itu")
