"""Time `petaproses check` as whole commands: a synthetic catalogue of N SOPs and `check FILE` (goals: 1 s, 150 ms).

    python bench/bench_check.py [-n 1000] [--repeat 5] [--before SRC] [--profile]

Every row runs the command in a fresh process (start-up included) with the check cache (checkcache.py) in a
temporary folder, and reports wall and CPU time (getrusage of the child: steadier than wall time when other
work shares the machine), median and best of ``--repeat``:

- ``no cache``: ``check --tanpa-cache`` (what every check cost before the cache);
- ``cold``: the cache folder emptied before each run (the run also writes the cache);
- ``after an edit``: one SOP changed before each run (a comment line added), the rest from the cache;
- ``unchanged``: the same request again with no input changed (the remembered result, no model loaded).

``--before SRC`` adds a row for petaproses' source tree SRC (e.g. a `git worktree` of main), run plainly.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from synth import generate  # noqa: E402


def run(cmd: list[str], env: dict) -> tuple[float, float, int]:
    """Return (wall s, CPU s, exit code) of one run of ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, proc.returncode


def row(label: str, cmd: list[str], env: dict, repeat: int, before_each=None) -> None:
    walls, cpus = [], []
    for _ in range(repeat):
        if before_each:
            before_each()
        wall, cpu, code = run(cmd, env)
        assert code in (0, 1), f"{label}: exit {code}"
        walls.append(wall)
        cpus.append(cpu)
    print(f"  {label:<42} wall {statistics.median(walls) * 1000:6.0f} ms (best {min(walls) * 1000:5.0f})   "
          f"CPU {statistics.median(cpus) * 1000:6.0f} ms (best {min(cpus) * 1000:5.0f})", flush=True)


def rows(title: str, target: Path, edited: Path, env: dict, repeat: int, before: str | None) -> None:
    cache = Path(env["PETAPROSES_CACHE"])
    pp = [sys.executable, "-m", "petaproses", "check"]
    print(title)
    if before:
        old = dict(env, PYTHONPATH=str(Path(before) / "src"), PETAPROSES_CACHE="0")
        row("before (SRC, plain check)", pp + [str(target)], old, repeat)
    row("no cache (--tanpa-cache)", pp + ["--tanpa-cache", str(target)], env, repeat)
    row("cold (empty cache; writes it)", pp + [str(target)], env, repeat,
        lambda: shutil.rmtree(cache, ignore_errors=True))
    counter = iter(range(10**6))

    def edit() -> None:
        with open(edited, "a", encoding="utf-8") as fh:
            fh.write(f"# suntingan {next(counter)}\n")
    row("warm, after an edit to one SOP", pp + [str(target)], env, repeat, edit)
    run(pp + [str(target)], env)
    row("warm, unchanged (remembered result)", pp + [str(target)], env, repeat)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--before", metavar="SRC", help="also time petaproses from this source tree (plain check)")
    ap.add_argument("--profile", action="store_true", help="cProfile one uncached in-process check")
    args = ap.parse_args()
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PETAPROSES_CACHE=str(Path(tmp) / "cache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled modules are kept
        cat = generate(Path(tmp) / "cat", args.n)
        past = time.time() - 60
        for path in [cat, *cat.iterdir()]:
            os.utime(path, (past, past))
        sample = Path(tmp) / "processes"
        shutil.copytree(ROOT / "processes", sample, ignore=shutil.ignore_patterns(".petaproses"))
        sop = next((sample / "setda").glob("sop01*.yaml"))
        rows(f"check, {args.n} synthetic SOPs", cat, cat / "sop-0001.yaml", env, args.repeat, args.before)
        rows("check FILE, sample catalogue (the file edited)", sop, sop, env, args.repeat, args.before)
        rows(f"check FILE, {args.n}-SOP catalogue (the file edited)", cat / "sop-0001.yaml", cat / "sop-0001.yaml",
             env, args.repeat, args.before)
        if args.profile:
            import cProfile
            import pstats

            from petaproses.check import check

            prof = cProfile.Profile()
            prof.runcall(check, [str(cat)])
            pstats.Stats(prof).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
