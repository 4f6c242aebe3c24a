"""The identity part of an SOP on real published SOPs (tests/fixtures/publik): what fits one page at which
size, and lists printed as they were written."""

from __future__ import annotations

import io
import re
import shutil
import zipfile

import docx

from petaproses.build import check
from petaproses.layout import sop_identity
from petaproses.layout.page import PageStyle
from petaproses.model import Sop
from petaproses.impor import import_bpmn
from petaproses.render import bpmn, sop_docx
from petaproses.texts import list_marks
from tests.conftest import FIXTURES

PUBLIK = FIXTURES / "publik"
STYLE = PageStyle()


def _one(folder):
    cat, problems = check([str(folder)])
    assert not [p for p in problems if p.is_error], [p.format() for p in problems]
    return cat, next(d for d in cat.maps if isinstance(d, Sop))


def test_a_long_dasar_hukum_takes_the_wider_share_of_its_row_before_the_type_shrinks():
    """17 Dasar Hukum items beside 3 short Kualifikasi (Kemenag Bojonegoro): the list once shrank to 8 pt in
    the 40 % half while the other half stood empty; it now takes the wider share at the full size."""
    cat, doc = _one(PUBLIK / "bojonegoro")
    assert len(doc.dasar_hukum) == 17
    ident = sop_identity.identity(cat, doc, STYLE, True)
    assert ident.pages == 1 and ident.list_size == STYLE.size
    assert ident.splits[0] > 1  # Dasar Hukum spans more than the institution's column
    table = docx.Document(io.BytesIO(sop_docx.render(cat, doc)[f"{doc.kode}.docx"])).tables[0]
    row = next(r for r in table.rows if r.cells[0].text.startswith("Dasar Hukum"))
    assert row.cells[0].width > row.cells[-1].width  # the wider share on the page, not only in the layout


def test_items_written_with_their_own_marks_keep_them():
    """A transcribed list written "A. Kompetensi: 1. ...", "2. ...", "B. Pendidikan: ..." once printed
    "1. A. Kompetensi", "2. 2. Memiliki": items whose first carries a mark keep what is written."""
    assert list_marks(["Satu", "Dua"]) == [("1.", "Satu"), ("2.", "Dua")]
    assert list_marks(["A. Kompetensi: 1. Menguasai", "2. Memiliki", "B. Pendidikan", "tanpa tanda"]) == [
        ("A.", "Kompetensi: 1. Menguasai"), ("2.", "Memiliki"), ("B.", "Pendidikan"), ("", "tanpa tanda")]
    assert list_marks(["UU No. 1 Tahun 2004", "PP. 5"]) == [("1.", "UU No. 1 Tahun 2004"), ("2.", "PP. 5")]
    cat, doc = _one(PUBLIK / "jateng")
    text = _all_text(cat, doc)
    assert "A.\tKompetensi: 1. Menguasai" in text and "2.\tMemiliki sertifikat" in text
    assert "1.\tA." not in text and "2.\t2." not in text


def _all_text(cat, doc) -> str:
    xml = zipfile.ZipFile(io.BytesIO(sop_docx.render(cat, doc)[f"{doc.kode}.docx"])).read("word/document.xml")
    return xml.decode().replace("<w:tab/>", "\t")


def test_the_name_of_the_sop_as_written_when_the_style_says_so(tmp_path):
    """Real SOPs print their name in capitals or as written ("Pengurusan Surat Masuk", Kel. Sei Putih Timur I,
    Medan): gaya.yaml's nama_sop_kapital chooses; capitals by default."""
    import pytest

    from petaproses.problems import PetaprosesError
    from petaproses.render.docx_style import templates_dir

    cat, doc = _one(PUBLIK / "medan")
    assert doc.nama != doc.nama.upper()
    assert doc.nama.upper() in _all_text(cat, doc)
    folder = tmp_path / "templates" / "sop"
    folder.mkdir(parents=True)
    for f in (templates_dir(None) / "sop").glob("*.j2"):
        (folder / f.name).write_text(f.read_text())
    (folder / "gaya.yaml").write_text("nama_sop_kapital: tidak\n")
    xml = zipfile.ZipFile(io.BytesIO(sop_docx.render(cat, doc, templates_dir=str(tmp_path / "templates"))[
        f"{doc.kode}.docx"])).read("word/document.xml").decode()
    assert doc.nama in xml and doc.nama.upper() not in xml
    (folder / "gaya.yaml").write_text("nama_sop_kapital: mungkin\n")
    with pytest.raises(PetaprosesError, match="nama_sop_kapital harus ya atau tidak"):
        sop_docx.render(cat, doc, templates_dir=str(tmp_path / "templates"))


def test_a_name_that_starts_with_sop_is_not_headed_sop_twice():
    """Kemenag Bojonegoro names its SOP "SOP PENYUSUNAN PROGRAM KERJA ...": the page header once read
    "Kementerian Agama — SOP SOP PENYUSUNAN ..."."""
    cat, doc = _one(PUBLIK / "bojonegoro")
    assert doc.nama.startswith("SOP ")
    d = docx.Document(io.BytesIO(sop_docx.render(cat, doc)[f"{doc.kode}.docx"]))
    header = d.sections[0].header.paragraphs[0].text
    assert header == f"Kementerian Agama — {doc.nama}" and "SOP SOP" not in header
    assert d.core_properties.title == doc.nama
    _, other = _one(PUBLIK / "medan")  # a name without it is headed "SOP <name>"
    assert sop_docx.context(*_one(PUBLIK / "medan"))["judul_sop"] == f"SOP {other.nama}"
    from petaproses.render.docx_writer import sop_title  # as names are written (PN Singkawang: "S.O.P ...")

    for written in ("S.O.P PENGELOLAAN SURAT MASUK", "S.O.P. Cuti", "Standar Operasional Prosedur Cuti", "sop cuti"):
        assert sop_title(written) == written
    assert sop_title("Sopir Dinas") == "SOP Sopir Dinas"


