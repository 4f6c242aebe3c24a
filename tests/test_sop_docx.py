"""SOP AP documents (.docx): identity, flowchart geometry, pagination, PDF text, determinism, escaping, book."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import shutil
import subprocess
import time
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest

from tests.conftest import FIXTURES, PROCESSES, require
from tests.docx_geometry import box_index, crosses_interior, on_boundary, read_tables, step_number
from petaproses.build import check
from petaproses.model import Sop
from petaproses.problems import PetaprosesError
from petaproses.render import sop_docx
from petaproses.render.docx_style import load_style, templates_dir


@pytest.fixture(scope="module")
def escape_catalogue():
    cat, problems = check([str(FIXTURES / "docx")])
    assert not [p for p in problems if p.is_error], [p.format() for p in problems]
    return cat


def sops(cat):
    return [m for m in cat.maps if isinstance(m, Sop)]


def build(cat, doc, **opts) -> bytes:
    return sop_docx.render(cat, doc, **opts)[f"{doc.kode}.docx"]


def all_text(data: bytes) -> str:
    d = docx.Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    return "\n".join(parts) + xml


def test_tanggal_indonesian():
    import datetime as dt

    assert sop_docx.tanggal(dt.date(2025, 1, 6)) == "6 Januari 2025"
    assert sop_docx.tanggal(dt.date(2024, 12, 31)) == "31 Desember 2024"
    assert sop_docx.tanggal(None) == "-"


def test_identity_part(catalogue):
    doc = catalogue.by_code["SETDA.ORG.SOP.02"]
    d = docx.Document(io.BytesIO(build(catalogue, doc)))
    ident = d.tables[0]
    cells = [c.text for row in ident.rows for c in row.cells]
    cells += [c.text for row in ident.rows for c in row.cells for t in c.tables for r in t.rows for c in r.cells]
    text = "\n".join(cells)  # the signers stand side by side in a table of their own inside their cell
    for label in ("Nomor SOP", "Tanggal Pembuatan", "Tanggal Revisi", "Tanggal Efektif", "Disahkan oleh",
                  "Nama SOP", "Dasar Hukum:", "Kualifikasi Pelaksana:", "Keterkaitan:", "Peralatan/Perlengkapan:",
                  "Peringatan:", "Pencatatan dan Pendataan:"):
        assert label in text, label
    assert doc.nomor in text and "15 Januari 2024" in text and "6 Januari 2025" in text
    org = catalogue.organisasi
    sekda = org.pejabat[doc.disahkan_oleh]
    assert sekda.nama in text and f"NIP. {sekda.nip}" in text
    assert org.nama.upper() in text
    # related SOPs are printed with their names, lists are numbered
    other = catalogue.by_code[doc.keterkaitan[0]]
    assert f"{other.nama} ({other.kode})" in text
    printed = sop_docx.dasar_hukum(catalogue, doc)  # hierarchy order, amendments written out (register.py)
    assert f"1.\t{printed[0]}" in text and f"2.\t{printed[1]}" in text
    # the logo of the sample organisation is embedded
    names = zipfile.ZipFile(io.BytesIO(build(catalogue, doc))).namelist()
    assert any(n.startswith("word/media/") for n in names)


def test_missing_logo_still_builds(escape_catalogue):
    data = build(escape_catalogue, sops(escape_catalogue)[0])
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert not any(n.startswith("word/media/") for n in names)
    docx.Document(io.BytesIO(data))


def test_user_text_is_literal(escape_catalogue):
    doc = sops(escape_catalogue)[0]
    data = build(escape_catalogue, doc)
    d = docx.Document(io.BytesIO(data))
    text = all_text(data)
    cell_text = "\n".join(c.text for t in d.tables for row in t.rows for c in row.cells)
    assert "Menerima berkas {{ 7*7 }} dan <b>tebal</b> & lain-lain" in cell_text
    assert "Memeriksa berkas {% if x %}ya{% endif %}" in cell_text
    assert "Peraturan {% if true %}X{% endif %} & <b>Y</b>" in cell_text
    assert 'Catatan: 50% & "kutip"' in cell_text
    assert "49" not in cell_text
    header = "\n".join(p.text for p in d.sections[0].header.paragraphs)
    assert "Uji {{ 7*7 }} & <Escape>" in header  # the SOP name went through a Jinja2 template unevaluated
    assert "&lt;lengkap&gt;" in text and "Tidak <lengkap>" not in text  # branch label escaped in the shape


def test_deterministic(catalogue, monkeypatch):
    doc = catalogue.by_code["SETDA.ORG.SOP.02"]
    first = build(catalogue, doc)
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 3600 * 24 * 40)  # a build 40 days later
    second = build(catalogue, doc)
    assert first == second
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01
    third = build(catalogue, doc)
    assert third != first
    z = zipfile.ZipFile(io.BytesIO(third))
    assert {i.date_time for i in z.infolist()} == {(2025, 1, 1, 0, 0, 0)}
    assert b"2025-01-01T00:00:00Z" in z.read("docProps/core.xml")


def _check_geometry(cat, doc):
    data = build(cat, doc)
    tables = read_tables(data)
    lanes = cat.lanes(doc)
    seen = Counter()
    pentagons: dict[str, list[tuple[int, str]]] = {}
    for ti, t in enumerate(tables):
        symbols = [b for b in t.boxes]
        for b in symbols:
            # every symbol lies inside the cell it is anchored in
            assert t.col_left(b.col) - 1 <= b.x and b.x + b.w <= t.col_left(b.col) + t.widths[b.col] + 1, b
            assert t.row_top(b.row) - 1 <= b.y and b.y + b.h <= t.row_top(b.row) + t.heights[b.row] + 1, b
            n = step_number(b.name)
            if n is not None:
                seen[n] += 1
                step = doc.kegiatan[n - 1]
                actor = step.actors[box_index(b.name)]
                assert b.col == 2 + lanes.index(actor), (doc.kode, b)  # its actor's column
                assert t.row_text[b.row][0] == str(n), (doc.kode, b)  # its activity's row
                if len(step.actors) == 1 and step.cabang:
                    assert b.prst == "flowChartDecision"
                elif len(step.actors) == 1 and (n == 1 or n == len(doc.kegiatan)):
                    assert b.prst == "flowChartTerminator", (doc.kode, b)
            elif b.name.startswith("Selesai "):  # a branch to 'selesai' ends in a terminator in its row
                assert b.prst == "flowChartTerminator" and t.row_text[b.row][0] == b.name.split()[1]
            else:
                assert b.prst == "flowChartOffpageConnector" and b.text
                pentagons.setdefault(b.text, []).append((ti, b.name))
        for a in t.arrows:
            start, end = a.points[0], a.points[-1]
            assert any(on_boundary(start, b) for b in symbols), (doc.kode, a)
            assert any(on_boundary(end, b) for b in symbols), (doc.kode, a)
            for p, q in zip(a.points, a.points[1:]):
                assert p[0] == pytest.approx(q[0], abs=0.01) or p[1] == pytest.approx(q[1], abs=0.01), a
                for b in symbols:
                    assert not crosses_interior(p, q, b), (doc.kode, a.name, b.name)
        n_actors = len(t.widths) - 6
        for lab in t.labels:
            for b in symbols:
                assert not crosses_interior((lab.x, lab.y), (lab.x + lab.w, lab.y + lab.h), b, tol=20), \
                    (doc.kode, lab.text, b.name)
            # no line runs through a branch label, whenever it was routed (loops back, off-page lines too)
            for a in t.arrows:
                for p, q in zip(a.points, a.points[1:]):
                    assert not crosses_interior(p, q, lab, tol=5), (doc.kode, lab.text, a.name)
            for other in t.labels:
                if other is not lab:
                    assert not crosses_interior((other.x, other.y), (other.x + other.w, other.y + other.h), lab,
                                                tol=0), (doc.kode, lab.text, other.text)
            # inside the actor columns: never over the Kegiatan or Mutu Baku text
            assert t.col_left(2) <= lab.x and lab.x + lab.w <= t.col_left(2 + n_actors), (doc.kode, lab.text)
        # arrows that end in the same point come in along the same line (they join), never from two sides
        by_end: dict = {}
        for a in t.arrows:
            by_end.setdefault((round(a.points[-1][0]), round(a.points[-1][1])), []).append(a)
        for same in by_end.values():
            sides = {(_sign(a.points[-2][0] - a.points[-1][0]), _sign(a.points[-2][1] - a.points[-1][1]))
                     for a in same}
            assert len(sides) == 1, (doc.kode, [a.name for a in same])
    assert sorted(seen) == list(range(1, len(doc.kegiatan) + 1))
    assert all(seen[i + 1] == len(s.actors) for i, s in enumerate(doc.kegiatan)), doc.kode  # a box per actor
    # off-page connectors of a letter stand on two pages: one where the lines arrive, one per line leaving
    for label, where in pentagons.items():
        pages = Counter(t for t, _ in where)
        assert len(pages) == 2 and 1 in pages.values(), (doc.kode, label, where)
    return tables, pentagons


def _sign(v: float) -> int:
    return (v > 0.5) - (v < -0.5)


def test_geometry_every_sample_sop(catalogue, escape_catalogue, mini_catalogue):
    for cat in (catalogue, escape_catalogue, mini_catalogue):
        for doc in sops(cat):
            _check_geometry(cat, doc)


def test_branch_labels_and_loop_entry(catalogue):
    """DPMPTSP.SOP.01: the loop from step 4 back to decision 2 enters the diamond's free left vertex, so it
    neither merges with the arrow from step 1 nor runs through the "Lengkap" label at the right vertex."""
    doc = catalogue.by_code["DPMPTSP.SOP.01"]
    t = read_tables(build(catalogue, doc))[0]
    diamond = next(b for b in t.boxes if b.name == "Langkah 2")
    loop = next(a for a in t.arrows if a.name == "Panah Langkah 4 ke Langkah 2")
    assert loop.points[-1] == pytest.approx((diamond.x, diamond.y + diamond.h / 2), abs=2)
    lengkap = next(lab for lab in t.labels if lab.text == "Lengkap")
    # "Lengkap" lies inside one actor column, beside its line
    col = next(c for c in range(2, len(t.widths) - 4) if t.col_left(c) <= lengkap.x < t.col_left(c + 1))
    assert lengkap.x + lengkap.w <= t.col_left(col + 1)
    assert lengkap.y + lengkap.h <= diamond.y + diamond.h / 2


def test_long_sop_spans_pages_with_connector_pairs(catalogue):
    doc = max(sops(catalogue), key=lambda d: len(d.kegiatan))
    assert len(doc.kegiatan) >= 40
    tables, pentagons = _check_geometry(catalogue, doc)
    assert len(tables) >= 4
    # every page break of the flow is bridged: each page but the last sends a pair on, each but the first receives
    for ti in range(len(tables) - 1):
        labels_here = {lab for lab, where in pentagons.items() if any(t == ti for t, _ in where)}
        labels_next = {lab for lab, where in pentagons.items() if any(t == ti + 1 for t, _ in where)}
        assert labels_here & labels_next, ti
    # every edge that crosses pages is one pair: pairs = crossing edges
    from petaproses.flow import build_flow

    flow = build_flow(doc.kegiatan)
    page_of = {}
    for ti, t in enumerate(tables):
        for row in t.row_text[2:]:
            if row[0]:
                page_of[flow.nodes[int(row[0]) - 1].id] = ti
    crossing = [e for e in flow.edges if page_of[e.source] != page_of[e.target]]
    assert len(pentagons) == len({(e.target, page_of[e.source]) for e in crossing})  # one letter per arrival


def test_header_rows_repeat_and_rows_do_not_split(catalogue):
    data = build(catalogue, catalogue.by_code["SETDA.ORG.SOP.03"])
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    tables = re.findall(r"<w:tbl>.*?</w:tbl>", xml, re.S)[1:]
    for t in tables:
        rows = re.findall(r"<w:tr>.*?</w:tr>", t, re.S)
        assert all("<w:cantSplit/>" in r for r in rows)
        assert sum("<w:tblHeader/>" in r for r in rows) == 2
        assert "Mutu Baku" in rows[0] and "Kelengkapan" in rows[1]


def test_templates_restyle(tmp_path, mini_catalogue):
    folder = tmp_path / "templates" / "sop"
    folder.mkdir(parents=True)
    for f in (templates_dir(None) / "sop").glob("*.j2"):
        (folder / f.name).write_text(f.read_text())
    (folder / "gaya.yaml").write_text(
        "kertas: F4\norientasi: potret\nhuruf: Bookman Old Style\n"
        "kepala_halaman: 'KOP {{ singkatan }}{{ organisasi }}'\nkaki_halaman: 'hlm {{ halaman }}'\n")
    doc = sops(mini_catalogue)[0]
    data = build(mini_catalogue, doc, templates_dir=str(tmp_path / "templates"))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert 'w:w="12189"' in xml and 'w:h="18709"' in xml  # F4 portrait
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    assert 'w:ascii="Bookman Old Style"' in styles
    d = docx.Document(io.BytesIO(data))
    assert d.sections[0].header.paragraphs[0].text == "KOP Pemerintah Kota Contoh"
    (folder / "gaya.yaml").write_text("kertas: A5\n")
    with pytest.raises(PetaprosesError, match="A4 atau F4"):
        build(mini_catalogue, doc, templates_dir=str(tmp_path / "templates"))
    # a misspelt key was the default, silently (review U): refused at its line, the key it meant suggested
    (folder / "gaya.yaml").write_text("kertas: F4\nukuran_hurf_tabel: 9\n")
    with pytest.raises(PetaprosesError, match=r"gaya.yaml:2:1: kunci 'ukuran_hurf_tabel' tidak dikenal di berkas "
                                              r"gaya; maksud Anda 'ukuran_huruf_tabel'\?"):
        build(mini_catalogue, doc, templates_dir=str(tmp_path / "templates"))
    # sizes no page can hold: refused, not a build that runs out of memory or fails in English (review W)
    for bad, said in (("margin_mm:\n  kiri: 200\n", "margin_mm.kiri harus 0 sampai 60 mm, bukan 200"),
                      ("ukuran_huruf: -3\n", "ukuran_huruf harus 5 sampai 20 pt, bukan -3")):
        (folder / "gaya.yaml").write_text(bad)
        with pytest.raises(PetaprosesError, match=re.escape(said)):
            build(mini_catalogue, doc, templates_dir=str(tmp_path / "templates"))
    (folder / "gaya.yaml").write_text("margin_mm:\n  atas: 20\n  kir: 15\n")
    with pytest.raises(PetaprosesError, match=r"gaya.yaml:3:3: kunci 'kir' .* maksud Anda 'kiri'\?"):
        build(mini_catalogue, doc, templates_dir=str(tmp_path / "templates"))
    with pytest.raises(PetaprosesError, match="tidak ditemukan"):
        build(mini_catalogue, doc, templates_dir=str(tmp_path / "nope"))


def test_pdf_without_libreoffice_says_how_to_install(mini_catalogue, monkeypatch):
    monkeypatch.setattr(sop_docx.shutil, "which", lambda name: None)
    with pytest.raises(PetaprosesError) as err:
        sop_docx.render(mini_catalogue, sops(mini_catalogue)[0], pdf=True)
    assert "apt-get install libreoffice-writer-nogui" in str(err.value)
    assert "LibreOffice tidak ditemukan" in str(err.value)


def test_book_per_department(catalogue):
    books = sop_docx.render_catalogue(catalogue)
    departments = sorted({d.perangkat_daerah for d in sops(catalogue)})
    assert sorted(books) == [f"{pd}/Dokumen-SOP-{pd}.docx" for pd in departments]
    data = books["setda/Dokumen-SOP-setda.docx"]
    text = all_text(data)
    for needle in ("STANDAR OPERASIONAL PROSEDUR", "KEPUTUSAN", "DAFTAR ISI", "PENJELASAN SINGKAT PENGGUNAAN",
                   "Ruang Lingkup", "Ringkasan", "Definisi", "TAHUN 2025"):
        assert needle in text, needle
    for doc in sops(catalogue):
        if doc.perangkat_daerah == "setda":
            assert doc.nama in text and doc.nomor in text


# ----------------------------------------------------------------------------------------------- LibreOffice
@pytest.fixture(scope="module")
def pdfs(catalogue, tmp_path_factory):
    """Every sample SOP and book, converted in one LibreOffice call."""
    exe = require("soffice")
    require("pdftotext")
    folder = tmp_path_factory.mktemp("pdf")
    expected = {}
    style = load_style(templates_dir(None))
    for doc in sops(catalogue):
        (folder / f"{doc.kode}.docx").write_bytes(build(catalogue, doc))
        w = sop_docx.Writer(catalogue, style)
        expected[doc.kode] = sop_docx.sop_body(w, doc)[1]
    for name, data in sop_docx.render_catalogue(catalogue).items():
        (folder / Path(name).name).write_bytes(data)
    start = time.perf_counter()
    subprocess.run([exe, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *sorted(str(p) for p in folder.glob("*.docx"))],
                   check=True, capture_output=True, timeout=600)
    print(f"soffice: {len(list(folder.glob('*.docx')))} files in {time.perf_counter() - start:.1f} s")
    return folder, expected


def pdf_pages(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(p.split()) for p in out.split("\f")[:-1]]


def test_pdf_activities_once_and_header_on_every_page(catalogue, pdfs):
    folder, expected = pdfs
    for doc in sops(catalogue):
        pages = pdf_pages(folder / f"{doc.kode}.pdf")
        # our pagination holds: LibreOffice made exactly the pages we planned (no row pushed over)
        assert len(pages) == expected[doc.kode], doc.kode
        flow_pages = [p for p in pages if "Mutu Baku" in p]
        n_chart = len(read_tables(build(catalogue, doc)))
        assert len(flow_pages) == n_chart
        for p in flow_pages:
            for head in ("No", "Kegiatan", "Pelaksana", "Kelengkapan", "Waktu", "Output", "Keterangan"):
                assert head in p
        # pdftotext joins a word broken after a hyphen: compare without spaces and hyphens
        squash = lambda s: re.sub(r"[\s-]", "", s)  # noqa: E731
        text = squash(" ".join(flow_pages))
        for step in doc.kegiatan:
            want = squash(step.uraian)
            others = sum(want in squash(s.uraian) for s in doc.kegiatan)
            assert text.count(want) == others, (doc.kode, step.uraian)
        assert doc.nomor in pages[0] and "Tanggal Efektif" in pages[0]


def test_pdf_book_table_of_contents_points_at_each_sop(catalogue, pdfs):
    folder, _ = pdfs
    for pd in sorted({d.perangkat_daerah for d in sops(catalogue)}):
        pages = pdf_pages(folder / f"Dokumen-SOP-{pd}.pdf")
        toc = next(p for p in pages if p.startswith("DAFTAR ISI"))
        for doc in sops(catalogue):
            if doc.perangkat_daerah != pd:
                continue
            m = re.search(re.escape(doc.nomor) + r" .*? (\d+)(?: |$)", toc)
            assert m, (pd, doc.nomor)
            page = pages[int(m.group(1)) - 1]
            assert "Nomor SOP" in page and doc.nomor in page, (pd, doc.nomor, m.group(1))
        # processes/dpmptsp asks for its peta relasi in its book: the last row gives its first page (the text
        # extraction puts the page footer between a row's cells)
        assert ("Lampiran: Peta Relasi" in toc) == (pd == "dpmptsp"), pd
        if pd == "dpmptsp":
            first = next(k for k, p in enumerate(pages, 1) if p.startswith("LAMPIRAN: PETA RELASI"))
            assert re.search(rf"Lampiran: Peta Relasi (Dokumen SOP .*? )?{first}( |$)", toc), first


def test_pdf_book_cover_has_no_footer_and_every_other_page_has_one(catalogue, pdfs):
    """The cover carried 'Dokumen SOP ... Halaman 1' (review round 3); the pages after it are numbered from 2."""
    folder, _ = pdfs
    for pd in sorted({d.perangkat_daerah for d in sops(catalogue)}):
        pages = pdf_pages(folder / f"Dokumen-SOP-{pd}.pdf")
        assert "Halaman" not in pages[0] and "STANDAR OPERASIONAL PROSEDUR" in pages[0], pd
        assert all(f"Halaman {k}" in page for k, page in enumerate(pages[1:], start=2)), pd


def test_book_reuses_sop_bodies_and_is_identical_either_way(catalogue, tmp_path):
    """The SOP renderer returns its body as the part .<kode>.isi; the book takes the parts it is given (never
    the output folder), with the same bytes as without them."""
    from petaproses.render import docx_xml as X

    departments = sorted({d.perangkat_daerah for d in sops(catalogue)})
    parts: dict[str, dict[str, bytes]] = {pd: {} for pd in departments}
    for doc in sops(catalogue):
        files = sop_docx.render(catalogue, doc)
        assert sorted(files) == sorted([f"{doc.kode}.docx", f".{doc.kode}.isi"])
        parts[doc.perangkat_daerah][f".{doc.kode}.isi"] = files[f".{doc.kode}.isi"]
    assert sop_docx.render(catalogue, sops(catalogue)[0]) == sop_docx.render(catalogue, sops(catalogue)[0])
    fresh = {pd: sop_docx.render_department(catalogue, pd) for pd in departments}
    for pd in departments:
        assert sop_docx.render_department(catalogue, pd, parts[pd]) == fresh[pd], pd
        assert sop_docx.render_department(catalogue, pd, {}) == fresh[pd], pd
    # the bodies are really used: a marked body shows in the book ...
    doc = next(d for d in sops(catalogue) if d.perangkat_daerah == "setda")
    name = f".{doc.kode}.isi"
    good = parts["setda"][name]
    style = load_style(templates_dir(None))
    body = sop_docx.Body.render(sop_docx.Writer(catalogue, style), doc)
    assert body.dump() == good
    marked = sop_docx.Body(body.key, body.xml + X.para("PENANDA ISI"), body.pages, body.ids, body.prefixes)
    book = sop_docx.render_department(catalogue, "setda", {**parts["setda"], name: marked.dump()})
    assert "PENANDA ISI" in all_text(book["Dokumen-SOP-setda.docx"])
    # ... but not when its key no longer matches (the SOP changed), nor when the part is damaged
    stale = sop_docx.Body("0" * 64, marked.xml, body.pages, body.ids, body.prefixes).dump()
    for bad in (stale, good[: len(good) // 2], b"", b"petaproses-isi 1\n[]\n"):
        assert sop_docx.render_department(catalogue, "setda", {**parts["setda"], name: bad}) == fresh["setda"]
    # a body carries the namespace prefixes it uses (the book declares them without reading every body); a
    # part that does not say, or names one that is not ours, has them looked for: the same book
    head, packed = good[len(b"petaproses-isi 1\n"):].split(b"\n", 1)
    meta = json.loads(head)
    assert set(meta["prefixes"]) == {"w", "wp", "a", "wps", "mc"} | ({"r", "pic"} if catalogue.organisasi.logo else set())
    for prefixes in (None, ["bogus"], "w", [1]):
        told = {k: v for k, v in meta.items() if k != "prefixes"} | ({} if prefixes is None else {"prefixes": prefixes})
        part = b"petaproses-isi 1\n" + json.dumps(told).encode() + b"\n" + packed
        assert sop_docx.render_department(catalogue, "setda", {**parts["setda"], name: part}) == fresh["setda"]
    # so does where its shape ids and z-orders stand (the book renumbers them without searching the text)
    assert len(meta["marks"]) == 4 * (body.xml.count("<wp:docPr ") + body.xml.count("relativeHeight="))
    for marks in (None, "x", [1, 2, 3], ["1", "2", "3", "4"], [1.5, 2, 3, 4]):
        told = {k: v for k, v in meta.items() if k != "marks"} | ({} if marks is None else {"marks": marks})
        part = b"petaproses-isi 1\n" + json.dumps(told).encode() + b"\n" + packed
        assert sop_docx.render_department(catalogue, "setda", {**parts["setda"], name: part}) == fresh["setda"]
    # counts of another type or out of bounds: rendered again (an infinite page count ended the book in an
    # OverflowError; a float would have been truncated)
    for field, value in (("pages", float("inf")), ("pages", 2.5), ("pages", 0), ("ids", 10**40), ("ids", "7")):
        part = b"petaproses-isi 1\n" + json.dumps(meta | {field: value}).encode() + b"\n" + packed
        assert sop_docx.render_department(catalogue, "setda", {**parts["setda"], name: part}) == fresh["setda"]
    # nothing is read back from the output folder, even when asked with out_dir
    (tmp_path / "setda").mkdir()
    (tmp_path / "setda" / name).write_bytes(marked.dump())
    assert sop_docx.render_department(catalogue, "setda", out_dir=str(tmp_path)) == fresh["setda"]


def test_book_holds_its_bodies_packed_until_written(catalogue, monkeypatch):
    """A body taken from its part stays deflated (~8 KB, not ~130 KB) until the book's document.xml is written,
    where each is unpacked in turn; a part without the digest (an older one) is unpacked when loaded; one whose
    digest matches but whose XML does not unpack is made again from the SOP.  The same book every way."""
    from petaproses.render import sop_book

    pd = "setda"
    parts = {}
    for doc in sops(catalogue):
        if doc.perangkat_daerah == pd:
            parts.update({k: v for k, v in sop_docx.render(catalogue, doc).items() if k.endswith(".isi")})
    fresh = sop_docx.render_department(catalogue, pd)["Dokumen-SOP-setda.docx"]
    loaded, unpacked = [], []
    load, unpack = sop_book.Body.load.__func__, sop_book.Body.unpack

    def spy_load(cls, w, doc, given):
        body = load(cls, w, doc, given)
        loaded.append((body.xml, body.packed))
        return body

    def spy_unpack(self):
        unpacked.append(len(loaded))
        return unpack(self)
    monkeypatch.setattr(sop_book.Body, "load", classmethod(spy_load))
    monkeypatch.setattr(sop_book.Body, "unpack", spy_unpack)
    assert sop_docx.render_department(catalogue, pd, parts)["Dokumen-SOP-setda.docx"] == fresh
    assert len(loaded) == len(parts) > 1 and all(xml is None and packed for xml, packed in loaded)
    assert unpacked == [len(parts)] * len(parts)  # every body unpacked once, after all were loaded
    monkeypatch.undo()
    name = sorted(parts)[0]
    head, packed = parts[name][len(b"petaproses-isi 1\n"):].split(b"\n", 1)
    meta = json.loads(head)
    older = {k: v for k, v in meta.items() if k != "sha"}
    broken = packed[:-20] + bytes(20)
    for part in (b"petaproses-isi 1\n" + json.dumps(older).encode() + b"\n" + packed,
                 b"petaproses-isi 1\n" + json.dumps(meta | {"sha": hashlib.sha256(broken).hexdigest()}).encode()
                 + b"\n" + broken):
        assert sop_docx.render_department(catalogue, pd, {**parts, name: part})["Dokumen-SOP-setda.docx"] == fresh


def test_the_writer_asks_the_prefixes_of_xml_made_later(catalogue):
    w = sop_docx.Writer(catalogue, load_style(templates_dir(None)))
    with pytest.raises(ValueError):
        w.append(lambda: "<w:p/>")


def test_a_placed_body_has_its_shape_ids_and_z_orders_moved_on(catalogue):
    """``Body.place`` renumbers by the marks it keeps: every shape id and z-order moves on by the ids the
    document has taken, as rewriting each one found in the text would."""
    style = load_style(templates_dir(None))
    w = sop_docx.Writer(catalogue, style)
    doc = next(d for d in sops(catalogue) if d.perangkat_daerah == "setda")
    body = sop_docx.Body.render(w, doc)
    logo = w.logo()
    xml = body.xml.replace('r:embed="petaproses-logo-rid"', f'r:embed="{logo[0]}"') if logo else body.xml
    assert body.place(w) == xml  # the first body of a document keeps its numbers
    taken = (w.ids.next_id - 1, w.ids.z)
    assert taken[0] > 0 and taken[1] > 0
    moved = re.sub(r'<wp:docPr id="(\d+)"', lambda m: f'<wp:docPr id="{int(m.group(1)) + taken[0]}"', xml)
    moved = re.sub(r'relativeHeight="(\d+)"', lambda m: f'relativeHeight="{int(m.group(1)) + taken[1]}"', moved)
    assert moved != xml and body.place(w) == moved


def test_book_names_its_parts_as_python_docx_does(catalogue, monkeypatch):
    """The book's headers and footers (two per SOP) are named from a kept list of the package's parts, not by
    python-docx walking every part for each new one (quadratic: seconds for a book of 500 SOPs), and related
    under ids counted on, not searched for; the book is byte for byte the one python-docx's own naming and
    relating give, with a header and a footer part per SOP."""
    from petaproses.render import docx_writer

    kept = sop_docx.render_department(catalogue, "setda")["Dokumen-SOP-setda.docx"]
    monkeypatch.setattr(docx_writer, "_name_parts_from_a_list", lambda package: None)
    assert sop_docx.render_department(catalogue, "setda")["Dokumen-SOP-setda.docx"] == kept
    # likewise their relationships' ids, kept counted rather than searched for (_relate_new_parts)
    monkeypatch.setattr(docx_writer, "_relate_new_parts", lambda part: None)
    assert sop_docx.render_department(catalogue, "setda")["Dokumen-SOP-setda.docx"] == kept
    names = zipfile.ZipFile(io.BytesIO(kept)).namelist()
    n = sum(1 for d in sops(catalogue) if d.perangkat_daerah == "setda")
    assert sum(1 for x in names if re.fullmatch(r"word/header\d+\.xml", x)) == n + 1
    assert sum(1 for x in names if re.fullmatch(r"word/footer\d+\.xml", x)) >= n + 1


def test_headers_footers_and_pages_are_what_python_docx_makes(catalogue, tmp_path, monkeypatch):
    """A section's header and footer parts are parsed once from python-docx's empty part with the line in
    it, and a section copied from the last one set up keeps that page: the SOP and the book are byte for
    byte what python-docx's own ``is_linked_to_previous`` and page setters give, also from a Pemda's base
    template that has a header of its own (reused, as python-docx does)."""
    from petaproses.render import docx_writer

    base = docx.Document()
    base.sections[0].header.paragraphs[0].text = "Kop Pemda"
    own = str(_templates_with_base(tmp_path, base))
    doc = next(d for d in sops(catalogue) if d.perangkat_daerah == "setda")
    made = {t: (sop_docx.render(catalogue, doc, templates_dir=t)[f"{doc.kode}.docx"],
                sop_docx.render_department(catalogue, "setda", templates_dir=t)["Dokumen-SOP-setda.docx"])
            for t in (None, own)}
    book = zipfile.ZipFile(io.BytesIO(made[own][1]))
    assert "Kop Pemda" not in book.read("word/header1.xml").decode()  # emptied and given the SOP's line
    original = docx_writer.Writer.section

    def every_time(self, sec, landscape, header, footer):
        self._page = None  # the page set up again for every section
        original(self, sec, landscape, header, footer)
    monkeypatch.setattr(docx_writer.Writer, "section", every_time)
    monkeypatch.setattr(docx_writer.Writer, "_story", staticmethod(docx_writer.Writer._story_by_python_docx))
    for t in (None, own):
        assert sop_docx.render(catalogue, doc, templates_dir=t)[f"{doc.kode}.docx"] == made[t][0]
        assert sop_docx.render_department(catalogue, "setda", templates_dir=t)["Dokumen-SOP-setda.docx"] == made[t][1]


def test_book_lays_out_no_sop_whose_body_it_was_given(catalogue, monkeypatch):
    """Each part's key is the same when the SOP stores it and when the book looks it up in another process
    (the style's compiled text templates once went into the key, with their memory addresses: every book laid
    out every SOP again)."""
    from petaproses.render import sop_body

    style = load_style(templates_dir(None))
    style.compiled.clear()  # as in a fresh worker: the first SOP renders before any template is compiled
    pd = "setda"
    parts = {}
    for doc in sops(catalogue):
        if doc.perangkat_daerah == pd:
            parts.update({k: v for k, v in sop_docx.render(catalogue, doc).items() if k.startswith(".")})
    assert parts and style.compiled
    style.compiled.clear()  # the book's process compiles its own

    def no_layout(*args, **kwargs):
        raise AssertionError("the book made again the body of an SOP it was given")

    # the body itself, not its flowchart: a process keeps the last few flowcharts it laid out (sop_body._CHARTS)
    monkeypatch.setattr(sop_body, "sop_body", no_layout)
    assert sop_docx.render_department(catalogue, pd, parts)[f"Dokumen-SOP-{pd}.docx"]


def test_a_copy_of_the_templates_elsewhere_finds_the_stored_bodies_current(catalogue, monkeypatch, tmp_path):
    """The templates folder's path is no part of a body's key (its gaya.yaml is): petaproses installed in
    another place (a new virtualenv) kept laying out every SOP of every book again, as no stored body matched."""
    from petaproses.render import sop_body

    copy = tmp_path / "templat"
    shutil.copytree(templates_dir(None), copy)
    pd = "setda"
    parts = {}
    for doc in sops(catalogue):
        if doc.perangkat_daerah == pd:
            parts.update({k: v for k, v in sop_docx.render(catalogue, doc).items() if k.startswith(".")})

    def no_layout(*args, **kwargs):
        raise AssertionError("the book made again the body of an SOP it was given")

    # the body itself, not its flowchart: a process keeps the last few flowcharts it laid out (sop_body._CHARTS)
    monkeypatch.setattr(sop_body, "sop_body", no_layout)
    assert sop_docx.render_department(catalogue, pd, parts, templates_dir=str(copy))[f"Dokumen-SOP-{pd}.docx"]
    (copy / "sop" / "gaya.yaml").write_text((copy / "sop" / "gaya.yaml").read_text(encoding="utf-8")
                                            + "\n# diubah\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="made again"):  # another gaya.yaml: the bodies are made again
        sop_docx.render_department(catalogue, pd, parts, templates_dir=str(copy))


def _templates_with_base(tmp_path: Path, base: docx.document.Document) -> Path:
    """A Pemda's templates folder: ours, with ``base`` as its dasar.docx."""
    folder = tmp_path / "templates" / "sop"
    folder.mkdir(parents=True, exist_ok=True)
    for f in (templates_dir(None) / "sop").iterdir():
        if f.is_file():
            (folder / f.name).write_bytes(f.read_bytes())
    base.save(str(folder / "dasar.docx"))
    return tmp_path / "templates"


