"""Level-1 (and level-0) map: three bands, stakeholders left and right, placed here and drawn by ``neato -n2``.

Proses manajemen on top, proses utama in the middle as a left-to-right value chain in the order written,
proses pendukung at the bottom; who gives inputs stands on the left, who receives outputs on the right.
Band and stakeholder positions are fixed; Graphviz routes the few flow lines around the boxes.
"""

from __future__ import annotations

import graphviz

from ..model import PetaLevel1
from . import diagram_style as st
from .diagram_common import MARGIN, SHAPES, draw_head, head_size, link_for, new_graph, node_at, spline

PW = 140.0  # process box width
GAP = 70.0  # between two processes of the value chain: room for the flow labels
SW = 130.0  # stakeholder box width
SIDE_GAP = 60.0  # between the stakeholder columns and the bands
BAND_HEAD = 84.0  # band title, on the band's left
PAD = 7.0
BAND_PAD = 16.0
CAPTION = {"manajemen": "Proses Manajemen", "utama": "Proses Utama", "pendukung": "Proses Pendukung"}


def _box(cat, doc, p) -> tuple[list[str], str | None, float]:
    marker = "[+] " if link_for(cat, doc, p.rincian) else ""
    width = PW - 2 * PAD - (18 if p.kategori == "utama" else 0)  # cds: the arrow point holds no text
    lines = st.wrap(marker + p.nama, width)
    extra = st.block_height(1, st.SMALL) if p.kode else 0.0
    return lines, p.kode, max(st.block_height(len(lines)) + extra + 2 * PAD, 46.0)


