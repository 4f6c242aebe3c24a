"""The whole-catalogue files (peta relasi, application matrix), made by piece: what did not change is kept.

A renderer with ``catalogue_pieces`` hands over (key, make) per group of files (a relation map, a matrix)
whose bytes are a function of the key.  The manifest (``katalog.potongan``) records key -> {file: size}; a
recorded key whose files are all still there at their sizes is not made again.  Read back from output/, the
record is untrusted (state.py checks names and paths); a mismatch only costs making the piece again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from functools import partial
from pathlib import Path
from typing import Callable

from . import state as st
from .atomic import write_atomic

_HEX = re.compile(r"^[0-9a-f]{64}$")


def render_catalogue_files(plan, out: Path, manifest: dict, result) -> dict:
    """Write the files of renderers that work on the whole catalogue; return their manifest section.

    A renderer with ``catalogue_pieces`` hands over (key, make) per group of files (a relation map, a matrix)
    whose bytes are a function of the key: a key recorded by the last build whose files are still there, at
    their recorded sizes, is not made again.
    """
    from .unit_hashes import catalogue_base

    others = b"".join(plan.cat.sources.get(d.path, b"") for d in plan.cat.others())  # e.g. peta-relasi files
    base = catalogue_base(plan.renderers, plan.options)
    catalogue_hash = hashlib.sha256(json.dumps(sorted(plan.hashes.items())).encode() + base.encode()
                                    + others).hexdigest()
    old = manifest.get("katalog", {})
    if plan.catalogue_stale:  # drawn from every document: the last good version stays while one is broken
        return dict(old, basi=True) if old else {"hash": "", "berkas": []}
    if old.get("hash") == catalogue_hash and all((out / f).is_file() for f in old.get("berkas", [])):
        return {k: v for k, v in old.items() if k != "basi"}
    recorded = old.get("potongan", {})
    pieces: dict[str, Callable] = {}
    for r in plan.renderers:
        if not r.per_catalogue:
            continue
        if not hasattr(r.module, "catalogue_pieces"):
            pieces[f"{r.name}:{base}"] = partial(r.module.render_catalogue, plan.cat)  # made every time
            continue
        for key, make in r.module.catalogue_pieces(plan.cat):
            pieces[hashlib.sha256(json.dumps([base, r.name, key]).encode()).hexdigest()] = make
    kept = {k: recorded[k] for k in pieces if k in recorded and _intact(out, recorded[k])}
    todo = [k for k in pieces if k not in kept]
    made: dict[str, dict] = {}
    from concurrent.futures import ThreadPoolExecutor

    # a relation map's time is its `dot` process: threads run several at once
    with ThreadPoolExecutor(max(1, min(len(todo), os.cpu_count() or 1))) as pool:
        for k, files in zip(todo, pool.map(lambda k: pieces[k](), todo)):
            made[k] = {}
            for name, data in sorted(files.items()):
                write_atomic(st.target(out, name), data)
                result.written.append(out / name)
                made[k][(out / name).relative_to(out).as_posix()] = len(data)
    section = {k: kept[k] if k in kept else made[k] for k in pieces}
    names = sorted({f for files in section.values() for f in files})
    section = {k: v for k, v in section.items() if _HEX.match(k)}  # a renderer without pieces: never kept
    folders = {f.split("/", 1)[0] for f in names}  # a renderer left out this time (--only) keeps its files
    for gone in set(old.get("berkas", [])) - set(names):  # e.g. the map of a department that has no process now
        if gone.split("/", 1)[0] in folders:
            st.remove(out, gone)
    return {"hash": catalogue_hash, "berkas": names, "potongan": section}


def _intact(out: Path, files: dict[str, int]) -> bool:
    """Return whether every recorded file of a piece is still there with its recorded size."""
    for name, size in files.items():
        try:
            if os.stat(out / name).st_size != size:
                return False
        except OSError:
            return False
    return True
