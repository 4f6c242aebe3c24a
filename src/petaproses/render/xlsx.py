"""The application matrix's .xlsx (matriks.py), written as SpreadsheetML text: two sheets of plain cells.

The parts are those openpyxl 3.1 writes for this workbook, byte for byte (tests/test_xlsx.py compares the two on
varied tables): openpyxl took ~60 ms to import and ~10 ms per 100 rows to write, for files that are a few
fixed parts and one row element per process.  The theme (``xlsx_theme.xml``) is openpyxl's copy of Office's
default theme (MIT licence), which the default font's colour and scheme refer to.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument"
# characters XML 1.0 cannot hold; a spreadsheet cell cannot either (openpyxl refused them)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# fonts, fills and alignments by index, as openpyxl numbers them (the default first, then in order of use)
FONT_TITLE, FONT_BOLD = 1, 2
FILL_HEAD = 2
ALIGN_TOP_WRAP = 1
NUMBER_ONE_DECIMAL = 164  # "0.0"
_FONTS = ('<font><name val="Calibri"/><family val="2"/><color theme="1"/><sz val="11"/><scheme val="minor"/></font>'
          '<font><b val="1"/><sz val="13"/></font><font><b val="1"/></font>')
_FILLS = ('<fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill>'
          '<fill><patternFill patternType="solid"><fgColor rgb="00DDE4EE"/></patternFill></fill>')
_INDEXED = ("00000000 00FFFFFF 00FF0000 0000FF00 000000FF 00FFFF00 00FF00FF 0000FFFF 00000000 00FFFFFF 00FF0000 "
            "0000FF00 000000FF 00FFFF00 00FF00FF 0000FFFF 00800000 00008000 00000080 00808000 00800080 00008080 "
            "00C0C0C0 00808080 009999FF 00993366 00FFFFCC 00CCFFFF 00660066 00FF8080 000066CC 00CCCCFF 00000080 "
            "00FF00FF 00FFFF00 0000FFFF 00800080 00800000 00008080 000000FF 0000CCFF 00CCFFFF 00CCFFCC 00FFFF99 "
            "0099CCFF 00FF99CC 00CC99FF 00FFCC99 003366FF 0033CCCC 0099CC00 00FFCC00 00FF9900 00FF6600 00666699 "
            "00969696 00003366 00339966 00003300 00333300 00993300 00993366 00333399 00333333").split()

Style = tuple[int, int, int, int]  # (font, fill, alignment, number format): 0 each for the default


class Cell:
    """A cell: its value (str: always a string cell, never a formula; int, float or None) and style."""

    __slots__ = ("value", "style")

    def __init__(self, value, style: Style = (0, 0, 0, 0)) -> None:
        self.value, self.style = value, style


class Sheet:
    """A sheet's rows (a row is a list of Cells, or empty: a row left blank), column widths, frozen corner,
    autofilter range."""

    def __init__(self, name: str, rows: list[list[Cell]], widths: list[int], freeze: str | None = None,
                 autofilter: str | None = None) -> None:
        self.name, self.rows, self.widths, self.freeze, self.autofilter = name, rows, widths, freeze, autofilter


def column(index: int) -> str:
    """Return the letters of column ``index`` (1: A, 27: AA)."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(value: str, refs: bool = True) -> str:
    """Return ``value`` as XML text the way openpyxl's writers put it: in a sheet (``refs``) ASCII, other
    characters as references; in the other parts UTF-8."""
    value = _NOT_XML.sub("", value)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return value if not refs or value.isascii() else value.encode("ascii", "xmlcharrefreplace").decode("ascii")


def _attr(value: str) -> str:
    return _text(value, refs=False).replace('"', "&quot;")


def _number(value: int | float) -> str:
    return "%.16g" % value if value == value and value not in (float("inf"), float("-inf")) else ""