def test_an_sop_not_numbered_yet_is_footed_by_its_pages_alone():
    """Nomor "-" (the court's BMN SOP): the footer read "-    Halaman 1 dari 2"."""
    cat, doc = _one(PUBLIK / "bmn")
    assert doc.nomor == "-"
    footer = docx.Document(io.BytesIO(sop_docx.render(cat, doc)[f"{doc.kode}.docx"])).sections[0].footer
    assert footer.paragraphs[0].text.startswith("Halaman ")
    for dash in ("–", " — "):  # as a word processor turns "-" into a dash
        dashed = doc.model_copy(update={"nomor": dash})
        footer = docx.Document(io.BytesIO(sop_docx.render(cat, dashed)[f"{doc.kode}.docx"])).sections[0].footer
        assert footer.paragraphs[0].text.startswith("Halaman "), footer.paragraphs[0].text
    cat, doc = _one(PUBLIK / "bandung")  # a number stays
    footer = docx.Document(io.BytesIO(sop_docx.render(cat, doc)[f"{doc.kode}.docx"])).sections[0].footer
    assert footer.paragraphs[0].text.startswith(f"{doc.nomor}    Halaman ")


def test_a_name_written_as_a_dash_leaves_the_signature_blank():
    """RSUD Ba'a is signed "BUPATI ROTE NDAO" over a blank name (review J): a name written "-" printed a bold
    dash under the signature's room; the room stands alone now."""
    cat, doc = _one(PUBLIK / "rsud_baa")
    assert cat.organisasi.pejabat[doc.pengesah[0]].nama == "-"
    document = docx.Document(io.BytesIO(sop_docx.render(cat, doc)[f"{doc.kode}.docx"]))
    row = next(r for r in document.tables[0].rows if r.cells[1].text == "Disahkan oleh")
    signature = row.cells[2].tables[0].cell(0, 0).text  # the signers stand in a borderless table of their own
    assert [t for t in signature.split("\n") if t.strip()] == ["BUPATI ROTE NDAO"], signature
    # and in the book's keputusan, signed by the department's head (review L: there it still printed "-")
    book = sop_docx.render_department(cat, doc.perangkat_daerah)
    [data] = book.values()
    texts = [p.text.strip() for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert "-" not in texts, [t for t in texts if len(t) < 3]


def test_a_revision_number_prints_as_the_sop_prints_it(tmp_path):
    """"NO. REVISI : 0" (Disdik Bandung), "Revisi Ke : 2" (PT Denpasar): `revisi_ke` in the Tanggal Revisi field,
    in the document and on the review site; 0, the first version, as a number: "Revisi 0", never the ordinal
    "ke-0" (review V #9), in the document, the site and the swimlane's title."""
    from petaproses.cli import main

    cat, doc = _one(PUBLIK / "bandung")
    assert doc.tanggal.revisi_ke == 0
    text = "\n".join(c.text for t in docx.Document(io.BytesIO(sop_docx.render(cat, doc)[f"{doc.kode}.docx"])).tables
                     for r in t.rows for c in r.cells)
    assert "Tanggal Revisi\nRevisi 0" in text or "Revisi 0" in text.split("Tanggal Revisi", 1)[1][:40], text[:400]
    assert "ke-0" not in text
    dated = doc.tanggal.model_copy(update={"revisi": doc.tanggal.efektif, "revisi_ke": 2})
    from petaproses.texts import format_revision
    assert format_revision(dated) == "09 September 2016 (revisi ke-2)"  # the date as the SOP writes it
    assert format_revision(dated.model_copy(update={"revisi_ke": 0})) == "09 September 2016 (revisi 0)"
    assert format_revision(dated.model_copy(update={"revisi": None, "revisi_ke": 1})) == "Revisi ke-1"
    out = tmp_path / "out"
    assert main(["build", str(PUBLIK / "bandung"), "-o", str(out)]) == 0
    html = next(out.rglob("SOP.AP.SEKRE.01.html")).read_text(encoding="utf-8")
    assert "<th>Tanggal Revisi</th><td>Revisi 0</td>" in html
    svg = next(out.rglob("SOP.AP.SEKRE.01.svg")).read_text()
    assert "Tanggal pembuatan: 01 September 2016 (revisi 0)" in svg and "ke&#45;0" not in svg
    assert "Revisi ke: 0" in next(out.rglob("SOP.AP.SEKRE.01.bpmn")).read_text(encoding="utf-8")


def test_the_review_site_shows_a_list_with_its_own_marks(tmp_path):
    """The review page listed "A. Kompetensi ..." under an <ol>, read as "1. A. Kompetensi"."""
    from petaproses.cli import main

    out = tmp_path / "out"
    assert main(["build", str(PUBLIK / "jateng"), "-o", str(out)]) == 0
    html = next(out.rglob("BD_KBGPL.SEK.SBG_UMPG.4.html")).read_text(encoding="utf-8")
    assert '<ul class="bertanda"><li><span class="tanda">A.</span> Kompetensi: 1. Menguasai' in html
    assert "<li>A. Kompetensi" not in html
    assert "<ol><li>Peraturan Presiden Nomor 70 Tahun 2012" in html  # a plain list stays numbered


def test_a_tighter_identity_lets_the_flowchart_start_on_its_page():
    """Real SOPs put their first rows under the identity table when the page has room.  The identity laid out
    in its normal spacing left too little for three rows (a fifth page for BPBD.RR.SOP.05); in tighter
    spacing (never a smaller logo or type) the flowchart starts there: 4 pages."""
    from petaproses.render.docx_style import load_style, templates_dir
    from petaproses.render.docx_writer import Writer
    from petaproses.render.sop_body import sop_body

    cat, _ = check([str(FIXTURES / "ulasan4")])
    doc = cat.by_code["BPBD.RR.SOP.05"]
    style = load_style(templates_dir(None))
    normal = sop_identity.identity(cat, doc, style, True)
    xml, pages = sop_body(Writer(cat, style), doc)
    assert pages == 4 and normal.pages == 1 and sop_identity.LEVELS.index(normal.level) == 0
    assert xml.count("<w:tbl>") >= 2


def test_the_departments_address_stands_under_its_name_when_the_style_asks(tmp_path):
    """Setwan Kota Yogyakarta prints its address, telephone and e-mail under its name, as its letterhead does
    (review K): `alamat_di_identitas: ya` in gaya.yaml prints the department's `alamat` there, wrapped in the
    cell; off by default (PermenPANRB's identity has no address)."""
    import shutil

    from petaproses.paths import templates_dir

    from .conftest import PROCESSES

    cat, _ = check([str(PROCESSES)])
    doc = next(d for d in cat.maps if d.kode == "DPMPTSP.SOP.01")
    address = cat.organisasi.perangkat_daerah[doc.perangkat_daerah].alamat

    def left_cell(folder=None) -> str:
        data = sop_docx.render(cat, doc, templates_dir=folder)[f"{doc.kode}.docx"]
        return docx.Document(io.BytesIO(data)).tables[0].cell(0, 0).text

    assert address and address not in left_cell()
    shutil.copytree(templates_dir(), tmp_path / "t")
    gaya = tmp_path / "t" / "sop" / "gaya.yaml"
    gaya.write_text(gaya.read_text(encoding="utf-8").replace("alamat_di_identitas: tidak", "alamat_di_identitas: ya"),
                    encoding="utf-8")
    assert left_cell(str(tmp_path / "t")).endswith(address)
    ident = sop_identity.identity(cat, doc, PageStyle(address=True), has_logo=True)
    plain = sop_identity.identity(cat, doc, STYLE, has_logo=True)
    assert ident.address == [address] and plain.address == [] and ident.heights[0] >= plain.heights[0]


def test_an_address_written_as_a_dash_leaves_the_books_cover_blank(tmp_path):
    """Three of review M's transcriptions write `alamat: "-"` (not in the copy): the cover printed a lone "-"."""
    import shutil

    shutil.copytree(PUBLIK / "rsud_baa", tmp_path / "cat")
    org = tmp_path / "cat" / "organisasi.yaml"
    text = org.read_text(encoding="utf-8")
    org.write_text("\n".join('alamat: "-"' if line.startswith("alamat:") else line for line in text.splitlines()) + "\n",
                   encoding="utf-8")
    cat, doc = _one(tmp_path / "cat")
    assert cat.organisasi.alamat == "-"
    [data] = sop_docx.render_department(cat, doc.perangkat_daerah).values()
    assert "-" not in [p.text.strip() for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_the_signers_text_starts_where_the_other_values_do():
    """"Disahkan oleh"'s value stood 1 mm right of the other values (review O): the signers' table in the value
    cell added its own cell margin to the cell's.  The first signer's column has none on its left."""
    import re

    cat, doc = _one(FIXTURES / "nyata")
    xml = zipfile.ZipFile(io.BytesIO(sop_docx.render(cat, doc)[f"{doc.kode}.docx"])).read("word/document.xml").decode()
    nested = re.search(r"<w:tc>(?:(?!</w:tc>).)*?<w:tbl>.*?<w:tc><w:tcPr>(.*?)</w:tcPr>", xml, re.S)
    assert nested is not None and '<w:tcMar><w:left w:w="0" w:type="dxa"/>' in nested[1], nested and nested[1]


def test_a_number_written_with_its_own_label_is_printed_as_written(tmp_path):
    """A police SOP is signed "AKBP NRP 76071092" and a university's "NIDN. 1023118701" (review R: ours printed
    "NIP. NRP 76071092" in the identity and in the book's keputusan); a bare number is still a NIP."""
    assert sop_identity.signer_tail(sop_identity.Signer("Kapolres", "Nama", "AKBP", "NRP 76071092")) == [
        ("Nama", True), ("AKBP NRP 76071092", False)]  # Polri and TNI print the NRP on the rank's line
    assert sop_identity.signer_tail(sop_identity.Signer("Dekan", "Nama", "", "NIDN. 1023118701")) == [
        ("Nama", True), ("NIDN. 1023118701", False)]
    assert sop_identity.signer_tail(sop_identity.Signer("Kepala", "Nama", "Pembina (IV/a)", "19700101 199003 1 001")
                                    ) == [("Nama", True), ("Pembina (IV/a)", False), ("NIP. 19700101 199003 1 001", False)]
    # a NIP the signed original leaves blank, written "-" (review Y): no "NIP. -" line
    assert sop_identity.signer_tail(sop_identity.Signer("Kepala", "Nama", "", "-")) == [("Nama", True)]
    shutil.copytree(PUBLIK / "rsud_baa", tmp_path / "kat")
    org = tmp_path / "kat" / "organisasi.yaml"
    cat, doc = _one(tmp_path / "kat")
    head = cat.organisasi.perangkat_daerah[doc.perangkat_daerah].kepala
    text = org.read_text(encoding="utf-8")
    for pid in {doc.pengesah[0], head}:  # each official's own block: add or replace its number and rank
        text = re.sub(rf"(\n  {pid}:\n(?:    .*\n)*?)(    nama: .*\n)", rf"\1\2    pangkat: AKBP\n    nip: NRP 76071092\n",
                      re.sub(rf"(\n  {pid}:\n(?:    .*\n)*?)    (?:nip|pangkat): .*\n", r"\1", text))
    org.write_text(text, encoding="utf-8")
    cat, doc = _one(tmp_path / "kat")
    document = docx.Document(io.BytesIO(sop_docx.render(cat, doc)[f"{doc.kode}.docx"]))
    row = next(r for r in document.tables[0].rows if r.cells[1].text == "Disahkan oleh")
    assert "AKBP NRP 76071092" in row.cells[2].tables[0].cell(0, 0).text
    [data] = sop_docx.render_department(cat, doc.perangkat_daerah).values()
    texts = [p.text.strip() for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert "NRP 76071092" in texts and not any("NIP. NRP" in t for t in texts), [t for t in texts if "NRP" in t]


def test_a_numbered_purpose_prints_as_a_list(tmp_path):
    """Tujuan written as numbered items (Polres Gorontalo Kota's "a. ... b. ...", Undhari's 1-3; review R) is
    a list like Ruang Lingkup: one item a line, its own marks kept, not one run-on paragraph."""
    shutil.copytree(PUBLIK / "rsud_baa", tmp_path / "kat")
    sop = tmp_path / "kat" / "sop-pendaftaran.yaml"
    sop.write_text(sop.read_text(encoding="utf-8") + "tujuan:\n  - a. Tertib administrasi pendaftaran\n"
                   "  - b. Terpenuhinya hak pasien\n", encoding="utf-8")
    cat, doc = _one(tmp_path / "kat")
    document = docx.Document(io.BytesIO(sop_docx.render(cat, doc)[f"{doc.kode}.docx"]))
    cell = next(c for r in document.tables[0].rows for c in r.cells if c.text.startswith("Tujuan"))
    lines = [p.text for p in cell.paragraphs if p.text.strip()]
    assert lines == ["Tujuan:", "a.\tTertib administrasi pendaftaran", "b.\tTerpenuhinya hak pasien"], lines


def test_an_sop_made_checked_and_signed_by_three_prints_each_by_rank(tmp_path):
    """Polres Gorontalo Kota's SOP is signed by three: Dibuat oleh (Paur Min Pers), Diperiksa oleh (Kabag Sumda),
    Disahkan oleh (Kapolres) (review R: 'Dibuat oleh' had no key and was lost).  Printed from the highest:
    Disahkan, Diperiksa, Dibuat; read back from the BPMN export; an unknown id is an error as for the others."""
    shutil.copytree(PUBLIK / "rsud_baa", tmp_path / "kat")
    org, sop = tmp_path / "kat" / "organisasi.yaml", tmp_path / "kat" / "sop-pendaftaran.yaml"
    org.write_text(org.read_text(encoding="utf-8") + "  kabag:\n    jabatan: KABAG SUMDA\n    nama: Satria\n"
                   "    pangkat: AKP\n    nip: NRP 66030628\n  paur:\n    jabatan: PAUR MIN PERS\n    nama: Mansur\n"
                   "    nip: NRP 59100084\n", encoding="utf-8")
    text = sop.read_text(encoding="utf-8")
    sop.write_text(text.replace("disahkan_oleh: bupati\n", "disahkan_oleh: bupati\ndiperiksa_oleh: kabag\n"
                                "dibuat_oleh: paur\n"), encoding="utf-8")
    cat, doc = _one(tmp_path / "kat")
    document = docx.Document(io.BytesIO(sop_docx.render(cat, doc)[f"{doc.kode}.docx"]))
    labels = [r.cells[1].text for r in document.tables[0].rows]
    rows = [labels.index(t) for t in ("Disahkan oleh", "Diperiksa oleh", "Dibuat oleh")]
    assert rows == sorted(rows) and len(set(rows)) == 3, labels
    made = document.tables[0].rows[rows[2]].cells[2].tables[0].cell(0, 0).text
    assert "PAUR MIN PERS" in made and "Mansur" in made and "NRP 59100084" in made, made
    # the BPMN export documents it, impor reads it back as the same id
    (tmp_path / "x.bpmn").write_bytes(bpmn.render_bytes(cat, doc))
    back, _ = import_bpmn(tmp_path / "x.bpmn", doc.perangkat_daerah, tmp_path / "kat" / "back.yaml")
    assert "dibuat_oleh: paur\n" in back, back
    sop.write_text(sop.read_text(encoding="utf-8").replace("dibuat_oleh: paur", "dibuat_oleh: paurr"), encoding="utf-8")
    _, problems = check([str(tmp_path / "kat")])
    assert [p.code for p in problems if p.is_error] == ["unknown-pejabat"], [p.format() for p in problems]


def test_a_list_with_a_lead_in_is_numbered_once_under_its_lead_in(tmp_path):
    """Review T (Dinas Sosial NTB): a Peringatan transcribed "Hambatan dapat saja terjadi :", "1. Petugas ...",
    "2. ...", "3. ..." printed "1. Hambatan ...", "2. 1. Petugas ...": the lead-in stands flush left, unnumbered,
    and the items keep their own numbers, once."""
    from petaproses.cli import main

    lead = ["Hambatan dapat saja terjadi :", "1. Petugas Bimbingan berhalangan hadir", "2. Sarana rusak",
            "3. Pemadaman listrik oleh PLN"]
    assert list_marks(lead) == [("", lead[0]), ("1.", "Petugas Bimbingan berhalangan hadir"), ("2.", "Sarana rusak"),
                                ("3.", "Pemadaman listrik oleh PLN")]
    assert list_marks(lead[1:]) == list_marks(lead)[1:]
    from petaproses.layout.sop_table import items_cell

    cell = items_cell(lead)  # a Kelengkapan written so in the flowchart table: the lead-in flush left there too
    assert (cell[0].label, cell[0].indent) == ("", 0) and cell[1].label == "1." and cell[1].indent > 0
    # without its colon a lead-in is known by the list under it (at least two items, each with its mark)
    assert list_marks(["Hambatan", "a. Petugas", "b. Sarana"])[0] == ("", "Hambatan")
    assert list_marks(["Kebijakan: 1. Rapat", "2. Pimpinan"]) == [("1.", "Kebijakan: 1. Rapat"), ("2.", "Pimpinan")]
    shutil.copytree(PUBLIK / "jateng", tmp_path / "cat")
    sop = next((tmp_path / "cat").glob("sop-*.yaml"))
    text = re.sub(r"(?m)^peringatan: .*\n", "peringatan:\n" + "".join(f'  - "{t}"\n' for t in lead),
                  sop.read_text(encoding="utf-8"), count=1)
    sop.write_text(text, encoding="utf-8")
    cat, doc = _one(tmp_path / "cat")
    body = [p for p in docx.Document(io.BytesIO(sop_docx.render(cat, doc)[f"{doc.kode}.docx"])).tables[0]._cells
            for p in p.paragraphs]
    texts = [p.text for p in body]
    i = texts.index(lead[0])
    assert texts[i + 1:i + 4] == ["1.\tPetugas Bimbingan berhalangan hadir", "2.\tSarana rusak",
                                  "3.\tPemadaman listrik oleh PLN"], texts[i:i + 4]
    assert not body[i].paragraph_format.left_indent  # flush left; the items under it hang
    assert body[i + 1].paragraph_format.left_indent and body[i + 1].paragraph_format.first_line_indent < 0
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "cat"), "-o", str(out)]) in (0, 1)
    html = next(out.rglob(f"{doc.kode}.html")).read_text(encoding="utf-8")
    # the site: as the document prints it, once numbered (it joined them "Hambatan ... :; 1. Petugas ...")
    assert ('<li class="pengantar">Hambatan dapat saja terjadi :</li><li><span class="tanda">1.</span> Petugas '
            'Bimbingan') in html