def test_prepared_base_gives_what_a_fresh_base_gives(tmp_path, mini_catalogue):
    """The base template is prepared once per process (docx_package.prepared_document): the document made
    from the kept parts is byte for byte the one made from the template read afresh, and an edited template
    is read again."""
    from petaproses.render import docx_package

    base = docx.Document()
    base.styles.add_style("Gaya Pemda", 1)  # a paragraph style of the Pemda's own
    templates = str(_templates_with_base(tmp_path, base))
    doc = sops(mini_catalogue)[0]
    docx_package._PREPARED.clear()
    fresh = build(mini_catalogue, doc, templates_dir=templates)  # prepares the template
    assert len(docx_package._PREPARED) == 1
    kept = build(mini_catalogue, doc, templates_dir=templates)  # from the kept parts
    assert kept == fresh
    styles = zipfile.ZipFile(io.BytesIO(kept)).read("word/styles.xml").decode()
    assert "Gaya Pemda" in styles and 'w:ascii="Arial"' in styles
    settings = zipfile.ZipFile(io.BytesIO(kept)).read("word/settings.xml").decode()
    assert 'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"' in settings
    # the Pemda edits its template: the next document follows it
    base.styles.add_style("Gaya Kedua", 1)
    _templates_with_base(tmp_path, base)
    edited = build(mini_catalogue, doc, templates_dir=templates)
    assert "Gaya Kedua" in zipfile.ZipFile(io.BytesIO(edited)).read("word/styles.xml").decode()
    docx_package._PREPARED.clear()
    assert build(mini_catalogue, doc, templates_dir=templates) == edited


