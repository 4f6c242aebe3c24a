"""The department's peta relasi as the last part (lampiran) of its Dokumen SOP book, when it asks for it.

A department's ``peta-relasi`` file with ``buku: ya`` gets a landscape page after its SOPs: a title and the
Graphviz picture (PNG) scaled to the page, then the relations as a table (number, from, to, what passes, the
processes): a map of many relations shrinks on A4 until its labels cannot be read on paper, the table can.
After the SOPs, so the table of contents keeps its page numbers.
"""

from __future__ import annotations

import io

from .. import relasi
from ..catalogue import Catalogue
from . import docx_xml as X
from .docx_writer import Writer
from .relasi import pictures

PRINT_DPI = 200  # the picture's resolution in the book: small edge labels stay sharp on paper
PX_EMU = 914400 // PRINT_DPI  # EMU per pixel
TWIP_EMU = 635


def wanted(cat: Catalogue, pd_id: str) -> bool:
    """Return whether the department's peta-relasi file asks for its map in the book."""
    return any(r.buku for r in cat.relasi if r.perangkat_daerah == pd_id)


def appendix(w: Writer, cat: Catalogue, pd_id: str, width: int, height: int) -> str:
    """Return the appendix's body XML (title, note, picture fitted to ``width`` x ``height`` twips), or ""."""
    if not wanted(cat, pd_id):
        return ""
    rmap = relasi.view(cat, relasi.derive(cat), pd_id)
    png = pictures(cat, rmap, dpi=PRINT_DPI)["png"]
    rid, image = w.doc.part.get_or_add_image(io.BytesIO(png))
    st = w.style
    title = X.para(f"LAMPIRAN: {rmap.title.upper()}", size=st.size + 2, bold=True, align="center",
                   line=st.line(st.size + 2), after=120)
    note = X.para(f"Dibuat dari SOP, peta lintas fungsi dan peta level 1 dalam katalog: {len(rmap.relations)} relasi "
                  f"antara {len(rmap.parties)} pihak. Angka pada garis: nomor relasi dan jumlah proses yang memakainya.",
                  size=st.size - 1, align="center", line=st.line(st.size - 1), after=120)
    room_h = height - 4 * st.line(st.size + 2) - 600
    cx, cy = image.px_width * PX_EMU, image.px_height * PX_EMU
    scale = min(1.0, width * TWIP_EMU / cx, room_h * TWIP_EMU / cy)
    cx, cy = int(cx * scale), int(cy * scale)
    did, _ = w.ids.take()
    picture = (f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
               f'<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{did}" name="Peta relasi"/>'
               f'<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
               f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
               f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="peta-relasi.png"/><pic:cNvPicPr/></pic:nvPicPr>'
               f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
               f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
               f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>'
               f"</a:graphic></wp:inline></w:drawing></w:r>")
    return title + note + X.para(align="center", extra=picture) + _table(rmap, width, st)


def _table(rmap, width: int, st) -> str:
    """The relations of the map, numbered as on it, in a table whose heading repeats on every page."""
    size = st.size - 1
    line = st.line(size)
    widths = [650, 2700, 2700, 0, 3700]
    widths[3] = width - sum(widths)

    def row(values: list[str], header: bool = False) -> str:
        fill = st.heading_fill if header else None
        cells = "".join(X.cell(X.para(v, size=size, bold=header, line=line, align="center" if header or k == 0
                                      else None), wd, fill=fill) for k, (v, wd) in enumerate(zip(values, widths)))
        return X.row(cells, exact=False, header=header)

    rows = row(["No", "Dari", "Kepada", "Yang diserahkan", "Proses yang memakainya"], header=True)
    for rel in rmap.relations:
        src, dst = rmap.parties[rel.source], rmap.parties[rel.target]
        rows += row([f"#{rmap.number(rel)}", src.name, dst.name, "; ".join(rel.items) or "-",
                     ", ".join(rel.processes) or "-"])
    heading = X.para("Daftar relasi", size=st.size, bold=True, line=st.line(st.size), before=240, after=120,
                     keep_next=True, page_break=True)
    return heading + X.table(widths, rows)
