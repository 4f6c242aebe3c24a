"""The Python twins of the SOP flowchart search's loops in C (``_astar.c``): ``Tracks`` runs these where the C
module was not built, and the tests check that both give the same answers on the same pages.
"""

from __future__ import annotations

import bisect
import heapq


def _walk(idx: int, step: int, ny: int, free: list[bool], owners: dict, alone: list, blk: set, own: dict, pown: dict,
          owner: set, stop_free: bool, cross: int) -> list[tuple[int, int]]:
    """``Tracks._walk``'s loop (the fallback of ``_astar.walk``, which returns the same)."""
    penalty = 0
    out = []
    vertical = abs(step) == 1
    lo = idx - idx % ny if vertical else 0  # the points it may reach: its column's, or the grid's
    hi = lo + ny - 1 if vertical else len(free) - 1
    back = step < 0  # an edge is named by the lower of its two points
    while True:
        nxt = idx + step
        if nxt < lo or nxt > hi:
            return out
        edge = nxt if back else idx
        if edge in blk:
            return out
        o = own.get(edge)
        if o and not o.keys() <= owner:
            return out
        if not free[nxt] and owners.get(nxt) != alone:
            return out
        o = pown.get(nxt)
        if o and not o.keys() <= owner:
            if stop_free:
                return out
            penalty += cross
        out.append((nxt, penalty))
        idx = nxt


def _obstacle(xs: list[int], ys: list[int], free: list[bool], hblk: set[int], vblk: set[int], x0: int, y0: int, x1: int,
              y1: int) -> None:
    """``Tracks.add_obstacle``'s loop (the fallback of ``_astar.obstacle``, which does the same)."""
    ny = len(ys)
    ia, ib = bisect.bisect_left(xs, x0), bisect.bisect_right(xs, x1)
    ja, jb = bisect.bisect_left(ys, y0), bisect.bisect_right(ys, y1)
    for i in range(max(ia - 1, 0), min(ib + 1, len(xs))):
        for j in range(max(ja - 1, 0), min(jb + 1, ny)):
            x, y = xs[i], ys[j]
            idx = i * ny + j
            if x0 < x < x1 and y0 < y < y1:
                free[idx] = False
            if i + 1 < len(xs) and y0 < y < y1 and x < x1 and xs[i + 1] > x0:
                hblk.add(idx)
            if j + 1 < ny and x0 < x < x1 and y < y1 and ys[j + 1] > y0:
                vblk.add(idx)


def _arrive(points: list[tuple[int, int]], px_of: list[int], py_of: list[int], gx: int, gy: int, least: int, out: int,
            port: str, fixed: int, approach: dict) -> None:
    """``Tracks._approach``'s loop over a run from a goal port (the fallback of ``_astar.arrive``, which does the
    same): a point at least ``least`` from the port is an approach point."""
    for q, _ in points:
        run = abs(px_of[q] - gx) + abs(py_of[q] - gy)
        if run >= least:
            approach.setdefault(q, []).append((out, port, run + fixed))


def _mark_cells(table: dict, owner, start: int, stop: int, stride: int, add: int) -> None:
    """``Tracks._mark``'s update of one table (the fallback of ``_astar.mark``, which does the same)."""
    for c in range(start, stop, stride):
        slot = table.setdefault(c, {})
        slot[owner] = slot.get(owner, 0) + add
        if slot[owner] <= 0:
            del slot[owner]
            if not slot:
                del table[c]


