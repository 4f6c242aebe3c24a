"""What a change of law or organisation touches: the data of the review site's impact page (dampak.html).

Per regulation of the register: its status and the maps and SOPs that cite it.  Per removed position, unit or
Perangkat Daerah: the documents that still use it and, for each, the before/after comparison (compare.py)
of the rewrite `ubah-jabatan` would make (orgchange.py, in memory: nothing is written to the catalogue).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from .catalogue import Catalogue, Map
from .model import PetaLintasFungsi, Unit, as_list
from .orgnames import place, removed_head, signers, text_mentions
from .problems import PetaprosesError
from .register import read_citations, reference_date
from .texts import format_date

if TYPE_CHECKING:  # the rewrite and its comparison (PyYAML, difflib) only for a removal that has users
    from .compare import Comparison


@dataclass
class Removal:
    kind: str  # "jabatan", "unit", "perangkat daerah"
    id: str
    nama: str
    since: str
    replacements: list[str]  # names
    users: list[tuple[Map, list[str]]]  # document, where in it
    # (file name under dampak/, the document, its comparison; None: not made again, see ``removals``)
    comparisons: list[tuple[str, Map, Comparison | None]]


def regulations(cat: Catalogue) -> tuple[list[dict], list[dict]]:
    """Return the register's entries in hierarchy order with their users, and the citations it lacks."""
    reg = cat.peraturan
    users: dict[str, list[dict]] = {}
    unmatched: list[dict] = []
    for doc in cat.maps:
        for c in read_citations(reg, list(doc.dasar_hukum)):
            if c.reg_id is not None:
                users.setdefault(c.reg_id, []).append({"doc": doc, "how": "id" if c.by_id else "teks"})
            else:
                unmatched.append({"doc": doc, "text": c.written})
    rows = []
    if reg is None:
        return rows, unmatched
    amends: dict[str, list[str]] = {}  # UU 6/2023 amends several laws: each of them (review Q)
    for r, e in sorted(reg.peraturan.items(), key=lambda kv: kv[1].key()):
        for a in e.diubah_oleh:
            amends.setdefault(a, []).append(r)
    today = reference_date()
    for rid in sorted(reg.peraturan, key=lambda r: reg.peraturan[r].key()):
        entry = reg.peraturan[rid]
        fix = ""
        if entry.dicabut_oleh:
            now = reg.replacement(rid, today)
            done = reg.revoked(rid, today)
            status = ("dicabut" if done else "akan dicabut") + (
                f" {format_date(entry.dicabut_tanggal)}" if entry.dicabut_tanggal else "")
            status += (f"; berlaku: {reg.full_text(now)}" if done else f"; penggantinya: {reg.full_text(now)}") \
                if now else ""
            level = "dicabut"
            if now and users.get(rid):  # what rewrites the citations (regchange.py)
                fix = f"petaproses ubah-peraturan {rid} {now} --tulis"
        elif reg.amendments(rid):
            status, level = f"diubah, terakhir dengan {reg.peraturan[reg.amendments(rid)[-1]].text()}", "diubah"
        elif rid in amends:
            bases = ", ".join(reg.peraturan[b].short_text() for b in amends[rid])
            status, level = f"berlaku; mengubah {bases}", "berlaku"
        else:
            status, level = "berlaku", "berlaku"
        rows.append({"id": rid, "text": entry.text(), "status": status, "level": level, "fix": fix,
                     "users": users.get(rid, []), "dasar_keputusan": rid in reg.dasar_keputusan})
    return rows, unmatched


