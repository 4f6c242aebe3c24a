"""Orthogonal routes of the flows of a placed BPMN graph (``bpmn_di``): waypoints in px.

Direct L/Z shapes when they touch no element, else through the free corridors: the gaps between columns and
the strips above and below each row of a lane (the strip between two rows is one channel), on tracks.
Nothing is drawn in a gap or a strip, so a route made of those always clears every node.
"""

from __future__ import annotations

from .bpmn_geometry import GAP, TRACK, Geometry
from .bpmn_graph import BpmnFlow, BpmnGraph, BpmnNode

Band = tuple[int, int]  # (lane, row)
SPREAD = 2  # tracks between two edges side by side, where the gap or strip has room
Point = tuple[int, int]
Run = tuple[int, int, int, str]  # a segment in a gap or strip: from, to, track, the node it arrives at ("": none)


class _Router:
    """The tracks taken in each gap and strip, so parallel edges there keep apart."""

    def __init__(self, g: BpmnGraph, geo: Geometry):
        self.g, self.geo = g, geo
        self.gaps: dict[int, list[Run]] = {}
        self.strips: dict[tuple[int, int], list[Run]] = {}

    def _track(self, used: list[Run], lo: int, hi: int, limit: int, target: str) -> int:
        """Return the track of a run along [lo, hi]: the one of a run to the same ``target`` it overlaps (they
        merge like the branches of a tree), else the first free one at least SPREAD tracks from every track
        taken alongside, else the free one farthest from them: two edges one track apart read as one thick
        line (review P: three back edges stacked within 20 px along a lane's bottom)."""
        runs = [(t, to) for a, b, t, to in used if not (hi + 4 < a or lo - 4 > b)]
        kin = [t for t, to in runs if target and to == target]
        if kin:
            return kin[0]
        beside = [t for t, _ in runs]
        free = [k for k in range(limit) if k not in beside]
        if not free:
            return 0
        return max(free, key=lambda k: (min([abs(k - t) for t in beside] + [SPREAD]), -k))

    def gap_x(self, col: int, y0: int, y1: int, commit: bool, target: str = "") -> int:
        """Return the x of a vertical segment in the gap before column ``col`` (``target``: the node it arrives
        at, when it is the route's last run in the gap)."""
        used = self.gaps.setdefault(col, [])
        lo, hi = min(y0, y1), max(y0, y1)
        k = self._track(used, lo, hi, (self.geo.gap_w[col] - 20) // TRACK, target)
        if commit:
            used.append((lo, hi, k, target))
        if self.geo.gap_w[col] > GAP:  # widened for the names of the flows that leave into it: keep its left free
            return self.geo.col_x[col] - 15 - k * TRACK
        return self.geo.gap_left(col) + 15 + k * TRACK

    def strip_y(self, band: Band, side: str, x0: int, x1: int, target: str = "") -> int:
        """Return the y of a horizontal segment in the strip above or below the row ``band`` (``target``: the
        node whose top or bottom it leads to)."""
        key = self.geo.channel(band, side)
        used = self.strips.setdefault(key, [])
        lo, hi = min(x0, x1), max(x0, x1)
        k = self._track(used, lo, hi, self.geo.tracks(key), target)
        used.append((lo, hi, k, target))
        return self.geo.track_y(key, k)

    def clear(self, points: list[Point], skip: set[str]) -> bool:
        for (ax, ay), (bx, by) in zip(points, points[1:]):
            lo_x, hi_x, lo_y, hi_y = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
            for n in self.g.nodes:
                if n.id in skip:
                    continue
                if lo_x < n.x + n.w + 2 and hi_x > n.x - 2 and lo_y < n.y + n.h + 2 and hi_y > n.y - 2:
                    return False
        return True


def _is_bus(g: BpmnGraph, f: BpmnFlow) -> bool:
    """A level-1 start-fork or final-join flow that runs along a lane strip; one within a lane and between
    its rows is an ordinary L instead (the fork's lane holds the side-by-side sources)."""
    s, t = g.by_id[f.source], g.by_id[f.target]
    return bool(f.bus) and not (s.lane == t.lane and s.row != t.row)


def _sides(g: BpmnGraph) -> dict[str, tuple[str, str]]:
    """Return (exit side, entry side) per flow: right/left forward, bottom for loops, corners by band.

    A gateway's branches to other rows of its lane, and a parallel split's branches to other lanes (one
    activity of several actors), share its bottom (or top) side like the trunk of a tree; a decision's
    branches to other lanes and loops each take a side of their own.  A join leaves by its right side: the
    flows into it may come up or down its bottom or top.
    """
    sides: dict[str, tuple[str, str]] = {}
    by = g.by_id
    for node in g.nodes:
        outs = [f for f in g.flows if f.source == node.id and not _is_bus(g, f)]
        taken = {_bus(g, f)[0] for f in g.flows if f.source == node.id and _is_bus(g, f)}
        rest = []
        for f in outs:
            t = by[f.target]
            if node.is_gateway and node.direction != "Converging" and not f.back and t.band != node.band and (
                    t.lane == node.lane or node.kind == "parallelGateway"):
                side = "bottom" if t.band > node.band else "top"
                sides[f.id] = (side, "")
                taken.add(side)
            else:
                rest.append(f)
        if not node.is_gateway or len(outs) == 1:
            for f in rest:
                sides[f.id] = ("bottom" if f.back else "right", "")
            continue
        for f in sorted(rest, key=lambda f: (f.back, by[f.target].lane != node.lane, by[f.target].col)):
            t = by[f.target]
            want = ("bottom" if f.back else "right" if t.lane == node.lane
                    else "bottom" if t.lane > node.lane else "top")
            free = [s for s in (want, "right", "bottom", "top") if s not in taken]
            side = free[0] if free else want
            taken.add(side)
            sides[f.id] = (side, "")
    for f in g.flows:
        s, t = by[f.source], by[f.target]
        if f.id not in sides:
            continue
        if f.back:
            entry = "bottom"
        elif t.is_gateway and t.direction == "Converging":
            entry = "left" if s.band == t.band else "top" if s.band < t.band else "bottom"
        else:
            entry = "left"
        sides[f.id] = (sides[f.id][0], entry)
    return sides


def _bus(g: BpmnGraph, f: BpmnFlow) -> tuple[str, str, Band, str]:
    """Return (exit side, entry side, row band, strip side) of a level-1 bus flow.

    The start fork reaches a process through the strip of the process's row that faces away from the
    fork's row, entering from above or below; a process reaches the final join through the strip of its own
    row that faces the join's row.  Flows of one strip overlap there like the branches of a tree.
    """
    s, t = g.by_id[f.source], g.by_id[f.target]
    if f.bus == "from":
        return ("top", "top", t.band, "top") if t.band <= s.band else ("bottom", "bottom", t.band, "bottom")
    if s.band < t.band:
        return "bottom", "top", s.band, "bottom"
    if s.band == t.band:
        return "bottom", "bottom", s.band, "bottom"
    return "top", "bottom", s.band, "top"


def _port(n: BpmnNode, side: str) -> Point:
    return {"right": (n.x + n.w, n.cy), "left": (n.x, n.cy), "top": (n.cx, n.y), "bottom": (n.cx, n.y + n.h)}[side]


def _route_bus(router: _Router, g: BpmnGraph, f: BpmnFlow) -> list[Point]:
    s, t = g.by_id[f.source], g.by_id[f.target]
    direct = [_port(s, "right"), _port(t, "left")]
    if s.band == t.band and direct[0][1] == direct[1][1] and router.clear(direct, {s.id, t.id}):
        return direct
    out, inn, band, side = _bus(g, f)
    (x0, y0), (x1, y1) = _port(s, out), _port(t, inn)
    key = router.geo.channel(band, side)
    yb = router.geo.track_y(key, 0)
    router.strips.setdefault(key, []).append((min(x0, x1), max(x0, x1), 0, ""))
    return _simplify([(x0, y0), (x0, yb), (x1, yb), (x1, y1)])


def route(g: BpmnGraph, geo: Geometry) -> None:
    router = _Router(g, geo)
    sides = _sides(g)
    for f in g.flows:  # first the level-1 buses, which hold track 0 of their strips
        if _is_bus(g, f):
            f.points = _route_bus(router, g, f)
    for f in g.flows:
        if _is_bus(g, f):
            continue
        s, t = g.by_id[f.source], g.by_id[f.target]
        out, inn = sides[f.id]
        (x0, y0), (x1, y1) = _port(s, out), _port(t, inn)
        skip = {s.id, t.id}
        candidates: list[list[Point]] = []
        if out == "right" and inn == "left":
            if y0 == y1 and x0 < x1:
                candidates.append([(x0, y0), (x1, y1)])
            if x0 < x1:
                for col in sorted({t.col, s.col + 1}):
                    if s.col < col <= t.col:
                        xm = router.gap_x(col, y0, y1, False, t.id)
                        candidates.append([(x0, y0), (xm, y0), (xm, y1), (x1, y1)])
        elif out in ("top", "bottom") and inn == "left" and x0 < x1:
            candidates.append([(x0, y0), (x0, y1), (x1, y1)])
        elif out == "right" and inn in ("top", "bottom") and x0 < x1 and (y0 < y1) == (inn == "top"):
            candidates.append([(x0, y0), (x1, y0), (x1, y1)])
        chosen = next((c for c in candidates if router.clear(c, skip)), None)
        if chosen is not None:
            # book the gap track a Z shape uses
            if len(chosen) == 4:
                col = next(c for c in range(len(geo.col_x)) if geo.gap_left(c) < chosen[1][0] < geo.col_x[c])
                router.gap_x(col, y0, y1, True, t.id)
        else:
            chosen = _corridor(router, s, t, out, inn, (x0, y0), (x1, y1))
        f.points = _simplify(chosen)


def _corridor(router: _Router, s: BpmnNode, t: BpmnNode, out: str, inn: str, p0: Point, p1: Point) -> list[Point]:
    """Return a route through the gaps and row strips, which hold no node by construction: a vertical run in
    a gap, or from a node's side to its own row's strip, and a horizontal run in a strip never cross a node."""
    (x0, y0), (x1, y1) = p0, p1
    ncol = len(router.geo.col_x)
    pts = [p0]
    # where the route must arrive: a gap x at the target's height, or a strip y of the target's row
    if inn == "left":
        arrive_gap = t.col
    else:
        arrive_gap = None
        yt_band, yt_side = t.band, inn
    if out == "right":
        gap = s.col + 1 if s.col + 1 < ncol else s.col
        if arrive_gap is not None and gap == arrive_gap:
            xa = router.gap_x(gap, y0, y1, True, t.id)
            return pts + [(xa, y0), (xa, y1), p1]
        band, side = (yt_band, yt_side) if arrive_gap is None else _strip_for(s, t)
        xb = x1 if arrive_gap is None else router.geo.gap_left(arrive_gap)
        probe = router.geo.gap_left(gap)
        yc = router.strip_y(band, side, probe, xb, t.id if arrive_gap is None else "")
        xa = router.gap_x(gap, y0, yc, True)
        pts += [(xa, y0), (xa, yc)]
    else:
        if arrive_gap is None and (s.band, out) == (yt_band, yt_side):
            ys = router.strip_y(s.band, out, x0, x1, t.id)
            return pts + [(x0, ys), (x1, ys), p1]
        # along the source's strip to a gap, then vertically to where the route must arrive
        gap = arrive_gap if arrive_gap is not None else (s.col if t.col < s.col else min(s.col + 1, ncol - 1))
        ys = router.strip_y(s.band, out, x0, router.geo.gap_mid(gap))
        if arrive_gap is not None:
            xg = router.gap_x(gap, ys, y1, True, t.id)
            return pts + [(x0, ys), (xg, ys), (xg, y1), p1]
        yc = router.strip_y(yt_band, yt_side, router.geo.gap_mid(gap), x1, t.id)
        xg = router.gap_x(gap, ys, yc, True)
        pts += [(x0, ys), (xg, ys), (xg, yc)]
    if arrive_gap is None:
        return pts + [(x1, yc), p1]
    xb = router.gap_x(arrive_gap, yc, y1, True, t.id)
    return pts + [(xb, yc), (xb, y1), p1]


def _strip_for(s: BpmnNode, t: BpmnNode) -> tuple[Band, str]:
    """Return (band, top|bottom): the source row's strip on the side of the target."""
    return (s.band, "bottom") if t.band >= s.band else (s.band, "top")


def _simplify(points: list[Point]) -> list[Point]:
    """Drop repeated points and points in the middle of a straight run."""
    out: list[Point] = []
    for p in points:
        if out and out[-1] == p:
            continue
        if len(out) >= 2 and (out[-2][0] == out[-1][0] == p[0] or out[-2][1] == out[-1][1] == p[1]):
            out[-1] = p
            continue
        out.append(p)
    return out
