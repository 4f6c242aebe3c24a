"""What a relation map's outputs are made again on: digests of the maps relasi.py derives.

``fingerprint``: what a map shows (a book that prints it changes with it); ``digests``: every field a map holds,
its hand-offs too (a picture or page made from nothing else is made again exactly when it changes).
"""

from __future__ import annotations

import hashlib
import json

from .relasi import Handoff, Relation, RelationMap


def fingerprint(rmap: RelationMap) -> bytes:
    """Return a digest of everything a relation map shows (what a book that prints it depends on)."""
    data = [rmap.title, rmap.threshold, [list(vars(p).values()) for p in rmap.parties.values()],
            [[r.source, r.target, r.items, r.processes, r.manual, r.derived] for r in rmap.relations],
            [[r.source, r.target] for r in rmap.hidden], sorted(rmap.units.items())]
    return hashlib.sha256(json.dumps(data, default=str).encode()).digest()


def _plain(value: object) -> object:
    """json.dumps' fallback for ``digests``: a dataclass as its fields, a pydantic model as its JSON data."""
    if hasattr(value, "model_dump"):  # its file's path is no field: kept beside the data
        return [value.model_dump(mode="json"), getattr(value, "path", None)]
    if hasattr(value, "__dataclass_fields__"):
        return [[k, v] for k, v in vars(value).items()]
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    raise TypeError(type(value).__name__)


# (source, target, ids of the hand-offs) -> (those hand-offs, digest), of the last call: a process that builds
# again (`siaga`) derives new relations from the same hand-off objects (relasi._KEPT), frozen and held here
_LAST: dict[tuple, tuple[tuple, str]] = {}


# id of a hand-off -> (the hand-off, its JSON) of the last call: a relation that one new hand-off joined (one
# edit of 1,000 SOPs: ~10 relations of ~1,000 hand-offs each) is hashed from the others' JSON kept here
_HANDOFF_JSON: dict[int, tuple[Handoff, bytes]] = {}


def _encode(handoff: Handoff) -> bytes:
    return json.dumps(list(vars(handoff).values()), default=_plain).encode()  # one line: no raw newline in JSON


def handoff_json(handoff: Handoff) -> bytes:
    """Return the JSON a relation's digest hashes for ``handoff``."""
    found = _HANDOFF_JSON.get(id(handoff))
    return found[1] if found is not None and found[0] is handoff else _encode(handoff)


def seed(pairs) -> None:
    """Hold each (hand-off, its JSON as ``handoff_json`` wrote it) for the next ``digests`` (relasi_store.py)."""
    _HANDOFF_JSON.update((id(h), (h, text)) for h, text in pairs)


def _relation_digest(rel: Relation, parts: dict[int, tuple[Handoff, bytes]]) -> str:
    """Digest of the relation's fields and of each hand-off's JSON (one line each: JSON holds no raw newline)."""
    h = hashlib.sha256(json.dumps([[k, v] for k, v in vars(rel).items() if k not in ("handoffs", "_memo")],
                                  default=_plain).encode())
    lines = [b""]  # each hand-off's JSON after a newline, hashed in one update (the same bytes as one by one)
    held = _HANDOFF_JSON.get
    for handoff in rel.handoffs:  # handoff_json inline: ~1,000 hand-offs in each relation an edit joins
        key = id(handoff)
        found = held(key)
        if found is None or found[0] is not handoff:  # hand-offs are frozen: the same object, the same JSON
            found = (handoff, _encode(handoff))
        parts[key] = found
        lines.append(found[1])
    if len(lines) > 1:
        h.update(b"\n".join(lines))
    return h.hexdigest()


def digests(rmaps: list[RelationMap]) -> list[str]:
    """Return one hex digest per relation map of *every* field it holds (its hand-offs too).

    A renderer or page that reads nothing but the map (and what its key adds) is made again exactly when
    this changes.  Relations are shared between views (and calls): each is hashed once.
    """
    seen: dict[tuple, tuple[tuple, str]] = {}
    parts: dict[int, tuple[Handoff, bytes]] = {}

    def relation(rel: Relation) -> str:  # kept on the relation: views and callers share their relations
        def make() -> str:
            held = tuple(rel.handoffs)
            key = (rel.source, rel.target, tuple(map(id, held)))
            found = _LAST.get(key)
            seen[key] = found if found is not None else (held, _relation_digest(rel, parts))
            return seen[key][1]
        return rel._cached("digest", make)

    out = []
    for rmap in rmaps:
        if rmap._digest is None:  # a view is only read once made: kept on it (views are shared in a build)
            data = {f: getattr(rmap, f) for f in rmap.__dataclass_fields__ if f != "_digest"}
            data["relations"] = [relation(r) for r in rmap.relations]
            data["hidden"] = [relation(r) for r in rmap.hidden]
            data["units"] = sorted([list(k), v] for k, v in rmap.units.items())
            rmap._digest = hashlib.sha256(json.dumps(data, default=_plain, sort_keys=True).encode()).hexdigest()
        out.append(rmap._digest)
    if seen:  # the relations hashed now: what the next call may meet again, nothing older
        _LAST.clear()
        _LAST.update(seen)
    if parts:
        _HANDOFF_JSON.clear()
        _HANDOFF_JSON.update(parts)
    return out


__all__ = ["fingerprint", "digests"]
