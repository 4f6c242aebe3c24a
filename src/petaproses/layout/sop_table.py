"""The SOP AP table (bagian flowchart): its columns, symbol sizes and row heights, in twips.

No | Kegiatan | one column per actor | Kelengkapan | Waktu | Output | Keterangan (PermenPANRB 35/2012).  Row
heights are exact: the text of every cell is measured with the document's font (``layout.text``), so the
word processor never has to grow a row and the pagination (``sop_chart``) holds.

Column widths follow the content (``design_columns``): every column starts at the least width that breaks
no word of its cells or heading, then the room left goes, a millimetre at a time, where it shortens the
table most; what shortens nothing widens the actor columns (nicer symbols), then the text columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import as_list
from . import text as tx
from .page import PageStyle, mm
from .primitives import Label, Line, Shape

CELL_LR = 57  # left/right text margin of text cells (1 mm)
PAD = 57  # text padding above and below, via paragraph spacing
NUMBERED_INDENT = 227  # hanging indent of a numbered item in a text cell
HEAD_MIN = 6.0  # pt: headings shrink down to this size before a column is widened for them
LANE_MIN = mm(12)  # an actor column holds at least an 8 mm symbol and a 2 mm channel on each side
HEAD_LR = 28  # left/right text margin of the actor headings (0.5 mm): long position names, narrow columns
LANE_MAX = mm(28)  # room nobody needs goes to the actor columns up to this width
STEP = mm(1)  # widths are handed out in this step
MIN_ROOM = mm(1)  # the least width a paragraph's lines are measured in
# text columns: (heading, least, most) in twips; No is sized to its numbers
TEXT_COLUMNS = (("No", mm(6), mm(10)), ("Kegiatan", mm(20), mm(80)), ("Kelengkapan", mm(12), mm(60)),
                ("Waktu", mm(10), mm(30)), ("Output", mm(12), mm(55)), ("Keterangan", mm(12), mm(75)))


@dataclass(frozen=True)
class Para:
    """One paragraph of a text cell: a plain text, a numbered item (``label`` "3."), or the continuation of a
    numbered item split over two pages (no label, still indented)."""

    text: str
    label: str = ""
    indent: int = 0  # twips: the hanging indent of a numbered item (its number and a space fit in it)


Cell = list[Para]


def items_cell(items: list[str]) -> Cell:
    """One item: a plain paragraph; several: a numbered list (indented for "9." or "10.")."""
    if len(items) == 1:
        return [Para(items[0])]
    indent = NUMBERED_INDENT if len(items) < 10 else NUMBERED_INDENT + 100
    return [Para(t, f"{i}.", indent) for i, t in enumerate(items, 1)]


@dataclass
class Columns:
    """The table's column widths: No, Kegiatan, one per actor (lane), Kelengkapan, Waktu, Output, Keterangan."""

    widths: list[int]
    n_actors: int

    @property
    def actor_first(self) -> int:
        return 2

    def left(self, col: int) -> int:
        return sum(self.widths[:col])

    def lane_left(self, lane: int) -> int:
        return self.left(self.actor_first + lane)

    def lane_width(self, lane: int) -> int:
        return self.widths[self.actor_first + lane]

    def lane_center(self, lane: int) -> int:
        return self.lane_left(lane) + self.lane_width(lane) // 2

    def lane_at(self, x: float) -> int:
        """Return the lane whose column holds ``x`` (the nearest one outside the actor columns)."""
        for lane in range(self.n_actors):
            if x < self.lane_left(lane) + self.lane_width(lane):
                return lane
        return self.n_actors - 1

    @property
    def text_cols(self) -> list[int]:
        """Grid columns of the six text cells of a row: No, Kegiatan, Kelengkapan, Waktu, Output, Keterangan."""
        n = self.n_actors
        return [0, 1, 2 + n, 3 + n, 4 + n, 5 + n]


@dataclass
class Row:
    """One body row of a page: a step (``part`` 0 holds its symbols), or the rest of a step too tall for a
    page (``part`` 1, 2, ...: text only)."""

    kind: str  # step | cont
    height: int
    top: int = 0
    node: object = None  # flow Node
    cells: list[Cell] = field(default_factory=lambda: [[] for _ in range(6)])
    part: int = 0


@dataclass
class Page:
    """One flowchart table: its two header rows' heights, its body rows, and what is drawn over them (twips,
    from the table's top-left corner)."""

    rows: list[Row]
    header: tuple[int, int]
    shapes: list[Shape] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    grow: dict = field(default_factory=dict)  # row index -> twips it should grow for a branch label

    @property
    def body_top(self) -> int:
        return sum(self.header)

    @property
    def height(self) -> int:
        return self.body_top + sum(r.height for r in self.rows)


