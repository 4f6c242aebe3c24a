"""Where the seconds of a rebuild after one edit go: the build run in this process under cProfile.

    python bench/bench_edit.py CATALOGUE OUTPUT [--kind nama|uraian|jabatan] [--top 40] [--repeat 3] [--match RE]

OUTPUT must hold a finished build of CATALOGUE (e.g. from bench_goals.py or ``petaproses build``).  Each run
edits one input of the kind asked (an SOP's title, a step's text, a position's name in organisasi.yaml),
rebuilds, and prints wall and CPU time (this process and its children: `dot`, forked workers).  The profile
of the last run is printed sorted by cumulative time.  The edit is undone at the end (and built again, so
OUTPUT matches CATALOGUE once more).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import resource
import time
from pathlib import Path


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def edit(cat: Path, kind: str, n: int) -> tuple[Path, str]:
    """Change one input; return (file, its old text)."""
    if kind == "jabatan":
        path = cat / "organisasi.yaml"
        old = path.read_text(encoding="utf-8")
        path.write_text(old.replace("Jabatan Sintetis 1", f"Jabatan Sintetis 1 ({n})", 1), encoding="utf-8")
        return path, old
    path = sorted(cat.glob("sop-*.yaml"))[7]
    old = path.read_text(encoding="utf-8")
    needle = "nama: Prosedur Sintetis" if kind == "nama" else "    uraian: "
    path.write_text(old.replace(needle, f"{needle}{n} ", 1), encoding="utf-8")
    return path, old


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("catalogue", type=Path)
    ap.add_argument("output", type=Path)
    ap.add_argument("--kind", choices=["nama", "uraian", "jabatan"], default="nama")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--match", help="print only the profile's lines (among the --top first) whose "
                                    "'file:line(function)' matches this regular expression, e.g. "
                                    "'petaproses/(render/|review_)?relasi' for the peta relasi's share")
    ap.add_argument("--pin-version", action="store_true",
                    help="take petaproses' code hash from OUTPUT's cache: profile a code change without building "
                         "everything again first (outputs the change would make differently are not remade)")
    args = ap.parse_args()
    from petaproses.build import build

    if args.pin_version:
        import json

        import petaproses
        from petaproses import state

        recorded = json.loads((args.output / state.CACHE).read_text(encoding="utf-8"))["versi"]
        # the code hash held once per process: the version key and the SOP bodies' keys (the book's parts) read it
        petaproses._CODE_HASH[:] = [recorded.partition("+")[2]]

    first = None
    for i in range(args.repeat):
        path, old = edit(args.catalogue, args.kind, i + 1)
        first = first if first is not None else (path, old)
        profiler = cProfile.Profile()
        c0, t0 = cpu(), time.perf_counter()
        profiler.enable()
        result = build([str(args.catalogue)], str(args.output))
        profiler.disable()
        print(f"run {i + 1}: wall {time.perf_counter() - t0:.3f} s, CPU {cpu() - c0:.3f} s "
              f"(built {len(result.built)}, written {len(result.written)} files)")
    buf = io.StringIO()
    pstats.Stats(profiler, stream=buf).sort_stats("cumulative").print_stats(
        *([args.top, args.match] if args.match else [args.top]))
    print(buf.getvalue())
    if first is not None:
        first[0].write_text(first[1], encoding="utf-8")
        build([str(args.catalogue)], str(args.output))


if __name__ == "__main__":
    main()
