"""Swimlane maps (peta lintas fungsi, the flow of every SOP) and sub-process maps: step sizes, pages, routes.

Swimlanes run top to bottom with one column per pelaksana, exactly like the SOP AP table (PermenPANRB
35/2012): a reviewer can hold the diagram next to the SOP document and find every step in the same row and
column.  Sub-process maps are a short chain of boxes that run left to right; their positions are ``dot``'s
(the renderer asks it), only their box sizes are made here.  Points throughout.

A step of several actors is a row of boxes, one per actor's lane: a chain (in turn) linked by arrows in the
written order, its boxes numbered "(k/n)" (a long text stands in the first only, the others read "lanjutan",
or each the text ``tugas`` gives its actor: "Paraf"),
entered at the first and left from the last; a joint activity
(``bersama``) joined by plain lines, entered and left at the box nearest the other end of the flow.  A decision
whose diamond would stand far taller than a box of its text is that box over a small diamond (its "gate", a row
of its own), which its branches leave, as the BPMN export draws it.  A branch to `selesai` ends at a small end
terminator: under the step, in its actor's lane (as the SOP document draws it), at the lane's side where a line
of the step goes on down that lane; a step with several such branches has them in the same row, in the nearest
lanes it leaves free.

The frame around the lanes (title block, legend) is the renderer's: it is an HTML-like table Graphviz lays
out itself, so the renderer tells ``paginate`` how much room it takes.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field

from ..catalogue import Catalogue
from ..model import PetaLintasFungsi, PetaSubProses, SubProses
from . import text as tx
from .grid import grid_layout
from .swimlane_grid import GUTTER, ROW_GAP, ROW_GAP_PRINT, Box, Grid, Link, Router, place

BOX_W = 108.0  # the width of every step symbol across the flow (on screen; the PDF sets its own)
LANE_W = BOX_W + 2 * GUTTER
SUB_W = 130.0  # sub-process boxes, along the flow
PAD = 7.0  # text to shape edge
PAD_PRINT = 4.0  # text to top and bottom edge in the paged PDF
CONNECTOR = (22.0, 26.0)  # off-page connector (paged PDF only): along, across
GATE = (26.0, 40.0)  # the small diamond under a long decision's box: along, across
CHAIN_REPEAT = 80  # characters: a chain's longer text stands in its first box only
GATE_RATIO = 1.75  # a decision is a box and a small diamond when its own diamond would be this much taller
GATE_ALSO = 1.4  # ... or this much, in a map where another decision is drawn so
END = (26.0, 64.0)  # the end terminator of a branch to `selesai`: along, across
HEADER_SIZE = 9.0  # lane names


@dataclass
class Step:
    """One step as drawn: its wrapped text and its box's extents along (``sa``) and across (``sc``) the flow."""

    id: str
    number: int | None
    lines: list[str]
    code: str | None
    shape: str  # process | terminator | decision | connector
    detail: str | None  # the code of the map or SOP that details it (``rincian``): the renderer links it
    lane: int
    sa: float
    sc: float
    parts: list["Step"] = field(default_factory=list)  # the boxes in the other actors' lanes (chain or joint)
    joint: bool = False  # the boxes are joined by plain lines (bersama), not arrows in turn
    ends: list[str] = field(default_factory=list)  # labels of the branches to `selesai`
    gate: "Step | None" = None  # a long decision's small diamond, a row under its box: its branches leave it
    start: bool = False  # the flow's first step is a decision: a "Mulai" terminator stands over it

    @property
    def boxes(self) -> list["Step"]:
        """Return every box of the step in the written order of its actors (the step itself first)."""
        return [self, *self.parts]

    def entry(self, lane: int) -> "Step":
        """Return the box a flow from ``lane`` enters: a chain's first, a joint activity's nearest."""
        return min(self.boxes, key=lambda b: abs(b.lane - lane)) if self.joint else self

    def exit(self, lane: int) -> "Step":
        """Return the box a flow to ``lane`` leaves: a chain's last (its gate, if any), a joint activity's
        nearest."""
        if self.gate is not None:
            return self.gate
        return min(self.boxes, key=lambda b: abs(b.lane - lane)) if self.joint else self.boxes[-1]

    @property
    def along(self) -> float:
        """Return the extent of the step's rows along the flow, its gate's and start's rows (without the gaps)
        included."""
        return self.sa + (self.gate.sa if self.gate is not None else 0.0) + (END[0] if self.start else 0.0)


