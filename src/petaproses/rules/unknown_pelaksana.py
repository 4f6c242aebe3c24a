"""unknown-pelaksana: every actor of a cross-functional map or SOP is a `pelaksana` of the organisation file.

When the map lists its lanes (`pelaksana:`), each step's actor must be one of them too.
PASS: pelaksana: kabag_org
FAIL: pelaksana: kabag_orgg
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import Organisasi, PetaLintasFungsi, PetaRelasi, as_list
from ..problems import Problem, suggest
from .helpers import at

CODE = "unknown-pelaksana"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    org = cat.organisasi
    if org is None or not isinstance(doc, PetaLintasFungsi):
        return
    for i, actor in enumerate(doc.pelaksana or []):
        if actor not in org.pelaksana:
            yield at(doc, ("pelaksana", i), CODE,
                     f"pelaksana '{actor}' tidak dikenal di {org.path}" + suggest(actor, org.pelaksana))
    for i, step in enumerate(doc.kegiatan):
        listed = not isinstance(step.pelaksana, str)
        for j, actor in enumerate(step.actors):
            where = ("kegiatan", i, "pelaksana") + ((j,) if listed else ())
            if actor not in org.pelaksana:
                yield at(doc, where, CODE, f"pelaksana '{actor}' tidak dikenal di {org.path}" + suggest(actor, org.pelaksana))
            elif doc.pelaksana and actor not in doc.pelaksana:
                yield at(doc, where, CODE, f"pelaksana '{actor}' tidak ada dalam daftar 'pelaksana' berkas ini; tambahkan")


def check_organisation(cat: Catalogue, org: Organisasi) -> Iterator[Problem]:
    """The ids a position is replaced by (`diganti_oleh`) and a team's leader and members are positions."""
    for actor_id in org.pelaksana:
        pos = org.position(actor_id)
        if pos is None:
            continue
        listed = not isinstance(pos.diganti_oleh, str)
        refs = [(("diganti_oleh",) + ((i,) if listed else ()), a) for i, a in enumerate(as_list(pos.diganti_oleh))]
        refs += [(("ketua",), pos.ketua)] if pos.ketua else []
        refs += [(("anggota", i), a) for i, a in enumerate(pos.anggota)]
        for keys, ref in refs:
            if ref not in org.pelaksana:
                yield at(org, ("pelaksana", actor_id) + keys, CODE,
                         f"pelaksana '{ref}' tidak dikenal di {org.path}" + suggest(ref, org.pelaksana))


def check_file(cat: Catalogue, doc) -> Iterator[Problem]:
    """The parties of a peta-relasi file's relations and hide list."""
    org = cat.organisasi
    if org is None or not isinstance(doc, PetaRelasi):
        return
    places = [(("relasi", i, k), getattr(r, k)) for i, r in enumerate(doc.relasi) for k in ("dari", "ke")]
    places += [(("sembunyikan", i, k), getattr(h, k)) for i, h in enumerate(doc.sembunyikan) for k in ("dari", "ke")]
    for keys, actor in places:
        if actor is not None and actor not in org.pelaksana:
            yield at(doc, keys, CODE, f"pelaksana '{actor}' tidak dikenal di {org.path}" + suggest(actor, org.pelaksana))
