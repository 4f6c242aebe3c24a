"""The branch labels' box search in C (layout/_labels.c) answers exactly as the Python methods
(layout/sop_labels.Labels._best_label, _label_near and label_run): on every label the SOP charts of the samples,
the real SOPs and a synthetic catalogue place, and on random pages with lines, symbols and labels everywhere."""

from __future__ import annotations

import bisect
import dataclasses
import os
import random
import sys
import types

import pytest

from petaproses.build import check
from petaproses.layout import sop_chart, sop_labels
from petaproses.layout.page import PageStyle
from petaproses.layout.primitives import Label, Line, Shape
from petaproses.model import Sop

from .conftest import FIXTURES, PROCESSES, ROOT

sys.path.insert(0, str(ROOT / "bench"))
from synth import generate  # noqa: E402


@pytest.fixture
def c_labels():
    """The C search; built by `pip install -e .` as `_astar` is (CI fails without it, elsewhere these skip)."""
    if sop_labels._labels is None:
        if os.environ.get("CI"):
            pytest.fail("layout/_labels.c was not built; .ci/run should have installed gcc and python3-dev")
        pytest.skip("layout/_labels.c not built (no C compiler): charts are the same, the router is slower")
    return sop_labels._labels


_BEST = sop_labels.Labels._best_label


def _in_python(monkeypatch, labels, text, pts):
    """The Python search's answer (the C module hidden for the call)."""
    with monkeypatch.context() as m:
        m.setattr(sop_labels, "_labels", None)
        return _BEST(labels, text, pts)


def _run_in_python(monkeypatch, labels, s, port, text, label_run=sop_labels.Labels.label_run):
    with monkeypatch.context() as m:
        m.setattr(sop_labels, "_labels", None)
        return label_run(labels, s, port, text)


def _same(a, b) -> bool:
    return a[1] == b[1] and dataclasses.astuple(a[0]) == dataclasses.astuple(b[0])


def test_every_label_of_real_charts_is_placed_the_same(c_labels, tmp_path, monkeypatch):
    seen = {"labels": 0, "near": 0, "short": 0}
    in_c = _BEST

    def near(*args):
        seen["near"] += 1
        return c_labels.near(*args)

    def both(self, text, pts):
        found = in_c(self, text, pts)
        assert _same(found, _in_python(monkeypatch, self, text, pts)), (text, pts)
        seen["labels"] += 1
        seen["short"] += found[1]
        return found

    run_c = sop_labels.Labels.label_run

    def both_runs(self, s, port, text):
        found = run_c(self, s, port, text)
        assert found == _run_in_python(monkeypatch, self, s, port, text, run_c), (text, port)
        seen["runs"] = seen.get("runs", 0) + 1
        seen["no run"] = seen.get("no run", 0) + (found[1] != 0)
        return found

    monkeypatch.setattr(sop_labels, "_labels", types.SimpleNamespace(best=c_labels.best, near=near,
                                                                     run=c_labels.run))
    monkeypatch.setattr(sop_labels.Labels, "_best_label", both)
    monkeypatch.setattr(sop_labels.Labels, "label_run", both_runs)
    for folder in (PROCESSES, FIXTURES / "nyata", generate(tmp_path / "synth", 40)):
        cat, _ = check([str(folder)])
        for doc in cat.maps:
            if isinstance(doc, Sop):
                sop_chart.build_chart(cat, doc, PageStyle())
    assert seen["labels"] > 500 and seen["near"] > 20 and seen["short"] > 10, seen
    assert seen["runs"] > 500 and seen["no run"] > 10, seen


