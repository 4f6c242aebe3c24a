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
  below (or above) the symbol when the row has room, or when the page has room for the row to grow and the
  flow goes on in that column, or comes in to a step no line of its page enters (as PermenPANRB's example
  draws it), else in a free cell beside it, else the row grows (``sop_place``);
  edges from one page to one step share a letter and the connector where they arrive;
- the terminator of a branch to the end stands below its decision when no line of the step goes on down;
  beside it, in the next column, when stacking it there overflows a page and beside saves one (a person draws
  it so to fit); a first step that decides has a start terminator over its diamond.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..catalogue import Catalogue
from ..model import Sop
from .grid import grid_layout
from .hyphen import fit_words
from . import text as tx
from .page import PageStyle, mm
from .sop_columns import (WAKTU, Widened, design_columns, for_header, for_pages, least_width, times_width,
                          whole_times)
from .sop_paging import paginate, pair_label
from .sop_place import ahead, place_page
from .sop_table import (HEAD_LR, HEAD_MIN, Chart, Columns, Page, Row, Sizes, header_heights, header_sizes,
                        joined_times, row_height, sizes, split_cell, step_cells)

SLACK = mm(4)  # borders and rounding in the word processor
MIN_ON_IDENTITY = 3  # steps the identity page must take before the flowchart starts there
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
                first_page_room: int | tuple[int, ...] | None = None,
                tail: Callable[[Columns], int] | None = None) -> Chart:
    """Paginate the steps of ``doc`` and place every symbol, arrow and off-page connector.

    ``first_page_room``: the body height left on the identity table's last page; the chart starts there
    when that saves a page (see the module's rule).  Several: the rooms of the identity in tighter spacing,
    tried in turn (``Chart.room_index`` says which one the chart starts under).  ``tail``: for a column design,
    the height the last page keeps under its rows (the total row and the note, ``render.sop_tail``)."""
    grid = grid_layout(cat, doc)
    nodes = grid.nodes
    actors = [tx.keep_numeral(lane.name) for lane in grid.lanes]
    cells = [step_cells(n) for n in nodes]
    exits = grid.edges + grid.flow.end_exits
    labels = [e.label for e in exits if e.label]
    decisions: dict[int, list[str]] = {}
    for n in nodes:
        if n.is_decision:
            decisions.setdefault(grid.lanes_of[n.id][-1], []).extend(
                e.label for e in exits if e.source == n.id and e.label)
    edges = [(e.source, e.target) for e in grid.edges]
    rooms = (first_page_room,) if isinstance(first_page_room, int) else first_page_room or ()
    frames = [_frame(style, cols, actors, nodes, cells)
              for cols in design_columns(style, actors, cells, [n.symbol for n in nodes], labels, decisions,
                                         _straight(grid))]

    tails: dict[tuple, int] = {}

    def tail_of(cols: Columns) -> int:
        key = tuple(cols.widths)
        if key not in tails:
            tails[key] = tail(cols) if tail is not None else 0
        return tails[key]

    def pages_of(f, room: float = 1) -> int:  # the pages the rows of frame ``f`` fit, in ``room`` of a page's
        return len(paginate([u.height for u in f[-1]], int(f[-2] * room), None, [u.node for u in f[-1]], edges,
                            grid, tail_of(f[0])))

    # of two designs (whole heading words, or narrower actor columns), the one whose rows need fewer pages
    plain = [f for f in frames if not isinstance(f[0], Widened)]
    frame = min(plain, key=pages_of) if len(plain) > 1 else plain[0]
    more = pages_of(frame)
    for f in frames:
        if more > 1 and sum(u.height for u in f[-1]) + tail_of(f[0]) <= (more - 1) * f[-2]:
            # the rows' height would fit a page fewer: text column widths for pages, not the shortest table
            moved = for_pages(style, f[0], cells, [f[1].row_min(n.symbol) for n in nodes], f[-2], more - 1)
            if moved is not None and pages_of(trial := _frame(style, moved, actors, nodes, cells)) < more:
                frame, more = trial, more - 1
    best_room = frame[-2] + frame[5][1] - 2 * style.line(HEAD_MIN)  # the actor names in two lines at least
    if more > 1 and sum(u.height for u in frame[-1]) + tail_of(frame[0]) <= (more - 1) * best_room:
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
    for f in frames:  # decisions' columns widened for their labels down, where the columns are still as
        # designed and the rows cannot need a page more
        if isinstance(f[0], Widened) and any(frame[0] is g[0] for g in plain):
            trial = _frame(style, f[0], actors, nodes, cells, frame[3])
            frame = trial if pages_of(trial, 1 - WHOLE_SLACK) <= more else frame
    mins = [frame[1].row_min(n.symbol) for n in nodes]
    whole = whole_times(style, frame[0], cells, mins)
    if whole is not None:  # each time on one line, unless that may cost a page: placing lines and labels
        trial = _frame(style, whole, actors, nodes, cells, frame[3])  # makes rows a little taller (WHOLE_SLACK)
        frame = trial if pages_of(trial, 1 - WHOLE_SLACK) <= more else frame
    joined = [joined_times(c, WAKTU) for c in cells]
    if joined != cells and times_width(style, cells) > frame[0].widths[frame[0].text_cols[WAKTU]]:
        # a time wraps: its line would break between a number and its unit ("3 / hari kerja"); joined, where
        # the column can hold each number with its unit, unless the chart then takes more pages (review I)
        pairs = whole_times(style, frame[0], joined, mins, whole=False) or frame[0]
        if pairs.widths[pairs.text_cols[WAKTU]] >= least_width(style, joined, WAKTU):  # else broken mid-word
            trial = _chart(grid, style, _frame(style, pairs, actors, nodes, joined, frame[3]), rooms, edges,
                           tail_of(pairs))
            pages = _document_pages(trial)
            # the rows as measured need at least so many pages (placing makes them taller): else laid out too
            if pages <= _least_pages(grid, frame, rooms, edges, tail_of(frame[0])):
                return trial
            plain = _chart(grid, style, frame, rooms, edges, tail_of(frame[0]))
            return trial if pages <= _document_pages(plain) else plain
    return _chart(grid, style, frame, rooms, edges, tail_of(frame[0]))


