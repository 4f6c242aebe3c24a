"""Swimlane geometry on the shared grid (``layout.grid``): every node, lane and edge route placed here, in Python.

Graphviz's ``dot`` does not keep cluster lanes in a fixed order, so the swimlanes are laid out here from
``grid_layout`` (row = step, lane = actor) and handed to ``neato -n2``, which draws what it is given.  Edges
are routed orthogonally like the SOP AP flowchart: straight down, an elbow across lanes, or along the
gutters between lanes for jumps and loops back, so that no line runs through a symbol.

Coordinates here are "flow" coordinates: ``a`` grows along the flow (rows), ``c`` across it (lanes), both
downward/rightward; ``Grid.to_xy`` turns them into Graphviz points for top-to-bottom or left-to-right.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field

from .primitives import simplify

# points
GUTTER = 16.0  # between a node and its lane edge: room for the routing tracks
TRACK = 6.0  # distance between two parallel lines in one gutter
CLEAR = 10.0  # a line in a gutter keeps this far from the lane edge when it can (else it doubles the edge)
LABEL_CLEAR = 4.0  # pt: no other line this near a branch label
NEAR_END = 60.0  # pt: a branch label this near its arrow's end reads as the label of a line joining there
TRACKS = (CLEAR, CLEAR - TRACK)  # offsets of the tracks from the lane edge, each side, preferred first
ROW_GAP = 30.0  # between two rows: room for branch labels and elbows
ROW_GAP_PRINT = 16.0  # the same in the paged PDF, where height is what a page lacks


@dataclass
class Box:
    """A node: centre ``(a, c)`` and extents along (``sa``) and across (``sc``) the flow."""

    id: str
    row: int
    lane: int
    sa: float
    sc: float
    shape: str  # process | terminator | decision | connector
    a: float = 0.0
    c: float = 0.0
    content: object = None  # what the renderer writes in it: the ``swimlane.Step``
    text: str = ""  # the letter of an off-page connector
    gap_after: float = 0.0  # room its branch labels need under its row (the row gap when more)
    aside: bool = False  # an end terminator under its step, beside the line that goes on down its lane

    def port(self, side: str) -> tuple[float, float]:
        a, c = self.a, self.c
        return {
            "top": (a - self.sa / 2, c),
            "bottom": (a + self.sa / 2, c),
            "left": (a, c - self.sc / 2),
            "right": (a, c + self.sc / 2),
        }[side]


@dataclass
class Link:
    """A line from box to box; ``arrow``: it ends in an arrowhead (else a plain line joins the two)."""

    source: str
    target: str
    label: str | None
    points: list[tuple[float, float]] = field(default_factory=list)  # (a, c), last one is the arrow tip
    label_at: tuple[float, float] | None = None
    label_size: tuple[float, float] = (0.0, 0.0)  # (along a, along c) extent of the label text
    label_lines: list[str] = field(default_factory=list)  # the label as wrapped when measured
    arrow: bool = True


@dataclass
class Grid:
    """One laid-out swimlane drawing (a page of it, when paged): boxes, routed links, lane edges (points)."""

    boxes: dict[str, Box]
    links: list[Link]
    lane_edges: list[float]  # c of each lane boundary (n lanes -> n + 1)
    row_top: float  # a where the first row starts (after the lane headers)
    row_end: float  # a where the last row ends
    vertical: bool = True  # rows go down the page (lanes are columns)

    def to_xy(self, a: float, c: float, height: float, offset: tuple[float, float] = (0.0, 0.0)) -> tuple[float, float]:
        """Return Graphviz points (y up) for flow coordinates, the drawing being ``height`` tall."""
        x, y = (c, a) if self.vertical else (a, c)
        return x + offset[0], height - (y + offset[1])


def place(rows: list[Box], lane_count: int, lane_width: float, top: float,
          gap: float = ROW_GAP) -> tuple[list[float], float]:
    """Place ``rows`` (in row order; boxes sharing a ``row`` sit side by side in it): centre of the lane across,
    stacked along with ``gap`` between rows; return the lane edges and where the last row ends."""
    edges = [i * lane_width for i in range(lane_count + 1)]
    a = top + gap / 2
    k = 0
    while k < len(rows):
        same = [b for b in rows[k:] if b.row == rows[k].row]
        height = max(b.sa for b in same)
        for box in same:
            box.a = a + height / 2
            box.c = edges[box.lane] + lane_width / 2
        k += len(same)
        # a branch label stands under its row: a gap too short for it put it under the next box (Sumedang, p. 2)
        a += height + (max([gap] + [b.gap_after for b in same]) if k < len(rows) else gap)
    return edges, a - gap / 2


class Router:
    """Route links one by one, each avoiding every box and every line already drawn (merges excepted)."""

    def __init__(self, boxes: dict[str, Box], lane_edges: list[float], lane_width: float,
                 gap: float = ROW_GAP) -> None:
        self.boxes = boxes
        self.gap = gap
        self.edges = lane_edges
        self.lane_width = lane_width
        self.segments: list[tuple[tuple[float, float], tuple[float, float], str]] = []  # (p, q, target port)
        # the same segments by the line they lie on (across: a; along: c; floored): only those near a segment's
        # own line can overlap it (``_overlap``), so a check looks at three buckets, not every segment
        self._on_line: tuple[dict[int, list], dict[int, list]] = ({}, {})
        self.out_ports: set[tuple[str, str]] = set()
        self.in_ports: set[tuple[str, str]] = set()
        self.labelled_in: set[tuple[str, str]] = set()  # ports an arrow comes in by, its label near (no join)
        self.label_boxes: list[tuple[float, float, float, float]] = []  # (a0, a1, c0, c1) of the labels placed
        self.labelled: list[Link] = []  # the links of those labels, in the same order
        # each box's extent grown by 2 pt (a line keeps that clear), once: boxes stay put while lines are routed
        self._extents = sorted(((b.id, b.a - b.sa / 2 - 2.0, b.a + b.sa / 2 + 2.0, b.c - b.sc / 2 - 2.0,
                                 b.c + b.sc / 2 + 2.0) for b in boxes.values()), key=lambda e: e[1])
        # by where they start along the flow: a segment is checked against the boxes that reach its stretch of a
        # only (found by bisection: those starting at most one box length, and a point, before it)
        self._starts = [e[1] for e in self._extents]
        self._reach = max((e[2] - e[1] for e in self._extents), default=0.0) + 1.0
        self._by_top = sorted(boxes.values(), key=lambda b: b.a - b.sa / 2)
        self._tops = [b.a - b.sa / 2 for b in self._by_top]
        self._tallest = max((b.sa for b in self._by_top), default=0.0) + 1.0

    # -- checks
    def _free(self, pts: list[tuple[float, float]], source: str, target: str, end_key: str,
              lines: bool = True) -> bool:
        """Whether the route passes through no box (but its own ends) and, unless not ``lines``, runs along no
        line drawn (but into the arrow it joins)."""
        last = len(pts) - 2
        extents, starts, reach = self._extents, self._starts, self._reach
        for i, (p, q) in enumerate(zip(pts, pts[1:])):
            a0, a1 = (p[0], q[0]) if p[0] <= q[0] else (q[0], p[0])
            c0, c1 = (p[1], q[1]) if p[1] <= q[1] else (q[1], p[1])
            for k in range(bisect.bisect_left(starts, a0 - reach), bisect.bisect_right(starts, a1)):
                bid, lo_a, hi_a, lo_c, hi_c = extents[k]  # the segment passes through a box
                if not (a1 < lo_a or a0 > hi_a or c1 < lo_c or c0 > hi_c) and \
                        not ((bid == source and i == 0) or (bid == target and i == last)):
                    return False
            if not lines:
                continue
            for axis in (0, 1):  # the segments on (about) its line: a superset of those ``_overlap`` finds
                if abs(p[axis] - q[axis]) < 1.0:
                    k, table = math.floor(p[axis]), self._on_line[axis]
                    for bucket in (k - 1, k, k + 1):
                        for (r, s, key) in table.get(bucket, ()):
                            if _overlap(p, q, r, s) and not (key == end_key and i == last):
                                return False
        return True

    def _on_symbol(self, box: tuple[float, float, float, float]) -> bool:
        """Whether a label's box (a0, a1, c0, c1) covers part of a symbol (``_covers`` of the symbols that reach
        its stretch of a)."""
        a0, a1 = box[0], box[1]
        found = self._by_top[bisect.bisect_left(self._tops, a0 - self._tallest):bisect.bisect_left(self._tops, a1)]
        return any(_covers(box, b) for b in found)

    def _crossings(self, pts: list[tuple[float, float]], most: float = math.inf) -> int:
        """How many lines drawn the route crosses (square to them, inside both), counted up to ``most`` (a route is
        compared with the best so far; asked of every candidate of every line)."""
        count = 0
        for (pa, pc), (qa, qc) in zip(pts, pts[1:]):
            lo_a, hi_a = (pa, qa) if pa <= qa else (qa, pa)
            lo_c, hi_c = (pc, qc) if pc <= qc else (qc, pc)
            along, across = hi_c - lo_c < 1.0, hi_a - lo_a < 1.0
            for (ra, rc), (ta, tc), _ in self.segments:  # (min/max only once the cheap tests pass)
                if (along and abs(ra - ta) < 1.0 and lo_a < ra < hi_a and min(rc, tc) < pc < max(rc, tc)) or \
                        (across and abs(rc - tc) < 1.0 and lo_c < rc < hi_c and min(ra, ta) < pa < max(ra, ta)):
                    count += 1
                    if count >= most:
                        return count
        return count

    def _add_segment(self, p: tuple[float, float], q: tuple[float, float], key: str) -> None:
        self.segments.append((p, q, key))
        for axis in (0, 1):
            if abs(p[axis] - q[axis]) < 1.0:
                self._on_line[axis].setdefault(math.floor(p[axis]), []).append((p, q, key))

    def _tracks(self, k: int) -> list[float]:
        """Return the c positions of the tracks in the gutter at lane boundary ``k``, clear ones first: a line
        close along a lane edge reads as a doubled edge, so one a little closer to the boxes is preferred."""
        base = self.edges[k]
        sides = [s for s, inner in ((1, k < len(self.edges) - 1), (-1, k > 0)) if inner]
        return [base + s * o for o in TRACKS for s in sides]

    # -- candidates
    def _candidates(self, s: Box, t: Box):
        """Yield (out side, in side, points) routes for s -> t, the preferred first."""
        forward = t.row > s.row
        toward = "right" if t.lane > s.lane else "left"
        away = "left" if toward == "right" else "right"
        if t.row == s.row and s.lane != t.lane:  # inside a step's row: straight across, else round the row's
            # tallest box, under or over it (a chain whose lanes zigzag passed through its own middle box, review K)
            yield toward, away, [s.port(toward), t.port(away)]
            row = [b for b in self.boxes.values() if b.row == s.row]
            for side, a in (("bottom", max(b.a + b.sa / 2 for b in row) + self.gap / 2),
                            ("top", min(b.a - b.sa / 2 for b in row) - self.gap / 2)):
                yield side, side, [s.port(side), (a, s.c), (a, t.c), t.port(side)]
        if forward and s.lane == t.lane and abs(s.c - t.c) < 1:  # (an end aside in the lane is not under it)
            yield "bottom", "top", [s.port("bottom"), t.port("top")]
        if forward and s.lane != t.lane:
            p = s.port(toward)
            yield toward, "top", [p, (p[0], t.c), t.port("top")]
            q = s.port("bottom")
            yield "bottom", away, [q, (t.a, s.c), t.port(away)]
            mid = s.a + s.sa / 2 + self.gap / 2
            yield "bottom", "top", [q, (mid, s.c), (mid, t.c), t.port("top")]
        if t.row < s.row and s.lane != t.lane:  # a loop back to another lane's step: into its bottom, as a person
            # draws it, before a run along a gutter (past a label there, the outer ones cross the whole map)
            p = s.port(toward)
            yield toward, "bottom", [p, (p[0], t.c), t.port("bottom")]
        if t.row < s.row and (s.id, "top") not in self.in_ports:  # (route() skips a port taken by a way in)
            # a loop back leaving by a free top (the flow came in by a side): up, over no gutter (Dishub: the
            # branch back shared its decision's bottom with the other branch, its label far off)
            top, over_a, under_t = s.port("top"), t.a - t.sa / 2 - self.gap / 2, t.a + t.sa / 2 + self.gap / 2
            ups = [("top", "top", [top, (over_a, s.c), (over_a, t.c), t.port("top")])]
            if s.lane != t.lane:
                ups[:0] = [("top", away, [top, (t.a, s.c), t.port(away)]),
                           ("top", "bottom", [top, (under_t, s.c), (under_t, t.c), t.port("bottom")])]
            ups = [up for up in ups if (t.id, up[1]) not in self.out_ports]  # as route() skips them
            yield from sorted(ups, key=lambda up: self._crossings(up[2]))  # the fewest lines crossed first
        # along a gutter: boundaries between the two lanes first, then the outer ones
        lo, hi = sorted((s.lane, t.lane))
        if s.lane == t.lane:
            ks = [s.lane, s.lane + 1] if t.c < s.c - 1 else [s.lane + 1, s.lane]  # (the side of a box aside)
        else:
            ks = list(range(lo + 1, hi + 1))
            ks = ks[::-1] if t.lane > s.lane else ks
        exit_a = s.a + s.sa / 2 + self.gap / 2  # the gap under s
        enter_a = t.a - t.sa / 2 - self.gap / 2  # the gap over t
        under_a = t.a + t.sa / 2 + self.gap / 2  # the gap under t
        outer = [k for k in range(len(self.edges)) if k not in ks]
        if t.row < s.row:  # a loop back: the nearest gutters first (by the far ones it went round the whole map)
            outer.sort(key=lambda k: (max(lo - k, k - hi - 1), k))
        for k in ks + outer:
            for x in self._tracks(k):
                out_side = "right" if x > s.c else "left"
                in_side = "right" if x > t.c else "left"
                p, q = s.port(out_side), t.port(in_side)
                b, tp = s.port("bottom"), t.port("top")
                if t.aside and t.c < s.c:  # an end at its lane's left: into its top, clear of the lines down the
                    # gutter (the run over it passes left of the line down the lane and that line's label)
                    yield out_side, "top", [p, (p[0], x), (enter_a, x), (enter_a, t.c), tp]
                yield out_side, in_side, [p, (p[0], x), (q[0], x), q]
                yield out_side, "top", [p, (p[0], x), (enter_a, x), (enter_a, t.c), tp]
                yield "bottom", in_side, [b, (exit_a, s.c), (exit_a, x), (q[0], x), q]
                yield "bottom", "top", [b, (exit_a, s.c), (exit_a, x), (enter_a, x), (enter_a, t.c), tp]
                if t.row < s.row:  # a loop back: also into its bottom, from the gap under it
                    bp = t.port("bottom")
                    yield out_side, "bottom", [p, (p[0], x), (under_a, x), (under_a, t.c), bp]
                    yield "bottom", "bottom", [b, (exit_a, s.c), (exit_a, x), (under_a, x), (under_a, t.c), bp]

    def route(self, link: Link) -> None:
        s, t = self.boxes[link.source], self.boxes[link.target]
        fallback = clear = shared = crossing = joined = None
        best = None  # (crossings, length, candidate): the first legible route, or one as short crossing fewer lines
        for out_side, in_side, pts in self._candidates(s, t):
            if (s.id, out_side) in self.in_ports or (t.id, in_side) in self.out_ports:
                continue
            if best is not None and _length(pts) > best[1] + self.lane_width / 2:
                continue  # a detour round other lanes to save a crossing reads worse than the crossing
            if (s.id, out_side) in self.out_ports:  # leaving by another line's exit: only to pass no box
                if shared is None and self._free(pts, s.id, t.id, f"{t.id}:{in_side}", lines=False):
                    shared = (out_side, in_side, pts)
                continue
            if in_side != "bottom":  # into a step's bottom only when free: as a last resort it went through boxes
                fallback = fallback or (out_side, in_side, pts)  # up the target's lane (review I)
            if self._free(pts, s.id, t.id, f"{t.id}:{in_side}"):
                if (t.id, in_side) in self.labelled_in:  # joining a branch's arrow: its label reads as both
                    joined = joined or (out_side, in_side, pts)
                    continue
                simple = simplify(pts)
                if self._legible(link, simple):
                    # (simplified: a crossing at a doubled point was not counted)
                    found = self._crossings(simple, best[0] if best else math.inf)
                    if best is None or found < best[0]:
                        best = (found, _length(pts) if best is None else best[1], (out_side, in_side, pts))
                    if found == 0:  # (the first legible route crossing a line was taken: KPP's "Memenuhi
                        break  # persyaratan" crossed the chain beside it, a route on the decision's other side free)
                    continue
                crossing = crossing or (out_side, in_side, pts)  # free, but a line runs through a label
                continue
            if clear is None and self._free(pts, s.id, t.id, f"{t.id}:{in_side}", lines=False):
                clear = (out_side, in_side, pts)
        if best is not None:
            out_side, in_side, pts = best[2]
        else:  # nothing is free (very dense graph): a route through no box (a line through a step reads as a
            # flow into it), by a port of its own, else by another line's exit; else the first port-legal one
            if fallback is None:
                fallback = next((c for c in self._candidates(s, t) if c[1] != "bottom"), None) or \
                    next(iter(self._candidates(s, t)))
            out_side, in_side, pts = joined or crossing or clear or shared or fallback
        pts = simplify(pts)
        shares = (s.id, out_side) in self.out_ports  # its label goes by its own run in the gutter, not the exit
        self.out_ports.add((s.id, out_side))
        self.in_ports.add((t.id, in_side))
        key = f"{t.id}:{in_side}"
        if not link.arrow:  # a plain line (joint activity) takes both its ports: no arrow may merge into it
            self.in_ports.add((s.id, out_side))
            self.out_ports.add((t.id, in_side))
            key = f"{s.id}:{out_side}:{t.id}"
        for p, q in zip(pts, pts[1:]):
            self._add_segment(p, q, key)
        link.points = pts
        if link.label:
            link.label_at = _label_at(link, pts, shares)
            if self._misplaced(link.label_at, link.label_size) or _struck(link.label_at, link.label_size, pts):
                link.label_at = self._spot(link, pts) or link.label_at
            end = pts[-1]
            if link.arrow and abs(link.label_at[0] - end[0]) + abs(link.label_at[1] - end[1]) < NEAR_END:
                self.labelled_in.add((t.id, in_side))  # a line joining here would seem to carry this label
            la, lc = link.label_size
            self.labelled.append(link)
            self.label_boxes.append((link.label_at[0] - la / 2, link.label_at[0] + la / 2,
                                     link.label_at[1] - lc / 2, link.label_at[1] + lc / 2))

    def _misplaced(self, at: tuple[float, float], size: tuple[float, float], lines: bool = False) -> bool:
        """Whether a label at ``at`` stands past the pool's edge (in the margin, on the frame: Sumedang's 'Benar
        dan lengkap') or on a symbol; with ``lines``, also on a line or on another label."""
        (a, c), (la, lc) = at, size
        box = (a - la / 2, a + la / 2, c - lc / 2, c + lc / 2)
        if box[2] < self.edges[0] + 1 or box[3] > self.edges[-1] - 1 or \
                self._on_symbol(box):
            return True
        return lines and (_any_through(self.segments, box, -2.0) or
                          any(_through((b[0], b[2]), (b[1], b[3]), box, -2.0) for b in self.label_boxes))

    def labels_off_edges(self) -> None:
        """Move each label standing on a lane edge (the edge strikes its text out) off it, once every line is
        drawn: moved while routing, a label blocked the short route of a line routed after it."""
        for k, link in enumerate(self.labelled):
            if self._on_edge(link.label_at, link.label_size) is None:
                continue
            own = self.label_boxes.pop(k)  # (not in its own way)
            at = self._off_edge(link.label_at, link.label_size, link.points) or \
                self._spot(link, link.points, off_edges=True)
            if at is not None:
                (la, lc), link.label_at = link.label_size, at
                own = (at[0] - la / 2, at[0] + la / 2, at[1] - lc / 2, at[1] + lc / 2)
            self.label_boxes.insert(k, own)

    def _on_edge(self, at: tuple[float, float], size: tuple[float, float]) -> float | None:
        """Return the lane edge a label at ``at`` stands on or touches (it strikes the text out), if any."""
        c, lc = at[1], size[1]
        return next((e for e in self.edges[1:-1] if c - lc / 2 < e + 1 and c + lc / 2 > e - 1), None)

    def _off_edge(self, at: tuple[float, float], size: tuple[float, float],
                  pts: list[tuple[float, float]]) -> tuple[float, float] | None:
        """Return ``at`` moved across, the least, off the lane edge its label stands on, where that is free (KPP's
        "Memenuhi persyaratan" stood past a diamond's corner, which reaches into the gutter, on the edge)."""
        (a, c), (la, lc) = at, size
        edge = self._on_edge(at, size)
        for move in sorted((edge + 2 + lc / 2 - c, edge - 2 - lc / 2 - c), key=abs):
            spot = (a, c + move)
            if not self._on_edge(spot, size) and not self._misplaced(spot, size, lines=True) and \
                    not _struck(spot, size, pts):
                return spot
        return None

    def _spot(self, link: Link, pts: list[tuple[float, float]],
              off_edges: bool = False) -> tuple[float, float] | None:
        """Return a place for ``link``'s label further along its line, beside a run (over one across), clear of
        the pool's edge, the symbols, the lines and the labels; not by its arrow's end when another is free
        (it would read as the label of a line joining there)."""
        la, lc = link.label_size
        near = None
        for (a0, c0), (a1, c1) in zip(pts, pts[1:]):
            along = abs(a1 - a0) > abs(c1 - c0)
            length = abs(a1 - a0) if along else abs(c1 - c0)
            for k in range(int(length // 2) + 1):
                t = (2.0 * k) / length if length else 0.0
                a, c = a0 + (a1 - a0) * t, c0 + (c1 - c0) * t
                sides = ((a, c + lc / 2 + 4), (a, c - lc / 2 - 4)) if along else \
                    ((a - la / 2 - 2, c), (a + la / 2 + 2, c))
                for at in sides:
                    if self._misplaced(at, link.label_size, lines=True) or \
                            (off_edges and self._on_edge(at, link.label_size) is not None):
                        continue
                    if abs(at[0] - pts[-1][0]) + abs(at[1] - pts[-1][1]) >= NEAR_END:
                        return at
                    near = near or at
        return near

    def _legible(self, link: Link, pts: list[tuple[float, float]]) -> bool:
        """Whether a route crosses no label placed and its own label (placed at its exit) no line drawn: a line
        through a label strikes it out."""
        segments = list(zip(pts, pts[1:]))
        if any(_any_through(segments, box, -LABEL_CLEAR) for box in self.label_boxes):
            return False
        if not link.label:
            return True
        a, c = _label_at(link, pts, False)
        la, lc = link.label_size
        box = (a - la / 2, a + la / 2, c - lc / 2, c + lc / 2)
        # a line grazing the label reads as its line too (Sumedang: "Benar dan lengkap" beside a loop back, review O);
        # its own line further on strikes it out as well (a short run to an end at its lane's side turned back),
        # unless the label has a free place further along its line (a loop back up beside its decision)
        return not _any_through(self.segments, box, -LABEL_CLEAR) and \
            (not _struck((a, c), (la, lc), pts) or self._spot(link, pts) is not None)


def _struck(at: tuple[float, float], size: tuple[float, float], pts: list[tuple[float, float]]) -> bool:
    """Whether a label at ``at`` is struck out by its own line after the line's first run."""
    (a, c), (la, lc) = at, size
    box = (a - la / 2, a + la / 2, c - lc / 2, c + lc / 2)
    return _any_through(zip(pts[1:], pts[2:]), box, 0.5)


def _label_at(link: Link, pts: list[tuple[float, float]], shares: bool) -> tuple[float, float]:
    """The centre of ``link``'s label: beside its first run (its run in the gutter when it shares its exit)."""
    la, lc = link.label_size
    if not shares:
        (a0, c0), (a1, c1) = pts[:2]
    elif len(pts) == 2:  # straight on from the exit it shares: by its middle, past where the other line turns off
        (a0, c0), (a1, c1) = ((pts[0][0] + pts[1][0]) / 2, (pts[0][1] + pts[1][1]) / 2), pts[1]
    else:  # by its first run of its own (at the exit both labels stood on one spot, review L)
        k = min(2, len(pts) - 2)
        (a0, c0), (a1, c1) = pts[k:k + 2]
    if abs(a1 - a0) > abs(c1 - c0):  # leaves along the flow (or up, a loop back by a top): label beside the line
        return (a0 + la / 2 + 3 if a1 > a0 else a0 - la / 2 - 3), c0 + lc / 2 + 4
    sign = 1 if c1 > c0 else -1  # leaves across: label over the line, just past the symbol
    return a0 - la / 2 - 2, c0 + sign * (lc / 2 + 5)


def _covers(label: tuple[float, float, float, float], box: Box) -> bool:
    """Whether a label's box (a0, a1, c0, c1) covers part of a symbol: a diamond by its outline (a label by its
    corner stands in its bounding box's corner, clear of it)."""
    a0, a1, c0, c1 = label
    ha, hc = box.sa / 2, box.sc / 2
    if a0 >= box.a + ha or a1 <= box.a - ha or c0 >= box.c + hc or c1 <= box.c - hc:
        return False
    if box.shape != "decision":
        return True
    # the label's point nearest the centre (the diamond's measure is separable in a and c)
    da, dc = min(max(box.a, a0), a1) - box.a, min(max(box.c, c0), c1) - box.c
    return abs(da) / ha + abs(dc) / hc < 0.98


def _through(p, q, box, inset: float = 1.0) -> bool:
    """Whether the axis-parallel segment p-q runs through ``box`` (a0, a1, c0, c1), more than grazing it."""
    a0, a1, c0, c1 = box[0] + inset, box[1] - inset, box[2] + inset, box[3] - inset
    lo_a, hi_a = (p[0], q[0]) if p[0] <= q[0] else (q[0], p[0])  # (not sorted(): called some 600 times a map)
    lo_c, hi_c = (p[1], q[1]) if p[1] <= q[1] else (q[1], p[1])
    return lo_a < a1 and hi_a > a0 and lo_c < c1 and hi_c > c0


def _any_through(segments, box, inset: float) -> bool:
    """``_through`` of any of ``segments`` (each (p, q, ...)), in one loop: it is asked of every line drawn."""
    a0, a1, c0, c1 = box[0] + inset, box[1] - inset, box[2] + inset, box[3] - inset
    for seg in segments:
        (pa, pc), (qa, qc) = seg[0], seg[1]
        if (pa if pa <= qa else qa) < a1 and (qa if pa <= qa else pa) > a0 and \
                (pc if pc <= qc else qc) < c1 and (qc if pc <= qc else pc) > c0:
            return True
    return False


def _overlap(p, q, r, s, tol: float = 1.0) -> bool:
    """Return whether two axis-parallel segments lie on one line and share more than a point."""
    if abs(p[0] - q[0]) < tol and abs(r[0] - s[0]) < tol and abs(p[0] - r[0]) < tol:  # both across, same a
        k = 1
    elif abs(p[1] - q[1]) < tol and abs(r[1] - s[1]) < tol and abs(p[1] - r[1]) < tol:  # both along, same c
        k = 0
    else:
        return False
    lo1, hi1 = (p[k], q[k]) if p[k] <= q[k] else (q[k], p[k])
    lo2, hi2 = (r[k], s[k]) if r[k] <= s[k] else (s[k], r[k])
    return min(hi1, hi2) - max(lo1, lo2) > tol


def _length(pts: list[tuple[float, float]]) -> float:
    """The length of an orthogonal route."""
    return sum(abs(p[0] - q[0]) + abs(p[1] - q[1]) for p, q in zip(pts, pts[1:]))
