"""Where a removed position or department is still named besides the actor ids: the officials who sign an SOP
(``disahkan_oleh``, ``diperiksa_oleh``, ``dibuat_oleh``), a department's head (``kepala``), the free text of a document, and
replacements that lead back to themselves.  Shared by the rules (check), the impact page and ``ubah-jabatan``.

Officials (``pejabat``) and positions (``pelaksana``) have their own ids; a signer is taken as the removed post
when its id is the post's id (the sample's convention: ``kadis_kominfo`` is both).
"""

from __future__ import annotations

from typing import Iterator

from pydantic import BaseModel

from .model import Organisasi, Sop, Unit, as_list

SIGNERS = ("disahkan_oleh", "diperiksa_oleh", "dibuat_oleh")
# fields that hold ids, dates or the revision notes (which name the old post on purpose): not prose
_NOT_TEXT = frozenset({"jenis", "kode", "perangkat_daerah", "unit", "induk", "pelaksana", "id", "ke", "cabang",
                       "rincian", "aplikasi", "riwayat", "tanggal", "tanda_tangan", "dasar_hukum", "bersama",
                       "selesai", "kategori", *SIGNERS})


def signers(doc) -> Iterator[tuple[tuple, str]]:
    """Yield (key path, official id) of each signer of an SOP (none for other documents)."""
    if not isinstance(doc, Sop):
        return
    for key in SIGNERS:
        value = getattr(doc, key)
        for j, official in enumerate(as_list(value)):
            yield ((key,) if isinstance(value, str) else (key, j)), official


def removed_head(org: Organisasi, official: str) -> str | None:
    """Return the removed department ``official`` heads, when no department in use has them as head."""
    if any(pd.kepala == official and not pd.dihapus for pd in org.perangkat_daerah.values()):
        return None
    return next((pid for pid, pd in org.perangkat_daerah.items() if pd.dihapus and pd.kepala == official), None)


