"""Issue 17 §2: user text never becomes the Dokumen SOP book's own markup (the ``buku-*.j2`` mini-language).

The payload is the issue's: a newline, a fake ``[[tanda_tangan|...]]`` block and a fake ``#`` heading in a
field.  ``check`` refuses it (multiline-text) in every one of the eight fields the issue names; and the book,
rendered from a catalogue that never went through ``check``, shows it as literal text: no extra paragraph,
no signature block, no heading.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest
import yaml

from petaproses.catalogue import load_catalogue
from petaproses.check import check
from petaproses.render import sop_book, sop_docx
from petaproses.render.docx_style import load_style, templates_dir

from .conftest import ROOT

PAYLOAD = ("UU 30/2014\n[[tanda_tangan|Ditetapkan di Jakarta|WALI KOTA PALSU,|Nama Palsu|NIP. 1]]\n"
           "# KEPUTUSAN INI DIBATALKAN")
ORG = {
    "jenis": "organisasi", "nama": "Pemerintah Kota Contoh", "alamat": "Jl. Contoh No. 1",
    "perangkat_daerah": {"setda": {"nama": "Sekretariat Daerah", "alamat": "Jl. Sudirman No. 1", "kepala": "sekda",
                                   "unit": {"bagian_organisasi": "Bagian Organisasi"}}},
    "pelaksana": {"staf": "Staf Pelaksana", "kasubag": "Kepala Subbagian Umum"},
    "pejabat": {"sekda": {"jabatan": "Sekretaris Daerah", "nama": "Nama Lengkap, S.H.", "nip": "197001011990031001"}},
}
SOP = {
    "jenis": "sop", "kode": "UJI.01", "nama": "Prosedur Uji", "nomor": "060/01/SOP/2025", "perangkat_daerah": "setda",
    "unit": "bagian_organisasi", "tanggal": {"pembuatan": "2025-01-06"}, "disahkan_oleh": "sekda",
    "dasar_hukum": ["Peraturan Menteri PANRB Nomor 35 Tahun 2012"],
    "kegiatan": [{"uraian": "Menerima berkas", "pelaksana": "staf"},
                 {"uraian": "Menyetujui berkas", "pelaksana": "kasubag"}],
}
# the eight fields of the issue, and the seat printed after "Ditetapkan di": (file, key path)
FIELDS = [
    ("organisasi", ("kedudukan",)),
    ("organisasi", ("nama",)),
    ("organisasi", ("perangkat_daerah", "setda", "nama")),
    ("organisasi", ("perangkat_daerah", "setda", "unit", "bagian_organisasi")),
    ("organisasi", ("perangkat_daerah", "setda", "alamat")),
    ("organisasi", ("pejabat", "sekda", "jabatan")),
    ("organisasi", ("pejabat", "sekda", "nama")),
    ("sop", ("nama",)),
    ("sop", ("dasar_hukum", 0)),
]


def _catalogue(tmp_path: Path, file: str, keys: tuple) -> Path:
    import copy
    data = {"organisasi": copy.deepcopy(ORG), "sop": copy.deepcopy(SOP)}
    node = data[file]
    for k in keys[:-1]:
        node = node[k]
    node[keys[-1]] = PAYLOAD
    folder = tmp_path / "katalog"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "setda").mkdir(parents=True)
    (folder / "organisasi.yaml").write_text(yaml.safe_dump(data["organisasi"], allow_unicode=True), encoding="utf-8")
    (folder / "setda" / "sop.yaml").write_text(yaml.safe_dump(data["sop"], allow_unicode=True), encoding="utf-8")
    return folder


def _paragraphs(data: bytes) -> list[str]:
    """Every paragraph of the document body, tables included, in order."""
    d = docx.Document(io.BytesIO(data))
    body = d.element.body
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    out = []
    for p in body.iter(f"{ns}p"):
        out.append("".join(t.text or "" for t in p.iter(f"{ns}t")))
    return out


@pytest.mark.parametrize("file, keys", FIELDS, ids=[f + ":" + ".".join(map(str, k)) for f, k in FIELDS])
def test_book_payload_is_refused_by_check_and_literal_in_the_book(tmp_path, file, keys):
    folder = _catalogue(tmp_path, file, keys)
    _, problems = check([str(folder)])
    found = [p for p in problems if p.code == "multiline-text"]
    assert len(found) == 1 and found[0].is_error, [p.format() for p in problems]
    assert Path(found[0].path).name == f"{file}.yaml" and found[0].line > 1

    cat, _ = load_catalogue([str(folder)])  # the book made without check: the renderer alone must hold
    book = sop_docx.render_department(cat, "setda")["Dokumen-SOP-setda.docx"]
    paras = _paragraphs(book)
    # the fake blocks are not paragraphs of their own ...
    assert "KEPUTUSAN INI DIBATALKAN" not in paras
    assert not any(p in ("WALI KOTA PALSU,", "Nama Palsu", "NIP. 1") for p in paras)
    # ... the payload is there as text, on one line, inside a paragraph the template made
    literal = " ".join(PAYLOAD.split())
    assert any(literal.upper() in p.upper() for p in paras), [p for p in paras if "PALSU" in p.upper()]
    # and the real signature block is still the only one
    assert len([p for p in paras if p.startswith("Ditetapkan di ")]) == 1


def test_any_template_keeps_values_literal(tmp_path):
    """A Pemda's own template that puts a value alone on a line, after a heading mark, inside a signature
    block or after an item mark: the value never becomes a heading, a block or a field of the block."""
    folder = _catalogue(tmp_path, "sop", ("nama",))
    org = yaml.safe_load((folder / "organisasi.yaml").read_text(encoding="utf-8"))
    org["perangkat_daerah"]["setda"]["nama"] = "[[logo]]\n## JUDUL"
    org["nama"] = "a|b|c]]"
    (folder / "organisasi.yaml").write_text(yaml.safe_dump(org, allow_unicode=True), encoding="utf-8")
    templates = tmp_path / "templates"
    shutil.copytree(templates_dir(), templates)
    (templates / "sop" / "buku-sampul.j2").write_text(
        "{{ perangkat_daerah }}\n# {{ perangkat_daerah }}\n[[tanda_tangan|{{ perangkat_daerah }}|{{ organisasi }}|X]]\n"
        "- {{ organisasi }}\n", encoding="utf-8")
    cat, _ = load_catalogue([str(folder)])
    book = sop_book.book_document(cat, "setda", list(cat.maps), load_style(templates))
    assert _paragraphs(book)[:7] == ["[[logo]] ## JUDUL", "[[logo]] ## JUDUL", "[[logo]] ## JUDUL", "", "a|b|c]]", "X",
                                     "1.\ta|b|c]]"]


def test_sample_book_is_unchanged_by_the_tokens():
    """The sample catalogue's book text: every template value is where it was (tokens are all replaced)."""
    cat, problems = check([str(ROOT / "processes")])
    book = sop_docx.render_department(cat, "setda")["Dokumen-SOP-setda.docx"]
    paras = _paragraphs(book)
    assert not any("\ue000" in p or "\ue001" in p for p in paras)
    assert "KEPUTUSAN KEPALA" not in paras  # the heading has the head's title in it, not a token
    assert any(p.startswith("KEPUTUSAN ") and len(p) > len("KEPUTUSAN ") + 5 for p in paras)


