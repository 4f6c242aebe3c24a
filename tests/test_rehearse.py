"""The rehearsal `siaga` runs when it starts (rehearse.py): it fills the caches a first render fills, and a build
after it writes exactly what a build in a fresh process writes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from petaproses import rehearse
from petaproses.build import build
from petaproses.layout import text
from petaproses.render import docx_package

from .conftest import PROCESSES

ROOT = Path(__file__).resolve().parent.parent


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.relative_to(out).parts[0].startswith(".petaproses")}


def test_the_rehearsal_fills_what_a_first_render_fills():
    text.font_file.cache_clear()
    docx_package._PREPARED.clear()
    assert rehearse.rehearse()
    assert text.font_file.cache_info().currsize >= 1  # the fonts found: fc-match is not run again in a fork
    assert docx_package._PREPARED  # the .docx base read and prepared


def test_a_build_after_the_rehearsal_writes_what_a_fresh_process_writes(tmp_path, monkeypatch):
    cat = tmp_path / "cat"
    shutil.copytree(PROCESSES, cat)
    env = dict(os.environ, PETAPROSES_CACHE="0", SOURCE_DATE_EPOCH="1790000000",
               PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    fresh = tmp_path / "fresh"
    proc = subprocess.run([sys.executable, "-m", "petaproses", "build", str(cat), "-o", str(fresh)], env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert rehearse.rehearse()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    result = build([str(cat)], str(tmp_path / "warm"), jobs=2)  # forks of this rehearsed process
    assert not result.failed and result.built
    assert _outputs(tmp_path / "warm") == _outputs(fresh)


def test_a_rehearsal_that_fails_stays_quiet(monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("no room")

    monkeypatch.setattr("petaproses.starting.start", broken)
    assert rehearse.rehearse() is False
