"""Swimlane maps (peta lintas fungsi, the flow of every SOP) and sub-process maps, as DOT for ``neato -n2``.

Swimlanes run top to bottom with one column per pelaksana, exactly like the SOP AP table (PermenPANRB
35/2012): a reviewer can hold the diagram next to the SOP document and find every step in the same row and
column.  Sub-process maps are a short chain of boxes, so they run left to right to suit a projector.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

import graphviz

from ..catalogue import Catalogue
from ..layout.grid import grid_layout
from ..model import PetaLintasFungsi, PetaSubProses, SubProses
from . import diagram_style as st
from .diagram_common import MARGIN, Canvas, link_for
from .diagram_grid import GUTTER, ROW_GAP, ROW_GAP_PRINT, Box, Grid, Link, Router, place

BOX_W = 108.0  # points, the width of every step symbol across the flow (on screen; the PDF sets its own)
LANE_W = BOX_W + 2 * GUTTER
SUB_W = 130.0  # sub-process boxes, along the flow
PAD = 7.0  # text to shape edge
PAD_PRINT = 4.0  # text to top and bottom edge in the paged PDF
CONNECTOR = (22.0, 26.0)  # off-page connector (paged PDF only): along, across
HEADER_SIZE = 9.0


@dataclass
class Step:
    id: str
    number: int | None
    lines: list[str]
    code: str | None
    shape: str  # process | terminator | decision | connector
    href: str | None
    lane: int
    sa: float
    sc: float


def _decision_size(text: str, width: float) -> tuple[list[str], float]:
    """Return the lines and the height of a diamond ``width`` wide that holds ``text`` (the fullest fit)."""
    best: tuple[float, list[str]] | None = None
    for frac in (0.5, 0.56, 0.62, 0.68, 0.74):
        tw = width * frac
        lines = st.wrap(text, tw)
        th = st.block_height(len(lines))
        # a text block (tw, th) fits a diamond (W, H) when tw/W + th/H <= 1
        height = th / (1 - (st.block_width(lines) + 4) / width) + 6
        if best is None or height < best[0]:
            best = (height, lines)
    assert best is not None
    return best[1], max(best[0], 44.0)


def _steps(cat: Catalogue, doc: PetaLintasFungsi | PetaSubProses,
           box_w: float = BOX_W, pad_a: float = PAD) -> tuple[list[Step], list, list[str], bool]:
    grid = grid_layout(cat, doc)
    vertical = isinstance(doc, PetaLintasFungsi)
    steps: list[Step] = []
    for node in grid.nodes:
        item = node.item
        sub = isinstance(item, SubProses)
        text = item.nama if sub else item.uraian
        code = item.kode if sub else None
        shape = "decision" if node.is_decision else ("process" if sub else node.symbol)
        href = link_for(cat, doc, item.rincian)
        number = None if sub else node.number
        marker = (f"{number}. " if number is not None else "") + ("[+] " if item.rincian else "")
        body = marker + text
        if vertical:
            if shape == "decision":
                # diamonds reach into the gutters (flatter, so shorter rows); lines pass on the far side
                sc = box_w + 2 * GUTTER - 12
                lines, sa = _decision_size(body, sc)
            else:
                lines = st.wrap(body, box_w - 2 * PAD)
                sa = max(st.block_height(len(lines)) + 2 * pad_a, 34.0 - 2 * (PAD - pad_a))
                sc = box_w
        else:
            width = SUB_W if shape != "decision" else SUB_W
            if shape == "decision":
                lines, sc = _decision_size(body, width)
            else:
                lines = st.wrap(body, width - 2 * PAD)
                extra = st.block_height(1, st.SMALL) if code else 0.0
                sc = max(st.block_height(len(lines)) + extra + 2 * PAD, 44.0)
            sa = width
        steps.append(Step(node.id, number, lines, code, shape, href, grid.lane_of[node.id], sa, sc))
    lanes = [lane.name for lane in grid.lanes]
    return steps, grid.edges, lanes, vertical


def _node_label(step: Step) -> str:
    inner = st.html_lines(step.lines)
    if step.code:
        inner = st.html_lines([step.code], st.SMALL, colour="#555555") + '<BR ALIGN="CENTER"/>' + inner
    return st.label(inner)


def _crossing_letters(edges, page_of: dict[str, int]) -> dict[tuple[str, str, int], str]:
    letters = {}
    names = list(string.ascii_uppercase) + [a + b for a in string.ascii_uppercase for b in string.ascii_uppercase]
    for e in edges:
        if page_of[e.source] != page_of[e.target]:
            letters[(e.source, e.target, e.index)] = names[len(letters)]
    return letters


@dataclass(frozen=True)
class Sheet:
    """How a paged (PDF) drawing is cut: diagram points per page, lane width, gap between rows."""

    height: float
    lane_w: float = LANE_W
    gap: float = ROW_GAP_PRINT


def build_pages(cat: Catalogue, doc, page_height: float | None, lane_w: float | None = None) -> list[graphviz.Digraph]:
    """Return the diagram of ``doc`` as one graph, or one per page when ``page_height`` (points) is given.

    Pages are ``lane_w`` points per lane (default: as on screen) with tighter rows, and every page after the
    first carries a slim continuation head (title line, lane names) instead of the title block and legend.
    """
    sheet = Sheet(page_height, lane_w or LANE_W) if page_height is not None else None
    steps, edges, lanes, vertical = _steps(cat, doc, *((sheet.lane_w - 2 * GUTTER, PAD_PRINT) if sheet else ()))
    if not vertical:
        return [_chain_graph(cat, doc, steps, edges, lanes)]
    if sheet is None:
        return [_graph(cat, doc, steps, edges, lanes, vertical, None, {})]
    page_of = _paginate(cat, doc, steps, edges, lanes, sheet)
    letters = _crossing_letters(edges, page_of)
    count = max(page_of.values()) + 1
    return [_graph(cat, doc, steps, edges, lanes, vertical, (p, count, page_of), letters, sheet)
            for p in range(count)]


def _paginate(cat, doc, steps, edges, lanes, sheet: Sheet) -> dict[str, int]:
    """Return the page of every step: the fewest pages whose measured height fits, then the fewest connectors.

    Pages hold consecutive steps; over every way to cut the steps (a shortest path over the cut points) the
    one with the fewest pages wins, then the one with the fewest off-page connectors, then the one whose earlier
    pages are fuller.
    """
    canvas = Canvas(cat, doc, lanes, True, (0, 2, {}))
    header = _lane_header(lanes, sheet.lane_w)[1]
    by_id = {s.id: s for s in steps}
    heads = (canvas.head_for(0), canvas.head_for(1))

    def cost(i: int, j: int) -> int | None:
        """Return the connectors of a page holding steps[i:j], or None when it does not fit."""
        rows = _rows(steps[i:j], edges, by_id, lambda e: "x")
        _, end = place(rows, len(lanes), sheet.lane_w, header, sheet.gap)
        if MARGIN + heads[0 if i == 0 else 1] + 10 + end + MARGIN > sheet.height and j > i + 1:
            return None  # (a step taller than a page still gets a page of its own)
        return sum(1 for b in rows if b.shape == "connector")

    n = len(steps)
    best: list[tuple[int, int, int] | None] = [(0, 0, 0)] + [None] * n  # (pages, connectors, previous cut)
    for i in range(n):
        if best[i] is None:
            continue
        pages, conns, _ = best[i]
        for j in range(i + 1, n + 1):
            found = cost(i, j)
            if found is None:
                break
            trial = (pages + 1, conns + found, i)
            if best[j] is None or (trial[0], trial[1], -i) <= (best[j][0], best[j][1], -best[j][2]):
                best[j] = trial
    cuts = [n]
    while cuts[-1] > 0:
        cuts.append(best[cuts[-1]][2])
    cuts.reverse()
    return {s.id: page for page, (i, j) in enumerate(zip(cuts, cuts[1:])) for s in steps[i:j]}


def _rows(on_page: list[Step], edges, by_id: dict, letter) -> list[Box]:
    """Return the boxes of one page in row order: incoming connectors, the steps, outgoing connectors.

    Connectors in different lanes share a row, so a page break costs one row each way, not one per line.
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
            rows.append(Box(f"{prefix}_{letter(e)}", row, lane, *CONNECTOR, "connector"))

    connectors([e for e in edges if e.target in ids and e.source not in ids], lambda e: by_id[e.target].lane, "in")
    for s in on_page:
        row += 1
        rows.append(Box(s.id, row, s.lane, s.sa, s.sc, s.shape))
    connectors([e for e in edges if e.source in ids and e.target not in ids], lambda e: by_id[e.source].lane, "out")
    return rows


