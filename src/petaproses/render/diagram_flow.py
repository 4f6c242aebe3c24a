"""Swimlane maps and sub-process maps as DOT for ``neato -n2``: draws the layout of ``layout.swimlane``.

Swimlanes (peta lintas fungsi, the flow of every SOP) are laid out entirely in Python; this module frames them
(``diagram_common.Canvas``) and writes DOT.  Sub-process maps are a short chain of boxes with many-way
branches, which ``dot`` lays out best: their positions are read back from ``dot -Tjson``.
"""

from __future__ import annotations

import graphviz

from ..catalogue import Catalogue
from ..flow import build_flow
from ..layout.swimlane import (HEADER_SIZE, LANE_W, PAD, PAD_PRINT, SUB_W, Sheet, Step, crossing_letters, page_grid,
                               paginate, sized_steps)
from ..layout.swimlane_grid import GUTTER
from . import chain_rows
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


GATE = (34.0, 34.0)  # the decision diamond after a sub-process that branches: width, height
END = (56.0, 24.0)  # the end symbol a branch to `selesai` leads to


def _chain_nodes(cat, doc, steps: list[Step], edges) -> tuple[list[tuple], list[tuple], set[tuple[str, str]]]:
    """Return the nodes (id, shape, width, height, label, href), the edges (source, target, label, back) and the
    (box, diamond) pairs of a sub-process map.

    A sub-process that branches is its box (its name, code and [+] link) then a diamond the branches leave, as
    the BPMN export draws a task then a gateway: the legend's diamond is a decision, not a sub-process."""
    items = {node.id: node.item for node in build_flow(doc.sub_proses).nodes}
    nodes, gates, ends = [], {}, []
    for s in steps:
        href = link_for(cat, doc, s.detail)
        item = items[s.id]
        if s.shape != "decision" and not item.output:
            nodes.append((s.id, "process", s.sa, s.sc, _node_label(s), href))
            continue
        nodes.append((s.id, "process", *_box(s, item), href))
        if s.shape == "decision":
            gates[s.id] = f"{s.id}+gerbang"
            nodes.append((gates[s.id], "decision", *GATE, "", None))
            for k, label in enumerate(s.ends):  # a branch to `selesai`: to a small end symbol, its label kept
                ends.append((gates[s.id], f"{s.id}+selesai{k + 1}", label))
                nodes.append((ends[-1][1], "terminator", *END, st.label(st.html_lines(["Selesai"], st.SMALL)), None))
    flows = [(source, gate, None, False) for source, gate in gates.items()]
    flows += [(gates.get(e.source, e.source), e.target, e.label, e.back) for e in edges]
    flows += [(gate, end, label or None, False) for gate, end, label in ends]
    return nodes, flows, set(gates.items())


def _box(step: Step, item) -> tuple[float, float, str]:
    """Return the width, height and label of a sub-process box measured here: one that branches (``sized_steps``
    made it a diamond) or one with an ``output``, which stands under its name, small: "Output: ..."."""
    lines = st.wrap(("[+] " if item.rincian else "") + item.nama, SUB_W - 2 * PAD)
    extra = st.block_height(1, st.SMALL) if step.code else 0.0
    out = item.output if isinstance(item.output, list) else [item.output] if item.output else []
    out_lines = st.wrap("Output: " + "; ".join(out), SUB_W - 2 * PAD, st.SMALL) if out else []
    height = st.block_height(len(lines)) + extra + 2 * PAD
    if out_lines:
        height += st.block_height(len(out_lines), st.SMALL) + 2
    inner = st.html_lines(lines)
    if step.code:
        inner = st.html_lines([step.code], st.SMALL, colour="#555555") + '<BR ALIGN="CENTER"/>' + inner
    if out_lines:
        inner += '<BR ALIGN="CENTER"/>' + st.html_lines(out_lines, st.SMALL, colour="#555555")
    return SUB_W, max(height, 44.0), st.label(inner)


def _chain_graph(cat, doc, steps: list[Step], edges, lanes: list[str]) -> graphviz.Digraph:
    """Return a sub-process map: ``dot`` lays the chain out left to right, then it joins the house frame.

    A chain of a few boxes with many-way branches is what ``dot`` does best; its positions and splines are
    read back (``-Tjson``) and shifted into the band, so the title block and legend stay as everywhere else.
    A chain too wide to print is cut into rows (``chain_rows``).
    """
    nodes, flows, glued = _chain_nodes(cat, doc, steps, edges)
    g = Digraph(name="chain")
    g.attr("graph", rankdir="LR", nodesep="0.35", ranksep="0.55", fontname=st.FONT, splines="spline")
    g.attr("node", fixedsize="true", fontname=st.FONT, fontsize=f"{st.FONT_SIZE:g}", label="")
    g.attr("edge", fontname=st.FONT, fontsize=f"{st.SMALL:g}", arrowsize="0.8")
    for name, shape, w, h, _, href in nodes:
        g.node(name, width=f"{w / 72:.4f}", height=f"{h / 72:.4f}", shape="diamond" if shape == "decision" else "box",
               peripheries="2" if href else "1")
    labels = {}  # edge id -> its label's lines: dot's -Tjson numbers edges its own way (by head), not as added
    for k, (source, target, label, back) in enumerate(flows):
        attrs = {"constraint": "false"} if back else {}
        if label:
            lines = st.wrap(label, 80, st.SMALL)
            labels[f"e{k}"] = lines
            attrs["label"] = st.label(st.html_lines(lines, st.SMALL))
        g.edge(source, target, key=str(k), id=f"e{k}", **attrs)
    sizes = {k: (st.block_width(v, st.SMALL), st.block_height(len(v), st.SMALL)) for k, v in labels.items()}
    chain = chain_rows.wrap(chain_rows.read(layout_json(g.source), sizes), glued)
    bx0, by0, bx1, by1 = chain.bb
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
    for name, shape, w, h, label, href in nodes:
        x, y = chain.pos[name]
        attrs = dict(SHAPES[shape])
        if href:
            attrs.update(peripheries="2", href=href, tooltip="Buka rincian", target="_top")
        node_at(out, name, x + dx, y + dy, w, h, label=label, **attrs)
    for k, r in enumerate(chain.routes):
        attrs = {"pos": chain_rows.shift(r.pos, dx, dy)}
        if r.lp is not None:
            attrs.update(label=st.label(st.html_lines(labels[r.id], st.SMALL)),
                         lp=f"{st.fmt(r.lp[0] + dx)},{st.fmt(r.lp[1] + dy)}")
        out.edge(r.tail, r.head, key=str(k), **attrs)
    finish_frames(out)
    return out
