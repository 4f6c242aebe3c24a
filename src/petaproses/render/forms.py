"""Monitoring and evaluation forms per Perangkat Daerah (PermenPANRB 35/2012: Tabel 7 and the seven criteria).

Catalogue-level renderer: one monitoring form and one evaluation form (.docx) per department that has SOPs,
listing its SOPs.  An SOP evaluated in a review session (`jenis: evaluasi` records) gets its row filled from
the most recent one; the others stay blank, for the review team to fill in by hand or in Word.
"""

from __future__ import annotations

import copy
import re
import threading

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.simpletypes import ST_HpsMeasure, ST_OnOff
from docx.shared import Pt, Twips
from docx.table import Table, _Cell

from ..catalogue import Catalogue
from ..evaluation.model import CRITERIA, DokumenDievaluasi, Evaluasi
from ..evaluation.records import latest_entries, person_details
from ..flow import step_id
from ..model import Sop
from ..texts import format_date, printed_nip, seat
from .docx_package import base_document, build_time, save
from .docx_style import apply_font, load_style, templates_dir

KRITERIA = [label for _key, label in CRITERIA]  # the seven criteria, in the order of the form
BOX = "\u2610"  # ballot box: a tick field in the printed form
TICKED = "\u2611"  # ballot box with a tick: the verdict a review session recorded
Filled = dict[str, tuple[Evaluasi, DokumenDievaluasi]]


def applies(doc) -> bool:
    return False  # catalogue-level only


def render(cat, doc, **options) -> dict[str, bytes]:
    return {}


class _Prototype:
    """The prepared empty form of one style, reused for every form a worker writes.

    Opening python-docx's base package and laying out the page cost about 10 ms a form, and the fixed header
    rows of each table (merged cells) about as much again.  Both are made once per style; each form gets a
    copy of the pristine document element and core properties (the only parts a form or ``save`` changes)
    and copies of the header tables, so it is the same bytes as a form made from scratch (tests/test_forms.py).
    """

    def __init__(self, style):
        self.document = _new_document(style)
        self.part = self.document.part
        self.core_part = self.part.package._core_properties_part  # made now if the base has none
        self.root = copy.deepcopy(self.part.element)
        self.core = copy.deepcopy(self.core_part.element)
        self.heads: dict[str, object] = {}  # form kind -> its header table (CT_Tbl), never put in a document
        self.rows: dict[str, object] = {}  # form kind -> an empty body row (CT_Row) as python-docx adds it

    def fresh(self) -> Document:
        """Return an empty form: the page set up, the house font, no content."""
        self.part._element = copy.deepcopy(self.root)
        self.core_part._element = copy.deepcopy(self.core)
        return Document(self.part.element, self.part)

    def table(self, document: Document, kind: str, make) -> Table:
        """Append a copy of ``kind``'s header table to ``document`` (``make(document)`` builds it the first time,
        in a scratch form) and return it."""
        if kind not in self.heads:  # a scratch form that the part never serialises
            self.heads[kind] = make(Document(copy.deepcopy(self.root), self.part))._tbl
        tbl = copy.deepcopy(self.heads[kind])
        document._body._element._insert_tbl(tbl)
        return Table(tbl, document._body)

    def row(self, table: Table, kind: str) -> list:
        """Append an empty row to ``kind``'s table and return its cells: a copy of the first one python-docx
        made (its cell widths come from the grid, which is the same in every form of a kind until ``_widths``)."""
        if kind not in self.rows:
            cells = _add_row(table)
            self.rows[kind] = copy.deepcopy(cells[0]._tc.getparent())
            return cells
        tr = copy.deepcopy(self.rows[kind])
        table._tbl.append(tr)
        return [_Cell(tc, table) for tc in tr.tc_lst]


# (id(style), thread) -> (style, its prototype): styles are cached objects; a prototype is changed while a form is
# made, so two threads never share one
_PROTOTYPES: dict[tuple[int, int], tuple[object, _Prototype]] = {}


def _prototype(style) -> _Prototype:
    key = (id(style), threading.get_ident())
    hit = _PROTOTYPES.get(key)
    if hit is None or hit[0] is not style:
        if len(_PROTOTYPES) >= 8:
            _PROTOTYPES.clear()
        hit = _PROTOTYPES[key] = (style, _Prototype(style))
    return hit[1]


