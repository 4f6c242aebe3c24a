"""Small builders for WordprocessingML strings (tables, paragraphs, runs, fields).

Tables are written as XML strings rather than through python-docx's cell API: exact row heights, merged
header cells and anchored shapes need XML anyway, and strings are ~10x faster than the proxy objects.
Every piece of user text goes through ``esc``.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from docx.oxml import parse_xml

from ..sanitise import for_print

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
_DECL = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())


def esc(text: object) -> str:
    """Escape user text for XML content or attributes (quotes too); characters XML cannot hold are dropped, a
    pasted Word bullet prints as the bullet it is (``for_print``)."""
    return escape(for_print(str(text)), {'"': "&quot;"})


def fragment(xml: str) -> list:
    """Parse body-level XML (several elements) and return the elements."""
    return list(parse_xml(f"<w:body {_DECL}>{xml}</w:body>"))


def rpr(size: float | None = None, bold: bool = False, italic: bool = False) -> str:
    out = ""
    if bold:
        out += "<w:b/><w:bCs/>"
    if italic:
        out += "<w:i/><w:iCs/>"
    if size:
        out += f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>'
    return f"<w:rPr>{out}</w:rPr>" if out else ""


def run(text: str, size: float | None = None, bold: bool = False, italic: bool = False) -> str:
    parts = str(text).split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{esc(p)}</w:t>' for p in parts)
    return f"<w:r>{rpr(size, bold, italic)}{body}</w:r>"


def ppr(align: str | None = None, line: int | None = None, before: int = 0, after: int = 0,
        indent: int = 0, hanging: int = 0, keep_next: bool = False, page_break: bool = False,
        size: float | None = None, tabs: list[int] | None = None) -> str:
    out = ""
    if keep_next:
        out += "<w:keepNext/>"
    if page_break:
        out += "<w:pageBreakBefore/>"
    if tabs:
        out += "<w:tabs>" + "".join(f'<w:tab w:val="left" w:pos="{t}"/>' for t in tabs) + "</w:tabs>"
    rule = f' w:line="{line}" w:lineRule="exact"' if line else ""
    out += f'<w:spacing w:before="{before}" w:after="{after}"{rule}/>'
    if indent or hanging:
        out += f'<w:ind w:left="{indent}" w:hanging="{hanging}"/>'
    if align:
        out += f'<w:jc w:val="{align}"/>'
    if size:
        out += rpr(size)
    return f"<w:pPr>{out}</w:pPr>"


def para(text: str = "", size: float | None = None, bold: bool = False, align: str | None = None,
         line: int | None = None, before: int = 0, after: int = 0, indent: int = 0, hanging: int = 0,
         keep_next: bool = False, page_break: bool = False, extra: str = "", italic: bool = False,
         tabs: list[int] | None = None) -> str:
    runs = run(text, size, bold, italic) if text else ""
    return (f"<w:p>{ppr(align, line, before, after, indent, hanging, keep_next, page_break, size, tabs)}"
            f"{runs}{extra}</w:p>")


def field(instr: str, size: float | None = None, placeholder: str = "1") -> str:
    """A complex field (PAGE, NUMPAGES, SECTIONPAGES, PAGEREF) with a cached result."""
    r = rpr(size)
    return (f'<w:r>{r}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{r}<w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
            f'<w:r>{r}<w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r>{r}<w:t>{placeholder}</w:t></w:r>'
            f'<w:r>{r}<w:fldChar w:fldCharType="end"/></w:r>')


def keep_next(xml: str, last_only: bool = False) -> str:
    """``xml`` (our own paragraphs: user text is escaped, it holds no "<w:pPr>") with its paragraphs, or only its
    last one, kept on the page of what follows."""
    if not last_only:
        return xml.replace("<w:pPr>", "<w:pPr><w:keepNext/>")
    at = xml.rfind("<w:pPr>")
    return xml if at < 0 else xml[:at + 7] + "<w:keepNext/>" + xml[at + 7:]


_FIRST_P = re.compile(r"<w:p(?: [^>]*)?>(?:<w:pPr/>|<w:pPr>.*?</w:pPr>)?", re.S)


def bookmarked(xml: str, name: str, number: int) -> str:
    """``xml`` with a bookmark ``name`` in its first paragraph (after its properties): a PAGEREF field finds the
    page it stands on.  ``name`` is ours (letters, digits, underscore), never user text."""
    m = _FIRST_P.search(xml)
    if m is None:
        raise ValueError("no paragraph to hold a bookmark")
    mark = f'<w:bookmarkStart w:id="{number}" w:name="{name}"/><w:bookmarkEnd w:id="{number}"/>'
    return xml[:m.end()] + mark + xml[m.end():]


def cell(content: str, width: int, span: int = 1, vmerge: str | None = None, fill: str | None = None,
         valign: str | None = None, margins: tuple[int, int] | None = None) -> str:
    pr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        pr += f'<w:gridSpan w:val="{span}"/>'
    if vmerge:
        pr += f'<w:vMerge w:val="{vmerge}"/>' if vmerge == "restart" else "<w:vMerge/>"
    if fill:
        pr += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    if margins is not None:
        pr += (f'<w:tcMar><w:left w:w="{margins[0]}" w:type="dxa"/>'
               f'<w:right w:w="{margins[1]}" w:type="dxa"/></w:tcMar>')
    if valign:
        pr += f'<w:vAlign w:val="{valign}"/>'
    return f"<w:tc><w:tcPr>{pr}</w:tcPr>{content or '<w:p/>'}</w:tc>"


def row(cells: str, height: int | None = None, exact: bool = True, header: bool = False,
        cant_split: bool = True) -> str:
    pr = "<w:cantSplit/>" if cant_split else ""
    if height:
        pr += f'<w:trHeight w:val="{height}" w:hRule="{"exact" if exact else "atLeast"}"/>'
    if header:
        pr += "<w:tblHeader/>"
    return f"<w:tr><w:trPr>{pr}</w:trPr>{cells}</w:tr>"


def table(widths: list[int], rows: str, cell_lr: int = 57, borders: bool = True) -> str:
    b = "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                for s in ("top", "left", "bottom", "right", "insideH", "insideV")) if borders else ""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblInd w:w="0" w:type="dxa"/>'
            f"<w:tblBorders>{b}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
            f'<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{cell_lr}" w:type="dxa"/>'
            f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{cell_lr}" w:type="dxa"/></w:tblCellMar>'
            f'<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>')
