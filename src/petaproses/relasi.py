"""The peta relasi, derived from the catalogue: which positions and outside parties hand what to whom.

PermenPANRB 19/2018 lists the peta relasi among the maps of a proses bisnis.  Every hand-off is already in
the catalogue, so the map is derived, never drawn by hand:

- a cross-functional map or SOP hands on along each flow edge whose sender and receiver differ (the actor of
  step n -> the actor of step n+1, branches and loops included).  A chain step (``pelaksana: [a, b, c]``)
  receives at its first actor, hands on from its last, and passes its work along the chain (a -> b -> c);
  a joint step (``bersama: ya``) receives and hands on through every one of its actors (they act together).
  What passes is the sending step's ``output``, else the receiving step's ``kelengkapan``; inside a chain,
  the step's ``kelengkapan``, else its ``output``;
- a level-1 map: each ``pemangku_kepentingan.masukan`` gives to its department, which gives to each
  ``keluaran``;
- a ``peta-relasi`` file adds relations by hand and hides noise (``ambang``, ``sembunyikan``).

A party is a position (``pelaksana`` id), a department as a whole (level-1 flows) or a level-1 stakeholder.
Positions are grouped by department: the organisation's long form says where one sits (written without
``perangkat_daerah``: a cross-department position such as the Wali Kota); a short-form position is placed in
the one department whose maps use it (``disimpulkan``), or among the cross-department positions when several
departments' maps use it.  A relation is counted by the processes (maps) that use it.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterator

from .catalogue import Catalogue
from .model import Jabatan, PetaLevel1, PetaLintasFungsi, PetaRelasi
from .relasi_handoffs import (DEPARTMENT_PREFIX, STAKEHOLDER_PREFIX, Handoff, manual_handoffs, map_handoffs,
                              stakeholder_handoffs, stakeholder_index, stakeholder_party)

LINTAS = "lintas"  # group of positions used by several departments' maps (or by none)
LUAR = "luar"  # group of parties outside the institution (`luar: true`)
PEMANGKU = "pemangku"  # group of level-1 stakeholders that are no position of the organisation
GROUP_NAMES = {LINTAS: "Lintas Perangkat Daerah", LUAR: "Pihak luar", PEMANGKU: "Pemangku kepentingan"}

# how a party got its group, for the legend and the site
WRITTEN, INFERRED, SHARED, OUTSIDE, STAKEHOLDER, DEPARTMENT = (
    "ditulis", "disimpulkan", "lintas", "luar", "pemangku", "perangkat-daerah")


@dataclass(frozen=True)
class Party:
    id: str  # pelaksana id; "pd:<id>" a department as a whole; "pk:<n>" a level-1 stakeholder
    name: str
    group: str  # a department id, or LINTAS / LUAR / PEMANGKU
    unit: str | None  # unit id inside the department (organisation long form only)
    how: str  # WRITTEN, INFERRED, SHARED, OUTSIDE, STAKEHOLDER or DEPARTMENT


@dataclass
class Relation:
    source: str
    target: str
    handoffs: list[Handoff] = field(default_factory=list)
    # the properties below, worked out once per hand-off count (an appended one renews them); digests skip it
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def _cached(self, name: str, make):
        found = self._memo.get(name)
        if found is None or found[0] != len(self.handoffs):
            found = self._memo[name] = (len(self.handoffs), make())
        return found[1]

    @property
    def items(self) -> list[str]:
        """Return what passes, each once, in the order first seen."""
        return list(self._cached("items", lambda: tuple(dict.fromkeys(h.item for h in self.handoffs if h.item))))

    @property
    def processes(self) -> list[str]:
        """Return the codes of the processes that use this relation, sorted."""
        return list(self._codes())

    count = property(lambda self: len(self._codes()), doc="How many processes use this relation.")

    def _codes(self) -> tuple[str, ...]:
        return self._cached("processes", lambda: tuple(sorted({h.kode for h in self.handoffs if h.kode})))

    derived = property(lambda self: self._cached("derived", lambda: any(not h.manual for h in self.handoffs)))
    manual = property(lambda self: self._cached("manual", lambda: any(h.manual for h in self.handoffs)))

    @property
    def departments(self) -> frozenset:
        """Return the departments of the maps and files the hand-offs were found in."""
        return self._cached("departments", lambda: frozenset(h.perangkat_daerah for h in self.handoffs))

    @property
    def key(self) -> tuple[str, str]:
        return self.source, self.target


@dataclass
class Derived:
    """Every party and relation of the catalogue (before any view hides some)."""

    parties: dict[str, Party]
    relations: dict[tuple[str, str], Relation]
    handoffs: list[Handoff]


@dataclass
class RelationMap:
    """What one picture shows: the whole Pemda (``scope`` None) or one department."""

    scope: str | None
    title: str
    parties: dict[str, Party]  # the parties shown, in drawing order
    relations: list[Relation]  # shown, most used first
    hidden: list[Relation]  # left out by the threshold or the hide list
    threshold: int
    groups: list[tuple[str, str]]  # (group id, name) of the groups shown, in drawing order
    units: dict[tuple[str, str], str]  # (department, unit id) -> unit name
    settings: list[PetaRelasi]  # the peta-relasi files that shaped this view
    _digest: str | None = field(default=None, init=False, repr=False, compare=False)  # relasi_keys.digests

    def number(self, rel: Relation) -> int:
        """Return the relation's number on the picture and the site (1-based)."""
        return self.relations.index(rel) + 1


