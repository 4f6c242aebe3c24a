"""A line search's answer without searching, when a straight or once-bent route is provably that answer.

``Tracks.search`` runs A* in stages; the first stage returns the cheapest route that crosses nothing and
leaves every label in its cell.  Most lines of an SOP chart are straight (down to the next step in the same
column) or bend once (out of a side, then down into the next step's top).  Such a route is walked here the
way the search would cost it (its start ray, its moves, the way in).  Every other route costs at least the
distance between its two ports, their fixed costs, and a bend per turn it must make: a route leaving along
``u`` and coming in along ``v`` never turns back on itself, so it turns an odd number of times when ``u`` and
``v`` are perpendicular, an even number otherwise (none only when the ports face each other on one line),
and a route of the same two ports other than the walked one turns twice more.  When that bound is higher for
every other route, the search's answer is the walked route (the same cost, points and ports): it is returned
at once.  Otherwise (a tie, a blocked corner, a label's run) nothing is decided here and the search runs.
"""

from __future__ import annotations

import bisect

from .sop_costs import BEND, EXIT_COST, LABEL_MISS, NORMAL, ZONE_COST, clean, entry_costs

try:  # the walk of a simple route in C (_astar.route; the same answers); built where a compiler is present
    from . import _astar
except ImportError:  # pragma: no cover - a machine without a compiler runs it in Python (_route_rest)
    _astar = None  # type: ignore[assignment]


def direct(tr, link, starts: dict[str, tuple[int, int]], goals: dict[str, int],
           approach: dict[int, list[tuple[int, str, int]]]):
    """Return (cost, points, exit port, entry port) as the search's first stage would, or None when it is not
    proved (see the module's docstring).  ``tr``: the page's ``sop_tracks.Tracks``; ``approach``: its
    approach points for this line."""
    s, t = link.src, link.tgt
    best = None  # (cost, exit port, entry port, corner or None)
    bounds = []  # (least cost of any route by these ports, exit port, entry port)
    mine = {(id(t), q) for q in goals} if link.arrow else set()
    least = tr.sz.last_seg if link.arrow else 1
    for p, g, bound, ok, corner in _pairs(tr, link, starts, goals):
        run, extra = starts[p]
        cost = None
        if ok and extra < LABEL_MISS:
            cost = _walk_route(tr, link, p, g, run, EXIT_COST[p] + extra, corner, approach, goals)
            if cost is not None and (best is None or cost < best[0]):
                best = (cost, p, g, corner)
        shut = None
        if ok and cost is None:  # whether the first stage has no route by these ports as simple: asked if needed
            shut = (tr, link, p, g, corner, run, least, mine)
        bounds.append(_Bound(bound, p, g, shut))
    if best is not None:
        cost, p, g, corner = best
        # another route by the same ports turns at least twice more
        if all(b.above(cost - (2 * BEND if (b.p, b.g) == (p, g) else 0)) for b in bounds):
            pts = [s.port(p), t.port(g)] if corner is None else [s.port(p), corner, t.port(g)]
            return cost, clean(pts), p, g
    return _zigzag(tr, link, starts, goals, approach, bounds)


def straight(tr, link, starts: dict[str, tuple[int, int]], goals: dict[str, int],
             approach: dict[int, list[tuple[int, str, int]]], found):
    """``found`` (the search's answer) or, when it costs less, the straight route of a labelled line between
    two ports that face each other on one line, no nearer than the label's run nor an arrowhead's: the
    search keeps the two runs apart (its first run ends on a grid point, then its way in starts an
    arrowhead's run out) and so may go round in a U where one segment holds both.  Routes are (cost,
    points, exit port, entry port) as the first stage costs them."""
    if found is not None and len(found[1]) == 2 or \
            not any(0 < run and extra < LABEL_MISS for run, extra in starts.values()):
        return found  # straight already, or no label's run (the search keeps nothing apart)
    s, t = link.src, link.tgt
    least = tr.sz.last_seg if link.arrow else 1
    best = found
    for p, g, _, ok, corner in _pairs(tr, link, starts, goals):
        run, extra = starts[p]
        if not ok or corner is not None or extra >= LABEL_MISS:
            continue
        (px, py), (gx, gy) = s.port(p), t.port(g)
        length = abs(gx - px) + abs(gy - py)
        if not (0 < run <= length and least <= length):
            continue  # no label (the search finds it), or too short for the label or the arrowhead
        cost = _walk_route(tr, link, p, g, 0, EXIT_COST[p] + extra, None, approach, goals)
        if cost is not None and (best is None or cost < best[0]):
            best = (cost, [(px, py), (gx, gy)], p, g)
    return best