@dataclass(frozen=True)
class Sheet:
    """How a paged (PDF) drawing is cut: diagram points per page, lane width, gap between rows."""

    height: float
    lane_w: float = LANE_W
    gap: float = ROW_GAP_PRINT


def decision_size(body: str, width: float) -> tuple[list[str], float]:
    """Return the lines and the height of a diamond ``width`` wide that holds ``body`` (the fullest fit)."""
    best: tuple[float, list[str]] | None = None
    for frac in (0.5, 0.56, 0.62, 0.68, 0.74):
        tw = width * frac
        lines = tx.wrap(body, tw)
        th = tx.block_height(len(lines))
        # a text block (tw, th) fits a diamond (W, H) when tw/W + th/H <= 1
        height = th / (1 - (tx.block_width(lines) + 4) / width) + 6
        if best is None or height < best[0]:
            best = (height, lines)
    assert best is not None
    return best[1], max(best[0], 44.0)


def _measure(body: str, shape: str, vertical: bool, code: str | None, box_w: float,
             pad_a: float, alone: bool = False) -> tuple[list[str], float, float]:
    """Return the wrapped lines and the extents along and across the flow of a box holding ``body``;
    ``alone``: the map has one lane."""
    if vertical:
        if shape == "decision":
            # diamonds reach into the gutters (flatter, so shorter rows); lines pass on the far side, in the
            # next lane's gutter; a map of one lane has no far side: its diamonds leave the gutters free
            sc = box_w + (0 if alone else 2 * GUTTER - 12)
            lines, sa = decision_size(body, sc)
            return lines, sa, sc
        lines = tx.wrap(body, box_w - 2 * PAD)
        return lines, max(tx.block_height(len(lines)) + 2 * pad_a, 34.0 - 2 * (PAD - pad_a)), box_w
    if shape == "decision":
        lines, sc = decision_size(body, SUB_W)
        return lines, SUB_W, sc
    lines = tx.wrap(body, SUB_W - 2 * PAD)
    extra = tx.block_height(1, tx.SMALL) if code else 0.0
    return lines, SUB_W, max(tx.block_height(len(lines)) + extra + 2 * PAD, 44.0)


def _part_shape(node, shape: str, k: int, count: int, joint: bool) -> str:
    """Return the symbol of box ``k`` of ``count`` of a step: a chain is entered at its first box (the start
    symbol there) and left from its last (the decision or end symbol there); a joint step's boxes share its
    symbol, a decision made together included (it is left from any of them, as the SOP table draws it)."""
    if count == 1:
        return shape
    if shape == "decision":
        return "decision" if joint or k == count - 1 else "process"
    if shape == "terminator" and not joint:
        return "terminator" if (node.is_start and k == 0) or (node.is_end and k == count - 1) else "process"
    return shape


