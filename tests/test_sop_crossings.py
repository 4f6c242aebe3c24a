"""Which lines of a page cross (layout/sop_crossings.py): lines whose boxes are apart are never compared
segment by segment, and the answers are those of comparing every pair."""

from __future__ import annotations

import random

from petaproses.layout.primitives import Line
from petaproses.layout.sop_crossings import _cross_count, crossing_pairs, crossings_of, iter_crossing_pairs


def _polyline(rng: random.Random) -> list[tuple[int, int]]:
    """An axis-parallel polyline on a small grid: ends, corners and segments often meet or touch."""
    pts = [(rng.randint(0, 8), rng.randint(0, 8))]
    for k in range(rng.randint(1, 4)):
        x, y = pts[-1]
        pts.append((rng.randint(0, 8), y) if k % 2 == 0 else (x, rng.randint(0, 8)))
    return pts


def test_crossings_are_those_of_every_pair_compared():
    rng = random.Random(16)
    for _ in range(3000):
        lines = [Line(_polyline(rng), f"l{i}", rng.random() < 0.7) for i in range(rng.randint(2, 7))]
        every = [(a, b) for i, a in enumerate(lines) for b in lines[i + 1:] if _cross_count(a, b)]
        assert crossing_pairs(lines) == every
        assert next(iter_crossing_pairs(lines), None) == (every[0] if every else None)
        for ln in lines:
            assert crossings_of(ln, lines) == sum(_cross_count(ln, o) for o in lines if o is not ln)


def test_a_crossing_and_a_touch():
    across = Line([(0, 5), (10, 5)], "a")
    down = Line([(5, 0), (5, 10)], "b")
    touching = Line([(10, 0), (10, 10)], "c")  # meets the end of ``across``: no crossing
    assert crossing_pairs([across, down, touching]) == [(across, down)]
    assert crossings_of(across, [across, down, touching]) == 1
