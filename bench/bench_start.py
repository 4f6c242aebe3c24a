"""Where the CPU of a fresh one-map build goes: start-up imports by group, then the build's stages.

    python bench/bench_start.py [--repeat 5] [CATALOGUE]      # default: bench/onemap

Each repeat is a fresh interpreter (imports are paid once per process), building into an empty folder with
one job (no worker pool); the figures are medians of CPU milliseconds, this process and its children
(Graphviz), so that other work on the machine hardly moves them.  The imports are taken in the order the build
needs them; a group lists what it adds to the groups above it (so the "render/*" row is what the renderers add
beyond the libraries listed before it).  The programs the build runs are listed with their wall time.
Byte code must be compiled (``PYTHONDONTWRITEBYTECODE`` unset, or ``python -m compileall src``): a user's
install has it.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

IMPORTS = [  # (label, modules): each group is imported after the ones above it
    ("python start-up", []),
    ("cli (argparse, dataclasses, pathlib)", ["petaproses.cli"]),
    ("build, state, no-op check", ["petaproses.build"]),
    ("pydantic + PyYAML", ["pydantic", "yaml"]),
    ("model (pydantic classes)", ["petaproses.model"]),
    ("evaluation model", ["petaproses.evaluation.model"]),
    ("catalogue, check, rules", ["petaproses.catalogue", "petaproses.check", "petaproses.rules"]),
    ("graphviz (Python package)", ["graphviz"]),
    ("lxml", ["lxml.etree"]),
    ("jinja2", ["jinja2"]),
    # the registry imports a renderer when a build uses it: a one-map catalogue (no SOP) never loads
    # python-docx or the SOP layout, so they are not imported here either
    ("render: BPMN, diagram, peta relasi, matrix", ["petaproses.render.bpmn", "petaproses.render.diagram",
                                                    "petaproses.render.relasi", "petaproses.render.matriks"]),
    ("pypdfium2 + Pillow (diagram PNG)", ["pypdfium2", "PIL.Image"]),
    ("review site", ["petaproses.review_site"]),
]
# render_units holds render_catalogue_files (the whole-catalogue files are one of its tasks, units.py)
STAGES = {"petaproses.check": ["load", "findings"],
          "petaproses.build": ["plan_units", "render_units", "write_review_site", "save_state"],
          "petaproses.pieces": ["render_catalogue_files"]}


def cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return (me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime) * 1000


def child(catalogue: str, start_cpu: float) -> None:
    """One measurement (a fresh interpreter): print {label: CPU ms} as JSON."""
    import importlib

    rows: dict[str, float] = {"python start-up": start_cpu}
    for label, modules in IMPORTS[1:]:
        c = cpu()
        for m in modules:
            importlib.import_module(m)
        rows[f"import: {label}"] = cpu() - c
    import subprocess as sp

    programs: dict[str, float] = {}
    run = sp.run

    def counted(args, *a, **k):  # wall ms per program: CPU per call is not separable (relasi runs threads)
        start = time.perf_counter()
        try:
            return run(args, *a, **k)
        finally:
            name = " ".join(Path(str(x)).name for x in args[:6] if not str(x).startswith(("/tmp", "-o")))
            key = f"  program (wall ms, all calls): {name}"
            programs[key] = programs.get(key, 0.0) + (time.perf_counter() - start) * 1000
    sp.run = counted
    for module, names in STAGES.items():
        mod = importlib.import_module(module)
        for name in names:
            def timed(*a, _f=getattr(mod, name), _n=name, **k):
                c = cpu()
                try:
                    return _f(*a, **k)
                finally:
                    rows[f"stage: {_n}"] = rows.get(f"stage: {_n}", 0.0) + cpu() - c
            setattr(mod, name, timed)
    from petaproses import build as b

    with tempfile.TemporaryDirectory() as tmp:
        c, kids = cpu(), resource.getrusage(resource.RUSAGE_CHILDREN)
        b.build([catalogue], str(Path(tmp) / "out"), jobs=1)
        rows["build() in all"] = cpu() - c
        done = resource.getrusage(resource.RUSAGE_CHILDREN)
        rows["  of which programs run (Graphviz, fc-match, ...)"] = (
            done.ru_utime + done.ru_stime - kids.ru_utime - kids.ru_stime) * 1000
    rows.update(programs)
    rows["whole process"] = cpu() + start_cpu
    print(json.dumps(rows))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("catalogue", nargs="?", default=str(ROOT / "bench" / "onemap"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--child", type=float, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        child(args.catalogue, args.child)
        return
    base = []  # the interpreter's own start-up: `python -c pass`
    for _ in range(args.repeat):
        c = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        d = resource.getrusage(resource.RUSAGE_CHILDREN)
        base.append((d.ru_utime + d.ru_stime - c.ru_utime - c.ru_stime) * 1000)
    runs: list[dict] = []
    walls = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        out = subprocess.run([sys.executable, __file__, args.catalogue, "--child", str(statistics.median(base))],
                             check=True, capture_output=True, text=True).stdout
        walls.append(time.perf_counter() - t)
        runs.append(json.loads(out.splitlines()[-1]))
    print(f"{args.catalogue}: medians of {args.repeat} fresh processes, CPU ms (incl. children); "
          f"wall of the whole process {statistics.median(walls) * 1000:.0f} ms")
    for label in runs[0]:
        print(f"{statistics.median(r.get(label, 0.0) for r in runs):8.1f}  {label}")


if __name__ == "__main__":
    main()