def _straight(grid) -> dict[int, list[str]]:
    """Actor column -> the labels of the exits of a decision there that go straight down it."""
    out: dict[int, list[str]] = {}
    for e in grid.edges:
        lane = grid.lanes_of[e.source][-1]
        if e.label and not e.back and grid.flow.by_id[e.source].is_decision and grid.lanes_of[e.target][0] == lane:
            out.setdefault(lane, []).append(e.label)
    return out


def _document_pages(chart: Chart) -> int:
    return len(chart.pages) + (0 if chart.first_on_identity else 1)  # and the identity's own


def _least_pages(grid, frame: tuple, rooms: tuple[int, ...], edges, tail: int = 0) -> int:
    """The fewest pages (with the identity's) the rows of ``frame`` as measured may take: a bound, the rows
    growing as they are placed."""
    heights, owners, room = [u.height for u in frame[-1]], [u.node for u in frame[-1]], frame[-2]
    least = len(paginate(heights, room, None, owners, edges, grid, tail)) + 1
    for first in (r - sum(frame[5]) - SLACK for r in rooms):
        if first > 0 and sum(heights[:MIN_ON_IDENTITY]) <= first:
            least = min(least, len(paginate(heights, room, first, owners, edges, grid, tail)))
    return least


def _chart(grid, style: PageStyle, frame: tuple, rooms: tuple[int, ...], edges, tail: int = 0) -> Chart:
    """Lay the rows of ``frame`` out: under the identity (in one of ``rooms``, tried in turn) where that saves
    a page, else on pages of their own; ``tail`` kept under the last page's rows."""
    cols, sz, actors, actor_size, head_size, header, room, units = frame
    owners = [u.node for u in units]
    fresh: list = []  # laid out only when needed: the identity page often wins without it
    done: dict = {}  # pages laid out, shared by every layout of this frame (see ``_place``)

    def fresh_pages() -> int:
        if not fresh:
            fresh.append(_lay_out(grid, cols, sz, style, units, header, room, None, done=done, tail=tail))
        return len(fresh[0][0])

    # the fewest pages the measured rows fit in: placing only makes rows taller, so the chart laid out on
    # its own pages never takes fewer (spares laying it out when the identity page does at least as well)
    least = len(paginate([u.height for u in units], room, None, owners, edges, grid, tail))
    need = sum(u.height for u in units[:MIN_ON_IDENTITY])  # (all of them, when fewer)
    heights = [u.height for u in units]
    for index, first_room in enumerate(rooms):
        first = first_room - sum(header) - SLACK
        # else not even the least the identity page must take fits there; or the rows as measured (placing
        # only makes rows taller) already need more pages than the chart alone takes
        if first <= 0 or need > first:
            continue
        there = len(paginate(heights, room, first, owners, edges, grid, tail))
        # (the rows only: placing makes them taller, not the tail, which the layout below keeps room for)
        if index and len(paginate(heights, int(room * (1 - TIGHT_SLACK)), int(first * (1 - TIGHT_SLACK)), owners,
                                  edges, grid)) > fresh_pages():
            continue  # a tighter identity: its rows would take all the room, and placing makes them taller
        if there <= least or there <= fresh_pages():
            pages, pairs = _lay_out(grid, cols, sz, style, units, header, room, first, done=done, tail=tail)
            steps_there = sum(1 for r in pages[0].rows if r.kind == "step")
            if (steps_there >= MIN_ON_IDENTITY or len(pages) == 1) and pages[0].rows and \
                    pages[0].height - pages[0].body_top <= first - (tail if len(pages) == 1 else 0) and \
                    (len(pages) <= least or len(pages) <= fresh_pages()):
                return Chart(cols, pages, actors, pairs, actor_size, head_size, first_on_identity=True,
                             room_index=index)
    fresh_pages()
    return Chart(cols, fresh[0][0], actors, fresh[0][1], actor_size, head_size)


