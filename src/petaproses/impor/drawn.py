"""A sequence flow whose ends the XML lost, read back from its drawing.

Signavio writes flows without sourceRef/targetRef, or with refs to ids that are not in the file (MIWG B.1.0,
C.9.0), while their BPMNEdge still runs from one shape's border to another's.  When each end of the line
touches the border of exactly one flow node, those are the flow's ends; anything less certain stays unread.
"""

from __future__ import annotations

from lxml import etree

from .reading import BPMNDI

TOUCH = 3.0  # px: how far a waypoint may sit from the border it was drawn on
DI_NS = "http://www.omg.org/spec/DD/20100524/DI"


def edge_points(root: etree._Element) -> dict[str, list[tuple[float, float]]]:
    """Return flow id -> the waypoints of its first BPMNEdge (edges with unreadable points are left out)."""
    out: dict[str, list[tuple[float, float]]] = {}
    for edge in root.iter(f"{{{BPMNDI}}}BPMNEdge"):
        ref = edge.get("bpmnElement")
        if not ref or ref in out:
            continue
        try:
            pts = [(float(p.get("x", "")), float(p.get("y", ""))) for p in edge.iter(f"{{{DI_NS}}}waypoint")]
        except ValueError:
            continue
        if len(pts) >= 2 and all(abs(v) < 1e9 for p in pts for v in p):
            out[ref] = pts
    return out


def touched(point: tuple[float, float], boxes: dict[str, tuple[float, float, float, float]]) -> list[str]:
    """Return the ids whose box border passes within TOUCH of ``point`` (inside a box, away from its border:
    not touched, so a sub-process around a task is not taken for the task)."""
    px, py = point
    found = []
    for ident, (x, y, w, h) in boxes.items():
        near = x - TOUCH <= px <= x + w + TOUCH and y - TOUCH <= py <= y + h + TOUCH
        deep = x + TOUCH < px < x + w - TOUCH and y + TOUCH < py < y + h - TOUCH
        if near and not deep:
            found.append(ident)
    return found


def ends_from_drawing(points: list[tuple[float, float]] | None,
                      boxes: dict[str, tuple[float, float, float, float]]) -> tuple[str, str] | None:
    """Return (source, target) the drawn line joins when each end touches exactly one box, else None."""
    if not points:
        return None
    first, last = touched(points[0], boxes), touched(points[-1], boxes)
    if len(first) == 1 and len(last) == 1 and first != last:
        return first[0], last[0]
    return None