def removals(cat: Catalogue, kept: Callable[[str, Map], bool] | None = None) -> list[Removal]:
    """Return every removed position, unit and Perangkat Daerah with the documents that still use it.

    ``kept(name, doc)``: whether the comparison page ``name`` of ``doc`` made by an earlier build still holds (its
    inputs unchanged); such a document is listed with None for its comparison, which is not made again."""
    org = cat.organisasi
    if org is None:
        return []
    out: list[Removal] = []
    for actor_id in org.pelaksana:
        pos = org.position(actor_id)
        if pos is None or pos.dihapus is None:
            continue
        users = []
        for doc in cat.maps:
            where = [key for (key, *_), official in signers(doc) if official == actor_id]  # who signs
            if isinstance(doc, PetaLintasFungsi):
                where += (["urutan pelaksana"] if actor_id in (doc.pelaksana or []) else []) + \
                    [f"kegiatan {i + 1}" for i, s in enumerate(doc.kegiatan) if actor_id in s.actors]
            where += [f"teks {place(keys)}" for keys, named in text_mentions(org, doc) if named == actor_id]
            if where:
                users.append((doc, where))
        teams = [t for t in org.pelaksana if (tp := org.position(t)) and tp.is_team and actor_id in tp.members]
        in_org = ([f"tim kerja {', '.join(teams)}"] if teams else []) + [
            f"kepala {k}" for k, pd in org.perangkat_daerah.items() if pd.kepala == actor_id and not pd.dihapus]
        names = [org.position_name(r) or r for r in org.replacements(actor_id)]
        removal = Removal("jabatan", actor_id, pos.nama, format_date(pos.dihapus), names, users, [])
        if in_org:
            removal.users.insert(0, (None, in_org))  # type: ignore[arg-type]
        out.append(removal)
    for pd_id, pd in org.perangkat_daerah.items():
        if pd.dihapus:
            users = []
            for d in cat.maps:  # the department, or its head (a post in use elsewhere) as signer
                where = (["perangkat_daerah"] if d.perangkat_daerah == pd_id else []) + [
                    key for (key, *_), official in signers(d) if removed_head(org, official) == pd_id
                    and not org.pelaksana_removed(official)]
                if where:
                    users.append((d, where))
            out.append(Removal("perangkat daerah", pd_id, pd.nama, format_date(pd.dihapus),
                               [org.perangkat_daerah[r].nama for r in as_list(pd.diganti_oleh)
                                if r in org.perangkat_daerah], users, []))
        for unit_id, unit in pd.unit.items():
            if isinstance(unit, Unit) and unit.dihapus:
                users = [(d, ["unit"]) for d in cat.maps if d.perangkat_daerah == pd_id and d.unit == unit_id]
                out.append(Removal("unit", unit_id, unit.nama, format_date(unit.dihapus),
                                   [pd.unit_name(r) or r for r in as_list(unit.diganti_oleh)], users, []))
    for removal in out:
        removal.comparisons = _comparisons(cat, removal, kept or (lambda name, doc: False))
    return out


def page_name(removal_id: str, doc: Map) -> str:
    """Return the file name under dampak/ of the before/after page of ``doc`` for a removal."""
    return f"{removal_id}--{doc.kode}.html"


REWRITE_DATED = ("Tanggal Revisi", "Riwayat Revisi")  # what `ubah-jabatan` writes with the date of its run


def _comparisons(cat: Catalogue, removal: Removal, kept: Callable[[str, Map], bool]) -> list:
    """Return the before/after of each process the rewrite to the replacement would change: none for a post
    split among several (which successor takes which file is the author's choice, not the first one's).

    The rewrite of a file depends on its bytes and the organisation file only, and so does its comparison: a
    page ``kept`` is one an earlier build made from the same, so it is listed again without planning its file
    (when the rewrite of any other file fails, none is listed, as when every file is planned)."""
    org = cat.organisasi
    new = None
    if removal.kind == "jabatan" and org is not None and len(org.replacements(removal.id)) == 1:
        new = org.replacements(removal.id)[0]
    if new is None or not removal.users:
        return []
    pos = org.position(removal.id)  # type: ignore[union-attr]
    named = [d for d in cat.maps if removal.id.encode("utf-8") in cat.sources.get(d.path, b"")]
    held = {d.path for d in named if isinstance(d, PetaLintasFungsi) and kept(page_name(removal.id, d), d)}
    from .compare import compare_documents
    from .orgchange import plan_change

    try:
        plan = plan_change(cat, removal.id, new, pos.dihapus,  # type: ignore[union-attr, arg-type]
                           paths={d.path for d in named} - held)
    except PetaprosesError:
        return []  # the page still lists the users; `ubah-jabatan` says what is wrong
    made = {change.path: change for change in plan.changes}
    found = []
    for before in named:
        if before.path in held:
            found.append((page_name(removal.id, before), before, None))
            continue
        change = made.get(before.path)
        if change is None or not isinstance(before, PetaLintasFungsi):
            continue
        after = change.document  # the rewrite as plan_change read it back
        if not isinstance(after, PetaLintasFungsi):
            continue
        after_cat = Catalogue(organisasi=org, maps=[after])
        comparison = compare_documents(f"{change.path} (sekarang)", before, cat, f"{change.path} (sesudah "
                                       f"ubah-jabatan {removal.id} {new})", after, after_cat)
        # planned on the removal's day (the page stays the same from day to day); `ubah-jabatan` dates the
        # revision and its record on the day it runs: those two are not shown as they would be wrong
        comparison.identity = [f for f in comparison.identity if f.label not in REWRITE_DATED]
        found.append((page_name(removal.id, before), before, comparison))
    return found


__all__ = ["Removal", "regulations", "removals"]
