"""A long sub-process chain in rows: ``dot``'s left-to-right layout cut between its columns and the pieces stacked.

Eight sub-processes in one row made a 9:1 map that printed on A4 at ~5 pt (review M 04).  A chain wider than
``ROW_LIMIT`` is cut between two of ``dot``'s columns (ranks) where the fewest arrows cross and the rows come out
about as wide; every piece keeps ``dot``'s own positions and splines, shifted.  An arrow between two rows runs
through the gap between them: down out of its box (or out of its side when a box stands under it), along a track
of its own, into the top of its target (or its side); across more than one row, down the left margin.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .diagram_common import spline

ROW_LIMIT = 840.0  # points of flow per row (five boxes): with the frame (~160 pt) a map 1000 pt wide prints on
# A4 landscape at the smallest scale the PDF allows (diagram.MIN_SCALE: labels at 7 pt)
CROSS_COST = 150.0  # a row cut through an arrow costs as much as a row this much wider
ROW_COST = 50.0  # ... and every row more
GLUE_COST = 1000.0  # a box and its decision diamond stay in one row
STUB = 10.0  # an arrow's first and last pieces beside a box
TRACK = 7.0  # between two arrows running along a gap
PAD = 8.0  # between a row and the nearest thing in a gap


@dataclass
class Route:
    id: str
    tail: str
    head: str
    pos: str  # Graphviz spline
    lp: tuple[float, float] | None = None  # the label's centre
    label_size: tuple[float, float] = (0.0, 0.0)


@dataclass
class Chain:
    """A chain as drawn: node centres and sizes, routes, bounding box (x0, y0, x1, y1), Graphviz points y up."""

    pos: dict[str, tuple[float, float]]
    size: dict[str, tuple[float, float]]
    routes: list[Route]
    bb: tuple[float, float, float, float]
    rows: int = 1
    row_of: dict[str, int] = field(default_factory=dict)


def read(laid: dict, label_sizes: dict[str, tuple[float, float]]) -> Chain:
    """Return the chain ``dot -Tjson`` laid out (edges named by their ``id``)."""
    objects = laid.get("objects", [])
    pos = {o["name"]: tuple(float(v) for v in o["pos"].split(",")) for o in objects}
    size = {o["name"]: (float(o["width"]) * 72, float(o["height"]) * 72) for o in objects}
    routes = []
    for e in laid.get("edges", []):
        lp = tuple(float(v) for v in e["lp"].split(",")) if "lp" in e and e.get("id") in label_sizes else None
        routes.append(Route(e.get("id", ""), objects[e["tail"]]["name"], objects[e["head"]]["name"], e["pos"], lp,
                            label_sizes.get(e.get("id"), (0.0, 0.0))))
    bb = tuple(float(v) for v in laid["bb"].split(","))
    return Chain(pos, size, routes, bb)  # type: ignore[arg-type]


def shift(spline_pos: str, dx: float, dy: float) -> str:
    """Return a Graphviz spline ``pos`` moved by (dx, dy)."""
    parts = []
    for tok in spline_pos.split():
        prefix = ""
        if tok.startswith(("e,", "s,")):
            prefix, tok = tok[:2], tok[2:]
        x, y = (float(v) for v in tok.split(","))
        parts.append(f"{prefix}{x + dx:.2f},{y + dy:.2f}")
    return " ".join(parts)


def _points(spline_pos: str) -> list[tuple[float, float]]:
    return [tuple(float(v) for v in (t[2:] if t.startswith(("e,", "s,")) else t).split(","))  # type: ignore[misc]
            for t in spline_pos.split()]


def _columns(chain: Chain) -> list[list[str]]:
    """Return ``dot``'s ranks, left to right: the nodes that share a centre x."""
    by_x: dict[float, list[str]] = {}
    for name, (x, _) in chain.pos.items():
        by_x.setdefault(round(x, 1), []).append(name)
    return [by_x[x] for x in sorted(by_x)]