def _lane_header(lanes: list[str], lane_w: float = LANE_W) -> tuple[list[list[str]], float]:
    width = lane_w - 8
    wrapped = [st.wrap(name, width, HEADER_SIZE, bold=True) for name in lanes]
    height = max(st.block_height(len(w), HEADER_SIZE) for w in wrapped) + 10
    return wrapped, height


def _graph(cat, doc, steps: list[Step], edges, lanes: list[str], vertical: bool, paging, letters,
           sheet: Sheet | None = None) -> graphviz.Digraph:
    canvas = Canvas(cat, doc, lanes, vertical, paging)
    on_page = [s for s in steps if paging is None or paging[2][s.id] == paging[0]]
    ids = {s.id for s in on_page}
    by_id = {s.id: s for s in steps}
    # boxes, in row order, with off-page connectors before (incoming) and after (outgoing)
    rows = _rows(on_page, edges, by_id, lambda e: letters[(e.source, e.target, e.index)])
    conn_labels = {b.id: b.id.split("_", 1)[1] for b in rows if b.shape == "connector"}
    links = [Link(f"in_{letters[(e.source, e.target, e.index)]}", e.target, None)
             for e in edges if e.target in ids and e.source not in ids]
    gap = sheet.gap if sheet else ROW_GAP
    if vertical:
        lane_width = sheet.lane_w if sheet else LANE_W
        lane_lines, header = _lane_header(lanes, lane_width)
    else:
        lane_lines = [st.wrap(name, 96, HEADER_SIZE, bold=True) for name in lanes]
        header = 104.0
        lane_width = max(max((b.sc for b in rows), default=40.0), st.block_height(max(len(x) for x in lane_lines),
                                                                                   HEADER_SIZE) + 8) + 2 * GUTTER
    lane_edges, end = place(rows, len(lanes), lane_width, header, gap)
    boxes = {b.id: b for b in rows}
    for e in edges:
        if e.source in ids and e.target in ids:
            links.append(Link(e.source, e.target, e.label))
        elif e.source in ids:
            links.append(Link(e.source, f"out_{letters[(e.source, e.target, e.index)]}", e.label))
    router = Router(boxes, lane_edges, lane_width, gap)
    # the first exit of every step first, so the main line gets the straight routes
    links.sort(key=lambda lk: (0 if lk.source.startswith("in_") else 1, _order(lk, boxes)))
    for lk in links:
        if lk.label:
            lines = st.wrap(lk.label, 80, st.SMALL)
            w, h = st.block_width(lines, st.SMALL), st.block_height(len(lines), st.SMALL)
            lk.label_size = (h, w) if vertical else (w, h)
        router.route(lk)
    grid = Grid(boxes, links, lane_edges, header, end, vertical)
    return canvas.draw(grid, by_id, lane_lines, header, conn_labels, _node_label)


