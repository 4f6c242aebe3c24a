"""Swimlane maps and sub-process maps as DOT for ``neato -n2``: draws the layout of ``layout.swimlane``.

Swimlanes (peta lintas fungsi, the flow of every SOP) are laid out entirely in Python; this module frames them
(``diagram_common.Canvas``) and writes DOT.  Sub-process maps are a short chain of boxes with many-way
branches, which ``dot`` lays out best: their positions are read back from ``dot -Tjson``.
"""

from __future__ import annotations

import graphviz

from ..catalogue import Catalogue
from ..layout.swimlane import (HEADER_SIZE, LANE_W, PAD_PRINT, Sheet, Step, crossing_letters, page_grid, paginate,
                               sized_steps)
from ..layout.swimlane_grid import GUTTER
from . import diagram_style as st
from .diagram_common import (MARGIN, SHAPES, Canvas, Digraph, add_frame, draw_head, finish_frames, head_size, link_for,
                             new_graph, node_at)
from .dot import layout_json


def _node_label(step: Step) -> str:
    if not step.lines:  # a long decision's small diamond: its branches carry the labels
        return ""
    inner = st.html_lines(step.lines)
    if step.code:
        inner = st.html_lines([step.code], st.SMALL, colour="#555555") + '<BR ALIGN="CENTER"/>' + inner
    return st.label(inner)


def build_pages(cat: Catalogue, doc, page_height: float | None, lane_w: float | None = None) -> list[graphviz.Digraph]:
    """Return the diagram of ``doc`` as one graph, or one per page when ``page_height`` (points) is given.

    Pages are ``lane_w`` points per lane (default: as on screen) with tighter rows, and every page after the
    first carries a slim continuation head (title line, lane names) instead of the title block and legend.
    """
    sheet = Sheet(page_height, lane_w or LANE_W) if page_height is not None else None
    steps, edges, lanes, vertical = sized_steps(cat, doc, *((sheet.lane_w - 2 * GUTTER, PAD_PRINT) if sheet else ()))
    if not vertical:
        return [_chain_graph(cat, doc, steps, edges, lanes)]
    if sheet is None:
        grid, lane_lines = page_grid(steps, edges, lanes)
        return [Canvas(cat, doc, lanes, True, None).draw(grid, lane_lines, _node_label)]
    canvas = Canvas(cat, doc, lanes, True, (0, 2, {}))
    above = (MARGIN + canvas.head_for(0) + 10, MARGIN + canvas.head_for(1) + 10)  # as Canvas.draw frames them
    page_of = paginate(steps, edges, lanes, sheet, above, MARGIN)
    letters = crossing_letters(edges, page_of)
    count = max(page_of.values()) + 1
    out = []
    for p in range(count):
        grid, lane_lines = page_grid(steps, edges, lanes, page_of, p, letters, sheet)
        out.append(Canvas(cat, doc, lanes, True, (p, count, page_of)).draw(grid, lane_lines, _node_label))
    return out


def _chain_graph(cat, doc, steps: list[Step], edges, lanes: list[str]) -> graphviz.Digraph:
    """Return a sub-process map: ``dot`` lays the chain out left to right, then it joins the house frame.

    A chain of a few boxes with many-way branches is what ``dot`` does best; its positions and splines are
    read back (``-Tjson``) and shifted into the band, so the title block and legend stay as everywhere else.
    """
    g = Digraph(name="chain")
    g.attr("graph", rankdir="LR", nodesep="0.35", ranksep="0.55", fontname=st.FONT, splines="spline")
    g.attr("node", fixedsize="true", fontname=st.FONT, fontsize=f"{st.FONT_SIZE:g}", label="")
    g.attr("edge", fontname=st.FONT, fontsize=f"{st.SMALL:g}", arrowsize="0.8")
    for s in steps:
        g.node(s.id, width=f"{s.sa / 72:.4f}", height=f"{s.sc / 72:.4f}",
               shape="diamond" if s.shape == "decision" else "box",
               peripheries="2" if link_for(cat, doc, s.detail) else "1")
    labels = {}  # edge id -> its label's lines: dot's -Tjson numbers edges its own way (by head), not as added
    for k, e in enumerate(edges):
        attrs = {"constraint": "false"} if e.back else {}
        if e.label:
            lines = st.wrap(e.label, 80, st.SMALL)
            labels[f"e{k}"] = lines
            attrs["label"] = st.label(st.html_lines(lines, st.SMALL))
        g.edge(e.source, e.target, key=str(k), id=f"e{k}", **attrs)
    laid = layout_json(g.source)
    bx0, by0, bx1, by1 = (float(v) for v in laid["bb"].split(","))
    pos = {o["name"]: tuple(float(v) for v in o["pos"].split(",")) for o in laid.get("objects", [])}
    flow_w, flow_h = bx1 - bx0, by1 - by0
    head = 104.0
    band_w, band_h = head + flow_w + 2 * GUTTER, flow_h + 2 * GUTTER
    canvas = Canvas(cat, doc, lanes, False)
    has_decision = any(s.shape == "decision" for s in steps)
    head_w, head_h = head_size(cat, doc, band_w, canvas.kind, False, canvas.linked)
    width = max(band_w, head_w) + 2 * MARGIN
    height = MARGIN + head_h + 10 + band_h + MARGIN
    out = new_graph(doc.kode, width, height)
    draw_head(out, cat, doc, band_w, height - MARGIN, canvas.kind, False, canvas.linked, None, has_decision)
    dx, dy = MARGIN + head + GUTTER - bx0, MARGIN + GUTTER - by0
    add_frame(out, MARGIN, MARGIN, MARGIN + band_w, MARGIN + band_h, st.FILL["lane"])
    node_at(out, "lane_0", MARGIN + head / 2, MARGIN + band_h / 2, head - 2, band_h - 2, shape="box",
            style="filled", fillcolor=st.FILL["header"], color=st.FILL["header"],
            label=st.label(st.html_lines(st.wrap(lanes[0], head - 8, HEADER_SIZE, True), HEADER_SIZE, bold=True)))
    for s in steps:
        x, y = pos[s.id]
        attrs = dict(SHAPES[s.shape if s.shape == "decision" else "process"])
        href = link_for(cat, doc, s.detail)
        if href:
            attrs.update(peripheries="2", href=href, tooltip="Buka rincian", target="_top")
        node_at(out, s.id, x + dx, y + dy, s.sa, s.sc, label=_node_label(s), **attrs)
    for k, e in enumerate(laid.get("edges", [])):
        attrs = {"pos": _shift(e["pos"], dx, dy)}
        if "lp" in e and e.get("id") in labels:
            lx, ly = (float(v) for v in e["lp"].split(","))
            attrs.update(label=st.label(st.html_lines(labels[e["id"]], st.SMALL)),
                         lp=f"{st.fmt(lx + dx)},{st.fmt(ly + dy)}")
        tail = laid["objects"][e["tail"]]["name"]
        head_name = laid["objects"][e["head"]]["name"]
        out.edge(tail, head_name, key=str(k), **attrs)
    finish_frames(out)
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
