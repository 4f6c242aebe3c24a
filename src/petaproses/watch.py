"""When `serve` rebuilds: the input files' sizes and times, and waiting until an editor has finished saving."""

from __future__ import annotations

import os
import time
from pathlib import Path

from .state import MANIFEST


def snapshot_of(paths: list[str]) -> dict[str, tuple[int, int]]:
    """Return (size, mtime) of every input file: a change in either means a save.  Not the files of a build's
    output under a catalogue (its own site, when serve runs inside the catalogue): writing them is no save."""
    seen: dict[str, tuple[int, int]] = {}
    for p in paths:
        root = Path(p)
        files = [root] if root.is_file() else list(_inputs(root))
        for f in files:
            try:
                info = f.stat()
            except OSError:
                continue
            seen[str(f)] = (info.st_size, info.st_mtime_ns)
    return seen


def _inputs(root: Path):
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not os.path.isfile(os.path.join(folder, d, MANIFEST))]
        yield from (Path(folder) / n for n in names if n.endswith((".yaml", ".yml", ".png")))


def wait_until_stable(paths: list[str], current: dict, settle: float, stop=None, limit: float = 30.0) -> dict:
    """Return the snapshot once it has stayed the same for ``settle`` seconds (an editor finished saving).

    A save written in pieces can parse half-way; publishing it would show a page with rows missing.
    After ``limit`` seconds of constant change the files are taken as they are.
    """
    deadline = time.monotonic() + limit
    while not (stop and stop.is_set()):
        time.sleep(settle)
        now = snapshot_of(paths)
        if now == current or time.monotonic() > deadline:
            return now
        current = now
    return current