def _loop(n, ny, free, px_of, py_of, hblk, vblk, hown, vown, pown, mine, zone, ends, approach, boxes, firsts,
          cross, bend, cross_cost, zone_cost):
    """The A* loop of ``Tracks._search`` (the fallback of the C module ``_astar``, which returns the same):
    None, or (cost, entry port, states from the goal back to the first, index of its start in ``firsts``).

    One function on purpose: the loop runs some ten thousand times per SOP and reads locals only."""

    def h(idx: int) -> int:
        """Admissible: over the goal ports, the least distance to its approach segment, a bend when the
        point lies off the segment's axes, and the least run into the port."""
        x, y = px_of[idx], py_of[idx]
        best_h = 1 << 60
        for x0, x1, y0, y1, floor in boxes:
            dx = x0 - x if x < x0 else x - x1 if x > x1 else 0
            dy = y0 - y if y < y0 else y - y1 if y > y1 else 0
            v = dx + dy + floor + (bend if dx and dy else 0)
            if v < best_h:
                best_h = v
        return best_h

    hs = [-1] * n  # h of each grid point, once
    big = 1 << 60
    best = [big] * (4 * n)
    came: dict = {}  # state -> the state before it, or -2 - (its start's index in firsts)
    # the queue: (estimate, push number, state); a state is point * 4 + direction (0 +x, 1 -x, 2 +y, 3 -y),
    # its cost is the estimate less the point's h (each point's h is computed once)
    heap: list = []
    count = 0
    push, pop = heapq.heappush, heapq.heappop
    for i, (cost, key) in enumerate(firsts):
        if cost < best[key]:
            best[key] = cost
            came[key] = -2 - i
            count += 1
            q = key >> 2
            if hs[q] < 0:
                hs[q] = h(q)
            push(heap, (cost + hs[q], count, key))
    moves = ((ny, 0), (-ny, 1), (1, 2), (-1, 3))
    onward = [tuple(mv for mv in moves if mv[1] != back) for back in (1, 0, 3, 2)]  # by direction
    # the points near another symbol's port: passing there costs zone_cost
    zoned = {q for q, z in zone.items() if not z <= ends}
    steps = (ny, -ny, 1, -1)
    goal_cost, goal = big, None
    while heap:
        f, _, key = pop(heap)
        if f >= goal_cost:
            break
        idx = key >> 2
        cost = f - hs[idx]
        if cost > best[key]:
            continue
        k = key & 3
        arrive = approach.get(idx)
        if arrive:
            d = steps[k]
            for out, port, extra in arrive:
                if d != out:  # no turning back on itself
                    c = cost + extra + (bend if d != -out else 0)
                    if c < goal_cost:
                        goal_cost, goal = c, (key, port)
        x, y = px_of[idx], py_of[idx]
        j = idx % ny
        # the moves in the search's order (+x, -x, +y, -y), never straight back
        for m, km in onward[k]:
            nxt = idx + m
            if km < 2:
                if not 0 <= nxt < n or not free[nxt]:
                    continue
                edge = idx if m > 0 else nxt
                if edge in hblk:
                    continue
                o = hown.get(edge)
                c = cost + (px_of[nxt] - x if m > 0 else x - px_of[nxt])
            else:
                if (j + 1 >= ny if m > 0 else j == 0) or not free[nxt]:
                    continue
                edge = idx if m > 0 else nxt
                if edge in vblk:
                    continue
                o = vown.get(edge)
                c = cost + (py_of[nxt] - y if m > 0 else y - py_of[nxt])
            if o and not o.keys() <= mine:
                continue  # never along another line
            if km != k:
                c += bend
            o = pown.get(nxt)
            if o and not o.keys() <= mine:
                if not cross:
                    continue
                c += cross_cost
            if nxt in zoned:
                c += zone_cost
            nkey = nxt * 4 + km
            if c < best[nkey]:
                best[nkey] = c
                came[nkey] = key
                e = hs[nxt]
                if e < 0:
                    e = hs[nxt] = h(nxt)
                if c + e < goal_cost:  # else it would never be taken out (the loop ends first)
                    count += 1
                    push(heap, (c + e, count, nkey))
    if goal is None:
        return None
    key, entry = goal
    states = [key]
    while came[key] >= 0:
        key = came[key]
        states.append(key)
    return goal_cost, entry, states, -2 - came[key]
