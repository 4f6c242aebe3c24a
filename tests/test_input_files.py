"""Issue 17: input files are read only when they are regular files within the size limit, before reading them.

A pipe named `*.yaml` in a catalogue used to block `check` for ever, a symlink to the zero device read
until memory ran out, and a 2 GB file was read whole before being refused.
"""

from __future__ import annotations

import os
import resource
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest

from petaproses.build import check
from petaproses.yamlsource import MAX_BYTES

from .conftest import FIXTURES

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pipes and device files are POSIX")


def _catalogue(tmp_path: Path) -> Path:
    folder = tmp_path / "katalog"
    shutil.copytree(FIXTURES / "mini", folder)
    return folder


def _check_within(paths: list[str], seconds: float = 10.0):
    """Run check in a thread: a blocking read fails the test instead of hanging it."""
    out: dict = {}
    worker = threading.Thread(target=lambda: out.update(result=check(paths)), daemon=True)
    start = time.perf_counter()
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"check did not return within {seconds} s"
    return out["result"][1], time.perf_counter() - start


def _only(problems, name: str):
    return [p for p in problems if Path(p.path).name == name]


def test_a_pipe_in_the_catalogue_is_refused_without_blocking(tmp_path):
    folder = _catalogue(tmp_path)
    os.mkfifo(folder / "pipa.yaml")
    problems, _ = _check_within([str(folder)])
    [p] = _only(problems, "pipa.yaml")
    assert (p.code, p.line, p.column) == ("file-not-found", 1, 1) and "bukan berkas biasa" in p.message
    assert [q for q in problems if q.is_error] == [p]  # the other files are checked as usual


def test_a_pipe_named_on_the_command_line_is_refused(tmp_path):
    folder = _catalogue(tmp_path)
    os.mkfifo(folder / "pipa.yaml")
    problems, _ = _check_within([str(folder / "pipa.yaml")])
    assert [(p.code, "bukan berkas biasa" in p.message) for p in problems] == [("file-not-found", True)]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no zero device")
def test_a_symlink_to_an_endless_device_is_refused(tmp_path):
    folder = _catalogue(tmp_path)
    (folder / "nol.yaml").symlink_to("/dev/zero")
    problems, took = _check_within([str(folder)])
    [p] = _only(problems, "nol.yaml")
    assert p.code == "file-not-found" and "bukan berkas biasa" in p.message
    assert took < 5


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    folder = _catalogue(tmp_path)
    huge = folder / "besar.yaml"
    with open(huge, "wb") as fh:  # sparse: 8 GB on paper, nothing on disk
        fh.truncate(8 * 1024**3)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB
    problems, took = _check_within([str(folder)])
    [p] = _only(problems, "besar.yaml")
    assert p.code == "file-too-large" and "8.589.934.592 bait" in p.message and f"{MAX_BYTES:,}".replace(",", ".") \
        in p.message
    assert took < 5 and resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 200_000  # not read whole


def test_a_file_just_over_the_limit_is_refused_and_one_at_the_limit_is_read(tmp_path):
    folder = _catalogue(tmp_path)
    body = b"jenis: organisasi\n# " + b"x" * (MAX_BYTES - 21) + b"\n"
    (folder / "pas.yaml").write_bytes(body)
    (folder / "lebih.yaml").write_bytes(body + b"#")
    problems, _ = _check_within([str(folder)])
    assert [p.code for p in _only(problems, "lebih.yaml")] == ["file-too-large"]
    assert "file-too-large" not in [p.code for p in _only(problems, "pas.yaml")]
    assert len(body) == MAX_BYTES


def test_paths_named_on_the_command_line_that_are_not_there_are_named_in_the_findings(tmp_path, monkeypatch, capsys):
    """Inside a catalogue a missing file, or a link that goes round in a circle, is reported on its own name (exit
    2), and a check of one file does not report the catalogue's other unreadable files."""
    from petaproses.cli import main

    folder = _catalogue(tmp_path)
    (folder / "a.yaml").symlink_to("b.yaml")
    (folder / "b.yaml").symlink_to("a.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PETAPROSES_CACHE", str(tmp_path / "cache"))
    some = next(p.name for p in sorted(folder.glob("*.yaml")) if p.name not in ("a.yaml", "b.yaml", "organisasi.yaml"))
    for args, named in ((["katalog/tidak-ada.yaml"], "katalog/tidak-ada.yaml:1:1: file-not-found"),
                        (["katalog/a.yaml"], "katalog/a.yaml:1:1: file-not-found"),
                        (["katalog/tidak-ada/x.yaml", f"katalog/{some}"], "katalog/tidak-ada/x.yaml:1:1: file-not-found")):
        assert main(["check", *args]) == 2
        out = capsys.readouterr()
        assert named in out.out and "Traceback" not in out.out + out.err
        assert "b.yaml" not in out.out  # the other file of the circle is not what was asked about
    assert main(["check", f"katalog/{some}"]) in (0, 1)
    assert "a.yaml" not in capsys.readouterr().out


def test_a_circle_of_links_reached_through_a_linked_folder_is_reported(tmp_path, monkeypatch, capsys):
    """Found by review: the path named was resolved one way and the findings' paths another, so the finding on a
    circle of links reached through a linked folder was filtered out and only '0 berkas diperiksa' printed."""
    from petaproses.cli import main

    folder = _catalogue(tmp_path)
    (folder / "loop.yaml").symlink_to("loop.yaml")
    (tmp_path / "tautan").symlink_to(folder)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PETAPROSES_CACHE", str(tmp_path / "cache"))
    assert main(["check", "tautan/loop.yaml"]) == 2
    assert "loop.yaml:1:1: file-not-found" in capsys.readouterr().out
