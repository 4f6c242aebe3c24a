"""The templates a Pemda restyles (`petaproses templat`): check reports every problem of gaya.yaml and build refuses
it before writing anything; a catalogue's own templates/ are used wherever the command runs."""

from __future__ import annotations

import re
import shutil
import zipfile

from petaproses.cli import main

from .conftest import FIXTURES


def _restyle(gaya, old: str, new: str) -> None:
    text = gaya.read_text(encoding="utf-8")
    assert old in text
    gaya.write_text(text.replace(old, new, 1), encoding="utf-8")


def _paper(docx) -> str:
    """The SOP's page size, as "width x height" in twips."""
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode()
    size = re.search(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"', xml)
    return f"{size[1]}x{size[2]}"


A4_LANDSCAPE, F4_LANDSCAPE, A4_PORTRAIT = "16838x11906", "18709x12189", "11906x16838"


def test_check_reports_every_problem_of_the_style_file_and_build_refuses_it_first(tmp_path, monkeypatch, capsys):
    """The tester's report: an unknown key in gaya.yaml was found by `build` only, after the maps were written (rc 3,
    no .docx, a stale .petaproses/running marker), and only the first of them."""
    shutil.copytree(FIXTURES / "mini", tmp_path / "cat")
    monkeypatch.chdir(tmp_path)
    assert main(["templat"]) == 0
    gaya = tmp_path / "templates" / "sop" / "gaya.yaml"
    _restyle(gaya, "  kiri: 15", "  kir: 15")
    _restyle(gaya, "jarak_kaki_mm: 7 ", "jarak_kaki_mm: 90 ")
    _restyle(gaya, "huruf: Arial", "hurup: Arial")
    _restyle(gaya, "ukuran_huruf_tabel: 8 ", "ukuran_hurf_tabel: 8 ")
    _restyle(gaya, "orientasi: lanskap", "orientasi: miring")
    capsys.readouterr()
    assert main(["check", "cat"]) == 1
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if "gaya.yaml" in line]
    text = gaya.read_text(encoding="utf-8").splitlines()

    def at(needle: str) -> int:  # the line the edit above put ``needle`` on (the file's comments may grow)
        [number] = [i for i, line in enumerate(text, 1) if needle in line]
        return number

    assert lines == [
        f"templates/sop/gaya.yaml:{at('miring')}:12: invalid-value: orientasi harus lanskap atau potret, bukan 'miring'",
        f"templates/sop/gaya.yaml:{at('kir:')}:3: unknown-key: kunci 'kir' tidak dikenal di berkas gaya; maksud Anda "
        "'kiri'?",
        f"templates/sop/gaya.yaml:{at('kaki_mm: 90')}:16: invalid-value: jarak_kaki_mm harus 0 sampai 50 mm, bukan 90",
        f"templates/sop/gaya.yaml:{at('hurup:')}:1: unknown-key: kunci 'hurup' tidak dikenal di berkas gaya; maksud Anda "
        "'huruf'?",
        f"templates/sop/gaya.yaml:{at('hurf_tabel')}:1: unknown-key: kunci 'ukuran_hurf_tabel' tidak dikenal di berkas "
        "gaya; maksud Anda 'ukuran_huruf_tabel'?"], out
    assert main(["check", "cat/sop.yaml"]) == 1  # it shapes every SOP: a check of one says so too
    capsys.readouterr()
    # the build: the same findings, exit 1 (the user's file, not a crash), nothing written, no marker left
    assert main(["build", "cat", "-o", "out"]) == 1
    said = capsys.readouterr()
    assert [line for line in said.out.splitlines() if "gaya.yaml" in line] == lines
    assert "5 galat" in said.err and "tidak ada yang ditulis" in said.err
    assert not (tmp_path / "out").exists()
    # fixed: the check says so at once (its cache keys the style file too), and the build writes
    gaya.write_text(gaya.read_text(encoding="utf-8").replace("kir:", "kiri:").replace("hurup:", "huruf:")
                    .replace("hurf_", "huruf_").replace("miring", "potret").replace(": 90 ", ": 7 "), encoding="utf-8")
    assert main(["check", "cat"]) == 0
    assert main(["build", "cat", "-o", "out"]) == 0
    assert _paper(tmp_path / "out" / "setda" / "PD.UNIT.01.docx") == A4_PORTRAIT
    assert not (tmp_path / "out" / ".petaproses" / "running").exists()


def test_a_catalogues_own_templates_are_used_wherever_the_command_runs(tmp_path, monkeypatch, capsys):
    """The tester's report: `petaproses build kat` from the parent folder ignored kat/templates/.  The catalogue's
    templates (beside organisasi.yaml) win; the current folder's are used when the catalogue has none."""
    shutil.copytree(FIXTURES / "mini", tmp_path / "kat")
    monkeypatch.chdir(tmp_path)
    assert main(["templat", "kat/templates"]) == 0
    _restyle(tmp_path / "kat" / "templates" / "sop" / "gaya.yaml", "kertas: A4", "kertas: F4")
    assert main(["build", "kat", "-o", "out"]) == 0
    assert _paper(tmp_path / "out" / "setda" / "PD.UNIT.01.docx") == F4_LANDSCAPE
    # the current folder's templates too: the catalogue's win, in check and build alike
    assert main(["templat"]) == 0
    _restyle(tmp_path / "templates" / "sop" / "gaya.yaml", "orientasi: lanskap", "orientasi: potret")
    _restyle(tmp_path / "templates" / "sop" / "gaya.yaml", "huruf: Arial", "hurup: Arial")
    capsys.readouterr()
    assert main(["check", "kat"]) == 0 and "gaya.yaml" not in capsys.readouterr().out
    assert main(["build", "kat", "-o", "out"]) == 0
    assert _paper(tmp_path / "out" / "setda" / "PD.UNIT.01.docx") == F4_LANDSCAPE
    _restyle(tmp_path / "kat" / "templates" / "sop" / "gaya.yaml", "huruf: Arial", "huruf_: Arial")
    capsys.readouterr()
    assert main(["check", "kat"]) == 1
    line = (tmp_path / "kat" / "templates" / "sop" / "gaya.yaml").read_text(encoding="utf-8").split("huruf_:")[0].count(
        "\n") + 1
    assert f"kat/templates/sop/gaya.yaml:{line}:1: unknown-key: kunci 'huruf_'" in capsys.readouterr().out
    assert main(["build", "kat", "-o", "out"]) == 1
    # from inside the catalogue, the same templates
    monkeypatch.chdir(tmp_path / "kat")
    capsys.readouterr()
    assert main(["check", "."]) == 1
    assert f"templates/sop/gaya.yaml:{line}:1: unknown-key: kunci 'huruf_'" in capsys.readouterr().out
    # a catalogue without templates of its own: the current folder's, as before
    monkeypatch.chdir(tmp_path)
    shutil.rmtree(tmp_path / "kat" / "templates")
    _restyle(tmp_path / "templates" / "sop" / "gaya.yaml", "hurup: Arial", "huruf: Arial")
    assert main(["build", "kat", "-o", "out"]) == 0
    assert _paper(tmp_path / "out" / "setda" / "PD.UNIT.01.docx") == A4_PORTRAIT
