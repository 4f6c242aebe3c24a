"""Placing one page of the SOP AP flowchart (twips): every step's symbols in its row, the off-page connectors
and end terminators that belong to a row (stacked over or under the symbol, else beside it), then the lines
(``sop_route``).  ``sop_chart`` paginates and hands each page here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .page import PageStyle, mm
from .primitives import Shape
from .sop_route import Link, Router, end_beside
from .sop_table import Columns, Page, Row, Sizes

SEP_EXTRA = mm(1.5)  # between a stacked connector and its symbol, beyond an arrowhead's run
LABEL_RUN = mm(8)  # between a step and the terminator (or connector) below it when their line has a label
LABEL_ROOM = mm(2)  # a label beside a run to the next column's symbol: its clearances (and an arrowhead's run)


@dataclass
class Attach:
    """A symbol that belongs to a step's row without being a step: an off-page connector, or the terminator
    a branch to ``selesai`` ends in."""

    kind: str  # offpage | terminator
    way: str  # in | out
    text: str
    name: str
    label: str | None  # branch label of the line
    want: int  # the lane it would best stand in (where the flow goes on)
    shape: Shape | None = None
    on: bool = False  # stacked over or under its step where the page has room: a pair the flow goes on through in
    # the step's column, or a connector coming in to a step no line of its page enters


def ahead(grid) -> set[str]:
    """Steps with a line straight on down the chart (to a step of their own column): their bottom is taken."""
    return {e.source for e in grid.edges if not e.back and grid.lanes_of[e.target][0] == grid.lanes_of[e.source][-1]}


def _boxes(node, lanes: list[int]) -> list[str]:
    """The symbol of each of a step's boxes: a chain starts (capsule) with its first box, ends with its last
    box, and decides in its last box; a joint activity's boxes are all alike."""
    if len(lanes) == 1 or node.joint:
        return [node.symbol] * len(lanes)
    kinds = ["process"] * len(lanes)
    if node.is_start:
        kinds[0] = "terminator"
    if node.is_decision:
        kinds[-1] = "decision"
    elif node.is_end:
        kinds[-1] = "terminator"
    return kinds


def place_page(page: Page, grid, cols: Columns, sz: Sizes, style, page_of, p: int, cross, beside,
                limit: int | None = None) -> bool:
    """Place the boxes and connectors of every row of ``page`` (rows may grow, into ``limit`` for a connector
    stacked over or under its step as the pair is drawn: ``Attach.on``), then route the lines.  Returns
    whether ``limit`` decided a stack (else the page is the same laid out without it).  An end set beside its
    step in the next column to save a page, whose label finds there no cell that reads as its line's (a row
    crowded with lines), is placed again a column further, as review V drew it."""
    heights = [r.height for r in page.rows]
    far: set[str] = set()
    while True:
        roomed, router, boxes = _place_all(page, grid, cols, sz, style, page_of, p, cross, beside, limit, far)
        node_of = {id(s): node_id for node_id, shapes in boxes.items() for s in shapes}
        crowded = set()
        for rec in router.drawn:
            ln, lab = rec["link"], rec["label"]
            node_id = node_of.get(id(ln.src))
            if lab is not None and node_id in beside and node_id not in far and end_beside(ln) and \
                    abs(ln.tgt.lane - ln.src.lane) == 1 and not (
                    router._in_one_cell(lab.x, lab.y, lab.w, lab.h) and router._owned(lab, rec["pts"])):
                crowded.add(node_id)
        if not crowded:
            return roomed
        far |= crowded
        for r, h in zip(page.rows, heights):
            r.height = h
        page.shapes, page.lines, page.labels, page.grow = [], [], [], {}