def _new_document(style):
    document = base_document()
    section = document.sections[0]
    w, h = max(style.page), min(style.page)  # forms are always landscape: many columns
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Twips(w), Twips(h)
    for side, attr in (("atas", "top_margin"), ("bawah", "bottom_margin"), ("kiri", "left_margin"),
                       ("kanan", "right_margin")):
        setattr(section, attr, Twips(style.margin(side)))
    apply_font(document, style)
    document.styles["Normal"].paragraph_format.space_after = Pt(2)
    return document


def _cell(cell, text: str, bold: bool = False, center: bool = False, fill: str | None = None, size=None) -> None:
    """Write ``text`` in ``cell``'s first paragraph: the XML python-docx writes for ``add_run(text)``, ``bold``,
    ``font.size = Pt(size)`` and ``alignment = CENTER`` (tests/test_forms.py), put in place directly.
    python-docx looks for each element's place among its possible neighbours: ~40 % of a department's forms."""
    p = cell._tc.p_lst[0]
    if center:
        if p.pPr is None:
            ppr = OxmlElement("w:pPr")
            p.insert(0, ppr)
            jc = OxmlElement("w:jc")
            jc.set(qn("w:val"), WD_ALIGN_PARAGRAPH.to_xml(WD_ALIGN_PARAGRAPH.CENTER))
            ppr.append(jc)
        else:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = OxmlElement("w:r")
    p.append(r)
    rpr = OxmlElement("w:rPr")
    r.append(rpr)
    b = OxmlElement("w:b")
    if not bold:
        b.set(qn("w:val"), ST_OnOff.convert_to_xml(False))
    rpr.append(b)
    if size:
        sz = OxmlElement("w:sz")
        sz.set(qn("w:val"), ST_HpsMeasure.convert_to_xml(Pt(size)))
        rpr.append(sz)
    for piece in _BREAKS.split(text):  # python-docx's run.text: a tab, a line break, or a run of text
        if piece == "\t":
            r.append(OxmlElement("w:tab"))
        elif piece in ("\n", "\r"):
            r.append(OxmlElement("w:br"))
        elif piece:
            t = OxmlElement("w:t")
            t.text = piece
            if len(piece.strip()) < len(piece):
                t.set(qn("xml:space"), "preserve")
            r.append(t)
    if fill:
        _shade(cell, fill)


def _shade(cell, fill: str) -> None:
    """Fill ``cell`` with the colour ``fill`` (hex RGB)."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


_BREAKS = re.compile(r"([\t\r\n])")


def _add_row(table) -> list:
    """Append a row and return its cells (``table.rows[i].cells`` costs O(rows) per call); the row never
    splits over two pages (an SOP's name on one page, its code on the next)."""
    row = table.add_row()
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    return [_Cell(tc, table) for tc in row._tr.tc_lst]


def _header_row(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))


def _widths(table, widths: list[int]) -> None:
    """Fix the column widths in the grid too: LibreOffice lays a table out from tblGrid, not the cells."""
    table.autofit = False  # writes <w:tblLayout w:type="fixed"/> in its place in tblPr (once: schema order)
    tbl = table._tbl
    for col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(w))
    tc_tag, span_tag, val, w_attr, type_attr = qn("w:tc"), qn("w:gridSpan"), qn("w:val"), qn("w:w"), qn("w:type")
    tcpr_tag, tcw_tag = qn("w:tcPr"), qn("w:tcW")
    for tr in tbl.tr_lst:
        start = 0
        for tc in tr.iterchildren(tc_tag):
            tcpr = tc.find(tcpr_tag)  # python-docx's tc.tcPr, without its descriptor's cost (every cell)
            span = tcpr.find(span_tag) if tcpr is not None else None
            n = int(span.get(val)) if span is not None else 1
            tcw = tcpr.find(tcw_tag) if tcpr is not None else None
            if tcw is None:  # python-docx's add_table gives each cell one
                tcw = tc.get_or_add_tcPr().get_or_add_tcW()
            tcw.set(w_attr, str(sum(widths[start:start + n])))
            tcw.set(type_attr, "dxa")
            start += n