def _with_lists(folder, **lists):
    """The Jateng SOP in ``folder`` with these fields written as lists (``kelengkapan``: on its first step)."""
    shutil.copytree(PUBLIK / "jateng", folder)
    sop = next(folder.glob("sop-*.yaml"))
    text = sop.read_text(encoding="utf-8")
    for key, items in lists.items():
        block = "".join(f'  - "{t}"\n' for t in items)
        if key == "kelengkapan":
            step = block.replace("  -", "      -")
            text = text.replace("    waktu: 1 hari\n", f"    waktu: 1 hari\n    kelengkapan:\n{step}", 1)
        elif re.search(rf"(?m)^{key}:", text):  # written on its line or as a list under it
            text = re.sub(rf"(?m)^{key}:.*\n(?:  - .*\n)*", lambda _: f"{key}:\n{block}", text, count=1)
        else:
            text = text.replace("kegiatan:\n", f"{key}:\n{block}kegiatan:\n", 1)
    sop.write_text(text, encoding="utf-8")
    return _one(folder)


def _paragraphs(document, table: int = 0):
    return [p for c in document.tables[table]._cells for p in c.paragraphs]


def test_two_lead_ins_before_a_list_leave_it_numbered_once(tmp_path):
    """Review U tester: "Hambatan :", "Sekali lagi:", "1. ...", "2. ..." printed "1. Hambatan :", "2. Sekali
    lagi:", "3. 1. Petugas ...": every unmarked line ending ":" before the first marked item is a lead-in."""
    lead = ["Hambatan :", "Sekali lagi:", "1. Petugas Bimbingan berhalangan hadir", "2. Sarana rusak"]
    assert list_marks(lead) == [("", lead[0]), ("", lead[1]), ("1.", "Petugas Bimbingan berhalangan hadir"),
                                ("2.", "Sarana rusak")]
    assert list_marks(["Hambatan", "Sekali lagi", "a. Petugas", "b. Sarana"])[:3] == [
        ("", "Hambatan"), ("", "Sekali lagi"), ("a.", "Petugas")]  # no colons: known by the marked list under them
    assert list_marks(["Hambatan :", "Petugas", "1. Sarana"])[0] == ("1.", "Hambatan :")  # a line between: ours
    cat, doc = _with_lists(tmp_path / "cat", peringatan=lead)
    body = _paragraphs(docx.Document(io.BytesIO(sop_docx.render(cat, doc)[f"{doc.kode}.docx"])))
    texts = [p.text for p in body]
    i = texts.index(lead[0])
    assert texts[i:i + 4] == [lead[0], lead[1], "1.\tPetugas Bimbingan berhalangan hadir", "2.\tSarana rusak"]
    assert not body[i].paragraph_format.left_indent and not body[i + 1].paragraph_format.left_indent


