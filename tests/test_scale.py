"""Issue 17 §5, build side: generated graphs at 10,000 steps, the step limit, and linear text wrapping.

Bounds (generous for CI; bench/bench_scale.py measures the figures): `check` of a 10,000-step SOP <= 5 s
(about 1.5 s here: the loader and the linear rules; the graph rules skip a map over the limit), `build` of it
refused at `check` (too-many-steps) <= 5 s with nothing written, the full build of one SOP at the limit
(200 steps, 2-4 s here) <= 20 s.  Wrapping is checked by the work it does (characters
measured), not by a clock: ten times the text, about ten times the work.
"""

from __future__ import annotations

import sys
import time

import pytest

from petaproses.build import build, check
from petaproses.layout import text
from petaproses.sanitise import MAX_STEPS

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from synth_graph import write  # noqa: E402

BOUND = 5.0  # seconds: check, and a build refused at check, of 10,000 steps
BUILD_AT_LIMIT = 20.0  # seconds: the full build of one SOP of MAX_STEPS steps


def test_check_of_ten_thousand_steps_refuses_the_size_in_bounded_time(tmp_path):
    write(tmp_path, 10_000)
    start = time.perf_counter()
    _, problems = check([str(tmp_path)])
    took = time.perf_counter() - start
    assert took < BOUND, f"{took:.1f} s"
    problems = [p for p in problems if p.code not in ("empty-identity", "no-times")]  # it writes no identity
    assert [(p.code, p.line) for p in problems] == [("too-many-steps", 9)], [p.format() for p in problems][:5]
    assert "10.000 langkah; batasnya 200" in problems[0].message


def test_build_of_ten_thousand_steps_is_refused_before_writing(tmp_path):
    write(tmp_path / "katalog", 10_000)
    start = time.perf_counter()
    result = build([str(tmp_path / "katalog")], str(tmp_path / "out"), jobs=1)
    took = time.perf_counter() - start
    assert took < BOUND, f"{took:.1f} s"
    assert [p.code for p in result.problems if p.is_error] == ["too-many-steps"]
    assert result.written == [] and not (tmp_path / "out").exists()


def test_an_sop_at_the_step_limit_builds(tmp_path):
    write(tmp_path / "katalog", MAX_STEPS, seed=2)
    start = time.perf_counter()
    result = build([str(tmp_path / "katalog")], str(tmp_path / "out"), jobs=1)
    took = time.perf_counter() - start
    assert [p.format() for p in result.problems if p.is_error] == [] and result.failed == []
    names = {p.name for p in result.written}
    assert {f"GRAF.{MAX_STEPS}.{ext}" for ext in ("docx", "bpmn", "svg", "png", "html")} <= names
    assert took < BUILD_AT_LIMIT, f"{took:.1f} s"


def _measured(monkeypatch, value: str, width: float) -> tuple[list[str], int]:
    """Wrap ``value``; return the lines and how many characters were measured to make them."""
    work = [0]
    real = text.text_width

    def counting(s: str, size: float = text.FONT_SIZE, bold: bool = False) -> float:
        work[0] += len(s)
        return real(s, size, bold)

    monkeypatch.setattr(text, "text_width", counting)
    lines = text.wrap(value, width, 12.0, True)
    monkeypatch.setattr(text, "text_width", real)
    return lines, work[0]


@pytest.mark.parametrize("word", ["U", "Menerima berkas ", "ab-"])
def test_wrapping_is_linear(monkeypatch, word):
    """A unit name of 5,000 characters without spaces took 131 s; 500,000 never finished."""
    small, work_small = _measured(monkeypatch, word * 5_000, 200)
    big, work_big = _measured(monkeypatch, word * 50_000, 200)
    assert work_big < 13 * work_small, (work_small, work_big)
    assert len(big) > 9 * len(small)
    joined = "".join(line.rstrip("-") if line.endswith("-") and " " not in word else line for line in big)
    if word == "U":  # cut pieces put back together are the word, and each fits the width
        assert joined == word * 50_000
        assert all(text.text_width(line, 12.0, True) <= 200 for line in big)


def test_wrapping_half_a_million_characters_finishes(monkeypatch):
    lines, work = _measured(monkeypatch, "U" * 500_000, 200)
    assert len(lines) > 20_000 and work < 30 * 500_000  # each character measured a few times, not thousands