def sized_steps(cat: Catalogue, doc: PetaLintasFungsi | PetaSubProses,
          box_w: float = BOX_W, pad_a: float = PAD) -> tuple[list[Step], list, list[str], bool]:
    """Return the steps of ``doc`` sized for their text, its flow edges, its lane names, and whether it runs
    top to bottom (swimlanes) rather than left to right (sub-process chains)."""
    grid = grid_layout(cat, doc)
    vertical = isinstance(doc, PetaLintasFungsi)
    ends: dict[str, list[str]] = {}
    for e in grid.flow.end_exits:
        ends.setdefault(e.source, []).append(e.label or "")
    out: list[Step] = []
    tall: list[tuple[float, Step, Step, tuple]] = []  # decisions' (ratio, step, box, the box's text as a process)
    for node in grid.nodes:
        item = node.item
        sub = isinstance(item, SubProses)
        body = item.nama if sub else item.uraian
        code = item.kode if sub else None
        shape = "decision" if node.is_decision else ("process" if sub else node.symbol)
        number = None if sub else node.number
        marker = (f"{number}. " if number is not None else "") + ("[+] " if item.rincian else "")
        lanes = grid.lanes_of[node.id]
        chain = len(lanes) > 1 and not node.joint
        boxes = []
        for k, lane in enumerate(lanes):
            part = _part_shape(node, shape, k, len(lanes), node.joint)
            own = (getattr(item, "tugas", None) or {}).get(item.actors[k]) if not sub else None  # "Paraf"
            text = marker + (own or body) + (f" ({k + 1}/{len(lanes)})" if chain else "")
            if chain and k and not own and len(body) > CHAIN_REPEAT:  # a long text once: the next point back to it
                text = f"{marker}lanjutan ({k + 1}/{len(lanes)})"
            lines, sa, sc = _measure(text, part, vertical, code, box_w, pad_a, len(grid.lanes) == 1)
            boxes.append(Step(node.id if k == 0 else f"{node.id}+{k + 1}", number, lines, code, part,
                              item.rincian, lane, sa, sc))
            if part == "decision" and vertical and not node.joint:
                boxed = _measure(text, "process", vertical, code, box_w, pad_a)
                tall.append((sa / (boxed[1] + GATE[0] + ROW_GAP_PRINT), boxes[0], boxes[-1], boxed))
        step = boxes[0]
        step.parts, step.joint, step.ends = boxes[1:], node.joint, ends.get(node.id, [])
        step.start = vertical and node.is_start and node.is_decision  # its diamond is no start symbol
        out.append(step)
    # a long question makes a diamond several boxes tall (Trenggalek's 200 characters: 500 pt): as the BPMN export
    # draws it, the text in a box and a small diamond under it; once one decision of a map is so drawn, those
    # nearly as tall are too (one map mixed both for texts of about one length, review L)
    most = max((t[0] for t in tall), default=0.0)
    for ratio, step, box, (lines, sa, sc) in tall:
        if ratio > GATE_RATIO or (most > GATE_RATIO and ratio > GATE_ALSO):
            box.shape, box.lines, box.sa, box.sc = "process", lines, sa, sc
            step.gate = Step(f"{step.id}+gerbang", None, [], None, "decision", None, box.lane, *GATE)
    lanes = [lane.name for lane in grid.lanes]
    return out, grid.edges, lanes, vertical


def lane_header(lanes: list[str], lane_w: float = LANE_W) -> tuple[list[list[str]], float]:
    """Return the lane names wrapped for their header cells, and the headers' height."""
    width = lane_w - 8
    wrapped = [tx.wrap(name, width, HEADER_SIZE, bold=True) for name in lanes]
    height = max(tx.block_height(len(w), HEADER_SIZE) for w in wrapped) + 10
    return wrapped, height


def crossing_letters(edges, page_of: dict[str, int]) -> dict[tuple[str, str, int], str]:
    """Return the letter of the off-page pair of every edge between two pages: A..Z, AA, AB..."""
    letters = {}
    names = list(string.ascii_uppercase) + [a + b for a in string.ascii_uppercase for b in string.ascii_uppercase]
    for e in edges:
        if page_of[e.source] != page_of[e.target]:
            letters[(e.source, e.target, e.index)] = names[len(letters)]
    return letters