def _start(cat: Catalogue, pd_id: str, style, heading: str):
    """Return (prototype, a fresh document titled ``heading`` for the department, the department's name, its
    latest entries)."""
    proto = _prototype(style)
    document = proto.fresh()
    department = cat.organisasi.perangkat_daerah[pd_id].nama if cat.organisasi else pd_id
    filled = latest_entries(cat, pd_id)
    _title(document, heading, department, cat.organisasi.nama if cat.organisasi else "", filled, cat.parent_body(pd_id))
    return proto, document, department, filled


def _title(document, text: str, department: str, org: str, filled: Filled | None = None, parent: str = "") -> None:
    parents = [(parent.upper(), 10)] if parent else []  # a Kelurahan's Kecamatan, a UPTD's Dinas
    for line, size in ((text, 12), (org.upper(), 10), *parents, (department.upper(), 10)):
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(line)
        r.bold = True
        r.font.size = Pt(size)
    document.add_paragraph("Periode penilaian: " + (_period(filled) or "............................................"))


def _period(filled: Filled | None) -> str:
    """Return the half-year the sessions a form is filled from fall in (PermenPANRB 35/2012 assesses every six
    months), with their dates: "Semester II Tahun 2026 (sesi 25 November 2026)" (review Q: a date is no period)."""
    dates = sorted({record.tanggal for record, _entry in (filled or {}).values()})
    if not dates:
        return ""
    halves = sorted({(d.year, 1 if d.month <= 6 else 2) for d in dates})
    ends = [halves[0]] if len(halves) == 1 else [halves[0], halves[-1]]
    period = " s.d. ".join(f"Semester {'I' * half} Tahun {year}" for year, half in ends)
    first, last = format_date(dates[0]), format_date(dates[-1])
    return f"{period} (sesi {first if first == last else f'{first} s.d. {last}'})"


def _lines(items: list[str]) -> str:
    return "\n".join(i for i in items if i)


def _step_label(cat: Catalogue, sop: Sop, step: str | None) -> str:
    """Return "Langkah 3" for a finding on a step of ``sop`` (the id when the step is gone), "Dokumen" else."""
    if step is None:
        return "Dokumen"
    for i, s in enumerate(sop.kegiatan):
        if step_id(s, i) == step:
            return f"Langkah {i + 1}"
    return f"Langkah '{step}'"


def _breakable(code: str) -> str:
    """A session's code that may break after its dots (a zero-width space): in a narrow Catatan column it broke
    inside its date, "EVAL.DISDUKCAPIL.2026120" / "7)" (review U)."""
    return code.replace(".", ".\u200b")


def _monitoring_row(cells, cat: Catalogue, sop: Sop, found: tuple[Evaluasi, DokumenDievaluasi] | None) -> None:
    """Fill columns 3-5 of Tabel 7 from the latest session: the verdict, its notes and findings, the actions."""
    verdict = found[1].berjalan_baik if found else None
    _cell(cells[2], TICKED if verdict is True else BOX, center=True, size=14)
    _cell(cells[3], TICKED if verdict is False else BOX, center=True, size=14)
    if found is None:
        return
    record, entry = found
    notes = [entry.catatan or ""] + [f"{_step_label(cat, sop, f.langkah)}: {f.uraian}" for f in entry.temuan]
    actions = [entry.tindakan or ""] + [f"{_step_label(cat, sop, f.langkah)}: {f.rekomendasi}" for f in entry.temuan
                                        if f.rekomendasi and f.status != "ditutup"]
    _cell(cells[4], _lines(notes + [f"({format_date(record.tanggal)}, {_breakable(record.kode)})"]), size=8)
    _cell(cells[5], _lines(actions), size=8)


def _evaluation_row(cells, cat: Catalogue, sop: Sop, found: tuple[Evaluasi, DokumenDievaluasi] | None) -> None:
    """Fill the seven criteria (Ya/Tidak), the notes and the actions of one SOP from the latest session."""
    if found is None:
        return
    record, entry = found
    notes = []
    for i, (key, _label) in enumerate(CRITERIA):
        answer, note = entry.kriteria.answer(key)
        if answer is not None:
            _cell(cells[2 + i], "Ya" if answer else "Tidak", center=True, size=8)
        if note:
            notes.append(f"{i + 1}: {note}")
    actions = [f"{_step_label(cat, sop, f.langkah)}: {f.rekomendasi}" for f in entry.temuan
               if f.rekomendasi and f.status != "ditutup"]
    last = 2 + len(CRITERIA)
    _cell(cells[last], _lines(notes + [f"({format_date(record.tanggal)}, {_breakable(record.kode)})"]), size=8)
    _cell(cells[last + 1], _lines(actions), size=8)


