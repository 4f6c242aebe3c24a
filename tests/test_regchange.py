"""`petaproses ubah-peraturan`, and what a revocation does to the warnings, the impact page and the keputusan."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from lxml import html as lhtml

from petaproses.build import build
from petaproses.check import check, load
from petaproses.cli import main
from petaproses.render.sop_keputusan import keputusan_context

from .conftest import ROOT

OLD, NEW = "perwal_48_2024", "perwal_10_2026"
NEW_ENTRY = ("  perwal_10_2026:\n    jenis: perwal\n    pembentuk: Padang Panjang\n    nomor: 10\n    tahun: 2026\n"
             "    judul: Sistem Kerja di Lingkungan Pemerintah Daerah\n")
OLD_TEXT = "Peraturan Wali Kota Padang Panjang Nomor 48 Tahun 2024"
NEW_TEXT = "Peraturan Wali Kota Padang Panjang Nomor 10 Tahun 2026"


def _revoke(folder: Path, when: str) -> None:
    reg = folder / "peraturan.yaml"
    text = reg.read_text(encoding="utf-8")
    text = text.replace("    judul: Sistem Kerja di Lingkungan Pemerintah Daerah\n",
                        f"    judul: Sistem Kerja di Lingkungan Pemerintah Daerah\n    dicabut_oleh: {NEW}\n"
                        f"    dicabut_tanggal: {when}\n" + NEW_ENTRY, 1)
    reg.write_text(text, encoding="utf-8")


@pytest.fixture()
def catalogue(tmp_path, monkeypatch) -> Path:
    shutil.copytree(ROOT / "processes", tmp_path / "processes")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # 2026-05-28: after the revocation of 2026-04-01
    _revoke(tmp_path / "processes", "2026-04-01")
    return tmp_path / "processes"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_rewrite_is_shown_first_then_written_keeping_the_rest_of_each_file(catalogue, capsys):
    _, before = check([str(catalogue)])
    warned = {p.path for p in before if p.code == "revoked-regulation" and OLD_TEXT in p.message}
    assert len(warned) == 8
    assert all(f"petaproses ubah-peraturan {OLD} {NEW} --tulis" in p.message
               for p in before if p.code == "revoked-regulation" and OLD_TEXT in p.message)
    untouched = _snapshot(catalogue)
    assert main(["ubah-peraturan", OLD, NEW, str(catalogue), "--tanggal", "2026-05-04"]) == 0
    out, err = capsys.readouterr()
    assert _snapshot(catalogue) == untouched and "--tulis" in err
    assert f"-dasar_hukum: [{OLD}, permenpanrb_19_2018" in out and f"+dasar_hukum: [{NEW}, permenpanrb_19_2018" in out
    assert f"-  - {OLD_TEXT} tentang Sistem Kerja" in out and f"+  - {NEW_TEXT} tentang Sistem Kerja" in out
    # prose naming the old regulation is listed with its place, not rewritten
    assert "sp04-penataan-tata-laksana.yaml:8:12: teks deskripsi menyebut" in err

    assert main(["ubah-peraturan", OLD, NEW, str(catalogue), "--tanggal", "2026-05-04", "--tulis"]) == 0
    capsys.readouterr()
    after = _snapshot(catalogue)
    changed = {k for k in after if after[k] != untouched[k]}
    assert {os.path.relpath(p, catalogue) for p in warned} | {"peraturan.yaml"} == changed
    sop01 = (catalogue / "setda" / "sop01-penyusunan-peta-proses-bisnis.yaml").read_text(encoding="utf-8")
    old01 = untouched["setda/sop01-penyusunan-peta-proses-bisnis.yaml"].decode()
    assert "# dikutip dengan id dari peraturan.yaml" in sop01  # comments kept
    assert "revisi: 2026-05-04" in sop01 and f"uraian: \"Dasar hukum {OLD_TEXT} diganti dengan {NEW_TEXT}\"" in sop01
    expected = old01.replace(OLD, NEW).replace("revisi: null", "revisi: 2026-05-04")
    assert sop01.replace(sop01[sop01.index("riwayat:\n"):sop01.index("disahkan_oleh")], "") == expected
    _, later = check([str(catalogue)])
    assert not [p for p in later if p.code in ("revoked-regulation", "missing-amendment") and OLD_TEXT in p.message]
    assert not [p for p in later if p.is_error]


@pytest.mark.parametrize("args, message", [
    (["perwal_48_2025", NEW], "maksud Anda 'perwal_48_2024'?"),
    ([OLD, "perwal_10_2062"], "maksud Anda 'perwal_10_2026'?"),
    ([NEW, OLD], "belum diberi 'dicabut_oleh'"),
    # an amendment is no revocation: told so, never to mark it revoked (review Q: the advice dropped the base law)
    (["uu_23_2014", "uu_6_2023"], "'uu_6_2023' mengubah 'uu_23_2014', tidak mencabutnya"),
    ([OLD, OLD], "LAMA dan BARU sama"),
])
def test_a_change_that_makes_no_sense_is_refused_without_writing(catalogue, capsys, args, message):
    untouched = _snapshot(catalogue)
    assert main(["ubah-peraturan", *args, str(catalogue), "--tulis"]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert _snapshot(catalogue) == untouched


def test_a_text_citation_needing_quotes_and_one_in_an_amendment_are_handled(catalogue, capsys):
    sop = catalogue / "setda" / "sop05-penyusunan-lkjip.yaml"
    text = sop.read_text(encoding="utf-8")
    sop.write_text(text.replace(f"  - {OLD_TEXT} tentang Sistem Kerja di Lingkungan Pemerintah Daerah\n",
                                "  - 'Perwal Padang Panjang No. 48 Tahun 2024'\n"
                                "  - Perda Kota Padang Panjang Nomor 9 Tahun 2016 sebagaimana telah diubah dengan "
                                "Perwal Padang Panjang Nomor 48 Tahun 2024\n"), encoding="utf-8")
    assert main(["ubah-peraturan", OLD, NEW, str(sop), "--tanggal", "2026-05-04", "--tulis"]) == 0
    err = capsys.readouterr().err
    written = sop.read_text(encoding="utf-8")
    assert f"  - '{NEW_TEXT} tentang Sistem Kerja di Lingkungan Pemerintah Daerah'\n" in written  # its quotes kept
    # listed with its place in the written file (the revision record added above it moved it down, review Z)
    line = written.splitlines().index("  - Perda Kota Padang Panjang Nomor 9 Tahun 2016 sebagaimana telah diubah dengan "
                                      "Perwal Padang Panjang Nomor 48 Tahun 2024") + 1
    assert f"sop05-penyusunan-lkjip.yaml:{line}:5: dasar hukum menyebut" in err, err
    assert "sebagaimana telah diubah dengan Perwal Padang Panjang Nomor 48 Tahun 2024" in written


def test_a_citation_written_with_its_own_list_mark_is_rewritten_under_that_mark(catalogue, capsys):
    """Review S: a basis transcribed "b. Peraturan ..." is read as a citation now; its rewrite keeps the mark (the
    identity prints the author's marks)."""
    sop = catalogue / "setda" / "sop05-penyusunan-lkjip.yaml"
    text = sop.read_text(encoding="utf-8")
    items = [line for line in text.splitlines() if line.startswith("  - ") and "Nomor" in line]
    assert any(OLD_TEXT in line for line in items), items
    marked = text
    for k, line in enumerate(items):
        marked = marked.replace(line, f"  - {chr(97 + k)}. {line[4:]}", 1)
    sop.write_text(marked, encoding="utf-8")
    mark = chr(97 + next(k for k, line in enumerate(items) if OLD_TEXT in line))
    assert main(["ubah-peraturan", OLD, NEW, str(sop), "--tanggal", "2026-05-04", "--tulis"]) == 0
    written = sop.read_text(encoding="utf-8")
    assert f"  - {mark}. {NEW_TEXT} tentang Sistem Kerja di Lingkungan Pemerintah Daerah\n" in written, written
    assert f"{mark}. {OLD_TEXT}" not in written


def test_the_keputusan_cites_the_regulation_in_force_in_menimbang_and_mengingat(catalogue):
    cat = load([str(catalogue)]).cat
    sops = [s for s in cat.maps if s.perangkat_daerah == "setda" and s.jenis == "sop"]
    ctx = keputusan_context(cat, sops)
    assert ctx["sistem_kerja"].startswith(NEW_TEXT)
    assert [d for d in ctx["dasar_hukum"] if "Wali Kota" in d] == [ctx["sistem_kerja"]]


def test_a_revocation_still_to_come_is_announced_and_the_regulation_still_cited(catalogue, monkeypatch):
    (catalogue / "peraturan.yaml").write_text((catalogue / "peraturan.yaml").read_text(encoding="utf-8").replace(
        "dicabut_tanggal: 2026-04-01", "dicabut_tanggal: 2027-06-01"), encoding="utf-8")
    cat, problems = check([str(catalogue)])
    said = [p.message for p in problems if p.code == "revoked-regulation" and OLD_TEXT in p.message]
    assert said and all("akan dicabut pada 1 Juni 2027" in m and "telah dicabut" not in m for m in said)
    assert all("masih berlaku" in m and f"ubah-peraturan {OLD} {NEW}" in m for m in said)
    sops = [s for s in cat.maps if s.perangkat_daerah == "setda" and s.jenis == "sop"]
    assert keputusan_context(cat, sops)["sistem_kerja"].startswith(OLD_TEXT)  # in force until that day
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1812000000")  # 2027-06-02: the day has passed
    cat, problems = check([str(catalogue)])
    assert any("telah dicabut pada 1 Juni 2027" in p.message for p in problems if p.code == "revoked-regulation")
    assert keputusan_context(cat, sops)["sistem_kerja"].startswith(NEW_TEXT)


def test_the_impact_page_names_the_command_that_rewrites(catalogue, tmp_path):
    out = tmp_path / "out"
    assert not build([str(catalogue)], str(out), only=["bpmn"]).failed
    tree = lhtml.fromstring((out / "dampak.html").read_text(encoding="utf-8"))
    [row] = [r for r in tree.xpath("//table[contains(@class,'regulations')]//tr") if f">{OLD}<" in
             lhtml.tostring(r, encoding="unicode")]
    assert f"petaproses ubah-peraturan {OLD} {NEW} --tulis" in row.text_content()


def test_a_citation_written_with_a_bullet_is_warned_and_rewritten_under_its_bullet(catalogue, capsys):
    """Review X: a basis kept with the bullet it is printed with ("• Peraturan ...", Word's Symbol bullet pasted
    from a PDF too) was not read as a citation: no warning of its revocation, no rewrite.  Read without it, it is
    warned and rewritten under that bullet."""
    sop = catalogue / "setda" / "sop05-penyusunan-lkjip.yaml"
    text = sop.read_text(encoding="utf-8")
    items = [line for line in text.splitlines() if line.startswith("  - ") and "Nomor" in line]
    assert any(OLD_TEXT in line for line in items), items
    for line in items:
        text = text.replace(line, f"  - \u2022 {line[4:]}", 1)
    sop.write_text(text, encoding="utf-8")
    _, problems = check([str(catalogue)])
    assert any(p.code == "revoked-regulation" and OLD_TEXT in p.message for p in problems if p.path.endswith(sop.name))
    assert main(["ubah-peraturan", OLD, NEW, str(sop), "--tanggal", "2026-05-04", "--tulis"]) == 0
    written = sop.read_text(encoding="utf-8")
    assert f"  - \u2022 {NEW_TEXT} tentang Sistem Kerja di Lingkungan Pemerintah Daerah\n" in written, written
    assert f"\u2022 {OLD_TEXT}" not in written
