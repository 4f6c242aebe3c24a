"""Which lines of a flowchart page cross: a segment of one runs through the inside of a segment of the other
(arrows that end in the same point join there and do not count).  Lines whose boxes are apart are never
compared segment by segment."""

from __future__ import annotations

from typing import Iterator

from .primitives import Line


def crossing_pairs(lines: list[Line]) -> list[tuple[Line, Line]]:
    """Pairs of lines that cross (a segment of one runs through the inside of a segment of the other);
    arrows that end in the same point join there and do not count."""
    return list(iter_crossing_pairs(lines))


def iter_crossing_pairs(lines: list[Line]) -> Iterator[tuple[Line, Line]]:
    """``crossing_pairs``, in the same order, found as they are asked for."""
    boxes = [_box(ln) for ln in lines]
    for i, a in enumerate(lines):
        box = boxes[i]
        for j in range(i + 1, len(lines)):
            if _apart(box, boxes[j]):
                continue
            if _cross_count(a, lines[j]):
                yield a, lines[j]


def _box(line: Line) -> tuple[int, int, int, int]:
    xs, ys = [p[0] for p in line.points], [p[1] for p in line.points]
    return min(xs), max(xs), min(ys), max(ys)


def _apart(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    """True when lines with these boxes cannot cross: a crossing point lies strictly inside the horizontal
    segment's span and the vertical one's, so inside both boxes."""
    return a[1] <= b[0] or b[1] <= a[0] or a[3] <= b[2] or b[3] <= a[2]


def crossings_of(line: Line, lines: list[Line]) -> int:
    box = _box(line)
    return sum(_cross_count(line, o) for o in lines if o is not line and not _apart(box, _box(o)))


def _cross_count(a: Line, b: Line) -> int:
    if a.points[-1] == b.points[-1]:
        return 0
    n = 0
    for p, q in zip(a.points, a.points[1:]):
        for r, s in zip(b.points, b.points[1:]):
            for (h0, h1), (v0, v1) in (((p, q), (r, s)), ((r, s), (p, q))):
                if h0[1] == h1[1] and v0[0] == v1[0] and min(h0[0], h1[0]) < v0[0] < max(h0[0], h1[0]) and \
                        min(v0[1], v1[1]) < h0[1] < max(v0[1], v1[1]):
                    n += 1
    return n
