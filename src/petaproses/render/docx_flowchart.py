"""DrawingML and table XML of the SOP AP flowchart: draws a finished ``layout.sop_chart.Chart``, decides nothing.

One ``w:tbl`` per page; every shape is anchored in the actor cell that holds its top-left corner, offset
from that cell (approach A1 of docs/docx-flowchart.md).  Layout units are twips; EMU = twips * 635.
"""

from __future__ import annotations

from ..layout.page import EMU_PER_TWIP as EMU
from ..layout.page import mm
from ..layout.primitives import Label, Line, Shape
from ..layout.sop_table import CELL_LR, HEAD_LR, PAD, Cell, Chart
from . import docx_xml as X
from .docx_style import Style

SHAPE_BASE_Z = 251658240


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
           f'<a:ext cx="{w * EMU}" cy="{h * EMU}"/></a:xfrm>{geom}<a:noFill/>{_LINE.format(end=_ARROW if line.arrow else "")}</wps:spPr>'
           f"<wps:bodyPr/></wps:wsp>")
    return _anchor(ids, line.name, ox, oy, w, h, wsp)


def label_xml(ids: Ids, lab: Label, ox: int, oy: int, style: Style) -> str:
    wsp = (f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
           f'<a:ext cx="{lab.w * EMU}" cy="{lab.h * EMU}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
           f'<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></wps:spPr>'
           f"{_txbx(lab.text, lab.size, lab.align)}"
           f'<wps:bodyPr rot="0" vert="horz" wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b">'
           f"<a:noAutofit/></wps:bodyPr></wps:wsp>")
    return _anchor(ids, f"Label {lab.text}", ox, oy, lab.w, lab.h, wsp)


def head_cells(chart: Chart, style: Style) -> tuple[str, str]:
    """Return the cells of the table's two header rows (No, Kegiatan, Pelaksana and its actors, Mutu Baku...)."""
    fill = style.heading_fill
    w = chart.columns.widths
    n = chart.columns.n_actors
    hs = chart.head_size

    def hp(text: str, sz: float = hs) -> str:
        return X.para(text, size=sz, bold=True, align="center", line=style.line(sz), before=PAD)

    L = style.label  # gaya.yaml's own headings, as the layout measured them
    head1 = (X.cell(hp(L("no")), w[0], vmerge="restart", fill=fill, valign="center")
             + X.cell(hp(L("kegiatan")), w[1], vmerge="restart", fill=fill, valign="center")
             + X.cell(hp(L("pelaksana")), sum(w[2:2 + n]), span=n, fill=fill)
             + X.cell(hp(L("mutu_baku")), sum(w[2 + n:5 + n]), span=3, fill=fill)
             + X.cell(hp(L("keterangan")), w[-1], vmerge="restart", fill=fill, valign="center"))
    head2 = (X.cell("", w[0], vmerge="continue", fill=fill) + X.cell("", w[1], vmerge="continue", fill=fill)
             + "".join(X.cell(hp(a, chart.actor_size), w[2 + i], fill=fill, margins=(HEAD_LR, HEAD_LR))
                     for i, a in enumerate(chart.actors))
             + "".join(X.cell(hp(t), w[2 + n + i], fill=fill) for i, t in enumerate((L("kelengkapan"), L("waktu"), L("output"))))
             + X.cell("", w[-1], vmerge="continue", fill=fill))
    return head1, head2


def page_tables(chart: Chart, style: Style, ids: Ids) -> list[str]:
    """Return one ``w:tbl`` string per page."""
    cols = chart.columns
    size = style.table_size
    line = style.line(size)
    w = cols.widths
    n = cols.n_actors
    out = []
    head1, head2 = head_cells(chart, style)

    anchor_ppr = X.ppr(line=20, size=1)  # (the same in every actor cell)
    for page in chart.pages:
        # anchors per (row, lane), collected in z-order: lines, symbols, labels
        runs: dict[tuple[int, int], list[str]] = {}

        def put(x: int, y: int, make) -> None:
            # the row the anchor is in; above the first row (a label over a symbol in the top row): the first
            ri = next((i for i, r in enumerate(page.rows) if r.top <= y < r.top + r.height),
                      0 if y < page.rows[0].top else len(page.rows) - 1)
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
            texts = r.cells
            cells = _text_cell(texts[0], w[0], size, line, "center") + _text_cell(texts[1], w[1], size, line)
            for lane in range(n):
                anchor_p = (f'<w:p>{anchor_ppr}{"".join(runs.get((ri, lane), []))}</w:p>')
                cells += X.cell(anchor_p, w[2 + lane], margins=(0, 0))
            for k, items in enumerate(texts[2:]):
                cells += _text_cell(items, w[2 + n + k], size, line)
            out_row = X.row(cells, r.height)
            rows += out_row
        out.append(X.table(w, rows, CELL_LR))
    return out


def _text_cell(items: Cell, width: int, size: float, line: int, align: str | None = None) -> str:
    content = "".join(
        X.para(f"{p.label}\t{p.text}" if p.label else p.text, size=size, line=line, before=PAD if i == 0 else 0,
               align=align, indent=p.indent, hanging=p.indent if p.label else 0)
        for i, p in enumerate(items)) or X.para("", size=size, line=line, before=PAD)
    return X.cell(content, width)