def paginate(steps: list[Step], edges, lanes: list[str], sheet: Sheet, above: tuple[float, float],
             below: float) -> dict[str, int]:
    """Return the page of every step: the fewest pages whose measured height fits; among those, the fewest
    pages holding only a step or two (a step alone on page 1 reads as a mistake), then the fewest off-page
    connectors, then fuller earlier pages.

    ``above``: the room the frame takes above the lanes on the first page and on the others, ``below``:
    under them.  Pages hold consecutive steps; every way to cut them is weighed (dynamic programming over
    the cut points).
    """
    header = lane_header(lanes, sheet.lane_w)[1]
    by_id = {s.id: s for s in steps}
    n = len(steps)
    fits: dict[tuple[int, int], int | None] = {}

    def cost(i: int, j: int) -> int | None:
        """Return the connectors of a page holding steps[i:j], or None when it does not fit."""
        if (i, j) not in fits:
            rows = _rows(steps[i:j], edges, by_id, lambda e: "x", len(lanes))
            _, end = place(rows, len(lanes), sheet.lane_w, header, sheet.gap)
            too_tall = above[0 if i == 0 else 1] + end + below > sheet.height and j > i + 1
            # (a step taller than a page still gets a page of its own)
            fits[i, j] = None if too_tall else sum(1 for b in rows if b.shape == "connector")
        return fits[i, j]

    def pages_from(i: int) -> range:
        """Return the ends j worth trying for a page starting at i: until the steps alone overflow it.

        (Not until the first j that does not fit: taking one more step can drop connector rows, so a
        longer page may fit where a shorter one did not.)
        """
        room = sheet.height - above[0 if i == 0 else 1] - below - header
        j, used = i, 0.0
        while j < n and (j == i or used + steps[j].along + sheet.gap <= room):
            used += steps[j].along + sheet.gap
            j += 1
        return range(i + 1, j + 1)

    fewest: list[float] = [0.0] + [float("inf")] * n  # 1. the fewest pages for steps[:j]
    for i in range(n):
        for j in pages_from(i):
            if fewest[i] + 1 < fewest[j] and cost(i, j) is not None:
                fewest[j] = fewest[i] + 1
    pages = int(fewest[n])
    short = min(3, -(-n // (2 * pages)))  # a page under half an even share, at most 2 steps, is "short"
    # 2. cuts into exactly that many pages: (short pages, connectors, earlier cuts negated) for steps[:j]
    best: dict[tuple[int, int], tuple[int, int, tuple[int, ...]]] = {(0, 0): (0, 0, ())}
    for k in range(pages):
        for i in range(n):
            here = best.get((k, i))
            if here is None:
                continue
            for j in pages_from(i):
                found = cost(i, j)
                if found is None:
                    continue
                trial = (here[0] + (j - i < short), here[1] + found, here[2] + (-j,))
                if best.get((k + 1, j)) is None or trial < best[k + 1, j]:
                    best[k + 1, j] = trial
    cuts = [0] + [-c for c in best[pages, n][2]]
    return {s.id: page for page, (i, j) in enumerate(zip(cuts, cuts[1:])) for s in steps[i:j]}


def _rows(on_page: list[Step], edges, by_id: dict, letter, lane_count: int = 0) -> list[Box]:
    """Return the boxes of one page in row order: incoming connectors, the steps, outgoing connectors.

    Connectors in different lanes share a row, so a page break costs one row each way, not one per line.
    A step's row holds its boxes (one per actor) and the end terminators of its branches to `selesai`.
    """
    ids = {s.id for s in on_page}
    rows: list[Box] = []
    row = -1

    def connectors(found, lane_of, prefix):
        nonlocal row
        used: set[int] = set()
        for e in found:
            lane = lane_of(e)
            if not used or lane in used:
                row, used = row + 1, set()
            used.add(lane)
            rows.append(Box(f"{prefix}_{letter(e)}", row, lane, *CONNECTOR, "connector", text=letter(e)))

    connectors([e for e in edges if e.target in ids and e.source not in ids],
               lambda e: by_id[e.target].entry(by_id[e.source].lane).lane, "in")
    # steps whose flow goes on down their own lane: their branch to the end stands at the lane's side
    down = {e.source for e in edges if not e.back and e.target in by_id and
            by_id[e.target].entry(lane := by_id[e.source].exit(by_id[e.target].lane).lane).lane == lane}
    for s in on_page:
        row += 1
        if s.start:  # a row of its own over the first step, in its lane (as the BPMN's start event)
            start = Step(f"{s.id}+mulai", None, ["Mulai"], None, "terminator", None, s.lane, *END)
            rows.append(Box(start.id, row, s.lane, *END, "terminator", content=start))
            row += 1
        rows += [Box(b.id, row, b.lane, b.sa, b.sc, b.shape, content=b) for b in s.boxes]
        if s.gate is not None:
            row += 1
            rows.append(Box(s.gate.id, row, s.gate.lane, s.gate.sa, s.gate.sc, "decision", content=s.gate))
        # one end where the flow goes on down the lane: under the step too, beside that line (in the next lane
        # it read as that actor's end, review of Sumedang's SP2D)
        # (not a diamond of the last lane: the end stands at the side of its right corner, which reaches into the
        # gutter at the pool's edge: no line can leave it there)
        leaves = s.exit(s.lane)
        aside = s.id in down and len(s.ends) == 1 and (leaves.lane < lane_count - 1 or leaves.sc <= GATE[1])
        for j, (lane, extra) in enumerate(_end_lanes(s, lane_count, aside or s.id not in down)):
            row += extra
            end = Step(f"{s.id}+selesai{j + 1}", None, ["Selesai"], None, "terminator", None, lane, *END)
            rows.append(Box(end.id, row, lane, *END, "terminator", content=end, aside=aside))
    connectors([e for e in edges if e.source in ids and e.target not in ids],
               lambda e: by_id[e.source].exit(by_id[e.target].lane).lane, "out")
    _label_gaps(on_page, edges, rows, by_id)
    return rows


def _label_gaps(on_page: list[Step], edges, rows: list[Box], steps: dict[str, Step]) -> None:
    """Give the box a step's branches leave the room their labels take under its row, where the next row has a
    box in its lane: a branch down stands its label beside its line, in the gap (the paged PDF's gap is short)."""
    by_id = {b.id: b for b in rows}
    below: dict[tuple[int, int], str] = {}  # (row, lane) -> the box there
    for b in rows:
        below[b.row, b.lane] = b.id
    for s in on_page:
        for e in edges:
            if e.source != s.id or not e.label or e.back:
                continue
            t = steps[e.target]
            box = by_id[s.exit(t.lane).id]
            # straight down its lane into the next row's box (the line a person draws; others leave by a side),
            # or into the off-page connector under it
            there = below.get((box.row + 1, box.lane), "")
            if there == t.entry(box.lane).id or (there.startswith("out_") and t.id not in by_id):
                need = tx.block_height(len(tx.wrap(e.label, 80.0, tx.SMALL)), tx.SMALL) + 4
                box.gap_after = max(box.gap_after, need)
        for j, label in enumerate(s.ends):  # an end terminator under its step: its branch runs straight down
            box, end = by_id[s.exit(s.lane).id], by_id.get(f"{s.id}+selesai{j + 1}")
            if label and end is not None and end.row == box.row + 1 and end.lane == box.lane and not end.aside:
                need = tx.block_height(len(tx.wrap(label, 80.0, tx.SMALL)), tx.SMALL) + 4
                box.gap_after = max(box.gap_after, need)


def _end_lanes(step: Step, lane_count: int, under: bool = False) -> list[tuple[int, int]]:
    """Return (lane, rows added) of each end terminator of ``step``: under the box the branch leaves, in its
    actor's lane, when ``under`` (as the SOP document draws it; a terminator in another lane reads as that
    actor's end, review J); else the free lanes nearest that box,
    right before left, in the step's row; a row of its own under that box when no lane is free."""
    if not step.ends:
        return []
    source = step.exit(step.lane).lane
    if under and len(step.ends) == 1:  # several: beside it in the free lanes, as before (a stack of ends
        # under the step sent its other lines round the map, review L)
        return [(source, 1)]
    taken = {step.gate.lane} if step.gate is not None else {b.lane for b in step.boxes}
    free = sorted((lane for lane in range(lane_count) if lane not in taken),
                  key=lambda lane: (abs(lane - source), lane < source))
    return [(free[j], 0) if j < len(free) else (source, 1) for j in range(len(step.ends))]


def page_grid(steps: list[Step], edges, lanes: list[str], page_of: dict[str, int] | None = None, page: int = 0,
              letters: dict | None = None, sheet: Sheet | None = None) -> tuple[Grid, list[list[str]]]:
    """Return the routed swimlanes of ``page`` (all of them when ``page_of`` is None) and the wrapped lane
    names; boxes in row order, with off-page connectors before (incoming) and after (outgoing) the steps."""
    letters = letters or {}
    on_page = [s for s in steps if page_of is None or page_of[s.id] == page]
    ids = {s.id for s in on_page}
    by_id = {s.id: s for s in steps}
    rows = _rows(on_page, edges, by_id, lambda e: letters[(e.source, e.target, e.index)], len(lanes))
    links = [Link(f"in_{letters[(e.source, e.target, e.index)]}", by_id[e.target].entry(by_id[e.source].lane).id,
                  None) for e in edges if e.target in ids and e.source not in ids]
    gap = sheet.gap if sheet else ROW_GAP
    lane_width = sheet.lane_w if sheet else LANE_W
    lane_lines, header = lane_header(lanes, lane_width)
    lane_edges, end = place(rows, len(lanes), lane_width, header, gap)
    boxes = {b.id: b for b in rows}
    for e in edges:
        source, target = by_id[e.source], by_id[e.target]
        if e.source in ids and e.target in ids:
            links.append(Link(source.exit(target.lane).id, target.entry(source.lane).id, e.label))
        elif e.source in ids:
            links.append(Link(source.exit(target.lane).id, f"out_{letters[(e.source, e.target, e.index)]}", e.label))
    _ends_aside(on_page, boxes, lane_edges)
    inside = _inside_links(on_page, boxes)
    router = Router(boxes, lane_edges, lane_width, gap)
    # inside a step's row first (straight across, nothing else fits there), then the first exit of every step,
    # so the main line gets the straight routes
    links.sort(key=lambda lk: (0 if lk.source.startswith("in_") else 1, _order(lk, boxes)))
    links = inside + links
    for lk in links:
        if lk.label:
            lk.label_lines = tx.wrap(lk.label, _label_room(lk, boxes), tx.SMALL)
            w, h = tx.block_width(lk.label_lines, tx.SMALL), tx.block_height(len(lk.label_lines), tx.SMALL)
            lk.label_size = (h, w)
        router.route(lk)
    router.labels_off_edges()
    return Grid(boxes, links, lane_edges, header, end, True), lane_lines


def _ends_aside(on_page: list[Step], boxes: dict[str, Box], lane_edges: list[float]) -> None:
    """Move each end terminator of a branch to `selesai` to the far side of its lane, clear of the gutter:
    the branch's label then has the room between the two symbols."""
    for s in on_page:
        source = boxes[s.exit(s.lane).id]
        for j in range(len(s.ends)):
            end = boxes.get(f"{s.id}+selesai{j + 1}")
            if end is None or (end.row != source.row and not end.aside):
                continue
            lo, hi = lane_edges[end.lane] + GUTTER, lane_edges[end.lane + 1] - GUTTER
            if end.aside:  # under the step, clear of the line down the middle of the lane: on the side of a
                # diamond's right corner (its branch leaves there, by the next gutter), else on the left, clear of
                # the label of that line (on its right)
                right = source.shape == "decision" and source.sc > GATE[1]
                end.sc = min(end.sc, (hi - source.c if right else source.c - lo) - 6)
                end.content.sc = end.sc
                end.c = hi - end.sc / 2 if right else lo + end.sc / 2
                continue
            end.c = hi - end.sc / 2 if end.c > source.c else lo + end.sc / 2


def _label_room(link: Link, boxes: dict[str, Box]) -> float:
    """Return the width a branch label may take: the room between two symbols of one row, else 80 pt."""
    s, t = boxes[link.source], boxes[link.target]
    if s.row != t.row or s.shape == "connector" or t.shape == "connector":
        return 80.0
    gap = abs(t.c - s.c) - (s.sc + t.sc) / 2 - 12
    return max(36.0, min(80.0, gap))


def _inside_links(on_page: list[Step], boxes: dict[str, Box]) -> list[Link]:
    """Return the lines within the steps' rows: a chain's arrows in the written order, a joint activity's plain
    lines between lane neighbours, each branch to `selesai` to its end terminator."""
    links = []
    for s in on_page:
        if s.joint:
            by_lane = sorted(s.boxes, key=lambda b: b.lane)
            links += [Link(a.id, b.id, None, arrow=False) for a, b in zip(by_lane, by_lane[1:])]
        else:
            links += [Link(a.id, b.id, None) for a, b in zip(s.boxes, s.boxes[1:])]
        if s.gate is not None:
            links.append(Link(s.boxes[-1].id, s.gate.id, None))
        if f"{s.id}+mulai" in boxes:
            links.append(Link(f"{s.id}+mulai", s.id, None))
        exit_ = s.exit(s.lane).id
        links += [Link(exit_, f"{s.id}+selesai{j + 1}", label) for j, label in enumerate(s.ends)
                  if f"{s.id}+selesai{j + 1}" in boxes]
    return links


def _order(link: Link, boxes: dict[str, Box]) -> tuple:
    s, t = boxes[link.source], boxes[link.target]
    back = t.row <= s.row
    return (back, s.row, abs(t.row - s.row), t.row)
