"""The peta relasi and the application matrix in the build: site pages (click a relation -> the SOPs behind
it), the Dokumen SOP book's appendix, the untrusted SVG, and rebuilding when only a peta-relasi file changes."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from petaproses import relasi
from petaproses.build import build, check
from petaproses.review_relasi import safe_svg

from .conftest import PROCESSES, require

RENDERERS = ["relasi", "aplikasi", "sop_docx"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("relasi-site") / "out"
    result = build([str(PROCESSES)], str(out), only=RENDERERS)
    assert not result.failed and not [p for p in result.problems if p.is_error]
    return out


def test_every_relation_row_links_to_the_sops_and_steps_behind_it(site, catalogue):
    rmap = relasi.view(catalogue, relasi.derive(catalogue), "dpmptsp")
    page = site / "peta-relasi" / "Peta-Relasi-dpmptsp.html"
    html = page.read_text(encoding="utf-8")
    rows = re.findall(r'<tr id="relasi-(\d+)"[^>]*>(.*?)</tr>', html, re.S)
    assert [int(n) for n, _ in rows] == list(range(1, len(rmap.relations) + 1))
    for (n, row), rel in zip(rows, rmap.relations):
        links = re.findall(r'href="([^"]+)"', row)
        for code in rel.processes:
            doc = catalogue.by_code[code]
            assert f"../{doc.perangkat_daerah}/{code}.html" in links, (n, code)
        for link in links:
            assert (page.parent / link.split("#")[0]).resolve().is_relative_to(site.resolve())
    assert 'class="diagram"' in html
    assert set(re.findall(r'xlink:href="#relasi-(\d+)"', html)) == {str(n) for n in range(1, len(rmap.relations) + 1)}
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="peta-relasi/index.html"' in index and 'href="peta-relasi/Peta-Relasi-dpmptsp.html"' in index
    assert 'href="matriks-aplikasi/index.html"' in index


def test_clicking_a_relation_shows_its_row(site):
    from playwright.sync_api import sync_playwright

    from .test_site import _browser

    errors: list[str] = []
    with sync_playwright() as p:
        browser = _browser(p)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((site / "peta-relasi" / "Peta-Relasi-dpmptsp.html").as_uri())
        page.locator("g#garis-3 text").first.click()
        page.wait_for_timeout(200)
        assert page.url.endswith("#relasi-3")
        row = page.locator("tr#relasi-3")
        assert row.is_visible() and row.locator("a").count() >= 1
        box = row.bounding_box()
        assert box and 0 <= box["y"] < 900
        browser.close()
    assert errors == []


def test_a_line_of_the_svg_opened_on_its_own_leads_to_its_row_on_the_page(site):
    """The pages link the SVG file ("SVG"); its lines linked to "#relasi-<n>", which is nothing inside the
    file (review round 4: 604 dead links).  The file names the page beside it; the page inlines it with links
    within itself."""
    svgs = sorted((site / "peta-relasi").glob("*.svg"))
    assert len(svgs) == 4
    for svg in svgs:
        text = svg.read_text(encoding="utf-8")
        name = "index.html" if svg.stem == "Peta-Relasi" else f"{svg.stem}.html"
        targets = set(re.findall(r'href="([^"]*#relasi-\d+)"', text))
        assert targets and all(t.startswith(f"{name}#relasi-") for t in targets), svg.name
        page = (site / "peta-relasi" / name).read_text(encoding="utf-8")
        for target in targets:
            assert f'id="{target.partition("#")[2]}"' in page, target
        assert f'href="{name}#' not in page and 'href="#relasi-1"' in page


def test_the_matrix_pages_list_every_process(site, catalogue):
    html = (site / "matriks-aplikasi" / "index.html").read_text(encoding="utf-8")
    codes = re.findall(r'<a href="\.\./[a-z_]+/([A-Z0-9.]+)\.html"><code>', html)
    assert codes == [d.kode for d in catalogue.maps if hasattr(d, "kegiatan")]
    assert (site / "matriks-aplikasi" / "Matriks-Aplikasi.xlsx").is_file()
    assert "SRIKANDI" in html and 'rel="noopener noreferrer"' in html


def test_the_book_prints_the_peta_relasi_only_where_asked(site):
    def parts(pd: str) -> tuple[str, list[str]]:
        with zipfile.ZipFile(site / pd / f"Dokumen-SOP-{pd}.docx") as z:
            return z.read("word/document.xml").decode(), [n for n in z.namelist() if n.startswith("word/media/")]

    xml, media = parts("dpmptsp")  # processes/dpmptsp/peta-relasi-dpmptsp.yaml: buku: ya
    assert "LAMPIRAN: PETA RELASI DINAS PENANAMAN MODAL" in xml and len(media) == 2  # the logo and the map
    # and the relations as a table (the map of 47 relations shrinks on A4 below legible print), as numbered
    # on the map, one row each, its heading repeated on every page
    table = xml[xml.index(">Daftar relasi<"):]
    numbers = re.findall(r'<w:t xml:space="preserve">#(\d+)</w:t>', table)
    assert numbers == [str(k) for k in range(1, len(numbers) + 1)] and len(numbers) > 40
    assert table.count("<w:tblHeader/>") == 1 and "Petugas Back Office Perizinan" in table
    xml, media = parts("setda")
    assert "LAMPIRAN: PETA RELASI" not in xml and len(media) == 1


def test_an_svg_read_back_keeps_only_drawing_and_page_links(tmp_path):
    bad = tmp_path / "x.svg"
    bad.write_text('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
                   'onload="alert(1)"><script>alert(2)</script><g id="a"><a xlink:href="javascript:alert(3)">'
                   '<text>x</text></a><a xlink:href="#relasi-2"><path d="M0 0" style="fill:url(http://evil/x)"/></a>'
                   '<rect filter="u r l ( http://evil/y )"/><!-- c --><style>@import url(http://evil/z)</style></g><foreignObject><div>y</div></foreignObject></svg>', encoding="utf-8")
    text = str(safe_svg(bad))
    assert "alert" not in text and "script" not in text and "foreignObject" not in text and "evil" not in text
    assert 'xlink:href="#relasi-2"' in text and "<text>x</text>" in text and "<rect/>" in text
    (tmp_path / "y.svg").write_text("<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><svg>&e;</svg>")
    assert "root:" not in str(safe_svg(tmp_path / "y.svg") or "")
    assert safe_svg(tmp_path / "missing.svg") is None


def test_a_changed_peta_relasi_file_rebuilds_the_pictures_and_pages(tmp_path):
    shutil.copytree(PROCESSES, tmp_path / "p")
    out = tmp_path / "out"
    assert not build([str(tmp_path / "p")], str(out), only=RENDERERS).failed
    svg = (out / "peta-relasi" / "Peta-Relasi.svg").read_bytes()
    page = (out / "peta-relasi" / "index.html").read_bytes()
    settings = tmp_path / "p" / "peta-relasi.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "  - {dari: kabag_org, ke: sekda}\n", encoding="utf-8")
    result = build([str(tmp_path / "p")], str(out), only=RENDERERS)
    assert not result.failed and result.built == []  # no document changed
    assert (out / "peta-relasi" / "Peta-Relasi.svg").read_bytes() != svg
    assert (out / "peta-relasi" / "index.html").read_bytes() != page
    cat, _ = check([str(tmp_path / "p")])
    hidden = {r.key for r in relasi.views(cat)[0].hidden}
    assert ("kabag_org", "sekda") in hidden


def test_the_book_follows_its_peta_relasi(tmp_path):
    """The DPMPTSP book prints its peta relasi: a change to another department's SOP that touches no DPMPTSP
    relation leaves the book alone; a hand-written relation for DPMPTSP rebuilds it."""
    require("dot")
    shutil.copytree(PROCESSES, tmp_path / "p")
    out = tmp_path / "out"
    assert not build([str(tmp_path / "p")], str(out), only=["sop_docx", "relasi"]).failed
    book = out / "dpmptsp" / "Dokumen-SOP-dpmptsp.docx"
    before = book.stat().st_mtime_ns
    sop = tmp_path / "p" / "setda" / "sop02-reviu-sop.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").replace("waktu: 15 menit", "waktu: 20 menit", 1), encoding="utf-8")
    assert not build([str(tmp_path / "p")], str(out), only=["sop_docx", "relasi"]).failed
    assert book.stat().st_mtime_ns == before
    own = tmp_path / "p" / "dpmptsp" / "peta-relasi-dpmptsp.yaml"
    own.write_text(own.read_text(encoding="utf-8").replace("relasi:\n", "relasi:\n  - {dari: petugas_bo, ke: "
                                                           "kabid_pengaduan, label: Data pengaduan}\n", 1),
                   encoding="utf-8")
    assert not build([str(tmp_path / "p")], str(out), only=["sop_docx", "relasi"]).failed
    assert book.stat().st_mtime_ns != before
    with zipfile.ZipFile(io.BytesIO(book.read_bytes())) as z:
        assert "LAMPIRAN: PETA RELASI" in z.read("word/document.xml").decode()


def test_matrix_pages_are_rendered_again_only_when_what_they_show_changes(tmp_path, monkeypatch):
    """A matrix page's key (what it is made from, the templates, the version) is kept with the relation pages'
    keys: a step's wording that no matrix shows renders none of them, a process's new name renders them, and
    the pages are then those of a fresh build."""
    import jinja2

    cat = tmp_path / "p"
    shutil.copytree(PROCESSES, cat)
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    assert not build([str(cat)], str(out), only=["aplikasi"]).failed
    rendered: list[str] = []
    real_render = jinja2.Template.render

    def render(self, *args, **kwargs):
        rendered.append(self.name)
        return real_render(self, *args, **kwargs)
    monkeypatch.setattr(jinja2.Template, "render", render)

    def same_as_fresh() -> None:
        shutil.rmtree(fresh, ignore_errors=True)
        assert not build([str(cat)], str(fresh), only=["aplikasi"]).failed
        pages = sorted((fresh / "matriks-aplikasi").glob("*.html"))
        assert len(pages) > 1
        for page in pages:
            assert (out / page.relative_to(fresh)).read_bytes() == page.read_bytes(), page.name

    sop = cat / "setda" / "sop02-reviu-sop.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").replace("    uraian: ", "    uraian: (diubah) ", 1), encoding="utf-8")
    rendered.clear()
    assert not build([str(cat)], str(out), only=["aplikasi"]).failed
    assert "page.html.j2" in rendered and "aplikasi.html.j2" not in rendered
    same_as_fresh()
    sop.write_text(sop.read_text(encoding="utf-8").replace("nama: Reviu Standar", "nama: Kaji Ulang Standar", 1),
                   encoding="utf-8")
    rendered.clear()
    assert not build([str(cat)], str(out), only=["aplikasi"]).failed
    assert rendered.count("aplikasi.html.j2") >= 2  # the Pemda's and the department's
    assert "Kaji Ulang Standar" in (out / "matriks-aplikasi" / "index.html").read_text(encoding="utf-8")
    same_as_fresh()
    (out / "matriks-aplikasi" / "index.html").write_bytes(b"rusak")  # a damaged page is made again
    assert not build([str(cat)], str(out), only=["aplikasi"]).failed
    same_as_fresh()


def test_a_position_name_that_looks_like_markup_stays_text_in_the_pictures(tmp_path):
    """A name is a node's tooltip: the graphviz package writes a value in <...> unquoted (an HTML-like label),
    so it was DOT and could add a link to javascript: or draw a file from anywhere."""
    shutil.copytree(PROCESSES, tmp_path / "p")
    org = tmp_path / "p" / "organisasi.yaml"
    hostile = '<a> URL="javascript:alert(2)" image="/etc/hostname" x=<b>'
    org.write_text(org.read_text(encoding="utf-8").replace(
        "kabag_org: {nama: Kepala Bagian Organisasi,", f"kabag_org: {{nama: '{hostile}',"), encoding="utf-8")
    out = tmp_path / "out"
    assert not build([str(tmp_path / "p")], str(out), only=RENDERERS).failed
    pictures = [p.read_text(encoding="utf-8") for p in (out / "peta-relasi").glob("*.svg")]
    assert pictures and not any('href="javascript:' in s or "<image" in s for s in pictures)
    assert any('xlink:title="&lt;a&gt; URL=&quot;javascript' in s for s in pictures)  # the name, as text
