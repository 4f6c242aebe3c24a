"""The impact page of the review site: who cites which regulation, who still uses a removed position."""

from __future__ import annotations

import shutil

from lxml import html as lhtml

from petaproses.build import build
from petaproses.cli import main

from .conftest import PROCESSES


def test_impact_page_lists_users_with_before_after_and_follows_the_rewrite(tmp_path, monkeypatch):
    cat = tmp_path / "processes"
    shutil.copytree(PROCESSES, cat)
    sop = cat / "setda" / "sop05-penyusunan-lkjip.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").replace(
        "dasar_hukum:\n", "dasar_hukum:\n  - 'Surat <b>edaran</b> & {{ x }}'\n", 1), encoding="utf-8")
    out = tmp_path / "out"
    assert not build([str(cat)], str(out), only=["bpmn"]).failed
    page = (out / "dampak.html").read_text(encoding="utf-8")
    assert "Surat &lt;b&gt;edaran&lt;/b&gt; &amp; {{ x }}" in page and "<b>edaran" not in page
    tree = lhtml.fromstring(page)
    [section] = tree.xpath("//section[@class='impact']")
    assert "kasubag_tata_laksana" in section.text_content() and "Analis Kebijakan Ahli Muda" in section.text_content()
    rows = section.xpath(".//tbody/tr")
    users = [r.xpath("./td[1]")[0].text_content().split()[0] for r in rows]
    assert users == ["organisasi.yaml", "DISKOMINFO.SOP.07", "DPMPTSP.SOP.07", "SETDA.ORG.LF.01", "SETDA.ORG.SOP.01",
                     "SETDA.ORG.SOP.02"]
    links = section.xpath(".//a[text()='perbandingan']/@href")
    assert len(links) == 5 and all((out / link).is_file() for link in links)
    before_after = (out / links[2]).read_text(encoding="utf-8")
    assert "kasubag_tata_laksana → analis_tata_laksana" in before_after
    # regulations in hierarchy order: the first rows are laws, the revoked one is marked and names its user
    ids = tree.xpath("//table[contains(@class,'regulations')]//tr/td[1]/code/text()")
    assert ids[0].startswith("uu_") and ids.index("pp_5_2021") < ids.index("perpres_97_2014")
    revoked = tree.xpath("//tr[contains(@class,'status-dicabut')][td/code='pp_5_2021']")[0].text_content()
    assert "DPMPTSP.SOP.03" in revoked and "Peraturan Pemerintah Nomor 28 Tahun 2025" in revoked
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="dampak.html"' in index

    monkeypatch.chdir(tmp_path)
    assert main(["ubah-jabatan", "kasubag_tata_laksana", "analis_tata_laksana", "processes", "--tulis",
                 "--tanggal", "2025-07-01"]) == 0
    assert not build(["processes"], str(out), only=["bpmn"]).failed
    page = (out / "dampak.html").read_text(encoding="utf-8")
    assert "Tidak ada lagi dokumen yang memakainya" in page
    assert sorted((out / "dampak").glob("*.html")) == []  # the before/after pages of the done change are gone
