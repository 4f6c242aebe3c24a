"""removed-pelaksana: a position marked `dihapus` in the organisation file is no longer used.

After penyederhanaan birokrasi a structural post (Kepala Subbagian, Kepala Seksi) is removed and its work
goes to a functional position or a team (`diganti_oleh`); every map, SOP step and team still naming the old
post is reported with its replacement and the command that rewrites the files.
PASS: pelaksana: analis_tata_laksana
FAIL: pelaksana: kasubag_tata_laksana      (organisasi.yaml: dihapus: 2022-12-30, diganti_oleh: analis_tata_laksana)
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import Organisasi, PetaLintasFungsi
from ..problems import Problem
from ..texts import format_date
from .helpers import at

CODE = "removed-pelaksana"


def message(org: Organisasi, actor: str) -> str:
    """Return what to say about a removed position: since when, its replacement, how to rewrite."""
    found = org.position(actor)
    assert found is not None and found.dihapus is not None
    since = format_date(found.dihapus)
    new = org.replacements(actor)
    text = f"jabatan '{actor}' ({found.nama}) dihapus sejak {since}"
    if not new:
        return text + "; tulis penggantinya di 'diganti_oleh' pada organisasi.yaml"
    names = ", ".join(f"'{n}' ({org.position_name(n)})" for n in new)
    command = f"petaproses ubah-jabatan {actor} {new[0]} --tulis"
    return text + f"; penggantinya: {names}; ubah semua berkas dengan: {command}"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    org = cat.organisasi
    if org is None or not isinstance(doc, PetaLintasFungsi):
        return
    for i, actor in enumerate(doc.pelaksana or []):
        if org.pelaksana_removed(actor):
            yield at(doc, ("pelaksana", i), CODE, message(org, actor))
    for i, step in enumerate(doc.kegiatan):
        listed = not isinstance(step.pelaksana, str)
        for j, actor in enumerate(step.actors):
            if org.pelaksana_removed(actor):
                yield at(doc, ("kegiatan", i, "pelaksana") + ((j,) if listed else ()), CODE, message(org, actor))


def check_organisation(cat: Catalogue, org: Organisasi) -> Iterator[Problem]:
    for team_id, value in org.pelaksana.items():
        team = org.position(team_id)
        if team is None or not team.is_team or team.dihapus:
            continue
        if team.ketua and org.pelaksana_removed(team.ketua):
            yield at(org, ("pelaksana", team_id, "ketua"), CODE, message(org, team.ketua))
        for j, member in enumerate(team.anggota):
            if org.pelaksana_removed(member):
                yield at(org, ("pelaksana", team_id, "anggota", j), CODE, message(org, member))
