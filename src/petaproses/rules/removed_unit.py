"""removed-unit: a unit or Perangkat Daerah marked `dihapus` is no longer used by maps, SOPs or positions.

PASS: unit: bagian_organisasi
FAIL: unit: subbagian_tata_laksana        (organisasi.yaml: {nama: ..., dihapus: 2022-12-30, diganti_oleh: ...})
FAIL: unit_induk: Subbagian Tata Laksana  (another unit's parent named by the removed unit's name)
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import Organisasi, PerangkatDaerah, Unit, as_list
from ..orgnames import removed_head, signers
from ..problems import Problem
from ..texts import format_date
from .helpers import at

CODE = "removed-unit"


def _department(org: Organisasi, pd_id: str) -> str | None:
    pd = org.perangkat_daerah.get(pd_id)
    if pd is None or pd.dihapus is None:
        return None
    new = as_list(pd.diganti_oleh)
    return (f"perangkat daerah '{pd_id}' ({pd.nama}) dihapus sejak {format_date(pd.dihapus)}"
            + (f"; penggantinya: {', '.join(repr(n) for n in new)}" if new else
               "; tulis penggantinya di 'diganti_oleh'") + _command(pd_id, new))


def _command(old: str, new: list[str]) -> str:
    """Return the ubah-jabatan command that rewrites the files (one replacement: no choice to make)."""
    if len(new) == 1:
        return f"; ubah semua berkas dengan: petaproses ubah-jabatan {old} {new[0]} --tulis"
    if new:
        return f"; pilih penggantinya per berkas: petaproses ubah-jabatan {old} {' atau '.join(new)} JALUR --tulis"
    return ""


def _unit(pd: PerangkatDaerah | None, unit_id: str | None) -> str | None:
    value = pd.unit.get(unit_id) if pd is not None and unit_id else None
    if not isinstance(value, Unit) or value.dihapus is None:
        return None
    new = [f"'{n}' ({pd.unit_name(n) or n})" for n in as_list(value.diganti_oleh)]  # type: ignore[union-attr]
    return (f"unit '{unit_id}' ({value.nama}) dihapus sejak {format_date(value.dihapus)}"
            + (f"; penggantinya: {', '.join(new)}" if new else "; tulis penggantinya di 'diganti_oleh'")
            + _command(unit_id, as_list(value.diganti_oleh)))  # type: ignore[union-attr, arg-type]


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    org = cat.organisasi
    if org is None:
        return
    if (why := _department(org, doc.perangkat_daerah)) is not None:
        yield at(doc, ("perangkat_daerah",), CODE, why)
    if (why := _unit(org.perangkat_daerah.get(doc.perangkat_daerah), doc.unit)) is not None:
        yield at(doc, ("unit",), CODE, why)
    for keys, official in signers(doc):  # a merged department's SOPs signed by the head of the old one
        if (pd_id := removed_head(org, official)) is not None and not org.pelaksana_removed(official):
            pd = org.perangkat_daerah[pd_id]
            after = [org.perangkat_daerah.get(n) for n in as_list(pd.diganti_oleh)]
            heads = [f"'{p.kepala}'" for p in after if p is not None and p.kepala]
            yield at(doc, keys, CODE, f"{keys[0]}: '{official}' adalah kepala perangkat daerah '{pd_id}' ({pd.nama}) "
                     f"yang dihapus sejak {format_date(pd.dihapus)}" + (f"; kepala penggantinya: {', '.join(heads)}"
                                                                       if heads else "")
                     + _command(pd_id, as_list(pd.diganti_oleh)))  # type: ignore[arg-type]


def check_organisation(cat: Catalogue, org: Organisasi) -> Iterator[Problem]:
    for actor_id in org.pelaksana:
        pos = org.position(actor_id)
        if pos is None or pos.dihapus or not pos.perangkat_daerah:
            continue  # a removed position may keep its removed unit
        if (why := _department(org, pos.perangkat_daerah)) is not None:
            yield at(org, ("pelaksana", actor_id, "perangkat_daerah"), CODE, f"jabatan '{actor_id}': {why}")
        elif (why := _unit(org.perangkat_daerah.get(pos.perangkat_daerah), pos.unit)) is not None:
            yield at(org, ("pelaksana", actor_id, "unit"), CODE, f"jabatan '{actor_id}': {why}")
    yield from _parents(org)


def _parents(org: Organisasi) -> Iterator[Problem]:
    """A unit whose `unit_induk` (free text) is the name of a removed unit of its Perangkat Daerah, when no unit
    in use bears that name (a replacement under the same name is still the parent)."""
    def norm(text: str) -> str:
        return " ".join(text.casefold().split())

    for pd_id, pd in org.perangkat_daerah.items():
        gone = {norm(v.nama): k for k, v in pd.unit.items() if isinstance(v, Unit) and v.dihapus}
        if not gone or pd.dihapus:
            continue
        live = {norm(pd.unit_name(k) or "") for k, v in pd.unit.items() if not (isinstance(v, Unit) and v.dihapus)}
        for unit_id, value in pd.unit.items():
            parent = norm(value.unit_induk or "") if isinstance(value, Unit) and not value.dihapus else ""
            if parent in gone and parent not in live:
                why = _unit(pd, gone[parent])
                yield at(org, ("perangkat_daerah", pd_id, "unit", unit_id, "unit_induk"), CODE,
                         f"unit '{unit_id}': unit_induk '{value.unit_induk}' adalah nama unit yang dihapus: {why}")
