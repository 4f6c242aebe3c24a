"""What every diagram shares: title block, legend, links to detailing diagrams, DOT for ``neato -n2``."""

from __future__ import annotations

import datetime as _dt
import functools
import os
import re

import graphviz

from ..catalogue import Catalogue
from ..model import Sop
from ..texts import format_date, format_revision, revision_number
from . import diagram_style as st
from ..layout.swimlane_grid import Grid

MARGIN = 12.0
TITLE_W = 300.0
LEGEND_W = 190.0
KIND = {
    "peta-level-0": "Peta Proses Bisnis Level 0",
    "peta-level-1": "Peta Proses Bisnis Level 1",
    "peta-sub-proses": "Peta Sub Proses",
    "peta-lintas-fungsi": "Peta Lintas Fungsi",
    "sop": "Diagram Alir SOP",
}


def tanggal(day: _dt.date) -> str:
    """Return ``day`` the Indonesian way: 6 Januari 2025."""
    return format_date(day)


def document_date(doc) -> tuple[str, str] | None:
    """Return (caption, date) for the title block, deterministic: the SOP's own dates, else SOURCE_DATE_EPOCH.

    Maps have no date field, and a file's mtime differs between clones, so a map shows a date only when the
    build is given one through SOURCE_DATE_EPOCH.
    """
    if isinstance(doc, Sop):
        if doc.tanggal.revisi:
            return "Tanggal revisi", format_revision(doc.tanggal)
        number = doc.tanggal.revisi_ke
        if doc.tanggal.pembuatan is None and number is not None:  # printed blank: "- (revisi ke-2)" read oddly
            return "Revisi ke", str(number)
        return "Tanggal pembuatan", tanggal(doc.tanggal.pembuatan) + \
            (f" (revisi {revision_number(number)})" if number is not None else "")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return "Tanggal", tanggal(_dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date())
    return None


def link_for(cat: Catalogue, doc, code: str | None) -> str | None:
    """Return the relative href from ``doc``'s SVG to the SVG of map ``code`` (None when unknown)."""
    if not code or code not in cat.by_code and code not in {m.kode for m in cat.maps}:
        return None
    target = cat.by_code.get(code) or next(m for m in cat.maps if m.kode == code)
    if target.perangkat_daerah == doc.perangkat_daerah:
        return f"{target.kode}.svg"
    return f"../{target.perangkat_daerah}/{target.kode}.svg"


