"""BPMN diagram interchange: where every lane, element, flow and label of a ``bpmn_graph`` lies (px).

Columns of the grid become x bands with gaps between them, lanes horizontal bands as tall as their rotated
names need.  Flows are orthogonal: direct L/Z shapes when they touch no element, else through the free
corridors (the gaps between columns and the top and bottom strips of each lane), on tracks.  Names of flows,
events and gateways get a box where they hit nothing drawn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..catalogue import Catalogue
from ..model import PetaLevel1
from . import text
from .bpmn_graph import BpmnFlow, BpmnGraph, BpmnNode, level1_graph, step_graph

POOL_LABEL = 30  # pool name band, left
LANE_LABEL = 30  # lane name band, left of each lane
LANE_H = 200  # least lane height: a 90 px task and three edge tracks above and below it
LANE_PAD = 12  # px kept free at each end of a rotated lane or pool name
NAME_FONT = 12  # px: bpmn-js sets lane and pool names in Arial 12px (Liberation Sans has its metrics)
NAME_LINES = 2  # bpmn-js wraps a lane name in a 30 px band: two 14.4 px lines fit, a third spills over
SLOT_GAP = 40  # between the nodes of one step (join gateway, task, split gateway/end)
GAP = 70  # between columns: the vertical segments of edges run here, on tracks
LABEL_GAP = 110  # a gap after a column whose flows leave it with a name: room for the label
TRACK = 10
LABEL_W = 90


@dataclass
class Geometry:
    """The bands of a diagram (px): columns (x, width, the gap before each) and lanes (top, height)."""

    col_x: list[int]
    col_w: list[int]
    width: int
    height: int
    lane_top: list[int]
    lane_h: list[int]
    gap_w: list[int]  # width of the gap left of each column

    def gap_left(self, col: int) -> int:
        return self.col_x[col] - self.gap_w[col]

    def gap_mid(self, col: int) -> int:
        return self.col_x[col] - self.gap_w[col] // 2

    def lane_bounds(self, lane: int) -> tuple[int, int, int, int]:
        """Return (x, y, width, height) of ``lane``'s band: right of the pool's name band."""
        return POOL_LABEL, self.lane_top[lane], self.width - POOL_LABEL, self.lane_h[lane]


def _name_fits(name: str, length: int) -> bool:
    """Whether ``name``, wrapped as bpmn-js wraps it (greedily, to the full ``length``: no padding), makes at
    most NAME_LINES lines that each leave LANE_PAD free at both ends (else it touches the next lane)."""
    room = length - 2 * LANE_PAD
    if any(text.text_width(word, NAME_FONT) > room for word in name.split()):
        return False
    lines = text.wrap(name, length, NAME_FONT)
    return len(lines) <= NAME_LINES and all(text.text_width(x, NAME_FONT) <= room for x in lines)


def _name_length(name: str, least: int) -> int:
    """Return the least length (multiple of 10, at least ``least``) along which ``name`` fits rotated."""
    length = least
    while not _name_fits(name, length) and length < 2000:
        length += 10
    return length


def _lane_heights(g: BpmnGraph, pool_name: str) -> list[int]:
    """Return each lane's height: LANE_H, or more when the lane's rotated name needs it; the pool's name
    gets the same care (the last lane grows when the whole pool is too short for it)."""
    heights = [_name_length(name, LANE_H) for _, name in g.lanes]
    pool = _name_length(pool_name, LANE_H)
    if sum(heights) < pool:
        heights[-1] += pool - sum(heights)
    return heights


def place(g: BpmnGraph, pool_name: str = "") -> Geometry:
    """Give every node its x (column, then order within the column and lane) and y (its lane's centre)."""
    ncol = max(n.col for n in g.nodes) + 1
    cells: dict[tuple[int, int], list[BpmnNode]] = {}
    for n in g.nodes:
        cells.setdefault((n.col, n.lane), []).append(n)
    col_w = [0] * ncol
    for (col, _), nodes in cells.items():
        col_w[col] = max(col_w[col], sum(n.w for n in nodes) + SLOT_GAP * (len(nodes) - 1))
    gap_w = [GAP // 2] + [GAP] * ncol
    for f in g.flows:
        if f.name and not f.back:
            gap_w[g.by_id[f.source].col + 1] = LABEL_GAP
    col_x, x = [], POOL_LABEL + LANE_LABEL
    for col, w in enumerate(col_w):
        x += gap_w[col]
        col_x.append(x)
        x += w
    lane_h = _lane_heights(g, pool_name)
    lane_top = [sum(lane_h[:i]) for i in range(len(g.lanes))]
    for (col, lane), nodes in cells.items():
        x = col_x[col]
        for n in nodes:
            n.x, n.y = x, lane_top[lane] + (lane_h[lane] - n.h) // 2
            x += n.w + SLOT_GAP
    width = col_x[-1] + col_w[-1] + GAP // 2
    return Geometry(col_x, col_w, width, sum(lane_h), lane_top, lane_h, gap_w[:ncol])


class _Router:
    """Orthogonal edge routes: direct L/Z shapes when they touch no node, else through the free corridors.

    Nothing is drawn in the gaps between columns nor in the top and bottom strips of each lane, so a route
    made of those always clears every node; tracks keep parallel edges in one gap or strip apart.
    """

    def __init__(self, g: BpmnGraph, geo: Geometry):
        self.g, self.geo = g, geo
        self.gaps: dict[int, list[tuple[int, int, int]]] = {}
        self.strips: dict[tuple[int, str], list[tuple[int, int, int]]] = {}

    def _track(self, used: list[tuple[int, int, int]], lo: int, hi: int, limit: int) -> int:
        for k in range(limit):
            if all(hi + 4 < a or lo - 4 > b or k != t for a, b, t in used):
                return k
        return 0

    def gap_x(self, col: int, y0: int, y1: int, commit: bool) -> int:
        """Return the x of a vertical segment in the gap before column ``col``."""
        used = self.gaps.setdefault(col, [])
        lo, hi = min(y0, y1), max(y0, y1)
        k = self._track(used, lo, hi, (self.geo.gap_w[col] - 20) // TRACK)
        if commit:
            used.append((lo, hi, k))
        return self.geo.gap_left(col) + 15 + k * TRACK

    def strip_y(self, lane: int, side: str, x0: int, x1: int) -> int:
        """Return the y of a horizontal segment in the top or bottom strip of ``lane``."""
        used = self.strips.setdefault((lane, side), [])
        lo, hi = min(x0, x1), max(x0, x1)
        k = self._track(used, lo, hi, 3)
        used.append((lo, hi, k))
        top = self.geo.lane_top[lane]
        return top + 10 + k * TRACK if side == "top" else top + self.geo.lane_h[lane] - 10 - k * TRACK

    def clear(self, points: list[tuple[int, int]], skip: set[str]) -> bool:
        for (ax, ay), (bx, by) in zip(points, points[1:]):
            lo_x, hi_x, lo_y, hi_y = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
            for n in self.g.nodes:
                if n.id in skip:
                    continue
                if lo_x < n.x + n.w + 2 and hi_x > n.x - 2 and lo_y < n.y + n.h + 2 and hi_y > n.y - 2:
                    return False
        return True


def _sides(g: BpmnGraph) -> dict[str, tuple[str, str]]:
    """Return (exit side, entry side) per flow: right/left forward, bottom for loops, corners by lane."""
    sides: dict[str, tuple[str, str]] = {}
    by = g.by_id
    for node in g.nodes:
        outs = [f for f in g.flows if f.source == node.id and not f.bus]
        taken = {_bus(g, f)[0] for f in g.flows if f.source == node.id and f.bus}
        for f in sorted(outs, key=lambda f: (f.back, by[f.target].lane != node.lane, by[f.target].col)):
            t = by[f.target]
            if not node.is_gateway or len(outs) == 1:
                side = "bottom" if f.back else "right"
            else:
                want = ("bottom" if f.back else "right" if t.lane == node.lane
                        else "bottom" if t.lane > node.lane else "top")
                free = [s for s in (want, "right", "bottom", "top") if s not in taken]
                side = free[0] if free else want
                taken.add(side)
            sides[f.id] = (side, "")
    for f in g.flows:
        s, t = by[f.source], by[f.target]
        if f.bus:
            continue
        if f.back:
            entry = "bottom"
        elif t.is_gateway and t.direction == "Converging":
            entry = "left" if s.lane == t.lane else "top" if s.lane < t.lane else "bottom"
        else:
            entry = "left"
        sides[f.id] = (sides[f.id][0], entry)
    return sides


def _bus(g: BpmnGraph, f: BpmnFlow) -> tuple[str, str, int, str]:
    """Return (exit side, entry side, lane, strip side) of a level-1 bus flow.

    The start fork reaches a process through the strip of the process's lane that faces away from the
    fork's lane (the main lane: its top strip), entering from above or below; a process reaches the final
    join through the strip of its own lane that faces the join's lane (the main lane: its bottom strip).
    Flows of one lane share their strip and overlap there like the branches of a tree.
    """
    s, t = g.by_id[f.source], g.by_id[f.target]
    if f.bus == "from":
        return ("top", "top", t.lane, "top") if t.lane <= s.lane else ("bottom", "bottom", t.lane, "bottom")
    if s.lane < t.lane:
        return "bottom", "top", s.lane, "bottom"
    if s.lane == t.lane:
        return "bottom", "bottom", s.lane, "bottom"
    return "top", "bottom", s.lane, "top"


def _port(n: BpmnNode, side: str) -> tuple[int, int]:
    return {"right": (n.x + n.w, n.cy), "left": (n.x, n.cy), "top": (n.cx, n.y), "bottom": (n.cx, n.y + n.h)}[side]


def route(g: BpmnGraph, geo: Geometry) -> None:
    router = _Router(g, geo)
    sides = _sides(g)
    for f in g.flows:  # first the level-1 buses, which hold track 0 of their strips
        if not f.bus:
            continue
        s, t = g.by_id[f.source], g.by_id[f.target]
        direct = [_port(s, "right"), _port(t, "left")]
        if s.lane == t.lane and direct[0][1] == direct[1][1] and router.clear(direct, {s.id, t.id}):
            f.points = direct
            continue
        out, inn, lane, side = _bus(g, f)
        (x0, y0), (x1, y1) = _port(s, out), _port(t, inn)
        top, h = geo.lane_top[lane], geo.lane_h[lane]
        yb = top + 10 if side == "top" else top + h - 10
        router.strips.setdefault((lane, side), []).append((min(x0, x1), max(x0, x1), 0))
        f.points = _simplify([(x0, y0), (x0, yb), (x1, yb), (x1, y1)])
    for f in g.flows:
        if f.bus:
            continue
        s, t = g.by_id[f.source], g.by_id[f.target]
        out, inn = sides[f.id]
        (x0, y0), (x1, y1) = _port(s, out), _port(t, inn)
        skip = {s.id, t.id}
        candidates: list[list[tuple[int, int]]] = []
        if out == "right" and inn == "left":
            if y0 == y1 and x0 < x1:
                candidates.append([(x0, y0), (x1, y1)])
            if x0 < x1:
                for col in sorted({t.col, s.col + 1}):
                    if s.col < col <= t.col:
                        xm = router.gap_x(col, y0, y1, False)
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
                router.gap_x(col, y0, y1, True)
        else:
            chosen = _corridor(router, s, t, out, inn, (x0, y0), (x1, y1))
        f.points = _simplify(chosen)


def _corridor(router: _Router, s: BpmnNode, t: BpmnNode, out: str, inn: str,
              p0: tuple[int, int], p1: tuple[int, int]) -> list[tuple[int, int]]:
    """Return a route through the gaps and lane strips, which hold no node by construction.

    A column holds nodes of one lane only, so a vertical run in a gap, or from a node's corner to its own
    lane's strip, and a horizontal run in a strip, never cross a node.
    """
    (x0, y0), (x1, y1) = p0, p1
    ncol = len(router.geo.col_x)
    pts = [p0]
    # where the route must arrive: a gap x at the target's height, or a strip y of the target's lane
    if inn == "left":
        arrive_gap = t.col
    else:
        arrive_gap = None
        yt_lane, yt_side = t.lane, inn
    if out == "right":
        gap = s.col + 1 if s.col + 1 < ncol else s.col
        if arrive_gap is not None and gap == arrive_gap:
            xa = router.gap_x(gap, y0, y1, True)
            return pts + [(xa, y0), (xa, y1), p1]
        lane, side = (yt_lane, yt_side) if arrive_gap is None else _strip_for(s, t)
        xb = x1 if arrive_gap is None else router.geo.gap_left(arrive_gap)
        probe = router.geo.gap_left(gap)
        yc = router.strip_y(lane, side, probe, xb)
        xa = router.gap_x(gap, y0, yc, True)
        pts += [(xa, y0), (xa, yc)]
    else:
        if arrive_gap is None and (s.lane, out) == (yt_lane, yt_side):
            ys = router.strip_y(s.lane, out, x0, x1)
            return pts + [(x0, ys), (x1, ys), p1]
        # along the source's strip to a gap, then vertically to where the route must arrive
        gap = arrive_gap if arrive_gap is not None else (s.col if t.col < s.col else min(s.col + 1, ncol - 1))
        ys = router.strip_y(s.lane, out, x0, router.geo.gap_mid(gap))
        if arrive_gap is not None:
            xg = router.gap_x(gap, ys, y1, True)
            return pts + [(x0, ys), (xg, ys), (xg, y1), p1]
        yc = router.strip_y(yt_lane, yt_side, router.geo.gap_mid(gap), x1)
        xg = router.gap_x(gap, ys, yc, True)
        pts += [(x0, ys), (xg, ys), (xg, yc)]
    if arrive_gap is None:
        return pts + [(x1, yc), p1]
    xb = router.gap_x(arrive_gap, yc, y1, True)
    return pts + [(xb, yc), (xb, y1), p1]


def _strip_for(s: BpmnNode, t: BpmnNode) -> tuple[int, str]:
    """Return (lane, top|bottom): the source lane's strip on the side of the target."""
    return (s.lane, "bottom") if t.lane >= s.lane else (s.lane, "top")


def _simplify(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop repeated points and points in the middle of a straight run."""
    out: list[tuple[int, int]] = []
    for p in points:
        if out and out[-1] == p:
            continue
        if len(out) >= 2 and (out[-2][0] == out[-1][0] == p[0] or out[-2][1] == out[-1][1] == p[1]):
            out[-1] = p
            continue
        out.append(p)
    return out


# ----------------------------------------------------------------------------------------- labels
def _text_box(text: str) -> tuple[int, int]:
    """Return an estimated (width, height) of ``text`` at bpmn-js's 11-12 px label font."""
    raw = 6 * len(text) + 6
    width = min(LABEL_W, raw)
    return width, 14 * max(1, math.ceil(raw / LABEL_W))


Box = tuple[int, int, int, int]


def _hits(box: Box, others: list[Box]) -> bool:
    x, y, w, h = box
    return any(x < ox + ow and ox < x + w and y < oy + oh and oy < y + h for ox, oy, ow, oh in others)


def _segments(f: BpmnFlow) -> list[Box]:
    return [(min(ax, bx) - 1, min(ay, by) - 1, abs(ax - bx) + 2, abs(ay - by) + 2)
            for (ax, ay), (bx, by) in zip(f.points, f.points[1:])]


def labels(g: BpmnGraph) -> tuple[dict[str, Box], dict[str, Box]]:
    """Return label bounds of named flows and of named events/gateways, each put where it hits nothing drawn."""
    taken: list[Box] = [(n.x, n.y, n.w, n.h) for n in g.nodes]
    for f in g.flows:
        taken += _segments(f)
    flow_boxes: dict[str, Box] = {}
    for f in g.flows:
        if not f.name:
            continue
        w, h = _text_box(f.name)
        (ax, ay), (_bx, by) = f.points[0], f.points[1]
        if ay == by:  # leaves horizontally: above, else below the first segment
            tries = [(ax + 6, ay - h - 2), (ax + 6, ay + 3)]
        else:  # leaves vertically: right, else left of the first segment, near its start
            sign = 1 if by > ay else -1
            near = ay + 4 if sign > 0 else ay - h - 4
            far = ay + 24 if sign > 0 else ay - h - 24
            tries = [(ax + 5, near), (ax - w - 5, near), (ax + 5, far), (ax - w - 5, far)]
        box = next(((x, y, w, h) for x, y in tries if not _hits((x, y, w, h), taken)), (*tries[0], w, h))
        flow_boxes[f.id] = box
        taken.append(box)
    node_boxes: dict[str, Box] = {}
    for n in g.nodes:
        if not n.name or n.kind in ("task", "callActivity"):
            continue
        w, h = _text_box(n.name)
        tries = [(n.cx - w // 2, n.y + n.h + 4), (n.cx - w // 2, n.y - h - 4)]
        for dy in (4, 22, 40):
            tries += [(n.cx + 6, n.y - h - dy), (n.cx + 6, n.y + n.h + dy),
                      (n.cx - w - 6, n.y - h - dy), (n.cx - w - 6, n.y + n.h + dy)]
        box = next(((x, y, w, h) for x, y in tries if not _hits((x, y, w, h), taken)), (*tries[0], w, h))
        node_boxes[n.id] = box
        taken.append(box)
    return flow_boxes, node_boxes


@dataclass
class Diagram:
    """A laid-out BPMN graph: the elements and flows (with their coordinates), the bands, the label boxes."""

    graph: BpmnGraph
    geo: Geometry
    flow_labels: dict[str, Box]
    node_labels: dict[str, Box]


def layout(cat: Catalogue, doc) -> Diagram:
    """Return the laid-out and routed BPMN graph of ``doc``."""
    g = level1_graph(cat, doc) if isinstance(doc, PetaLevel1) else step_graph(cat, doc)
    geo = place(g, doc.nama)
    route(g, geo)
    flow_labels, node_labels = labels(g)
    return Diagram(g, geo, flow_labels, node_labels)
