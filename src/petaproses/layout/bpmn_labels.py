"""Where the names of flows, events and gateways go: boxes as large as bpmn-js sets the text
(``bpmn_text.label_size``), each put where it overlaps no element, no flow and no other label.

An event's or gateway's name goes first, right by it: below or above, else beside it above or below the line
that comes in (review P: names pushed 45 px off their gateway read as the next task's); then a flow's name
beside a segment of its own (never one it shares with a sibling flow, as the branches of a split share their
trunk), nearest its start, inside its source's lane when it can.  Two labels keep LABEL_CLEAR apart, so
"Tidak" beside "Setuju / Tidak?" never reads as one text; where no such spot is free, as close as touching.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterator

from . import bpmn_text
from .bpmn_graph import BpmnFlow, BpmnGraph, BpmnNode

if TYPE_CHECKING:
    from .bpmn_geometry import Geometry

Box = tuple[int, int, int, int]  # x, y, width, height
Point = tuple[int, int]
SIDE = 3  # px between a flow and its name
NODE_SIDE = 4  # px between a node and its name
STEP = 10  # px between two positions tried along a segment or around a node
LABEL_CLEAR = 10  # px between two labels
NEAR_NODE = 3  # rings of spots around a node tried before any other label's clearance is given up: the third
# clears the top of a task beside a gateway


def _hits(box: Box, others: list[Box]) -> bool:
    x, y, w, h = box
    right, bottom = x + w, y + h
    for ox, oy, ow, oh in others:  # a loop, not any() over a generator: ~5,000 boxes per map
        if x < ox + ow and ox < right and y < oy + oh and oy < bottom:
            return True
    return False


def _segments(points: list[Point]) -> list[Box]:
    """Boxes of a flow's segments, 2 px either side: the line's width and the text's antialiasing."""
    return [(min(ax, bx) - 2, min(ay, by) - 2, abs(ax - bx) + 4, abs(ay - by) + 4)
            for (ax, ay), (bx, by) in zip(points, points[1:])]


def _overlap(a: tuple[Point, Point], b: tuple[Point, Point]) -> bool:
    """Whether two axis-parallel segments lie on one line and share more than a point."""
    (ax, ay), (bx, by) = a
    (cx, cy), (dx, dy) = b
    if ax == bx == cx == dx:
        return min(max(ay, by), max(cy, dy)) - max(min(ay, by), min(cy, dy)) > 1
    if ay == by == cy == dy:
        return min(max(ax, bx), max(cx, dx)) - max(min(ax, bx), min(cx, dx)) > 1
    return False


def _own_segments(g: BpmnGraph, f: BpmnFlow) -> list[tuple[Point, Point]]:
    """Return the segments of ``f`` that no flow with the same source or target runs along."""
    kin = [o for o in g.flows if o is not f and (o.source == f.source or o.target == f.target)]
    theirs = [seg for o in kin for seg in zip(o.points, o.points[1:])]
    return [seg for seg in zip(f.points, f.points[1:]) if not any(_overlap(seg, t) for t in theirs)]


def _along(seg: tuple[Point, Point], w: int, h: int) -> Iterator[Point]:
    """Positions of a w x h box beside ``seg``, from the segment's start on: above or below a horizontal
    segment, right or left of a vertical one, always overlapping the segment's extent."""
    (ax, ay), (bx, by) = seg
    if ay == by:
        sign = 1 if bx >= ax else -1
        first = ax + 6 if sign > 0 else ax - w - 6
        last = bx - w + 10 if sign > 0 else bx - 10
        for x in range(first, last + sign, sign * STEP):
            yield x, ay - h - SIDE
            yield x, ay + SIDE
    else:
        sign = 1 if by >= ay else -1
        first = ay + 4 if sign > 0 else ay - h - 4
        last = by - h + 10 if sign > 0 else by - 10
        for y in range(first, last + sign, sign * STEP):
            yield ax + SIDE + 1, y
            yield ax - w - SIDE - 1, y