def title_block(cat: Catalogue, doc, width: float, page: tuple[int, int] | None = None) -> tuple[str, float]:
    """Return the HTML-like label of the title block and its height in points."""
    name = st.wrap(doc.nama, width - 12, 12.0, bold=True)
    where = cat.department_name(doc)
    unit = cat.unit_name(doc)
    facts = [f"{KIND.get(doc.jenis, doc.jenis)} \u00b7 Kode: {doc.kode}"]
    facts += st.wrap(where + (f" \u00b7 {unit}" if unit else ""), width - 12, st.SMALL)
    when = document_date(doc)
    tail = []
    if when:
        tail.append(f"{when[0]}: {when[1]}")
    if page and page[1] > 1:
        tail.append(f"Halaman {page[0] + 1} dari {page[1]}")
    if tail:
        facts.append(" \u00b7 ".join(tail))
    rows = (f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{st.html_lines(name, 12.0, bold=True, align="LEFT")}</TD></TR>'
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{st.html_lines(facts, st.SMALL, align="LEFT")}</TD></TR>')
    table = (f'<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" COLOR="{st.LINE_COLOUR}" '
             f'BGCOLOR="{st.FILL["title"]}" WIDTH="{int(width)}">{rows}</TABLE>')
    height = st.block_height(len(name), 12.0) + st.block_height(len(facts), st.SMALL) + 16
    return st.label(table), height


def legend_entries(kind: str, paged: bool, linked: bool, has_decision: bool = True) -> list[tuple[str, str]]:
    """Return (symbol, text) for the legend of a diagram of ``kind`` (swimlane | subprocess | level1)."""
    if kind == "swimlane":
        rows = [("terminator", "Mulai / selesai"), ("process", "Kegiatan"), ("decision", "Keputusan")]
    elif kind == "subprocess":
        rows = [("process", "Sub proses")] + ([("decision", "Keputusan")] if has_decision else [])
    else:
        rows = [("manajemen", "Proses manajemen"), ("utama", "Proses utama"), ("pendukung", "Proses pendukung"),
                ("stakeholder", "Pemangku kepentingan")]
    if linked:
        rows.append(("linked", "[+] Dirinci di peta/SOP lain (tautan)"))
    if paged:
        rows.append(("connector", "Penghubung antarhalaman"))
    return rows


SHAPES = {
    "process": dict(shape="box", style="filled", fillcolor=st.FILL["process"]),
    "terminator": dict(shape="box", style="rounded,filled", fillcolor=st.FILL["terminator"]),
    "decision": dict(shape="diamond", style="filled", fillcolor=st.FILL["decision"]),
    "connector": dict(shape="invhouse", style="filled", fillcolor=st.FILL["connector"]),
    "linked": dict(shape="box", style="filled", fillcolor=st.FILL["process"], peripheries="2"),
    "manajemen": dict(shape="box", style="filled", fillcolor=st.FILL["manajemen"]),
    "utama": dict(shape="cds", style="filled", fillcolor=st.FILL["utama"]),
    "pendukung": dict(shape="box", style="filled,dashed", fillcolor=st.FILL["pendukung"]),
    "stakeholder": dict(shape="box", style="rounded,filled,dotted", fillcolor=st.FILL["stakeholder"]),
}
LEGEND_ROW = 18.0
ARROW = 8.0  # arrowhead length (arrowsize 0.8)


_library_quote = getattr(graphviz.quoting.quote, "__wrapped__", graphviz.quoting.quote)  # (not the wrapper that
# warns of positional arguments: a call per attribute)
_POINTS = re.compile(r"[-0-9., e]*,[-0-9., e]*")  # positions: "x,y", an edge's "e,x,y x,y ..."


def _quote_once(identifier: str) -> str:
    """graphviz's quoting: a position (never a DOT ID, a numeral nor HTML, nothing to escape) straight in quotes."""
    if type(identifier) is str and _POINTS.fullmatch(identifier):
        return f'"{identifier}"'
    return _library_quote(identifier)


# memoised (typed: a ``nohtml`` string quotes otherwise than the same plain string)
_quote = functools.lru_cache(maxsize=8192, typed=True)(_quote_once)
_quote_edge = functools.lru_cache(maxsize=4096, typed=True)(graphviz.quoting.quote_edge)


def _a_list(label=None, kwargs=None, attributes=None) -> str:
    """``graphviz.quoting.a_list`` with the memoised quoting: the same text."""
    result = [f"label={_quote(label)}"] if label is not None else []
    for given in (kwargs, attributes):
        if given:
            items = given.items() if hasattr(given, "items") else given
            items = sorted(items) if type(given) is dict else items  # as graphviz sorts a plain dict
            result += [f"{_quote(k)}={_quote(v)}" for k, v in items if v is not None]
    return " ".join(result)


def _attr_list(label=None, kwargs=None, attributes=None) -> str:
    content = _a_list(label, kwargs, attributes)
    return f" [{content}]" if content else ""


class Digraph(graphviz.Digraph):
    """``graphviz.Digraph`` writing the same DOT text faster: its quoting memoised (the same attribute names and
    values come back in every node and edge) and ``node``/``edge`` without the library's check of positional
    arguments (together some 8 % of a diagram's Python time)."""

    _quote = staticmethod(_quote)
    _quote_edge = staticmethod(_quote_edge)
    _a_list = staticmethod(_a_list)
    _attr_list = staticmethod(_attr_list)

    def node(self, name: str, label: str | None = None, _attributes=None, **attrs) -> None:
        self.body.append(self._node(_quote(name), _attr_list(label, attrs, _attributes)))

    def edge(self, tail_name: str, head_name: str, label: str | None = None, _attributes=None, **attrs) -> None:
        self.body.append(self._edge(tail=_quote_edge(tail_name), head=_quote_edge(head_name),
                                    attr=_attr_list(label, attrs, _attributes)))


def new_graph(name: str, width: float, height: float) -> graphviz.Digraph:
    g = Digraph(name=name, engine="neato")
    g.attr("graph", bb=f"0,0,{st.fmt(width)},{st.fmt(height)}", splines="true", outputorder="edgesfirst",
           fontname=st.FONT, pad="0.1", bgcolor="white")
    g.attr("node", fontname=st.FONT, fontsize=f"{st.FONT_SIZE:g}", fixedsize="true", color=st.LINE_COLOUR,
           fontcolor=st.INK, penwidth="1.2", margin="0")
    g.attr("edge", fontname=st.FONT, fontsize=f"{st.SMALL:g}", color=st.LINE_COLOUR, arrowsize="0.8",
           fontcolor=st.INK, penwidth="1.1")
    return g


def node_at(g, name: str, x: float, y: float, w: float, h: float, **attrs: str) -> None:
    """Add a node of fixed size ``w`` x ``h`` points centred on (x, y) (Graphviz points, y up)."""
    g.node(name, pos=f"{st.fmt(x)},{st.fmt(y)}", width=f"{w / 72:.4f}", height=f"{h / 72:.4f}", **attrs)


FRAME_COLOUR = "#888888"


def _xdot_text(op: str, text: str) -> str:
    return f"{op} {len(text.encode('utf-8'))} -{text}"


def add_frame(g, x0: float, y0: float, x1: float, y1: float, fill: str, pen: float = 1.0,
              colour: str = FRAME_COLOUR) -> None:
    """Draw a framed box (a lane, the legend) under everything else, in the order added: part of the graph's
    ``_background`` (xdot), not a cluster.  Graphviz orders clusters by where their names lie in memory, so
    a ``dot`` that draws many diagrams one after another (``dot.Session``) would draw them in varying order."""
    frames = g.__dict__.setdefault("_petaproses_frames", [])
    x0s, y0s, x1s, y1s = (st.fmt(v) for v in (x0, y0, x1, y1))
    frames.append(" ".join([_xdot_text("c", colour), _xdot_text("C", fill),
                            _xdot_text("S", f"setlinewidth({pen:g})"),
                            f"P 4 {x0s} {y0s} {x0s} {y1s} {x1s} {y1s} {x1s} {y0s}"]))


def finish_frames(g) -> None:
    """Write the frames added to ``g`` as its ``_background`` (once, after the last)."""
    frames = g.__dict__.get("_petaproses_frames")
    if frames:
        g.attr("graph", _background=" ".join(frames))


def draw_head(g, cat, doc, width: float, top_y: float, kind: str, paged: bool, linked: bool,
              page: tuple[int, int] | None = None, has_decision: bool = True) -> float:
    """Draw the title block and the legend along the top, ``top_y`` being the top edge; return the band height."""
    title_w = max(TITLE_W, width - LEGEND_W - 12)
    title, th = title_block(cat, doc, title_w, page)
    entries = legend_entries(kind, paged, linked, has_decision)
    lh = len(entries) * LEGEND_ROW + 24
    band = max(th, lh)
    node_at(g, "title", MARGIN + title_w / 2, top_y - th / 2, title_w, th, shape="plain", fixedsize="false",
            label=title)
    lx = MARGIN + title_w + 12
    add_frame(g, lx, top_y - lh, lx + LEGEND_W, top_y, "white", 0.8)
    node_at(g, "legend_title", lx + 8 + st.text_width("Keterangan", st.SMALL, True) / 2, top_y - 10, 10, 10,
            shape="plain", fixedsize="false", label=st.label(st.html_lines(["Keterangan"], st.SMALL, bold=True)))
    for i, (symbol, text) in enumerate(entries):
        y = top_y - 20 - (i + 0.5) * LEGEND_ROW
        attrs = dict(SHAPES[symbol])
        label = "+" if symbol == "linked" else ("A" if symbol == "connector" else "")
        node_at(g, f"legend_{i}", lx + 20, y, 24, 13, label=label, fontsize="7", **attrs)
        tw = st.text_width(text, st.SMALL)
        node_at(g, f"legend_{i}_t", lx + 38 + tw / 2, y, tw, LEGEND_ROW - 4, shape="plain", fixedsize="false",
                label=st.label(st.html_lines([text], st.SMALL)))
    return band


def head_size(cat, doc, width: float, kind: str, paged: bool, linked: bool) -> tuple[float, float]:
    """Return (width, height) the head band needs."""
    title_w = max(TITLE_W, width - LEGEND_W - 12)
    _, th = title_block(cat, doc, title_w, (0, 2) if paged else None)
    lh = (len(legend_entries(kind, paged, linked)) * LEGEND_ROW) + 24
    return title_w + 12 + LEGEND_W, max(th, lh)


SLIM_SIZE = 9.0  # the continuation line on the pages after the first


def slim_line(doc, page: tuple[int, int]) -> str:
    """Return the one line that heads a continuation page: name, code, page number."""
    return f"{doc.nama} (lanjutan) \u00b7 Kode: {doc.kode} \u00b7 Halaman {page[0] + 1} dari {page[1]}"


def slim_height() -> float:
    return st.block_height(1, SLIM_SIZE) + 6


def draw_slim_head(g, doc, width: float, top_y: float, page: tuple[int, int]) -> None:
    """Draw a continuation page's head: one line, left-aligned, cut to ``width`` (legend and block on page 1)."""
    text = st.fit_line(slim_line(doc, page), width, SLIM_SIZE, True)
    tw = st.text_width(text, SLIM_SIZE, True)
    h = slim_height()
    node_at(g, "title", MARGIN + tw / 2, top_y - h / 2, tw, h, shape="plain", fixedsize="false",
            label=st.label(st.html_lines([text], SLIM_SIZE, bold=True, align="LEFT")))


class Canvas:
    """Turn a routed ``Grid`` into a graph: head band, lane frames, lane headers, symbols, lines."""

    def __init__(self, cat, doc, lanes: list[str], vertical: bool, paging=None) -> None:
        self.cat, self.doc, self.lanes, self.vertical, self.paging = cat, doc, lanes, vertical, paging
        self.linked = _has_links(cat, doc)
        self.paged = paging is not None and paging[1] > 1  # a single page needs no connector in its legend
        kind = "swimlane" if vertical else "subprocess"
        self.kind = kind
        _, self.head_height = head_size(cat, doc, 0, kind, self.paged, self.linked)

    def head_for(self, page: int) -> float:
        """Return the height of the head band on page ``page`` (0: title block and legend; after: one line)."""
        return self.head_height if page == 0 else slim_height()

    def draw(self, grid: Grid, lane_lines: list[list[str]], node_label) -> graphviz.Digraph:
        """Return the graph of ``grid``: every box drawn as its ``shape`` says, with its ``content``
        (``node_label`` writes a step's label); every link a polyline, with an arrowhead when it has one."""
        header = grid.row_top
        n = len(self.lanes)
        lanes_c = grid.lane_edges[-1]
        lanes_a = grid.row_end + (0 if self.vertical else 0)
        lanes_w, lanes_h = (lanes_c, lanes_a) if self.vertical else (lanes_a, lanes_c)
        has_decision = any(b.shape == "decision" for b in grid.boxes.values())
        page = (self.paging[0], self.paging[1]) if self.paging else None
        slim = page is not None and page[0] > 0
        head_w, head_h = head_size(self.cat, self.doc, lanes_w, self.kind, self.paged, self.linked)
        if slim:
            head_h = slim_height()
        width = max(lanes_w, head_w) + 2 * MARGIN
        top = MARGIN + head_h + 10  # where the lanes start, from the top
        height = top + lanes_h + MARGIN
        g = new_graph(self.doc.kode if not page else f"{self.doc.kode}_{page[0] + 1}", width, height)
        if slim:
            draw_slim_head(g, self.doc, width - 2 * MARGIN, height - MARGIN, page)
        else:
            draw_head(g, self.cat, self.doc, lanes_w, height - MARGIN, self.kind, self.paged,
                      self.linked, page, has_decision)
        off = (MARGIN, top)

        def xy(a: float, c: float) -> tuple[float, float]:
            return grid.to_xy(a, c, height, off)

        for i in range(n):
            c0, c1 = grid.lane_edges[i], grid.lane_edges[i + 1]
            (x0, y0), (x1, y1) = xy(0, c0), xy(lanes_a, c1)
            bb = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
            add_frame(g, *bb, st.FILL["lane"] if i % 2 == 0 else st.FILL["lane_alt"])
            hx, hy = xy(header / 2, (c0 + c1) / 2)
            hw, hh = (c1 - c0, header) if self.vertical else (header, c1 - c0)
            node_at(g, f"lane_{i}", hx, hy, hw - 2, hh - 2, shape="box", style="filled",
                    fillcolor=st.FILL["header"], color=st.FILL["header"],
                    label=st.label(st.html_lines(lane_lines[i], 9.0, bold=True)))
            for box in grid.boxes.values():
                if box.lane != i:
                    continue
                x, y = xy(box.a, box.c)
                w, h = (box.sc, box.sa) if self.vertical else (box.sa, box.sc)
                if box.shape == "connector":
                    node_at(g, box.id, x, y, w, h, label=box.text, fontsize="9",
                            **SHAPES["connector"])
                    continue
                step = box.content
                attrs = dict(SHAPES[box.shape])
                href = link_for(self.cat, self.doc, step.detail)
                if href:
                    attrs.update(peripheries="2", href=href, tooltip="Buka rincian", target="_top")
                node_at(g, box.id, x, y, w, h, label=node_label(step), **attrs)
        for k, link in enumerate(grid.links):
            pts = [xy(a, c) for a, c in link.points]
            attrs = {"pos": spline(pts, link.arrow)}
            if not link.arrow:
                attrs["arrowhead"] = "none"
            if link.label and link.label_at:
                lx, ly = xy(*link.label_at)
                attrs.update(label=st.label(st.html_lines(link.label_lines, st.SMALL)),
                             lp=f"{st.fmt(lx)},{st.fmt(ly)}")
            g.edge(link.source, link.target, key=str(k), **attrs)
        finish_frames(g)
        return g


def _has_links(cat, doc) -> bool:
    items = getattr(doc, "kegiatan", None) or getattr(doc, "sub_proses", None) or getattr(doc, "proses", [])
    return any(link_for(cat, doc, getattr(i, "rincian", None)) for i in items)


def spline(points_xy: list[tuple[float, float]], arrow: bool = True) -> str:
    """Return a Graphviz edge ``pos`` for a polyline ending in an arrowhead at its last point (``arrow``),
    else a plain one."""
    if not arrow:
        seq = [points_xy[0]]
        for p, q in zip(points_xy, points_xy[1:]):
            seq += [p, q, q]
        return " ".join(f"{x:.2f},{y:.2f}" for x, y in seq)
    (x0, y0), (x1, y1) = points_xy[-2], points_xy[-1]
    length = max(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, 0.01)
    k = min(ARROW, length - 0.5) / length
    end = (x1 - (x1 - x0) * k, y1 - (y1 - y0) * k)
    pts = points_xy[:-1] + [end]
    seq = [pts[0]]
    for p, q in zip(pts, pts[1:]):
        seq += [p, q, q]
    body = " ".join(f"{x:.2f},{y:.2f}" for x, y in seq)
    return f"e,{x1:.2f},{y1:.2f} {body}"