def test_zip_member_from_pieces_is_the_member_joined():
    from petaproses.render.docx_package import write_zip

    when = dt.datetime(2025, 1, 1)
    pieces = [b"<w:document>", b"x" * 70000, b"", "\u00e9".encode() * 5000, b"</w:document>"]
    joined = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"".join(pieces)}
    assert write_zip({**joined, "word/document.xml": iter(pieces)}, when) == write_zip(joined, when)


def test_book_holds_its_document_xml_about_once(tmp_path):
    """The Dokumen SOP is spliced into the zip piece by piece: a 30-SOP book's peak of Python memory stays
    under twice its document.xml (it was three and a half times: bodies, slots and the joined text)."""
    import tracemalloc

    cat_dir = tmp_path / "cat"
    shutil.copytree(PROCESSES, cat_dir)
    one = (cat_dir / "dpmptsp" / "sop01-penerbitan-pbg.yaml").read_text(encoding="utf-8")
    for k in range(30):
        (cat_dir / "dpmptsp" / f"salinan-{k:02d}.yaml").write_text(
            one.replace("kode: DPMPTSP.SOP.01", f"kode: DPMPTSP.SOP.S{k:02d}")
               .replace("nomor: 503/031/SOP-DPMPTSP/2025", f"nomor: 503/{100 + k}/SOP-DPMPTSP/2025"), encoding="utf-8")
    cat, problems = check([str(cat_dir)])
    assert not [p for p in problems if p.is_error]
    parts = {}
    for doc in sops(cat):
        if doc.perangkat_daerah == "dpmptsp":
            parts.update({k: v for k, v in sop_docx.render(cat, doc).items() if k.startswith(".")})
    sop_docx.render_department(cat, "dpmptsp", parts=parts)  # caches filled (fonts, templates)
    tracemalloc.start()
    try:
        out = sop_docx.render_department(cat, "dpmptsp", parts=parts)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    data = out["Dokumen-SOP-dpmptsp.docx"]
    size = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml").file_size
    assert size > 4_000_000 and peak < 2 * size, (size, peak)