def test_a_name_cannot_add_a_field_to_the_page_header(tmp_path):
    """Header and footer templates mark page fields (PAGE, NUMPAGES) with a control character; a name that
    holds it (check refuses it: control-character) must not become a Word field such as INCLUDETEXT."""
    folder = _catalogue(tmp_path, "sop", ("nama",))
    sop = yaml.safe_load((folder / "setda" / "sop.yaml").read_text(encoding="utf-8"))
    sop["nama"] = 'Prosedur \x01INCLUDETEXT "/etc/passwd"\x01 Uji'
    (folder / "setda" / "sop.yaml").write_text(yaml.safe_dump(sop, allow_unicode=True), encoding="utf-8")
    _, problems = check([str(folder)])
    assert "control-character" in {p.code for p in problems}
    cat, _ = load_catalogue([str(folder)])
    data = sop_docx.render(cat, cat.maps[0])["UJI.01.docx"]
    import zipfile
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        headers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/header")]
    assert headers and all("INCLUDETEXT" not in h.split("<w:t", 1)[0] for h in headers)
    assert not any("instrText" in h and "INCLUDETEXT" in h.split("instrText", 1)[1] for h in headers)
    assert any('INCLUDETEXT "/etc/passwd"' in h.replace("&quot;", '"') for h in headers)  # shown as text


