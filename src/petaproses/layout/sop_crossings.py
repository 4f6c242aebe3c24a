"""Which lines of a flowchart page cross: a segment of one runs through the inside of a segment of the other,
or runs on the same straight line as it with less than ``MEET`` between them (the two read as one line).
Arrows that end in the same point join there and do not count, nor lines that leave one point (the exits of
a decision with no free corner part there).  Lines whose boxes are apart are never
compared segment by segment."""

from __future__ import annotations

from typing import Iterator

from .page import mm
from .primitives import Line
from .sop_costs import NORMAL

MEET = mm(5)  # collinear segments of two lines nearer than this read as one line: counted as a crossing


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
    """True when lines with these boxes neither cross nor meet: a crossing lies inside both boxes; segments
    that meet share an x (or a y) and lie less than ``MEET`` apart along it."""
    share_x, share_y = a[0] <= b[1] and b[0] <= a[1], a[2] <= b[3] and b[2] <= a[3]
    near_x, near_y = a[0] < b[1] + MEET and b[0] < a[1] + MEET, a[2] < b[3] + MEET and b[2] < a[3] + MEET
    return not (share_x and near_y or share_y and near_x)


def crossings_of(line: Line, lines: list[Line]) -> int:
    box = _box(line)
    return sum(_cross_count(line, o) for o in lines if o is not line and not _apart(box, _box(o)))


def _cross_count(a: Line, b: Line) -> int:
    return cross_count(a.points, b.points)


def cross_count(pa: list, pb: list) -> int:
    """Return how often the lines through points ``pa`` and ``pb`` cross (see the module)."""
    if pa[-1] == pb[-1] or pa[0] == pb[0]:  # arrows that join; exits that part
        return 0
    n = 0
    theirs = _segments(pb)
    for i, (px, py, qx, qy, pxl, pxh, pyl, pyh) in enumerate(_segments(pa)):
        for j, (rx, ry, sx, sy, rxl, rxh, ryl, ryh) in enumerate(theirs):
            # one horizontal through the inside of the other, vertical (either way round)
            if py == qy and rx == sx and pxl < rx < pxh and ryl < py < ryh:
                n += 1
            if ry == sy and px == qx and rxl < px < rxh and pyl < ry < pyh:
                n += 1
            # both on one vertical or one horizontal line, nearer than MEET along it
            if px == qx == rx == sx and _meet(pa, i, pb, j, 1):
                n += 1
            if py == qy == ry == sy and _meet(pa, i, pb, j, 0):
                n += 1
    return n


def _segments(pts: list) -> list[tuple[int, ...]]:
    """Each segment of a line: its two ends' coordinates, then its extent along x and along y (low, high)."""
    return [(px, py, qx, qy, *((px, qx) if px <= qx else (qx, px)), *((py, qy) if py <= qy else (qy, py)))
            for (px, py), (qx, qy) in zip(pts, pts[1:])]


def _meet(pa: list, i: int, pb: list, j: int, o: int) -> bool:
    """Whether segment i of one line and segment j of another, on one straight line (``o``: the coordinate
    along it), read as one line: they run along each other, or one carries on where the other stops, less than
    MEET away, in the same direction, the ends that face each other turning to opposite sides (two nested
    bends, or two lines coming head to head, read as two lines)."""
    (a0, a1), (b0, b1) = sorted((pa[i][o], pa[i + 1][o])), sorted((pb[j][o], pb[j + 1][o]))
    gap = max(b0 - a1, a0 - b1)
    if gap < 0:
        return True
    if gap >= MEET or (pa[i + 1][o] > pa[i][o]) != (pb[j + 1][o] > pb[j][o]):
        return False
    first_a = a1 <= b0  # segment i comes first along the line: its far end faces segment j's near end
    turn_a, turn_b = _turn(pa, i, a1 if first_a else a0, o), _turn(pb, j, b0 if first_a else b1, o)
    return turn_a != turn_b or turn_a == 0


def _turn(pts: list, i: int, at: int, o: int) -> int:
    """To which side (-1, 1) the line turns at the end of segment i that lies at ``at`` along it; 0: it ends
    there."""
    k, nb = (i, i - 1) if pts[i][o] == at else (i + 1, i + 2)
    if not 0 <= nb < len(pts):
        return 0
    d = pts[nb][1 - o] - pts[k][1 - o]
    return (d > 0) - (d < 0)


def corner_passes(lines: list[Line], shapes: list) -> list[tuple[Line, object]]:
    """(line, decision) where the line runs across a free corner of the decision less than ``MEET`` out from
    it: it reads as that corner's exit.  A corner is free when no line starts or ends there."""
    ends = {ln.points[0] for ln in lines} | {ln.points[-1] for ln in lines}
    out = []
    for sh in shapes:
        if sh.kind != "decision":
            continue
        for port, (nx, ny) in NORMAL.items():
            px, py = sh.port(port)
            if (px, py) in ends:
                continue
            # the stretch of the corner's normal within MEET of it, as a box (lo, hi) on each axis
            xlo, xhi = sorted((px, px + nx * MEET))
            ylo, yhi = sorted((py, py + ny * MEET))
            for ln in lines:
                if any(_touches(p, q, xlo, xhi, ylo, yhi) for p, q in zip(ln.points, ln.points[1:])):
                    out.append((ln, sh))
    return out


def _touches(p: tuple[int, int], q: tuple[int, int], xlo: int, xhi: int, ylo: int, yhi: int) -> bool:
    return min(p[0], q[0]) <= xhi and xlo <= max(p[0], q[0]) and min(p[1], q[1]) <= yhi and ylo <= max(p[1], q[1])
