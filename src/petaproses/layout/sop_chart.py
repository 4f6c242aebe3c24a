"""The SOP AP flowchart of one SOP: pagination, symbol placement and off-page connector pairs (twips).

Approach A1 of docs/docx-flowchart.md: the generator paginates itself (exact row heights, ``sop_table``), so
every page is one table, and every symbol stands in an actor cell of its own row.  Lines are routed by
``sop_route``.  Edges between pages become a pair of off-page connectors (A, B, ...): the flow running on
from a page's last step to the next page's first uses connector rows at the bottom and top of the tables;
any other jump gets a pentagon beside its symbol, in the same row.
"""

from __future__ import annotations

from ..catalogue import Catalogue
from ..model import Sop
from .grid import grid_layout
from .page import PageStyle, mm
from .primitives import Shape
from .sop_route import NoRoom, Router
from .sop_table import (Chart, Columns, Page, Row, Sizes, actor_header_size, design_columns, header_heights,
                        sizes, step_cells, step_height)


def build_chart(cat: Catalogue, doc: Sop, style: PageStyle, first_page_room: int | None = None) -> Chart:
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
    groups = paginate(heights, room, first_page_room)
    page_of = {nodes[i].id: p for p, g in enumerate(groups) for i in g}
    pairs: list[str] = []
    cross = []  # (edge, label)
    for e in grid.edges:
        if page_of[e.source] != page_of[e.target]:
            label = pair_label(len(pairs))
            pairs.append(label)
            cross.append((e, label))
    first_of = {p: nodes[g[0]].id for p, g in enumerate(groups)}
    last_of = {p: nodes[g[-1]].id for p, g in enumerate(groups)}
    pages: list[Page] = []
    forced: set[int] = set()  # edges whose pentagon found no room beside its symbol
    for p, group in enumerate(groups):
        while True:
            incoming = [(e, lab, "row" if id(e) in forced or (not e.back and e.target == first_of[p]
                                                              and e.source == last_of[p - 1]) else "side")
                        for e, lab in cross if page_of[e.target] == p]
            outgoing = [(e, lab, "row" if id(e) in forced or (not e.back and e.source == last_of[p]
                                                              and e.target == first_of.get(p + 1)) else "side")
                        for e, lab in cross if page_of[e.source] == p]
            rows: list[Row] = []
            if any(m == "row" for *_, m in incoming):
                rows.append(Row("in", sz.conn_row))
            rows += [Row("step", heights[i], node=nodes[i], cells=step_cells(nodes[i])) for i in group]
            if any(m == "row" for *_, m in outgoing):
                rows.append(Row("out", sz.conn_row))
            page = Page(rows, header)
            top = page.body_top
            for r in rows:
                r.top = top
                top += r.height
            try:
                _place_page(page, grid, cols, sz, incoming, outgoing, style)
            except NoRoom as exc:
                forced.add(id(exc.edge))
                continue
            break
        pages.append(page)
    return Chart(cols, pages, actors, pairs, actor_size)


def paginate(heights: list[int], room: int, first_page_room: int | None = None) -> list[list[int]]:
    """Return the steps (indices) of each page: greedy, every page keeping room for an incoming and an
    outgoing connector row (``room`` already leaves it); a step taller than a page gets one of its own."""
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
    return groups


def pair_label(i: int) -> str:
    """Return the label of the ``i``-th off-page pair: A..Z, AA, AB..."""
    out = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        out = chr(65 + rem) + out
    return out


def _place_page(page: Page, grid, cols: Columns, sz: Sizes, incoming, outgoing, style: PageStyle) -> None:
    """Place the symbols of ``page`` (each in its actor's column, centred in its row), its off-page
    connectors (in the connector rows, or beside their step), then route its lines."""
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