@dataclass
class Chart:
    """The finished flowchart of one SOP: its columns and its pages."""

    columns: Columns
    pages: list[Page]
    actors: list[str]
    pairs: list[str]  # off-page connector labels, in order
    actor_size: float = 8  # pt, position names in the header
    head_size: float = 8  # pt, the other headings
    first_on_identity: bool = False  # the first page continues the identity page (no page break before it)


# ----------------------------------------------------------------------------------------------- symbols
@dataclass
class Sizes:
    """Symbol sizes of one chart (they follow the narrowest actor column) and the free bands around them."""

    sym_w: int
    sym_h: int
    dec_w: int
    dec_h: int
    off_w: int
    off_h: int
    top_gap: int  # free band above a symbol: room for the horizontal run of an arrow coming in from above
    bottom_gap: int  # free band below a symbol: room for a line leaving downwards and turning
    last_seg: int  # an arrowhead's straight run: no arrow turns closer than this to the symbol it enters

    def height(self, kind: str) -> int:
        return {"decision": self.dec_h, "offpage": self.off_h}.get(kind, self.sym_h)

    def width(self, kind: str) -> int:
        return {"decision": self.dec_w, "offpage": self.off_w}.get(kind, self.sym_w)

    def below(self, kind: str) -> int:
        """The free band under a symbol: a decision's is deeper, room for the label of its downward exit."""
        return self.bottom_gap + (mm(2) if kind == "decision" else 0)

    def row_min(self, kind: str) -> int:
        """A row is no taller than its symbol and the bands around it, unless its text needs more."""
        return self.top_gap + self.height(kind) + self.below(kind)


def sizes(cols: Columns) -> Sizes:
    a = min(cols.lane_width(i) for i in range(cols.n_actors))
    sym_w = max(mm(8), min(mm(19), a - 2 * mm(2.5)))
    sym_h = max(mm(6), min(mm(8), int(sym_w * 0.45)))
    dec_h = max(mm(8), min(mm(10), int(sym_w * 0.6)))
    off = min(mm(6), sym_w)
    last = mm(2.5)
    return Sizes(sym_w, sym_h, sym_w, dec_h, off, off, last + mm(1.5), mm(3), last)


# ----------------------------------------------------------------------------------------------- text
def cell_lines(style: PageStyle, cell: Cell, width: int) -> int:
    size = style.table_size
    return sum(style.wrap(p.text, _room(width, p), size) for p in cell)


def _room(width: int, p: Para) -> int:
    """The width a paragraph's lines have in a cell ``width`` wide (never nothing: a numbered item's indent
    may be wider than a squeezed column, and no width at all would never end a line)."""
    return max(width - 2 * CELL_LR - p.indent, MIN_ROOM)


def text_height(style: PageStyle, cell: Cell, width: int) -> int:
    if not cell:
        return 0
    return 2 * PAD + cell_lines(style, cell, width) * style.line(style.table_size)


def _height_until(style: PageStyle, cell: Cell, width: int) -> tuple[int, float]:
    """``text_height`` and the least width above ``width`` at which it may change (``text.count_lines_until``)."""
    if not cell:
        return 0, float("inf")
    size = style.table_size
    lines, until = 0, float("inf")
    for p in cell:
        n, u = tx.count_lines_until(style.font, p.text, _room(width, p), size)
        lines += n
        until = min(until, u + 2 * CELL_LR + p.indent)  # the room is the width less these (or MIN_ROOM)
    return 2 * PAD + lines * style.line(size), until


def split_cell(style: PageStyle, cell: Cell, width: int, keep: int) -> tuple[Cell, Cell]:
    """Return the first ``keep`` lines of ``cell`` and the rest (a numbered item split between the two goes on
    without its number).  A word wider than the cell, which the word processor breaks over several lines,
    is cut where those lines end, so that every part holds some of the text (else a row of such a word
    would be cut into empty parts for ever)."""
    head: Cell = []
    tail: Cell = []
    left = keep
    for p in cell:
        if left <= 0:
            tail.append(p)
            continue
        room = _room(width, p)
        lines = tx.break_lines(style.font, p.text, room, style.table_size)
        if len(lines) <= left:
            head.append(p)
        else:
            first, rest = _cut(style, p.text, lines, left, room)
            if first:
                head.append(Para(first, p.label, p.indent))
                tail.append(Para(rest, "", p.indent))
            else:
                tail.append(p)
        left -= len(lines)
    return head, tail