# ------------------------------------------------------------------------------------------- parties
def placements(cat: Catalogue) -> dict[str, tuple[str, str | None, str]]:
    """Return actor id -> (group, unit, how) for every position the maps or peta-relasi files use."""
    org = cat.organisasi
    used: dict[str, list[str]] = {}
    for doc in cat.maps:
        if isinstance(doc, PetaLintasFungsi):
            for actor in _actors_in(doc):
                places = used.setdefault(actor, [])
                if doc.perangkat_daerah not in places:
                    places.append(doc.perangkat_daerah)
    in_maps = set(used)
    for rel in cat.relasi:  # a position only a hand-written relation names: the file's department
        for r in rel.relasi:
            for actor in (r.dari, r.ke):
                places = used.setdefault(actor, [])
                if actor not in in_maps and rel.perangkat_daerah and rel.perangkat_daerah not in places:
                    places.append(rel.perangkat_daerah)
    if org is not None:
        for actor_id in org.pelaksana:
            used.setdefault(actor_id, [])
    out: dict[str, tuple[str, str | None, str]] = {}
    known = org.perangkat_daerah if org else {}
    for actor, places in used.items():
        pos = org.position(actor) if org else None
        long_form = org is not None and isinstance(org.pelaksana.get(actor), Jabatan)
        if pos is not None and pos.luar:
            out[actor] = (LUAR, None, OUTSIDE)
        elif pos is not None and pos.perangkat_daerah in known:
            unit = pos.unit if pos.unit in known[pos.perangkat_daerah].unit else None
            out[actor] = (pos.perangkat_daerah, unit, WRITTEN)
        elif long_form and pos is not None and pos.perangkat_daerah is None:
            out[actor] = (LINTAS, None, WRITTEN)  # written out without a department: e.g. the Wali Kota
        elif len(places) == 1 and places[0] in known:
            out[actor] = (places[0], None, INFERRED)
        else:
            out[actor] = (LINTAS, None, SHARED)
    return out


