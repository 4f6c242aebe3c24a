"""The router's A* loop in C (layout/_astar.c) answers exactly as the Python loop
(layout/sop_tracks._loop): on every search the SOP charts of the samples, the real SOPs and a synthetic
catalogue make, in each of the search's stages, and on random grids with every kind of obstacle.  Likewise its
straight runs, line marks, approach points, label boxes and simple routes (``_astar.walk``, ``mark``, ``arrive``,
``obstacle``, ``route``; in Python ``sop_tracks._walk``, ``_mark_cells``, ``_arrive``, ``_obstacle``,
``sop_direct._route_rest``)."""

from __future__ import annotations

import os
import random
import sys
import types

import pytest

from petaproses.build import check
from petaproses.layout import sop_chart, sop_direct, sop_tracks
from petaproses.layout.page import PageStyle
from petaproses.layout.sop_costs import BEND, CROSS, PORTS, ZONE_COST
from petaproses.model import Sop

from .conftest import FIXTURES, PROCESSES, ROOT

sys.path.insert(0, str(ROOT / "bench"))
from synth import generate  # noqa: E402


@pytest.fixture
def c_search():
    """The C loop; `pip install -e .` compiles it where a C compiler and Python's headers are present (`./run`
    installs both, so CI fails without it, as for a missing tool; elsewhere the tests that need it skip)."""
    if sop_tracks._astar is None:
        if os.environ.get("CI"):
            pytest.fail("layout/_astar.c was not built; .ci/run should have installed gcc and python3-dev")
        pytest.skip("layout/_astar.c not built (no C compiler): charts are the same, the router is slower")
    return sop_tracks._astar.search


def test_every_search_of_real_charts_answers_the_same(c_search, tmp_path, monkeypatch):
    seen = {"found": 0, "none": 0, "cross": 0}

    def both(*args):
        found = c_search(*args)
        assert found == sop_tracks._loop(*args)
        seen["found" if found else "none"] += 1
        seen["cross"] += bool(found) and args[16]  # a route that may cross lines (the last stage)
        return found

    real = sop_tracks._astar
    monkeypatch.setattr(sop_tracks, "_astar", types.SimpleNamespace(search=both, walk=real.walk, mark=real.mark,
                                                                     arrive=real.arrive, obstacle=real.obstacle))
    folders = [PROCESSES, FIXTURES / "nyata", generate(tmp_path / "synth", 40)]
    for folder in folders:
        cat, _ = check([str(folder)])
        for doc in cat.maps:
            if isinstance(doc, Sop):
                sop_chart.build_chart(cat, doc, PageStyle())
    assert seen["found"] > 500 and seen["none"] > 50 and seen["cross"] > 5, seen


