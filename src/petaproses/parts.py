"""The build's store of *parts*: data a renderer returns for later units (e.g. an SOP body for the book).

A part's name starts with "." (renderer contract, render/__init__.py).  Parts live in the output folder's
state folder, ``.petaproses/bagian/<perangkat_daerah>/<name>``, never beside the outputs, so the site
does not list or link them.  Everything read back from there is untrusted: names are checked, sizes
limited, symlinks refused, and the bytes are handed over as bytes (never executed or unpickled); the
renderer checks their content itself (an SOP body: the key of what it is made from, its digest, its counts).
Its shape is checked, not its origin: a body forged with the right key and digest is put in the book as
written, as a forged book would be; whoever can write the output folder can write its outputs too.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .atomic import write_atomic
from .bounded import read_bounded

STATE_DIR = ".petaproses"
STORE = f"{STATE_DIR}/bagian"
MAX_PART_BYTES = 16_000_000  # an SOP body is about 10-30 kB
_NAME = re.compile(r"^\.[A-Za-z0-9][A-Za-z0-9._-]{0,200}$")


def is_part(name: str) -> bool:
    """Return whether a renderer's file ``name`` is a part rather than an output file."""
    return name.startswith(".")


def check_name(name: str) -> None:
    """Raise ValueError for a part name that could escape its folder or is not one plain file name."""
    if not _NAME.match(name):
        raise ValueError(f"invalid part name {name!r}")


def folder(out: Path, pd_id: str) -> Path:
    return out / STORE / pd_id


def store(out: Path, pd_id: str, name: str, data: bytes) -> Path:
    """Write part ``name`` of department ``pd_id``; return its path."""
    check_name(name)
    if len(data) > MAX_PART_BYTES:
        raise ValueError(f"part {name!r} is {len(data)} bytes (limit {MAX_PART_BYTES})")
    target = folder(out, pd_id) / name
    write_atomic(target, data)
    return target


def load(out: Path, pd_id: str, prefixes: tuple[str, ...]) -> dict[str, bytes]:
    """Return the stored parts of department ``pd_id`` whose names start with one of ``prefixes``.

    Anything odd (bad name, symlink, not a regular file, too big, unreadable) is left out: the renderer
    then makes that part again itself.
    """
    base = folder(out, pd_id)
    try:
        names = sorted(os.listdir(base))
    except OSError:
        return {}
    parts: dict[str, bytes] = {}
    for name in names:
        if not _NAME.match(name) or not name.startswith(prefixes):
            continue
        if (base / name).is_symlink():
            continue
        try:
            fd = os.open(base / name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))  # nor one swapped in since
        except OSError:
            continue
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_PART_BYTES:
                continue
            data = read_bounded(fd, info.st_size, MAX_PART_BYTES)
        except OSError:
            continue
        finally:
            os.close(fd)
        if len(data) <= MAX_PART_BYTES:
            parts[name] = data
    return parts
