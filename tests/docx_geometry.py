"""Read the flowchart back from a generated .docx: where every symbol and arrow really is (twips).

Independent of the generator's own geometry: positions come only from the XML (tblGrid, trHeight, the
anchor's cell and offsets), the way a word processor places them.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"}
EMU = 635


@dataclass
class Box:
    name: str
    prst: str
    x: float
    y: float
    w: float
    h: float
    col: int  # grid column of the anchor cell
    row: int  # row index in the table (header rows included)
    text: str


@dataclass
class Arrow:
    name: str
    points: list[tuple[float, float]]


@dataclass
class FlowTable:
    widths: list[int]
    heights: list[int]
    row_text: list[list[str]]  # text of each grid column per row
    boxes: list[Box]
    arrows: list[Arrow]
    labels: list[Box]

    def col_left(self, col: int) -> int:
        return sum(self.widths[:col])

    def row_top(self, row: int) -> int:
        return sum(self.heights[:row])


def _text(el) -> str:
    return "".join(el.itertext()).strip()


def read_tables(data: bytes) -> list[FlowTable]:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    out = []
    for tbl in root.iter(f"{{{W}}}tbl"):
        if not tbl.findall(".//wp:anchor", NS):
            continue
        widths = [int(g.get(f"{{{W}}}w")) for g in tbl.findall("w:tblGrid/w:gridCol", NS)]
        heights, texts = [], []
        boxes, arrows, labels = [], [], []
        for ri, tr in enumerate(tbl.findall("w:tr", NS)):
            h = tr.find("w:trPr/w:trHeight", NS)
            heights.append(int(h.get(f"{{{W}}}val")))
            col = 0
            row_text = [""] * len(widths)
            for tc in tr.findall("w:tc", NS):
                span = tc.find("w:tcPr/w:gridSpan", NS)
                n = int(span.get(f"{{{W}}}val")) if span is not None else 1
                row_text[col] = " ".join(_text(p) for p in tc.findall("w:p", NS)).strip()
                for anchor in tc.findall(".//wp:anchor", NS):
                    ox = int(anchor.find("wp:positionH/wp:posOffset", NS).text) / EMU
                    oy = int(anchor.find("wp:positionV/wp:posOffset", NS).text) / EMU
                    ext = anchor.find("wp:extent", NS)
                    bw, bh = int(ext.get("cx")) / EMU, int(ext.get("cy")) / EMU
                    name = anchor.find("wp:docPr", NS).get("name")
                    wsp = anchor.find(".//wps:wsp", NS)
                    x = sum(widths[:col]) + ox
                    y = sum(heights[:ri]) + oy  # rows above are complete: heights known
                    prst_el = wsp.find("wps:spPr/a:prstGeom", NS)
                    prst = prst_el.get("prst") if prst_el is not None else "custGeom"
                    if wsp.find("wps:cNvCnPr", NS) is not None:
                        arrows.append(Arrow(name, _path(wsp, x, y, bw, bh, prst)))
                    elif wsp.find("wps:cNvSpPr", NS).get("txBox") == "1":
                        labels.append(Box(name, prst, x, y, bw, bh, col, ri, _text(wsp)))
                    else:
                        txt = wsp.find("wps:txbx", NS)
                        boxes.append(Box(name, prst, x, y, bw, bh, col, ri, _text(txt) if txt is not None else ""))
                col += n
            texts.append(row_text)
        out.append(FlowTable(widths, heights, texts, boxes, arrows, labels))
    return out


def _path(wsp, x, y, w, h, prst) -> list[tuple[float, float]]:
    xfrm = wsp.find("wps:spPr/a:xfrm", NS)
    fh, fv = xfrm.get("flipH") == "1", xfrm.get("flipV") == "1"
    if prst in ("straightConnector1", "bentConnector2"):
        pts = [(0, 0), (w, 0), (w, h)] if prst == "bentConnector2" else [(0, 0), (w, h)]
        pts = [((w - px) if fh else px, (h - py) if fv else py) for px, py in pts]
        return [(x + px, y + py) for px, py in pts]
    path = wsp.find(".//a:path", NS)
    pw, ph = int(path.get("w")) / EMU, int(path.get("h")) / EMU
    pts = []
    for pt in path.iter(f"{{{NS['a']}}}pt"):
        px, py = int(pt.get("x")) / EMU, int(pt.get("y")) / EMU
        pts.append((x + px * (w / pw if pw else 0), y + py * (h / ph if ph else 0)))
    return pts


def on_boundary(p: tuple[float, float], b: Box, tol: float = 2) -> bool:
    x, y = p
    inside = b.x - tol <= x <= b.x + b.w + tol and b.y - tol <= y <= b.y + b.h + tol
    edge = min(abs(x - b.x), abs(x - b.x - b.w), abs(y - b.y), abs(y - b.y - b.h)) <= tol
    return inside and edge


def crosses_interior(a: tuple[float, float], b: tuple[float, float], box: Box, tol: float = 3) -> bool:
    """True when segment a-b (axis-parallel) runs through the inside of ``box``."""
    x0, x1 = sorted((a[0], b[0]))
    y0, y1 = sorted((a[1], b[1]))
    return x1 > box.x + tol and x0 < box.x + box.w - tol and y1 > box.y + tol and y0 < box.y + box.h - tol


def step_number(name: str) -> int | None:
    """The step a box belongs to: "Langkah 6", or "Langkah 6a", "6b"... for the boxes of a step of several
    actors."""
    m = re.fullmatch(r"Langkah (\d+)[a-z]?", name)
    return int(m.group(1)) if m else None


def box_index(name: str) -> int:
    """Which of its step's boxes: 0 for "Langkah 6" and "Langkah 6a", 1 for "Langkah 6b"..."""
    m = re.fullmatch(r"Langkah \d+([a-z]?)", name)
    return ord(m.group(1)) - 97 if m and m.group(1) else 0
