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
    # position names, not ids (review round 4: "pranata_komputer_muda → pranata_komputer")
    assert ("Kepala Subbagian Pelayanan Publik dan Tata Laksana → Analis Kebijakan Ahli Muda Bidang Tata Laksana"
            in before_after) and "kasubag_tata_laksana →" not in before_after
    # the rewrite is planned on the removal's day, `ubah-jabatan` dates it on the day it runs: that date (and the
    # record carrying it) is not shown as a change (it read "Tanggal Revisi - → 30 Desember 2022", before the
    # SOP was made); nothing else of the identity changes
    assert "Identitas diubah (0)" in before_after and "30 Desember 2022" not in before_after
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
    # the ids are rewritten; a step's text still names the old post: listed until it is reworded by hand
    [row] = lhtml.fromstring((out / "dampak.html").read_text(encoding="utf-8")).xpath(
        "//section[@class='impact']//tbody/tr")
    assert row.xpath("./td[1]")[0].text_content().split()[0] == "SETDA.ORG.SOP.02"
    assert row.xpath("./td[2]")[0].text_content() == "teks kegiatan 3 uraian" and not row.xpath(".//td[3]/a")
    assert sorted((out / "dampak").glob("*.html")) == []  # the before/after pages of the done change are gone
    sop = cat / "setda" / "sop02-reviu-sop.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").replace("Kepala Subbagian Pelayanan Publik dan Tata Laksana",
                                                           "Analis Kebijakan Bidang Tata Laksana"), encoding="utf-8")
    assert not build(["processes"], str(out), only=["bpmn"]).failed
    assert "Tidak ada lagi dokumen yang memakainya" in (out / "dampak.html").read_text(encoding="utf-8")


def test_before_after_pages_are_made_again_only_for_what_changed(tmp_path, monkeypatch):
    """A before/after page whose document and organisation file are unchanged is not planned again (the rewrite
    of every file naming the removed position was planned, read back and compared in every build); one whose
    document changed is, and so are all when the organisation file changes.  Either way the output is that of a
    fresh build."""
    from petaproses import orgchange

    cat = tmp_path / "processes"
    shutil.copytree(PROCESSES, cat)
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    assert not build([str(cat)], str(out), only=["bpmn"]).failed
    planned: list[set] = []
    real = orgchange.plan_change

    def spy(*args, **kwargs):
        planned.append(set(kwargs.get("paths") or ()))
        return real(*args, **kwargs)

    monkeypatch.setattr(orgchange, "plan_change", spy)
    import jinja2

    templates: list[str] = []  # the templates rendered
    real_render = jinja2.Template.render

    def render(self, *args, **kwargs):
        templates.append(self.name)
        return real_render(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", render)

    def same_as_fresh() -> None:
        shutil.rmtree(fresh, ignore_errors=True)
        assert not build([str(cat)], str(fresh), only=["bpmn"]).failed
        for page in sorted((fresh / "dampak").glob("*.html")) + [fresh / "dampak.html"]:
            assert (out / page.relative_to(fresh)).read_bytes() == page.read_bytes(), page.name
        assert sorted(p.name for p in (out / "dampak").glob("*.html")) == \
            sorted(p.name for p in (fresh / "dampak").glob("*.html"))

    sop = cat / "setda" / "sop02-reviu-sop.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").replace("    uraian: ", "    uraian: (diubah) ", 1), encoding="utf-8")
    planned.clear()
    templates.clear()
    assert not build([str(cat)], str(out), only=["bpmn"]).failed
    assert "dampak.html.j2" not in templates  # the impact page's values did not change: not rendered again
    # the edited file only: the two that link to it show its name, which did not change (nor did their hashes)
    assert len(planned) == 1 and planned[0] == {str(sop)}
    assert not any("diskominfo" in p or "dpmptsp" in p for p in planned[0])
    same_as_fresh()
    planned.clear()
    assert not build([str(cat)], str(out), only=["bpmn"]).failed  # nothing changed: nothing planned
    assert planned == []
    org = cat / "organisasi.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("nama: Analis Kebijakan Ahli Muda Bidang Tata Laksana,",
                                                           "nama: Analis Kebijakan Madya Bidang Tata Laksana,", 1),
                   encoding="utf-8")
    planned.clear()
    templates.clear()
    assert not build([str(cat)], str(out), only=["bpmn"]).failed
    assert len(planned) == 1 and len(planned[0]) >= 5  # every file naming the position
    assert "dampak.html.j2" in templates  # it names the replacement: made again
    before_after = (out / "dampak" / "kasubag_tata_laksana--SETDA.ORG.SOP.02.html").read_text(encoding="utf-8")
    assert "Analis Kebijakan Madya Bidang Tata Laksana" in before_after
    same_as_fresh()


def _users(page: str, removed: str) -> dict[str, str]:
    """Return document code (or organisasi.yaml) -> where, of the impact page's section of ``removed``."""
    [section] = [s for s in lhtml.fromstring(page).xpath("//section[@class='impact']")
                 if s.xpath(f".//h3/code[.='{removed}']")]
    return {r.xpath("./td[1]")[0].text_content().split()[0]: r.xpath("./td[2]")[0].text_content()
            for r in section.xpath(".//tbody/tr")}


def test_signers_and_heads_are_uses_and_a_split_post_gets_no_automatic_preview(tmp_path):
    cat = tmp_path / "processes"
    shutil.copytree(PROCESSES, cat)
    org = cat / "organisasi.yaml"
    text = org.read_text(encoding="utf-8").replace(
        "  kadis_kominfo: {nama: Kepala Dinas Komunikasi dan Informatika, perangkat_daerah: diskominfo}",
        "  kadis_kominfo: {nama: Kepala Dinas Komunikasi dan Informatika, perangkat_daerah: diskominfo, "
        "dihapus: 2026-07-01, diganti_oleh: [sekdis_kominfo, kabid_ikp]}")
    org.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert not build([str(cat)], str(out), only=["bpmn"]).failed
    page = (out / "dampak.html").read_text(encoding="utf-8")
    users = _users(page, "kadis_kominfo")
    assert users["organisasi.yaml"] == "kepala diskominfo"
    assert users["DISKOMINFO.SOP.01"] == "disahkan_oleh"  # signs only: listed all the same
    assert users["DISKOMINFO.SOP.06"].startswith("disahkan_oleh, urutan pelaksana, kegiatan")
    assert "Tugasnya dibagi" in page
    assert not list((out / "dampak").glob("kadis_kominfo--*.html"))  # no successor chosen for the author
