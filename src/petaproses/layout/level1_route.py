"""Level-1 map: the flows between the processes of one band, whose boxes stand in rows (points, y up).

A flow to the next box on its row is a straight line between their sides.  Every other flow leaves its source
by the top or bottom edge at a port of its own, runs along a track of its own in the channel between two rows
(over its row when forward on it, under when back, down to the next row's top), and enters its target at a
port of its own; a flow across several rows goes down a gap between two columns.  No two lines share an
arrowhead or a stretch, and a label stands on its own line's track next to where the line leaves its source:
three flows merged on one track under labels floating above it could not be told apart (review 11).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import permutations

from . import text as tx
from .primitives import simplify

TRACK_GAP = 10.0  # between two tracks of a channel, beside the label a track carries
CH_PAD = 5.0  # between a channel's tracks and the boxes
LABEL_W = 110.0  # wrap width of a label on a track
STRAIGHT_W = 60.0  # wrap width of a straight flow's label: it stands in the gap between the two boxes
GAP_STEP = 6.0  # between two lines down the same gap between columns
PORT_SHIFT = 12.0  # an arriving line's port moved aside of a leaving one at the same x
PORT_INSET = (12.0, 30.0)  # ports keep this clear of a box's left and right side (a core box's point: right)

Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # centre x, centre y, width, height


@dataclass
class Route:
    index: int  # the flow's place in the map's flows
    source: str
    target: str
    label: list[str]  # wrapped
    straight: bool
    exit: int = 0  # channel the line leaves its source into: row r has channel r above it, r + 1 below
    entry: int = 0  # channel it enters its target from
    down_out: bool = False  # leaves by the bottom edge
    in_top: bool = False  # enters by the top edge
    points: list[Point] = field(default_factory=list)
    track_y: float = 0.0  # its track in the channel it leaves into
    label_at: Point = (0.0, 0.0)


def classify(flows: list[tuple[int, str, str, str | None]], pos: dict[str, tuple[int, int]]) -> list[Route]:
    """Return the route of each flow ``(index, source, target, label)`` between boxes at ``pos`` (row, column).
    A flow between two boxes of one row that are not neighbours runs over the row or under it, whichever
    channel fewer other lines use (forward: over on a tie)."""
    out: list[Route] = []
    load: dict[int, int] = {}
    later = []
    for n, a, b, label in flows:
        (ra, ca), (rb, cb) = pos[a], pos[b]
        if ra == rb and cb == ca + 1:
            out.append(Route(n, a, b, tx.wrap(label, STRAIGHT_W, tx.SMALL) if label else [], True))
        elif ra == rb:
            later.append(len(out))
            out.append(Route(n, a, b, tx.wrap(label, LABEL_W, tx.SMALL) if label else [], False))
        else:
            down = rb > ra
            exit_, entry = (ra + 1, rb) if down else (ra, rb + 1)
            out.append(Route(n, a, b, tx.wrap(label, LABEL_W, tx.SMALL) if label else [], False, exit_, entry,
                             down, down))
            for c in {exit_, entry}:
                load[c] = load.get(c, 0) + 1
    for n_done, i in enumerate(later):
        r = out[i]
        decided = [q for j, q in enumerate(out) if not q.straight and j not in later[n_done:]]
        row, forward = pos[r.source][0], pos[r.target][1] > pos[r.source][1]
        cost = {over: load.get(row if over else row + 1, 0) + _crowd(decided, r, over)
                + 4 * _between(decided, r, over, pos) for over in (True, False)}
        over = cost[True] < cost[False] + (1 if forward else 0)
        r.exit = r.entry = row if over else row + 1
        r.down_out, r.in_top = not over, over
        load[r.exit] = load.get(r.exit, 0) + 1
    return out


def _crowd(routes: list[Route], r: Route, over: bool) -> int:
    """How many lines arrive where ``r`` would leave its source or leave where it would arrive at its target
    (over its row: their top edges, under it: their bottom ones); one leaving beside those arriving read as
    their continuation."""
    return sum((q.target == r.source and q.in_top == over) + (q.source == r.target and q.down_out != over)
               for q in routes)


def _between(routes: list[Route], r: Route, over: bool, pos: dict[str, tuple[int, int]]) -> int:
    """How many lines meet the boxes between ``r``'s ends on the side it would pass: each one it crosses."""
    row, lo, hi = pos[r.source][0], *sorted((pos[r.source][1], pos[r.target][1]))
    inside = {b for b, (i, j) in pos.items() if i == row and lo < j < hi}
    return sum((q.source in inside and q.down_out != over) + (q.target in inside and q.in_top == over)
               for q in routes)