class _Bound:
    """The least cost of a route by ports ``p`` and ``g``; two turns more when its simple route is shut (the
    check, ``_closed``, runs only when the bound alone does not decide)."""

    __slots__ = ("bound", "p", "g", "shut")  # made for every pair of ports of every line searched

    def __init__(self, bound: int, p: str, g: str, shut):
        self.bound, self.p, self.g, self.shut = bound, p, g, shut

    def above(self, cost: int) -> bool:
        if self.bound > cost:
            return True
        if self.shut is not None and self.bound + 2 * BEND > cost and _closed(*self.shut):
            return True
        return False


def least_cost(tr, link, starts: dict[str, tuple[int, int]], goals: dict[str, int]) -> int:
    """A lower bound of the cost ``tr.search`` returns for the line (at any stage; 0 when no port is on the
    grid: the search finds nothing then).  A simple route that is shut costs two more turns at least: going
    round takes them, and crossing a line or cutting a label's run costs more than two turns."""
    t = link.tgt
    mine = {(id(t), q) for q in goals} if link.arrow else set()
    least = tr.sz.last_seg if link.arrow else 1
    return min((bound + (2 * BEND if ok and _closed(tr, link, p, g, corner, starts[p][0], least, mine) else 0)
                for p, g, bound, ok, corner in _pairs(tr, link, starts, goals)), default=0)


def _pairs(tr, link, starts: dict[str, tuple[int, int]], goals: dict[str, int]):
    """Per exit and entry port the search may use: (exit, entry, least cost of a route by them, whether a route
    with no bend or one bend exists geometrically, its corner)."""
    s, t = link.src, link.tgt
    entry_cost = entry_costs(s, t)
    xi, yi = tr.xi, tr.yi
    ins = []  # each goal port on the grid and its point, once (not once per exit port)
    for g, gextra in goals.items():
        gx, gy = t.port(g)
        if gx in xi and gy in yi:
            ins.append((g, gextra, gx, gy))
    for p, (run, extra) in starts.items():
        px, py = s.port(p)
        if px not in xi or py not in yi:
            continue  # the search does not start there either
        ux, uy = NORMAL[p]
        for g, gextra, gx, gy in ins:
            vx, vy = -NORMAL[g][0], -NORMAL[g][1]  # the last move, into the port
            corner = None
            if (ux, uy) == (vx, vy):
                ok = (py == gy and (gx - px) * ux > 0) if ux else (px == gx and (gy - py) * uy > 0)
                turns = 0 if ok else 2
            elif (ux, uy) == (-vx, -vy):
                ok, turns = False, 2
            else:
                corner = (gx, py) if ux else (px, gy)
                ok = (corner[0] - px) * ux + (corner[1] - py) * uy > 0 and \
                    (gx - corner[0]) * vx + (gy - corner[1]) * vy > 0
                turns = 1 if ok else 3
            fixed = EXIT_COST[p] + extra + entry_cost[g] + gextra
            yield p, g, abs(px - gx) + abs(py - gy) + fixed + turns * BEND, ok, corner


