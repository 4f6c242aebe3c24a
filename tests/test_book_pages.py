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