def test_an_sop_whose_steps_did_not_change_is_not_laid_out_again(catalogue, monkeypatch):
    """A process that renders an SOP again (`siaga`) after a change outside its steps (its title) takes the
    flowchart it laid out last time: the body is byte-equal to a fresh process's.  A step's text, an actor's
    name or the style changed: laid out again."""
    import dataclasses

    from petaproses.render import sop_body

    style = load_style(templates_dir(None))
    doc = max(sops(catalogue), key=lambda d: len(d.kegiatan))
    laid = []
    real = sop_body.build_chart
    monkeypatch.setattr(sop_body, "build_chart", lambda *a, **k: laid.append(a[1].kode) or real(*a, **k))

    def body(d, st=style):
        return sop_docx.Body.render(sop_docx.Writer(catalogue, st), d).xml

    def fresh(d, st=style):
        sop_body._CHARTS.clear()
        return body(d, st)

    first = body(doc)
    # a title as long: the identity table keeps its height, so the flowchart has the same room
    renamed = doc.model_copy(update={"nama": doc.nama[:-1] + ("x" if doc.nama[-1] != "x" else "y")}, deep=True)
    assert renamed.kegiatan[0] is not doc.kegiatan[0]  # new objects, as a file read again gives
    laid.clear()
    again = body(renamed)
    assert not laid and again != first
    assert again == fresh(renamed) and laid == [doc.kode]  # the same bytes as when laid out from nothing

    steps = list(renamed.kegiatan)
    steps[1] = steps[1].model_copy(update={"uraian": steps[1].uraian + " dan seterusnya"})
    reworded = renamed.model_copy(update={"kegiatan": steps})
    laid.clear()
    assert body(reworded) == fresh(reworded) and laid == [doc.kode, doc.kode]

    monkeypatch.setattr(type(catalogue), "actor_name", lambda self, a: f"Pejabat {a}")
    laid.clear()
    assert body(reworded) == fresh(reworded) and laid == [doc.kode, doc.kode]
    monkeypatch.undo()

    monkeypatch.setattr(sop_body, "build_chart", lambda *a, **k: laid.append(a[1].kode) or real(*a, **k))
    for restyled in (dataclasses.replace(style, table_size=style.table_size + 1),
                     dataclasses.replace(style, heading_fill="FFE699")):  # the flowchart's headings only
        body(reworded)
        laid.clear()
        assert body(reworded, restyled) == fresh(reworded, restyled) and laid == [doc.kode, doc.kode]
    assert first != body(reworded)
