"""Peta relasi: each relation's label put where it covers no other label and no party, beside its own line.

``dot`` reserves a place for every edge label, yet in a map of clusters (``newrank``) labels of nearby lines, and
of the two lines between one pair of parties, come out on top of one another (Graphviz 2.43).  So the map is laid
out once by ``dot`` (``-Tjson`` for the geometry, ``-Tdot`` to draw from); then a label stays where ``dot`` put
it when that spot is clear, else it moves along its own line to the clear spot (right, left, above or below the
line) crossed by the fewest other lines and nearest where it was; when no spot is clear for the whole label, it
is shortened to its number and count, then to its number (the rest: tooltip, site page, book).  ``neato -n2``
draws the result: every node and line where ``dot`` put it, only labels moved.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..layout.text import text_width

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 (Graphviz points, y up)
Point = tuple[float, float]

GAP = 2.0  # pt between a line and a label beside it
NEAR = 6.0  # pt: dot's spot for a label is kept only this near its line (a line cut at a frame ends far from it)
PAD = 2.0  # pt a moved label keeps clear of other labels and of parties
STEP = 18.0  # pt between two spots tried along a line
MOST_SPOTS = 48
END = 0.12  # of a line's length at either end where no label is put
FAR = 400.0  # pt moved away from dot's spot weighs as much as one line crossing the label
CELL = 48.0  # pt: the grid that finds what lies near a box
LINE_HEIGHT = 1.2


@dataclass
class Label:
    number: int
    forms: list[str]  # the label's values (Graphviz HTML), fullest first
    sizes: list[tuple[float, float]]  # width and height of each form
    centre: Point  # where dot put the full form's centre
    line: list[Point]  # the relation's line and arrowheads, sampled
    curve: list[Point]  # the line alone
    shift: Point = (0.0, 0.0)  # from the centre of the label's text to the point Graphviz places it by (lp)
    form: int = 0
    box: Box = (0.0, 0.0, 0.0, 0.0)


def _gap(box: Box, line: list[Point]) -> float:
    """Return how far ``box`` lies from the nearest point of ``line`` (0: the line runs through it)."""
    return min((max(box[0] - x, 0, x - box[2]) + max(box[1] - y, 0, y - box[3]) for x, y in line), default=0.0)


class Grid:
    """What lies near a box: (key, box) entries, or (key, point) entries, bucketed by CELL."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[tuple[object, Box]]] = {}

    @staticmethod
    def _span(box: Box):
        for i in range(math.floor(box[0] / CELL), math.floor(box[2] / CELL) + 1):
            for j in range(math.floor(box[1] / CELL), math.floor(box[3] / CELL) + 1):
                yield i, j

    def add(self, key: object, box: Box) -> None:
        for cell in self._span(box):
            self.cells.setdefault(cell, []).append((key, box))

    def near(self, box: Box) -> list[tuple[object, Box]]:
        return [entry for cell in self._span(box) for entry in self.cells.get(cell, ())]


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _grow(box: Box, by: float) -> Box:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def _text_boxes(ops: list[dict], sizes: list[float] | None = None) -> list[Box]:
    """Return the box of each line of text an xdot operation list draws (T: baseline point, alignment, width);
    ``sizes`` gets each line's font size."""
    boxes, size = [], 14.0
    for op in ops or ():
        if op["op"] == "F":
            size = op["size"]
        elif op["op"] == "T":
            (x, y), w = op["pt"], op["width"]
            x0 = x - w / 2 if op["align"] == "c" else x - w if op["align"] == "r" else x
            boxes.append((x0, y - 0.25 * size, x0 + w, y + 0.95 * size))
            if sizes is not None:
                sizes.append(size)
    return boxes


def _bezier(points: list[list[float]]) -> list[Point]:
    out = [tuple(points[0])]
    for i in range(1, len(points) - 2, 3):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points[i - 1:i + 3]
        n = max(2, math.ceil(math.dist((x0, y0), (x3, y3)) / 4))
        for k in range(1, n + 1):
            t = k / n
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t ** 3
            out.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return out


def _line(edge: dict, heads: bool = True) -> list[Point]:
    """Return the points of a relation's line (``heads``: and of its arrowheads)."""
    pts: list[Point] = []
    for op in edge.get("_draw_", ()):
        if op["op"] == "b":
            pts += _bezier(op["points"])
    for key in ("_hdraw_", "_tdraw_") if heads else ():
        for op in edge.get(key, ()):
            if op["op"] in ("P", "p"):
                pts += [tuple(p) for p in op["points"]]
    return pts


def _stations(line: list[Point]) -> list[Point]:
    """Return spots along ``line``, the middle first, then outwards; none near its ends, where lines meet at a
    party and a label could be read as another line's."""
    if len(line) < 2:
        return list(line)
    run = [0.0]
    for a, b in zip(line, line[1:]):
        run.append(run[-1] + math.dist(a, b))
    n = max(6, min(MOST_SPOTS, int(run[-1] / STEP)))
    wanted = sorted((END + (1 - 2 * END) * (k + 0.5) / n for k in range(n)), key=lambda f: (abs(f - 0.5), f))
    out, j = [], 0
    for f in wanted:
        at = f * run[-1]
        j = next((i for i in range(1, len(run)) if run[i] >= at), len(run) - 1)
        a, b, span = line[j - 1], line[j], run[j] - run[j - 1] or 1.0
        t = (at - run[j - 1]) / span
        out.append((a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])))
    return out


