"""Monitoring (Tabel 7) and evaluation forms per department."""

from __future__ import annotations

import io
import zipfile

import docx

from petaproses.model import Sop
from petaproses.render import forms


def _text(data: bytes) -> str:
    d = docx.Document(io.BytesIO(data))
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells)


def test_forms_list_every_sop_of_the_department(catalogue):
    out = forms.render_catalogue(catalogue)
    for pd_id in {d.perangkat_daerah for d in catalogue.maps if isinstance(d, Sop)}:
        sops = [d for d in catalogue.maps if isinstance(d, Sop) and d.perangkat_daerah == pd_id]
        monitoring = _text(out[f"{pd_id}/Formulir-Monitoring-SOP-{pd_id}.docx"])
        evaluation = _text(out[f"{pd_id}/Formulir-Evaluasi-SOP-{pd_id}.docx"])
        for sop in sops:
            assert sop.nama in monitoring and sop.kode in evaluation
        for heading in ("Penilaian terhadap penerapan", "Berjalan dengan baik", "Tidak berjalan dengan baik",
                        "Catatan hasil penilaian", "Tindakan yang harus diambil", "Paraf penilai"):
            assert heading in monitoring
        for criterion in forms.KRITERIA:
            assert criterion in evaluation
        assert "Padang Panjang, ....." in monitoring


def test_the_seat_is_where_the_forms_and_the_decree_are_signed(catalogue, monkeypatch):
    """A regency's seat is another town (Kabupaten Solok sits in Arosuka): ``kedudukan`` says it, in the forms'
    signature and the book's "Ditetapkan di"; without it the name of a city without "Pemerintah Kota"."""
    from petaproses.render import sop_docx

    pd_id = sorted(d.perangkat_daerah for d in catalogue.maps if isinstance(d, Sop))[0]
    book = f"Dokumen-SOP-{pd_id}.docx"
    assert "Ditetapkan di Padang Panjang" in _text(sop_docx.render_department(catalogue, pd_id)[book])
    monkeypatch.setattr(catalogue, "organisasi", catalogue.organisasi.model_copy(update={"kedudukan": "Arosuka"}))
    forms._PROTOTYPES.clear()
    monitoring = _text(forms.render_catalogue(catalogue)[f"{pd_id}/Formulir-Monitoring-SOP-{pd_id}.docx"])
    assert "Arosuka, ....." in monitoring and "Padang Panjang, ....." not in monitoring
    decree = _text(sop_docx.render_department(catalogue, pd_id)[book])
    assert "Ditetapkan di Arosuka" in decree and "Ditetapkan di Padang Panjang" not in decree


def test_forms_are_deterministic(catalogue):
    assert forms.render_catalogue(catalogue) == forms.render_catalogue(catalogue)


def _fresh_forms(cat, pd_id: str, style) -> tuple[bytes, bytes]:
    """Both forms of ``pd_id`` made from scratch: no prepared form kept from an earlier call."""
    forms._PROTOTYPES.clear()
    return forms.monitoring_form(cat, pd_id, style), forms.evaluation_form(cat, pd_id, style)


def test_reused_prepared_form_gives_the_bytes_of_a_fresh_one(catalogue):
    """Forms after forms (the prepared page and header tables copied) equal forms made first in a process."""
    style = forms.load_style(forms.templates_dir())
    departments = sorted({d.perangkat_daerah for d in catalogue.maps if isinstance(d, Sop)})
    assert len(departments) >= 2
    fresh = {pd: _fresh_forms(catalogue, pd, style) for pd in departments}
    for pd in reversed(departments):  # one prototype for all of them, in another order
        assert (forms.monitoring_form(catalogue, pd, style), forms.evaluation_form(catalogue, pd, style)) == fresh[pd]
    # the header rows are copies: rows added to one form never show in the next
    again = forms.monitoring_form(catalogue, departments[0], style)
    sops = [d for d in catalogue.maps if isinstance(d, Sop) and d.perangkat_daerah == departments[0]]
    assert len(docx.Document(io.BytesIO(again)).tables[0].rows) == 3 + len(sops)
    assert zipfile.ZipFile(io.BytesIO(again)).read("word/document.xml").count(b"Paraf penilai") == 1


def test_a_second_style_gets_its_own_prepared_form(catalogue, tmp_path):
    folder = tmp_path / "templates" / "sop"
    folder.mkdir(parents=True)
    (folder / "gaya.yaml").write_text("kertas: F4\nhuruf: Bookman Old Style\nwarna_judul_tabel: '#C0C0C0'\n")
    house = forms.load_style(forms.templates_dir())
    other = forms.load_style(tmp_path / "templates")
    pd = sorted({d.perangkat_daerah for d in catalogue.maps if isinstance(d, Sop)})[0]
    want_other = _fresh_forms(catalogue, pd, other)
    want_house = _fresh_forms(catalogue, pd, house)
    assert want_other != want_house
    assert (forms.monitoring_form(catalogue, pd, other), forms.evaluation_form(catalogue, pd, other)) == want_other
    assert (forms.monitoring_form(catalogue, pd, house), forms.evaluation_form(catalogue, pd, house)) == want_house
    xml = zipfile.ZipFile(io.BytesIO(want_other[0])).read("word/document.xml").decode()
    assert 'w:fill="C0C0C0"' in xml and 'w:fill="D9D9D9"' not in xml