@dataclass
class Measure:
    """What the flowchart table of an SOP needs, as laid out by ``build_chart``'s column designs (the one of
    fewer pages), before rows are split: for ``check`` (rules/crowded_table.py), cheap next to a layout."""

    widths: list[int]  # the columns, twips: No, Kegiatan, one per actor, Kelengkapan, Waktu, Output, Keterangan
    header: int  # the heading rows' height
    room: int  # the body height a page has left for rows
    heights: list[int]  # each step's row, whole
    steps: list[int]  # the position in the file of each of those steps

    @property
    def pages(self) -> float:
        return sum(self.heights) / self.room if self.room > 0 else float("inf")


def measure(cat: Catalogue, doc: Sop, style: PageStyle) -> Measure:
    """Measure the flowchart table of ``doc`` (see ``Measure``)."""
    grid = grid_layout(cat, doc)
    nodes = grid.nodes
    actors = [tx.keep_numeral(lane.name) for lane in grid.lanes]
    cells = [step_cells(n) for n in nodes]
    exits = grid.edges + grid.flow.end_exits
    decisions: dict[int, list[str]] = {}
    for n in nodes:
        if n.is_decision:
            decisions.setdefault(grid.lanes_of[n.id][-1], []).extend(
                e.label for e in exits if e.source == n.id and e.label)
    found = []
    for cols in design_columns(style, actors, cells, [n.symbol for n in nodes], [e.label for e in exits if e.label],
                               decisions, _straight(grid)):
        sz, _, _, _, header, room = _head(style, cols, actors)
        heights = [row_height(style, cols, c, sz.row_min(n.symbol)) for n, c in zip(nodes, cells)]
        found.append(Measure(cols.widths, sum(header), room, heights, [n.index for n in nodes]))
    return min(found, key=lambda m: m.pages)


def _head(style: PageStyle, cols: Columns, actors: list[str], most: float | None = None) -> tuple:
    """(symbol sizes, actor headings, their size, the other headings' size, header heights, body room)."""
    sz = sizes(cols)
    actor_size, head_size = header_sizes(style, cols, actors)
    actor_size = min(actor_size, most) if most else actor_size
    # a name's word wider than its column even at the least size breaks between syllables, with a hyphen
    actors = [fit_words(a, cols.lane_width(i) - 2 * HEAD_LR, lambda w: style.measure(w, actor_size, True))
              for i, a in enumerate(actors)]
    header = header_heights(style, cols, actors, actor_size, head_size)
    return sz, actors, actor_size, head_size, header, style.body_height - sum(header) - SLACK