def _place(cat: Catalogue) -> str:
    """Return the place name for the signature line (``seat``: 'Pemerintah Kota Padang Panjang' -> 'Padang Panjang')."""
    return seat(cat.organisasi) or "........................"


def _keep_with_next(table: Table) -> None:
    """Keep the table's last row on the page of what follows (the signature): a page never holds the
    signature alone."""
    for tc in table._tbl.tr_lst[-1].tc_lst:
        for p in tc.p_lst:
            p.get_or_add_pPr().keepNext_val = True


def _signature(document, place: str, who: tuple[str, str, str] | None = None) -> None:
    """The evaluator's signature: named when the latest session lists one (review Q: left blank though it did)."""
    p = document.add_paragraph()
    p.paragraph_format.keep_together = True  # place, date, title, room to sign, name: never split over pages
    p.paragraph_format.space_before = Pt(12)
    p.paragraph_format.left_indent = Twips(9000)
    p.add_run(f"{place}, ............................\nPenilai,\n\n\n\n")
    if who is None or not who[0]:
        p.add_run("(.............................................)\nNIP. ..........................................")
        return
    p.add_run(who[0]).bold = True
    if who[2] and not printed_nip(who[2]):
        return  # written "-": the evaluator has no NIP, no line to fill in
    p.add_run(f"\n{printed_nip(who[2])}" if who[2] else "\nNIP. ..........................................")


def _evaluator(cat: Catalogue, filled: dict) -> tuple[str, str, str] | None:
    """The first evaluator of the latest session the form shows, if it names one."""
    records = sorted({id(r): r for r, _ in filled.values()}.values(), key=lambda r: (r.tanggal, r.kode))
    return person_details(cat, records[-1].penilai[0]) if records and records[-1].penilai else None


def _sops(cat: Catalogue, pd_id: str) -> list[Sop]:
    return sorted((d for d in cat.maps if isinstance(d, Sop) and d.perangkat_daerah == pd_id), key=lambda d: d.kode)


def _monitoring_head(document, style) -> Table:
    """Add the header rows of Tabel 7 (two title rows, one of column numbers) as a new table of ``document``."""
    table = document.add_table(rows=3, cols=7)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head, head2, numbers = table.rows[0], table.rows[1], table.rows[2]
    for row in (head, head2, numbers):
        _header_row(row)
    titles = ["No", "Prosedur", "Penilaian terhadap penerapan", None, "Catatan hasil penilaian",
              "Tindakan yang harus diambil", "Paraf penilai"]
    for i, t in enumerate(titles):
        if t:
            _cell(head.cells[i], t, bold=True, center=True, fill=style.heading_fill)
    head.cells[2].merge(head.cells[3])
    _cell(head2.cells[2], "Berjalan dengan baik", bold=True, center=True, fill=style.heading_fill, size=style.size - 1)
    _cell(head2.cells[3], "Tidak berjalan dengan baik", bold=True, center=True, fill=style.heading_fill,
          size=style.size - 1)
    for i in (0, 1, 4, 5, 6):
        head.cells[i].merge(head2.cells[i])
    for i, n in enumerate(["1", "2", "3", "3", "4", "5", "6"]):
        _cell(numbers.cells[i], n, center=True, size=style.size - 2)
    return table


def monitoring_form(cat: Catalogue, pd_id: str, style) -> bytes:
    """Return Tabel 7, "Monitoring Pelaksanaan SOP AP", with the department's SOPs as rows."""
    proto, document, department, filled = _start(cat, pd_id, style, "FORMULIR MONITORING PELAKSANAAN SOP AP")
    sops = _sops(cat, pd_id)
    table = proto.table(document, "monitoring", lambda scratch: _monitoring_head(scratch, style))
    for k, sop in enumerate(sops, start=1):
        cells = proto.row(table, "monitoring")
        _cell(cells[0], str(k), center=True)
        _cell(cells[1], f"{sop.nama}\n({sop.kode}, {sop.nomor})")
        _monitoring_row(cells, cat, sop, filled.get(sop.kode))
    body = max(style.page) - style.margin("kiri") - style.margin("kanan")
    fixed = [600, 4400, 1500, 1500, 0, 0, 1300]
    rest = (body - sum(fixed)) // 2
    fixed[4] = fixed[5] = rest
    _widths(table, fixed)
    _keep_with_next(table)
    note = document.add_paragraph("Penilaian dilakukan setiap 6 (enam) bulan, dan secara informal setiap kali SOP "
                                  "dilaksanakan (PermenPANRB 35/2012). Beri tanda \u2713 pada kolom 3.")
    note.paragraph_format.keep_with_next = True
    _signature(document, _place(cat), _evaluator(cat, filled))
    return save(document, f"Formulir Monitoring SOP {department}", "petaproses", build_time())