def test_a_lead_in_inside_a_list_stands_flush_left_and_its_list_keeps_its_own_numbers(tmp_path):
    """Review U tester: a second lead-in ("Untuk badan usaha:" before a list starting again at "1.") printed
    indented, as a line of the item above it.  Flush left like the first, in the identity table, the flowchart
    table's cells and the note under it; a line ending ":" before the list goes on ("3.") still continues."""
    from petaproses.layout.sop_table import items_cell

    items = ["Persyaratan:", "1. KTP", "2. KK", "Untuk badan usaha:", "1. Akta pendirian", "2. NPWP"]
    assert list_marks(items) == [("", "Persyaratan:"), ("1.", "KTP"), ("2.", "KK"), ("", "Untuk badan usaha:"),
                                 ("1.", "Akta pendirian"), ("2.", "NPWP")]
    assert [p.indent for p in items_cell(items)][3] == 0
    assert items_cell(["Persyaratan:", "1. KTP", "asli:", "2. KK"])[2].indent > 0  # the list goes on: a line of 1.
    assert items_cell(["a. KTP", "h. KK", "Lalu:", "i. Akta"])[2].indent > 0  # "i." after "h." is no restart
    cat, doc = _with_lists(tmp_path / "cat", pencatatan=items, kelengkapan=items, catatan=items)
    document = docx.Document(io.BytesIO(sop_docx.render(cat, doc)[f"{doc.kode}.docx"]))
    for table in range(len(document.tables) + 1):  # the identity, the flowchart, the note under it
        body = _paragraphs(document, table) if table < len(document.tables) else document.paragraphs
        texts = [p.text for p in body]
        for i in (k for k, t in enumerate(texts) if t == "Untuk badan usaha:"):
            assert texts[i - 2:i + 3] == ["1.\tKTP", "2.\tKK", "Untuk badan usaha:", "1.\tAkta pendirian",
                                          "2.\tNPWP"], texts[i - 2:i + 3]
            assert not body[i].paragraph_format.left_indent, table  # as "Persyaratan:", not under "2. KK"
            assert not body[i - 3].paragraph_format.left_indent and body[i - 1].paragraph_format.left_indent
    xml = zipfile.ZipFile(io.BytesIO(sop_docx.render(cat, doc)[f"{doc.kode}.docx"])).read("word/document.xml")
    assert xml.decode().count(">Untuk badan usaha:<") == 3  # the identity table, the step's cell, the note


