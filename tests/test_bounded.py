"""bounded.read_bounded: what ``read(limit + 1)`` returned, without allocating the limit."""

from __future__ import annotations

import os

import pytest

from petaproses.bounded import read_bounded


@pytest.mark.parametrize("length", [0, 1, 100, 65_535, 65_536, 200_000])
@pytest.mark.parametrize("size_seen", ["exact", "grew", "shrank"])
@pytest.mark.parametrize("limit", [50, 65_536, 1_000_000])
def test_reads_what_a_buffered_read_of_limit_plus_one_reads(tmp_path, length, size_seen, limit):
    data = bytes(i % 251 for i in range(length))
    path = tmp_path / "f"
    path.write_bytes(data)
    # the size fstat gave may be older than the file: it grew or shrank since
    size = {"exact": length, "grew": max(length - 70_000, 0), "shrank": length + 70_000}[size_seen]
    fd = os.open(path, os.O_RDONLY)
    try:
        got = read_bounded(fd, size, limit)
    finally:
        os.close(fd)
    with open(path, "rb") as fh:
        assert got == fh.read(limit + 1)