class _Page(sop_labels.Labels):
    """Just what the label search reads of a router, filled at random."""

    def __init__(self, rng: random.Random):
        lanes = sorted(rng.sample(range(200, 9000, 10), rng.randint(1, 6)))
        self._lane_lefts = [0] + lanes[:-1]
        self._lane_rights = lanes
        self._lane_widths = [r - left for left, r in zip(self._lane_lefts, self._lane_rights)]
        tops = sorted(rng.sample(range(0, 6000, 10), rng.randint(1, 6)))
        self._row_tops = [t + 20 for t in tops]
        self._row_bottoms = [b - 20 for b in tops[1:] + [tops[-1] + rng.randint(300, 2000)]]
        self.cols = types.SimpleNamespace(
            lane_at=lambda x: min(bisect.bisect_right(self._lane_rights, x), len(self._lane_rights) - 1),
            lane_left=lambda lane: self._lane_lefts[lane], lane_width=lambda lane: self._lane_widths[lane])
        rows = [types.SimpleNamespace(top=t - 20, height=b - t + 40) for t, b in zip(self._row_tops, self._row_bottoms)]
        self.pending: dict = {}
        self.x_lo, self.x_hi = 0, lanes[-1]
        self.y_lo, self.y_hi = tops[0], tops[-1] + 2000
        self.style = types.SimpleNamespace(label_size=8)

        def pt():
            return rng.randrange(-200, self.x_hi + 200), rng.randrange(self.y_lo - 200, self.y_hi + 200)
        lines = []
        for _ in range(rng.randint(0, 12)):
            (x, y), pts = pt(), []
            pts.append((x, y))
            for k in range(rng.randint(1, 4)):
                x, y = (rng.randrange(0, self.x_hi), y) if k % 2 == 0 else (x, rng.randrange(self.y_lo, self.y_hi))
                pts.append((x, y))
            lines.append(Line(pts, f"l{len(lines)}"))
        shapes = [Shape("process", *pt(), rng.randint(50, 1500), rng.randint(50, 800), 0, 0, "s")
                  for _ in range(rng.randint(0, 8))]
        labels = [Label("x", *pt(), rng.randint(50, 900), rng.randint(50, 400), "left", 8)
                  for _ in range(rng.randint(0, 4))]
        self.page = types.SimpleNamespace(lines=lines, shapes=shapes, labels=labels, rows=rows)
        self.sizes = [(rng.randint(40, 2500), rng.randint(40, 900)) for _ in range(rng.randint(1, 3))]

    def _variants(self, text):
        return [([f"{text}{i}"], w, h) for i, (w, h) in enumerate(self.sizes)]


def test_random_pages_place_every_label_the_same(c_labels, monkeypatch):
    rng = random.Random(16)
    seen = {"short": 0, "near": 0}

    def near(*args):
        seen["near"] += 1
        return c_labels.near(*args)

    for _ in range(3000):
        page = _Page(rng)
        start = (rng.randrange(page.x_lo, page.x_hi), rng.randrange(page.y_lo, page.y_hi))
        way = rng.choice([(1, 0), (-1, 0), (0, 1), (0, -1), (0, 0)])
        length = rng.randint(0, 4000)
        pts = [start, (start[0] + way[0] * length, start[1] + way[1] * length)]
        with monkeypatch.context() as m:
            m.setattr(sop_labels, "_labels", types.SimpleNamespace(best=c_labels.best, near=near))
            found = page._best_label("label", pts)
        assert _same(found, _in_python(monkeypatch, page, "label", pts)), pts
        seen["short"] += found[1]
    assert 100 < seen["short"] < 2900 and seen["near"] > 100, seen


def test_random_pages_give_every_labelled_exit_the_same_run(c_labels, monkeypatch):
    rng = random.Random(61)
    runs = set()
    for _ in range(3000):
        page = _Page(rng)
        row = rng.randrange(len(page.page.rows))
        top = page.page.rows[row].top
        s = Shape("process", rng.randrange(0, page.x_hi), top + rng.randint(0, 400), rng.randint(100, 1500),
                  rng.randint(100, 600), row, 0, "s")
        port = rng.choice(("top", "bottom", "left", "right"))
        with monkeypatch.context() as m:
            m.setattr(sop_labels, "_labels", types.SimpleNamespace(run=c_labels.run))
            found = page.label_run(s, port, "label")
        assert found == _run_in_python(monkeypatch, page, s, port, "label"), (port, found)
        runs.add(found[1])
    assert len(runs) == 4, runs  # a run, a row that must grow, a label across a rule, no place: each happened


def test_malformed_arguments_raise(c_labels):
    page = ((0, 100, 0, 100, 40), [], ([100], [0], [100]), ([20], [80]))
    with pytest.raises((TypeError, ValueError)):
        c_labels.best([(10, 10)], (0, 0), (10, 0), 10, 0, *page)  # no step
    with pytest.raises((TypeError, ValueError)):
        c_labels.best([(10,)], (0, 0), (10, 0), 10, 5, *page)
    with pytest.raises((TypeError, ValueError)):
        c_labels.near([(10, 10)], (0, 0), 5, page[0], [(1, 2)], page[2], page[3])
    with pytest.raises((TypeError, ValueError)):
        c_labels.near([(10, 10)], (0, 0), 5, page[0], [], ([], [], []), page[3])  # no lane
    with pytest.raises((TypeError, ValueError)):
        c_labels.run([(10, 10)], (0, 0), (1, 0), 10, -1, 100, *page)
