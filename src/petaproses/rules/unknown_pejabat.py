"""unknown-pejabat: an SOP's `disahkan_oleh`/`diperiksa_oleh`/`dibuat_oleh`, a Perangkat Daerah's `kepala` and
evaluators or attendees of an evaluation record written as ids are officials (`pejabat`).

PASS: disahkan_oleh: sekda          (organisasi.yaml: pejabat: {sekda: ...})
FAIL: disahkan_oleh: sekdaa
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import Organisasi, Sop
from ..orgnames import SIGNERS
from ..problems import Problem, suggest
from .helpers import at

CODE = "unknown-pejabat"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    org = cat.organisasi
    if org is None or not isinstance(doc, Sop):
        return
    for key in SIGNERS:
        value = getattr(doc, key)
        for j, official in enumerate([value] if isinstance(value, str) else value or []):
            if official not in org.pejabat:
                where = (key,) if isinstance(value, str) else (key, j)
                yield at(doc, where, CODE, f"pejabat '{official}' tidak dikenal di {org.path}"
                         + (_holder(cat, official) or suggest(official, org.pejabat)))


def _holder(cat: Catalogue, post: str) -> str:
    """For a position's id where an official's is asked ("disahkan_oleh: kadis", review U): the officials who
    hold that position, by its name."""
    org = cat.organisasi
    if org is None or post not in org.pelaksana:
        return ""
    name = cat.actor_name(post).casefold()
    holders = [pid for pid, p in org.pejabat.items() if p.jabatan.casefold() == name]
    said = f"; '{post}' adalah id jabatan pelaksana, bukan pejabat"
    if holders:
        return said + f": pejabatnya {', '.join(repr(h) for h in holders)}; maksud Anda '{holders[0]}'?"
    return said + " (yang menandatangani ditulis di 'pejabat' organisasi.yaml dengan nama dan NIP-nya)"


def check_organisation(cat: Catalogue, org: Organisasi) -> Iterator[Problem]:
    for pid, pd in org.perangkat_daerah.items():
        if pd.kepala and pd.kepala not in org.pejabat:
            yield at(org, ("perangkat_daerah", pid, "kepala"), CODE,
                     f"pejabat '{pd.kepala}' tidak dikenal" + suggest(pd.kepala, org.pejabat))


def check_evaluation(cat: Catalogue, record) -> Iterator[Problem]:
    """Evaluators and attendees written as an id are officials (the others are written out in full)."""
    org = cat.organisasi
    if org is None:
        return
    for key in ("penilai", "peserta"):
        for j, person in enumerate(getattr(record, key)):
            if isinstance(person, str) and person not in org.pejabat:
                hint = suggest(person, org.pejabat)
                yield at(record, (key, j), CODE, f"pejabat '{person}' tidak dikenal di {org.path}{hint}"
                         + (" " if hint else "; ") + "orang di luar daftar pejabat ditulis {nama, jabatan, nip}")
