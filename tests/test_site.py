"""The review site: links resolve, navigation by clicking, search, no console errors, live rebuild."""

from __future__ import annotations

import os
import shutil
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from lxml import html as lhtml

from petaproses.build import build

from .conftest import FIXTURES, PROCESSES, require


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    result = build([str(PROCESSES)], str(out))
    assert result.built and not result.failed, result.failed
    return out


def _links(page: Path) -> list[str]:
    tree = lhtml.fromstring(page.read_bytes())
    refs = tree.xpath("//a/@href | //link/@href | //script/@src")
    refs += tree.xpath("//*[local-name()='a']/@*[local-name()='href']")  # links inside inline SVG
    return refs


def test_every_link_resolves(site):
    pages = sorted(site.rglob("*.html"))
    assert (site / "index.html") in pages and len(pages) > 10
    broken = []
    for page in pages:
        for ref in _links(page):
            parsed = urlparse(ref)
            if parsed.scheme or ref.startswith("#"):
                continue
            target = (page.parent / unquote(parsed.path)).resolve()
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {ref}")
    assert broken == []


def test_user_text_is_escaped(tmp_path):
    cat = tmp_path / "cat"
    shutil.copytree(FIXTURES / "mini", cat)
    sop = cat / "sop.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").replace(
        "uraian: Menyetujui permohonan", "uraian: 'Menyetujui <script>alert(1)</script> & {{ x }}'"), encoding="utf-8")
    out = tmp_path / "out"
    assert not build([str(cat)], str(out)).failed
    text = (out / "setda" / "PD.UNIT.01.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in text and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ x }}" in text


def _words(el) -> str:
    return " ".join(" ".join(el.itertext()).split())


def test_real_shaped_steps_and_times_on_the_site(tmp_path):
    """Issue 10: several actors per step (bersama / bergiliran), branches to `selesai`, times as written, the
    steps the time metrics left out, related SOPs outside the catalogue (no link)."""
    out = tmp_path / "out"
    result = build([str(FIXTURES / "nyata")], str(out), only=["diagram"])
    assert result.built and not result.failed, result.failed
    page = lhtml.fromstring((out / "setda" / "SETDA.PBJ.SOP.04.html").read_bytes())
    rows = {r.get("id"): r for r in page.xpath("//section[@class='steps']//tr[@id]")}
    cells = [_words(td) for td in rows["langkah-periksa"].xpath("td")]
    assert cells[2] == ("Pejabat Pembuat Komitmen, Pejabat Pemeriksa Hasil Pekerjaan dan Penyedia Barang/Jasa "
                        "bersama")
    assert "Tidak diperbaiki → selesai" in rows["langkah-perbaiki"].text_content()
    assert "lanjut ke" not in rows["langkah-perbaiki"].text_content()
    waktu = rows["langkah-k4"].xpath("td")[4]
    assert waktu.text_content() == "sesuai kontrak" and waktu.get("class") == "left-out"
    page = lhtml.fromstring((out / "bkpsdm" / "BKPSDM.MUT.SOP.01.html").read_bytes())
    chain = [_words(td) for td in page.xpath("//tr[@id='langkah-k6']/td")]
    assert chain[2].endswith("Asisten Administrasi Umum bergiliran") and " → " in chain[2]
    assert chain[4] == "3 hari kerja"
    related = page.xpath("//section[@class='identity']//tr[th='Keterkaitan']//li")
    assert [li.xpath("a/@href") for li in related] == [["../bkpsdm/BKPSDM.SEK.SOP.03.html"], []]
    assert "(di luar katalog)" in related[1].text_content()
    page = lhtml.fromstring((out / "bkpsdm" / "BKPSDM.SEK.SOP.03.html").read_bytes())
    [left_out] = page.xpath("//table[@class='metrics']//tr[@class='left-out']/td[1]")
    assert left_out.text_content() == "3"
    assert [td.text_content() for td in page.xpath("//section[@class='steps']//td[5]")][:3] == [
        "pada hari dan jam kerja", "5 menit", "15 menit per berkas"]
    for html_page in out.rglob("*.html"):  # a title in keterkaitan is no link, so nothing dangles
        for ref in _links(html_page):
            if not urlparse(ref).scheme and not ref.startswith("#"):
                assert (html_page.parent / unquote(urlparse(ref).path)).resolve().is_file(), (html_page, ref)


def _browser(p):
    require("chromium")
    return p.chromium.launch(executable_path=shutil.which("chromium"), args=[
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"])


def test_click_from_level1_to_sop_and_search(site, tmp_path):
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as p:
        browser = _browser(p)
        page = browser.new_page(viewport={"width": 1300, "height": 1000})
        page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
        page.goto((site / "index.html").as_uri())
        page.screenshot(path=str(tmp_path / "index.png"), full_page=True)
        # a level-1 map, then down the hierarchy by clicking until an SOP page is reached
        page.click("a:has(.kind-peta-level-1)")
        assert page.locator("h1 .kind").inner_text().lower() == "peta level 1"
        for _ in range(4):
            if page.locator("section.identity").count():
                break
            page.locator("main section a[href$='.html']").first.click()
        assert page.locator("section.identity").count() == 1, page.url
        assert page.locator(".sop-table tbody tr").count() >= 2
        # the search box finds an SOP by its code and opens it
        page.goto((site / "index.html").as_uri())
        target = sorted(p for p in site.glob("*/*.html") if p.parent.name not in ("banding", "dampak"))[0].stem
        page.fill("#cari", target)
        page.locator("#hasil-cari a").first.click()
        assert page.url.endswith(f"{target}.html")
        # every page loads without console errors
        for html_page in sorted(site.rglob("*.html")):
            page.goto(html_page.as_uri())
        browser.close()
    assert errors == []


def test_serve_rebuilds_when_yaml_is_saved(tmp_path):
    from petaproses.serve import serve

    cat = tmp_path / "cat"
    shutil.copytree(FIXTURES / "mini", cat)
    out = tmp_path / "out"
    ports: list[int] = []
    stop = threading.Event()
    thread = threading.Thread(target=serve, args=([str(cat)], str(out), 0),
                              kwargs={"interval": 0.2, "ready": ports.append, "stop": stop}, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not ports and time.time() < deadline:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{ports[0]}"
    assert b"Nama Prosedur" in urllib.request.urlopen(f"{base}/setda/PD.UNIT.01.html").read()
    first = urllib.request.urlopen(f"{base}/__versi").read()
    sop = cat / "sop.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").replace("nama: Nama Prosedur", "nama: Prosedur Baru"),
                   encoding="utf-8")
    while time.time() < deadline:
        if urllib.request.urlopen(f"{base}/__versi").read() != first:
            break
        time.sleep(0.1)
    assert b"Prosedur Baru" in urllib.request.urlopen(f"{base}/setda/PD.UNIT.01.html").read()
    stop.set()
    thread.join(5)


def test_an_inlined_diagram_links_to_pages(tmp_path):
    """A map's SVG links to other maps' SVGs; inlined on its page, they point at their pages.  The SVG's text
    is kept from its root element on, as Graphviz wrote it."""
    from petaproses.review_site import inline_svg

    svg = tmp_path / "A.svg"
    svg.write_text('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG '
                   '1.1//EN"\n "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<!-- Generated by graphviz -->\n'
                   '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n<!-- a&#45;&gt;b -->'
                   '<a xlink:href="B.svg" target="_top"><text x="1">B &amp; C</text></a><a href="../pd/C.svg"/></svg>\n',
                   encoding="utf-8")
    assert str(inline_svg(svg)) == ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                                    '\n<!-- a&#45;&gt;b --><a xlink:href="B.html" target="_top"><text x="1">B &amp; C'
                                    '</text></a><a href="../pd/C.html"/></svg>\n')
    assert inline_svg(tmp_path / "tidak-ada.svg") is None


def test_an_edited_site_template_is_used_by_the_next_build_in_the_same_process(tmp_path, monkeypatch):
    """The site's templates are compiled once per process and per content of templates/site (compiled while
    the build waits for its workers): an edit between two builds (`serve`) is seen at once, even at the same
    size and within the file system's time stamp resolution; another folder gets its own."""
    from petaproses import review_site
    from petaproses.paths import PACKAGE_TEMPLATES

    monkeypatch.chdir(tmp_path)
    shutil.copytree(PACKAGE_TEMPLATES, tmp_path / "templates")
    page = tmp_path / "templates" / "site" / "page.html.j2"
    original = page.read_text(encoding="utf-8")
    stamp = page.stat().st_mtime_ns
    cat, out = FIXTURES / "mini", tmp_path / "out"
    target = out / "setda" / "PD.UNIT.01.html"
    assert not build([str(cat)], str(out), only=["bpmn"]).failed
    assert "<!-- versi A -->" not in target.read_text(encoding="utf-8")
    for mark in ("A", "B"):  # the same length each time, the same time stamp
        page.write_text(original.replace("{% block main %}", f"{{% block main %}}<!-- versi {mark} -->", 1),
                        encoding="utf-8")
        os.utime(page, ns=(stamp, stamp))
        assert not build([str(cat)], str(out), only=["bpmn"]).failed
        assert f"<!-- versi {mark} -->" in target.read_text(encoding="utf-8"), mark
    assert len(review_site._ENVS) == 1  # the environments of earlier contents are let go
    other = tmp_path / "lain"
    shutil.copytree(tmp_path / "templates", other / "templates")
    monkeypatch.chdir(other)
    env = review_site._env(review_site.Path("templates"))
    assert env.loader.searchpath[0] == "templates/site"  # then the shipped ones, for what the copy lacks
    assert list(review_site._ENVS)[0][1] == str((other / "templates" / "site").resolve())


def test_the_home_page_cites_the_catalogues_own_regulation(site, tmp_path):
    """Kabupaten Solok Selatan's home page cited "Pasal 17 Perwali Padang Panjang 48/2024" (review Q): the page
    names the regulation on Sistem Kerja the catalogue's register holds, and none when it has none."""
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Peraturan Wali Kota Padang Panjang Nomor 48 Tahun 2024" in home
    out = tmp_path / "u4"
    result = build([str(FIXTURES / "ulasan4")], str(out))
    assert result.built and not result.failed
    other = (out / "index.html").read_text(encoding="utf-8")
    assert "Padang Panjang" not in other and "Halaman ini untuk reviu dan evaluasi" in other


def test_an_sops_revision_history_is_on_its_page(tmp_path):
    """`riwayat` (written by ubah-jabatan and ubah-peraturan) was printed nowhere (review Q): the SOP's page
    lists it under its identity."""
    cat = tmp_path / "k"
    shutil.copytree(FIXTURES / "mini", cat)
    sop = cat / "sop.yaml"
    sop.write_text(sop.read_text(encoding="utf-8") + "riwayat:\n  - {tanggal: 2026-07-01, uraian: Jabatan X diganti "
                   "dengan Y}\n", encoding="utf-8")
    result = build([str(cat)], str(tmp_path / "out"), only=["diagram"])
    assert result.built and not result.failed
    page = next((tmp_path / "out").rglob("PD.UNIT.01.html")).read_text(encoding="utf-8")
    assert "Riwayat Revisi" in page and "1 Juli 2026: Jabatan X diganti dengan Y" in page
