"""The costs of a line on the SOP AP flowchart's search grid, shared by the search (``sop_tracks``) and its
shortcut (``sop_direct``): in twips of length, so that a bend, a crossing or a poor port weighs as a detour.
"""

from __future__ import annotations

from .page import mm
from .primitives import Shape

BEND = mm(4)  # cost of a bend, in twips of length
CROSS = mm(200)  # cost of crossing (or touching) a line already drawn
CLEAR = mm(0.7)  # lines keep this far from symbols
RULE_CLEAR = mm(1.5)  # channel and band tracks keep this far off the rules (a line nearer reads as a thick rule)
LABEL_MISS = mm(150)  # cost of an exit whose branch label cannot lie in one cell beside its first run
# the flow comes into a step from above; a loop back comes in by a side (its top is taken by the flow)
ENTRY_FORWARD = {"top": 0, "left": mm(15), "right": mm(15), "bottom": mm(30)}
ENTRY_BACK = {"top": mm(6), "left": 0, "right": 0, "bottom": mm(4)}
ENTRY_ROW = {"top": mm(6), "left": 0, "right": 0, "bottom": mm(6)}
EXIT_COST = {"bottom": 0, "left": 0, "right": 0, "top": mm(12)}
USED_COST = mm(40)  # joining another arrow into a point of a symbol already taken (when none is free)
ZONE = mm(3)  # the stretch before a symbol's port: a line passing there costs ZONE_COST (keeps ports usable)
ZONE_COST = mm(3)
NORMAL = {"top": (0, -1), "bottom": (0, 1), "left": (-1, 0), "right": (1, 0)}
PORTS = ("top", "bottom", "left", "right")


def entry_costs(s: Shape, t: Shape) -> dict[str, int]:
    """The cost of coming into each port of ``t`` from ``s``: forward, back or within the row."""
    return ENTRY_FORWARD if t.row > s.row else ENTRY_BACK if t.row < s.row else ENTRY_ROW


def clean(pts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop repeated and collinear points, so a route is its minimal polyline."""
    out: list[tuple[int, int]] = []
    for p in pts:
        if out and p == out[-1]:
            continue
        if len(out) >= 2:
            (x0, y0), (x1, y1) = out[-2], out[-1]
            if (x0 == x1 == p[0]) or (y0 == y1 == p[1]):
                out[-1] = p
                continue
        out.append(p)
    return out