def _evaluation_head(document, style) -> Table:
    """Add the two header rows of the evaluation form as a new table of ``document``."""
    table = document.add_table(rows=2, cols=2 + len(KRITERIA) + 2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head, head2 = table.rows[0], table.rows[1]
    _header_row(head)
    _header_row(head2)
    _cell(head.cells[0], "No", bold=True, center=True, fill=style.heading_fill)
    _cell(head.cells[1], "Prosedur", bold=True, center=True, fill=style.heading_fill)
    _cell(head.cells[2], "Kriteria penilaian (Ya/Tidak)", bold=True, center=True, fill=style.heading_fill)
    last = 2 + len(KRITERIA)
    _cell(head.cells[last], "Catatan", bold=True, center=True, fill=style.heading_fill)
    _cell(head.cells[last + 1], "Tindakan", bold=True, center=True, fill=style.heading_fill)
    for i in range(len(KRITERIA)):
        _cell(head2.cells[2 + i], str(i + 1), bold=True, center=True, fill=style.heading_fill)
    head.cells[2].merge(head.cells[last - 1])
    for i in (0, 1, last, last + 1):
        head.cells[i].merge(head2.cells[i])
    return table


def evaluation_form(cat: Catalogue, pd_id: str, style) -> bytes:
    """Return the evaluation form: each SOP against the seven criteria (Ya/Tidak), with notes."""
    proto, document, department, filled = _start(cat, pd_id, style, "FORMULIR EVALUASI PENERAPAN SOP AP")
    p = document.add_paragraph("Kriteria penilaian (isi Ya atau Tidak untuk setiap SOP):")
    p.runs[0].bold = True
    for i, k in enumerate(KRITERIA, start=1):
        document.add_paragraph(f"{i}. {k}").paragraph_format.left_indent = Twips(400)
    sops = _sops(cat, pd_id)
    table = proto.table(document, "evaluasi", lambda scratch: _evaluation_head(scratch, style))
    for k, sop in enumerate(sops, start=1):
        cells = proto.row(table, "evaluasi")
        _cell(cells[0], str(k), center=True)
        _cell(cells[1], f"{sop.nama}\n({sop.kode})")
        _evaluation_row(cells, cat, sop, filled.get(sop.kode))
    body = max(style.page) - style.margin("kiri") - style.margin("kanan")
    widths = [600, 4400] + [750] * len(KRITERIA)
    rest = (body - sum(widths)) // 2
    _widths(table, widths + [rest, rest])
    _keep_with_next(table)
    _signature(document, _place(cat), _evaluator(cat, filled))
    return save(document, f"Formulir Evaluasi SOP {department}", "petaproses", build_time())


def render_department(cat: Catalogue, pd_id: str, pdf: bool = False, **_options) -> dict[str, bytes]:
    """Return both forms for one department (none when it has no SOP); with ``pdf``, their PDFs too."""
    if not _sops(cat, pd_id):
        return {}
    style = load_style(templates_dir())
    files = {f"Formulir-Monitoring-SOP-{pd_id}.docx": monitoring_form(cat, pd_id, style),
             f"Formulir-Evaluasi-SOP-{pd_id}.docx": evaluation_form(cat, pd_id, style)}
    if pdf:  # one LibreOffice run for both (its start-up is the slow part)
        from .sop_docx import to_pdf

        files.update(to_pdf(files))
    return files


def render_catalogue(cat: Catalogue) -> dict[str, bytes]:
    """Return both forms for every department with SOPs (paths relative to output/)."""
    out: dict[str, bytes] = {}
    for pd_id in sorted({d.perangkat_daerah for d in cat.maps if isinstance(d, Sop)}):
        for name, data in render_department(cat, pd_id).items():
            out[f"{pd_id}/{name}"] = data
    return out