def test_a_lead_in_without_its_colon_before_a_list_numbered_again_stands_flush_left():
    """Review V #8 (Dukcapil Aru): "7. ...", then "Bagi yang datang dari Luar Negeri persyaratan ditambah" printed
    without a colon, then "1. ..." again: a lead-in, as with its colon, not a line of item 7.  A line in lower case,
    one before the list going on, before a bullet (no order to restart) or not right under an item still continues the
    item above."""
    from petaproses.layout.sop_table import items_cell
    from petaproses.texts import list_items

    aru = ["Persyaratan Pindah antar Kab/Prop:", "1. Formulir F-1.16", "7. Kartu Keluarga asli",
           "Bagi yang datang dari Luar Negeri persyaratan ditambah", "1. Foto Copy SKLD", "2. Foto copy Pasport"]
    assert [(i.mark, i.lead) for i in list_items(aru)] == [("", True), ("1.", False), ("7.", False), ("", True),
                                                          ("1.", False), ("2.", False)]
    assert [p.indent for p in items_cell(aru)][3] == 0
    assert list_items(["a. KTP", "b. KK", "Untuk badan usaha", "a. Akta"])[2].lead
    for goes_on in (["1. KTP", "7. KK", "asli dan fotokopi", "1. Akta"], ["1. KTP", "2. KK", "Asli", "3. Akta"],
                    ["a. KTP", "h. KK", "Lalu", "i. Akta"], ["\u2022 KTP", "Asli dan fotokopi", "\u2022 KK"],
                    ["1. KTP", "2. KK", "Asli", "Fotokopi", "1. Akta"]):
        assert not any(i.lead for i in list_items(goes_on)), goes_on
        assert items_cell(goes_on)[2].indent > 0, goes_on