def _label_h(r: Route) -> float:
    return tx.block_height(len(r.label), tx.SMALL) if r.label else 0.0


def _slot(r: Route, channel: int) -> float:
    """Height of ``r``'s track in ``channel``: its label stands on its track in the channel it leaves into."""
    return (_label_h(r) + TRACK_GAP) if channel == r.exit else TRACK_GAP


def channel_heights(routes: list[Route], rows: int) -> list[float]:
    """Return the height the tracks and labels need in each of the ``rows + 1`` channels (above the first
    row, between rows, below the last), 0 where no line runs."""
    need = [0.0] * (rows + 1)
    for r in routes:
        if not r.straight:
            for c in {r.exit, r.entry}:
                need[c] += _slot(r, c)
    return [h + 2 * CH_PAD if h else 0.0 for h in need]


def place(routes: list[Route], rects: dict[str, Rect], channels: list[tuple[float, float]],
          gaps: list[float]) -> None:
    """Give every route its points: ``rects`` the boxes, ``channels`` each channel's (bottom, top) y, ``gaps``
    the x of the free gaps between the columns (where a line runs down across rows)."""
    for r in routes:
        if r.straight:
            (ax, ay, aw, _), (bx, by, bw, _) = rects[r.source], rects[r.target]
            r.points = [(ax + aw / 2, ay), (bx - bw / 2, by)]
            h = tx.block_height(max(len(r.label), 1), tx.SMALL)
            r.label_at = ((ax + aw / 2 + bx - bw / 2) / 2, max(ay + 12, ay + 3 + h / 2))  # clear of its line
    bent = [r for r in routes if not r.straight]
    gx = _gap_xs(bent, rects, gaps, channels, [r for r in routes if r.straight])
    ports = _ports(bent, rects, gx)
    track: dict[tuple[int, int], float] = {}
    for c, (lo, hi) in enumerate(channels):
        using = [k for k, r in enumerate(bent) if c in (r.exit, r.entry)]
        order = _best_order(using, bent, c, ports, gx, lo, hi)
        for k, y in zip(order, _track_ys(order, bent, c, hi)):
            track[(k, c)] = y
    for k, r in enumerate(bent):
        pa, pb = ports[(k, 0)], ports[(k, 1)]
        ye, yi = track[(k, r.exit)], track[(k, r.entry)]
        r.track_y = ye
        if r.exit == r.entry:
            pts = [pa, (pa[0], ye), (pb[0], ye), pb]
        else:
            pts = [pa, (pa[0], ye), (gx[k], ye), (gx[k], yi), (pb[0], yi), pb]
        r.points = simplify(pts)


def place_labels(routes: list[Route], rects: dict[str, Rect], lines: list[list[Point]],
                 bounds: tuple[float, float]) -> None:
    """Put each bent route's label on its track, beside where it leaves its source, else further along: where
    no line, box or label already placed crosses it (``lines``: every line of the map; ``bounds``: x range)."""
    taken = [_label_box(r) for r in routes if r.straight and r.label]
    boxes = [(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2) for cx, cy, w, h in rects.values()]
    for r in routes:
        if r.straight or not r.label:
            continue
        w = max(tx.text_width(t, tx.SMALL) for t in r.label)
        h = _label_h(r)
        (x1, y), (x2, _) = _first_run(r)
        sign = 1 if x2 >= x1 else -1
        y_mid = y + 2 + h / 2
        cands = [x1 + sign * (4 + w / 2), x2 - sign * (4 + w / 2), (x1 + x2) / 2, x1 - sign * (4 + w / 2)]
        best, best_cost = None, None
        for cx in cands:
            box = (cx - w / 2, y_mid - h / 2, cx + w / 2, y_mid + h / 2)
            cost = sum(_hits_line(box, pts) for pts in lines) + sum(_overlap(box, o) for o in taken + boxes)
            cost += 10 * (box[0] < bounds[0] or box[2] > bounds[1])
            if best_cost is None or cost < best_cost:
                best, best_cost = box, cost
        assert best is not None
        taken.append(best)
        r.label_at = ((best[0] + best[2]) / 2, y_mid)


