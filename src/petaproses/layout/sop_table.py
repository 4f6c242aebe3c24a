"""The SOP AP table (bagian flowchart): its columns, symbol sizes and row heights, in twips.

No | Kegiatan | one column per actor | Kelengkapan | Waktu | Output | Keterangan (PermenPANRB 35/2012).  Row
heights are exact: the text of every cell is measured with the document's font (``layout.text``), so the
word processor never has to grow a row and the pagination (``sop_chart``) holds.

Column widths follow the content (``sop_columns.design_columns``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..model import as_list
from ..texts import list_items
from . import text as tx
from . import hyphen
from .hyphen import ZWSP
from .page import PageStyle, mm
from .primitives import Label, Line, Shape

CELL_LR = 57  # left/right text margin of text cells (1 mm)
PAD = 57  # text padding above and below, via paragraph spacing
NUMBERED_INDENT = 227  # hanging indent of a numbered item in a text cell
HEAD_MIN = 6.0  # pt: headings shrink down to this size before a column is widened for them
LANE_MIN = mm(12)  # an actor column holds at least an 8 mm symbol and a 2 mm channel on each side
HEAD_LR = 28  # left/right text margin of the actor headings (0.5 mm): long position names, narrow columns
MIN_ROOM = mm(1)  # the least width a paragraph's lines are measured in


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
    items = [_slashes(t) for t in items]
    if len(items) == 1:
        return [Para(items[0])]
    marks = list_items(items)  # 1., 2., ... or the marks the items are written with
    indent = NUMBERED_INDENT if max((len(i.mark) for i in marks), default=0) < 3 else NUMBERED_INDENT + 100
    # an item without a mark continues the one above it, or is a lead-in, flush left
    return [Para(t, m, 0 if lead else indent) for m, t, lead in marks]


_SLASH = re.compile(r"(?<=\w)/(?=\w)")


def _slashes(text: str) -> str:
    """``text`` with a zero-width space after each slash between letters: LibreOffice breaks "menit/berkas"
    inside a letter run as often as after the slash, and at the space always (``hyphen.ZWSP``)."""
    return _SLASH.sub("/" + ZWSP, text)


@dataclass
class Columns:
    """The table's column widths: No, Kegiatan, one per actor (lane), Kelengkapan, Waktu, Output, Keterangan."""

    widths: list[int]  # final once made: the column edges are summed once
    n_actors: int

    @property
    def actor_first(self) -> int:
        return 2

    def left(self, col: int) -> int:
        edges = self.__dict__.get("_edges")
        if edges is None:  # asked for thousands of times while lines and labels are placed
            edges = self.__dict__["_edges"] = [sum(self.widths[:c]) for c in range(len(self.widths) + 1)]
        return edges[col] if 0 <= col <= len(self.widths) else sum(self.widths[:col])

    def lane_left(self, lane: int) -> int:
        return self.left(self.actor_first + lane)

    def lane_width(self, lane: int) -> int:
        return self.widths[self.actor_first + lane]

    def lane_center(self, lane: int) -> int:
        return self.lane_left(lane) + self.lane_width(lane) // 2

    def lane_at(self, x: float) -> int:
        """Return the lane whose column holds ``x`` (the nearest one outside the actor columns)."""
        rights = self.__dict__.get("_rights")
        if rights is None:
            first = self.actor_first
            rights = self.__dict__["_rights"] = [self.left(first + lane + 1) for lane in range(self.n_actors)]
        return min(bisect.bisect_right(rights, x), self.n_actors - 1)  # the first lane whose right edge is past x

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
    room_index: int = 0  # of several rooms on the identity page (tighter identities), the one it starts in


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
    return sum(style.wrap(p.text, room_of(width, p), size) for p in cell)


def room_of(width: int, p: Para) -> int:
    """The width a paragraph's lines have in a cell ``width`` wide (never nothing: a numbered item's indent
    may be wider than a squeezed column, and no width at all would never end a line)."""
    return max(width - 2 * CELL_LR - p.indent, MIN_ROOM)


def text_height(style: PageStyle, cell: Cell, width: int) -> int:
    if not cell:
        return 0
    return 2 * PAD + cell_lines(style, cell, width) * style.line(style.table_size)


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
        room = room_of(width, p)
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
    """The text cells of a step row: No, Kegiatan, Kelengkapan, Waktu, Output, Keterangan.  A time written as a
    bare number prints with the map's ``satuan_waktu`` ("30 menit"): the original's heading "WAKTU (Menit)" is not
    ours, and "30" alone lost its unit (review T, Dinas Sosial)."""
    item = node.item
    return [[Para(str(node.number))], [Para(_slashes(item.uraian))], items_cell(as_list(item.kelengkapan)),
            items_cell(as_list(item.waktu_dibaca)), items_cell(as_list(item.output)),
            items_cell(as_list(item.keterangan))]