def _cuts(chain: Chain, cols: list[list[str]], glued: set[tuple[str, str]]) -> list[int]:
    """Return the first column of every row but the first: the cheapest cut into rows no wider than
    ``ROW_LIMIT`` (the widest row, every row more, every arrow a cut runs through, a box parted from its diamond).

    For every width the widest row may take, the cheapest cut under it (dynamic programming over the columns);
    a row holds a few columns only, so this is quick on a map of any length."""
    left = [min(chain.pos[n][0] - chain.size[n][0] / 2 for n in c) for c in cols]
    right = [max(chain.pos[n][0] + chain.size[n][0] / 2 for n in c) for c in cols]
    col_of = {n: i for i, c in enumerate(cols) for n in c}
    n = len(cols)
    price = [0.0] * (n + 1)  # of a cut before column c
    for r in chain.routes:
        a, b = sorted((col_of[r.tail], col_of[r.head]))
        for c in range(a + 1, b + 1):
            price[c] += GLUE_COST if (r.tail, r.head) in glued else CROSS_COST
    fits = {(i, j): right[j - 1] - left[i] for i in range(n) for j in range(i + 1, n + 1)
            if right[j - 1] - left[i] <= ROW_LIMIT}
    best: tuple[float, list[int]] | None = None
    for cap in sorted(set(fits.values())):
        if best is not None and cap >= best[0]:
            break
        cost: list[tuple[float, list[int]] | None] = [(0.0, [])] + [None] * n
        for j in range(1, n + 1):
            options = [(cost[i][0] + (ROW_COST + price[i] if i else 0.0), cost[i][1] + ([i] if i else []))
                       for i in range(j) if cost[i] is not None and fits.get((i, j), ROW_LIMIT + 1) <= cap]
            cost[j] = min(options, default=None)
        if cost[n] is not None and (best is None or cap + cost[n][0] < best[0]):
            best = (cap + cost[n][0], cost[n][1])
    return best[1] if best else []


def wrap(chain: Chain, glued: set[tuple[str, str]]) -> Chain:
    """Return ``chain`` cut into rows when wider than ``ROW_LIMIT``, else ``chain`` itself."""
    x0, _, x1, _ = chain.bb
    cols = _columns(chain)
    if x1 - x0 <= ROW_LIMIT or len(cols) < 2:
        return chain
    cut = _cuts(chain, cols, glued)
    if not cut:
        return chain
    row_of = {name: sum(c <= i for c in cut) for i, col in enumerate(cols) for name in col}
    count = len(cut) + 1
    inside = [r for r in chain.routes if row_of[r.tail] == row_of[r.head]]
    across = [r for r in chain.routes if row_of[r.tail] != row_of[r.head]]
    # every row's extent: its boxes, its own arrows and their labels
    ext = [[float("inf"), float("inf"), float("-inf"), float("-inf")] for _ in range(count)]

    def grow(row: int, x: float, y: float) -> None:
        e = ext[row]
        e[0], e[1], e[2], e[3] = min(e[0], x), min(e[1], y), max(e[2], x), max(e[3], y)

    for name, (x, y) in chain.pos.items():
        w, h = chain.size[name]
        grow(row_of[name], x - w / 2, y - h / 2)
        grow(row_of[name], x + w / 2, y + h / 2)
    for r in inside:
        for x, y in _points(r.pos):
            grow(row_of[r.tail], x, y)
        if r.lp:
            (lx, ly), (lw, lh) = r.lp, r.label_size
            grow(row_of[r.tail], lx - lw / 2, ly - lh / 2)
            grow(row_of[r.tail], lx + lw / 2, ly + lh / 2)
    # gaps: a band for labels over and under the tracks of the arrows that run along them
    uses: list[list[Route]] = [[] for _ in range(count - 1)]
    for r in across:
        a, b = row_of[r.tail], row_of[r.head]
        first = min(a, b + 1) if b > a else a - 1
        last = b - 1 if b > a else b
        uses[first].append(r)
        if last != first:
            uses[last].append(r)
    band = max([r.label_size[1] for r in across] + [0.0]) + 4
    gaps = [2 * PAD + 2 * band + max(len(u) - 1, 0) * TRACK for u in uses]
    # stack the rows, top first (y grows upwards)
    total = sum(e[3] - e[1] for e in ext) + sum(gaps)
    dx, dy, top = [], [], total
    for i, e in enumerate(ext):
        dx.append(-e[0])
        dy.append(top - e[3])
        top -= (e[3] - e[1]) + (gaps[i] if i < len(gaps) else 0.0)
    pos = {n: (x + dx[row_of[n]], y + dy[row_of[n]]) for n, (x, y) in chain.pos.items()}
    routes = {}
    for r in inside:
        i = row_of[r.tail]
        lp = (r.lp[0] + dx[i], r.lp[1] + dy[i]) if r.lp else None
        routes[id(r)] = Route(r.id, r.tail, r.head, shift(r.pos, dx[i], dy[i]), lp, r.label_size)
    gap_top = [ext[i][1] + dy[i] for i in range(count - 1)]  # the bottom of the row over each gap
    margin = 0.0
    far = [r for r in across if abs(row_of[r.tail] - row_of[r.head]) > 1]  # each its own track down the margin
    for r in across:
        side = STUB + far.index(r) * TRACK if r in far else 0.0
        routes[id(r)] = _across(r, pos, chain.size, row_of, uses, gap_top, band, side)
        margin = max(margin, side)
    width = max(e[2] - e[0] for e in ext)
    for r in routes.values():
        if r.lp:
            width = max(width, r.lp[0] + r.label_size[0] / 2)
    return Chain(pos, chain.size, [routes[id(r)] for r in chain.routes], (-margin, 0.0, width, total), count,
                 row_of)


