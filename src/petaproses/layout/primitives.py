"""What a laid-out page is made of: shapes, polylines and labels, each placed in the layout's own unit.

A renderer draws these and decides nothing: a shape's ``kind`` picks its outline (the five SOP AP symbols:
terminator, process, decision, off-page connector; the arrow is a ``Line``), a line says whether it ends
in an arrowhead.  A new symbol made of existing pieces (a joint activity: boxes joined by a plain line) is
therefore a layout change only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("terminator", "process", "decision", "offpage")


@dataclass
class Shape:
    """A symbol: its rectangle (top-left, size), the table cell it stands in, and the text in it."""

    kind: str  # one of KINDS
    x: int  # left
    y: int  # top
    w: int
    h: int
    row: int  # row index on the page (0 = first body row)
    lane: int
    name: str
    text: str = ""
    used: set = field(default_factory=set)  # ports taken by exits/entries (routing state)
    entered: set = field(default_factory=set)  # ports arrows come in by (another arrow may join there)

    @property
    def cx(self) -> int:
        return self.x + self.w // 2

    @property
    def cy(self) -> int:
        return self.y + self.h // 2

    def port(self, side: str) -> tuple[int, int]:
        # asked some 1,300 times per SOP chart: no dict of all four per call
        if side == "top":
            return self.x + self.w // 2, self.y
        if side == "bottom":
            return self.x + self.w // 2, self.y + self.h
        if side == "left":
            return self.x, self.y + self.h // 2
        if side == "right":
            return self.x + self.w, self.y + self.h // 2
        raise KeyError(side)


@dataclass
class Line:
    """A polyline of axis-parallel segments; ``arrow``: an arrowhead at its last point (else a plain line)."""

    points: list[tuple[int, int]]
    name: str
    arrow: bool = True


@dataclass
class Label:
    """Text in a box of its own (a branch label), set at ``size`` pt."""

    text: str
    x: int
    y: int
    w: int
    h: int
    align: str = "left"
    size: float = 7  # pt


def simplify(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """An orthogonal polyline without its repeated points and the middle points of its straight runs (0.01 apart
    counts as the same)."""
    out: list[tuple[float, float]] = []
    for p in pts:
        if out and abs(out[-1][0] - p[0]) < 0.01 and abs(out[-1][1] - p[1]) < 0.01:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            if (abs(a[0] - b[0]) < 0.01 and abs(b[0] - p[0]) < 0.01) or (
                    abs(a[1] - b[1]) < 0.01 and abs(b[1] - p[1]) < 0.01):
                out[-1] = p
                continue
        out.append(p)
    return out
