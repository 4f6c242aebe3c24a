"""The ports of a step's exits: of the assignments of distinct ports, the first (in their order) whose routes
cost least in total, found without searching the routes of assignments that cannot be the least.  Each route
is searched alone; routes of one assignment that cross each other cost a crossing more (review K: a decision
whose planned exits crossed had one drawn again round four columns)."""

from __future__ import annotations

from itertools import combinations

from .sop_costs import CROSS
from .sop_crossings import cross_count
from .sop_direct import least_cost


def best_assignment(router, links: list, flexible: list[int], perms: list[tuple[str, ...]]) -> tuple[int, tuple]:
    """Return (total cost, ports) of the first assignment in ``perms`` (ports for the links ``flexible`` of
    ``links``) with the least total of its routes' costs, as trying every one would.  Tried from the least
    bound up (``sop_direct.least_cost``); one whose bound is past the best so far is not searched."""
    src = links[0].src
    cost: dict[tuple[int, str], int] = {}
    route: dict[tuple[int, str], list] = {}
    low: dict[tuple[int, str], tuple[int, dict]] = {}  # a lower bound of each cost, and its starts
    for perm in perms:
        for k, port in zip(flexible, perm):
            if (k, port) not in low:
                ln = links[k]
                run = {port: router.label_run(src, port, ln.label) if ln.label else (0, 0)}
                low[k, port] = (min(least_cost(router, ln, run, router._entries(ln)), CROSS * 10), run)
    order = sorted(range(len(perms)), key=lambda i: (sum(low[kp][0] for kp in zip(flexible, perms[i])), i))
    best = None
    for i in order:
        pairs = list(zip(flexible, perms[i]))
        if best is not None and (sum(cost.get(kp, low[kp][0]) for kp in pairs), i) > best[:2]:
            continue
        for k, port in pairs:
            if (k, port) not in cost:
                ln = links[k]
                found = router.search(ln, low[k, port][1], router._entries(ln))
                cost[k, port] = found[0] if found else CROSS * 10
                route[k, port] = found[1] if found else []
        total = sum(cost[kp] for kp in pairs)
        total += CROSS * sum(cross_count(route[a], route[b]) for a, b in combinations(pairs, 2)
                             if route[a] and route[b])
        if best is None or (total, i) < best[:2]:
            best = (total, i, perms[i])
    return best[0], best[2]