def _cut(style: PageStyle, text: str, lines: list[str], keep: int, room: int) -> tuple[str, str]:
    """Split ``text`` (broken into ``lines`` by ``text.break_lines``) after its first ``keep`` lines."""
    size = style.table_size
    at = next((i for i in range(keep, len(lines)) if lines[i]), None)  # the first line after the cut with text
    if at is not None and not lines[keep - 1]:
        # break_lines leaves the lines of a word too wide for one line empty and sets the word on the last:
        # when the cut falls inside those lines, keep as many characters as fill the lines before the cut
        word, after = (lines[at].split(" ", 1) + [""])[:2]
        width, start = style.measure(word, size), at
        while width > room:
            width -= room
            start -= 1
        if start < keep:
            pos = 0
            for _ in range(keep - start):
                pos += max(1, _fits(style, word, pos, room, size))
            before = " ".join(t for t in lines[:start] if t)
            return (" ".join(t for t in (before, word[:pos]) if t),
                    " ".join(t for t in (word[pos:], after, *lines[at + 1:]) if t))
    return " ".join(t for t in lines[:keep] if t), " ".join(t for t in lines[keep:] if t)


def _fits(style: PageStyle, word: str, start: int, room: int, size: float) -> int:
    """The most characters of ``word`` from ``start`` that fit ``room`` twips on one line (binary search)."""
    good, bad = 0, len(word) - start + 1
    while bad - good > 1:
        mid = (good + bad) // 2
        if style.measure(word[start:start + mid], size) <= room:
            good = mid
        else:
            bad = mid
    return good


def step_cells(node) -> list[Cell]:
    """The text cells of a step row: No, Kegiatan, Kelengkapan, Waktu, Output, Keterangan."""
    item = node.item
    return [[Para(str(node.number))], [Para(item.uraian)], items_cell(as_list(item.kelengkapan)),
            items_cell(as_list(item.waktu)), items_cell(as_list(item.output)), items_cell(as_list(item.keterangan))]


# ----------------------------------------------------------------------------------------------- columns
_BREAKS = re.compile(r"(?<=[-/])(?=\w)")


def _longest_word(style: PageStyle, cells: list[Cell], size: float, bold: bool = False) -> float:
    """The widest piece of text no line may break: a word, or its part up to a hyphen or slash (where the
    word processor may break a line too)."""
    best = 0.0
    for cell in cells:
        for p in cell:
            extra = p.indent
            for word in p.text.split():
                for piece in _BREAKS.split(word):
                    best = max(best, style.measure(piece, size, bold) + extra)
    return best


def heading_size(style: PageStyle, words_widths: list[tuple[str, int]]) -> float:
    """Largest size (from the table size down to ``HEAD_MIN``) at which every word of every heading fits its
    column; the headings then wrap at spaces only."""
    size = style.table_size
    while size > HEAD_MIN and any(style.measure(w, size, bold=True) > room for w, room in words_widths):
        size -= 0.5
    return size


class _Heights:
    """Total body height of the table for given column widths, with each (column, width) measured once."""

    def __init__(self, style: PageStyle, rows: list[list[Cell]], mins: list[int]):
        self.style, self.rows, self.mins = style, rows, mins
        self.cache: dict[tuple[int, int], list[int]] = {}
        self.until: dict[tuple[int, int], float] = {}
        self.totals: dict[tuple[int, ...], int] = {}
        self.sums: dict[tuple[int, int], int] = {}

    def column(self, k: int, width: int) -> list[int]:
        key = (k, width)
        if key not in self.cache:
            heights, until = [], float("inf")
            for r in self.rows:
                h, u = _height_until(self.style, r[k], width)
                heights.append(h)
                until = min(until, u)
            self.cache[key], self.until[key] = heights, until
        return self.cache[key]

    def same_until(self, k: int, width: int) -> float:
        """The least width above ``width`` at which a cell of column ``k`` may change height."""
        self.column(k, width)
        return self.until[k, width]

    def total(self, widths: list[int]) -> int:
        key = tuple(widths)
        if key not in self.totals:  # the search tries the same widths again and again
            cols = [self.column(k, w) for k, w in enumerate(widths)]
            self.totals[key] = sum(map(max, self.mins, *cols))  # per row: the tallest cell, at least its symbol
        return self.totals[key]

    def lines(self, widths: list[int]) -> int:
        """The text's own height, summed over every cell (a table whose height no longer changes still reads
        better with fewer wrapped lines); growth that would make a row taller counts double."""
        return sum(self.sums[k, w] if (k, w) in self.sums else self._sum(k, w) for k, w in enumerate(widths)) + \
            self.total(widths)

    def _sum(self, k: int, width: int) -> int:
        self.sums[k, width] = sum(self.column(k, width))
        return self.sums[k, width]


