"""The SOP AP table (bagian flowchart): its columns, symbol sizes and row heights, in twips.

No | Kegiatan | one column per actor | Kelengkapan | Waktu | Output | Keterangan (PermenPANRB 35/2012).  Row
heights are exact: the text of every cell is measured with the document's font (``layout.text``), so the
word processor never has to grow a row and the pagination (``sop_chart``) holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import as_list
from .page import PageStyle, mm
from .primitives import Label, Line, Shape

CELL_LR = 57  # left/right text margin of text cells (1 mm)
PAD = 57  # text padding above and below, via paragraph spacing
NUMBERED_INDENT = 227  # hanging indent of a numbered item in a text cell


@dataclass
class Columns:
    """The table's column widths; actor columns (lanes) are all as wide and start at column 2."""

    widths: list[int]
    n_actors: int

    @property
    def actor_first(self) -> int:
        return 2

    def left(self, col: int) -> int:
        return sum(self.widths[:col])

    def lane_left(self, lane: int) -> int:
        return self.left(self.actor_first + lane)

    @property
    def lane_width(self) -> int:
        return self.widths[self.actor_first]

    def lane_center(self, lane: int) -> int:
        return self.lane_left(lane) + self.lane_width // 2

    def lane_at(self, x: float) -> int:
        lane = int((x - self.lane_left(0)) // self.lane_width)
        return min(max(lane, 0), self.n_actors - 1)


@dataclass
class Row:
    """One body row of a page: a step, or a row of off-page connectors coming in or going out."""

    kind: str  # step | in | out
    height: int
    top: int = 0
    node: object = None  # flow Node for step rows
    # what the text cells say: No, Kegiatan, Kelengkapan, Waktu, Output, Keterangan (empty in connector rows)
    cells: list[list[str]] = field(default_factory=lambda: [[]] * 6)


@dataclass
class Page:
    """One flowchart table: its two header rows' heights, its body rows, and what is drawn over them (twips,
    from the table's top-left corner)."""

    rows: list[Row]
    header: tuple[int, int]
    shapes: list[Shape] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)

    @property
    def body_top(self) -> int:
        return sum(self.header)


@dataclass
class Chart:
    """The finished flowchart of one SOP: its columns and its pages."""

    columns: Columns
    pages: list[Page]
    actors: list[str]
    pairs: list[str]  # off-page connector labels, in order
    actor_size: float = 8  # pt, position names in the header


def design_columns(style: PageStyle, n: int) -> Columns:
    """No | Kegiatan | actors... | Kelengkapan | Waktu | Output | Keterangan, filling the body width."""
    total = style.body_width
    no_w = mm(8)
    actor = int(min(mm(26), max(mm(15), total * 0.45 / n)))
    if no_w + actor * n > total * 0.75:  # very many actors: give the text columns at least a quarter
        actor = int((total * 0.75 - no_w) / n)
    rest = total - no_w - actor * n
    weights = [3.0, 1.9, 1.0, 1.7, 1.2]  # Kegiatan, Kelengkapan, Waktu, Output, Keterangan
    others = [int(rest * w / sum(weights)) for w in weights]
    others[0] += rest - sum(others)
    return Columns([no_w, others[0], *([actor] * n), *others[1:]], n)


@dataclass
class Sizes:
    """Symbol sizes of one chart (they follow the actor column width), and the least row heights."""

    sym_w: int
    sym_h: int
    dec_w: int
    dec_h: int
    off_w: int
    off_h: int
    step_min: int
    conn_row: int


def sizes(cols: Columns) -> Sizes:
    a = cols.lane_width
    sym_w = min(mm(19), a - 2 * mm(3.2))
    sym_h = max(mm(6), min(mm(8), int(sym_w * 0.45)))
    dec_w = sym_w
    dec_h = max(mm(8), min(mm(10), int(sym_w * 0.6)))
    off = min(mm(6.5), sym_w)
    return Sizes(sym_w, sym_h, dec_w, dec_h, off, off, dec_h + 2 * mm(4.5), off + 2 * mm(2.5))


def _text_height(style: PageStyle, items: list[str], width: int) -> int:
    if not items:
        return 0
    size = style.table_size
    if len(items) == 1:
        lines = style.wrap(items[0], width - 2 * CELL_LR, size)
    else:
        lines = sum(style.wrap(f"{i}. {t}", width - 2 * CELL_LR - NUMBERED_INDENT, size)
                    for i, t in enumerate(items, 1))
    return 2 * PAD + lines * style.line(size)


def actor_header_size(style: PageStyle, cols: Columns, actors: list[str]) -> float:
    """Largest size (down to 6 pt) at which no word of a position name is broken in its narrow column."""
    size = style.table_size
    room = cols.lane_width - 2 * CELL_LR
    words = [w for a in actors for w in a.split()]
    while size > 6 and any(style.measure(w, size, bold=True) > room for w in words):
        size -= 0.5
    return size


def header_heights(style: PageStyle, cols: Columns, actors: list[str], actor_size: float) -> tuple[int, int]:
    size, line = style.table_size, style.line(style.table_size)
    w = cols.widths
    n = cols.n_actors
    second = [("Kelengkapan", w[2 + n]), ("Waktu", w[3 + n]), ("Output", w[4 + n])]
    lines2 = max(style.wrap(t, cw - 2 * CELL_LR, size, bold=True) for t, cw in second)
    actor_h = max(style.wrap(a, w[2 + i] - 2 * CELL_LR, actor_size, bold=True) * style.line(actor_size)
                  for i, a in enumerate(actors))
    h1 = 2 * PAD + line
    h2 = 2 * PAD + max(lines2 * line, actor_h)
    merged = max(style.wrap(t, w[c] - 2 * CELL_LR, size, bold=True)
                 for t, c in (("No", 0), ("Kegiatan", 1), ("Keterangan", len(w) - 1)))
    h2 = max(h2, 2 * PAD + merged * line - h1)
    return h1, h2


def step_cells(node) -> list[list[str]]:
    """The text columns of a step row: No, Kegiatan, Kelengkapan, Waktu, Output, Keterangan."""
    item = node.item
    return [[str(node.number)], [item.uraian], as_list(item.kelengkapan), as_list(item.waktu),
            as_list(item.output), as_list(item.keterangan)]


def step_height(style: PageStyle, cols: Columns, sz: Sizes, node) -> int:
    w = cols.widths
    n = cols.n_actors
    text_cols = [w[0], w[1], w[2 + n], w[3 + n], w[4 + n], w[5 + n]]
    need = max(_text_height(style, items, cw) for items, cw in zip(step_cells(node), text_cols))
    return max(need, sz.step_min)