def _place_all(page: Page, grid, cols: Columns, sz: Sizes, style, page_of, p: int, cross, beside, limit, far):
    """``place_page`` once: (whether ``limit`` decided a stack, the router, every step's boxes); the ends of
    the steps in ``far`` beside them as review V placed them."""
    boxes: dict[str, list[Shape]] = {}
    attach: dict[str, list[Attach]] = {}
    arrived: set[str] = set()
    lanes_of = grid.lanes_of
    here = [e for e in grid.edges if page_of[e.source] == page_of[e.target] == p]
    for e, lab in cross:
        if page_of[e.target] == p and lab not in arrived:
            arrived.add(lab)
            src_lane = lanes_of[e.source][-1]
            on = not any(d.target == e.target for d in here)
            attach.setdefault(e.target, []).append(Attach("offpage", "in", lab, f"Penghubung {lab}", None, src_lane,
                                                          on=on))
        if page_of[e.source] == p:
            tgt_lane = lanes_of[e.target][0]
            mine = attach.setdefault(e.source, [])
            same = next((a for a in mine if a.way == "out" and a.text == lab), None)
            if same is not None:  # two branches to one step on another page: one connector, both labels
                same.label = _joined(same.label, e.label)
                continue
            on = tgt_lane == lanes_of[e.source][-1] and not any(
                d.source == e.source and lanes_of[d.target][0] == tgt_lane for d in here)
            mine.append(Attach("offpage", "out", lab, f"Penghubung {lab}", e.label, tgt_lane, on=on))
    first = grid.flow.start
    if first.is_decision and page_of[first.id] == p:  # its diamond is no start symbol: a capsule over it
        attach.setdefault(first.id, []).insert(0, Attach("terminator", "in", "", "Mulai", None, lanes_of[first.id][0]))
    for e in grid.flow.end_exits:
        if page_of[e.source] == p:
            node = grid.flow.by_id[e.source]
            attach.setdefault(e.source, []).append(Attach("terminator", "out", "", f"Selesai {node.number}",
                                                          e.label, grid.lanes_of[e.source][-1]))
    for node_id, mine in attach.items():  # a connector stacked under a step takes its bottom: only where its
        # other lines have the sides (no connector beside it, at most one other exit)
        if any(a.way == "in" and not a.on for a in mine) or len(grid.flow.out[node_id]) > 2:
            for a in mine:
                a.on = a.on and a.way == "in"
    down = ahead(grid)
    roomed: list[Attach] = []  # connectors the page's room decided to stack (with no room: beside)
    top = page.body_top
    for ri, r in enumerate(page.rows):
        r.top = top
        if r.kind == "step":
            node = r.node
            lanes = grid.lanes_of[node.id]
            boxes[node.id] = _place_row(page, r, ri, node, lanes, attach.get(node.id, []), cols, sz, style,
                                        node.id not in down and node.id not in beside,
                                        limit - page.height + page.body_top if limit is not None else 0, roomed,
                                        node.id in beside and node.id not in down and node.id not in far)
        top += r.height
    return bool(roomed), _route(page, grid, cols, sz, style, boxes, attach), boxes