def _party(cat: Catalogue, pid: str, placed: dict, stakeholder_names: dict[str, str]) -> Party:
    org = cat.organisasi
    if pid.startswith(DEPARTMENT_PREFIX):
        pd_id = pid[len(DEPARTMENT_PREFIX):]
        pd = org.perangkat_daerah.get(pd_id) if org else None
        return Party(pid, pd.nama if pd else pd_id, pd_id, None, DEPARTMENT)
    if pid.startswith(STAKEHOLDER_PREFIX):
        return Party(pid, stakeholder_names.get(pid, pid[len(STAKEHOLDER_PREFIX):]), PEMANGKU, None, STAKEHOLDER)
    group, unit, how = placed.get(pid, (LINTAS, None, SHARED))
    return Party(pid, cat.actor_name(pid), group, unit, how)


# catalogue id -> [catalogue, its derived relations or None, their views by scope, what runs before deriving],
# inside ``shared``
_SHARED: dict[int, list] = {}


@contextmanager
def shared(cat: Catalogue, first: Callable[[], object] | None = None) -> Iterator[None]:
    """Derive ``cat``'s relations, and make each of their views, at most once for the stages inside (the
    build's plan, renderers and site pages): the catalogue must not change meanwhile.  ``first()``: called once
    right before the derivation, if one is needed (the build: the last build's hand-offs, relasi_store.py)."""
    _SHARED[id(cat)] = [cat, None, {}, first]
    try:
        yield
    finally:
        _SHARED.pop(id(cat), None)


def derive(cat: Catalogue) -> Derived:
    """Return every party and relation of the catalogue: maps, level-1 flows and hand-written relations."""
    found = _SHARED.get(id(cat))
    if found is None or found[0] is not cat:
        return _derive(cat)
    if found[1] is None:
        if found[3] is not None:
            found[3], first = None, found[3]
            first()
        found[1] = _derive(cat)
    return found[1]


# map path -> (the document, its hand-offs, its actors) of the last derivation in this process: a process that
# stays (`siaga`) is handed the same document objects again for unchanged files (catalogue.LIVE), whose hand-offs
# and actors are then not worked out again
_KEPT: dict[str, tuple[PetaLintasFungsi, list[Handoff], tuple[str, ...]]] = {}


def _kept_handoffs(doc: PetaLintasFungsi, kept: dict) -> list[Handoff]:
    hit = _KEPT.get(doc.path)
    if hit is not None and hit[0] is doc:
        kept[doc.path] = hit
        return hit[1]
    kept[doc.path] = (doc, map_handoffs(doc), _actors_of(doc))
    return kept[doc.path][1]


def held(doc: PetaLintasFungsi) -> tuple[list[Handoff], tuple[str, ...]] | None:
    """Return the hand-offs and actors this process holds for ``doc`` (this very object), else None."""
    hit = _KEPT.get(doc.path)
    return (hit[1], hit[2]) if hit is not None and hit[0] is doc else None


def keep(doc: PetaLintasFungsi, handoffs: list[Handoff], actors: tuple[str, ...]) -> None:
    """Hold ``doc``'s hand-offs and actors, worked out elsewhere (relasi_store.py: the last build's)."""
    _KEPT[doc.path] = (doc, handoffs, actors)


def _actors_of(doc: PetaLintasFungsi) -> tuple[str, ...]:
    """Return the actor ids of ``doc``'s steps, each once, in the order first written."""
    return tuple(dict.fromkeys(actor for step in doc.kegiatan for actor in step.actors))


def _actors_in(doc: PetaLintasFungsi) -> tuple[str, ...]:
    hit = _KEPT.get(doc.path)
    return hit[2] if hit is not None and hit[0] is doc else _actors_of(doc)


# the last derivation in this process: [what it was made from, the organisation, the catalogue it was last handed
# to, the derivation, its views by scope].  A process that builds again (`siaga`) is handed the same derivation,
# and so the same views (their digests kept on them), when every hand-off, actor, stakeholder and peta-relasi
# file and the organisation are as they were: an edit that rewords a step changes none of them
_LAST: list = [None, None, None, None, {}]


