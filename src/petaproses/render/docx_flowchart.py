"""The SOP flowchart table (bagian flowchart): pagination, symbol geometry, arrow routing and DrawingML.

Approach A1 of docs/docx-flowchart.md: the generator paginates itself (text measured with the real font,
exact row heights), writes one ``w:tbl`` per page and anchors every shape in an actor cell of its own row,
positioned from the exact row heights and column widths.  All geometry is in twips, relative to the
top-left corner of the page's table; EMU = twips * 635.

Routing rules, so that arrows never cross a symbol:
- a row holds one symbol, so a horizontal segment at the height of the source's centre is always free;
- every actor column keeps a free vertical channel on each side of its symbols;
- every row keeps a free gap above and below its symbol, for horizontal segments into the target.
Edges between pages become a pair of off-page connectors (A, B, ...): the source runs into a pentagon in
the page's last row, the matching pentagon in the first row of the target's page runs into the target.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from ..catalogue import Catalogue
from ..layout.grid import grid_layout
from ..model import Sop, as_list
from . import docx_xml as X
from .docx_style import Style, mm

EMU = 635
CELL_LR = 57  # left/right text margin of text cells (1 mm)
PAD = 57  # text padding above and below, via paragraph spacing
SHAPE_BASE_Z = 251658240
NUMBERED_INDENT = 227
LABEL_SLACK = 30  # a branch label's box is this much wider than its text, twips
LABEL_CLEAR = 40  # free space left and right of a branch label's box, twips


@dataclass
class Columns:
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
class Shape:
    kind: str  # terminator | process | decision | offpage
    x: int  # left
    y: int  # top
    w: int
    h: int
    row: int  # row index on the page (0 = first body row)
    lane: int
    name: str
    text: str = ""
    used: set = field(default_factory=set)  # ports taken by exits/entries

    @property
    def cx(self) -> int:
        return self.x + self.w // 2

    @property
    def cy(self) -> int:
        return self.y + self.h // 2

    def port(self, side: str) -> tuple[int, int]:
        return {"top": (self.cx, self.y), "bottom": (self.cx, self.y + self.h),
                "left": (self.x, self.cy), "right": (self.x + self.w, self.cy)}[side]


@dataclass
class Line:
    points: list[tuple[int, int]]
    name: str


@dataclass
class Label:
    text: str
    x: int
    y: int
    w: int
    h: int
    align: str = "left"
    size: float = 7  # pt


@dataclass
class Row:
    kind: str  # step | in | out
    height: int
    top: int = 0
    node: object = None  # flow Node for step rows


@dataclass
class Page:
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
    columns: Columns
    pages: list[Page]
    actors: list[str]
    pairs: list[str]  # off-page connector labels, in order
    actor_size: float = 8  # pt, position names in the header


# ----------------------------------------------------------------------------------------------- sizes
def design_columns(style: Style, n: int) -> Columns:
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


def _text_height(style: Style, items: list[str], width: int) -> int:
    if not items:
        return 0
    size = style.table_size
    if len(items) == 1:
        lines = style.wrap(items[0], width - 2 * CELL_LR, size)
    else:
        lines = sum(style.wrap(f"{i}. {t}", width - 2 * CELL_LR - NUMBERED_INDENT, size)
                    for i, t in enumerate(items, 1))
    return 2 * PAD + lines * style.line(size)


def actor_header_size(style: Style, cols: Columns, actors: list[str]) -> float:
    """Largest size (down to 6 pt) at which no word of a position name is broken in its narrow column."""
    size = style.table_size
    room = cols.lane_width - 2 * CELL_LR
    words = [w for a in actors for w in a.split()]
    while size > 6 and any(style.measure(w, size, bold=True) > room for w in words):
        size -= 0.5
    return size


def header_heights(style: Style, cols: Columns, actors: list[str], actor_size: float) -> tuple[int, int]:
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


def step_height(style: Style, cols: Columns, sz: Sizes, node) -> int:
    w = cols.widths
    n = cols.n_actors
    text_cols = [w[0], w[1], w[2 + n], w[3 + n], w[4 + n], w[5 + n]]
    need = max(_text_height(style, items, cw) for items, cw in zip(step_cells(node), text_cols))
    return max(need, sz.step_min)


# ----------------------------------------------------------------------------------------------- layout
def build_chart(cat: Catalogue, doc: Sop, style: Style, first_page_room: int | None = None) -> Chart:
    """Paginate the steps of ``doc`` and place every symbol, arrow and off-page connector."""
    grid = grid_layout(cat, doc)
    actors = [lane.name for lane in grid.lanes]
    cols = design_columns(style, len(actors))
    sz = sizes(cols)
    actor_size = actor_header_size(style, cols, actors)
    header = header_heights(style, cols, actors, actor_size)
    slack = mm(6)  # borders and rounding in the renderer
    room = style.body_height - sum(header) - slack - 2 * sz.conn_row - 40
    nodes = grid.nodes
    heights = [step_height(style, cols, sz, n) for n in nodes]
    # greedy pagination; every page keeps room for an incoming and an outgoing connector row
    groups: list[list[int]] = [[]]
    used = 0
    limit = room if first_page_room is None else min(room, first_page_room)
    for i, h in enumerate(heights):
        if groups[-1] and used + h > limit:
            groups.append([])
            used = 0
            limit = room
        groups[-1].append(i)
        used += h
    page_of = {nodes[i].id: p for p, g in enumerate(groups) for i in g}

    pairs: list[str] = []
    cross = []  # (edge, label)
    for e in grid.edges:
        if page_of[e.source] != page_of[e.target]:
            label = _pair_label(len(pairs))
            pairs.append(label)
            cross.append((e, label))

    first_of = {p: nodes[g[0]].id for p, g in enumerate(groups)}
    last_of = {p: nodes[g[-1]].id for p, g in enumerate(groups)}
    pages: list[Page] = []
    forced: set[int] = set()  # edges whose pentagon found no room beside its symbol
    for p, group in enumerate(groups):
        while True:
            # the flow running on from a page's last step to the next page's first step uses connector rows
            # (bottom/top of the table); any other jump gets a pentagon beside its symbol, in the same row
            incoming = [(e, lab, "row" if id(e) in forced or (not e.back and e.target == first_of[p]
                                                              and e.source == last_of[p - 1]) else "side")
                        for e, lab in cross if page_of[e.target] == p]
            outgoing = [(e, lab, "row" if id(e) in forced or (not e.back and e.source == last_of[p]
                                                              and e.target == first_of.get(p + 1)) else "side")
                        for e, lab in cross if page_of[e.source] == p]
            rows: list[Row] = []
            if any(m == "row" for *_, m in incoming):
                rows.append(Row("in", sz.conn_row))
            rows += [Row("step", heights[i], node=nodes[i]) for i in group]
            if any(m == "row" for *_, m in outgoing):
                rows.append(Row("out", sz.conn_row))
            page = Page(rows, header)
            top = page.body_top
            for r in rows:
                r.top = top
                top += r.height
            try:
                _place_page(page, grid, cols, sz, incoming, outgoing, style)
            except _NoRoom as exc:
                forced.add(id(exc.edge))
                continue
            break
        pages.append(page)
    return Chart(cols, pages, actors, pairs, actor_size)


class _NoRoom(Exception):
    def __init__(self, edge):
        self.edge = edge


def _pair_label(i: int) -> str:
    out = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        out = chr(65 + rem) + out
    return out


def _place_page(page: Page, grid, cols: Columns, sz: Sizes, incoming, outgoing, style: Style) -> None:
    by_node: dict[str, Shape] = {}
    occupied: dict[tuple[int, int], Shape] = {}
    for ri, r in enumerate(page.rows):
        if r.kind != "step":
            continue
        node = r.node
        lane = grid.lane_of[node.id]
        kind = node.symbol
        w, h = (sz.dec_w, sz.dec_h) if kind == "decision" else (sz.sym_w, sz.sym_h)
        x = cols.lane_center(lane) - w // 2
        y = r.top + r.height // 2 - h // 2
        shape = Shape(kind, x, y, w, h, ri, lane, f"Langkah {node.number}")
        by_node[node.id] = shape
        occupied[(ri, lane)] = shape
        page.shapes.append(shape)

    links = []  # (source shape, target shape, branch label)
    sides = []  # (step shape, "in"/"out", pair label, branch label)
    for kind, group in (("in", incoming), ("out", outgoing)):
        rowed = [(e, lab) for e, lab, mode in group if mode == "row"]
        for e, lab, mode in group:
            if mode == "side":
                sides.append((by_node[e.target if kind == "in" else e.source], kind, lab, e.label, e))
        if not rowed:
            continue
        ri = 0 if kind == "in" else len(page.rows) - 1
        r = page.rows[ri]
        taken: set[int] = set()
        for e, label in rowed:
            want = grid.lane_of[e.target if kind == "in" else e.source]
            lane = min((ln for ln in range(cols.n_actors) if ln not in taken), key=lambda ln: (abs(ln - want), ln),
                       default=want)
            x = cols.lane_center(lane) - sz.off_w // 2
            if lane in taken:  # more pairs than columns: put them side by side
                x += (len(taken) - cols.n_actors + 1) * (sz.off_w + mm(1))
            taken.add(lane)
            shape = Shape("offpage", x, r.top + (r.height - sz.off_h) // 2, sz.off_w, sz.off_h, ri, lane,
                          f"Penghubung {label}", label)
            occupied[(ri, lane)] = shape
            page.shapes.append(shape)
            if kind == "in":
                links.append((shape, by_node[e.target], None))
            else:
                links.append((by_node[e.source], shape, e.label))
    for e in grid.edges:
        if e.source in by_node and e.target in by_node:
            links.append((by_node[e.source], by_node[e.target], e.label))
    Router(page, cols, sz, occupied, style).route_all(links, sides)


class Router:
    def __init__(self, page: Page, cols: Columns, sz: Sizes, occupied, style: Style):
        self.page, self.cols, self.sz, self.occupied, self.style = page, cols, sz, occupied, style
        self.tracks: dict[tuple[int, str], list[tuple[int, int, int]]] = {}  # channel -> (x, y0, y1)

    # -- helpers
    def lane_free(self, lane: int, r0: int, r1: int) -> bool:
        """True when no symbol sits in ``lane`` strictly between rows r0 and r1."""
        lo, hi = sorted((r0, r1))
        return all((r, lane) not in self.occupied for r in range(lo + 1, hi))

    def gap_above(self, s: Shape) -> int:
        return (self.page.rows[s.row].top + s.y) // 2

    def gap_below(self, s: Shape) -> int:
        r = self.page.rows[s.row]
        return (s.y + s.h + r.top + r.height) // 2

    def channel(self, lane: int, side: str, y0: int, y1: int) -> int:
        """Return the x of a free vertical track in the channel on ``side`` of ``lane``'s symbols."""
        lo, hi = sorted((y0, y1))
        left = self.cols.lane_left(lane)
        inner = (self.cols.lane_width - self.sz.sym_w) // 2
        mid = left + inner // 2 if side == "left" else left + self.cols.lane_width - inner // 2
        step = mm(1.2)
        used = self.tracks.setdefault((lane, side), [])
        # narrow channels (many actors) hold no second track 1.2 mm away: then try tracks 0.6 mm apart
        candidates = [mid + k * step for k in (0, -1, 1, -2, 2)] + [mid + k * step // 2 for k in (-1, 1, -3, 3)]
        lim_lo, lim_hi = (left + mm(0.5), left + inner - mm(0.5)) if side == "left" else \
            (left + self.cols.lane_width - inner + mm(0.5), left + self.cols.lane_width - mm(0.5))
        for x in candidates:
            if not lim_lo <= x <= lim_hi:
                continue
            if all(ux != x or hi < a or lo > b for ux, a, b in used):
                used.append((x, lo, hi))
                return x
        used.append((mid, lo, hi))
        return mid

    # -- routing
    def route_all(self, links, sides=()) -> None:
        exits = []
        for src, tgt, label in links:
            forward = (tgt.row > src.row)
            if src.kind == "offpage":
                wants = ["bottom"]
            elif forward and tgt.lane == src.lane and self.lane_free(src.lane, src.row, tgt.row):
                wants = ["bottom", "right", "left"]
            elif forward and tgt.lane == src.lane:
                wants = ["right", "left", "bottom"]
            elif tgt.lane < src.lane or (not forward and tgt.lane == src.lane):
                wants = ["left", "bottom", "right"]
            else:
                wants = ["right", "bottom", "left"]
            exits.append((src, tgt, label, forward, wants))
        for shape, kind, pair, label, edge in sides:
            if kind == "out":
                wants = [p for p in ("right", "left") if self.free_lane(shape, p) is not None]
                if not wants:
                    raise _NoRoom(edge)
                exits.append((shape, None, (pair, label, edge), True, wants))
        # each shape gives its exits distinct ports; a decision tries every assignment of its vertices and
        # keeps the cheapest (loops back weigh double: their detours are the longest)
        ports: dict[int, str] = {}
        by_src: dict[int, list[int]] = {}
        for i, ex in enumerate(exits):
            by_src.setdefault(id(ex[0]), []).append(i)
        for idxs in by_src.values():
            src = exits[idxs[0]][0]
            free = [p for p in ("bottom", "right", "left") if p not in src.used]
            best = None
            if len(idxs) <= len(free):
                for perm in itertools.permutations(free, len(idxs)):
                    cost = 0
                    for i, port in zip(idxs, perm):
                        wants = exits[i][4]
                        rank = wants.index(port) if port in wants else 3
                        cost += rank * (1 if exits[i][3] else 2)
                        if exits[i][2] and ((port == "right" and src.lane == self.cols.n_actors - 1)
                                            or (port == "left" and src.lane == 0)):
                            cost += 4  # its branch label would stick out of the actor columns
                    if best is None or cost < best[0]:
                        best = (cost, perm)
                chosen = list(best[1]) if best else []
            else:  # more exits than vertices: share, in order of preference
                chosen = [exits[i][4][0] for i in idxs]
            for i, port in zip(idxs, chosen):
                src.used.add(port)
                ports[i] = port
        # incoming pentagons beside their target take a free side before loops back do
        for shape, kind, pair, _label, edge in sides:
            if kind == "in":
                side = next((p for p in ("left", "right") if p not in shape.used and self.free_lane(shape, p)
                             is not None), None)
                if side is None:
                    raise _NoRoom(edge)
                shape.used.add(side)
                self.side_pentagon(shape, side, pair, incoming=True)
        # a loop back whose port cannot reach a free vertex of its target takes another free port that can
        for i, (src, tgt, _label, forward, _) in enumerate(exits):
            if tgt is None or forward or self.back_entry(src, tgt, ports[i]):
                continue
            other = next((p for p in ("right", "left", "bottom") if p not in src.used
                          and self.back_entry(src, tgt, p)), None)
            if other:
                src.used.discard(ports[i])
                src.used.add(other)
                ports[i] = other
        wanted = []
        routes: dict[int, list[tuple[int, int]]] = {}
        for i, (src, tgt, label, forward, _) in enumerate(exits):  # pentagons first: routes avoid them
            if tgt is None:
                pair, _label, edge = label
                if ports[i] not in ("left", "right") or self.free_lane(src, ports[i]) is None:
                    raise _NoRoom(edge)
                routes[i] = self.side_pentagon(src, ports[i], pair, incoming=False, room=bool(_label))
        for i, (src, tgt, label, forward, _) in enumerate(exits):
            if tgt is None:
                pts = routes[i]
                label = label[1]
            else:
                pts = self.forward(src, tgt, ports[i]) if forward else self.back(src, tgt, ports[i])
                self.page.lines.append(Line(_clean(pts), f"Panah {src.name} ke {tgt.name}"))
            if label:
                wanted.append((src, ports[i], label, _clean(pts)))
        for args in wanted:  # after every line is drawn, so labels can keep clear of all of them
            self.label(*args)

    def free_lane(self, s: Shape, side: str) -> int | None:
        """Return the nearest lane on ``side`` of ``s`` with nothing in ``s``'s row, else None."""
        lanes = range(s.lane - 1, -1, -1) if side == "left" else range(s.lane + 1, self.cols.n_actors)
        for lane in lanes:
            if (s.row, lane) not in self.occupied:
                return lane
            return None  # the next lane is taken: a line to a farther one would cross it
        return None

    def side_pentagon(self, s: Shape, side: str, pair: str, incoming: bool,
                      room: bool = False) -> list[tuple[int, int]]:
        """Place the off-page connector ``pair`` in ``s``'s row and join it to ``s``; return the line."""
        sz = self.sz
        lane = self.free_lane(s, side)
        if room:  # a branch label needs a longer line: skip one empty column if possible
            further = lane + (1 if side == "right" else -1)
            if 0 <= further < self.cols.n_actors and (s.row, further) not in self.occupied:
                self.occupied[(s.row, lane)] = s  # keep the crossed cell empty
                lane = further
        x = self.cols.lane_center(lane) - sz.off_w // 2
        p = Shape("offpage", x, s.cy - sz.off_h // 2, sz.off_w, sz.off_h, s.row, lane, f"Penghubung {pair}", pair)
        self.occupied[(s.row, lane)] = p
        self.page.shapes.append(p)
        toward = "left" if lane > s.lane else "right"
        pts = [p.port(toward), s.port(side)] if incoming else [s.port(side), p.port(toward)]
        pts = _clean(pts)
        name = f"Panah {p.name} ke {s.name}" if incoming else f"Panah {s.name} ke {p.name}"
        self.page.lines.append(Line(pts, name))
        return pts

    def forward(self, s: Shape, t: Shape, port: str) -> list[tuple[int, int]]:
        start = s.port(port)
        tx, ty = t.port("top")
        if port == "bottom":
            if s.cx == tx and self.lane_free(t.lane, s.row, t.row):
                return [start, (tx, ty)]
            yb = self.gap_below(s)
            if self.lane_free(t.lane, s.row, t.row):
                return [start, (s.cx, yb), (tx, yb), (tx, ty)]
            side = "left" if t.lane < s.lane else "right"
            xch = self.channel(t.lane, side, yb, self.gap_above(t))
            ya = self.gap_above(t)
            return [start, (s.cx, yb), (xch, yb), (xch, ya), (tx, ya), (tx, ty)]
        sx, sy = start
        toward = (port == "left" and t.lane < s.lane) or (port == "right" and t.lane > s.lane)
        if toward and self.lane_free(t.lane, s.row, t.row):
            return [start, (tx, sy), (tx, ty)]
        ya = self.gap_above(t)
        if toward:
            xch = self.channel(t.lane, "right" if port == "left" else "left", sy, ya)
        else:
            xch = self.channel(s.lane, port, sy, ya)
        return [start, (xch, sy), (xch, ya), (tx, ya), (tx, ty)]

    @staticmethod
    def back_entry(s: Shape, t: Shape, port: str) -> str | None:
        """The free vertex of ``t`` a loop back leaving ``s`` by ``port`` can enter without crossing either
        symbol: a side vertex first (the one facing the exit, then the other), then the bottom; None = top."""
        if s is t:
            return None
        side = "right" if port == "right" else "left"
        for enter in (side, "left" if side == "right" else "right"):
            if enter in t.used:
                continue
            # a side exit reaches the channel on its own side only: the channel must lie that way
            if port == "right" and not (t.lane > s.lane or (t.lane == s.lane and enter == "right")):
                continue
            if port == "left" and not (t.lane < s.lane or (t.lane == s.lane and enter == "left")):
                continue
            return enter
        if "bottom" not in t.used and (port == "bottom" or t.lane != s.lane):
            return "bottom"
        return None

    def back(self, s: Shape, t: Shape, port: str) -> list[tuple[int, int]]:
        """Route a loop back from ``s`` up to ``t``: into a free vertex of ``t`` (``back_entry``), else into
        its top, where the forward arrow also ends."""
        side = "right" if port == "right" else "left"
        pts = [s.port(port)]
        y_from = s.cy
        if port == "bottom":
            yb = self.gap_below(s)
            pts.append((s.cx, yb))
            y_from = yb
        enter = self.back_entry(s, t, port)
        if enter in ("left", "right"):
            # coming from another column on the side we enter: use that column's channel next to the border,
            # which keeps the channels beside ``t`` free (room for its branch labels)
            if (enter == "left" and s.lane < t.lane) or (enter == "right" and s.lane > t.lane):
                ch_lane, ch_side = (t.lane - 1, "right") if enter == "left" else (t.lane + 1, "left")
            else:
                ch_lane, ch_side = t.lane, enter
            xch = self.channel(ch_lane, ch_side, y_from, t.cy)
            t.used.add(enter)
            return pts + [(xch, y_from), (xch, t.cy), t.port(enter)]
        lane = max(s.lane, t.lane) if side == "right" else min(s.lane, t.lane)
        if s is t:
            lane = s.lane
        if enter == "bottom":  # up under ``t``, then into its bottom vertex
            if port == "right" and t.lane > s.lane:
                lane, side = t.lane, "left"
            elif port == "left" and t.lane < s.lane:
                lane, side = t.lane, "right"
            y_to = self.gap_below(t)
            xch = self.channel(lane, side, y_from, y_to)
            t.used.add("bottom")
            return pts + [(xch, y_from), (xch, y_to), (t.cx, y_to), t.port("bottom")]
        y_to = self.gap_above(t)
        xch = self.channel(lane, side, y_from, y_to)
        return pts + [(xch, y_from), (xch, y_to), (t.cx, y_to), t.port("top")]

    def label(self, s: Shape, port: str, text: str, pts: list[tuple[int, int]]) -> None:
        """Place a branch label beside the start of its line, clear of every line, symbol and label.

        Called after all lines of the page are routed.  Candidates are scored: a box that touches anything or
        leaves the actor columns is a last resort, and so is one that starts beyond the bend of its line;
        then the fewer table borders (column or row) the box lies across the better; then the normal size
        beats the smaller one, a single line beats a wrapped label, and a nearer spot beats a farther one."""
        st = self.style
        words = text.split()
        variants = [[text]]
        if len(words) > 1:  # the most balanced two-line split, then one word a line
            split = min(range(1, len(words)), key=lambda k: max(st.measure(" ".join(words[:k]), 7),
                                                                st.measure(" ".join(words[k:]), 7)))
            variants.append([" ".join(words[:split]), " ".join(words[split:])])
            if len(words) > 2:
                variants.append(words)
        sizes = [st.label_size] + ([max(6.0, st.label_size - 1)] if st.label_size > 6 else [])
        px, py = s.port(port)
        gap = mm(0.8)
        seg_end = pts[1] if len(pts) > 1 else (px, py)
        best = None
        for si, size in enumerate(sizes):
            for vi, lines in enumerate(variants):
                w = int(max(st.measure(t, size) for t in lines)) + LABEL_SLACK
                h = round(size * 20 * 1.15) * len(lines) + 20
                for pi, (x, y, align) in enumerate(self._label_spots(s, port, px, py, w, h, gap, seg_end)):
                    # a label starting beyond the bend of its line would name the wrong line
                    detached = (port == "right" and x > seg_end[0]) or (port == "left" and x + w < seg_end[0])
                    borders = (not self._in_one_lane(x, w)) + (not self._in_one_row(y, h))
                    score = (self.collides(x, y, w, h) or not self._in_actors(x, w), detached, borders, si, vi, pi)
                    if best is None or score < best[0]:
                        best = (score, Label("\n".join(lines), x, y, w, h, align, size))
        self.page.labels.append(best[1])

    def _label_spots(self, s: Shape, port: str, px: int, py: int, w: int, h: int, gap: int, seg_end):
        """Candidate boxes (x, y, align) for a label of w x h at port (px, py), nearest first."""
        lane_l = self.cols.lane_left(s.lane)
        lane_r = lane_l + self.cols.lane_width
        spots = []
        if port in ("left", "right"):
            sign = 1 if port == "right" else -1
            above, below = py - h - 10, py + 10
            ys = (above, below, above - h // 2, below + h // 2, above - self.sz.off_h // 2 - 20)
            if port == "right":
                xs = [px + gap, lane_r + gap]
            else:
                xs = [px - gap - w, lane_l - gap - w]
            # further along the first segment, one step at a time
            reach = abs(seg_end[0] - px) if seg_end[1] == py else 0
            step = mm(2)
            k = 1
            while k * step + w <= reach:
                xs.append(px + gap + k * step if sign > 0 else px - gap - w - k * step)
                k += 1
            for x in xs:
                for y in ys:
                    spots.append((x, y, "left" if sign > 0 else "right"))
        else:
            reach = abs(seg_end[1] - py) if seg_end[0] == px else 0
            ys = [py + mm(0.5), py + mm(0.5) + h]
            step = mm(2)
            k = 1
            while mm(0.5) + h + k * step + h <= reach:
                ys.append(py + mm(0.5) + h + k * step)
                k += 1
            for y in ys:
                spots += [(px + gap, y, "left"), (px - gap - w, y, "right")]
        return spots

    def _in_actors(self, x: int, w: int) -> bool:
        return self.cols.lane_left(0) <= x and x + w <= self.cols.lane_left(self.cols.n_actors)

    def _in_one_lane(self, x: int, w: int) -> bool:
        lane = self.cols.lane_at(x + w / 2)
        left = self.cols.lane_left(lane)
        return left <= x and x + w <= left + self.cols.lane_width

    def _in_one_row(self, y: int, h: int) -> bool:
        return any(r.top <= y and y + h <= r.top + r.height for r in self.page.rows)

    def collides(self, x: int, y: int, w: int, h: int) -> bool:
        """True when the box touches a line, a symbol or another label.  Lines keep ``LABEL_CLEAR`` to the
        left and right of the box (its height already carries padding above and below the text)."""
        c = LABEL_CLEAR
        x0, y0, x1, y1 = x - c, y, x + w + c, y + h
        for ln in self.page.lines:
            for (ax, ay), (bx, by) in zip(ln.points, ln.points[1:]):
                if max(ax, bx) > x0 and min(ax, bx) < x1 and max(ay, by) > y0 and min(ay, by) < y1:
                    return True
        for o in [*self.page.shapes, *self.page.labels]:
            if o.x < x1 and o.x + o.w > x0 and o.y < y1 and o.y + o.h > y0:
                return True
        return False


def _clean(pts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop repeated and collinear points, so a route is its minimal polyline."""
    out: list[tuple[int, int]] = []
    for p in pts:
        if out and p == out[-1]:
            continue
        if len(out) >= 2:
            (x0, y0), (x1, y1) = out[-2], out[-1]
            if (x0 == x1 == p[0]) or (y0 == y1 == p[1]):
                out[-1] = p
                continue
        out.append(p)
    return out


# ----------------------------------------------------------------------------------------------- XML
class Ids:
    """Unique wp:docPr ids and increasing z-order for one document."""

    def __init__(self) -> None:
        self.next_id = 1
        self.z = 0

    def take(self) -> tuple[int, int]:
        self.next_id += 1
        self.z += 1
        return self.next_id, SHAPE_BASE_Z + self.z


def _anchor(ids: Ids, name: str, x: int, y: int, w: int, h: int, wsp: str) -> str:
    did, z = ids.take()
    return (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            f'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{z}" '
            f'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="column"><wp:posOffset>{x * EMU}</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{y * EMU}</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{w * EMU}" cy="{h * EMU}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
            f'<wp:docPr id="{did}" name="{X.esc(name)}"/><wp:cNvGraphicFramePr/>'
            f'<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f"{wsp}</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback/>"
            f"</mc:AlternateContent></w:r>")


_LINE = '<a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill>{end}</a:ln>'
_ARROW = '<a:tailEnd type="triangle" w="med" len="med"/>'
_PRST = {"terminator": "flowChartTerminator", "process": "flowChartProcess", "decision": "flowChartDecision",
         "offpage": "flowChartOffpageConnector"}


def _txbx(text: str, size: float, align: str = "center") -> str:
    return (f"<wps:txbx><w:txbxContent>{X.para(text, size=size, align=align, line=round(size * 20 * 1.15))}"
            f"</w:txbxContent></wps:txbx>")


def shape_xml(ids: Ids, s: Shape, ox: int, oy: int, style: Style) -> str:
    w, h = s.w * EMU, s.h * EMU
    body = '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr"><a:noAutofit/></wps:bodyPr>'
    txbx = ""
    if s.text:
        txbx = _txbx(s.text, style.table_size)
        body = body.replace('bIns="0" anchor="ctr"', f'bIns="{mm(1.5) * EMU}" anchor="ctr"')
    wsp = (f'<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'
           f'<a:prstGeom prst="{_PRST[s.kind]}"><a:avLst/></a:prstGeom>'
           f'<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>{_LINE.format(end="")}</wps:spPr>'
           f"{txbx}{body}</wps:wsp>")
    return _anchor(ids, s.name, ox, oy, s.w, s.h, wsp)


def line_xml(ids: Ids, line: Line, ox: int, oy: int) -> str:
    pts = line.points
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    x0, y0 = min(xs), min(ys)
    w, h = max(xs) - x0, max(ys) - y0
    (ax, ay), (bx, by) = pts[0], pts[-1]
    flip = ""
    if len(pts) == 2 or (len(pts) == 3 and pts[0][1] == pts[1][1]):
        # straight line, or horizontal-then-vertical L: preset connectors stay editable as connectors
        if bx < ax:
            flip += ' flipH="1"'
        if by < ay:
            flip += ' flipV="1"'
        prst = "straightConnector1" if len(pts) == 2 else "bentConnector2"
        geom = f'<a:prstGeom prst="{prst}"><a:avLst/></a:prstGeom>'
    else:
        path = "".join(
            f'<a:{"moveTo" if i == 0 else "lnTo"}><a:pt x="{(px - x0) * EMU}" y="{(py - y0) * EMU}"/>'
            f'</a:{"moveTo" if i == 0 else "lnTo"}>' for i, (px, py) in enumerate(pts))
        geom = (f'<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/>'
                f'<a:pathLst><a:path w="{max(w, 1) * EMU}" h="{max(h, 1) * EMU}" fill="none">{path}</a:path>'
                f"</a:pathLst></a:custGeom>")
    wsp = (f'<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm{flip}><a:off x="0" y="0"/>'
           f'<a:ext cx="{w * EMU}" cy="{h * EMU}"/></a:xfrm>{geom}<a:noFill/>{_LINE.format(end=_ARROW)}</wps:spPr>'
           f"<wps:bodyPr/></wps:wsp>")
    return _anchor(ids, line.name, ox, oy, w, h, wsp)


def label_xml(ids: Ids, lab: Label, ox: int, oy: int, style: Style) -> str:
    wsp = (f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
           f'<a:ext cx="{lab.w * EMU}" cy="{lab.h * EMU}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
           f"<a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>{_txbx(lab.text, lab.size, lab.align)}"
           f'<wps:bodyPr rot="0" vert="horz" wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b">'
           f"<a:noAutofit/></wps:bodyPr></wps:wsp>")
    return _anchor(ids, f"Label {lab.text}", ox, oy, lab.w, lab.h, wsp)


def page_tables(chart: Chart, style: Style, ids: Ids) -> list[str]:
    """Return one ``w:tbl`` string per page."""
    cols = chart.columns
    size = style.table_size
    line = style.line(size)
    fill = style.heading_fill
    w = cols.widths
    n = cols.n_actors
    out = []

    def hp(text: str, sz: float = size) -> str:
        return X.para(text, size=sz, bold=True, align="center", line=style.line(sz), before=PAD)

    head1 = (X.cell(hp("No"), w[0], vmerge="restart", fill=fill, valign="center")
             + X.cell(hp("Kegiatan"), w[1], vmerge="restart", fill=fill, valign="center")
             + X.cell(hp("Pelaksana"), sum(w[2:2 + n]), span=n, fill=fill)
             + X.cell(hp("Mutu Baku"), sum(w[2 + n:5 + n]), span=3, fill=fill)
             + X.cell(hp("Keterangan"), w[-1], vmerge="restart", fill=fill, valign="center"))
    head2 = (X.cell("", w[0], vmerge="continue", fill=fill) + X.cell("", w[1], vmerge="continue", fill=fill)
             + "".join(X.cell(hp(a, chart.actor_size), w[2 + i], fill=fill)
                     for i, a in enumerate(chart.actors))
             + "".join(X.cell(hp(t), w[2 + n + i], fill=fill) for i, t in enumerate(("Kelengkapan", "Waktu", "Output")))
             + X.cell("", w[-1], vmerge="continue", fill=fill))

    for page in chart.pages:
        # anchors per (row, lane), collected in z-order: lines, symbols, labels
        runs: dict[tuple[int, int], list[str]] = {}

        def put(x: int, y: int, make) -> None:
            ri = next(i for i, r in enumerate(page.rows) if r.top <= y < r.top + r.height) \
                if y < page.rows[-1].top + page.rows[-1].height else len(page.rows) - 1
            lane = cols.lane_at(x)
            runs.setdefault((ri, lane), []).append(make(x - cols.lane_left(lane), y - page.rows[ri].top))

        for ln in page.lines:
            put(min(p[0] for p in ln.points), min(p[1] for p in ln.points),
                lambda ox, oy, ln=ln: line_xml(ids, ln, ox, oy))
        for s in page.shapes:
            put(s.x, s.y, lambda ox, oy, s=s: shape_xml(ids, s, ox, oy, style))
        for lab in page.labels:
            put(lab.x, lab.y, lambda ox, oy, lab=lab: label_xml(ids, lab, ox, oy, style))

        rows = X.row(head1, page.header[0], header=True) + X.row(head2, page.header[1], header=True)
        for ri, r in enumerate(page.rows):
            texts = step_cells(r.node) if r.kind == "step" else [[]] * 6
            cells = _text_cell(texts[0], w[0], size, line, "center") + _text_cell(texts[1], w[1], size, line)
            for lane in range(n):
                anchor_p = (f'<w:p>{X.ppr(line=20, size=1)}{"".join(runs.get((ri, lane), []))}</w:p>')
                cells += X.cell(anchor_p, w[2 + lane], margins=(0, 0))
            for k, items in enumerate(texts[2:]):
                cells += _text_cell(items, w[2 + n + k], size, line)
            out_row = X.row(cells, r.height)
            rows += out_row
        out.append(X.table(w, rows, CELL_LR))
    return out


def _text_cell(items: list[str], width: int, size: float, line: int, align: str | None = None) -> str:
    if len(items) <= 1:
        content = X.para(items[0] if items else "", size=size, line=line, before=PAD, align=align)
    else:
        content = "".join(X.para(f"{i}.\t{t}", size=size, line=line, before=PAD if i == 1 else 0,
                                 indent=NUMBERED_INDENT, hanging=NUMBERED_INDENT)
                          for i, t in enumerate(items, 1))
    return X.cell(content, width)
