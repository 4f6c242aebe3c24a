"""The build's store of *parts*: data a renderer returns for later units (e.g. an SOP body for the book).

A part's name starts with "." (renderer contract, render/__init__.py).  Parts live in the output folder's
state folder, ``.petaproses/bagian/<perangkat_daerah>/<name>``, never beside the outputs, so the site
does not list or link them.  Everything read back from there is untrusted: names are checked, sizes
limited, symlinks refused, and the bytes are handed over as bytes (never executed or unpickled); the
renderer checks their content itself.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path

from .atomic import write_atomic

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
    view = Live(out, pd_id, prefixes)
    parts: dict[str, bytes] = {}
    for name in view:
        data = view.get(name)
        if data is not None:
            parts[name] = data
    return parts


class Live(Mapping):
    """The stored parts of one department whose names start with one of ``prefixes``, read when asked for:
    a part that a document's unit stores while the department's unit runs (one edit: both at once) is seen
    when asked for again.  Checked as ``load`` checks them; an odd one is missing."""

    def __init__(self, out: Path, pd_id: str, prefixes: tuple[str, ...]):
        self.base, self.prefixes = folder(out, pd_id), prefixes

    def _wanted(self, name: object) -> bool:
        return isinstance(name, str) and bool(_NAME.match(name)) and name.startswith(self.prefixes)

    def __getitem__(self, name: str) -> bytes:
        data = _read(self.base / name) if self._wanted(name) else None
        if data is None:
            raise KeyError(name)
        return data

    def __iter__(self) -> Iterator[str]:
        try:
            names = sorted(os.listdir(self.base))
        except OSError:
            return iter(())
        return iter([n for n in names if self._wanted(n)])

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _read(path: Path) -> bytes | None:
    """Return the bytes of the part file ``path``; None when it is a symlink, not a regular file, too big or
    unreadable."""
    if path.is_symlink():
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))  # nor one swapped in since
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_PART_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(MAX_PART_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data if len(data) <= MAX_PART_BYTES else None