def _around(n: BpmnNode, w: int, h: int) -> tuple[list[Point], Callable[[], list[Point]]]:
    """Positions of a w x h box by ``n``: (near, far).  Near: below or above it, most centred first (below
    before above), then left or right of it, above or below the line through its middle (where flows come in
    and go out), for a gateway whose flows leave by three sides; a step further out.  Far: further aside and
    up to 44 px off, the last resort; made only when asked (most names stand near: ~700 positions a node)."""
    near: list[Point] = []
    for d in range(NODE_SIDE, NODE_SIDE + NEAR_NODE * STEP, STEP):
        for a in range(9):
            xs = [n.cx - w // 2 + j * STEP for j in sorted({-a, a})]
            near += [(x, n.y + n.h + d) for x in xs] + [(x, n.y - h - d) for x in xs]
        for dy in range(0, n.h // 2, STEP):
            for x in (n.x - w - d, n.x + n.w + d):
                near += [(x, n.cy - 5 - h - dy), (x, n.cy + 5 + dy)]

    def far() -> list[Point]:
        out: list[Point] = []
        for offsets in (range(9), range(9, 9 + w // STEP + 2)):
            for d in range(NODE_SIDE, NODE_SIDE + 5 * STEP, STEP):
                for a in offsets:
                    xs = [n.cx - w // 2 + j * STEP for j in sorted({-a, a})]
                    out += [(x, n.y + n.h + d) for x in xs] + [(x, n.y - h - d) for x in xs]
        return out
    return near, far


class _Board:
    """What is drawn so far: nodes, flow segments, placed labels; and where a label may go."""

    def __init__(self, g: BpmnGraph, geo: Geometry):
        self.geo = geo
        self.solid: list[Box] = [(n.x - 2, n.y - 2, n.w + 4, n.h + 4) for n in g.nodes]  # nodes and labels
        self.taken: list[Box] = self.solid + [seg for f in g.flows for seg in _segments(f.points)]
        self.taken += [(0, top - 2, geo.width, 4) for top in geo.lane_top[1:]]  # text across a lane's edge
        self.clear: list[Box] = []  # placed labels, LABEL_CLEAR larger on every side

    def inside(self, box: Box, lane: int | None) -> bool:
        x, y, w, h = box
        if lane is None:
            top, bottom = 2, self.geo.height - 2
        else:
            top, bottom = self.geo.lane_top[lane] + 2, self.geo.lane_top[lane] + self.geo.lane_h[lane] - 2
        return x >= self.geo.inner_left + 2 and x + w <= self.geo.width - 2 and y >= top and y + h <= bottom

    def put(self, spots: list[Point], w: int, h: int, lane: int,
            far: Callable[[], list[Point]] | None = None) -> Box:
        """Return the first free box at ``spots`` LABEL_CLEAR from every label, inside ``lane``, else inside the
        pool; then at ``far()``; then nearer labels; else the first one that only a flow crosses (text over a
        line still reads, text over text does not), else the first spot."""
        for within in (lane, None):
            if (box := self._free(spots, w, h, within, True)) is not None:
                return self._take(box)
        extra = far() if far else []
        for where, within, apart in [(extra, lane, True), (extra, None, True)] + \
                [(spots + extra, within, False) for within in (lane, None)]:
            if (box := self._free(where, w, h, within, apart)) is not None:
                return self._take(box)
        for within in (lane, None):
            for x, y in spots + extra:
                box = (x, y, w, h)
                if self.inside(box, within) and not _hits(box, self.solid):
                    return self._take(box)
        return self._take((*spots[0], w, h) if spots else (self.geo.inner_left, 0, w, h))

    def _free(self, where: list[Point], w: int, h: int, within: int | None, apart: bool) -> Box | None:
        for x, y in where:
            box = (x, y, w, h)
            if self.inside(box, within) and not _hits(box, self.taken) and not (apart and _hits(box, self.clear)):
                return box
        return None

    def _take(self, box: Box) -> Box:
        self.solid.append(box)
        self.taken.append(box)
        x, y, w, h = box
        self.clear.append((x - LABEL_CLEAR, y - LABEL_CLEAR, w + 2 * LABEL_CLEAR, h + 2 * LABEL_CLEAR))
        return box


def annotated(g: BpmnGraph, f: BpmnFlow) -> bool:
    """Whether ``f``'s name is no decision's answer (a level-1 arc's delivery): bpmnlint (superfluous-label)
    wants no name on a flow with no condition that leaves no exclusive or inclusive split, so the name is
    written as a text annotation tied to the flow (review M 06)."""
    if not f.name or f.condition:
        return False
    source = g.by_id[f.source]
    return not (source.kind in ("exclusiveGateway", "inclusiveGateway")
                and sum(1 for o in g.flows if o.source == f.source) > 1)


def text_size(g: BpmnGraph, f: BpmnFlow) -> tuple[int, int]:
    """The size of a named flow's label, or of the note that holds its name."""
    assert f.name
    return bpmn_text.note_size(f.name) if annotated(g, f) else bpmn_text.label_size(f.name)


def labels(g: BpmnGraph, geo: Geometry) -> tuple[dict[str, Box], dict[str, Box]]:
    """Return label bounds of named flows and of named events/gateways."""
    board = _Board(g, geo)
    node_boxes: dict[str, Box] = {}
    for n in g.nodes:  # first: a flow's name can slide along its flow, a node's has only the node's sides
        if not n.name or n.is_activity:
            continue
        w, h = bpmn_text.label_size(n.name)
        near, far = _around(n, w, h)
        node_boxes[n.id] = board.put(near, w, h, n.lane, far)
    flow_boxes: dict[str, Box] = {}
    for f in g.flows:
        if not f.name:
            continue
        w, h = text_size(g, f)
        segs = _own_segments(g, f) or list(zip(f.points, f.points[1:]))
        spots = [p for seg in segs for p in _along(seg, w, h)]
        flow_boxes[f.id] = board.put(spots, w, h, g.by_id[f.source].lane)
    return flow_boxes, node_boxes
