"""The Dokumen SOP as LibreOffice lays it out: the table of contents names the pages the parts really start on,
and the keputusan's signature never splits from its last diktum (review round 4: a long Mengingat left the
head's NIP alone on a page, and the contents, counted from an estimate, were a page short from there on)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from petaproses.build import check
from petaproses.model import Sop
from petaproses.render import sop_docx
from tests.conftest import FIXTURES, require

FOLDER = FIXTURES / "ulasan4"


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    exe = require("soffice")
    require("pdftotext")
    cat, _ = check([str(FOLDER)])
    out = tmp_path_factory.mktemp("buku")
    for name, data in sop_docx.render_catalogue(cat).items():
        (out / Path(name).name).write_bytes(data)
    subprocess.run([exe, f"-env:UserInstallation=file://{out / 'profile'}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *sorted(str(p) for p in out.glob("*.docx"))],
                   check=True, capture_output=True, timeout=600)
    pages = {}
    for pdf in sorted(out.glob("*.pdf")):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        pages[pdf.stem.removeprefix("Dokumen-SOP-")] = [" ".join(p.split()) for p in text.split("\f")[:-1]]
    return cat, pages


def test_the_contents_give_the_page_each_part_starts_on(books):
    cat, pages = books
    assert sorted(pages) == ["arsip", "bpbd", "dukcapil", "pupr"]
    for pd, book in pages.items():
        toc = next(p for p in book if p.startswith("DAFTAR ISI"))
        first = int(re.search(r"Penjelasan Singkat Penggunaan (\d+)", toc).group(1))
        assert book[first - 1].startswith("PENJELASAN SINGKAT PENGGUNAAN"), (pd, first)
        for doc in cat.maps:
            if isinstance(doc, Sop) and doc.perangkat_daerah == pd:
                page = int(re.search(re.escape(doc.nomor) + r" .*? (\d+)(?: |$)", toc).group(1))
                identity = [k for k, p in enumerate(book, 1) if "Tanggal Efektif" in p and doc.nomor in p]
                assert identity[:1] == [page], (pd, doc.nomor, page, identity)


def test_the_signature_keeps_its_last_diktum_and_the_name_its_nip(books):
    cat, pages = books
    for pd, book in pages.items():
        head = cat.organisasi.pejabat[cat.organisasi.perangkat_daerah[pd].kepala]
        signed = [p for p in book if "Ditetapkan di" in p]
        assert len(signed) == 1, pd
        page = signed[0]
        assert "KEEMPAT" in page and head.nama in page and f"NIP. {head.nip}" in page, pd
        assert page.index("KEEMPAT") < page.index("Ditetapkan di") < page.index(head.nama), pd


def test_no_page_holds_only_its_header_and_footer(books):
    """The paragraph that ends an SOP's section spilled from its full last page onto a page of its own: the
    Disdukcapil book's page 9 held only the header and the footer (review N)."""
    from petaproses.render.docx_writer import sop_title

    cat, pages = books
    headers = [f"{cat.organisasi.nama} — {sop_title(d.nama)}" for d in cat.maps if isinstance(d, Sop)]
    blank = []
    for pd, book in pages.items():
        for k, page in enumerate(book, 1):
            body = re.sub(r"\s*Dokumen SOP [^\f]* Halaman \d+$", "", page)  # the footer
            body = next((body[len(h):] for h in headers if body.startswith(h)), body)  # an SOP page's header
            if not body.strip():
                blank.append((pd, k))
    assert not blank, blank


def test_the_lampiran_is_headed_with_the_decrees_number_and_date(books):
    """A decree's lampiran names its number and date, both left to be filled in (review N: no TANGGAL line)."""
    _, pages = books
    for pd, book in pages.items():
        [lampiran] = [p for p in book if p.startswith("LAMPIRAN KEPUTUSAN")]
        assert re.search(r"NOMOR \.+ TANGGAL \.+ TENTANG ", lampiran), (pd, lampiran[:200])


def test_word_updates_the_books_contents_when_it_opens_it():
    """The contents' page numbers are PAGEREF fields holding estimates: LibreOffice lays them out again, Word
    showed the estimates (a page short after a 2-page keputusan, review N) until F9.  The book asks Word to
    update its fields; an SOP's own document, without fields to update, does not."""
    import io
    import zipfile

    cat, _ = check([str(FOLDER)])
    data = sop_docx.render_department(cat, "bpbd")["Dokumen-SOP-bpbd.docx"]
    assert b'<w:updateFields w:val="true"/><w:compat>' in zipfile.ZipFile(io.BytesIO(data)).read("word/settings.xml")
    doc = next(d for d in cat.maps if isinstance(d, Sop))
    single = sop_docx.render(cat, doc)[f"{doc.kode}.docx"]
    assert b"updateFields" not in zipfile.ZipFile(io.BytesIO(single)).read("word/settings.xml")
