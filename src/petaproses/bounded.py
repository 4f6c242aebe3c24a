"""Read an open file up to a limit, allocating for what it holds rather than for the limit.

``open(...).read(limit + 1)`` allocates ``limit + 1`` bytes first: 2 MB for each YAML file read (four times as
long as reading it, for a 5 kB SOP), 256 MB for a cache.  Reading from the size ``fstat`` gave, then on in
small steps, costs what the file holds; a file that grew meanwhile is still read up to one byte over the limit,
so the caller can refuse it.
"""

from __future__ import annotations

import os

_STEP = 1 << 16


def read_bounded(fd: int, size: int, limit: int) -> bytes:
    """Return the bytes of descriptor ``fd`` (whose size was ``size``) up to the end or ``limit + 1`` bytes."""
    parts: list[bytes] = []
    got, want = 0, size + 1  # a byte more than its size: one that grew is read on
    while got <= limit:
        part = os.read(fd, min(want, limit + 1 - got))
        if not part:
            break
        parts.append(part)
        got, want = got + len(part), _STEP
    return parts[0] if len(parts) == 1 else b"".join(parts)
