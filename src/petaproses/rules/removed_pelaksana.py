"""removed-pelaksana: a position marked `dihapus` in the organisation file is no longer used.

After penyederhanaan birokrasi a structural post (Kepala Subbagian, Kepala Seksi) is removed and its work
goes to a functional position or a team (`diganti_oleh`); every map, SOP step and team still naming the old
post is reported with its replacement and the command that rewrites the files, and so are an SOP signer and a
department head (`kepala`) that are the old post, and a text that still names it.
PASS: pelaksana: analis_tata_laksana
FAIL: pelaksana: kasubag_tata_laksana      (organisasi.yaml: dihapus: 2022-12-30, diganti_oleh: analis_tata_laksana)
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import Organisasi, PetaLintasFungsi, as_list
from ..orgnames import cycle_of, place, signers, text_mentions
from ..problems import Problem
from ..texts import format_date
from .helpers import at

CODE = "removed-pelaksana"


def message(org: Organisasi, actor: str, path: str | None = None) -> str:
    """Return what to say about a removed position: since when, its replacement, how to rewrite.

    Split among several posts: every successor is named and no choice is made; the rewrite is suggested per
    file (``path``: the file of the finding)."""
    found = org.position(actor)
    assert found is not None and found.dihapus is not None
    since = format_date(found.dihapus)
    new = org.replacements(actor)
    text = f"jabatan '{actor}' ({found.nama}) dihapus sejak {since}"
    if not new:
        loop = cycle_of(org, actor)
        if loop:
            return text + f"; 'diganti_oleh' berputar ({' -> '.join(loop)}), tidak ada pengganti yang berlaku: " \
                          "tulis id jabatan yang masih ada di 'diganti_oleh' pada organisasi.yaml"
        if as_list(found.diganti_oleh):
            return text + "; penggantinya di 'diganti_oleh' tidak dikenal atau juga dihapus tanpa pengganti; " \
                          "tulis id jabatan yang masih ada"
        return text + "; tulis penggantinya di 'diganti_oleh' pada organisasi.yaml"
    names = ", ".join(f"'{n}' ({org.position_name(n)})" for n in new)
    if len(new) > 1:
        where = path or "JALUR"
        return text + (f"; tugasnya dibagi ke: {names}; pilih penggantinya per berkas, mis. petaproses ubah-jabatan "
                       f"{actor} {' atau '.join(new)} {where} --tulis")
    command = f"petaproses ubah-jabatan {actor} {new[0]} --tulis"
    return text + f"; penggantinya: {names}; ubah semua berkas dengan: {command}"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    org = cat.organisasi
    if org is None:
        return
    for keys, official in signers(doc):  # the signer is the removed post: the SOP is signed by nobody in office
        if org.pelaksana_removed(official):
            yield at(doc, keys, CODE, f"{keys[0]}: " + message(org, official, doc.path))
    if isinstance(doc, PetaLintasFungsi):
        for i, actor in enumerate(doc.pelaksana or []):
            if org.pelaksana_removed(actor):
                yield at(doc, ("pelaksana", i), CODE, message(org, actor, doc.path))
        for i, step in enumerate(doc.kegiatan):
            listed = not isinstance(step.pelaksana, str)
            for j, actor in enumerate(step.actors):
                if org.pelaksana_removed(actor):
                    yield at(doc, ("kegiatan", i, "pelaksana") + ((j,) if listed else ()), CODE,
                             message(org, actor, doc.path))
    for keys, actor in text_mentions(org, doc):  # ubah-jabatan rewrites ids only: the prose is the author's
        new = ", ".join(f"'{org.position_name(n)}'" for n in org.replacements(actor))
        yield at(doc, keys, CODE, f"teks {place(keys)} menyebut '{org.position_name(actor)}', nama jabatan '{actor}' "
                 "yang dihapus; ubah teksnya dengan tangan" + (f" (penggantinya: {new})" if new else ""))


def check_organisation(cat: Catalogue, org: Organisasi) -> Iterator[Problem]:
    for pid, pd in org.perangkat_daerah.items():  # the head signs the decree of the department's SOP book
        if pd.kepala and not pd.dihapus and org.pelaksana_removed(pd.kepala):
            yield at(org, ("perangkat_daerah", pid, "kepala"), CODE, "kepala: " + message(org, pd.kepala, org.path))
    for team_id, value in org.pelaksana.items():
        team = org.position(team_id)
        if team is None or not team.is_team or team.dihapus:
            continue
        if team.ketua and org.pelaksana_removed(team.ketua):
            yield at(org, ("pelaksana", team_id, "ketua"), CODE, message(org, team.ketua, org.path))
        for j, member in enumerate(team.anggota):
            if org.pelaksana_removed(member):
                yield at(org, ("pelaksana", team_id, "anggota", j), CODE, message(org, member, org.path))