def _derive(cat: Catalogue) -> Derived:
    index = stakeholder_index(cat)
    handoffs: list[Handoff] = []
    written: dict[str, str] = {}  # stakeholder party id -> the name as first written
    kept: dict[str, tuple[PetaLintasFungsi, list[Handoff]]] = {}
    inputs: list[tuple] = []
    for doc in cat.maps:
        if isinstance(doc, PetaLintasFungsi):
            handoffs += _kept_handoffs(doc, kept)
            inputs.append((doc.path, doc.perangkat_daerah, *kept[doc.path][1:]))  # an unchanged map: its own lists
        elif isinstance(doc, PetaLevel1):
            for name in doc.pemangku_kepentingan.masukan + doc.pemangku_kepentingan.keluaran:
                written.setdefault(stakeholder_party(name, index), name)
            handoffs += stakeholder_handoffs(cat, doc, index)
            inputs.append((doc.path, doc.perangkat_daerah, doc.kode, tuple(doc.pemangku_kepentingan.masukan),
                           tuple(doc.pemangku_kepentingan.keluaran)))
        else:
            inputs.append((doc.path, doc.perangkat_daerah))  # the departments that get a view
    _KEPT.clear()  # this catalogue's only: memory stays bounded whatever the process derives
    _KEPT.update(kept)
    made_from = (tuple(inputs), tuple((r.path, r) for r in cat.relasi))
    if _LAST[1] is cat.organisasi and _LAST[0] == made_from:
        _LAST[2] = cat
        return _LAST[3]
    for rel in cat.relasi:
        handoffs += manual_handoffs(rel)
    placed = placements(cat)
    relations: dict[tuple[str, str], Relation] = {}
    parties: dict[str, Party] = {}
    for h in handoffs:
        rel = relations.get((h.source, h.target))
        if rel is None:  # not setdefault: a Relation made for every hand-off costs more than the loop
            rel = relations[h.source, h.target] = Relation(h.source, h.target)
        rel.handoffs.append(h)
        for pid in (h.source, h.target):
            if pid not in parties:
                parties[pid] = _party(cat, pid, placed, written)
    derived = Derived(parties, relations, handoffs)
    _LAST[:] = [made_from, cat.organisasi, cat, derived, {}]
    return derived


# ------------------------------------------------------------------------------------------- views
def settings_for(cat: Catalogue, scope: str | None) -> list[PetaRelasi]:
    """Return the peta-relasi files that shape a view: the Pemda-wide one, then the department's own."""
    general = [r for r in cat.relasi if r.perangkat_daerah is None][:1]
    own = [r for r in cat.relasi if scope is not None and r.perangkat_daerah == scope][:1]
    return general + own


def _hidden_by_list(rel: Relation, settings: list[PetaRelasi]) -> bool:
    return any((h.dari is None or h.dari == rel.source) and (h.ke is None or h.ke == rel.target)
               for s in settings for h in s.sembunyikan)


def _in_scope(rel: Relation, scope: str | None, parties: dict[str, Party]) -> bool:
    if scope is None:
        return True
    return scope in rel.departments or \
        parties[rel.source].group == scope or parties[rel.target].group == scope


def _group_order(cat: Catalogue) -> list[str]:
    org = cat.organisasi
    return (list(org.perangkat_daerah) if org else []) + [LINTAS, LUAR, PEMANGKU]


def view(cat: Catalogue, derived: Derived, scope: str | None = None) -> RelationMap:
    """Return the relation map of the whole Pemda (``scope`` None) or of one department.

    A department's map holds the relations its own maps and files show, and every relation in which one of
    its positions takes part.  Hand-written relations are never below the threshold; the hide list hides any.
    Inside ``shared``, a view of the shared relations is made once (its users only read it).
    """
    found = _SHARED.get(id(cat))
    if found is None or found[0] is not cat or found[1] is not derived:
        return _view(cat, derived, scope)
    if scope not in found[2]:
        last = _LAST[4] if _LAST[2] is cat and _LAST[3] is derived else {}  # the same derivation as last build's
        found[2][scope] = last[scope] if scope in last else _view(cat, derived, scope)
        last[scope] = found[2][scope]
    return found[2][scope]