def test_copied_parts_give_the_bytes_python_docx_makes_directly(catalogue, monkeypatch):
    """The prepared page, header tables and rows are copies: the forms equal ones built call by call."""
    style = forms.load_style(forms.templates_dir())
    departments = sorted({d.perangkat_daerah for d in catalogue.maps if isinstance(d, Sop)})
    copied = {pd: (forms.monitoring_form(catalogue, pd, style), forms.evaluation_form(catalogue, pd, style))
              for pd in departments}
    monkeypatch.setattr(forms._Prototype, "fresh", lambda self: forms._new_document(style))
    monkeypatch.setattr(forms._Prototype, "table", lambda self, document, kind, make: make(document))
    monkeypatch.setattr(forms._Prototype, "row", lambda self, table, kind: forms._add_row(table))
    for pd in departments:
        direct = (forms.monitoring_form(catalogue, pd, style), forms.evaluation_form(catalogue, pd, style))
        assert direct == copied[pd], pd


def test_forms_made_in_threads_at_once_are_the_forms_made_alone(catalogue):
    """Each thread prepares its own form (a prepared form is changed while one is made)."""
    from concurrent.futures import ThreadPoolExecutor

    style = forms.load_style(forms.templates_dir())
    departments = sorted({d.perangkat_daerah for d in catalogue.maps if isinstance(d, Sop)}) * 4
    alone = {pd: forms.monitoring_form(catalogue, pd, style) for pd in set(departments)}
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda pd: forms.monitoring_form(catalogue, pd, style), departments))
    assert together == [alone[pd] for pd in departments]


def _cell_with_python_docx(cell, text: str, bold: bool = False, center: bool = False, fill: str | None = None,
                           size=None) -> None:
    """What forms._cell wrote before it put the XML in place itself: python-docx's API (the fill as it was)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    para = cell.paragraphs[0]
    run = para.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if fill:
        forms._shade(cell, fill)


def test_a_forms_cell_is_the_xml_python_docx_writes():
    """forms._cell writes a cell's run without python-docx's API (its place search was ~40 % of a department's
    forms): the same XML for text with tabs, line breaks, edge spaces and none; bold or not; sizes; centred; filled;
    also in a cell whose paragraph already has properties."""
    import itertools

    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from lxml import etree

    texts = ["", "a", " di depan", "x\ty", "baris 1\nbaris 2\r\nbaris 3", "di belakang ", "\u2610", "a\u00a0"]
    combos = list(itertools.product(texts, [False, True], [False, True], [None, "D9D9D9"], [None, 8, 10.5, 14],
                                    [False, True]))
    for text, bold, center, fill, size, styled in combos:
        made = []
        for write in (_cell_with_python_docx, forms._cell):
            table = docx.Document().add_table(rows=1, cols=1)
            cell = table.cell(0, 0)
            if styled:  # a paragraph with properties already: alignment goes in its place among them
                cell.paragraphs[0].paragraph_format.space_after = 0
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            write(cell, text, bold=bold, center=center, fill=fill, size=size)
            made.append(etree.tostring(table._tbl))
        assert made[0] == made[1], (text, bold, center, fill, size, styled)
    assert len(combos) == 512


def test_what_the_forms_read_follows_a_renamed_sop_and_is_what_a_fresh_process_reads():
    """render._forms_reads keeps each SOP's row by the SOP object (a process that builds again reuses the unchanged
    ones): a renamed SOP is a new object, its row is made again, and the key is the one nothing kept makes."""
    from petaproses import render
    from petaproses.check import check

    from .conftest import PROCESSES

    cat, _ = check([str(PROCESSES)])
    pd_id = next(d.perangkat_daerah for d in cat.maps if isinstance(d, Sop))
    first = render._forms_reads(cat, pd_id)
    assert render._forms_reads(cat, pd_id) == first
    i = next(i for i, d in enumerate(cat.maps) if isinstance(d, Sop) and d.perangkat_daerah == pd_id)
    cat.maps[i] = cat.by_code[cat.maps[i].kode] = cat.maps[i].model_copy(update={"nama": "Nama Yang Baru"})
    renamed = render._forms_reads(cat, pd_id)
    assert renamed != first and b"Nama Yang Baru" in renamed
    render._FORMS_ROWS.clear()
    assert render._forms_reads(cat, pd_id) == renamed


def test_in_libreoffice_no_sop_row_splits_and_the_signature_keeps_the_last_row(catalogue, tmp_path):
    """The department with the most SOPs fills page 1 (DPMPTSP: 7 rows): no row's SOP name is split over two
    pages, and the signature never stands alone on a page (the last row goes over with it)."""
    import subprocess

    from .conftest import require

    soffice, pdftotext = require("soffice"), require("pdftotext")
    out = forms.render_catalogue(catalogue)
    names = ["dpmptsp/Formulir-Evaluasi-SOP-dpmptsp.docx", "dpmptsp/Formulir-Monitoring-SOP-dpmptsp.docx",
             "diskominfo/Formulir-Evaluasi-SOP-diskominfo.docx"]
    for name in names:
        (tmp_path / name.split("/")[1]).write_bytes(out[name])
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profil'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), *(str(tmp_path / n.split("/")[1]) for n in names)],
                   check=True, capture_output=True, timeout=300)
    for name in names:
        pdf = tmp_path / name.split("/")[1].replace(".docx", ".pdf")
        pages = subprocess.run([pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True,
                               text=True).stdout.split("\f")
        pd_id = name.split("/")[0]
        sops = sorted((d for d in catalogue.maps if isinstance(d, Sop) and d.perangkat_daerah == pd_id),
                      key=lambda d: d.kode)
        signed = [k for k, page in enumerate(pages) if "Penilai," in page]
        assert len(signed) == 1 and sops[-1].kode in pages[signed[0]], name
        for sop in sops:  # a row's first words and its code on one page
            first = " ".join(sop.nama.split()[:2])
            assert [k for k, p in enumerate(pages) if first in p] == [k for k, p in enumerate(pages)
                                                                     if sop.kode in p], (name, sop.kode)
