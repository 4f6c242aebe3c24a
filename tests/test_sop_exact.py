"""The SOP layout's shortcuts change nothing: a route taken without searching (layout/sop_direct.py) is the
one the search returns, port plans that skip hopeless assignments pick the same ports, and column widths
found from the line-break points of text.count_lines_until are the ones every width step would give."""

from __future__ import annotations

import random
from dataclasses import astuple

import pytest

from petaproses.build import check
from petaproses.layout import sop_chart, sop_plan, sop_tracks
from petaproses.layout import text as tx
from petaproses.layout.page import PageStyle
from petaproses.model import Sop
from tests.conftest import FIXTURES, PROCESSES

STYLE = PageStyle()
FOLDERS = [PROCESSES, FIXTURES / "nyata", FIXTURES / "label-di-atas-tabel"]


def _sops():
    for folder in FOLDERS:
        cat, _ = check([str(folder)])
        for doc in cat.maps:
            if isinstance(doc, Sop):
                yield cat, doc


def _picture(chart) -> list:
    """Everything a chart draws, in plain values."""
    return [(p.height, [astuple(s)[:9] for s in p.shapes], [(ln.points, ln.name, ln.arrow) for ln in p.lines],
             [astuple(lb) for lb in p.labels]) for p in chart.pages] + [chart.columns.widths, chart.pairs]


@pytest.fixture(scope="module")
def sops():
    return list(_sops())


def test_direct_routes_are_the_searchs_answers(sops, monkeypatch):
    """Every route the shortcut takes is exactly what the search's first stage returns (same cost, points,
    ports), for straight, once-bent and down-across-down routes alike; and each kind is taken somewhere."""
    kinds = {0: 0, 1: 0, 2: 0}
    plain = sop_tracks.direct

    def checked(tr, link, starts, goals, approach):
        found = plain(tr, link, starts, goals, approach)
        if found is not None:
            tr._relaxed = False
            assert tr._search(link, starts, goals, False, False, approach) == found
            kinds[len(found[1]) - 2] += 1
        return found

    monkeypatch.setattr(sop_tracks, "direct", checked)
    for cat, doc in sops:
        sop_chart.build_chart(cat, doc, STYLE)
    assert all(n > 0 for n in kinds.values()), kinds


def test_charts_are_the_same_without_shortcuts(sops, monkeypatch):
    """The whole chart is the same when every line is searched and every port assignment is tried."""
    fast = [_picture(sop_chart.build_chart(cat, doc, STYLE)) for cat, doc in sops]
    monkeypatch.setattr(sop_tracks, "direct", lambda *a: None)
    monkeypatch.setattr(sop_plan, "least_cost", lambda *a: 0)  # no bound: every assignment is searched
    slow = [_picture(sop_chart.build_chart(cat, doc, STYLE)) for cat, doc in sops]
    assert fast == slow


def test_line_breaks_hold_below_the_next_break_point():
    """``count_lines_until`` counts as ``break_lines`` does, and below the width it gives every line keeps
    its words (texts with newlines, hyphens and words wider than the column)."""
    rng = random.Random(16)
    words = ["Memeriksa", "berkas", "a", "permohonan", "W" * 40, "dan", "surat-menyurat", "x", "Kepala", "1.2.3"]
    for _ in range(3000):
        text = "\n".join(" ".join(rng.choice(words) for _ in range(rng.randint(0, 12)))
                         for _ in range(rng.randint(1, 3)))
        width = rng.uniform(40, 3000)
        count, until = tx.count_lines_until("Arial", text, width, 8)
        lines = tx.break_lines("Arial", text, width, 8)
        assert count == len(lines)
        assert until >= width
        if until != float("inf"):
            for wider in (width + (until - width) * f for f in (0.001, 0.5, 0.999)):
                if wider < until:
                    assert tx.break_lines("Arial", text, wider, 8) == lines