def _frame(style: PageStyle, cols: Columns, actors: list[str], nodes, cells, most: float | None = None) -> tuple:
    """The chart's frame for a column design: (columns, symbol sizes, actor headings, their size, the other
    headings' size, header heights, body room per page, rows to paginate).  ``most``: the actor headings'
    largest size (else as large as their words fit)."""
    sz, actors, actor_size, head_size, header, room = _head(style, cols, actors, most)
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


def _lay_out(grid, cols, sz, style, units, header, room, first, moves: bool = True, done: dict | None = None,
             tail: int = 0):
    """Paginate and place; a page whose rows grew for a stacked connector past its room is paginated again
    with that growth reserved, or, for an end terminator stacked under its step, with the terminator beside
    the step (kept only when that saves a page: ``moves`` False lays out without).  Returns (pages, pair
    labels).  ``tail``: kept under the last page's rows."""
    extra = [0] * len(units)  # room reserved for connectors stacked in the row at a page break
    tall = [0] * len(units)  # room a branch label needs in the row (the row is that much taller)
    beside: set[str] = set()  # steps whose end terminator stands beside them: stacked below, the page overflowed
    flat: set[int] = set()  # pages (by their first row) laid out without the connectors stacked where they may
    ends = {e.source for e in grid.flow.end_exits} - ahead(grid) if moves else set()
    done = {} if done is None else done
    for _ in range(8):
        groups = paginate([u.height + e + t for u, e, t in zip(units, extra, tall)], room, first,
                          [u.node for u in units], [(e.source, e.target) for e in grid.edges], grid, tail)
        pages, pairs = _place(grid, cols, sz, style, units, groups, header, tall, done, beside, (room, first), flat,
                              tail)
        grown = False
        for p, (page, group) in enumerate(zip(pages, groups)):
            for ri, more in page.grow.items():
                k = group[ri]
                if more > 0 and tall[k] < mm(20):
                    tall[k] += more
                    grown = True
            limit = (first if (p == 0 and first is not None) else room) - (tail if p == len(pages) - 1 else 0)
            if page.height - page.body_top > limit:
                if group[0] not in flat:  # first without the stacks the page's room allowed: a later row's
                    flat.add(group[0])  # growth may need that room (review I: a page more)
                    grown = True
                    continue
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
        usual = _lay_out(grid, cols, sz, style, units, header, room, first, False, done, tail)
        if len(usual[0]) <= len(pages):
            return usual
    return pages, pairs


def _place(grid, cols, sz, style, units, groups, header, tall, done=None, beside=frozenset(), rooms=(None, None),
           flat=frozenset(), tail: int = 0):
    """Lay out every page; ``done``: pages laid out before, by what they hold (a page whose rows, heights and
    connectors did not change is taken as it was: laying out again after one row grew redoes one page).
    ``beside``: steps whose end terminator stands beside them rather than below (``sop_place``); ``rooms``:
    the body room of a page and of the first one (None: as the others), which rows may grow into, but on the
    pages in ``flat`` (by their first row); the last page's room less ``tail``."""
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
        limit = None if group[0] in flat else rooms[1] if p == 0 and rooms[1] is not None else rooms[0]
        if limit is not None and p == len(groups) - 1:
            limit -= tail
        key = (limit, tuple((k, tall[k]) for k in group),
               tuple((e.source, e.target, lab) for e, lab in cross if p in (page_of[e.source], page_of[e.target])),
               tuple(sorted(e.source for e in grid.flow.end_exits)),
               tuple(sorted(n for n in beside if page_of.get(n) == p)), group[0] in flat)
        page = done.get(key) if done is not None else None
        if page is None:
            page = Page(rows, header)
            roomed = place_page(page, grid, cols, sz, style, page_of, p, cross, beside, limit)
            if done is not None:
                done[key] = page
                if not roomed and limit is not None:  # the same page laid out without its room (``flat``)
                    done[(None, *key[1:-1], True)] = page
        pages.append(page)
    return pages, pairs