def _order(link: Link, boxes: dict[str, Box]) -> tuple:
    s, t = boxes[link.source], boxes[link.target]
    back = t.row <= s.row
    return (back, s.row, abs(t.row - s.row), t.row)


def _chain_graph(cat, doc, steps: list[Step], edges, lanes: list[str]) -> graphviz.Digraph:
    """Return a sub-process map: ``dot`` lays the chain out left to right, then it joins the house frame.

    A chain of a few boxes with many-way branches is what ``dot`` does best; its positions and splines are
    read back (``-Tjson``) and shifted into the band, so the title block and legend stay as everywhere else.
    """
    from .diagram import layout_json

    g = graphviz.Digraph(name="chain")
    g.attr("graph", rankdir="LR", nodesep="0.35", ranksep="0.55", fontname=st.FONT, splines="spline")
    g.attr("node", fixedsize="true", fontname=st.FONT, fontsize=f"{st.FONT_SIZE:g}", label="")
    g.attr("edge", fontname=st.FONT, fontsize=f"{st.SMALL:g}", arrowsize="0.8")
    for s in steps:
        g.node(s.id, width=f"{s.sa / 72:.4f}", height=f"{s.sc / 72:.4f}",
               shape="diamond" if s.shape == "decision" else "box", peripheries="2" if s.href else "1")
    labels = {}
    for k, e in enumerate(edges):
        attrs = {"constraint": "false"} if e.back else {}
        if e.label:
            lines = st.wrap(e.label, 80, st.SMALL)
            labels[k] = lines
            attrs["label"] = st.label(st.html_lines(lines, st.SMALL))
        g.edge(e.source, e.target, key=str(k), **attrs)
    laid = layout_json(g.source)
    bx0, by0, bx1, by1 = (float(v) for v in laid["bb"].split(","))
    pos = {o["name"]: tuple(float(v) for v in o["pos"].split(",")) for o in laid.get("objects", [])}
    flow_w, flow_h = bx1 - bx0, by1 - by0
    head = 104.0
    band_w, band_h = head + flow_w + 2 * GUTTER, flow_h + 2 * GUTTER
    canvas = Canvas(cat, doc, lanes, False)
    from .diagram_common import MARGIN, SHAPES, draw_head, head_size, new_graph, node_at

    has_decision = any(s.shape == "decision" for s in steps)
    head_w, head_h = head_size(cat, doc, band_w, canvas.kind, False, canvas.linked)
    width = max(band_w, head_w) + 2 * MARGIN
    height = MARGIN + head_h + 10 + band_h + MARGIN
    out = new_graph(doc.kode, width, height)
    draw_head(out, cat, doc, band_w, height - MARGIN, canvas.kind, False, canvas.linked, None, has_decision)
    dx, dy = MARGIN + head + GUTTER - bx0, MARGIN + GUTTER - by0
    with out.subgraph(name="cluster_lane_0") as lane:
        lane.attr(bb=f"{st.fmt(MARGIN)},{st.fmt(MARGIN)},{st.fmt(MARGIN + band_w)},{st.fmt(MARGIN + band_h)}",
                  label="", style="filled", color="#888888", fillcolor=st.FILL["lane"])
        node_at(lane, "lane_0", MARGIN + head / 2, MARGIN + band_h / 2, head - 2, band_h - 2, shape="box",
                style="filled", fillcolor=st.FILL["header"], color=st.FILL["header"],
                label=st.label(st.html_lines(st.wrap(lanes[0], head - 8, HEADER_SIZE, True), HEADER_SIZE, bold=True)))
        for s in steps:
            x, y = pos[s.id]
            attrs = dict(SHAPES[s.shape if s.shape == "decision" else "process"])
            if s.href:
                attrs.update(peripheries="2", href=s.href, tooltip="Buka rincian", target="_top")
            node_at(lane, s.id, x + dx, y + dy, s.sa, s.sc, label=_node_label(s), **attrs)
    for k, e in enumerate(laid.get("edges", [])):
        attrs = {"pos": _shift(e["pos"], dx, dy)}
        if "lp" in e and int(e.get("_gvid", k)) in labels:
            lx, ly = (float(v) for v in e["lp"].split(","))
            attrs.update(label=st.label(st.html_lines(labels[int(e["_gvid"])], st.SMALL)),
                         lp=f"{st.fmt(lx + dx)},{st.fmt(ly + dy)}")
        tail = laid["objects"][e["tail"]]["name"]
        head_name = laid["objects"][e["head"]]["name"]
        out.edge(tail, head_name, key=str(k), **attrs)
    return out


def _shift(spline_pos: str, dx: float, dy: float) -> str:
    """Return a Graphviz spline ``pos`` moved by (dx, dy)."""
    parts = []
    for tok in spline_pos.split():
        prefix = ""
        if tok.startswith(("e,", "s,")):
            prefix, tok = tok[:2], tok[2:]
        x, y = (float(v) for v in tok.split(","))
        parts.append(f"{prefix}{x + dx:.2f},{y + dy:.2f}")
    return " ".join(parts)