def _closed(tr, link, p: str, g: str, corner, run: int, least: int, mine: set) -> bool:
    """Whether the search's first stage surely has no straight (``corner`` None) or once-bent route from port
    ``p`` to port ``g``: its first run is shorter than the label's, its last shorter than an arrowhead's, or
    a point or stretch of it is taken by another symbol, a label, or a line it may not join."""
    s, t = link.src, link.tgt
    a, b = s.port(p), t.port(g)
    legs = [(a, b)] if corner is None else [(a, corner), (corner, b)]
    if corner is not None and (abs(corner[0] - a[0]) + abs(corner[1] - a[1]) < run or
                               abs(b[0] - corner[0]) + abs(b[1] - corner[1]) < least):
        return True
    xs, ys, ny = tr.xs, tr.ys, tr.ny
    for (ax, ay), (bx, by) in legs:
        if ax == bx:
            i = tr.xi[ax]
            cells = [i * ny + j for j in range(bisect.bisect_left(ys, min(ay, by)), bisect.bisect_right(ys, max(ay, by)))]
            blk, own = tr.vblk, tr.vown
        else:
            j = tr.yi[ay]
            cells = [i * ny + j for i in range(bisect.bisect_left(xs, min(ax, bx)), bisect.bisect_right(xs, max(ax, bx)))]
            blk, own = tr.hblk, tr.hown
        for c in cells:
            if (tr.px_of[c], tr.py_of[c]) in (a, b):
                continue  # the ports themselves
            if not tr.free[c] and tr.owners.get(c) not in ([id(s)], [id(t)]):
                return True
            o = tr.pown.get(c)
            if o and not o.keys() <= mine:
                return True
        for c, d in zip(cells, cells[1:]):
            o = own.get(c)
            if c in blk or (o and not o.keys() <= mine):
                return True
    return False


def _walk_route(tr, link, p: str, g: str, run: int, start_cost: int, corner, approach, goals):
    """The least cost the search's first stage gives the straight (``corner`` None) or once-bent route from
    port ``p`` of the line's start to port ``g`` of its end; None when the route is not open to it."""
    s, t = link.src, link.tgt
    ny = tr.ny
    px, py = s.port(p)
    d = tr.step(NORMAL[p])
    pidx = tr.xi[px] * ny + tr.yi[py]
    cidx = -1 if corner is None else tr.xi[corner[0]] * ny + tr.yi[corner[1]]
    ray = tr._walk(pidx, d, s, set(), stop_free=True)  # the start ray, as the search's first stage
    mine = {(id(t), q) for q in goals} if link.arrow else set()  # as the search: arrows may join
    rest = _astar.route if _astar is not None else _route_rest
    return rest(ray, px, py, cidx, run, start_cost, d, -tr.step(NORMAL[g]), ny, tr.free, tr.px_of, tr.py_of,
                tr.hblk, tr.vblk, tr.hown, tr.vown, tr.pown, tr.zone, approach, g, mine, {id(s), id(t)}, BEND,
                ZONE_COST)


def _route_rest(ray: list[tuple[int, int]], px: int, py: int, cidx: int, run: int, start_cost: int, d: int, m: int,
                ny: int, free: list[bool], px_of: list[int], py_of: list[int], hblk: set, vblk: set, hown: dict,
                vown: dict, pown: dict, zone: dict, approach: dict, g: str, mine: set, ends: set, bend: int,
                zone_cost: int) -> int | None:
    """``_walk_route`` after its start ``ray`` (the fallback of ``_astar.route``, which returns the same): the
    route along the ray (``cidx`` -1), or turning at point ``cidx`` into steps ``m`` towards port ``g``."""
    best = None

    def arrive(q: int, cost: int, moving: int) -> None:
        nonlocal best
        for o, port, extra in approach.get(q, ()):
            if port == g and moving != o:
                c = cost + extra + (bend if moving != -o else 0)
                if best is None or c < best:
                    best = c

    at = None
    for q, _ in ray:
        dist = abs(px_of[q] - px) + abs(py_of[q] - py)
        if cidx < 0:
            if dist >= run:
                arrive(q, start_cost + dist, d)
            continue
        if q == cidx:
            if dist >= run:
                at = start_cost + dist
            break
    if cidx < 0 or at is None:
        return best
    arrive(cidx, at, d)
    # then the moves from the corner towards the port, checked and costed as the search's loop does
    n = len(free)
    idx, cost, moving = cidx, at, d
    while True:
        nxt = idx + m
        if abs(m) == 1:
            j = idx % ny
            if (m == 1 and j + 1 >= ny) or (m == -1 and j == 0):
                break
        elif not 0 <= nxt < n:
            break
        if not free[nxt]:
            break
        edge = idx if m > 0 else nxt
        blk, own = (vblk, vown) if abs(m) == 1 else (hblk, hown)
        if edge in blk:
            break
        o = own.get(edge)
        if o and not o.keys() <= mine:
            break
        cost += abs(px_of[nxt] - px_of[idx]) + abs(py_of[nxt] - py_of[idx]) + (bend if m != moving else 0)
        o = pown.get(nxt)
        if o and not o.keys() <= mine:
            break  # the first stage crosses nothing
        z = zone.get(nxt)
        if z and not z <= ends:
            cost += zone_cost
        idx, moving = nxt, m
        arrive(idx, cost, moving)
    return best