def _random_search(rng: random.Random) -> tuple:
    """The arguments of one search on a random grid: blocked points, labels across edges, lines (ours and
    others') along edges and through points, zones before ports, approach points, start rays."""
    nx, ny = rng.randint(1, 9), rng.randint(1, 9)
    n = nx * ny
    xs = sorted(rng.sample(range(0, 5000), nx))
    ys = sorted(rng.sample(range(0, 5000), ny))
    px_of = [x for x in xs for _ in ys]
    py_of = list(ys) * nx
    free = [rng.random() > 0.15 for _ in range(n)]
    owners = [(1, "top"), (1, "left"), (2, "top"), ("line", 7)]
    mine = set(rng.sample(owners, rng.randint(0, 2)))

    def owned() -> dict:
        return {rng.randrange(n): {o: 1 for o in rng.sample(owners, rng.randint(0, 2))}
                for _ in range(rng.randint(0, n // 3))}

    hblk = {rng.randrange(n) for _ in range(rng.randint(0, n // 4))}
    vblk = {rng.randrange(n) for _ in range(rng.randint(0, n // 4))}
    zone = {rng.randrange(n): set(rng.sample([1, 2, 3], rng.randint(1, 2))) for _ in range(rng.randint(0, n // 4))}
    steps = (ny, -ny, 1, -1)
    approach: dict = {}
    for _ in range(rng.randint(0, 4)):
        approach.setdefault(rng.randrange(n), []).append((rng.choice(steps), rng.choice(PORTS), rng.randint(0, 900)))
    spans: dict = {}
    for q, lst in approach.items():  # as Tracks._search makes them
        for _, port, c in lst:
            sp = spans.setdefault(port, [px_of[q], px_of[q], py_of[q], py_of[q], c])
            sp[0], sp[1] = min(sp[0], px_of[q]), max(sp[1], px_of[q])
            sp[2], sp[3] = min(sp[2], py_of[q]), max(sp[3], py_of[q])
            sp[4] = min(sp[4], c)
    firsts = [(rng.randint(0, 3000), rng.randrange(4 * n)) for _ in range(rng.randint(0, 5))]
    return (n, ny, free, px_of, py_of, hblk, vblk, owned(), owned(), owned(), mine, zone, {1, 2}, approach,
            list(spans.values()), firsts, rng.random() < 0.5, BEND, CROSS, ZONE_COST)


def test_random_grids_answer_the_same(c_search):
    rng = random.Random(2026)
    found = 0
    for _ in range(4000):
        args = _random_search(rng)
        answer = c_search(*args)
        assert answer == sop_tracks._loop(*args), args
        found += answer is not None
    assert 400 < found < 3600, found  # both outcomes, many times


@pytest.mark.parametrize("change", ["start off the grid", "sizes", "not ints"])
def test_malformed_arguments_raise_instead_of_crashing(c_search, change):
    args = list(_random_search(random.Random(1)))
    if change == "start off the grid":
        args[15] = [(0, 4 * args[0])]
    elif change == "sizes":
        args[0] += 1
    else:
        args[3] = ["x"] * args[0]
    with pytest.raises((ValueError, TypeError)):
        c_search(*args)


# ----------------------------------------------------------------------- the straight runs and the marks in C
@pytest.fixture
def c_walk_mark(c_search):
    return sop_tracks._astar.walk, sop_tracks._astar.mark, sop_tracks._astar.arrive, sop_tracks._astar.obstacle


def _approach_copy(approach: dict) -> dict:
    return {q: list(lst) for q, lst in approach.items()}


def test_every_run_and_mark_of_real_charts_is_the_same_in_c(c_walk_mark, tmp_path, monkeypatch):
    """Every straight run (``Tracks._walk``), every line's marks (``Tracks._mark``) and every run's approach points
    (``Tracks._approach``) that the charts of the samples, the real SOPs and a synthetic catalogue make: the C
    answer is the Python one, and a table marked (filled) in C holds what the same table marked in Python holds,
    in the same order."""
    c_walk, c_mark, c_arrive, c_obstacle = c_walk_mark
    seen = {"runs": 0, "points": 0, "marks": 0, "erased": 0, "approach": 0, "blocked": 0, "routes": 0, "costs": 0}

    def route(*args):
        found = c_route(*args)
        assert found == sop_direct._route_rest(*args)
        seen["routes"] += 1
        seen["costs"] += found is not None
        return found

    def obstacle(xs, ys, free, hblk, vblk, *box):
        twin = (list(free), set(hblk), set(vblk))
        sop_tracks._obstacle(xs, ys, *twin, *box)
        c_obstacle(xs, ys, free, hblk, vblk, *box)
        assert (free, hblk, vblk) == twin
        seen["blocked"] += free.count(False)

    def arrive(points, px_of, py_of, gx, gy, least, out, port, fixed, approach):
        twin = _approach_copy(approach)
        sop_tracks._arrive(points, px_of, py_of, gx, gy, least, out, port, fixed, twin)
        c_arrive(points, px_of, py_of, gx, gy, least, out, port, fixed, approach)
        assert list(approach.items()) == list(twin.items())
        seen["approach"] += len(approach)

    def walk(*args):
        found = c_walk(*args)
        assert found == sop_tracks._walk(*args)
        seen["runs"] += 1
        seen["points"] += len(found)
        return found

    def mark(table, owner, start, stop, stride, add):
        twin = {c: dict(slot) for c, slot in table.items()}
        sop_tracks._mark_cells(twin, owner, start, stop, stride, add)
        c_mark(table, owner, start, stop, stride, add)
        assert list(table.items()) == list(twin.items())
        assert all(list(table[c]) == list(twin[c]) for c in table)
        seen["marks" if add > 0 else "erased"] += 1

    monkeypatch.setattr(sop_tracks, "_astar", types.SimpleNamespace(search=sop_tracks._astar.search, walk=walk,
                                                                     mark=mark, arrive=arrive, obstacle=obstacle))
    c_route = sop_direct._astar.route
    monkeypatch.setattr(sop_direct, "_astar", types.SimpleNamespace(route=route))
    for folder in [PROCESSES, FIXTURES / "nyata", generate(tmp_path / "synth", 30)]:
        cat, _ = check([str(folder)])
        for doc in cat.maps:
            if isinstance(doc, Sop):
                sop_chart.build_chart(cat, doc, PageStyle())
    assert seen["runs"] > 5000 and seen["points"] > 5000 and seen["marks"] > 1000 and seen["erased"] > 100 \
        and seen["approach"] > 5000 and seen["blocked"] > 5000 and seen["routes"] > 1000 and seen["costs"] > 300, seen


def _random_run(rng: random.Random) -> tuple:
    nx, ny = rng.randint(1, 9), rng.randint(1, 9)
    n = nx * ny
    owners = [(1, "top"), (1, "left"), (2, "top"), ("line", 7)]
    shapes = ["a", "b"]

    def owned() -> dict:
        return {rng.randrange(n): {o: 1 for o in rng.sample(owners, rng.randint(0, 2))}
                for _ in range(rng.randint(0, n // 2))}

    idx = rng.randrange(n)
    step = rng.choice((ny, -ny, 1, -1))
    return (idx, step, ny, [rng.random() > 0.2 for _ in range(n)],
            {rng.randrange(n): rng.sample(shapes, rng.randint(1, 2)) for _ in range(rng.randint(0, n // 3))},
            [rng.choice(shapes)], {rng.randrange(n) for _ in range(rng.randint(0, n // 4))}, owned(), owned(),
            set(rng.sample(owners, rng.randint(0, 2))), rng.random() < 0.5, CROSS)


def test_random_runs_and_marks_are_the_same_in_c(c_walk_mark):
    c_walk, c_mark, c_arrive, c_obstacle = c_walk_mark
    rng = random.Random(2027)
    lengths = set()
    c_route = sop_direct._astar.route
    kept = blocked = costs = 0
    for _ in range(4000):
        args = _random_run(rng)
        found = c_walk(*args)
        assert found == sop_tracks._walk(*args), args
        lengths.add(len(found))
        n, ny = len(args[3]), args[2]
        px_of, py_of = [rng.randint(0, 900) for _ in range(n)], [rng.randint(0, 900) for _ in range(n)]
        at = {rng.randrange(n): [(1, "top", 5)]} if rng.random() < 0.5 else {}
        twin = _approach_copy(at)
        gx, gy, least, fixed = rng.randint(0, 900), rng.randint(0, 900), rng.randint(0, 600), rng.randint(0, 99)
        c_arrive(found, px_of, py_of, gx, gy, least, args[1], "left", fixed, at)
        sop_tracks._arrive(found, px_of, py_of, gx, gy, least, args[1], "left", fixed, twin)
        assert list(at.items()) == list(twin.items())
        kept += sum(len(v) for v in at.values())
        xs, ys = sorted(rng.sample(range(900), n // ny)), sorted(rng.sample(range(900), ny))
        box = [rng.choice((rng.randint(0, 900), rng.uniform(0, 900), rng.choice(xs + ys))) for _ in range(4)]
        grid = (list(args[3]), set(args[6]), set(args[6]))
        twin = (list(args[3]), set(args[6]), set(args[6]))
        c_obstacle(xs, ys, *grid, *box)  # boxes of any size, upside down ones too, on tracks or between them
        sop_tracks._obstacle(xs, ys, *twin, *box)
        assert grid == twin, (xs, ys, box)
        blocked += grid[0] != list(args[3])
        zone = {rng.randrange(n): set(rng.sample([1, 2, 3], rng.randint(1, 2))) for _ in range(rng.randint(0, n // 3))}
        approach = {rng.randrange(n): [(rng.choice((ny, -ny, 1, -1)), rng.choice(("top", "left")), rng.randint(0, 99))
                                       for _ in range(rng.randint(1, 2))] for _ in range(rng.randint(0, n // 2))}
        cidx = rng.choice([-1, rng.randrange(n)] + [q for q, _ in found[:3]])
        way = (found, px_of[args[0]], py_of[args[0]], cidx, rng.randint(0, 300), rng.randint(0, 99), args[1],
               rng.choice((ny, -ny, 1, -1)), ny, args[3], px_of, py_of, set(args[6]), set(args[6]), args[7], args[8],
               args[8], zone, approach, "top", args[9], {1, 2}, BEND, ZONE_COST)
        cost = c_route(*way)
        assert cost == sop_direct._route_rest(*way), way
        costs += cost is not None
        table = args[7]
        twin = {c: dict(slot) for c, slot in table.items()}
        n = len(args[3])
        start, stride = rng.randrange(n), rng.choice((1, args[2]))
        stop, owner, add = rng.randrange(n + 1), rng.choice([(1, "top"), ("line", 7)]), rng.choice((1, -1, 2))
        c_mark(table, owner, start, stop, stride, add)
        sop_tracks._mark_cells(twin, owner, start, stop, stride, add)
        assert list(table.items()) == list(twin.items()) and all(list(table[c]) == list(twin[c]) for c in table)
    assert len(lengths) > 4 and kept > 1000 and blocked > 200 and costs > 100, (lengths, kept, blocked, costs)


@pytest.mark.parametrize("change", ["point off the grid", "not a set", "stride", "approach off the grid",
                                    "grid sizes", "route off the grid"])
def test_malformed_runs_and_marks_raise_instead_of_crashing(c_walk_mark, change):
    c_walk, c_mark, c_arrive, c_obstacle = c_walk_mark
    args = list(_random_run(random.Random(3)))
    with pytest.raises((ValueError, TypeError)):
        if change == "point off the grid":
            args[0] = len(args[3])
            c_walk(*args)
        elif change == "not a set":
            args[9] = list(args[9])
            c_walk(*args)
        elif change == "stride":
            c_mark({}, (1, "top"), 0, 5, 0, 1)
        elif change == "approach off the grid":
            c_arrive([(7, 0)], [0] * 5, [0] * 5, 0, 0, 0, 1, "top", 0, {})
        elif change == "grid sizes":
            c_obstacle([1, 2], [1, 2], [True] * 3, set(), set(), 0, 0, 3, 3)
        else:
            sop_direct._astar.route([(9, 0)], 0, 0, -1, 0, 0, 1, 1, 2, [True] * 4, [0] * 4, [0] * 4, set(), set(), {},
                                    {}, {}, {}, {}, "top", set(), set(), BEND, ZONE_COST)