# a number and its unit of time ("30 menit", "1x24 jam", "3 hari kerja" keeps "3 hari"): one line breaks
# before the number, not between ("paling lambat 3 / hari kerja", "1 jam 30 / menit" in a real SOP's Waktu); not
# a range ("1-2 hari"): the word processor does not break it after its hyphen, whatever the column's width
_AMOUNT = re.compile(r"(?i)(?<![\w.,\-–])(\d+(?:[.,]\d+)?(?:\s*[x×]\s*\d+)?)[ \t]+"
                     r"(?=(?:detik|menit|jam|hari|pekan|minggu|bulan|tahun)\b)")


def whole_amounts(text: str) -> str:
    """``text`` with a no-break space between each number and the unit of time after it."""
    return _AMOUNT.sub(lambda m: m.group(1).replace(" ", tx.NBSP) + tx.NBSP, text)


def joined_times(cells: list[Cell], waktu: int) -> list[Cell]:
    """A row's cells with the times of its Waktu cell (index ``waktu``) joined by ``whole_amounts``."""
    joined = [Para(whole_amounts(p.text), p.label, p.indent) for p in cells[waktu]]
    return cells if joined == cells[waktu] else cells[:waktu] + [joined] + cells[waktu + 1:]


# ----------------------------------------------------------------------------------------------- columns
def heading_size(style: PageStyle, words_widths: list[tuple[str, int]]) -> float:
    """Largest size (from the table size down to ``HEAD_MIN``) at which every word of every heading fits its
    column; the headings then wrap at spaces only."""
    size = style.table_size
    while size > HEAD_MIN and any(style.measure(w, size, bold=True) > room for w, room in words_widths):
        size -= 0.5
    return size


# ----------------------------------------------------------------------------------------------- header
def _parts(text: str) -> list[str]:
    """The pieces a heading may not break: its words, a word with a hyphen cut after it ("Perundang-",
    "undangan"), as the word processor breaks it (a long name once shrank every actor's name to 6.5 pt)."""
    return [p for w in text.split() for p in hyphen._AFTER_HYPHEN.split(w) if p]


def header_sizes(style: PageStyle, cols: Columns, actors: list[str]) -> tuple[float, float]:
    """The size of the actor names and of the other headings: as large as fits without breaking a word."""
    room = lambda c: cols.widths[c] - 2 * CELL_LR  # noqa: E731
    actor = heading_size(style, [(w, cols.widths[2 + i] - 2 * HEAD_LR) for i, a in enumerate(actors)
                                 for w in _parts(a)])
    n = cols.n_actors
    w, L = cols.widths, style.label
    # each word of a heading in its column (less the cell's margins); Pelaksana and Mutu Baku across their span
    heads = [(part, room(c)) for key, c in (("no", 0), ("kegiatan", 1), ("kelengkapan", 2 + n), ("waktu", 3 + n),
                                            ("output", 4 + n), ("keterangan", 5 + n)) for part in _parts(L(key))]
    heads += [(part, sum(w[2:2 + n])) for part in _parts(L("pelaksana"))]
    heads += [(part, sum(w[2 + n:5 + n])) for part in _parts(L("mutu_baku"))]
    other = heading_size(style, heads)
    return actor, other


def header_heights(style: PageStyle, cols: Columns, actors: list[str], actor_size: float,
                   head_size: float) -> tuple[int, int]:
    line = style.line(head_size)
    w = cols.widths
    n = cols.n_actors
    L = style.label
    second = [(L("kelengkapan"), w[2 + n]), (L("waktu"), w[3 + n]), (L("output"), w[4 + n])]
    lines2 = max(style.wrap(t, cw - 2 * CELL_LR, head_size, bold=True) for t, cw in second)
    actor_h = max(style.wrap(a, w[2 + i] - 2 * HEAD_LR, actor_size, bold=True) * style.line(actor_size)
                  for i, a in enumerate(actors))
    h1 = 2 * PAD + max(style.wrap(L("pelaksana"), sum(w[2:2 + n]) - 2 * CELL_LR, head_size, True),
                       style.wrap(L("mutu_baku"), sum(w[2 + n:5 + n]) - 2 * CELL_LR, head_size, True)) * line
    h2 = 2 * PAD + max(lines2 * line, actor_h)
    merged = max(style.wrap(t, w[c] - 2 * CELL_LR, head_size, bold=True)
                 for t, c in ((L("no"), 0), (L("kegiatan"), 1), (L("keterangan"), len(w) - 1)))
    h2 = max(h2, 2 * PAD + merged * line - h1)
    return h1, h2


def row_height(style: PageStyle, cols: Columns, cells: list[Cell], least: int) -> int:
    return max(least, *(text_height(style, c, cols.widths[k]) for c, k in zip(cells, cols.text_cols)))
