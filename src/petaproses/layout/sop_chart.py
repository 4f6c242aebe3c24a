"""The SOP AP flowchart of one SOP: pagination, symbol placement and off-page connector pairs (twips).

Approach A1 of docs/docx-flowchart.md: the generator paginates itself (exact row heights, ``sop_table``), so
every page is one table, and every symbol stands in an actor cell of its own row; a step of several actors
(a chain or a joint activity) has one box per actor in its row.  Lines are routed by ``sop_route``.

The page rule (what a careful person does):
- the fewest pages the measured rows fit in; no row is reserved for connectors; where it saves a page, text
  columns shared out for pages (``for_pages``) and a shorter heading (``for_header``, smaller actor names);
- among those, no page holds a single step when its neighbours could take it, nor is a page but the last
  left half empty; then the fewest lines cut by a page break (a loop kept on one page is a drawn line),
  then pages filled from the first;
- a row taller than a whole page is split, its text going on in the next page's first row;
- the flowchart starts on the identity page only when that saves a page and puts three steps there (or all);
- an edge between pages becomes a pair of off-page connectors (A, B, ...) inside the rows of its two ends:
  below (or above) the symbol when the row has room, else in a free cell beside it, else the row grows;
  edges from one page to one step share a letter and the connector where they arrive;
- the terminator of a branch to the end stands below its decision when no line of the step goes on down;
  beside it when stacking it there overflows a page and beside saves one (a person draws it so to fit).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..catalogue import Catalogue
from ..model import Sop
from .grid import grid_layout
from .hyphen import fit_words
from .page import PageStyle, mm
from .primitives import Shape
from .sop_columns import design_columns, for_header, for_pages, whole_times
from .sop_paging import paginate, pair_label
from .sop_route import Link, Router
from .sop_table import (HEAD_LR, HEAD_MIN, Chart, Columns, Page, Row, Sizes, header_heights, header_sizes,
                        row_height, sizes, split_cell, step_cells)

SLACK = mm(4)  # borders and rounding in the word processor
SEP_EXTRA = mm(1.5)  # between a stacked connector and its symbol, beyond an arrowhead's run
MIN_ON_IDENTITY = 3  # steps the identity page must take before the flowchart starts there
LABEL_RUN = mm(8)  # between a step and the terminator below it when their line has a label
LABEL_ROOM = mm(2)  # a label beside a run to the next column's symbol: its clearances (and an arrowhead's run)
TIGHT_SLACK = 0.03  # the same for a tighter identity: tried only where its rows fit with this to spare
WHOLE_SLACK = 0.1  # share of a page the rows may grow by when placed: Waktu widened only where that fits


@dataclass
class Unit:
    """A row to paginate: a step, or a part of a step split over pages (part 0 holds the symbols)."""

    node: int  # index in the flow's nodes
    part: int
    height: int
    cells: list


def build_chart(cat: Catalogue, doc: Sop, style: PageStyle,
                first_page_room: int | tuple[int, ...] | None = None) -> Chart:
    """Paginate the steps of ``doc`` and place every symbol, arrow and off-page connector.

    ``first_page_room``: the body height left on the identity table's last page; the chart starts there
    when that saves a page (see the module's rule).  Several: the rooms of the identity in tighter spacing,
    tried in turn (``Chart.room_index`` says which one the chart starts under)."""
    grid = grid_layout(cat, doc)
    nodes = grid.nodes
    actors = [lane.name for lane in grid.lanes]
    cells = [step_cells(n) for n in nodes]
    exits = grid.edges + grid.flow.end_exits
    labels = [e.label for e in exits if e.label]
    decisions: dict[int, list[str]] = {}
    for n in nodes:
        if n.is_decision:
            decisions.setdefault(grid.lanes_of[n.id][-1], []).extend(
                e.label for e in exits if e.source == n.id and e.label)
    edges = [(e.source, e.target) for e in grid.edges]
    frames = [_frame(style, cols, actors, nodes, cells)
              for cols in design_columns(style, actors, cells, [n.symbol for n in nodes], labels, decisions)]

    def pages_of(f, room: float = 1) -> int:  # the pages the rows of frame ``f`` fit, in ``room`` of a page's
        return len(paginate([u.height for u in f[-1]], int(f[-2] * room), None, [u.node for u in f[-1]], edges,
                            grid))

    # of two designs (whole heading words, or narrower actor columns), the one whose rows need fewer pages
    frame = min(frames, key=pages_of) if len(frames) > 1 else frames[0]
    more = pages_of(frame)
    for f in frames:
        if more > 1 and sum(u.height for u in f[-1]) <= (more - 1) * f[-2]:
            # the rows' height would fit a page fewer: text column widths for pages, not the shortest table
            moved = for_pages(style, f[0], cells, [f[1].row_min(n.symbol) for n in nodes], f[-2], more - 1)
            if moved is not None and pages_of(trial := _frame(style, moved, actors, nodes, cells)) < more:
                frame, more = trial, more - 1
    best_room = frame[-2] + frame[5][1] - 2 * style.line(HEAD_MIN)  # the actor names in two lines at least
    if more > 1 and sum(u.height for u in frame[-1]) <= (more - 1) * best_room:
        # a shorter heading gives every page more room: the actor names in a smaller size, or wider columns
        trials = [_frame(style, frame[0], actors, nodes, cells, size)
                  for size in (frame[3] - 1, frame[3] - 2) if size >= HEAD_MIN]
        tall = max(style.wrap(a, frame[0].lane_width(i) - 2 * HEAD_LR, frame[3], bold=True)
                   for i, a in enumerate(frame[2]))
        mins = [frame[1].row_min(n.symbol) for n in nodes]
        for lines in range(tall - 1, 2, -1):
            moved = for_header(style, frame[0], cells, mins, actors, frame[3], lines)
            if moved is None:
                break
            trials.append(_frame(style, moved, actors, nodes, cells))
        shorter = min(trials, key=pages_of, default=None)
        if shorter is not None and pages_of(shorter) < more:
            frame, more = shorter, pages_of(shorter)
    whole = whole_times(style, frame[0], cells, [frame[1].row_min(n.symbol) for n in nodes])
    if whole is not None:  # each time on one line, unless that may cost a page: placing lines and labels
        trial = _frame(style, whole, actors, nodes, cells, frame[3])  # makes rows a little taller (WHOLE_SLACK)
        frame = trial if pages_of(trial, 1 - WHOLE_SLACK) <= more else frame
    cols, sz, actors, actor_size, head_size, header, room, units = frame
    owners = [u.node for u in units]
    fresh: list = []  # laid out only when needed: the identity page often wins without it

    def fresh_pages() -> int:
        if not fresh:
            fresh.append(_lay_out(grid, cols, sz, style, units, header, room, None))
        return len(fresh[0][0])

    # the fewest pages the measured rows fit in: placing only makes rows taller, so the chart laid out on
    # its own pages never takes fewer (spares laying it out when the identity page does at least as well)
    least = len(paginate([u.height for u in units], room, None, owners, edges, grid))
    rooms = (first_page_room,) if isinstance(first_page_room, int) else first_page_room or ()
    need = sum(u.height for u in units[:MIN_ON_IDENTITY])  # (all of them, when fewer)
    heights = [u.height for u in units]
    for index, first_room in enumerate(rooms):
        first = first_room - sum(header) - SLACK
        # else not even the least the identity page must take fits there; or the rows as measured (placing
        # only makes rows taller) already need more pages than the chart alone takes
        if first <= 0 or need > first:
            continue
        there = len(paginate(heights, room, first, owners, edges, grid))
        if index and len(paginate(heights, int(room * (1 - TIGHT_SLACK)), int(first * (1 - TIGHT_SLACK)), owners,
                                  edges, grid)) > fresh_pages():
            continue  # a tighter identity: its rows would take all the room, and placing makes them taller
        if there <= least or there <= fresh_pages():
            pages, pairs = _lay_out(grid, cols, sz, style, units, header, room, first)
            steps_there = sum(1 for r in pages[0].rows if r.kind == "step")
            if (steps_there >= MIN_ON_IDENTITY or len(pages) == 1) and pages[0].rows and \
                    pages[0].height - pages[0].body_top <= first and \
                    (len(pages) <= least or len(pages) <= fresh_pages()):
                return Chart(cols, pages, actors, pairs, actor_size, head_size, first_on_identity=True,
                             room_index=index)
    fresh_pages()
    return Chart(cols, fresh[0][0], actors, fresh[0][1], actor_size, head_size)


def _frame(style: PageStyle, cols: Columns, actors: list[str], nodes, cells, most: float | None = None) -> tuple:
    """The chart's frame for a column design: (columns, symbol sizes, actor headings, their size, the other
    headings' size, header heights, body room per page, rows to paginate).  ``most``: the actor headings'
    largest size (else as large as their words fit)."""
    sz = sizes(cols)
    actor_size, head_size = header_sizes(style, cols, actors)
    actor_size = min(actor_size, most) if most else actor_size
    # a name's word wider than its column even at the least size breaks between syllables, with a hyphen
    actors = [fit_words(a, cols.lane_width(i) - 2 * HEAD_LR, lambda w: style.measure(w, actor_size, True))
              for i, a in enumerate(actors)]
    header = header_heights(style, cols, actors, actor_size, head_size)
    room = style.body_height - sum(header) - SLACK
    return cols, sz, actors, actor_size, head_size, header, room, _units(style, cols, sz, nodes, cells, room)


def _units(style: PageStyle, cols: Columns, sz: Sizes, nodes, cells, room: int) -> list[Unit]:
    """Every step's row; a row taller than a page is cut into page-high parts (text split by lines)."""
    out = []
    line = style.line(style.table_size)
    for i, (node, row_cells) in enumerate(zip(nodes, cells)):
        least = sz.row_min(node.symbol)
        h = row_height(style, cols, row_cells, least)
        part = 0
        while h > room:
            keep = max(1, (room - 2 * 57) // line)
            head, tail = zip(*(split_cell(style, c, cols.widths[k], keep) for c, k in zip(row_cells, cols.text_cols)))
            out.append(Unit(i, part, room, list(head)))
            row_cells = [list(t) for t in tail]
            h = row_height(style, cols, row_cells, 0)
            part += 1
        out.append(Unit(i, part, h, row_cells))
    return out


def _lay_out(grid, cols, sz, style, units, header, room, first, moves: bool = True):
    """Paginate and place; a page whose rows grew for a stacked connector past its room is paginated again
    with that growth reserved, or, for an end terminator stacked under its step, with the terminator beside
    the step (kept only when that saves a page: ``moves`` False lays out without).  Returns (pages, pair
    labels)."""
    extra = [0] * len(units)  # room reserved for connectors stacked in the row at a page break
    tall = [0] * len(units)  # room a branch label needs in the row (the row is that much taller)
    beside: set[str] = set()  # steps whose end terminator stands beside them: stacked below, the page overflowed
    ends = {e.source for e in grid.flow.end_exits} - _ahead(grid) if moves else set()
    done: dict = {}
    for _ in range(8):
        groups = paginate([u.height + e + t for u, e, t in zip(units, extra, tall)], room, first,
                          [u.node for u in units], [(e.source, e.target) for e in grid.edges], grid)
        pages, pairs = _place(grid, cols, sz, style, units, groups, header, tall, done, beside)
        grown = False
        for p, (page, group) in enumerate(zip(pages, groups)):
            for ri, more in page.grow.items():
                k = group[ri]
                if more > 0 and tall[k] < mm(20):
                    tall[k] += more
                    grown = True
            limit = first if (p == 0 and first is not None) else room
            if page.height - page.body_top > limit:
                for r, k in zip(page.rows, group):
                    if r.height > units[k].height + tall[k] + extra[k]:
                        node = grid.nodes[units[k].node].id
                        if node in ends and node not in beside:  # its end beside it, as a person draws to fit
                            beside.add(node)
                        else:
                            extra[k] = r.height - units[k].height - tall[k]
                        grown = True
        if not grown:
            break
    if beside:  # the terminators' usual place (below, in their actor's column) unless beside saves a page
        usual = _lay_out(grid, cols, sz, style, units, header, room, first, False)
        if len(usual[0]) <= len(pages):
            return usual
    return pages, pairs


# ----------------------------------------------------------------------------------------------- placing
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


def _ahead(grid) -> set[str]:
    """Steps with a line straight on down the chart (to a step of their own column): their bottom is taken."""
    return {e.source for e in grid.edges if not e.back and grid.lanes_of[e.target][0] == grid.lanes_of[e.source][-1]}


def _place(grid, cols, sz, style, units, groups, header, tall, done=None, beside=frozenset()):
    """Lay out every page; ``done``: pages laid out before, by what they hold (a page whose rows, heights and
    connectors did not change is taken as it was: laying out again after one row grew redoes one page).
    ``beside``: steps whose end terminator stands beside them rather than below (``_place_row``)."""
    nodes = grid.nodes
    page_of = {}
    for p, g in enumerate(groups):
        for k in g:
            if units[k].part == 0:
                page_of[nodes[units[k].node].id] = p
    pairs: list[str] = []
    cross = []
    at = {n.id: i for i, n in enumerate(nodes)}
    letter: dict[tuple[str, int], str] = {}
    # letters in reading order: by the page and row a pair's line leaves from, then where it goes; lines from
    # one page to one step share a letter (one connector where they arrive, as a person draws it)
    for e in sorted(grid.edges, key=lambda e: (page_of[e.source], at[e.source], page_of[e.target], at[e.target])):
        if page_of[e.source] != page_of[e.target]:
            key = (e.target, page_of[e.source])
            if key not in letter:
                letter[key] = pair_label(len(pairs))
                pairs.append(letter[key])
            cross.append((e, letter[key]))
    pages = []
    for p, group in enumerate(groups):
        rows = []
        for k in group:
            u = units[k]
            rows.append(Row("step" if u.part == 0 else "cont", u.height + tall[k], node=nodes[u.node],
                            cells=u.cells, part=u.part))
        key = (tuple((k, tall[k]) for k in group),
               tuple((e.source, e.target, lab) for e, lab in cross if p in (page_of[e.source], page_of[e.target])),
               tuple(sorted(e.source for e in grid.flow.end_exits)),
               tuple(sorted(n for n in beside if page_of.get(n) == p)))
        page = done.get(key) if done is not None else None
        if page is None:
            page = Page(rows, header)
            _place_page(page, grid, cols, sz, style, page_of, p, cross, beside)
            if done is not None:
                done[key] = page
        pages.append(page)
    return pages, pairs


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


def _place_page(page: Page, grid, cols: Columns, sz: Sizes, style, page_of, p: int, cross, beside) -> None:
    """Place the boxes and connectors of every row of ``page`` (rows may grow), then route the lines."""
    boxes: dict[str, list[Shape]] = {}
    attach: dict[str, list[Attach]] = {}
    arrived: set[str] = set()
    for e, lab in cross:
        if page_of[e.target] == p and lab not in arrived:
            arrived.add(lab)
            src_lane = grid.lanes_of[e.source][-1]
            attach.setdefault(e.target, []).append(Attach("offpage", "in", lab, f"Penghubung {lab}", None, src_lane))
        if page_of[e.source] == p:
            tgt_lane = grid.lanes_of[e.target][0]
            mine = attach.setdefault(e.source, [])
            same = next((a for a in mine if a.way == "out" and a.text == lab), None)
            if same is not None:  # two branches to one step on another page: one connector, both labels
                same.label = _joined(same.label, e.label)
                continue
            mine.append(Attach("offpage", "out", lab, f"Penghubung {lab}", e.label, tgt_lane))
    for e in grid.flow.end_exits:
        if page_of[e.source] == p:
            node = grid.flow.by_id[e.source]
            attach.setdefault(e.source, []).append(Attach("terminator", "out", "", f"Selesai {node.number}",
                                                          e.label, grid.lanes_of[e.source][-1]))
    ahead = _ahead(grid)
    top = page.body_top
    for ri, r in enumerate(page.rows):
        r.top = top
        if r.kind == "step":
            node = r.node
            lanes = grid.lanes_of[node.id]
            boxes[node.id] = _place_row(page, r, ri, node, lanes, attach.get(node.id, []), cols, sz, style,
                                        node.id not in ahead and node.id not in beside)
        top += r.height
    _route(page, grid, cols, sz, style, boxes, attach)


def _place_row(page: Page, r: Row, ri: int, node, lanes: list[int], extras: list[Attach], cols: Columns,
               sz: Sizes, style: PageStyle, last: bool = False) -> list[Shape]:
    """Place a step's boxes and its connectors in row ``r`` (growing it when a connector must stack).  ``last``:
    no line of the step goes straight on down its column: the terminator of its branch to the end stands
    below it, in its actor's column (the row grows), not beside it in another actor's."""
    kinds = _boxes(node, lanes)
    main_h = max(sz.height(k) for k in kinds)
    below_gap = max(sz.below(k) for k in kinds)
    sep = sz.last_seg + SEP_EXTRA
    taken = set(range(min(lanes), max(lanes) + 1))  # nothing between a chain's or joint step's boxes
    side, above, below = [], [], []
    for a in sorted(extras, key=lambda a: a.way != "in"):
        h = sz.height(a.kind)
        own = lanes[0] if a.way == "in" else lanes[-1]
        stacked_h = sz.top_gap + main_h + below_gap + sum(sz.height(x.kind) + sep for x in above + below)
        if (r.height >= stacked_h + h + sep or (last and a.kind == "terminator")) and \
                not (above if a.way == "in" else below):
            (above if a.way == "in" else below).append(a)
            continue
        # one symbol's lines leave it by different sides: a connector goes where no other one of it stands
        crowded = {(ln > own) - (ln < own) for b, ln in side if len(lanes) == 1 or b.way == a.way}
        # a label too long for the run to the next column's symbol: that symbol stands a column further
        # (in one cell: the step's beside its symbol, or the next one's before the connector or terminator)
        narrowest = min(cols.lane_width(i) for i in range(cols.n_actors))
        need = style.measure(a.label, style.label_size) + LABEL_ROOM if a.label else 0
        skip = bool(a.label) and need > (cols.lane_width(own) - sz.width(kinds[-1])) // 2 and \
            need + sz.last_seg > (narrowest - sz.width(a.kind)) // 2
        lane = _side_lane(own, a.want, taken, cols.n_actors, skip=skip, crowded=crowded)
        stack = above if a.way == "in" else below
        if lane is not None and ((lane > own) - (lane < own) not in crowded or stack):
            taken.add(lane)
            side.append((a, lane))
            continue  # (a second connector on a side taken stands over or under the symbol: their lines merged)
        (above if a.way == "in" else below).append(a)
    # a labelled branch straight down to its terminator: room for the label in two lines beside the line
    run = LABEL_RUN - sep if below and below[0].kind == "terminator" and below[0].label and LABEL_RUN > sep else 0
    need = sz.top_gap + main_h + below_gap + sum(sz.height(x.kind) + sep for x in above + below) + run
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


def _route(page: Page, grid, cols: Columns, sz: Sizes, style, boxes, attach) -> None:
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


def _joined(a: str | None, b: str | None) -> str | None:
    """The label of one line for two branches of a decision to the same step."""
    return " / ".join(t for t in (a, b) if t) or None


def _facing(s: Shape, t: Shape) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    """The ports of a connector's line to or from its step in the same row: straight down when stacked,
    straight across when beside."""
    if s.lane == t.lane:
        return ("bottom",), ("top",)
    return (("right",), ("left",)) if t.lane > s.lane else (("left",), ("right",))