class _Styles:
    """The cell formats in the order cells first use them (openpyxl's numbering), the default first."""

    def __init__(self) -> None:
        self.ids: dict[Style, int] = {(0, 0, 0, 0): 0}

    def id(self, style: Style) -> int:
        return self.ids.setdefault(style, len(self.ids))

    def xml(self) -> str:
        numbers = sorted({s[3] for s in self.ids if s[3]})
        xfs = []
        for font, fill, align, number in self.ids:
            attrs = f'numFmtId="{number}" fontId="{font}" fillId="{fill}" borderId="0"'
            if align:
                xfs.append(f'<xf {attrs} applyAlignment="1" pivotButton="0" quotePrefix="0" xfId="0">'
                           '<alignment vertical="top" wrapText="1"/></xf>')
            else:
                xfs.append(f'<xf {attrs} pivotButton="0" quotePrefix="0" xfId="0"/>')
        formats = (f'<numFmts count="{len(numbers)}">' + "".join(
            f'<numFmt numFmtId="{n}" formatCode="0.0"/>' for n in numbers) + "</numFmts>") if numbers \
            else '<numFmts count="0"/>'
        return (f'<styleSheet xmlns="{MAIN}">{formats}<fonts count="3">{_FONTS}</fonts><fills count="3">{_FILLS}'
                '</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
                '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs><cellStyles count="1"><cellStyle '
                'name="Normal" xfId="0" builtinId="0" hidden="0"/></cellStyles><tableStyles count="0" '
                'defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/><colors>'
                '<indexedColors>' + "".join(f'<rgbColor rgb="{c}"/>' for c in _INDEXED)
                + "</indexedColors></colors></styleSheet>")


def _cell(ref: str, cell: Cell, styles: _Styles) -> str:
    value = cell.value
    style = f' s="{styles.id(cell.style)}"' if any(cell.style) else ""
    kind = "inlineStr" if isinstance(value, str) else "n"
    head = f'<c r="{ref}"{style} t="{kind}">'
    if value is None or value == "":
        return head + "</c>"
    if kind == "n":
        return f"{head}<v>{_number(value)}</v></c>"
    space = ' xml:space="preserve"' if value != value.strip() else ""
    return f"{head}<is><t{space}>{_text(value)}</t></is></c>"


def _sheet(sheet: Sheet, styles: _Styles) -> str:
    rows = []
    last_col = 1
    for r, row in enumerate(sheet.rows, 1):
        if not row:
            continue
        last_col = max(last_col, len(row))
        cells = "".join(_cell(f"{column(c)}{r}", cell, styles) for c, cell in enumerate(row, 1)
                        if cell.value is not None or any(cell.style))  # an empty plain cell is not written
        rows.append(f'<row r="{r}">{cells}</row>')
    if sheet.freeze:
        letters, top = _split(sheet.freeze)
        left = sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(letters)))  # column() inverted
        view = (f'<pane xSplit="{left - 1}" ySplit="{top - 1}" topLeftCell="{sheet.freeze}" activePane="bottomRight" '
                'state="frozen"/><selection pane="topRight"/><selection pane="bottomLeft"/>'
                '<selection pane="bottomRight" activeCell="A1" sqref="A1"/>')
    else:
        view = '<selection activeCell="A1" sqref="A1"/>'
    cols = "".join(f'<col width="{w}" customWidth="1" min="{c}" max="{c}"/>' for c, w in enumerate(sheet.widths, 1))
    autofilter = f'<autoFilter ref="{sheet.autofilter}"/>' if sheet.autofilter else ""
    return (f'<worksheet xmlns="{MAIN}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/><pageSetUpPr/>'
            f'</sheetPr><dimension ref="A1:{column(last_col)}{len(sheet.rows)}"/><sheetViews><sheetView '
            f'workbookViewId="0">{view}</sheetView></sheetViews><sheetFormatPr baseColWidth="8" '
            f'defaultRowHeight="15"/><cols>{cols}</cols><sheetData>{"".join(rows)}</sheetData>{autofilter}'
            '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/></worksheet>')


def _filter_name(sheet: Sheet, index: int) -> str:
    """Return the defined name Excel keeps a sheet's autofilter range under ('Sheet'!$A$4:$G$9)."""
    first, last = (_split(ref) for ref in (sheet.autofilter or "").split(":"))
    return (f'<definedName name="_xlnm._FilterDatabase" localSheetId="{index}" hidden="1">'
            f"'{_text(sheet.name, False)}'!${first[0]}${first[1]}:${last[0]}${last[1]}</definedName>")


def _property(tag: str, value: str, attrs: str = "") -> str:
    """Return a document property's element; openpyxl kept its outer spaces when it held other text too."""
    value = _NOT_XML.sub("", value)
    space = ' xml:space="preserve"' if value.strip() and value != value.strip() else ""
    return f"<{tag}{attrs}{space}>{_text(value, False)}</{tag}>"


