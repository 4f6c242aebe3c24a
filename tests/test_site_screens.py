"""The review site on a projector (1366×768) and a phone (390 px), and the findings `serve` shows in the
browser (issue 15, items 3 and 4).  Playwright drives Debian's chromium."""

from __future__ import annotations

import shutil
import threading
import time

import pytest

from petaproses.build import build
from petaproses.cli import main

from .conftest import FIXTURES, PROCESSES
from .test_site import _browser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("layar")
    result = build([str(PROCESSES)], str(out))
    assert not result.failed and not [p for p in result.problems if p.is_error]
    lama = PROCESSES / "dpmptsp" / "sop02-izin-reklame.yaml"
    assert main(["banding", str(lama), str(lama), "--situs", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = _browser(p)
        yield b
        b.close()


def _diagram(page) -> dict:
    return page.evaluate("""() => {
        const frame = document.querySelector('.svg-frame'), svg = frame.querySelector('svg');
        const top = document.querySelector('header.top');
        const sticky = getComputedStyle(top).position === 'sticky' ? top.offsetHeight : 0;
        // the diagram's box brought to the top of the screen, just under the (sticky) header
        window.scrollTo(0, document.querySelector('.diagram').getBoundingClientRect().top + window.scrollY - sticky);
        const r = svg.getBoundingClientRect(), f = frame.getBoundingClientRect();
        const head = sticky ? top.getBoundingClientRect() : {bottom: 0};
        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, frameLeft: f.left,
                frameRight: f.right, frameTop: f.top, frameBottom: f.bottom, headBottom: head.bottom,
                scrollW: frame.scrollWidth, clientW: frame.clientWidth, scrollH: frame.scrollHeight,
                clientH: frame.clientHeight};
    }""")


def _fully_visible(d: dict, width: int, height: int) -> bool:
    return (d["scrollW"] <= d["clientW"] + 1 and d["scrollH"] <= d["clientH"] + 1 and d["left"] >= 0
            and d["right"] <= width and d["top"] >= d["headBottom"] - 1 and d["bottom"] <= height)


def test_the_dpmptsp_level1_map_opens_fitted_on_a_projector(site, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto((site / "dpmptsp" / "DPMPTSP.L1.html").as_uri())
    fitted = _diagram(page)
    assert _fully_visible(fitted, 1366, 768), fitted
    assert fitted["width"] > 1000  # fitted, not shrunk to a stamp
    page.click("button[data-zoom='1.25']")
    page.click("button[data-zoom='1.25']")
    zoomed = _diagram(page)
    assert zoomed["width"] > fitted["width"] * 1.5 and zoomed["scrollW"] > zoomed["clientW"]
    page.click("button[data-zoom='0']")  # "Pas" fits again (not 100 %)
    assert abs(_diagram(page)["width"] - fitted["width"]) < 1
    # Ctrl + wheel (and a trackpad pinch, which the browser sends as one) zooms around the pointer
    box = page.locator(".svg-frame").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -300)
    page.keyboard.up("Control")
    page.wait_for_timeout(100)
    assert _diagram(page)["width"] > fitted["width"] * 1.5
    page.close()


PAGE_KINDS = ["index.html", "dpmptsp/DPMPTSP.L1.html", "dpmptsp/DPMPTSP.SP.04.html", "dpmptsp/DPMPTSP.LF.01.html",
              "dpmptsp/DPMPTSP.SOP.01.html", "setda/SETDA.ORG.SOP.03.html", "banding/DPMPTSP.SOP.02.html"]


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_no_page_scrolls_sideways_on_a_phone(site, browser, path):
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                            has_touch=True)
    page.goto((site / path).as_uri())
    width = page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
    assert width <= 390, f"{path}: {width} px wide"
    header = page.evaluate("() => document.querySelector('header.top').getBoundingClientRect().height")
    assert header < 100, f"{path}: header {header} px tall"  # name and search: two short lines
    if page.locator(".svg-frame svg").count():
        assert _fully_visible(_diagram(page), 390, 844)
    page.close()


def test_a_multi_line_kelengkapan_keeps_its_lines(site, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto((site / "dpmptsp" / "DPMPTSP.SOP.01.html").as_uri())
    cell = page.locator(".sop-table td[data-label='Kelengkapan']", has_text="Data pemohon dan bukti")
    lines = cell.inner_text().splitlines()
    assert lines[:2] == ["Data pemohon dan bukti kepemilikan tanah", "Dokumen rencana arsitektur, struktur dan utilitas"]
    page.close()


def test_serve_shows_a_pages_findings_and_a_banner_for_others_until_fixed(tmp_path, browser):
    from petaproses.serve import serve

    cat = tmp_path / "cat"
    shutil.copytree(FIXTURES / "mini", cat)
    ports: list[int] = []
    stop = threading.Event()
    thread = threading.Thread(target=serve, args=([str(cat)], str(tmp_path / "out"), 0),
                              kwargs={"interval": 0.2, "ready": ports.append, "stop": stop, "settle": 0.2},
                              daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not ports and time.time() < deadline:
        time.sleep(0.05)
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        page.goto(f"http://127.0.0.1:{ports[0]}/setda/PD.UNIT.01.html")
        assert page.locator("#temuan-dokumen").is_hidden()
        sop = cat / "sop.yaml"
        good_sop = sop.read_text(encoding="utf-8")
        sop.write_text(good_sop.replace("pelaksana: kasubag_umum", "pelaksana: kasubag_umumm", 1), encoding="utf-8")
        own = page.locator("#temuan-dokumen")
        own.wait_for(state="visible", timeout=20000)
        line = next(i for i, ln in enumerate(good_sop.splitlines(), 1) if "pelaksana: kasubag_umum" in ln)
        assert f"sop.yaml:{line}:16: unknown-pelaksana: pelaksana 'kasubag_umumm' tidak dikenal" in own.inner_text()
        assert "belum diperbarui" in own.inner_text()
        assert page.locator("#temuan-lain").count() == 0
        sop.write_text(good_sop, encoding="utf-8")
        other = cat / "sop-lain.yaml"  # another document breaks: a banner here, its findings in full on its page
        other.write_text(good_sop.replace("kode: PD.UNIT.01", "kode: PD.UNIT.02").replace(
            "pelaksana: kepala_dinas", "pelaksana: kepala_dinass", 1), encoding="utf-8")
        banner = page.locator("#temuan-lain")
        banner.wait_for(state="visible", timeout=20000)
        assert "sop-lain.yaml:" in banner.inner_text() and "1 berkas lain" in banner.inner_text()
        own.wait_for(state="hidden", timeout=20000)
        other.unlink()
        banner.wait_for(state="detached", timeout=20000)
        assert "<" not in page.locator("h1").inner_text()
    finally:
        page.close()
        stop.set()
        thread.join(10)