def _dot_spot(label: Label) -> Box:
    (w, h), (cx, cy) = label.sizes[0], label.centre
    return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def _spots(label: Label, size: tuple[float, float]) -> list[Box]:
    w, h = size
    cx, cy = label.centre
    first = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)  # dot's spot (its centre, for a shorter form)
    spots = [first] if _gap(first, label.line) <= NEAR else []
    for x, y in _stations(label.curve):
        spots += [(x + GAP, y - h / 2, x + GAP + w, y + h / 2), (x - GAP - w, y - h / 2, x - GAP, y + h / 2),
                  (x - w / 2, y + GAP, x + w / 2, y + GAP + h), (x - w / 2, y - GAP - h, x + w / 2, y - GAP)]
    return spots


class Placer:
    def __init__(self, bounds: Box, obstacles: list[Box], lines: dict[int, list[Point]]) -> None:
        self.bounds = bounds
        self.fixed = Grid()  # parties, frame titles, the legend
        for k, box in enumerate(obstacles):
            self.fixed.add(("o", k), box)
        self.placed = Grid()  # labels placed so far
        self.points: dict[tuple[int, int], list[tuple[int, float, float]]] = {}  # the lines' points by cell
        for number, pts in lines.items():
            for x, y in pts:
                self.points.setdefault((math.floor(x / CELL), math.floor(y / CELL)), []).append((number, x, y))

    def hard(self, box: Box, pad: float = PAD) -> int:
        """Return how many labels and parties ``box`` (with ``pad`` round it) covers, +1 if it leaves the drawing."""
        x0, y0, x1, y1 = self.bounds
        hard = int(not (x0 <= box[0] and y0 <= box[1] and box[2] <= x1 and box[3] <= y1))
        grown = _grow(box, pad)
        hard += len({k for k, b in self.fixed.near(grown) if overlaps(grown, b)})
        return hard + len({k for k, b in self.placed.near(grown) if overlaps(grown, b)})

    def soft(self, box: Box, label: Label) -> float:
        """Return how many lines cross ``box`` + how far it lies from dot's spot (FAR: as much as a line)."""
        # a line through the box crosses the label; its own line may touch it (dot's spot does)
        inner = _grow(box, -1.0)
        crossing = set()
        for cell in Grid._span(box):
            for k, x, y in self.points.get(cell, ()):
                if box[0] < x < box[2] and box[1] < y < box[3] and (
                        k != label.number or (inner[0] < x < inner[2] and inner[1] < y < inner[3])):
                    crossing.add(k)
        middle = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
        return len(crossing) + math.dist(middle, label.centre) / FAR

    def _least_soft(self, label: Label, spots: list[tuple[int, Box]]) -> tuple[float, int, Box]:
        """Return min((soft, k, box)): spots are tried nearest first, until the move alone weighs more."""
        def far(box: Box) -> float:
            return math.dist(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), label.centre) / FAR

        found = (math.inf, -1, (0.0, 0.0, 0.0, 0.0))
        for away, k, box in sorted((far(box), k, box) for k, box in spots):
            if away > found[0]:
                break
            found = min(found, (self.soft(box, label), k, box))
        return found

    def best(self, label: Label) -> tuple[int, Box, tuple[int, float]]:
        """Return (form, box, score): the fullest form that has a clear spot, at its best spot."""
        choices = []
        for form, size in enumerate(label.sizes):
            spots = [(self.hard(box), k, box) for k, box in enumerate(_spots(label, size))]
            least = min(hard for hard, _k, _box in spots)
            soft, _k, box = self._least_soft(label, [(k, box) for hard, k, box in spots if hard == least])
            if least == 0:
                return form, box, (least, soft)
            choices.append(((least, soft), form, box))
        (hard, soft), form, box = min(choices)
        return form, box, (hard, soft)

    def put(self, label: Label, form: int, box: Box) -> None:
        label.form, label.box = form, box
        self.placed.add(label.number, box)


