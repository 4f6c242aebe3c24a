"""The YAML reader's common case in C (_yamlevents.c) reads every file as the composer (yamlcompose._Composer)
does: the same data (types and key order), the same positions (in the same order) and the same findings, on
the samples, the fixtures, odd hand-written files and the fuzzer's mutants, also when the positions are read
later (``read_source(positions=False)``); what it leaves to the composer is read by the composer alone."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings

from petaproses import yamlsource

from .conftest import FIXTURES, PROCESSES
from .fuzzing import mutants


@pytest.fixture(autouse=True)
def built():
    if yamlsource._yamlevents is None:
        if os.environ.get("CI"):
            pytest.fail("_yamlevents.c was not built; .ci/run should have installed gcc, python3-dev and libyaml-dev")
        pytest.skip("_yamlevents.c not built (no C compiler or libyaml-dev): the composer reads every file")


def _shape(value):
    if isinstance(value, dict):
        return "map", [(type(k).__name__, k, _shape(v)) for k, v in value.items()]
    if isinstance(value, list):
        return "list", [_shape(v) for v in value]
    if value is None or isinstance(value, str):
        return type(value).__name__, value
    return type(value).__name__, repr(value)  # what a tag made (scalars.Invalid has no equality)


def _read(raw: bytes, fast: bool, positions: bool = True) -> tuple:
    module = yamlsource._yamlevents
    yamlsource._yamlevents = module if fast else None
    try:
        src = yamlsource.read_source("x.yaml", raw, positions)
    finally:
        yamlsource._yamlevents = module
    data, problems, broken = _shape(src.data), list(src.problems), src.broken  # before positions are read
    return data, list(src.locs.items()), problems, broken


def same(raw: bytes) -> None:
    composer = _read(raw, False)
    assert _read(raw, True) == composer
    assert _read(raw, True, positions=False) == composer  # positions read when first asked for


def test_samples_and_fixtures():
    files = [os.path.join(d, f) for top in (PROCESSES, FIXTURES) for d, _, names in os.walk(top) for f in names
             if f.endswith((".yaml", ".yml"))]
    assert len(files) > 100
    for path in files:
        with open(path, "rb") as fh:
            same(fh.read())


ODD = [
    "a: 1\nb:\n  - x\n  - {c: d, e: [f, g]}\n  - - h\n    - ''\n",
    "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: !custom 1\n", "! {a: 1}\n", "a: 1\na: 2\n", "<<: {a: 1}\n",
    "'<<': 1\n", "a: 1\n---\nb: 2\n", "", "# only\n", "just text\n", "[1, 2]\n", "- a\n- b: c\n", "? [a]\n: b\n",
    "a: ~\nb: null\nc: 'null'\nd: \"~\"\ne:\nf: Null\ng: NULL\nh: ''\n", "a: |\n  x\n  y\nb: >\n  p\n  q\n",
    "a: plain\n  continued\n", "a: 1 # c\nb: '#2'\n", "\ufeffa: 1\n", "a: \"\\x0b\"\n", "a: \x0b\n", "a:\tb\n",
    "a: [1, 2\n", "a: 1\n b: 2\n", "<key>: 1\n", "'': 1\n1: 2\n", "a: {}\nb: []\n", "{}\n", "[]\n",
    "- &a [1]\n", "a: !!map {b: 1}\n", "a: {b: 1, b: 2}\n", "- a: 1\n  a: 2\n", "a:\n  - x\n  -\n  - y\n",
    "\u00e9t\u00e9: caf\u00e9 \u2028 x\n", 'a: "\\ud800"\n', 'a: "\\x80\\u00e9"\n',
    "a: 1\n...\n", "%YAML 1.1\n---\na: 1\n", "---\n", "--- a\n",
    "a:\n" + "".join("  " * i + "- \n" for i in range(1, 45)), "a: " + "[" * 45 + "]" * 45 + "\n",
    *("[" * n + "]" * n + "\n" for n in (39, 40, 41)), *("a: " + "[" * n + "]" * n + "\n" for n in (38, 39, 40)),
]


@pytest.mark.parametrize("text", ODD)
def test_odd_files(text):
    same(text.encode("utf-8"))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutants())
def test_mutants(mutant):
    same(mutant[1])


@pytest.mark.parametrize("items", [16, 17, 18, 19])
def test_node_limit(monkeypatch, items):
    monkeypatch.setattr(yamlsource, "MAX_NODES", 20)  # the mapping, its key and the list count too
    same(("a:\n" + "".join(f"  - {i}\n" for i in range(items))).encode())


def test_document_positions_later():
    """A document loaded without its positions finds them when a finding asks (``_File.loc``)."""
    from petaproses.load import load_document

    path = next(PROCESSES.glob("setda/sop01*.yaml"))
    raw = path.read_bytes()
    doc, _ = load_document(str(path), raw)
    assert doc.__pydantic_private__["_locs"] is None
    whole = yamlsource.read_source(str(path), raw).locs
    assert doc.loc("kegiatan", 2, "uraian") == whole[("kegiatan", 2, "uraian")]
    assert doc._positions() == whole
