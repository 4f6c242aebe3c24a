"""Checking as a whole: the sample catalogue is clean, bad input is one located finding, durations parse.

Each rule's own cases (positions, messages, levels) are fixtures under tests/rules/<code>/, run by
tests/test_rules.py with that rule alone.
"""

from __future__ import annotations

import pytest

from petaproses.build import check
from petaproses.durations import parse_duration

from .conftest import FIXTURES, PROCESSES


# the sample's warnings teach (issue 12): a pending organisation change, a revoked and an unamended citation,
# a decree cited without number and year; anything else is a regression
TEACHING = {"removed-pelaksana", "revoked-regulation", "missing-amendment", "unmatched-citation"}


def test_sample_catalogue_is_clean():
    _, problems = check([str(PROCESSES)])
    assert [p.format() for p in problems if p.is_error or p.code not in TEACHING] == []
    assert {p.code for p in problems} == TEACHING


def test_mini_fixture_is_clean():
    _, problems = check([str(FIXTURES / "mini")])
    assert problems == []


# ------------------------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    "raw, code",
    [
        (b"", "empty-file"),
        (b"# hanya komentar\n", "empty-file"),
        (b"jenis: sop\nnama: \xff\xfe\n", "encoding"),
        (b"a: &a [1,2]\nb: *a\n", "yaml-alias"),
        (b"jenis: sop\nkegiatan:\n\t- x\n", "yaml-syntax"),
        (b"[1, 2, 3]\n", "type-mismatch"),
        (b"just text\n", "type-mismatch"),
        (b"jenis: sop\n" + b"x" * 2_100_000 + b"\n", "file-too-large"),
    ],
)
def test_bad_input_is_located_not_a_crash(tmp_path, raw, code):
    (tmp_path / "bad.yaml").write_bytes(raw)
    _, problems = check([str(tmp_path / "bad.yaml")])
    assert [p.code for p in problems] == [code]
    assert problems[0].line >= 1 and problems[0].column >= 1


def test_billion_laughs_is_refused_quickly(tmp_path):
    import time

    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    (tmp_path / "bomb.yaml").write_text("\n".join(lines) + "\n")
    start = time.perf_counter()
    _, problems = check([str(tmp_path / "bomb.yaml")])
    assert time.perf_counter() - start < 2
    assert problems and {p.code for p in problems} == {"yaml-alias"}
    assert problems[0].line == 1


def test_ten_megabyte_file(tmp_path):
    (tmp_path / "big.yaml").write_bytes(b"- " + b"a" * 10_000_000)
    _, [p] = check([str(tmp_path / "big.yaml")])
    assert p.code == "file-too-large"


# ------------------------------------------------------------------------------------------- durations
@pytest.mark.parametrize(
    "text, low, high",
    [
        ("15 menit", 15, 15),
        ("2 jam", 120, 120),
        ("1 hari", 450, 450),
        ("1 hari kerja", 450, 450),
        ("1-2 hari", 450, 900),
        ("1 s.d. 3 jam", 60, 180),
        ("0,5 jam", 30, 30),
        ("2 Hari Kerja", 900, 900),
    ],
)
def test_durations_parse(text, low, high):
    d = parse_duration(text)
    assert d is not None and (d.low, d.high) == (low, high)


@pytest.mark.parametrize("text", ["sebentar", "2", "jam", "3-1 hari", "1 abad", "", "99999999999999999999 hari"])
def test_durations_refused(text):
    assert parse_duration(text) is None