def _across(r: Route, pos, size, row_of, uses, gap_top, band, side: float) -> Route:
    """Return the route of an arrow between two rows; across more than one, down the margin ``side`` points left
    of the rows."""
    a, b = row_of[r.tail], row_of[r.head]
    down = b > a
    sign = -1.0 if down else 1.0  # the way from the tail's row towards the head's (y up)
    (tx, ty), (tw, th) = pos[r.tail], size[r.tail]
    (hx, hy), (hw, hh) = pos[r.head], size[r.head]
    first = a if down else a - 1
    last = b - 1 if down else b

    def track(gap: int) -> float:
        k = uses[gap].index(r)
        return gap_top[gap] - PAD - band - k * TRACK

    def blocked(name: str, x: float, y: float, w: float, towards: float) -> bool:
        """Whether a box of ``name``'s row stands between it and the gap it heads for."""
        return any(row_of[o] == row_of[name] and o != name and abs(p[0] - x) < (w + size[o][0]) / 2
                   and (p[1] - y) * towards > 0 for o, p in pos.items())

    pts: list[tuple[float, float]] = []
    y1 = track(first)
    if blocked(r.tail, tx, ty, tw, sign):
        pts += [(tx + tw / 2, ty), (tx + tw / 2 + STUB, ty)]
    else:
        pts.append((tx, ty + sign * th / 2))
    vx = pts[-1][0]
    pts.append((vx, y1))
    if side:  # down the left margin, past the rows between
        pts += [(-side, y1), (-side, track(last))]
    y2 = track(last)
    if blocked(r.head, hx, hy, hw, -sign):
        ex = hx - hw / 2 - STUB
        pts += [(ex, y2), (ex, hy), (hx - hw / 2, hy)]
    else:
        pts += [(hx, y2), (hx, hy - sign * hh / 2)]
    lp = None
    if r.label_size[0]:
        lw, lh = r.label_size
        along = pts[pts.index((vx, y1)) + 1][0]
        lx = vx + 3 + lw / 2 if along <= vx else vx - 3 - lw / 2
        lower = gap_top[first] - PAD - band - (len(uses[first]) - 1) * TRACK  # the last track of the gap
        lp = (lx, gap_top[first] - PAD - band / 2 if down else lower - band / 2)
    return Route(r.id, r.tail, r.head, spline(_dedupe(pts)), lp, r.label_size)


def _dedupe(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out = [pts[0]]
    for p in pts[1:]:
        if abs(p[0] - out[-1][0]) > 0.01 or abs(p[1] - out[-1][1]) > 0.01:
            out.append(p)
    return out
