"""What follows an SOP's flowchart table, as real SOPs print it: the total time row and a note under the table.

Kel. Sei Putih Timur-I (Medan) ends its table with a row holding the total of its times ("35"); BPBD Sigi prints
a note under the table.  The chart's pages are planned with their height under the last page's rows
(``tail_height``), so both stand on the flowchart's last page with at least its last step; only what no page
could hold with a step starts a page of its own (the row under the table's header again), the document's page
count kept what the book says.
"""

from __future__ import annotations

import re

from ..layout.sop_chart import SLACK  # what the word processor may add to a table (borders) beyond its rows
from ..layout.sop_table import CELL_LR, PAD, Chart, Columns
from ..layout.text import SOFT_SLACK
from ..durations import with_unit
from ..model import Sop, as_list
from . import docx_xml as X
from .docx_flowchart import head_cells
from .docx_style import Style
from ..texts import list_items

TOTAL_LABEL = "Jumlah Waktu"
NOTE_LABEL = "Catatan:"
NOTE_GAP = 2 * PAD  # between the table and the note
# of the table's slack, what a note under it may use: PN Bangkinang's table with its identity left 2.8 mm under
# its one-line note in LibreOffice where SLACK said 1.8 mm short (review O); the page of its own was a waste
NOTE_SLACK = SLACK // 2
NUMBER_INDENT = 284  # twips (0.5 cm): a numbered note's hanging indent
_LABELLED = re.compile(r"(?i)^\s*(catatan|keterangan|ket\.?|note)\s*:")  # a note written with its own label


def total_row(chart: Chart, doc: Sop, style: Style) -> tuple[str, int]:
    """Return the table row of the SOP's total time and its height (twips); ("", 0) when it has none."""
    if not doc.jumlah_waktu:
        return "", 0
    total, span, height = _total(chart.columns, doc, style)
    w, n = chart.columns.widths, chart.columns.n_actors
    size, line = style.table_size, style.line(style.table_size)
    left, waktu = sum(w[:3 + n]), sum(w[3 + n:3 + n + span])
    cells = (X.cell(X.para(TOTAL_LABEL, size=size, bold=True, align="right", line=line, before=PAD), left, span=3 + n)
             + X.cell(X.para(total, size=size, line=line, before=PAD), waktu, span=span))
    if len(w) - 3 - n - span:
        cells += X.cell("", sum(w[3 + n + span:]), span=len(w) - 3 - n - span)
    return X.row(cells, height), height


def _total(cols: Columns, doc: Sop, style: Style) -> tuple[str, int, int]:
    """The total as printed, the columns its cell spans from Waktu on, and the row's height.  The Waktu column is
    sized from the steps' times: a total whose word is wider ("3 Hari Kerja, Apabila Berkas Lengkap dan Benar",
    Kab. Barito Kuala, review Y, broke "Apabil/a") spans Output too, and Keterangan if need be."""
    total = with_unit(doc.jumlah_waktu.strip(), doc.satuan_waktu)  # "35" under times printed "10 menit": "35 menit"
    w, n = cols.widths, cols.n_actors
    size, line = style.table_size, style.line(style.table_size)
    widest = max((style.measure(word, size) for word in total.split()), default=0) + SOFT_SLACK
    span = 1
    while span < len(w) - 3 - n and widest > sum(w[3 + n:3 + n + span]) - 2 * CELL_LR:
        span += 1
    lines = max(style.wrap(TOTAL_LABEL, sum(w[:3 + n]) - 2 * CELL_LR, size, True),
                style.wrap(total, sum(w[3 + n:3 + n + span]) - 2 * CELL_LR, size))
    return total, span, 2 * PAD + lines * line


def tail_height(cols: Columns, doc: Sop, style: Style) -> int:
    """The height the flowchart's last page keeps under its rows for what ``attach`` puts there (the total row,
    then the note, which may use ``NOTE_SLACK``), so neither starts a page of its own (review Y: Kab. Belitung's
    total alone on a third page)."""
    row = _total(cols, doc, style)[2] if doc.jumlah_waktu else 0
    after = _note(sum(cols.widths), doc, style)[1]
    return row + max(0, after - NOTE_SLACK)


def note(chart: Chart, doc: Sop, style: Style) -> tuple[str, int]:
    """Return the paragraphs of the note under the table and their height (twips); ("", 0) when it has none.

    One item stands on the label's line ("Catatan: ..."), as the review site prints it; an item that has its
    own label ("Keterangan : Tim ...", PN Bangkinang) is printed alone; several are numbered under the label."""
    return _note(sum(chart.columns.widths), doc, style)


def _note(width: int, doc: Sop, style: Style) -> tuple[str, int]:
    items = as_list(doc.catatan)
    if not items:
        return "", 0
    size, line = style.table_size, style.line(style.table_size)
    if len(items) == 1:
        text = items[0]
        if _LABELLED.match(text):
            xml = X.para(text, size=size, line=line, before=NOTE_GAP)
        else:
            xml = X.para(f"{NOTE_LABEL} ", size=size, bold=True, line=line, before=NOTE_GAP, extra=X.run(text, size))
            text = f"{NOTE_LABEL} {text}"
        return xml, NOTE_GAP + style.wrap(text, width, size, True) * line  # as bold: never fewer lines
    xml = X.para(NOTE_LABEL, size=size, bold=True, line=line, before=NOTE_GAP)
    count = 1
    for mark, text, lead in list_items(items):  # 1., 2., ... or the marks the author wrote (RSUD Banjarnegara)
        if lead:  # a lead-in, flush left as in the identity table
            xml += X.para(text, size=size, line=line)
            count += style.wrap(text, width, size)
            continue
        xml += X.para(f"{mark}\t{text}", size=size, line=line, indent=NUMBER_INDENT, hanging=NUMBER_INDENT,
                      tabs=[NUMBER_INDENT])
        count += style.wrap(text, width - NUMBER_INDENT, size)
    return xml, NOTE_GAP + count * line


def attach(tables: list[str], chart: Chart, doc: Sop, style: Style, room: int) -> list[str]:
    """Return the page tables with the total row and the note after the last; ``room``: the height the last
    page's table may take.  What does not fit there starts a page of its own."""
    row, row_h = total_row(chart, doc, style)
    after, after_h = note(chart, doc, style)
    if not row and not after:
        return tables
    last = chart.pages[-1]
    used = last.rows[-1].top + last.rows[-1].height if last.rows else last.body_top
    out = list(tables)
    free = room - used - SLACK
    if row and row_h <= free:
        out[-1] = _with_row(out[-1], row)
        free -= row_h
        row = ""
    elif row:  # a page of its own: the header again, then the row
        head1, head2 = head_cells(chart, style)
        header = X.row(head1, last.header[0], header=True) + X.row(head2, last.header[1], header=True)
        out.append(X.table(chart.columns.widths, header + row, CELL_LR))
        free = room - sum(last.header) - row_h - SLACK
    if after and after_h <= free + NOTE_SLACK:
        out[-1] += after
    elif after:
        out.append(after.replace(f'w:before="{NOTE_GAP}"', 'w:before="0"', 1))
    return out


def _with_row(table: str, row: str) -> str:
    """Return the table with ``row`` as its last row."""
    end = table.rindex("</w:tbl>")
    return table[:end] + row + table[end:]