def _first_run(r: Route) -> tuple[Point, Point]:
    """The route's horizontal stretch in the channel it leaves into (where its label stands)."""
    for p, q in zip(r.points, r.points[1:]):
        if abs(p[1] - q[1]) < 0.01:
            return p, q
    x = r.points[0][0]  # straight down or up: the label beside the line, over its track's level
    return (x, r.track_y), (x + 1, r.track_y)


def _gap_xs(bent: list[Route], rects: dict[str, Rect], gaps: list[float], channels: list[tuple[float, float]],
            straight: list[Route]) -> dict[int, float]:
    """The x of each line down a gap between columns (across rows): the gap where it crosses fewest boxes,
    straight lines and their labels, then the one nearest its target's left side; each line of a gap at a
    place of its own."""
    out: dict[int, float] = {}
    used: dict[float, int] = {}
    labels = [_label_box(r) for r in straight if r.label]
    for k, r in enumerate(bent):
        if r.exit == r.entry:
            continue
        y0, y1 = sorted((sum(channels[r.exit]) / 2, sum(channels[r.entry]) / 2))
        cx, _, w, _ = rects[r.target]

        def cost(g: float) -> tuple[int, float]:
            span = (g - 1, y0, g + 1, y1)
            hits = sum(10 * _overlap(span, (bx - bw / 2, by - bh / 2, bx + bw / 2, by + bh / 2))
                       for bx, by, bw, bh in rects.values())
            hits += sum(_hits_line(span, s.points) for s in straight) + sum(_overlap(span, b) for b in labels)
            # the run from the source to the gap and from the gap to the target crosses the lines that meet
            # the boxes between, in those channels
            for c, x in ((r.exit, rects[r.source][0]), (r.entry, cx)):
                lo, hi = sorted((x, g))
                hits += sum(lo < rects[box][0] < hi for q in bent if q is not r
                            for box, ch in ((q.source, q.exit), (q.target, q.entry)) if ch == c)
                # and the vertical crosses the runs of that channel that pass the gap
                hits += sum(min(rects[q.source][0], rects[q.target][0]) < g < max(rects[q.source][0],
                                                                                  rects[q.target][0])
                            for q in bent if q is not r and q.exit == q.entry == c)
            return hits, abs(g - (cx - w / 2))

        x = min(gaps, key=lambda g: (cost(g), g))
        n = used.get(x, 0)
        used[x] = n + 1
        out[k] = x + ((n + 1) // 2) * (1 if n % 2 else -1) * GAP_STEP  # 0, +1, -1, +2, ... steps
    return out


def _label_box(r: Route) -> tuple[float, float, float, float]:
    w = max(tx.text_width(t, tx.SMALL) for t in r.label)
    h = tx.block_height(len(r.label), tx.SMALL)
    return (r.label_at[0] - w / 2, r.label_at[1] - h / 2, r.label_at[0] + w / 2, r.label_at[1] + h / 2)


def _ports(bent: list[Route], rects: dict[str, Rect], gx: dict[int, float]) -> dict[tuple[int, int], Point]:
    """A point of its own on a box's edge for each line's end, in the order of where the line goes (left
    ends on the left): (route, 0) where it leaves, (route, 1) where it arrives."""
    ends: dict[tuple[str, bool], list[tuple[float, int, int]]] = {}
    for k, r in enumerate(bent):
        far_b = gx.get(k, rects[r.target][0])
        far_a = gx.get(k, rects[r.source][0])
        ends.setdefault((r.source, not r.down_out), []).append((far_b, k, 0))
        ends.setdefault((r.target, r.in_top), []).append((far_a, k, 1))
    out: dict[tuple[int, int], Point] = {}
    for (box, top), items in ends.items():
        cx, cy, w, h = rects[box]
        lo, hi = cx - w / 2 + PORT_INSET[0], cx + w / 2 - PORT_INSET[1]
        items.sort()
        for i, (_far, k, end) in enumerate(items):
            out[(k, end)] = (lo + (hi - lo) * (i + 1) / (len(items) + 1), cy + (h / 2 if top else -h / 2))
    # a line arriving never where another leaves: one leaving a box and another arriving at the box below at
    # the same x read as one line going through (review 11: "Pindah -> KIA")
    leaving = [(x, bent[k].source) for (k, end), (x, _y) in out.items() if end == 0]
    for (k, end), (x, y) in list(out.items()):
        if end == 0 or not any(abs(x - x2) < 6 and box != bent[k].target for x2, box in leaving):
            continue
        siblings = [p[0] for (k2, e2), p in out.items() if (k2, e2) != (k, end) and p[1] == y
                    and abs(p[0] - x) < rects[bent[k].target][2]]
        for dx in (PORT_SHIFT, -PORT_SHIFT):  # aside, but not onto a neighbour of the same edge
            if all(abs(x + dx - x2) >= 8 for x2 in siblings):
                out[(k, end)] = (x + dx, y)
                break
    return out


def _track_ys(order: list[int], bent: list[Route], c: int, hi: float) -> list[float]:
    ys, top = [], hi - CH_PAD
    for k in order:
        s = _slot(bent[k], c)
        ys.append(top - s + 3)
        top -= s
    return ys


def _channel_segments(k: int, r: Route, c: int, y: float, ports, gx, lo: float, hi: float) -> list[tuple[Point, Point]]:
    """Route ``k``'s segments inside channel ``c`` with its track there at ``y``."""
    segs = []
    if c == r.exit:
        pa = ports[(k, 0)]
        segs.append((pa, (pa[0], y)))
    if c == r.entry:
        pb = ports[(k, 1)]
        segs.append(((pb[0], y), pb))
    if r.exit == r.entry:
        segs.append(((ports[(k, 0)][0], y), (ports[(k, 1)][0], y)))
    elif c == r.exit:
        segs += [((ports[(k, 0)][0], y), (gx[k], y)), ((gx[k], y), (gx[k], lo if r.entry > r.exit else hi))]
    else:
        segs += [((gx[k], hi if r.entry > r.exit else lo), (gx[k], y)), ((gx[k], y), (ports[(k, 1)][0], y))]
    return segs


def _best_order(using: list[int], bent: list[Route], c: int, ports, gx, lo: float, hi: float) -> list[int]:
    """The order of the tracks of channel ``c`` (top down) whose lines cross least (written order on ties;
    more than six lines: written order)."""
    if len(using) > 6:
        return using
    best, best_n = using, None
    for order in permutations(using):
        ys = _track_ys(list(order), bent, c, hi)
        segs = [(k, s) for k, y in zip(order, ys) for s in _channel_segments(k, bent[k], c, y, ports, gx, lo, hi)]
        n = sum(_cross(s, t) for i, (k, s) in enumerate(segs) for j, t in segs[i + 1:] if j != k)
        if best_n is None or n < best_n:
            best, best_n = list(order), n
    return best


def _cross(s: tuple[Point, Point], t: tuple[Point, Point]) -> bool:
    """Whether a horizontal and a vertical segment cross (touching at an end does not count)."""
    for h, v in ((s, t), (t, s)):
        if abs(h[0][1] - h[1][1]) < 0.01 and abs(v[0][0] - v[1][0]) < 0.01:
            x0, x1 = sorted((h[0][0], h[1][0]))
            y0, y1 = sorted((v[0][1], v[1][1]))
            return x0 + 0.5 < v[0][0] < x1 - 0.5 and y0 + 0.5 < h[0][1] < y1 - 0.5
    return False


def _hits_line(box: tuple[float, float, float, float], pts: list[Point]) -> int:
    x0, y0, x1, y1 = box
    return sum(1 for (ax, ay), (bx, by) in zip(pts, pts[1:])
               if min(ax, bx) < x1 and max(ax, bx) > x0 and min(ay, by) < y1 and max(ay, by) > y0)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