def _split(ref: str) -> tuple[str, int]:
    """Return the column letters and row of a cell reference ("D5": ("D", 5))."""
    found = re.fullmatch(r"([A-Z]+)([1-9][0-9]*)", ref)
    if found is None:
        raise ValueError(f"not a cell reference: {ref!r}")
    return found.group(1), int(found.group(2))


def parts(sheets: list[Sheet], title: str, author: str, when: dt.datetime) -> dict[str, bytes]:
    """Return the package's parts (name -> bytes) of a workbook of ``sheets``."""
    styles = _Styles()
    out: dict[str, bytes] = {}
    for i, sheet in enumerate(sheets, 1):
        out[f"xl/worksheets/sheet{i}.xml"] = _sheet(sheet, styles).encode("utf-8")
    n = len(sheets)
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_CT}.spreadsheetml.'
                        'worksheet+xml"/>' for i in range(1, n + 1))
    out["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        f'ContentType="application/xml"/><Override PartName="/xl/styles.xml" ContentType="{_CT}.spreadsheetml.'
        f'styles+xml"/><Override PartName="/xl/theme/theme1.xml" ContentType="{_CT}.theme+xml"/><Override '
        'PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        f'<Override PartName="/docProps/app.xml" ContentType="{_CT}.extended-properties+xml"/>{overrides}'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.spreadsheetml.sheet.main+xml"/></Types>'
    ).encode("utf-8")
    out["_rels/.rels"] = (
        f'<Relationships xmlns="{_PKG_REL}"><Relationship Type="{_REL}/officeDocument" Target="xl/workbook.xml" '
        'Id="rId1"/><Relationship Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
        'core-properties" Target="docProps/core.xml" Id="rId2"/><Relationship Type="'
        f'{_REL}/extended-properties" Target="docProps/app.xml" Id="rId3"/></Relationships>').encode("utf-8")
    out["docProps/app.xml"] = (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>Microsoft Excel Compatible / Openpyxl 3.1.5</Application><AppVersion>3.1</AppVersion>"
        "</Properties>").encode("utf-8")
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    dated = 'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' \
            'xsi:type="dcterms:W3CDTF"'
    dc = ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
    out["docProps/core.xml"] = (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties">'
        f"{_property('dc:creator', author, dc)}{_property('dc:title', title, dc)}"
        f"<dcterms:created {dated}>{stamp}</dcterms:created><dcterms:modified {dated}>{stamp}</dcterms:modified>"
        f"{_property('cp:lastModifiedBy', author)}</cp:coreProperties>").encode("utf-8")
    names = "".join(f'<sheet xmlns:r="{_REL}" name="{_attr(s.name)}" sheetId="{i}" state="visible" r:id="rId{i}"/>'
                    for i, s in enumerate(sheets, 1))
    filters = "".join(_filter_name(s, i) for i, s in enumerate(sheets) if s.autofilter)
    out["xl/workbook.xml"] = (
        f'<workbook xmlns="{MAIN}"><workbookPr/><workbookProtection/><bookViews><workbookView visibility="visible" '
        'minimized="0" showHorizontalScroll="1" showVerticalScroll="1" showSheetTabs="1" tabRatio="600" '
        f'firstSheet="0" activeTab="0" autoFilterDateGrouping="1"/></bookViews><sheets>{names}</sheets>'
        + (f"<definedNames>{filters}</definedNames>" if filters else "")
        + '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>').encode("utf-8")
    rels = "".join(f'<Relationship Type="{_REL}/worksheet" Target="/xl/worksheets/sheet{i}.xml" Id="rId{i}"/>'
                   for i in range(1, n + 1))
    out["xl/_rels/workbook.xml.rels"] = (
        f'<Relationships xmlns="{_PKG_REL}">{rels}<Relationship Type="{_REL}/styles" Target="styles.xml" '
        f'Id="rId{n + 1}"/><Relationship Type="{_REL}/theme" Target="theme/theme1.xml" Id="rId{n + 2}"/>'
        "</Relationships>").encode("utf-8")
    out["xl/styles.xml"] = styles.xml().encode("utf-8")
    # beside this module, read with open(): importlib.resources imported zipfile and its readers (~2 ms a build)
    out["xl/theme/theme1.xml"] = Path(__file__).with_name("xlsx_theme.xml").read_bytes()
    return out
