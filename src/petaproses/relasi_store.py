"""Each map's hand-offs as the last build derived them, kept in the output folder (``.petaproses/serah-terima/``:
16 files by the sha-256 of each map's path, as the parsed documents are, so an edit rewrites one).

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

import dataclasses
import itertools
import json
import os
from pathlib import Path

from . import relasi, relasi_keys
from .atomic import write_atomic
from .model import PetaLintasFungsi
from .relasi_handoffs import Handoff
from .state import SHARDS, STATE_DIR, by_shard, read_json, remove, shard_of, target, version_key

FOLDER = f"{STATE_DIR}/serah-terima"
OLD_FILE = f"{STATE_DIR}/serah-terima.json"  # earlier versions: one file, rewritten whole; deleted on a write

# map path -> (sha, actors, rows) as this process last read or wrote the files; per output folder and file,
# the entries that file holds (None: one it holds is not as this process would write it); each entry's bytes
# as last written (a process that builds again writes only the edited map's entry anew)
_HELD: dict[str, tuple[str, tuple[str, ...], str]] = {}
_ON_DISK: dict[tuple[str, str], dict] = {}
_BYTES: dict[str, tuple[tuple, bytes]] = {}


def shard_file(shard: str) -> str:
    return f"{FOLDER}/{shard}.json"


def _where(out: Path) -> str:
    return os.path.abspath(out)  # siaga runs each command in its own working folder


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
            _ON_DISK.get((_where(out), shard_of(doc.path)), {})[doc.path] = None
            continue
        relasi.keep(doc, *revived)
        primed += 1
    return primed


def _read(out: Path) -> dict[str, tuple[str, tuple[str, ...], str]]:
    found: dict = {}
    for shard in SHARDS:
        _ON_DISK.pop((_where(out), shard), None)
        parsed = read_json(out / shard_file(shard))
        if not isinstance(parsed, dict) or parsed.get("versi") != version_key() \
                or not isinstance(parsed.get("peta"), dict):
            continue
        mine = _ON_DISK[_where(out), shard] = {}
        for path, e in parsed["peta"].items():
            if isinstance(e, list) and len(e) == 3 and isinstance(e[0], str) and isinstance(e[1], list) \
                    and all(isinstance(a, str) for a in e[1]) and isinstance(e[2], str) and shard_of(path) == shard:
                found[path] = mine[path] = (e[0], tuple(e[1]), e[2])
            else:
                mine[path] = None  # the file is written again without it
    _HELD.clear()
    _HELD.update(found)
    return found


_NONE = type(None)
_FIELDS = tuple(f.name for f in dataclasses.fields(Handoff))
_new = object.__new__
# the types a row may hold: source, target, code, department, step number, what passes, manual, step id
_ROWS = frozenset(itertools.product((str,), (str,), (str,), (str, _NONE), (int, _NONE), (str, _NONE), (bool,),
                                    (str, _NONE)))


def _revive(doc: PetaLintasFungsi, actors: tuple[str, ...], lines: str):
    """Return (hand-offs, actors) from an entry's rows (one JSON array per line), or None when one is odd."""
    texts = lines.split("\n") if lines else []
    try:
        rows = json.loads("[" + lines.replace("\n", ",") + "]") if lines else []
    except (ValueError, RecursionError):
        return None
    if len(rows) != len(texts):  # a line held two rows: the texts no longer match them
        return None
    kode, pd = doc.kode, doc.perangkat_daerah
    out: list = []
    fields, rowtypes, append = _FIELDS, _ROWS, out.append
    for row in rows:  # checked and made in one pass (an odd row: None, whatever was made before it)
        if type(row) is not list or tuple(map(type, row)) not in rowtypes or row[2] != kode or row[3] != pd:
            return None
        # made as the frozen dataclass's __init__ makes it, minus its 8 object.__setattr__ calls
        handoff = _new(Handoff)  # (~22,000 hand-offs for 1,000 SOPs: a third of this function's time)
        handoff.__dict__.update(zip(fields, row))
        append(handoff)
    relasi_keys.seed(zip(out, map(str.encode, texts)))
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
    written = False
    for shard, mine in by_shard(entries).items():
        rel = shard_file(shard)
        if _ON_DISK.get((_where(out), shard), {}) == mine and (not mine or (out / rel).is_file()):
            continue  # the file holds exactly these (or none is needed)
        chunks = []
        for path, entry in mine.items():
            done = _BYTES.get(path)
            if done is None or done[0] != entry:
                sha, actors, lines = entry
                done = _BYTES[path] = (entry, (json.dumps(path) + ":" + json.dumps(
                    [sha, list(actors), lines], separators=(",", ":"))).encode())
            chunks.append(done[1])
        write_atomic(target(out, rel), b'{"peta":{' + b",".join(chunks) + b'},"versi":' +
                     json.dumps(version_key()).encode() + b"}")
        _ON_DISK[_where(out), shard] = mine
        written = True
    for path in set(_BYTES) - set(entries):
        del _BYTES[path]
    if written:
        remove(out, OLD_FILE)
    _HELD.clear()
    _HELD.update(entries)
    return written


__all__ = ["FOLDER", "prime", "save", "shard_file"]
