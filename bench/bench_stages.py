"""Where a build's time goes, per stage, in CPU milliseconds per SOP (this process and its children: Graphviz).

    python bench/bench_stages.py [-n 100]                  # this tree
    PYTHONPATH=/path/to/old/src python bench/bench_stages.py  # an earlier tree, for before/after

CPU time rather than wall time: it hardly moves when other work shares the machine.
"""

from __future__ import annotations

import argparse
import collections
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import generate  # noqa: E402


def cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime + _session_cpu()


def _session_cpu() -> float:
    """CPU of the Graphviz process that stays (dot.Session): a child's time counts only once it has ended."""
    from petaproses.render.dot import Session

    session = Session._current
    if session is None or session.proc.poll() is not None:
        return 0.0
    try:
        fields = Path(f"/proc/{session.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=100)
    args = ap.parse_args()
    t0, c0 = time.perf_counter(), cpu()
    import petaproses.check as check_module  # noqa: F401 - start-up as a command pays it
    from petaproses.check import findings, load
    from petaproses.render import RENDERERS
    imported = cpu() - c0
    spent: dict[str, float] = collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        cat_dir = generate(Path(tmp) / "cat", args.n)
        c = cpu()
        loaded = load([str(cat_dir)])
        spent["load (read, YAML, model)"] += cpu() - c
        c = cpu()
        findings(loaded)
        spent["rules"] += cpu() - c
        cat = loaded.cat
        parts: dict[str, bytes] = {}
        for doc in cat.maps:
            for r in RENDERERS:
                if r.applies(doc):
                    c = cpu()
                    files = r.module.render(cat, doc)
                    spent[f"render {r.name}"] += cpu() - c
                    parts.update({k: v for k, v in files.items() if k.startswith(".")})
        for pd in sorted({d.perangkat_daerah for d in cat.maps}):
            for r in RENDERERS:
                if r.per_department:
                    c = cpu()
                    r.module.render_department(cat, pd, parts=parts)
                    spent[f"department {r.name}"] += cpu() - c
    n = len(cat.maps)
    print(f"{n} SOP; import of check + renderers: {imported * 1000:.0f} ms CPU; wall {time.perf_counter() - t0:.1f} s")
    total = 0.0
    for stage, seconds in spent.items():
        total += seconds
        print(f"{stage:32} {seconds / n * 1000:7.1f} ms CPU per SOP")
    print(f"{'total':32} {total / n * 1000:7.1f} ms CPU per SOP -> {total * 1000 / n * 1000 / 2 / 1000:.0f} s for "
          "1,000 SOPs on 2 cores (site pages, writing and start-up not included)")


if __name__ == "__main__":
    main()