def design_columns(style: PageStyle, actors: list[str], rows: list[list[Cell]], row_kinds: list[str],
                   labels: list[str] = (), decisions: dict[int, list[str]] | None = None) -> Columns:
    """Column widths from the content: see the module's docstring.  ``rows``: the six text cells of every
    step; ``row_kinds``: each step's symbol (its least row height); ``labels``: the branch labels;
    ``decisions``: actor column -> the labels of a decision standing there."""
    total = style.body_width
    n = len(actors)
    size = style.table_size
    # least widths: no word of a cell or a heading broken (headings may shrink to HEAD_MIN)
    lane_min = [int(max(LANE_MIN, max((style.measure(w, HEAD_MIN, True) for w in a.split()), default=0)
                        + 2 * HEAD_LR + 20)) for a in actors]
    # branch labels: every actor column holds the widest beside a line; a decision's column holds its
    # narrowest on either side of the line going down from it (the other exits leave sideways)
    label_w = max((label_width(style, t) for t in labels), default=0)
    want = [max(w, label_w) for w in lane_min]
    for lane, texts in (decisions or {}).items():
        if texts:
            want[lane] = max(want[lane], 2 * min(label_width(style, t) for t in texts) - mm(2))
    if sum(want) <= total * 0.6:
        lane_min = want
    words = [_longest_word(style, [r[k] for r in rows], size) for k in range(len(TEXT_COLUMNS))]
    for head_size in (size, HEAD_MIN):  # the headings at the table's size when the page allows it
        text_min = [int(min(max(least, words[k] + 2 * CELL_LR + 20,
                                max(style.measure(w, head_size, True) for w in head.split()) + 2 * CELL_LR + 20),
                            most)) for k, (head, least, most) in enumerate(TEXT_COLUMNS)]
        if sum(text_min) + sum(lane_min) <= total:
            break
    spare = total - sum(text_min) - sum(lane_min)
    if spare < 0:  # too many actors for the page: actor columns at the symbol's minimum, text columns shrink
        lane_min = [LANE_MIN] * n
        spare = total - sum(text_min) - sum(lane_min)
        if spare < 0:
            text_min = [max(mm(5), w + spare * w // sum(text_min)) for w in text_min]
            spare = total - sum(text_min) - sum(lane_min)
    widths = list(text_min)
    probe = sizes(Columns([0, 0, *lane_min, 0, 0, 0, 0], n))
    heights = _Heights(style, rows, [probe.row_min(k) for k in row_kinds])
    spare = _grow_text(heights, widths, spare, heights.total, 0.05)
    _rebalance(heights, widths, text_min)
    # then room for the symbols, lines and branch labels; then fewer wrapped lines where they do not make
    # the table taller (easier to read)
    lanes, spare = _fill_lanes(lane_min, spare, LANE_MAX)
    spare = _grow_text(heights, widths, spare, heights.lines, 0.2)
    # what nobody needs: the text columns, in proportion (Waktu and No keep their width)
    share = [0, 3, 2, 0, 2, 3]
    for k, s in enumerate(share):
        widths[k] += spare * s // sum(share)
    widths[1] += total - sum(widths) - sum(lanes)
    return Columns([widths[0], widths[1], *lanes, *widths[2:]], n)


def _grow_text(heights: _Heights, widths: list[int], spare: int, measure, least: float) -> int:
    """Hand ``spare`` out to the text columns, a step at a time, where it lowers ``measure`` (the table's
    height, or its lines of text) most per millimetre, looking ahead to the next line break of each column,
    while that gain is at least ``least`` twips per twip of width; return what is left."""
    current = measure(widths)
    while spare >= STEP:
        best = None
        for k, (_, _, most) in enumerate(TEXT_COLUMNS):
            d = STEP
            until = heights.same_until(k, widths[k])
            while d <= spare and widths[k] + d <= most:
                if widths[k] + d < until:  # no cell of the column changes below that width: no gain
                    if until == float("inf"):
                        break
                    d = max(d, int((until - widths[k]) // STEP) * STEP)
                    while widths[k] + d < until:
                        d += STEP
                    continue
                trial = widths[:k] + [widths[k] + d] + widths[k + 1:]
                gain = current - measure(trial)
                if gain > 0:
                    if best is None or gain / d > best[0]:
                        best = (gain / d, k, d, current - gain)
                    break
                d += STEP
        if best is None or best[0] < least:
            break
        _, k, d, current = best
        widths[k] += d
        spare -= d
    return spare


def _rebalance(heights: _Heights, widths: list[int], least: list[int]) -> None:
    """Move width from one text column to another while that makes the table shorter (handing out spare
    width a step at a time cannot take back a step that a later one made useless)."""
    current = heights.total(widths)
    for _ in range(100):
        best = None
        for a in range(len(widths)):
            for b in range(len(widths)):
                if a == b:
                    continue
                for d in (STEP, 2 * STEP, 4 * STEP, 8 * STEP):
                    if widths[a] - d < least[a] or widths[b] + d > TEXT_COLUMNS[b][2]:
                        break
                    trial = list(widths)
                    trial[a] -= d
                    trial[b] += d
                    total = heights.total(trial)
                    if total < current and (best is None or total < best[0]):
                        best = (total, trial)
        if best is None:
            return
        current = best[0]
        widths[:] = best[1]


def _fill_lanes(lane_min: list[int], spare: int, most: int) -> tuple[list[int], int]:
    """Raise the narrowest actor columns first, up to ``most``: the actors share what is left."""
    lanes = list(lane_min)
    while spare > 0:
        low = min(lanes)
        if low >= most:
            break
        at_low = [i for i, w in enumerate(lanes) if w == low]
        nxt = min([w for w in lanes if w > low] + [most])
        each = min(nxt - low, spare // len(at_low))
        if each <= 0:
            break
        for i in at_low:
            lanes[i] += each
        spare -= each * len(at_low)
    return lanes, spare


def label_width(style: PageStyle, text: str) -> int:
    """The width an actor column needs for a branch label in one cell beside its line: the label in one line
    or in two balanced lines, whichever is narrower, with the clearances of ``sop_route``."""
    words = text.split()
    size = style.label_size
    best = style.measure(text, size)
    for k in range(1, len(words)):
        best = min(best, max(style.measure(" ".join(words[:k]), size), style.measure(" ".join(words[k:]), size)))
    return int(best) + 30 + 2 * 40 + 2 * 20 + mm(0.8)


# ----------------------------------------------------------------------------------------------- header
def header_sizes(style: PageStyle, cols: Columns, actors: list[str]) -> tuple[float, float]:
    """The size of the actor names and of the other headings: as large as fits without breaking a word."""
    room = lambda c: cols.widths[c] - 2 * CELL_LR  # noqa: E731
    actor = heading_size(style, [(w, cols.widths[2 + i] - 2 * HEAD_LR) for i, a in enumerate(actors)
                                 for w in a.split()])
    n = cols.n_actors
    heads = [("No", 0), ("Kegiatan", 1), ("Kelengkapan", 2 + n), ("Waktu", 3 + n), ("Output", 4 + n),
             ("Keterangan", 5 + n), ("Pelaksana", 2), ("Mutu", 2 + n), ("Baku", 2 + n)]
    other = heading_size(style, [(w, room(c) if w not in ("Pelaksana", "Mutu", "Baku") else
                                  sum(cols.widths[2:2 + n]) if w == "Pelaksana" else sum(cols.widths[2 + n:5 + n]))
                                 for w, c in heads])
    return actor, other


def header_heights(style: PageStyle, cols: Columns, actors: list[str], actor_size: float,
                   head_size: float) -> tuple[int, int]:
    line = style.line(head_size)
    w = cols.widths
    n = cols.n_actors
    second = [("Kelengkapan", w[2 + n]), ("Waktu", w[3 + n]), ("Output", w[4 + n])]
    lines2 = max(style.wrap(t, cw - 2 * CELL_LR, head_size, bold=True) for t, cw in second)
    actor_h = max(style.wrap(a, w[2 + i] - 2 * HEAD_LR, actor_size, bold=True) * style.line(actor_size)
                  for i, a in enumerate(actors))
    h1 = 2 * PAD + max(style.wrap("Pelaksana", sum(w[2:2 + n]) - 2 * CELL_LR, head_size, True),
                       style.wrap("Mutu Baku", sum(w[2 + n:5 + n]) - 2 * CELL_LR, head_size, True)) * line
    h2 = 2 * PAD + max(lines2 * line, actor_h)
    merged = max(style.wrap(t, w[c] - 2 * CELL_LR, head_size, bold=True)
                 for t, c in (("No", 0), ("Kegiatan", 1), ("Keterangan", len(w) - 1)))
    h2 = max(h2, 2 * PAD + merged * line - h1)
    return h1, h2


def row_height(style: PageStyle, cols: Columns, cells: list[Cell], least: int) -> int:
    return max(least, *(text_height(style, c, cols.widths[k]) for c, k in zip(cells, cols.text_cols)))
