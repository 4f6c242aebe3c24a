"""`petaproses new` writes a file that passes `check` where it lands; missing paths exit 2 (issue 15)."""

from __future__ import annotations

import json
import shutil

import pytest

from petaproses.check import check
from petaproses.cli import main

from .conftest import FIXTURES, PROCESSES


@pytest.fixture
def city(tmp_path, monkeypatch):
    """A copy of the sample catalogue, worked on from the folder above it, as a user would."""
    shutil.copytree(PROCESSES, tmp_path / "processes")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "processes"


def _errors(path) -> list[str]:
    _, problems = check([str(path)])
    return [p.format() for p in problems if p.is_error]


def test_new_sop_into_a_missing_folder_passes_check_with_the_folders_department(city, capsys):
    target = city / "dpmptsp" / "baru" / "sop-izin-baru.yaml"
    assert main(["new", "sop", str(target.relative_to(city.parent))]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../.petaproses/skema.json\n")
    assert "perangkat_daerah: dpmptsp" in text and "disahkan_oleh: kadis_dpmptsp" in text
    taken = [int(f.read_text(encoding="utf-8").split("kode: DPMPTSP.SOP.")[1][:2])
             for f in (city / "dpmptsp").glob("*.yaml") if "kode: DPMPTSP.SOP." in f.read_text(encoding="utf-8")]
    assert f"kode: DPMPTSP.SOP.{max(taken) + 1:02d}" in text  # the next free number of the department
    assert _errors(city) == []
    assert main(["check", str(target.relative_to(city.parent))]) == 0
    assert (city / ".petaproses" / "skema.json").is_file()  # the file its first line names


def test_two_new_sops_get_two_codes(city):
    first, second = city / "setda" / "a.yaml", city / "setda" / "b.yaml"
    assert main(["new", "sop", str(first)]) == 0 and main(["new", "sop", str(second)]) == 0
    codes = [line for f in (first, second) for line in f.read_text(encoding="utf-8").splitlines()
             if line.startswith("kode:")]
    assert codes[0].split()[1] == "SETDA.ORG.SOP.06" and codes[1].split()[1] == "SETDA.ORG.SOP.07"
    assert _errors(city) == []


def test_a_folder_of_no_known_department_asks_for_the_flag(city, capsys):
    target = city / "dinkes" / "sop-a.yaml"
    assert main(["new", "sop", str(target)]) == 2
    err = capsys.readouterr().err
    assert "--perangkat-daerah" in err and "setda, diskominfo, dpmptsp" in err
    assert not target.exists() and not target.parent.exists()  # nothing half-made
    assert main(["new", "sop", str(target), "--perangkat-daerah", "diskominfo"]) == 0
    assert "perangkat_daerah: diskominfo" in target.read_text(encoding="utf-8")
    assert _errors(city) == []
    assert main(["new", "sop", str(city / "x.yaml"), "--perangkat-daerah", "dinkes"]) == 2
    assert "tidak ada di" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["peta-lintas-fungsi", "peta-sub-proses", "peta-level-1"])
def test_every_map_starter_passes_check_in_the_sample_city(city, kind):
    target = city / "diskominfo" / f"baru-{kind}.yaml"
    assert main(["new", kind, str(target)]) == 0
    assert _errors(city) == [], target.read_text(encoding="utf-8")


def test_new_organisation_inside_or_above_a_catalogue_is_refused(city, capsys):
    assert main(["new", "organisasi", str(city / "setda" / "organisasi.yaml")]) == 2
    assert "berada di dalam katalog" in capsys.readouterr().err
    assert main(["new", "organisasi", str(city.parent / "organisasi.yaml")]) == 2
    assert "di bawah folder ini sudah ada katalog" in capsys.readouterr().err
    assert not (city / "setda" / "organisasi.yaml").exists() and not (city.parent / "organisasi.yaml").exists()


def test_a_catalogue_of_ones_own_from_nothing(tmp_path, monkeypatch, capsys):
    """The README's steps: organisation, then an SOP in a department folder, then check and build."""
    monkeypatch.chdir(tmp_path)
    assert main(["new", "organisasi", "katalog/organisasi.yaml"]) == 0
    assert main(["new", "sop", "katalog/setda/sop-pertama.yaml"]) == 0
    assert main(["check", "katalog"]) == 0, capsys.readouterr()
    schema = json.loads((tmp_path / "katalog" / ".petaproses" / "skema.json").read_text(encoding="utf-8"))
    assert "staf_pelaksana" in json.dumps(schema["$defs"]["Kegiatan"]["properties"]["pelaksana"])


def test_mini_catalogue_starters_have_no_errors(tmp_path):
    for f in ("organisasi.yaml", "logo.png"):
        shutil.copy(FIXTURES / "mini" / f, tmp_path / f)
    for kind in ("sop", "peta-lintas-fungsi", "peta-sub-proses", "peta-level-1"):
        assert main(["new", kind, str(tmp_path / f"{kind}.yaml")]) == 0
    assert _errors(tmp_path) == []


@pytest.mark.parametrize("argv", [["check", "tidak-ada"], ["build", "tidak-ada", "-o", "{out}"],
                                  ["metrik", "tidak-ada"], ["impor", "tidak-ada.bpmn"]])
def test_a_missing_file_exits_2(tmp_path, monkeypatch, capsys, argv):
    monkeypatch.chdir(tmp_path)
    assert main([a.format(out=tmp_path / "out") for a in argv]) == 2
    captured = capsys.readouterr()
    assert "tidak-ada" in captured.out + captured.err and "tidak ditemukan" in captured.out + captured.err
    assert not (tmp_path / "out").exists() and not (tmp_path / "tidak-ada.yaml").exists()


def test_check_without_arguments_outside_a_project_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    assert "processes:1:1: file-not-found:" in capsys.readouterr().out


def test_new_over_an_existing_file_or_a_link_to_nowhere_asks_for_the_flag(tmp_path, monkeypatch, capsys):
    """What stands at the name, even a link whose target is gone, is not replaced unasked (--timpa)."""
    import os

    monkeypatch.chdir(tmp_path)
    (tmp_path / "ada.yaml").write_text("# punya saya\n", encoding="utf-8")
    os.symlink("hilang.yaml", tmp_path / "tautan.yaml")
    for name in ("ada.yaml", "tautan.yaml"):
        assert main(["new", "organisasi", name]) == 2
        assert f"{name} sudah ada; pakai --timpa" in capsys.readouterr().err
    assert (tmp_path / "ada.yaml").read_text(encoding="utf-8") == "# punya saya\n"
    assert os.readlink(tmp_path / "tautan.yaml") == "hilang.yaml" and not (tmp_path / "hilang.yaml").exists()
    assert main(["new", "organisasi", "tautan.yaml", "--timpa"]) == 0  # asked: the link becomes the new file
    assert not (tmp_path / "tautan.yaml").is_symlink() and "jenis: organisasi" in (tmp_path / "tautan.yaml").read_text(
        encoding="utf-8")