def _text_values(value, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in value.__class__.model_fields:  # a StandIn (standin.py) reads as its model class
            if name not in _NOT_TEXT:
                yield from _text_values(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _text_values(item, path + (i,))
    elif isinstance(value, dict):
        for k, item in value.items():
            yield from _text_values(item, path + (k,))


_NAMES: dict = {"org": None, "names": []}


def _removed_names(org: Organisasi) -> list[tuple[str, str, list[str]]]:
    """Return (id, name casefolded, names in use that contain it) of every removed position (kept per org)."""
    if _NAMES["org"] is not org:
        live = {org.position_name(k).casefold() for k in org.pelaksana if not org.pelaksana_removed(k)}  # type: ignore
        found = []
        for actor_id in org.pelaksana:
            if org.pelaksana_removed(actor_id):
                name = (org.position_name(actor_id) or "").casefold()
                if name and name not in live:  # a name still used by a post in use: a text naming it is fine
                    found.append((actor_id, name, sorted(n for n in live if name in n)))
        _NAMES.update(org=org, names=found)
    return _NAMES["names"]


def texts(doc) -> Iterator[tuple[tuple, str]]:
    """Yield (key path, text) of each prose text of ``doc`` as read (a folded text joined): not ids, dates,
    citations, nor the revision notes (`riwayat`, which name the old post or regulation on purpose); comments
    are never read.  What `check` and the keep-current commands (`ubah-jabatan`, `ubah-peraturan`) search."""
    return _text_values(doc, ())


def _names(folded: str, name: str, longer: list[str]) -> bool:
    if name not in folded:
        return False
    for other in longer:
        folded = folded.replace(other, " ")
    return name in folded


def text_mentions(org: Organisasi, doc, only: str | None = None) -> Iterator[tuple[tuple, str]]:
    """Yield (key path, removed position id) of each text of ``doc`` that names a removed position (``only``:
    that one) by its name.

    A longer name of a post in use that holds the old one ("Kepala Bidang X dan Y" for "Kepala Bidang X") is
    not a mention of it."""
    names = [n for n in _removed_names(org) if only is None or n[0] == only]
    if not names:
        return
    for path, text in texts(doc):
        folded = text.casefold()
        for actor_id, name, longer in names:
            if _names(folded, name, longer):
                yield path, actor_id


def note_texts(notes: list[str], doc, named, name: str) -> None:
    """Add to ``notes`` each text of ``doc`` at the key paths ``named`` that names ``name``: a rewrite changes
    ids, the prose is the author's to change."""
    for keys in named:
        line, column = doc.loc(*keys)
        notes.append(f"{doc.path}:{line}:{column}: teks {place(keys)} menyebut {name}; periksa dan ubah dengan tangan")


def place(path: tuple) -> str:
    """Return where a key path is, for people: "kegiatan 3 uraian", "tujuan", "ruang_lingkup 2"."""
    return " ".join(str(p + 1) if isinstance(p, int) else str(p) for p in path)


def cycles(org: Organisasi) -> list[tuple[tuple, list[str]]]:
    """Return (key path of the first member's ``diganti_oleh``, the cycle a -> b -> a) of every chain of removed
    positions, units or departments that replaces itself."""
    graphs: list[tuple[tuple, dict[str, list[str]]]] = []
    pos = {k: as_list(j.diganti_oleh) for k in org.pelaksana if (j := org.position(k)) and j.dihapus}
    graphs.append((("pelaksana",), pos))
    graphs.append((("perangkat_daerah",), {k: as_list(pd.diganti_oleh) for k, pd in org.perangkat_daerah.items()
                                           if pd.dihapus}))
    for pid, pd in org.perangkat_daerah.items():
        units = {k: as_list(u.diganti_oleh) for k, u in pd.unit.items() if isinstance(u, Unit) and u.dihapus}
        graphs.append((("perangkat_daerah", pid, "unit"), units))
    found = []
    for prefix, graph in graphs:
        seen: set[frozenset] = set()
        for start in graph:
            for loop in _loops_from(start, graph):
                if frozenset(loop) not in seen:
                    seen.add(frozenset(loop))
                    first = min(loop, key=list(graph).index)
                    i = loop.index(first)
                    ordered = loop[i:] + loop[:i]
                    found.append((prefix + (first, "diganti_oleh"), ordered + [first]))
    return found


def _loops_from(start: str, graph: dict[str, list[str]]) -> Iterator[list[str]]:
    """Yield the chains of removed entries from ``start`` that come back to ``start``."""
    stack = [(start, [start])]
    while stack:
        node, trail = stack.pop()
        for nxt in graph.get(node, []):
            if nxt == start:
                yield trail
            elif nxt in graph and nxt not in trail:
                stack.append((nxt, trail + [nxt]))


def removed_graph(org: Organisasi, kind: str = "pelaksana", pd_id: str | None = None) -> dict[str, list[str]]:
    """Return id -> ``diganti_oleh`` of the removed positions, departments, or units of department ``pd_id``."""
    if kind == "pelaksana":
        return {k: as_list(j.diganti_oleh) for k in org.pelaksana if (j := org.position(k)) and j.dihapus}
    if kind == "perangkat_daerah":
        return {k: as_list(pd.diganti_oleh) for k, pd in org.perangkat_daerah.items() if pd.dihapus}
    units = org.perangkat_daerah[pd_id].unit if pd_id in org.perangkat_daerah else {}
    return {k: as_list(u.diganti_oleh) for k, u in units.items() if isinstance(u, Unit) and u.dihapus}


def cycle_of(org: Organisasi, start: str, kind: str = "pelaksana", pd_id: str | None = None) -> list[str] | None:
    """Return the cycle a removed entry's replacements run into, if any (for a message)."""
    prefix = {"pelaksana": ("pelaksana",), "perangkat_daerah": ("perangkat_daerah",)}.get(
        kind, ("perangkat_daerah", pd_id, "unit"))
    loops = [loop for path, loop in cycles(org) if path[:-2] == prefix]
    if not loops:
        return None
    graph = removed_graph(org, kind, pd_id)
    reached, todo = {start}, [start]
    while todo:
        for nxt in graph.get(todo.pop(), []):
            if nxt in graph and nxt not in reached:
                reached.add(nxt)
                todo.append(nxt)
    return next((loop for loop in loops if reached & set(loop)), None)


_LABEL = {"unit": "unit", "perangkat_daerah": "perangkat daerah"}


def signer_changes(org: Organisasi, kind: str, old: str, new: str, notes: list[str]) -> dict[str, str]:
    """Return the signer ids to replace (old -> new): the post itself when it signs (the official with its id),
    or the head of a replaced department."""
    if kind == "pelaksana" and old in org.pejabat:
        if new in org.pejabat:
            return {old: new}
        notes.append(f"'{old}' juga pejabat penanda tangan, tetapi '{new}' belum ada di 'pejabat' organisasi.yaml; "
                     "tambahkan lalu jalankan lagi agar pengesah dan kepala Perangkat Daerah ikut diganti")
    elif kind == "perangkat_daerah":
        before, after = org.perangkat_daerah[old].kepala, org.perangkat_daerah[new].kepala
        if before and after and before != after:
            return {before: after}
    return {}


def _is_head(name: str | None) -> bool:
    return (name or "").casefold().startswith("kepala ")


def moved_heads(org: Organisasi, kind: str, old: str, new: str) -> list[str]:
    """Return a note for each head post the change moves into a unit or department that already has its own."""
    if kind == "pelaksana":
        return []
    pd_of = (lambda p: p.perangkat_daerah) if kind == "perangkat_daerah" else (lambda p: p.unit)
    pd_id = None if kind == "perangkat_daerah" else next(k for k, pd in org.perangkat_daerah.items() if old in pd.unit)
    heads: dict[str, list[str]] = {old: [], new: []}
    for actor_id in org.pelaksana:
        pos = org.position(actor_id)
        if pos is None or pos.dihapus or not _is_head(pos.nama) or pd_of(pos) not in heads:
            continue
        if (kind == "perangkat_daerah" and pos.unit is None) or (kind == "unit" and pos.perangkat_daerah == pd_id):
            heads[pd_of(pos)].append(actor_id)
    return [f"jabatan '{h}' ({org.position_name(h)}) pindah ke {_LABEL[kind]} '{new}' yang sudah punya "
            f"{', '.join(repr(k) for k in heads[new])}; bila jabatan itu dihapus, tandai 'dihapus' dan 'diganti_oleh' "
            f"lalu jalankan: petaproses ubah-jabatan {h} {heads[new][0]}" for h in heads[old] if heads[new]]


__all__ = ["SIGNERS", "signers", "removed_head", "texts", "text_mentions", "place", "cycles", "cycle_of",
           "removed_graph", "signer_changes", "moved_heads"]