def build(cat, doc: PetaLevel1) -> graphviz.Digraph:
    """Return the level-1 map of ``doc`` as a graph with fixed positions."""
    groups = {k: [p for p in doc.proses if p.kategori == k] for k in CAPTION}
    groups["utama"] = _chain_order(groups["utama"], doc.alur)
    boxes = {p.id: _box(cat, doc, p) for p in doc.proses}
    n_main = max(len(groups["utama"]), 1)
    per_row = max(n_main, 3)
    chain_w = per_row * PW + (per_row - 1) * GAP
    band_w = BAND_HEAD + chain_w + 2 * BAND_PAD
    has_in, has_out = bool(doc.pemangku_kepentingan.masukan), bool(doc.pemangku_kepentingan.keluaran)
    left = (SW + SIDE_GAP) if has_in else 0.0
    right = (SW + SIDE_GAP) if has_out else 0.0
    body_w = left + band_w + right
    linked = any(link_for(cat, doc, p.rincian) for p in doc.proses)
    head_w, head_h = head_size(cat, doc, body_w, "level1", False, linked)
    width = max(body_w, head_w) + 2 * MARGIN

    # band heights: rows of boxes, management/support spread over the chain's width
    bands = []
    for kind in CAPTION:
        items = groups[kind]
        rows = [items[i:i + per_row] for i in range(0, len(items), per_row)] or [[]]
        heights = [max((boxes[p.id][2] for p in row), default=46.0) for row in rows]
        bands.append((kind, rows, heights, sum(heights) + (len(rows) - 1) * 20 + 2 * BAND_PAD))
    stake_h = [st.block_height(len(st.wrap(s, SW - 2 * PAD, st.SMALL)), st.SMALL) + 2 * PAD
               for s in doc.pemangku_kepentingan.masukan + doc.pemangku_kepentingan.keluaran]
    bands_h = sum(b[3] for b in bands) + 2 * 12
    side_h = max(sum(stake_h[:len(doc.pemangku_kepentingan.masukan)]), sum(stake_h[len(doc.pemangku_kepentingan.masukan):]),
                 0) + 12 * max(len(doc.pemangku_kepentingan.masukan), len(doc.pemangku_kepentingan.keluaran)) + 30
    body_h = max(bands_h, side_h)
    height = MARGIN + head_h + 14 + body_h + MARGIN
    g = new_graph(doc.kode, width, height)
    g.attr("graph", splines="true", sep="+6", esep="+4")
    draw_head(g, cat, doc, body_w, height - MARGIN, "level1", False, linked)

    top = height - MARGIN - head_h - 14  # y (up) where the bands start
    x0 = MARGIN + left
    y = top - (body_h - bands_h) / 2
    geo: dict[str, tuple[float, float, float, float]] = {}  # node -> (x, y, w, h), points
    centre_of_main = y
    for b, (kind, rows, heights, band_h) in enumerate(bands):
        with g.subgraph(name=f"cluster_{kind}") as band:
            band.attr(bb=f"{st.fmt(x0)},{st.fmt(y - band_h)},{st.fmt(x0 + band_w)},{st.fmt(y)}", label="",
                      style="filled", fillcolor=st.FILL[kind], color="#777777")
            node_at(band, f"band_{kind}", x0 + BAND_HEAD / 2 + 2, y - band_h / 2, BAND_HEAD - 6, band_h - 8,
                    shape="plain", fixedsize="false", label=st.label(st.html_lines(st.wrap(CAPTION[kind], BAND_HEAD - 10, 10.0, True),
                                                                10.0, bold=True)))
            ry = y - BAND_PAD
            for row, rh in zip(rows, heights):
                span = len(row) * PW + (len(row) - 1) * GAP
                bx = x0 + BAND_HEAD + BAND_PAD + (chain_w - span) / 2 if kind != "utama" else x0 + BAND_HEAD + BAND_PAD
                for i, p in enumerate(row):
                    lines, code, h = boxes[p.id]
                    inner = st.html_lines(lines)
                    if code:
                        inner = st.html_lines([code], st.SMALL, colour="#555555") + '<BR ALIGN="CENTER"/>' + inner
                    attrs = dict(SHAPES[kind])
                    href = link_for(cat, doc, p.rincian)
                    if href:
                        attrs.update(peripheries="2", href=href, tooltip="Buka rincian", target="_top")
                    geo[f"p_{p.id}"] = (bx + i * (PW + GAP) + PW / 2, ry - rh / 2, PW, h)
                    node_at(band, f"p_{p.id}", *geo[f"p_{p.id}"], label=st.label(inner), **attrs)
                ry -= rh + 20
        if kind == "utama":
            centre_of_main = y - band_h / 2
        y -= band_h + 12

    # the value chain and the declared flows, routed here: straight, or over/under the boxes between
    main = [p.id for p in groups["utama"]]
    flows = [(a.dari, a.ke, a.label) for a in doc.alur] or [(a, b, None) for a, b in zip(main, main[1:])]
    lanes_over = {"over": 0, "under": 0}
    for k, (a, b, text) in enumerate(flows):
        (ax, ay, aw, ah), (bx_, by_, bw, bh) = geo[f"p_{a}"], geo[f"p_{b}"]
        if a in main and b in main and abs(main.index(a) - main.index(b)) == 1 and main.index(a) < main.index(b):
            pts = [(ax + aw / 2, ay), (bx_ - bw / 2, by_)]
            mid = ((ax + aw / 2 + bx_ - bw / 2) / 2, ay + 12)
        elif ay == by_:  # same row, not neighbours: over the boxes when forward, under when back
            side = "over" if ax < bx_ else "under"
            lanes_over[side] += 1
            sign = 1 if side == "over" else -1
            level = ay + sign * (ah / 2 + 6 + 5 * lanes_over[side])
            pts = [(ax, ay + sign * ah / 2), (ax, level), (bx_, level), (bx_, by_ + sign * bh / 2)]
            mid = ((ax + bx_) / 2, level + sign * 7)
        else:  # between bands: straight, from the edge of one box to the edge of the other
            sign = 1 if by_ > ay else -1
            pts = [(ax, ay + sign * ah / 2), (bx_, by_ - sign * bh / 2)]
            mid = ((ax + bx_) / 2 + 8, (ay + by_) / 2)
        attrs = {"pos": spline(pts)}
        if text:
            attrs.update(label=st.label(st.html_lines(st.wrap(text, GAP - 10, st.SMALL), st.SMALL)),
                         lp=f"{st.fmt(mid[0])},{st.fmt(mid[1])}")
        g.edge(f"p_{a}", f"p_{b}", key=f"f{k}", **attrs)

    def stack(names: list[str], x: float, prefix: str, inward: bool) -> None:
        hs = [st.block_height(len(st.wrap(s, SW - 2 * PAD, st.SMALL)), st.SMALL) + 2 * PAD for s in names]
        total = sum(hs) + 12 * (len(hs) - 1)
        cy = centre_of_main + total / 2
        port = (x0 - 2, centre_of_main) if inward else (x0 + band_w + 2, centre_of_main)
        for i, (s, h) in enumerate(zip(names, hs)):
            node_at(g, f"{prefix}{i}", x, cy - h / 2, SW, h,
                    label=st.label(st.html_lines(st.wrap(s, SW - 2 * PAD, st.SMALL), st.SMALL)), **SHAPES["stakeholder"])
            # every input line meets at the chain's left edge, every output leaves from its right edge
            if inward:
                g.edge(f"{prefix}{i}", "band_utama", key=f"{prefix}{i}", style="dashed",
                       pos=spline([(x + SW / 2, cy - h / 2), port]))
            else:
                g.edge("band_utama", f"{prefix}{i}", key=f"{prefix}{i}", style="dashed",
                       pos=spline([port, (x - SW / 2, cy - h / 2)]))
            cy -= h + 12

    if has_in:
        stack(doc.pemangku_kepentingan.masukan, MARGIN + SW / 2, "in_", True)
    if has_out:
        stack(doc.pemangku_kepentingan.keluaran, MARGIN + left + band_w + SIDE_GAP + SW / 2, "out_", False)
    return g


def _chain_order(items: list, alur) -> list:
    """Return the core processes in flow order (topological, ties in the order written)."""
    ids = [p.id for p in items]
    preds = {i: {a.dari for a in alur if a.ke == i and a.dari in ids and a.dari != i} for i in ids}
    done: list[str] = []
    while len(done) < len(ids):
        ready = [i for i in ids if i not in done and preds[i] <= set(done)]
        done.append(ready[0] if ready else next(i for i in ids if i not in done))  # a cycle: keep order
    return [next(p for p in items if p.id == i) for i in done]

