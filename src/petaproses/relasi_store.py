"""Each map's hand-offs as the last build derived them, kept in the output folder (``.petaproses/serah-terima.json``).

A build in a new process (no `siaga`) takes an unchanged map's hand-offs from there instead of working out its
flow again, and their JSON for the relation digests (relasi_keys.py): one edit of 1,000 SOPs, ~0.25 s of the
build process's CPU.  A map's hand-offs depend on its file alone (and petaproses' code: the version key).

Read back as untrusted data (state.py): JSON only; an entry is used only for a map whose file's bytes have the
entry's sha-256 and whose rows have the fields' types and the map's code and department; anything odd is a miss
(the hand-offs are worked out).  As with the parsed documents, an entry forged with rows of the right shape is
taken as written: whoever can write the output folder can write its outputs too.  A row's JSON is hashed as
written: a row written in another form only makes the relation's digest differ (its outputs are made again),
never keeps an output of other hand-offs.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from . import relasi, relasi_keys
from .atomic import write_atomic
from .model import PetaLintasFungsi
from .relasi_handoffs import Handoff
from .state import STATE_DIR, read_json, target, version_key

FILE = f"{STATE_DIR}/serah-terima.json"

# map path -> (sha, actors, rows) as this process last read or wrote the file, and each entry's bytes as last
# written (a process that builds again writes only the edited map's entry anew)
_HELD: dict[str, tuple[str, tuple[str, ...], str]] = {}
_BYTES: dict[str, tuple[tuple, bytes]] = {}


def _maps(cat) -> list[PetaLintasFungsi]:
    return [d for d in cat.maps if isinstance(d, PetaLintasFungsi)]


def prime(out: Path, cat) -> int:
    """Hand relasi.py the stored hand-offs of each map of ``cat`` whose file is unchanged, when it holds those of
    none of them (a new process; one that built this catalogue before holds its own, and a map it does not hold
    was just changed); return how many."""
    maps = _maps(cat)
    if not maps or any(relasi.held(d) is not None for d in maps):
        return 0
    stored = _read(out)
    primed = 0
    for doc in maps:
        entry = stored.get(doc.path)
        if entry is None or entry[0] != cat.digest_of(doc.path):
            continue
        revived = _revive(doc, entry[1], entry[2])
        if revived is None:
            _HELD.pop(doc.path, None)  # written again from the hand-offs worked out
            continue
        relasi.keep(doc, *revived)
        primed += 1
    return primed


def _read(out: Path) -> dict[str, tuple[str, tuple[str, ...], str]]:
    parsed = read_json(out / FILE)
    if not isinstance(parsed, dict) or parsed.get("versi") != version_key() or not isinstance(parsed.get("peta"), dict):
        return {}
    found = {}
    for path, e in parsed["peta"].items():
        if isinstance(e, list) and len(e) == 3 and isinstance(e[0], str) and isinstance(e[1], list) \
                and all(isinstance(a, str) for a in e[1]) and isinstance(e[2], str):
            found[path] = (e[0], tuple(e[1]), e[2])
    _HELD.clear()
    _HELD.update(found)
    return found


_NONE = type(None)
# the types a row may hold: source, target, code, department, step number, what passes, manual, step id
_ROWS = frozenset(itertools.product((str,), (str,), (str,), (str, _NONE), (int, _NONE), (str, _NONE), (bool,),
                                    (str, _NONE)))


def _revive(doc: PetaLintasFungsi, actors: tuple[str, ...], lines: str):
    """Return (hand-offs, actors) from an entry's rows (one JSON array per line), or None when one is odd."""
    texts = lines.split("\n") if lines else []
    try:
        rows = json.loads("[" + ",".join(texts) + "]")
    except (ValueError, RecursionError):
        return None
    if len(rows) != len(texts):  # a line held two rows: the texts no longer match them
        return None
    kode, pd = doc.kode, doc.perangkat_daerah
    for row in rows:
        if type(row) is not list or tuple(map(type, row)) not in _ROWS or row[2] != kode or row[3] != pd:
            return None
    out = [Handoff(*row) for row in rows]
    relasi_keys.seed(zip(out, (t.encode() for t in texts)))
    return out, actors


def save(out: Path, cat) -> bool:
    """Write the hand-offs of every map of ``cat`` when relasi.py holds them all (a build that derived the
    relations) and they are not what the file holds already; return whether it was written."""
    entries: dict[str, tuple[str, tuple[str, ...], str]] = {}
    for doc in _maps(cat):
        held = relasi.held(doc)
        if held is None:
            return False
        sha = cat.digest_of(doc.path)
        hit = _HELD.get(doc.path)
        if hit is None or hit[0] != sha:
            hit = (sha, held[1], "\n".join(relasi_keys.handoff_json(h).decode() for h in held[0]))
        entries[doc.path] = hit
    if entries == _HELD and (out / FILE).is_file():
        return False
    chunks = []
    for path in sorted(entries):
        done = _BYTES.get(path)
        if done is None or done[0] != entries[path]:
            sha, actors, lines = entries[path]
            done = _BYTES[path] = (entries[path], (json.dumps(path) + ":" + json.dumps(
                [sha, list(actors), lines], separators=(",", ":"))).encode())
        chunks.append(done[1])
    for path in set(_BYTES) - set(entries):
        del _BYTES[path]
    write_atomic(target(out, FILE), b'{"peta":{' + b",".join(chunks) + b'},"versi":' +
                 json.dumps(version_key()).encode() + b"}")
    _HELD.clear()
    _HELD.update(entries)
    return True


__all__ = ["FILE", "prime", "save"]
