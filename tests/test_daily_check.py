"""What `check` tells a new user about the mistakes people make (issue 15): the file, line:column, exit code."""

from __future__ import annotations

import os
import shutil

import pytest

from petaproses.cli import main

from .conftest import PROCESSES

OLD = "setda/sop02-reviu-sop.yaml"


@pytest.fixture
def city(tmp_path, monkeypatch):
    shutil.copytree(PROCESSES, tmp_path / "processes")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "processes"


def _copy_as_new(city, name: str) -> str:
    """Write a new SOP that reuses the old one's kode (as people do when they copy a file); return its path."""
    old = city / OLD
    new = city / "setda" / name
    new.write_text(old.read_text(encoding="utf-8").replace("nama: Reviu", "nama: Salinan Reviu", 1), encoding="utf-8")
    past = old.stat().st_mtime - 3600
    os.utime(old, (past, past))  # the old file was written earlier
    return str(new.relative_to(city.parent))


@pytest.mark.parametrize("name", ["aa-sop-baru.yaml", "zz-sop-baru.yaml"])  # before and after the old file
def test_a_reused_kode_is_reported_on_the_new_file(city, capsys, name):
    new = _copy_as_new(city, name)
    assert main(["check", new]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{new}:2:7: duplicate-id: kode 'SETDA.ORG.SOP.02' sudah dipakai oleh processes/{OLD}; "
                   "kode harus unik di katalog"]
    assert main(["check", "processes"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in out if "duplicate-id" in line] == [new]
    assert main(["build", "processes", "-o", "out"]) == 1
    assert not os.path.exists("out")


def test_checking_the_old_file_alone_names_the_other(city, capsys):
    _copy_as_new(city, "aa-sop-baru.yaml")
    assert main(["check", f"processes/{OLD}"]) == 1  # the file asked about is the one reported
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith(f"processes/{OLD}:2:7: duplicate-id:") and "aa-sop-baru.yaml" in line
