"""Level-1 (and level-0) map as DOT for ``neato -n2``: draws the layout of ``layout.level1`` in the house frame.

Bands are clusters with their title on the left, processes fixed-size nodes in them, flows and stakeholder
lines polylines; Graphviz only draws.
"""

from __future__ import annotations

import graphviz

from ..layout.level1 import BAND_CAPTION, plan, place
from ..model import PetaLevel1
from . import diagram_style as st
from .diagram_common import (MARGIN, SHAPES, add_frame, draw_head, finish_frames, head_size, link_for, new_graph,
                             node_at, spline)


def build(cat, doc: PetaLevel1) -> graphviz.Digraph:
    """Return the level-1 map of ``doc`` as a graph with fixed positions."""
    lp = plan(cat, doc)
    linked = any(link_for(cat, doc, p.rincian) for p in doc.proses)
    head_w, head_h = head_size(cat, doc, lp.body_w, "level1", False, linked)
    width = max(lp.body_w, head_w) + 2 * MARGIN
    height = MARGIN + head_h + 14 + lp.body_h + MARGIN
    g = new_graph(doc.kode, width, height)
    g.attr("graph", splines="true", sep="+6", esep="+4")
    draw_head(g, cat, doc, lp.body_w, height - MARGIN, "level1", False, linked)
    place(lp, doc, MARGIN, height - MARGIN - head_h - 14)  # the bands start under the head band
    for b in lp.bands:
        add_frame(g, *b.bb, st.FILL[b.kind], colour="#777777")
        node_at(g, f"band_{b.kind}", *b.caption_at, shape="plain", fixedsize="false",
                label=st.label(st.html_lines(b.caption, BAND_CAPTION, bold=True)))
        for p, box in b.boxes:
            lines, code, _h = lp.boxes[p.id]
            inner = st.html_lines(lines)
            if code:
                inner = st.html_lines([code], st.SMALL, colour="#555555") + '<BR ALIGN="CENTER"/>' + inner
            attrs = dict(SHAPES[b.kind])
            href = link_for(cat, doc, p.rincian)
            if href:
                attrs.update(peripheries="2", href=href, tooltip="Buka rincian", target="_top")
            node_at(g, f"p_{p.id}", *box, label=st.label(inner), **attrs)
    for k, f in enumerate(lp.flows):
        attrs = {"pos": spline(f.points)}
        if f.label:
            attrs.update(label=st.label(st.html_lines(f.label, st.SMALL)),
                         lp=f"{st.fmt(f.label_at[0])},{st.fmt(f.label_at[1])}")
        g.edge(f"p_{f.source}", f"p_{f.target}", key=f"f{k}", **attrs)
    counts = {True: 0, False: 0}
    for s in lp.stakeholders:
        prefix = "in_" if s.inward else "out_"
        name = f"{prefix}{counts[s.inward]}"
        counts[s.inward] += 1
        node_at(g, name, *s.box, label=st.label(st.html_lines(s.lines, st.SMALL)), **SHAPES["stakeholder"])
        if s.inward:
            g.edge(name, "band_utama", key=name, style="dashed", pos=spline(s.line))
        else:
            g.edge("band_utama", name, key=name, style="dashed", pos=spline(s.line))
    finish_frames(g)
    return g