def _zigzag(tr, link, starts: dict[str, tuple[int, int]], goals: dict[str, int], approach, bounds):
    """Down from the bottom, across, down into the top: of these routes (all of one cost ``T`` when nothing
    is in the way), the search takes the one across at ``y*``: the highest point of the start ray (past the
    label's run) from which the run across is open and comes into the top's approach (from ``ya``, its highest
    point, down); none turns higher at that cost.

    Why: with ``h`` the least cost of coming in at the top (no other port's is less, and ``h`` is that at every
    approach point), coming in at ``(tx, y)`` moving across has the estimate ``A + y + BEND``, moving down
    ``A + y + 2 BEND`` (``A`` the same for all), and no route turns higher than ``y*`` at that cost; every other
    route costs more than ``T`` (the bounds).  So the way in at ``(tx, y*)`` is the first of cost ``T`` taken
    out of the queue, when the run across there is open: free, crossing nothing, passing no other port."""
    p, g = "bottom", "top"
    if p not in starts or g not in goals or starts[p][1] >= LABEL_MISS:
        return None
    s, t = link.src, link.tgt
    (px, py), (gx, gy) = s.port(p), t.port(g)
    if px == gx or gy <= py or px not in tr.xi or py not in tr.yi or gx not in tr.xi:
        return None
    floors: dict[str, int] = {}
    band = {}
    for q, lst in approach.items():
        for _, port, c in lst:
            floors[port] = min(floors.get(port, c), c)
            if port == g:
                band[tr.py_of[q]] = (q, c)
    if not band or any(f < floors[g] for f in floors.values()):
        return None
    ny, n = tr.ny, len(tr.free)
    run, extra = starts[p]
    mine = {(id(t), q) for q in goals} if link.arrow else set()
    ends = {id(s), id(t)}
    m = ny if gx > px else -ny
    top = min(band)
    ya = arrive = None
    for corner, _ in tr._walk(tr.xi[px] * ny + tr.yi[py], 1, s, set(), stop_free=True):
        y = tr.py_of[corner]
        if y - py < run:
            continue  # not a state of the first stage's start ray
        way = _across(tr, corner, tr.xi[gx] * ny + tr.yi[y], m, mine, ends)
        if way != "open":
            continue  # no route of cost T turns there
        if y < top or y not in band:
            return None  # a route turning above the approach (or below it): not proved here
        ya, arrive = y, band[y][1]
        break
    if ya is None:
        return None
    cost = EXIT_COST[p] + extra + (ya - py) + abs(gx - px) + BEND + arrive + BEND
    if not all(b.above(cost) for b in bounds if (b.p, b.g) != (p, g)):
        return None
    return cost, clean([(px, py), (px, ya), (gx, ya), (gx, gy)]), p, g


def _across(tr, idx: int, end: int, m: int, mine: set, ends: set) -> str:
    """The run from ``idx`` to ``end`` in steps ``m`` as the search's first stage moves: "blocked", "zoned"
    (open, passing another symbol's port: it costs more), or "open"."""
    n = len(tr.free)
    zoned = False
    while idx != end:
        nxt = idx + m
        if not 0 <= nxt < n or not tr.free[nxt] or min(idx, nxt) in tr.hblk:
            return "blocked"
        for o in (tr.hown.get(min(idx, nxt)), tr.pown.get(nxt)):
            if o and not o.keys() <= mine:
                return "blocked"
        z = tr.zone.get(nxt)
        zoned = zoned or bool(z and not z <= ends)
        idx = nxt
    return "zoned" if zoned else "open"