def test_the_review_site_shows_a_lead_in_list_as_the_document_prints_it(tmp_path):
    """Review U tester: the review page joined Peringatan's items with "; " ("Hambatan :; 1. Petugas ...")
    where the document prints a lead-in and a list: the site lists them, the lead-in flush left, escaped."""
    from petaproses.cli import main

    lead = ["Hambatan <dapat> terjadi :", "1. Petugas berhalangan", "2. Sarana & prasarana rusak"]
    plain = ["Disimpan sebagai arsip", "Dicatat di buku agenda"]
    _with_lists(tmp_path / "cat", peringatan=lead, pencatatan=plain,
                kualifikasi_pelaksana=["Persyaratan:", "1. KTP", "Untuk badan usaha:", "1. Akta"])
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "cat"), "-o", str(out)]) == 0
    html = next(out.rglob("BD_KBGPL.SEK.SBG_UMPG.4.html")).read_text(encoding="utf-8")
    assert ('<tr><th>Peringatan</th><td><ul class="bertanda"><li class="pengantar">Hambatan &lt;dapat&gt; terjadi :'
            '</li><li><span class="tanda">1.</span> Petugas berhalangan</li><li><span class="tanda">2.</span> '
            'Sarana &amp; prasarana rusak</li></ul></td></tr>') in html
    assert ":; " not in html
    assert "<td>Disimpan sebagai arsip; Dicatat di buku agenda</td>" in html  # a plain list: as before
    assert ('<li class="pengantar">Persyaratan:</li><li><span class="tanda">1.</span> KTP</li>'
            '<li class="pengantar">Untuk badan usaha:</li><li><span class="tanda">1.</span> Akta</li>') in html


def test_a_list_typed_in_one_text_reads_on_the_review_site_as_the_same_list_written_item_by_item(tmp_path):
    """The author's own numbers typed in one text ("peringatan: |", "1. ...", a colon-less lead-in, "1. ..." again)
    ran together on the review page ("7. Kartu Keluarga asli Bagi yang datang ... 1. Foto ..."): its lines read as
    the list written item by item does, marks and lead-ins the same (review V #8); a text of plain lines stays one
    text."""
    from petaproses.cli import main

    aru = ["Persyaratan Pindah antar Kab/Prop:", "1. Formulir F-1.16", "7. Kartu Keluarga asli",
           "Bagi yang datang dari Luar Negeri persyaratan ditambah", "1. Foto Copy SKLD", "2. Foto copy Pasport"]
    folder = tmp_path / "cat"
    _with_lists(folder, pencatatan=aru)
    sop = next(folder.glob("sop-*.yaml"))
    typed = "".join(f"  {t}\n" for t in aru)
    sop.write_text(re.sub(r"(?m)^peringatan:.*\n", lambda _: f"peringatan: |\n{typed}", sop.read_text(encoding="utf-8"))
                   .replace("kegiatan:\n", f"catatan: |\n{typed}kegiatan:\n", 1), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out)]) == 0
    html = next(out.rglob("BD_KBGPL.SEK.SBG_UMPG.4.html")).read_text(encoding="utf-8")
    listed = ('<ul class="bertanda"><li class="pengantar">Persyaratan Pindah antar Kab/Prop:</li><li><span '
              'class="tanda">1.</span> Formulir F-1.16</li><li><span class="tanda">7.</span> Kartu Keluarga asli</li>'
              '<li class="pengantar">Bagi yang datang dari Luar Negeri persyaratan ditambah</li><li><span '
              'class="tanda">1.</span> Foto Copy SKLD</li><li><span class="tanda">2.</span> Foto copy Pasport</li></ul>')
    assert f"<tr><th>Peringatan</th><td>{listed}</td></tr>" in html
    assert f"<tr><th>Pencatatan dan Pendataan</th><td>{listed}</td></tr>" in html  # the list written item by item
    assert f"<strong>Catatan:</strong>{listed}" in html
    from petaproses.texts import marked_lines

    plain = "Disimpan sebagai arsip\nDicatat di buku agenda"
    assert marked_lines(plain) == [plain] and marked_lines(["a", "b"]) == ["a", "b"] and marked_lines(None) == []


def _tight_with_peringatan(folder, items: list[str]):
    """Bojonegoro (17 Dasar Hukum: a tight identity, short lists in two columns) with ``items`` as its Peringatan."""
    shutil.copytree(PUBLIK / "bojonegoro", folder)
    sop = next(folder.glob("sop*.yaml"))
    sop.write_text(sop.read_text(encoding="utf-8").replace(
        "kegiatan:\n", "peringatan:\n" + "".join(f'  - "{t}"\n' for t in items) + "kegiatan:\n", 1), encoding="utf-8")
    return _one(folder)


def test_a_lead_in_stands_over_a_short_list_in_two_columns(tmp_path):
    """A tight identity sets a short list in two columns: its lead-in went into the first of them, indented,
    beside "3." ("Hambatan :  3. Petugas"); it spans the cell over them, as a lead-in, the list keeps its
    two columns."""
    cat, doc = _tight_with_peringatan(tmp_path / "cat", ["Hambatan :", "1. Listrik", "2. Jaringan", "3. Petugas",
                                                         "4. Sarana"])
    ident = sop_identity.identity(cat, doc, STYLE, True)
    assert [b.columns for r in ident.rows for b in r if b.label == "Peringatan"] == [2]
    body = _paragraphs(docx.Document(io.BytesIO(sop_docx.render(cat, doc)[f"{doc.kode}.docx"])))
    texts = [p.text for p in body]
    i = texts.index("Hambatan :")
    assert texts[i + 1:i + 3] == ["1.\tListrik\t3.\tPetugas", "2.\tJaringan\t4.\tSarana"], texts[i:i + 3]
    assert not body[i].paragraph_format.left_indent