def _place_row(page: Page, r: Row, ri: int, node, lanes: list[int], extras: list[Attach], cols: Columns,
               sz: Sizes, style: PageStyle, last: bool = False, spare: int = 0,
               roomed: list | None = None, moved: bool = False) -> list[Shape]:
    """Place a step's boxes and its connectors in row ``r`` (growing it when a connector must stack).  ``last``:
    no line of the step goes straight on down its column: the terminator of its branch to the end stands
    below it, in its actor's column (the row grows), not beside it in another actor's.  ``spare``: what the
    page has left, which a connector the flow goes on through in this column may take (``Attach.on``); one
    that ``spare`` decided (none would not) goes in ``roomed``.  ``moved``: that terminator stands beside the
    step only to save a page (``sop_chart``): in the next column, never one further."""
    kinds = _boxes(node, lanes)
    main_h = max(sz.height(k) for k in kinds)
    below_gap = max(sz.below(k) for k in kinds)
    sep = sz.last_seg + SEP_EXTRA
    taken = set(range(min(lanes), max(lanes) + 1))  # nothing between a chain's or joint step's boxes
    side, above, below = [], [], []
    for a in sorted(extras, key=lambda a: (a.way != "in", a.kind != "terminator")):  # the start topmost
        h = sz.height(a.kind)
        own = lanes[0] if a.way == "in" else lanes[-1]
        grow = sz.top_gap + main_h + below_gap + sum(sz.height(x.kind) + sep for x in above + below) + h + sep \
            - r.height
        need = style.measure(a.label, style.label_size) + LABEL_ROOM if a.label else 0
        # a connector the flow goes on through stacks where the page has room, its label beside the line
        fits = grow + (LABEL_RUN if a.label else 0)
        if a.on and roomed is not None and (fits <= spare) != (fits <= 0):
            roomed.append(a)
        a.on = on = a.on and fits <= spare and need <= cols.lane_width(own) // 2
        start = a.kind == "terminator" and a.way == "in"  # over the step, as a start is drawn: the row grows
        if (grow <= 0 or (last and a.kind == "terminator") or on or start) and not (above if a.way == "in" else below):
            (above if a.way == "in" else below).append(a)
            continue
        # one symbol's lines leave it by different sides: a connector goes where no other one of it stands
        crowded = {(ln > own) - (ln < own) for b, ln in side if len(lanes) == 1 or b.way == a.way}
        # a label too long for the run to the next column's symbol: that symbol stands a column further
        # (in one cell: the step's beside its symbol, or the next one's before the connector or terminator)
        narrowest = min(cols.lane_width(i) for i in range(cols.n_actors))
        skip = bool(a.label) and need > (cols.lane_width(own) - sz.width(kinds[-1])) // 2 and \
            need + sz.last_seg > (narrowest - sz.width(a.kind)) // 2
        want = a.want
        if skip and a.kind == "terminator":  # the end of a branch: a column further is an uninvolved actor's;
            # the next one, where the label wrapped in two lines has a cell (``sop_labels``), or always when it
            # stands beside only to save a page (review W: its place is under the step): its label then in
            # that cell by the terminator where the run is short (``sop_route.end_beside``)
            wrapped = _narrow(style, a.label) + LABEL_ROOM
            skip = not moved and wrapped > (cols.lane_width(own) - sz.width(kinds[-1])) // 2 and \
                wrapped + sz.last_seg > (narrowest - sz.width(a.kind)) // 2
            far = _side_lane(own, want, taken, cols.n_actors, skip=True, crowded=crowded)
            want = want if skip or far is None else own + (far > own) - (far < own)  # (on that side)
        lane = _side_lane(own, want, taken, cols.n_actors, skip=skip, crowded=crowded)
        stack = above if a.way == "in" else below
        if lane is not None and ((lane > own) - (lane < own) not in crowded or stack):
            taken.add(lane)
            side.append((a, lane))
            continue  # (a second connector on a side taken stands over or under the symbol: their lines merged)
        (above if a.way == "in" else below).append(a)
    # a labelled branch straight down to its terminator: room for the label in two lines beside the line
    need = sz.top_gap + main_h + below_gap + sum(sz.height(x.kind) + sep for x in above + below)
    run = LABEL_RUN - sep if below and below[0].label and LABEL_RUN > sep and (
        below[0].kind == "terminator" or below[0].on or need + LABEL_RUN - sep <= r.height) else 0
    need += run  # (a connector stacked only because its row is tall anyway: the run costs no height)
    if need > r.height:
        r.height = need
    y = r.top + (r.height - need) // 2 + sz.top_gap
    for a in above:
        own = lanes[0]
        a.shape = _shape(a.kind, cols, sz, own, y, ri, a.name, a.text)
        y += sz.height(a.kind) + sep
    cy = y + main_h // 2
    shapes = []
    for k, (lane, kind) in enumerate(zip(lanes, kinds)):
        name = f"Langkah {node.number}" + (chr(97 + k) if len(lanes) > 1 else "")
        shapes.append(_shape(kind, cols, sz, lane, cy - sz.height(kind) // 2, ri, name))
    y += main_h + sep + run
    for a in below:
        a.shape = _shape(a.kind, cols, sz, lanes[-1], y, ri, a.name, a.text)
        y += sz.height(a.kind) + sep
    for a, lane in side:
        a.shape = _shape(a.kind, cols, sz, lane, cy - sz.height(a.kind) // 2, ri, a.name, a.text)
    page.shapes += shapes + [a.shape for a in extras]
    return shapes


def _narrow(style: PageStyle, text: str) -> float:
    """A label's width on one line or in two balanced lines, whichever is narrower (``sop_labels``' wraps)."""
    words, size = text.split(), style.label_size
    return min([style.measure(text, size)] + [max(style.measure(" ".join(words[:k]), size),
                                                   style.measure(" ".join(words[k:]), size))
                                               for k in range(1, len(words))])


def _side_lane(own: int, want: int, taken: set[int], n: int, skip: bool = False,
               crowded: set[int] = frozenset()) -> int | None:
    """A free lane of the row for a connector beside its step: where the flow goes on if that is free and
    nothing stands between, else the nearest free one with nothing between; a labelled line's connector
    stands a lane further when it can, so that the label has a cell of its own beside the line.  A side
    (-1 left, 1 right) in ``crowded`` is taken only when the other has no free lane."""
    def reachable(lane: int) -> bool:
        lo, hi = sorted((own, lane))
        return lane not in taken and not any(x in taken for x in range(lo + 1, hi))

    options = [ln for ln in range(n) if reachable(ln)]
    options = [ln for ln in options if (ln > own) - (ln < own) not in crowded] or options
    if not options:
        return None
    if skip:
        far = [ln for ln in options if abs(ln - own) >= 2]
        if far:
            return min(far, key=lambda ln: (abs(ln - own), (ln - own) * (want - own) < 0, ln))
    if want != own and want in options:
        return want
    return min(options, key=lambda ln: (abs(ln - own), ln))


def _shape(kind: str, cols: Columns, sz: Sizes, lane: int, y: int, ri: int, name: str, text: str = "") -> Shape:
    w, h = sz.width(kind), sz.height(kind)
    return Shape(kind, cols.lane_center(lane) - w // 2, y, w, h, ri, lane, name, text)


def _nearest(shapes: list[Shape], lane: int) -> Shape:
    return min(shapes, key=lambda s: (abs(s.lane - lane), s.lane))


def _route(page: Page, grid, cols: Columns, sz: Sizes, style, boxes, attach) -> Router:
    """Route every line of the page: per row, the connectors coming in, the links inside a step of several
    actors, then the step's exits (see ``Router``)."""
    router = Router(page, cols, sz, style)
    first: list[list[Link]] = []  # short, fixed lines first: connectors coming in, links inside a step
    groups: list[list[Link]] = []
    for r in page.rows:
        if r.kind != "step":
            continue
        node = r.node
        mine = boxes[node.id]
        joint = node.joint
        for a in attach.get(node.id, []):
            if a.way == "in":
                entry = _nearest(mine, a.shape.lane) if joint else mine[0]
                ports, entries = _facing(a.shape, entry)
                first.append([Link(a.shape, entry, ports=ports, entries=entries)])
        if len(mine) > 1:
            if joint:
                ordered = sorted(mine, key=lambda s: s.lane)
                for s, t in zip(ordered, ordered[1:]):
                    first.append([Link(s, t, arrow=False, ports=("right",), entries=("left",))])
            else:
                for s, t in zip(mine, mine[1:]):
                    side = ("right", "left") if t.lane > s.lane else ("left", "right")
                    adjacent = not any(min(s.lane, t.lane) < b.lane < max(s.lane, t.lane) for b in mine)
                    first.append([Link(s, t, ports=side[:1] if adjacent else None,
                                       entries=side[1:] if adjacent else None)])
        fixed: set[tuple[int, str]] = set()  # (symbol, port) a connector's line already takes
        for links in first:
            for ln in links:
                if ln.ports and ln.entries:
                    fixed.update({(id(ln.src), ln.ports[0]), (id(ln.tgt), ln.entries[0])})
        exits: dict[int, list[Link]] = {}
        for e in grid.flow.out[node.id]:
            if e.target not in boxes:
                continue
            tb = boxes[e.target]
            tnode = grid.flow.by_id[e.target]
            src = _nearest(mine, tb[0].lane) if joint else mine[-1]
            tgt = _nearest(tb, src.lane) if tnode.joint else tb[0]
            mine_out = exits.setdefault(id(src), [])
            same = next((k for k, ln in enumerate(mine_out) if ln.tgt is tgt), None)
            if same is None:
                mine_out.append(Link(src, tgt, e.label))
            else:  # two branches to one step: one line, both labels (two lines side by side read as a tangle)
                mine_out[same] = replace(mine_out[same], label=_joined(mine_out[same].label, e.label))
        for a in attach.get(node.id, []):
            if a.way == "out":
                src = _nearest(mine, a.shape.lane) if joint else mine[-1]
                ports, entries = _facing(src, a.shape)
                if (id(src), ports[0]) in fixed:  # two lines by one port would read as one: this one goes round
                    ports = None
                else:
                    fixed.add((id(src), ports[0]))
                exits.setdefault(id(src), []).append(Link(src, a.shape, a.label, ports=ports, entries=entries))
        groups += list(exits.values())
    router.route_all(first + groups)
    page.grow = router.grow
    return router


def _joined(a: str | None, b: str | None) -> str | None:
    """The label of one line for two branches of a decision to the same step."""
    return " / ".join(t for t in (a, b) if t) or None


def _facing(s: Shape, t: Shape) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    """The ports of a connector's line to or from its step in the same row: straight down when stacked,
    straight across when beside."""
    if s.lane == t.lane:
        return ("bottom",), ("top",)
    return (("right",), ("left",)) if t.lane > s.lane else (("left",), ("right",))