def _view(cat: Catalogue, derived: Derived, scope: str | None) -> RelationMap:
    settings = settings_for(cat, scope)
    threshold = next((s.ambang for s in reversed(settings) if s.ambang is not None), 1)
    shown: list[Relation] = []
    hidden: list[Relation] = []
    for rel in derived.relations.values():
        if not _in_scope(rel, scope, derived.parties):
            continue
        if _hidden_by_list(rel, settings) or (not rel.manual and rel.count < threshold):
            hidden.append(rel)
        else:
            shown.append(rel)
    order = {g: i for i, g in enumerate(_group_order(cat))}
    org = cat.organisasi
    actor_order = {a: i for i, a in enumerate(org.pelaksana)} if org else {}
    first_seen = {pid: i for i, pid in enumerate(derived.parties)}

    def party_key(pid: str) -> tuple:
        p = derived.parties[pid]
        units = list(org.perangkat_daerah[p.group].unit) if org and p.group in org.perangkat_daerah else []
        # the view's own department first; in a group: the department as a whole, positions outside any unit
        # (the head), then the units in organisation order
        return (-1 if p.group == scope else order.get(p.group, len(order)), p.how != DEPARTMENT,
                p.unit is not None, units.index(p.unit) if p.unit in units else len(units),
                actor_order.get(pid, len(actor_order)), first_seen[pid])

    ids = sorted({pid for rel in shown for pid in rel.key}, key=party_key)
    parties = {pid: derived.parties[pid] for pid in ids}
    shown.sort(key=lambda r: (-r.count, party_key(r.source), party_key(r.target)))
    hidden.sort(key=lambda r: (-r.count, party_key(r.source), party_key(r.target)))
    groups = list(dict.fromkeys(p.group for p in parties.values()))
    units: dict[tuple[str, str], str] = {}
    if org:
        for p in parties.values():
            if p.unit and p.group in org.perangkat_daerah:
                units[(p.group, p.unit)] = org.perangkat_daerah[p.group].unit[p.unit]
    return RelationMap(scope, title(cat, scope), parties, shown, hidden, threshold,
                       [(g, group_name(cat, g)) for g in groups], units, settings)


def group_name(cat: Catalogue, group: str) -> str:
    org = cat.organisasi
    if org and group in org.perangkat_daerah:
        return org.perangkat_daerah[group].nama
    return GROUP_NAMES.get(group, group)


def title(cat: Catalogue, scope: str | None) -> str:
    if scope is None:
        return "Peta Relasi " + (cat.organisasi.nama if cat.organisasi else "Pemerintah Daerah")
    return "Peta Relasi " + group_name(cat, scope)


def departments(cat: Catalogue) -> list[str]:
    """Return the departments that get their own relation map: those with maps, in organisation order."""
    used = {d.perangkat_daerah for d in cat.maps} | {r.perangkat_daerah for r in cat.relasi if r.perangkat_daerah}
    org_order = list(cat.organisasi.perangkat_daerah) if cat.organisasi else []
    return [pd for pd in org_order if pd in used] + sorted(used - set(org_order))


def views(cat: Catalogue) -> list[RelationMap]:
    """Return the Pemda's relation map and then one per department."""
    derived = derive(cat)
    return [view(cat, derived, None)] + [view(cat, derived, pd) for pd in departments(cat)]


__all__ = ["Party", "Handoff", "Relation", "Derived", "RelationMap", "map_handoffs", "stakeholder_handoffs",
           "manual_handoffs", "placements", "derive", "view", "views", "departments", "title", "group_name",
           "settings_for", "LINTAS", "LUAR", "PEMANGKU"]
