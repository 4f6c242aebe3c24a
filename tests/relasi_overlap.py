"""Measuring a peta relasi SVG as Graphviz wrote it: the box of every edge label (from its text lines), the box
of every party, the lines; and how many label boxes overlap one another, a party or a line they do not belong to.

Graphviz writes no label boxes, so a label's box is the union of its text lines: each line from its anchor
point, as wide as Liberation Sans sets it, from ascent to descent.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from lxml import etree

from petaproses.layout.text import text_width

SVG = "{http://www.w3.org/2000/svg}"
Box = tuple[float, float, float, float]  # x0, y0, x1, y1
ASCENT, DESCENT = 0.9, 0.22  # of the font size, Liberation Sans
SLACK = 0.5  # pt: boxes that only touch do not overlap
_NUMBERS = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


@dataclass
class Edge:
    number: int
    label: Box | None
    texts: list[str]
    points: list[tuple[float, float]]  # the line, its curves sampled


def _text_box(t) -> Box:
    size = float(t.get("font-size"))
    text = "".join(t.itertext())
    w = text_width(text, size, t.get("font-weight") == "bold")
    x, y = float(t.get("x")), float(t.get("y"))
    anchor = t.get("text-anchor", "start")
    x0 = x - w / 2 if anchor == "middle" else x - w if anchor == "end" else x
    return (x0, y - ASCENT * size, x0 + w, y + DESCENT * size)


def _union(boxes: list[Box]) -> Box | None:
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _bezier(d: str) -> list[tuple[float, float]]:
    """Sample a Graphviz path ("M x,y C x,y x,y x,y ..."): a point every 2 pt or so."""
    nums = [float(n) for n in _NUMBERS.findall(d)]
    pts = list(zip(nums[0::2], nums[1::2]))
    out = [pts[0]]
    for i in range(1, len(pts) - 2, 3):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        n = max(2, math.ceil(sum(math.dist(a, b) for a, b in ((p0, p1), (p1, p2), (p2, p3))) / 2))
        for k in range(1, n + 1):
            t = k / n
            a, b, c, e = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t ** 3
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + e * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + e * p3[1]))
    return out


def parse(svg: bytes) -> tuple[list[Edge], list[Box]]:
    """Return the edges (label box, label texts, sampled line) and the party boxes of a peta relasi SVG."""
    root = etree.fromstring(svg)
    edges = []
    for g in root.iter(f"{SVG}g"):
        cls, gid = g.get("class"), g.get("id", "")
        if cls != "edge" or not gid.startswith("garis-"):
            continue
        texts = list(g.iter(f"{SVG}text"))
        points = [p for path in g.iter(f"{SVG}path") for p in _bezier(path.get("d"))]
        edges.append(Edge(int(gid.split("-")[1]), _union([_text_box(t) for t in texts]),
                          ["".join(t.itertext()) for t in texts], points))
    nodes = []
    for g in root.iter(f"{SVG}g"):
        if g.get("class") != "node":
            continue
        nums = [float(n) for shape in g.iter(f"{SVG}path", f"{SVG}polygon")
                for n in _NUMBERS.findall(shape.get("d") or shape.get("points") or "")]
        if nums and max(nums[0::2]) - min(nums[0::2]) > 1:  # not the invisible point of a whole department
            nodes.append((min(nums[0::2]), min(nums[1::2]), max(nums[0::2]), max(nums[1::2])))
    return edges, nodes


def overlap(a: Box, b: Box) -> bool:
    return a[0] + SLACK < b[2] and b[0] + SLACK < a[2] and a[1] + SLACK < b[3] and b[1] + SLACK < a[3]


def _inside(p: tuple[float, float], b: Box) -> bool:
    return b[0] + SLACK < p[0] < b[2] - SLACK and b[1] + SLACK < p[1] < b[3] - SLACK


@dataclass
class Count:
    labels: int = 0  # edge labels
    label_pairs: int = 0  # pairs of labels that overlap
    on_nodes: int = 0  # (label, party) pairs that overlap
    crossed: int = 0  # (label, other edge's line) pairs where the line runs through the label

    def __add__(self, other: "Count") -> "Count":
        return Count(*(getattr(self, f) + getattr(other, f) for f in ("labels", "label_pairs", "on_nodes", "crossed")))


def count(svg: bytes) -> Count:
    edges, nodes = parse(svg)
    labelled = [e for e in edges if e.label]
    c = Count(labels=len(labelled))
    for i, a in enumerate(labelled):
        c.label_pairs += sum(overlap(a.label, b.label) for b in labelled[i + 1:])
        c.on_nodes += sum(overlap(a.label, n) for n in nodes)
        c.crossed += sum(any(_inside(p, a.label) for p in e.points) for e in edges if e is not a)
    return c
