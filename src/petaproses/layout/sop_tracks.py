"""The search grid of one page of the SOP AP flowchart: tracks, obstacles, lines drawn, and the A* search.

Tracks keep clear of the symbols and the table's rules: in each actor column one through the symbols'
centres and one or two in the free channels beside them; in each row the symbols' centre line and a few in
the free bands above and below them.  A route costs its length, a penalty per bend, and a large one per
crossing (or touching) of a line already drawn, so a crossing is only taken when no free corridor exists;
lines never run along each other, except arrows that join into the same point of a symbol.  An arrow's last
straight run is at least ``Sizes.last_seg`` long, so its head sits straight; the flow enters a step from
above, a loop back by a side.  ``sop_route`` decides what to route, in which order, and places the labels.
The search's loop runs in C (``_astar.c``) where built; the same in Python (``sop_fallback``): ``_loop``,
straight runs, a line's marks, approach points, a label's box (``_walk``, ``_mark_cells``, ``_arrive``, ``_obstacle``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from .page import PageStyle, mm
from .primitives import Line, Shape
from .sop_costs import (BEND, CLEAR, CROSS, ENTRY_BACK, ENTRY_FORWARD, ENTRY_ROW, EXIT_COST, LABEL_MISS,  # noqa: F401
                        NORMAL, PORTS, RULE_CLEAR, USED_COST, ZONE, ZONE_COST, clean, entry_costs)
from .sop_direct import direct, straight
from .sop_fallback import _arrive, _loop, _mark_cells, _obstacle, _walk  # noqa: F401 - tests compare them with C
from .sop_table import Columns, Page, Sizes

try:  # the search's loop in C (same answers, several times faster); built where a compiler is present
    from . import _astar
except ImportError:  # pragma: no cover - a machine without a compiler runs the loop in Python
    _astar = None  # type: ignore[assignment]


@dataclass
class Link:
    """A line from ``src`` to ``tgt``; ``label``: a branch label; ``arrow``: ends in an arrowhead; ``ports``/
    ``entries``: the ports it may leave/enter by (None: any); ``share``: marks of lines it may run along from
    its start (more exits than free corners: they leave together, then part)."""

    src: Shape
    tgt: Shape
    label: str | None = None
    arrow: bool = True
    ports: tuple[str, ...] | None = None
    entries: tuple[str, ...] | None = None
    share: frozenset = frozenset()


class Tracks:
    """The grid of one page and the lines drawn on it (see the module's docstring)."""

    def __init__(self, page: Page, cols: Columns, sz: Sizes, style: PageStyle):
        self.page, self.cols, self.sz, self.style = page, cols, sz, style
        self.x_lo, self.x_hi = cols.lane_left(0), cols.lane_left(cols.n_actors)
        self.y_lo = page.body_top
        self.y_hi = page.body_top + sum(r.height for r in page.rows)
        self.xs, self.ys = self._tracks()
        self.xi = {x: i for i, x in enumerate(self.xs)}
        self.yi = {y: i for i, y in enumerate(self.ys)}
        ny = self.ny = len(self.ys)
        # grid point idx = i * ny + j; free: inside the actor columns and clear of every symbol and label
        inside = [self.y_lo < y < self.y_hi for y in self.ys]  # the same in every track inside the columns
        outside = [False] * ny
        self.free = []
        for x in self.xs:  # extended a track at a time (a list per point cost ~0.1 ms a page)
            self.free += inside if self.x_lo < x < self.x_hi else outside
        # a point blocked by symbols only: which (their ids: compared as lists per step of a walk, a symbol's
        # dataclass equality would compare every field of two different symbols)
        self.owners: dict[int, list[int]] = {}
        free, owners = self.free, self.owners
        for sh in page.shapes:  # the points inside each symbol (with its clearance), found by bisection
            ia = bisect.bisect_right(self.xs, sh.x - CLEAR)
            ib = bisect.bisect_left(self.xs, sh.x + sh.w + CLEAR)
            ja = bisect.bisect_right(self.ys, sh.y - CLEAR)
            jb = bisect.bisect_left(self.ys, sh.y + sh.h + CLEAR)
            for i in range(ia, ib):
                for idx in range(i * ny + ja, i * ny + jb):
                    if free[idx] or idx in owners:
                        owners.setdefault(idx, []).append(id(sh))
                        free[idx] = False
        self.zone: dict[int, set[int]] = {}  # points just before a port of a symbol: which symbols
        xs, ys = self.xs, self.ys
        for sh in page.shapes:  # the points on a port's normal, within ZONE of it (found by bisection)
            for port, (nx, ny_) in NORMAL.items():
                px, py = sh.port(port)
                if nx:
                    if py not in self.yi:
                        continue
                    j = self.yi[py]
                    lo, hi = (px, px + ZONE) if nx > 0 else (px - ZONE, px)
                    found = [i * ny + j for i in range(bisect.bisect_left(xs, lo), bisect.bisect_right(xs, hi))
                             if xs[i] != px]
                else:
                    if px not in self.xi:
                        continue
                    i = self.xi[px]
                    lo, hi = (py, py + ZONE) if ny_ > 0 else (py - ZONE, py)
                    found = [i * ny + j for j in range(bisect.bisect_left(ys, lo), bisect.bisect_right(ys, hi))
                             if ys[j] != py]
                for idx in found:
                    self.zone.setdefault(idx, set()).add(id(sh))
        self.hblk: set[int] = set()  # unit edges idx -> idx + ny run through a label
        self.vblk: set[int] = set()  # unit edges idx -> idx + 1
        # grid points and unit edges taken by drawn lines: owner (the symbol id and port an arrow enters) ->
        # how many lines
        self.pown: dict[int, dict] = {}
        self.hown: dict[int, dict] = {}
        self.vown: dict[int, dict] = {}
        self.base_free = list(self.free)
        self._marks: dict = {}  # (owner, points) -> how many times drawn: the state of pown/hown/vown
        self._marks_key: frozenset | None = None  # _marks as _state gives it, until they change
        self._memo: dict = {}  # searches by page state and arguments
        self._relaxed: bool | None = False  # the last search left a start out for its label (None: no way in)
        self.px_of = []  # coordinates of grid point idx
        for x in self.xs:
            self.px_of += [x] * ny
        self.py_of = list(self.ys) * len(self.xs)

    # -- the grid
    def _tracks(self) -> tuple[list[int], list[int]]:
        cols, sz = self.cols, self.sz
        xs: set[int] = set()
        for lane in range(cols.n_actors):
            left, w = cols.lane_left(lane), cols.lane_width(lane)
            c = cols.lane_center(lane)
            xs.add(c)
            # channel tracks keep off the rules and a little further off the symbols, so lines do not hug them
            for a, b in ((left + RULE_CLEAR, c - sz.sym_w // 2 - mm(1.2)),
                         (c + sz.sym_w // 2 + mm(1.2), left + w - RULE_CLEAR)):
                xs.update(_spread(a, b, most=2) or [(a + b) // 2])
        ys: set[int] = set()
        shapes = self.page.shapes
        centres = [(s.cy, s.y - CLEAR, s.y + s.h + CLEAR) for s in shapes]  # each row's symbols: by their centre
        edge = mm(0.5)
        for r in self.page.rows:
            top, bottom = r.top + edge, r.top + r.height - edge
            spans = sorted((a, b) for cy, a, b in centres if r.top <= cy < r.top + r.height)
            free, at = [], top
            for a, b in spans:
                if a > at:
                    free.append((at, a))
                at = max(at, b)
            if bottom > at:
                free.append((at, bottom))
            for a, b in free:  # off the rules where the band allows, else in its middle
                ys.update(_spread(max(a, r.top + RULE_CLEAR), min(b, bottom + edge - RULE_CLEAR)) or [(a + b) // 2])
        boxes = [(o.y - CLEAR, o.y + o.h + CLEAR, o.x - CLEAR, o.x + o.w + CLEAR) for o in shapes]  # with clearance
        rules = {r.top for r in self.page.rows} | {r.top + r.height for r in self.page.rows}  # none along a rule
        for s in shapes:
            cx = s.cx
            xs.update((s.x, s.x + s.w, cx))
            ys.update((s.y, s.y + s.h, s.cy))
            # the approach tracks of a symbol's top and bottom: an arrowhead's straight run away
            for y in (s.y - sz.last_seg, s.y + s.h + sz.last_seg):
                if not self.y_lo < y < self.y_hi:
                    continue
                for y0, y1, x0, x1 in boxes:  # (loops, not any()/all() over generators: run per symbol and page)
                    if y0 < y < y1 and x0 < cx < x1:
                        break
                else:
                    for rule in rules:
                        if abs(y - rule) < RULE_CLEAR:
                            break
                    else:
                        ys.add(y)
        return sorted(xs), sorted(ys)

    def free_of(self, idx: int, shape: Shape) -> bool:
        """Whether a grid point is free, or blocked by ``shape`` alone (the start or end of a line)."""
        return self.free[idx] or self.owners.get(idx) == [id(shape)]

    def add_obstacle(self, x0: int, y0: int, x1: int, y1: int) -> None:
        """Block the grid points and unit edges a label's box covers."""
        block = _astar.obstacle if _astar is not None else _obstacle
        block(self.xs, self.ys, self.free, self.hblk, self.vblk, x0, y0, x1, y1)

    # -- search
    def _walk(self, idx: int, step: int, shape: Shape, owner, stop_free: bool) -> list[tuple[int, int]]:
        """Grid points from ``idx`` (excluded) in one direction while the way is clear for a line that
        starts or ends at ``shape``: [(idx, penalty so far)]."""
        vertical = abs(step) == 1
        blk, own = (self.vblk, self.vown) if vertical else (self.hblk, self.hown)
        walk = _astar.walk if _astar is not None else _walk
        return walk(idx, step, self.ny, self.free, self.owners, [id(shape)], blk, own, self.pown, owner, stop_free,
                    CROSS)

    def search(self, link: Link, starts: dict[str, tuple[int, int]], goals: dict[str, int]):
        """Return (cost, points, exit port, entry port) of the cheapest route, or None.  ``starts``: port ->
        (least first run, extra cost); ``goals``: port -> extra cost.

        Searched in stages, each only when the one before finds nothing: no crossing and every label in its
        cell; then a label may miss its cell; then lines may cross.  The costs are those of one search (a
        crossing costs more than any detour on a page), the stages only spare the search from going through
        the whole page to prove that the cheap route without penalties is the best.  A straight or once-bent
        route that is provably the first stage's answer is taken without searching (``sop_direct``)."""
        key = (self._state(), id(link), tuple(starts.items()), tuple(goals.items()))
        if key in self._memo:  # the same line on the same page again (untangling tries and puts back)
            found = self._memo[key]
            return None if found is None else (found[0], list(found[1]), found[2], found[3])
        approach = self._approach(link, goals)
        found = direct(self, link, starts, goals, approach) if approach else None
        if found is None and approach:
            for cross, miss in ((False, False), (False, True), (True, True)):
                self._relaxed = False
                found = self._search(link, starts, goals, cross, miss, approach)
                if found is not None:
                    break
                if not miss and not self._relaxed:
                    continue  # nothing was left out for its label: the second stage would search the same way
        if approach:  # a labelled line's run and its arrowhead's may share one straight segment
            found = straight(self, link, starts, goals, approach, found)
        self._memo[key] = None if found is None else (found[0], list(found[1]), found[2], found[3])
        return found

    def step(self, direction: tuple[int, int]) -> int:
        """A unit direction's step in grid point indices."""
        return self.ny * direction[0] + direction[1]

    def _approach(self, link: Link, goals: dict[str, int]) -> dict[int, list[tuple[int, str, int]]]:
        """Approach points: on a goal port's normal, at least an arrowhead's run away, the run in clear ->
        (outward step, port, cost of coming in from there)."""
        s, t = link.src, link.tgt
        ny = self.ny
        entry_cost = entry_costs(s, t)
        least = self.sz.last_seg if link.arrow else 1
        mine = {(id(t), p) for p in goals} if link.arrow else set()
        approach: dict[int, list[tuple[int, str, int]]] = {}
        fill = _astar.arrive if _astar is not None else _arrive
        for port, extra in goals.items():
            gx, gy = t.port(port)
            if gx not in self.xi or gy not in self.yi:
                continue
            gidx = self.xi[gx] * ny + self.yi[gy]
            out = self.step(NORMAL[port])
            fill(self._walk(gidx, out, t, {(id(t), port)} & mine, stop_free=True), self.px_of, self.py_of, gx, gy,
                 least, out, port, entry_cost[port] + extra, approach)
        return approach

    def _state(self) -> tuple:
        """What a search depends on besides its line: the lines drawn (with the ports they own) and the
        labels placed (they block grid points and edges)."""
        if self._marks_key is None:  # (asked at every search: made again only after a line was drawn or erased)
            self._marks_key = frozenset(self._marks.items())
        return (self._marks_key, frozenset((b.x, b.y, b.w, b.h) for b in self.page.labels))

    def _search(self, link: Link, starts: dict[str, tuple[int, int]], goals: dict[str, int], cross: bool,
                miss: bool, approach: dict[int, list[tuple[int, str, int]]]):
        # Parts: the estimate's boxes, the start rays, the loop (in C where built, else in Python), the path.
        s, t = link.src, link.tgt
        xs, ys, ny = self.xs, self.ys, self.ny
        dir_of = {ny: 0, -ny: 1, 1: 2, -1: 3}
        px_of, py_of = self.px_of, self.py_of
        # per goal port, the segment its approach points lie on and the least cost of coming in there
        spans: dict[str, list[int]] = {}
        for q, lst in approach.items():
            x, y = px_of[q], py_of[q]
            for _, port, c in lst:
                sp = spans.get(port)
                if sp is None:
                    spans[port] = [x, x, y, y, c]
                    continue
                if x < sp[0]:
                    sp[0] = x
                if x > sp[1]:
                    sp[1] = x
                if y < sp[2]:
                    sp[2] = y
                if y > sp[3]:
                    sp[3] = y
                if c < sp[4]:
                    sp[4] = c
        boxes = list(spans.values())
        firsts: list[tuple[int, int]] = []  # (cost, state) of each point on a start ray, in order
        rays: list[tuple[str, tuple[int, int]]] = []  # (exit port, port's point) of each of them
        for port, (run, extra) in starts.items():
            px, py = s.port(port)
            if px not in self.xi or py not in self.yi:
                continue
            if extra >= LABEL_MISS and not miss:
                self._relaxed = True
                continue
            pidx = self.xi[px] * ny + self.yi[py]
            d = self.step(NORMAL[port])
            for q, penalty in self._walk(pidx, d, s, set(link.share), stop_free=not cross):
                dist = abs(px_of[q] - px) + abs(py_of[q] - py)
                if dist < run and not miss:
                    self._relaxed = True
                    continue
                firsts.append((EXIT_COST[port] + extra + dist + penalty + (LABEL_MISS if dist < run else 0),
                               q * 4 + dir_of[d]))
                rays.append((port, (px, py)))
        mine = ({(id(t), p) for p in goals} if link.arrow else set()) | link.share  # it may run along these
        loop = _astar.search if _astar is not None else _loop
        found = loop(len(self.free), ny, self.free, px_of, py_of, self.hblk, self.vblk, self.hown, self.vown,
                     self.pown, mine, self.zone, {id(s), id(t)}, approach, boxes, firsts, cross, BEND, CROSS,
                     ZONE_COST)
        if found is None:
            return None
        goal_cost, entry, states, ray = found
        pts = [t.port(entry)] + [(xs[key // 4 // ny], ys[key // 4 % ny]) for key in states] + [rays[ray][1]]
        return goal_cost, clean(pts[::-1]), rays[ray][0], entry

    def commit(self, pts: list[tuple[int, int]], t: Shape, entry: str, name: str, arrow: bool) -> Line:
        """Draw a routed line and mark the grid points and edges it takes (an arrow's mark says which port it
        enters, so that another arrow may join it there)."""
        line = Line(pts, name, arrow)
        self.page.lines.append(line)
        self._mark(pts, (id(t), entry) if arrow else ("line", id(line)), 1)
        return line

    def _mark(self, pts: list[tuple[int, int]], owner, add: int) -> None:
        ny = self.ny
        mark = (owner, tuple(pts))
        self._marks[mark] = self._marks.get(mark, 0) + add
        self._marks_key = None
        if self._marks[mark] <= 0:
            del self._marks[mark]
        fill = _astar.mark if _astar is not None else _mark_cells
        for (ax, ay), (bx, by) in zip(pts, pts[1:]):
            if ax == bx and ax in self.xi:
                first = self.xi[ax] * ny
                ja, jb = bisect.bisect_left(self.ys, min(ay, by)), bisect.bisect_right(self.ys, max(ay, by))
                start, stop, stride, own = first + ja, first + jb, 1, self.vown
            elif ay == by and ay in self.yi:
                j = self.yi[ay]
                ia, ib = bisect.bisect_left(self.xs, min(ax, bx)), bisect.bisect_right(self.xs, max(ax, bx))
                start, stop, stride, own = ia * ny + j, ib * ny + j, ny, self.hown
            else:
                continue
            fill(self.pown, owner, start, stop, stride, add)  # the points the segment passes
            fill(own, owner, start, stop - stride, stride, add)  # its edges: each named by its lower point


def _spread(a: int, b: int, gap: int = mm(1.1), most: int = 2) -> list[int]:
    """Up to ``most`` tracks in [a, b], ``gap`` apart, centred; none when the interval is empty."""
    n, mid = min(most, (b - a) // gap + 1) if b >= a else 0, (a + b) // 2
    return [int(mid + (k - (n - 1) / 2) * gap) for k in range(n)] if n > 1 else [mid] * n


def _length(pts: list[tuple[int, int]]) -> int:
    return sum(abs(a[0] - b[0]) + abs(a[1] - b[1]) for a, b in zip(pts, pts[1:])) + BEND * (len(pts) - 2)