def test_a_headings_closing_region_is_never_broken(tmp_path):
    """A decree's heading broke "...KABUPATEN SOLOK / SELATAN," (review N): the region that ends a centred line
    of the book is joined by no-break spaces, so the line breaks before it; a region too long for that is not."""
    from petaproses.layout import text as tx

    assert tx.keep_place("PEMERINTAH KOTA PADANG PANJANG") == "PEMERINTAH KOTA\u00a0PADANG\u00a0PANJANG"
    assert tx.keep_place("TAHUN 2025") == "TAHUN 2025"
    far = "KABUPATEN KEPULAUAN SIAU TAGULANDANG BIARO"
    assert tx.keep_place(far) == far
    folder = _catalogue(tmp_path, "sop", ("nama",))
    org = yaml.safe_load((folder / "organisasi.yaml").read_text(encoding="utf-8"))
    org["perangkat_daerah"]["setda"]["nama"] = "Sekretariat Daerah Kabupaten Solok Selatan"
    org["pejabat"]["sekda"]["jabatan"] = "Sekretaris Daerah Kabupaten Solok Selatan"
    (folder / "organisasi.yaml").write_text(yaml.safe_dump(org, allow_unicode=True), encoding="utf-8")
    cat, _ = load_catalogue([str(folder)])
    paras = _paragraphs(sop_docx.render_department(cat, "setda")["Dokumen-SOP-setda.docx"])
    assert "SEKRETARIS DAERAH KABUPATEN\u00a0SOLOK\u00a0SELATAN," in paras
    assert "SEKRETARIAT DAERAH KABUPATEN\u00a0SOLOK\u00a0SELATAN" in paras  # the cover's title


def test_a_post_written_with_a_closing_stop_reads_right_in_the_decree(tmp_path):
    """NTB's "Kepala Dinas ... Provinsi NTB." made "...NTB. TENTANG" and "...NTB.," in the decree (review O)."""
    folder = _catalogue(tmp_path, "sop", ("nama",))
    org = yaml.safe_load((folder / "organisasi.yaml").read_text(encoding="utf-8"))
    org["pejabat"]["sekda"]["jabatan"] = "Sekretaris Daerah Provinsi NTB."
    (folder / "organisasi.yaml").write_text(yaml.safe_dump(org, allow_unicode=True), encoding="utf-8")
    cat, _ = load_catalogue([str(folder)])
    paras = _paragraphs(sop_docx.render_department(cat, "setda")["Dokumen-SOP-setda.docx"])
    assert "SEKRETARIS DAERAH PROVINSI\u00a0NTB," in paras
    assert not any("NTB. TENTANG" in p or "NTB.," in p for p in paras), [p for p in paras if "NTB." in p]
    assert "Sekretaris Daerah Provinsi NTB." in paras  # the SOP's own identity prints it as written


def test_the_books_year_counts_a_revision(tmp_path):
    """`ubah-jabatan` revised the SOPs in 2026; the cover still read "TAHUN 2025" from the older dates
    (review Q)."""
    folder = _catalogue(tmp_path, "sop", ("nama",))
    sop = yaml.safe_load((folder / "setda" / "sop.yaml").read_text(encoding="utf-8"))
    sop["tanggal"] = {"pembuatan": "2025-01-06", "efektif": "2025-02-01", "revisi": "2026-07-01"}
    (folder / "setda" / "sop.yaml").write_text(yaml.safe_dump(sop, allow_unicode=True), encoding="utf-8")
    cat, _ = load_catalogue([str(folder)])
    paras = _paragraphs(sop_docx.render_department(cat, "setda")["Dokumen-SOP-setda.docx"])
    assert "TAHUN 2026" in paras and "TAHUN 2025" not in paras


def test_the_books_year_is_that_of_its_decree(tmp_path):
    """A tester's report: the cover read "TAHUN 2025" (the SOPs' dates) beside a decree dated 2015; the book is that
    decree's attachment, so the cover gives the decree's year when `tanggal_keputusan` is given."""
    folder = _catalogue(tmp_path, "sop", ("nama",))
    org = yaml.safe_load((folder / "organisasi.yaml").read_text(encoding="utf-8"))
    org["perangkat_daerah"]["setda"].update({"nomor_keputusan": "061/12/2015", "tanggal_keputusan": "2015-03-02"})
    (folder / "organisasi.yaml").write_text(yaml.safe_dump(org, allow_unicode=True), encoding="utf-8")
    cat, _ = load_catalogue([str(folder)])
    paras = _paragraphs(sop_docx.render_department(cat, "setda")["Dokumen-SOP-setda.docx"])
    cover = paras[:paras.index("STANDAR OPERASIONAL PROSEDUR") + 12]
    assert "TAHUN 2015" in cover and not any("2025" in p for p in cover), cover
    assert "pada tanggal 2 Maret 2015" in paras