def test_a_department_under_another_body_prints_that_body_between_the_pemda_and_its_name(tmp_path):
    """Review X: a Kelurahan's SOP is headed "PEMERINTAH KOTA PALANGKA RAYA / KECAMATAN PAHANDUT / KELURAHAN
    PAHANDUT" (a UPTD under its Dinas, a school under Dinas Pendidikan alike).  `instansi_induk` was refused as an
    unknown key; it now prints as its own line in the identity header and the forms' title, under the department's
    name on the book's cover, and after it in the decree's title ("di Lingkungan Kelurahan ... Kecamatan ...")."""
    from petaproses.render import forms

    shutil.copytree(PUBLIK / "medan", tmp_path / "cat")
    org = tmp_path / "cat" / "organisasi.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace(
        "    nama: Kelurahan Sei Putih Timur-I Kecamatan Medan Petisah\n",
        "    nama: Kelurahan Sei Putih Timur-I\n    instansi_induk: Kecamatan Medan Petisah\n"), encoding="utf-8")
    cat, doc = _one(tmp_path / "cat")
    header = ["PEMERINTAH KOTA MEDAN", "KECAMATAN MEDAN PETISAH", "KELURAHAN SEI PUTIH TIMUR-I"]
    table = docx.Document(io.BytesIO(sop_docx.render(cat, doc)[f"{doc.kode}.docx"])).tables[0]
    assert [p.text for p in table.cell(0, 0).paragraphs if p.text] == header
    ident = sop_identity.identity(cat, doc, STYLE, has_logo=True)
    assert ident.left_lines == header and ident.pages == 1

    def lines(data: bytes) -> list[str]:  # the book ties short words with no-break spaces
        return [" ".join(p.text.split()) for p in docx.Document(io.BytesIO(data)).paragraphs if p.text.strip()]

    monitoring = lines(forms.monitoring_form(cat, "kel_spt1", forms.load_style(forms.templates_dir())))
    assert monitoring[1:4] == header
    [book] = sop_docx.render_department(cat, doc.perangkat_daerah).values()
    text = lines(book)
    cover = text.index("KELURAHAN SEI PUTIH TIMUR-I")
    assert text[cover + 1:cover + 3] == ["KECAMATAN MEDAN PETISAH", "PEMERINTAH KOTA MEDAN"]
    assert "TENTANG STANDAR OPERASIONAL PROSEDUR ADMINISTRASI PEMERINTAHAN DI LINGKUNGAN KELURAHAN SEI PUTIH TIMUR-I " \
           "KECAMATAN MEDAN PETISAH" in text


def test_a_bulleted_list_keeps_its_bullets_printed_once(tmp_path):
    """Review X (Seruyan's peralatan "• ATK", "• Komputer/Laptop"): an author who kept the printed bullets got
    "1. • ATK".  A bullet is the author's own mark: printed once, not numbered, hanging like "a.", in the identity,
    the flowchart's cells, the note under it and the review site; a lead-in over bullets stands flush left; an
    item without a bullet continues the one above (as under "a."); Word's Symbol bullet pasted from a PDF
    (U+F0B7) is a bullet too, printed as "•" (not a box)."""
    from petaproses.cli import main
    from petaproses.layout.sop_table import items_cell

    tools = ["\u2022 ATK", "\u2022 Komputer/Laptop", "\u2022 Printer"]
    assert list_marks(tools) == [("\u2022", "ATK"), ("\u2022", "Komputer/Laptop"), ("\u2022", "Printer")]
    assert list_marks(["- KTP", "- KK"]) == [("-", "KTP"), ("-", "KK")]
    assert list_marks(["Berkas berikut:", "\u27a2 KTP", "\u27a2 KK"]) == [("", "Berkas berikut:"), ("\u27a2", "KTP"),
                                                                         ("\u27a2", "KK")]
    assert list_marks(["\u2022 KTP", "asli dan fotokopi", "\u2022 KK"]) == [("\u2022", "KTP"), ("", "asli dan fotokopi"),
                                                                         ("\u2022", "KK")]
    assert list_marks(["-5 hari", "-"]) == [("1.", "-5 hari"), ("2.", "-")]  # no space after it: no bullet
    from petaproses.texts import list_items

    assert list_items(["\u2022 KTP", "Untuk badan usaha:", "\u2022 Akta"])[1].lead  # a lead-in inside, as over "1."
    cell = items_cell(tools)
    assert [(p.label, p.text.replace("\u200b", "")) for p in cell] == list_marks(tools)  # a break after "/"
    assert all(p.indent > 0 for p in cell)
    lead = ["Hambatan :", "\u2022 Listrik padam", "\u2022 Jaringan putus"]
    cat, doc = _with_lists(tmp_path / "cat", peralatan=["\uf0b7 ATK", "\uf0b7 Komputer/Laptop", "\uf0b7 Printer"],
                           kelengkapan=tools, catatan=tools, peringatan=lead)
    document = docx.Document(io.BytesIO(sop_docx.render(cat, doc)[f"{doc.kode}.docx"]))
    for table in range(len(document.tables) + 1):  # the identity, the flowchart, the note under it
        body = _paragraphs(document, table) if table < len(document.tables) else document.paragraphs
        texts = [p.text.replace("\u200b", "") for p in body]
        i = texts.index("\u2022\tATK")
        assert texts[i:i + 3] == ["\u2022\tATK", "\u2022\tKomputer/Laptop", "\u2022\tPrinter"], (table, texts[i:i + 3])
        assert body[i].paragraph_format.left_indent and body[i].paragraph_format.first_line_indent < 0
    texts = [p.text for p in _paragraphs(document)]
    assert not [t for t in texts if "\uf0b7" in t or re.match(r"\d+\.\t\u2022", t)], texts
    i = texts.index("Hambatan :")
    assert texts[i + 1:i + 3] == ["\u2022\tListrik padam", "\u2022\tJaringan putus"]
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "cat"), "-o", str(out)]) in (0, 1)  # the private character: a warning
    html = next(out.rglob(f"{doc.kode}.html")).read_text(encoding="utf-8")
    assert ('<ul class="bertanda"><li class="pengantar">Hambatan :</li><li><span class="tanda">\u2022</span> Listrik '
            'padam</li>') in html
    assert "<li>\u2022 " not in html