def place(layout: dict, forms: dict[int, list[str]]) -> list[Label]:
    """Return the labels of the relations of a laid-out map (``dot -Tjson``), each with its form and box.

    ``forms``: per relation number, its label values fullest first (the first as laid out; the second its
    first line; the last its number).
    """
    obstacles: list[Box] = _text_boxes(layout.get("_ldraw_"))
    for obj in layout.get("objects", ()):
        if "nodes" in obj or "subgraphs" in obj or obj["name"].startswith("cluster"):
            obstacles += _text_boxes(obj.get("_ldraw_"))
        elif obj.get("style") != "invis":
            x, y = (float(v) for v in obj["pos"].split(","))
            w, h = float(obj["width"]) * 36, float(obj["height"]) * 36
            obstacles.append((x - w, y - h, x + w, y + h))
    labels, lines = [], {}
    for edge in layout.get("edges", ()):
        number = int(edge["id"].split("-")[1])
        lines[number] = _line(edge)
        font: list[float] = []
        texts = _text_boxes(edge.get("_ldraw_"), font)
        if not texts or number not in forms:
            continue
        full = (min(b[0] for b in texts), min(b[1] for b in texts), max(b[2] for b in texts), max(b[3] for b in texts))
        first = texts[0]
        line_h = first[3] - first[1]
        sizes = [(full[2] - full[0], full[3] - full[1]), (first[2] - first[0], line_h),
                 (text_width(f"#{number}", font[0], True), line_h)][:len(forms[number])]
        centre = ((full[0] + full[2]) / 2, (full[1] + full[3]) / 2)
        lp = tuple(float(v) for v in edge["lp"].split(","))
        labels.append(Label(number, forms[number], sizes, centre, lines[number], _line(edge, heads=False),
                            (lp[0] - centre[0], lp[1] - centre[1])))
    bounds = tuple(float(v) for v in layout["bb"].split(","))
    placer = Placer(bounds, obstacles, lines)
    # dot's spot is kept where it is clear of everything, the others' dot spots included (dot sets labels
    # side by side with no room between: so does this check); a label moved keeps PAD from everything
    first_spots = Grid()
    for label in labels:
        first_spots.add(label.number, _dot_spot(label))
    rest = []
    for label in labels:
        box = _dot_spot(label)
        others = {k for k, b in first_spots.near(box) if k != label.number and overlaps(box, b)}
        if not others and placer.hard(box, 0.0) == 0 and placer.soft(box, label) == 0 and _gap(box, label.line) <= NEAR:
            placer.put(label, 0, box)
        else:
            rest.append(label)
    for label in rest:
        form, box, _score = placer.best(label)
        placer.put(label, form, box)
    return labels


# ------------------------------------------------------------------------------------------- the -Tdot text
_EDGE = re.compile(r"\s*n\d+ -> n\d+\s*\[")
_ID = re.compile(r'\bid="garis-(\d+)"')
_LP = re.compile(r'\blp="[^"]*"')
_LABEL = re.compile(r"\blabel=<")


def _scan(text: str):
    """Yield (index, char) of every character of a DOT text outside quoted strings and HTML labels."""
    quoted, depth, i = False, 0, 0
    while i < len(text):
        c = text[i]
        if quoted:
            if c == "\\":
                i += 1
            elif c == '"':
                quoted = False
        elif c == '"':
            quoted = True
        elif c == "<":
            if depth == 0:
                yield i, c
            depth += 1
        elif c == ">" and depth:
            depth -= 1
        elif depth == 0:
            yield i, c
        i += 1


def _statements(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of every statement of a DOT text: cut at ';', '{' and '}' outside values."""
    spans, start = [], 0
    for i, c in _scan(text):
        if c in ";{}":
            spans.append((start, i + 1))
            start = i + 1
    return spans


def _find(stmt: str, pattern: re.Pattern) -> re.Match | None:
    """Return the first match of ``pattern`` that starts outside quoted strings and HTML labels."""
    starts = {i for i, _c in _scan(stmt)}
    return next((m for m in pattern.finditer(stmt) if m.start() in starts), None)


def _html_end(text: str, at: int) -> int:
    """Return the index just past the HTML label value that starts at ``text[at] == '<'``."""
    depth = 0
    for i in range(at, len(text)):
        depth += {"<": 1, ">": -1}.get(text[i], 0)
        if depth == 0:
            return i + 1
    raise ValueError("label tidak tertutup")


def all_kept(labels: list[Label]) -> bool:
    """Return whether every label stays whole where ``dot`` put it (then ``dot`` may draw the map itself)."""
    return all(label.form == 0 and label.box == _dot_spot(label) for label in labels)


def moved(dot_text: str, labels: list[Label]) -> str:
    """Return the laid-out DOT text (``dot -Tdot``) with each label at its place and in its form."""
    by_number = {label.number: label for label in labels}
    out, last = [], 0
    for start, end in _statements(dot_text):
        stmt = dot_text[start:end]
        found = _find(stmt, _ID) if _EDGE.match(stmt) else None
        label = by_number.get(int(found.group(1))) if found else None
        if label is None:
            continue
        x, y = (label.box[0] + label.box[2]) / 2 + label.shift[0], (label.box[1] + label.box[3]) / 2 + label.shift[1]
        lp = _find(stmt, _LP)
        stmt = stmt[:lp.start()] + f'lp="{x:.2f},{y:.2f}"' + stmt[lp.end():]
        if label.form:
            at = _find(stmt, _LABEL).end() - 1
            stmt = stmt[:at] + label.forms[label.form] + stmt[_html_end(stmt, at):]
        out += [dot_text[last:start], stmt]
        last = end
    return "".join(out) + dot_text[last:]


__all__ = ["place", "all_kept", "moved", "Label", "overlaps"]
