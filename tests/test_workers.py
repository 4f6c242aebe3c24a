"""The build's worker processes (workers.py): sets of items, each set in fresh forks, so that what a worker keeps
(its copy of the memory it read, its caches) cannot pile up over a big catalogue."""

from __future__ import annotations

import os
from collections import Counter

from petaproses import units, workers
from petaproses.build import build

from .conftest import PROCESSES


def _pid(item: int) -> tuple[int, int]:
    return item, os.getpid()


def test_items_are_cut_into_sets_by_count_or_by_weight():
    assert workers.batches([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]]
    weights = {"a": 1, "b": 1, "pd:x": 3, "pd:y": 3, "c": 1}
    items = ["a", "b", "pd:x", "pd:y", "c"]
    assert workers.batches(items, 4, weights.__getitem__) == [["a", "b"], ["pd:x"], ["pd:y", "c"]]
    assert workers.batches(items, 2, weights.__getitem__) == [["a", "b"], ["pd:x"], ["pd:y"], ["c"]]  # one each
    assert workers.batches(items, 100, weights.__getitem__) == [items]
    assert workers.batches([], 3, weights.__getitem__) == [[]] and workers.batches([], 3) == []


def test_each_set_runs_in_fresh_workers():
    results = list(workers.run(_pid, range(8), 2, recycle=3, weight=lambda i: 2 if i in (4, 5) else 1))
    assert [item for item, _ in results] == list(range(8))  # in order
    pids = {item: pid for item, pid in results}
    sets = [{0, 1, 2}, {3, 4}, {5, 6}, {7}]  # weights 1+1+1 | 1+2 | 2+1 | 1
    used = [{pids[i] for i in s} for s in sets]
    assert os.getpid() not in set().union(*used)
    assert all(not (a & b) for k, a in enumerate(used) for b in used[k + 1:])  # no worker serves two sets


def test_a_department_unit_weighs_by_its_documents(tmp_path, monkeypatch):
    """The build hands workers.run a weight: a department's unit (its book, its forms) one per
    DEPARTMENT_DOCUMENTS of its documents (rounded up), a document's unit one."""
    seen: dict = {}
    run = workers.run

    def spy(fn, items, *args, **kwargs):
        items = list(items)
        seen.update(items=items, weight=kwargs.get("weight"))
        return run(fn, items, *args, **kwargs)
    monkeypatch.setattr(workers, "run", spy)
    monkeypatch.setattr(units, "DEPARTMENT_DOCUMENTS", 2)  # the sample departments hold a few documents each
    monkeypatch.setenv("PETAPROSES_CACHE", "0")
    result = build([str(PROCESSES)], str(tmp_path / "out"), jobs=2)
    assert not result.failed and seen["weight"] is not None
    sizes = Counter(d.perangkat_daerah for d in result.cat.maps)
    departments = [u for u in seen["items"] if u.startswith("pd:")]
    assert departments and len({seen["weight"](u) for u in departments}) > 1
    for unit in seen["items"]:
        pd_id, _ = units.department_unit(unit) if unit.startswith("pd:") else (None, None)
        expected = -(-sizes[pd_id] // units.DEPARTMENT_DOCUMENTS) if pd_id else 1
        assert seen["weight"](unit) == expected, unit


def _die_at_three(item: int) -> int:
    if item == 3:
        os.kill(os.getpid(), 9)  # as the kernel kills a worker out of memory
    return item * 10


def test_a_worker_that_dies_fails_its_own_item_only():
    """A worker killed (out of memory, a crash in C) broke the whole pool: every item after it raised
    BrokenProcessPool and the build ended as an internal error.  Now that item gets ``crashed``'s result and
    the others theirs, in order."""
    got = list(workers.run(_die_at_three, range(7), 2, crashed=lambda item: ("mati", item)))
    assert got == [0, 10, 20, ("mati", 3), 40, 50, 60]


def test_a_document_whose_worker_dies_fails_alone_in_indonesian(tmp_path, monkeypatch, capsys):
    """The build reports that document as failed, with the reason and the fix, builds the others, and writes
    none of its files (they are written only once rendered whole); a write the kill cut off leaves no
    temporary file."""
    from petaproses.build import check
    from petaproses.cli import main
    from petaproses.model import Sop

    cat, _ = check([str(PROCESSES)])
    victim = sorted(d.kode for d in cat.maps if isinstance(d, Sop))[0]
    files_of = units._files_of
    parent = os.getpid()

    def dies(cat, renderers, options, out, unit):
        if unit == victim and os.getpid() != parent:
            (out / "pd").mkdir(parents=True, exist_ok=True)
            (out / "pd" / f".{victim}.docx.k2j4.tmp").write_bytes(b"PK")  # killed inside a write
            os.kill(os.getpid(), 9)
        return files_of(cat, renderers, options, out, unit)
    out = tmp_path / "out"
    monkeypatch.setattr(units, "_files_of", dies)
    monkeypatch.setenv("PETAPROSES_CACHE", "0")
    code = main(["build", str(PROCESSES), "-o", str(out), "-j", "2"])
    err = capsys.readouterr().err
    assert code == 3 and "Traceback" not in err and "galat internal" not in err, err
    assert f"gagal membangun {victim}: proses pembuatnya berhenti mendadak (kemungkinan kehabisan memori)" in err
    names = {p.name for p in out.rglob("*") if p.is_file()}
    assert not any(n.startswith(victim + ".") for n in names), sorted(n for n in names if victim in n)
    assert len([n for n in names if n.endswith(".docx")]) > 3 and not list(out.rglob("*.tmp"))