def test_the_authors_list_under_an_item_of_ours_goes_on_under_it_unnumbered(tmp_path):
    """Review X: a list we number ("KTP", "KK") with a lead-in and the author's own list under it ("Untuk badan
    usaha:", "1. Akta") printed "3. Untuk badan usaha:", "4. 1. Akta".  The author's items go on under item 3,
    each with its own mark, unnumbered; our numbers go on after them; with two such items the unmarked ones
    before are no lead-ins (only a line ending ":" is)."""
    from petaproses.cli import main
    from petaproses.layout.sop_table import items_cell

    items = ["KTP", "KK", "Untuk badan usaha:", "1. Akta pendirian", "2. NPWP", "Surat kuasa"]
    assert list_marks(items) == [("1.", "KTP"), ("2.", "KK"), ("3.", "Untuk badan usaha:"), ("", "1. Akta pendirian"),
                                 ("", "2. NPWP"), ("4.", "Surat kuasa")]
    assert list_marks(items[:4])[3] == ("", "1. Akta pendirian")
    assert list_marks(["KTP", "Untuk badan usaha:", "\u2022 Akta", "\u2022 NPWP"])[2:] == [("", "\u2022 Akta"),
                                                                                      ("", "\u2022 NPWP")]
    assert list_marks(["KTP", "Lampiran:", "3. Akta"])[2] == ("3.", "Akta")  # its number in its place: ours
    cell = items_cell(items)
    assert (cell[3].label, cell[3].indent) == ("", cell[2].indent) and cell[3].indent > 0
    cat, doc = _with_lists(tmp_path / "cat", pencatatan=items, kelengkapan=items, catatan=items)
    document = docx.Document(io.BytesIO(sop_docx.render(cat, doc)[f"{doc.kode}.docx"]))
    for table in range(len(document.tables) + 1):  # the identity, the flowchart, the note under it
        body = _paragraphs(document, table) if table < len(document.tables) else document.paragraphs
        texts = [p.text for p in body]
        i = texts.index("3.\tUntuk badan usaha:")
        assert [t.lstrip("\t") for t in texts[i:i + 4]] == ["3.\tUntuk badan usaha:", "1. Akta pendirian", "2. NPWP",
                                                           "4.\tSurat kuasa"], (table, texts[i:i + 4])
        assert body[i + 1].paragraph_format.left_indent == body[i].paragraph_format.left_indent  # under its text
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "cat"), "-o", str(out)]) == 0
    html = next(out.rglob(f"{doc.kode}.html")).read_text(encoding="utf-8")
    assert ('<li><span class="tanda">3.</span> Untuk badan usaha:</li><li><span class="tanda"></span> 1. Akta '
            'pendirian</li>') in html
    # a tight identity sets a short list in two columns: not this one, whose author's items hang under item 3
    cat, doc = _tight_with_peringatan(tmp_path / "tight", ["KTP", "KK", "Untuk usaha:", "1. Akta", "2. NPWP"])
    ident = sop_identity.identity(cat, doc, STYLE, True)
    assert [b.columns for r in ident.rows for b in r if b.label == "Peringatan"] == [1]


def test_a_unit_under_another_unit_prints_that_unit_between_the_department_and_its_name(tmp_path):
    """Review V #7 (Bappeda Bengkulu Selatan): "PEMERINTAH KABUPATEN ... / BADAN ... / SEKRETARIAT / SUB BAGIAN ...":
    a unit's `unit_induk` prints as its own line in the SOP header only (the unit's name, in map titles and the
    site, stays as written); blank or naming the unit or its department itself: no line; other SOPs unchanged."""
    from petaproses.sanitise import FIELDS

    assert "unit_induk" in FIELDS
    shutil.copytree(FIXTURES / "mini", tmp_path / "kat")
    org = tmp_path / "kat" / "organisasi.yaml"
    text = org.read_text(encoding="utf-8")
    cat, doc = _one(tmp_path / "kat")
    before = sop_identity.identity(cat, doc, STYLE, has_logo=True).left_lines
    assert before == ["PEMERINTAH KOTA CONTOH", "SEKRETARIAT DAERAH", "BAGIAN ORGANISASI"]
    for written, line in (("Asisten Pemerintahan", ["ASISTEN PEMERINTAHAN"]), ('"-"', []),
                          ("bagian  organisasi", []), ("Sekretariat Daerah", [])):
        org.write_text(text.replace("      bagian_organisasi: Bagian Organisasi\n",
                                    "      bagian_organisasi: {nama: Bagian Organisasi, unit_induk: "
                                    f"{written}}}\n"), encoding="utf-8")
        cat, doc = _one(tmp_path / "kat")
        header = before[:2] + line + before[2:]
        assert sop_identity.identity(cat, doc, STYLE, has_logo=True).left_lines == header, written
        table = docx.Document(io.BytesIO(sop_docx.render(cat, doc)[f"{doc.kode}.docx"])).tables[0]
        assert [p.text for p in table.cell(0, 0).paragraphs if p.text] == header, written
        assert cat.unit_name(doc) == "Bagian Organisasi"  # titles and the site: the unit alone


def test_a_parent_body_written_blank_or_naming_the_department_itself_prints_no_line(tmp_path):
    """Review Z: `instansi_induk: "-"` printed a line "-" in the header and "SEKRETARIAT DAERAH - KOTA CONTOH" in the
    decree; one naming the department or the organisation printed it twice."""
    shutil.copytree(FIXTURES / "mini", tmp_path / "kat")
    org = tmp_path / "kat" / "organisasi.yaml"
    text = org.read_text(encoding="utf-8")
    for written, printed in (('"-"', ""), ("sekretariat  daerah", ""), ("Pemerintah Kota Contoh", ""),
                             ("Kecamatan Contoh", "Kecamatan Contoh")):
        org.write_text(text.replace("    nama: Sekretariat Daerah\n",
                                    f"    nama: Sekretariat Daerah\n    instansi_induk: {written}\n", 1), encoding="utf-8")
        cat, doc = _one(tmp_path / "kat")
        assert cat.organisasi.nama == "Pemerintah Kota Contoh"
        assert cat.parent_body("setda") == printed, written
