"""The hand-offs of the peta relasi, as the catalogue holds them (relasi.py derives the map from them).

A cross-functional map or SOP hands on along its flow, a level-1 map between its stakeholders and its
department, a peta-relasi file by hand (the rules are in relasi.py's doc).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .catalogue import Catalogue
from .flow import build_flow
from .model import PetaLevel1, PetaLintasFungsi, PetaRelasi, as_list

DEPARTMENT_PREFIX = "pd:"
STAKEHOLDER_PREFIX = "pk:"


@dataclass(frozen=True)
class Handoff:
    """One observed hand-off: in a map (its code and step number) or written in a peta-relasi file."""

    source: str
    target: str
    kode: str | None  # the map it was found in; None for a hand-written relation without `proses`
    perangkat_daerah: str | None  # the department of that map or file
    step: int | None  # number of the sending step (1-based)
    item: str | None  # what passes
    manual: bool = False
    step_id: str | None = None  # the sending step's id (its anchor on the map's review page)


def _item(step, fallback) -> str | None:
    for value in (step.output, fallback):
        items = as_list(value)
        if items:
            return "; ".join(items)
    return None


def map_handoffs(doc: PetaLintasFungsi) -> list[Handoff]:
    """Return the hand-offs of one cross-functional map or SOP, in flow order."""
    flow = build_flow(list(doc.kegiatan))
    kode, pd = doc.kode, doc.perangkat_daerah
    out: list[Handoff] = []
    ends: dict[str, tuple[list[str], list[str]]] = {}  # step id -> (senders, receivers), once per step
    for n in flow.nodes:  # inside a chain: each actor passes the work to the next
        actors, joint = n.actors, n.joint
        ends.setdefault(n.id, (actors if joint else actors[-1:], actors if joint else actors[:1]))
        if len(actors) > 1 and not joint:
            inside = _item_in_chain(n.item)
            for a, b in zip(actors, actors[1:]):
                if a != b:
                    out.append(Handoff(a, b, kode, pd, n.number, inside, step_id=n.id))
    by_id = flow.by_id
    for e in flow.edges:
        senders, receivers = ends[e.source][0], ends[e.target][1]
        if len(senders) == 1 and senders == receivers:
            continue  # one actor hands to itself: no hand-off (and no need to work out what passes)
        src = by_id[e.source]
        item = _item(src.item, by_id[e.target].item.kelengkapan)
        for a in senders:
            for b in receivers:
                if a != b:
                    out.append(Handoff(a, b, kode, pd, src.number, item, step_id=src.id))
    return out


def _item_in_chain(step) -> str | None:
    for value in (step.kelengkapan, step.output):
        items = as_list(value)
        if items:
            return "; ".join(items)
    return None


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _place_names(cat: Catalogue) -> list[str]:
    """Return the institution's place name forms ("kota padang panjang", "padang panjang") to strip."""
    if not cat.organisasi:
        return []
    name = _norm(cat.organisasi.nama)
    m = re.match(r"pemerintah (kota|kabupaten|provinsi) (.+)", name)
    return [f"{m[1]} {m[2]}", m[2]] if m else []


def _forms(text: str, places: list[str]) -> list[str]:
    """Return ``text`` normalised, then without each trailing place name ("Masyarakat Kota Padang Panjang":
    "masyarakat kota padang panjang", "masyarakat", "masyarakat kota")."""
    base = _norm(text)
    return [base] + [base[: -len(p) - 1] for p in places if base.endswith(" " + p) and len(base) > len(p) + 1]


def stakeholder_index(cat: Catalogue) -> tuple[dict[str, str], list[str]]:
    """Return (name form -> party id of the positions and departments a stakeholder may name, place names)."""
    org = cat.organisasi
    places = _place_names(cat)
    index: dict[str, str] = {}
    if org is None:
        return index, places
    for pd_id, pd in org.perangkat_daerah.items():
        for text in [pd.nama] + ([pd.singkatan] if pd.singkatan else []):
            for form in _forms(text, places):
                index.setdefault(form, DEPARTMENT_PREFIX + pd_id)
    for actor_id in org.pelaksana:
        for form in _forms(org.position_name(actor_id) or actor_id, places):
            index.setdefault(form, actor_id)
    return index, places


def stakeholder_party(name: str, index: tuple[dict[str, str], list[str]]) -> str:
    """Return the party a level-1 stakeholder is: a position or department named so, with or without the place
    ("Wali Kota" is "Wali Kota Padang Panjang"), else a stakeholder party (one for every form of its name)."""
    names, places = index
    forms = _forms(name, places)
    found = next((names[f] for f in forms if f in names), None)
    return found or STAKEHOLDER_PREFIX + forms[1 if len(forms) > 1 else 0]


def stakeholder_handoffs(cat: Catalogue, doc: PetaLevel1, index: tuple[dict[str, str], list[str]]) -> list[Handoff]:
    """Return the level-1 flows: each input stakeholder gives to the department, which gives to each output."""
    dept = DEPARTMENT_PREFIX + doc.perangkat_daerah
    out = []
    for name in doc.pemangku_kepentingan.masukan:
        party = stakeholder_party(name, index)
        if party != dept:
            out.append(Handoff(party, dept, doc.kode, doc.perangkat_daerah, None, "Masukan proses bisnis"))
    for name in doc.pemangku_kepentingan.keluaran:
        party = stakeholder_party(name, index)
        if party != dept:
            out.append(Handoff(dept, party, doc.kode, doc.perangkat_daerah, None, "Keluaran proses bisnis"))
    return out


def manual_handoffs(rel: PetaRelasi) -> list[Handoff]:
    """Return the relations a peta-relasi file adds by hand (one per process it names, or one without)."""
    out = []
    for r in rel.relasi:
        for code in r.proses or [None]:
            out.append(Handoff(r.dari, r.ke, code, rel.perangkat_daerah, None, r.label, manual=True))
    return out


__all__ = ["DEPARTMENT_PREFIX", "STAKEHOLDER_PREFIX", "Handoff", "map_handoffs", "stakeholder_index",
           "stakeholder_party", "stakeholder_handoffs", "manual_handoffs"]
