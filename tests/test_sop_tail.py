"""What follows the flowchart table: the total time row (Kel. Sei Putih Timur-I, Medan: "35" under its times)
and the note under the table (BPBD Sigi: "SOP ... ini berlaku setiap hari selama masa Penanganan Darurat
Bencana"), on the last page when it has room, else on a page of their own, the page count kept true."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import docx
import pytest

from petaproses.build import check
from petaproses.layout.sop_chart import build_chart
from petaproses.layout.sop_paging import paginate
from petaproses.layout.sop_table import CELL_LR
from petaproses.model import Sop
from petaproses.render import sop_docx, sop_tail
from petaproses.render.docx_flowchart import Ids, page_tables
from petaproses.render.docx_style import load_style, templates_dir

from .conftest import FIXTURES, require

STYLE = load_style(templates_dir(None))


def _one(folder):
    cat, problems = check([str(folder)])
    assert not [p for p in problems if p.is_error], [p.format() for p in problems]
    return cat, next(d for d in cat.maps if isinstance(d, Sop))


def _tables(cat, doc):
    return docx.Document(io.BytesIO(sop_docx.render(cat, doc)[f"{doc.kode}.docx"])).tables


def test_the_total_time_closes_the_table_and_the_note_stands_under_it():
    cat, doc = _one(FIXTURES / "publik" / "medan")
    assert doc.jumlah_waktu == "35"
    last = _tables(cat, doc)[-1].rows[-1]
    texts = [c.text for c in last.cells]
    # written "35" under satuan_waktu: menit: printed with its unit, as the steps' times are
    assert texts[0] == "Jumlah Waktu" and "35 menit" in texts and texts.index("35 menit") == len(texts) - 3, texts
    cat, doc = _one(FIXTURES / "publik" / "bpbd_sigi")
    document = docx.Document(io.BytesIO(sop_docx.render(cat, doc)[f"{doc.kode}.docx"]))
    body = [p.text for p in document.paragraphs if p.text]
    assert body[-1] == f"Catatan: {doc.catatan}", body[-3:]  # one item on the label's line, as the site has it
    assert "Jumlah Waktu" not in [c.text for c in document.tables[-1].rows[-1].cells]  # none written: no row


def _laid_out(folder):
    """(document, its chart, the chart's page tables, the height its last page's rows take)."""
    cat, doc = _one(folder)
    chart = build_chart(cat, doc, STYLE)
    last = chart.pages[-1]
    return doc, chart, page_tables(chart, STYLE, Ids()), last.rows[-1].top + last.rows[-1].height


def test_what_the_last_page_cannot_hold_starts_a_page_of_its_own():
    doc, chart, tables, used = _laid_out(FIXTURES / "publik" / "medan")
    # room for the row but not the note: the row in the table, the note on the next page
    row_h = sop_tail.total_row(chart, doc, STYLE)[1]
    noted = doc.model_copy(update={"catatan": ["Satu", "Dua"]})
    out = sop_tail.attach(tables, chart, noted, STYLE, used + sop_tail.SLACK + row_h)
    assert len(out) == len(tables) + 1 and "Jumlah Waktu" in out[-2] and out[-1].startswith("<w:p>")
    assert "Catatan:" in out[-1] and "Catatan:" not in out[-2]
    # no room for the row: a table of its own, under the header again
    out = sop_tail.attach(tables, chart, noted, STYLE, used)
    assert len(out) == len(tables) + 1 and out[-1].count("<w:tblHeader/>") == 2 and "Jumlah Waktu" in out[-1]
    assert out[-1].index("Jumlah Waktu") < out[-1].index("Catatan:")


LONG_TOTAL = "3 Hari Kerja, Apabila Berkas Lengkap dan Benar"  # Kab. Barito Kuala's Standar Pelayanan (review Y)
TWO_NOTES = ["Pengaduan yang tidak disertai identitas pelapor tetap ditelaah", "Hasil telaah dilaporkan kepada Ketua"]


def test_a_full_last_page_takes_its_last_steps_along_with_the_total_and_the_note(tmp_path):
    """PT Aceh's table leaves 4 mm of its page: the total row and the note went to a page of their own, the
    row alone under the header (review Y saw it on Kab. Belitung's and Barito Kuala's SOPs).  The pages are
    planned with them: the last steps go along, LibreOffice lays the document out on as many pages as the body
    says (the book's contents count on it), and a total wider than the Waktu column breaks between words."""
    exe = require("soffice")
    shutil.copytree(FIXTURES / "publik" / "pt_aceh", tmp_path / "cat")
    [path] = (tmp_path / "cat").glob("sop-*.yaml")
    path.write_text(path.read_text(encoding="utf-8") + f"jumlah_waktu: {LONG_TOTAL}\ncatatan:\n"
                    + "".join(f"  - {n}\n" for n in TWO_NOTES), encoding="utf-8")
    cat, doc = _one(tmp_path / "cat")
    planned = sop_docx.sop_body(sop_docx.Writer(cat, STYLE), doc)[1]
    plain = sop_docx.sop_body(sop_docx.Writer(cat, STYLE), doc.model_copy(update={"catatan": None,
                                                                                  "jumlah_waktu": None}))[1]
    assert planned <= plain + 1
    (tmp_path / "x.docx").write_bytes(sop_docx.render(cat, doc)[f"{doc.kode}.docx"])
    subprocess.run([exe, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(tmp_path / "x.docx")], check=True, capture_output=True, timeout=300)
    text = subprocess.run([require("pdftotext"), "-layout", str(tmp_path / "x.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) == planned, len(pages)
    last = pages[-1]
    assert "Jumlah Waktu" in last and "Catatan:" in last and "Kegiatan" in last, last
    assert re.search(r"^\s*\d+\s+\S", last.split("Jumlah Waktu")[0], re.M), last  # a step's row above the total
    for word in ("Apabila", "Berkas", "Lengkap", "Benar"):  # whole: not "Apabil/a" in an 8 mm Waktu column
        assert re.search(rf"\b{word}\b", last), last


@pytest.mark.parametrize("folder", ["bmn", "kua", "kudus_izin", "pacuti"])
def test_the_last_page_is_planned_with_the_total_and_the_note(folder):
    """With a long total and a two-item note these SOPs took a page more, the total row (or the note) alone on
    it although the pages could hold them with the steps: planned with them, the page count stays."""
    cat, doc = _one(FIXTURES / "publik" / folder)
    full = doc.model_copy(update={"jumlah_waktu": LONG_TOTAL, "catatan": TWO_NOTES})
    xml, pages = sop_docx.sop_body(sop_docx.Writer(cat, STYLE), full)
    plain = sop_docx.sop_body(sop_docx.Writer(cat, STYLE), doc.model_copy(update={"catatan": None,
                                                                                  "jumlah_waktu": None}))[1]
    assert pages == plain
    last = xml.split("<w:pageBreakBefore/>")[-1]
    assert "Jumlah Waktu" in last and "Catatan:" in last and last.count("<w:tr>") > 3  # header rows, steps, total


def test_the_tail_is_kept_under_the_last_pages_rows():
    """``paginate`` keeps ``tail`` under the last page's rows, with at least one of them."""
    heights, room = [100] * 10, 1000
    assert paginate(heights, room) == [list(range(10))]
    groups = paginate(heights, room, tail=50)
    assert len(groups) == 2 and sum(heights[k] for k in groups[-1]) + 50 <= room and len(groups[-1]) >= 1
    # no page can hold a row and the tail: the last row alone, and the tail goes on (``attach``)
    assert paginate([100, 990], room, tail=50)[-1] == [1]


def test_a_total_wider_than_the_waktu_column_spans_the_next_columns():
    """Kab. Barito Kuala prints "3 Hari Kerja, Apabila Berkas Lengkap dan Benar" and no step time: the Waktu
    column, sized from the times, is ~8 mm and broke "Apabil/a" (review Y).  The total's cell spans Output (and
    Keterangan when need be) until its widest word fits; a short total stays in the Waktu column."""
    cat, doc = _one(FIXTURES / "publik" / "kua")
    chart = build_chart(cat, doc, STYLE)
    w, n = chart.columns.widths, chart.columns.n_actors
    row, height = sop_tail.total_row(chart, doc.model_copy(update={"jumlah_waktu": LONG_TOTAL}), STYLE)
    cells = re.findall(r'<w:tcW w:w="(\d+)"', row)
    assert len(cells) >= 2 and int(cells[1]) > w[3 + n]
    widest = max(STYLE.measure(word, STYLE.table_size) for word in LONG_TOTAL.split())
    assert int(cells[1]) - 2 * CELL_LR >= widest
    assert sum(int(c) for c in cells) == sum(w)
    assert height == sop_tail.PAD * 2 + STYLE.line(STYLE.table_size) * STYLE.wrap(
        LONG_TOTAL, int(cells[1]) - 2 * CELL_LR, STYLE.table_size)
    short, _ = sop_tail.total_row(chart, doc.model_copy(update={"jumlah_waktu": "1 Hari"}), STYLE)
    assert [int(c) for c in re.findall(r'<w:tcW w:w="(\d+)"', short)][1] == w[3 + n]


def test_the_review_site_shows_them_under_the_steps(tmp_path):
    from petaproses.cli import main

    assert main(["build", str(FIXTURES / "publik" / "medan"), "-o", str(tmp_path / "m")]) == 0
    page = (tmp_path / "m" / "kel_spt1" / "SPT1.SOP.01.html").read_text(encoding="utf-8")
    # "35" under satuan_waktu: menit, with its unit as the .docx prints it and as the steps' times show (tester)
    assert re.search(r"<tfoot><tr><th[^>]*>Jumlah Waktu</th><td[^>]*>35 menit</td>", page)
    shutil.copytree(FIXTURES / "publik" / "bpbd_sigi", tmp_path / "s")
    [path] = (tmp_path / "s").glob("sop-*.yaml")
    path.write_text(path.read_text(encoding="utf-8").replace("catatan: SOP", "catatan:\n  - <b>SOP</b>\n  - Dua\n#"),
                    encoding="utf-8")
    assert main(["build", str(tmp_path / "s"), "-o", str(tmp_path / "o")]) == 0
    page = (tmp_path / "o" / "bpbd" / "BPBD.PPE.01.html").read_text(encoding="utf-8")
    assert '<div class="catatan"><strong>Catatan:</strong><ol><li>&lt;b&gt;SOP&lt;/b&gt;</li><li>Dua</li></ol>' in page


def test_a_total_longer_than_a_line_of_the_identity_is_refused(tmp_path):
    """A 300-character total made a row taller than a page (exact height): LibreOffice laid the SOP on 4 pages
    where the book counted 2 (review L).  A total is a short text, as `nomor` or `waktu`."""
    shutil.copytree(FIXTURES / "publik" / "medan", tmp_path / "cat")
    path = tmp_path / "cat" / "sop-surat-masuk.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('jumlah_waktu: "35"', "jumlah_waktu: " + "35 menit " * 15),
                    encoding="utf-8")
    _, problems = check([str(tmp_path / "cat")])
    assert [p.code for p in problems if p.is_error] == ["text-too-long"], [p.format() for p in problems]


def test_a_one_line_note_takes_one_line_and_keeps_its_own_label():
    """PN Bangkinang prints "Keterangan : Tim Perencanaan terdiri atas ..." under the table, on its one page; ours
    printed "Catatan:" and the note on two lines and took a second page for them (review O)."""
    cat, doc = _one(FIXTURES / "publik" / "bpbd_sigi")
    chart = build_chart(cat, doc, STYLE)
    line = STYLE.line(STYLE.table_size)
    xml, height = sop_tail.note(chart, doc, STYLE)
    assert xml.count("<w:p>") == 1 and height == sop_tail.NOTE_GAP + line * STYLE.wrap(
        f"Catatan: {doc.catatan}", sum(chart.columns.widths), STYLE.table_size, True)
    own = doc.model_copy(update={"catatan": "Keterangan : Tim Perencanaan terdiri atas Panitera/Sekretaris"})
    xml, height = sop_tail.note(chart, own, STYLE)
    assert "Catatan" not in xml and "Keterangan : Tim" in xml and height == sop_tail.NOTE_GAP + line
    xml, height = sop_tail.note(chart, doc.model_copy(update={"catatan": ["Satu", "Dua"]}), STYLE)
    assert xml.count("<w:p>") == 3 and height == sop_tail.NOTE_GAP + 3 * line  # the label, then 1. and 2.


def test_a_note_may_use_half_the_tables_slack():
    """PN Bangkinang's one-line note went to a page of its own, 1.8 mm short by the estimate, where LibreOffice
    left 2.8 mm under it on the page (review O): a note may use half the slack kept for the table's borders."""
    doc, chart, tables, used = _laid_out(FIXTURES / "publik" / "bpbd_sigi")
    note_h = sop_tail.note(chart, doc, STYLE)[1]
    room = used + sop_tail.SLACK + note_h - sop_tail.NOTE_SLACK  # short of SLACK, within NOTE_SLACK
    assert len(sop_tail.attach(tables, chart, doc, STYLE, room)) == len(tables)
    assert len(sop_tail.attach(tables, chart, doc, STYLE, room - 1)) == len(tables) + 1


def test_a_note_written_with_its_own_numbers_is_not_numbered_twice(tmp_path):
    """Review S (RSUD Banjarnegara): notes transcribed "1. Rapat dinas ...", "2. Pimpinan ..." printed
    "1. 1. Rapat dinas" under the table, and on the review site; the identity's lists kept such marks already."""
    from petaproses.build import build

    shutil.copytree(FIXTURES / "mini", tmp_path / "cat")
    sop = tmp_path / "cat" / "sop.yaml"
    sop.write_text(sop.read_text(encoding="utf-8") + "catatan:\n  - 1. Rapat dinas setiap bulan\n"
                   "  - 2. Pimpinan rapat adalah Direktur\n", encoding="utf-8")
    cat, doc = _one(tmp_path / "cat")
    document = docx.Document(io.BytesIO(sop_docx.render(cat, doc)[f"{doc.kode}.docx"]))
    body = [p.text for p in document.paragraphs if p.text]
    assert body[-2:] == ["1.\tRapat dinas setiap bulan", "2.\tPimpinan rapat adalah Direktur"], body[-3:]
    assert not build([str(tmp_path / "cat")], str(tmp_path / "out")).failed
    [page] = (tmp_path / "out").glob(f"*/{doc.kode}.html")
    html = page.read_text(encoding="utf-8")
    assert '<span class="tanda">1.</span> Rapat dinas' in html and "<li>1. Rapat" not in html
    # a name's initial is not a list's first mark ("H." for Haji): numbered as the others
    initial = doc.model_copy(update={"catatan": ["H. Ahmad bertanggung jawab atas arsip", "Berkas disimpan 5 tahun"]})
    body = [p.text for p in docx.Document(io.BytesIO(sop_docx.render(cat, initial)[f"{doc.kode}.docx"])).paragraphs
            if p.text]
    assert body[-2:] == ["1.\tH. Ahmad bertanggung jawab atas arsip", "2.\tBerkas disimpan 5 tahun"], body[-3:]
    # the first item written without its number ("Kebijakan: 1. ...", RSUD as transcribed): numbered here, and the
    # others' own numbers in their places are not printed again
    rsud = doc.model_copy(update={"catatan": ["Kebijakan: 1. Rapat dinas setiap bulan", "2. Pimpinan rapat",
                                             "3. Materi rapat"]})
    body = [p.text for p in docx.Document(io.BytesIO(sop_docx.render(cat, rsud)[f"{doc.kode}.docx"])).paragraphs
            if p.text]
    assert body[-3:] == ["1.\tKebijakan: 1. Rapat dinas setiap bulan", "2.\tPimpinan rapat", "3.\tMateri rapat"], body
    sop.write_text(sop.read_text(encoding="utf-8").replace("  - 1. Rapat dinas setiap bulan\n",
                                                          "  - \"Kebijakan: 1. Rapat dinas setiap bulan\"\n"),
                   encoding="utf-8")
    assert not build([str(tmp_path / "cat")], str(tmp_path / "out")).failed
    html = page.read_text(encoding="utf-8")  # the site the same: numbered by its list, each number once
    assert "<li>Pimpinan rapat adalah Direktur</li>" in html and "<li>2. Pimpinan" not in html
    # without marks of their own: numbered as before
    plain = doc.model_copy(update={"catatan": ["Rapat dinas setiap bulan", "Pimpinan rapat adalah Direktur"]})
    body = [p.text for p in docx.Document(io.BytesIO(sop_docx.render(cat, plain)[f"{doc.kode}.docx"])).paragraphs
            if p.text]
    assert body[-2:] == ["1.\tRapat dinas setiap bulan", "2.\tPimpinan rapat adalah Direktur"], body[-3:]
