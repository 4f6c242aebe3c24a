"""Long fuzz run of `check` (the suite runs 2,000 mutants; this runs as many as asked and prints figures).

    python bench/fuzz_check.py [-n 10000] [--seed 20250117] [--command 400]

Mutants come from tests/fuzzing.py (structure-aware, text and byte edits of processes/).  Prints the number
of mutants, the time, tracebacks by place, findings not located in `path:line:col: code: message` form,
and findings by code.  ``--command N`` also runs N of the mutants through the real `petaproses check`
command and counts exit codes (a crash must exit 3, never 1).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

from tests.fuzzing import Workspace, mutants, unlocated  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=20250117)
    ap.add_argument("--command", type=int, default=0, metavar="N", help="also run N mutants through the command")
    args = ap.parse_args()
    codes: Counter = Counter()
    crashes: Counter = Counter()
    bad: list[str] = []
    kept: list[tuple[str, bytes]] = []
    count = 0
    with tempfile.TemporaryDirectory() as tmp:
        space = Workspace(Path(tmp) / "katalog")

        @seed(args.seed)
        @settings(max_examples=args.n, deadline=None, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))
        @given(mutants())
        def run(mutant):
            nonlocal count
            count += 1
            name, raw, _ = mutant
            if len(kept) < args.command:
                kept.append((name, raw))
            try:
                problems, files = space.check(name, raw)
            except Exception as exc:  # counted, not raised: the run reports every kind of crash
                frame = traceback.extract_tb(exc.__traceback__)[-1]
                crashes[f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}"] += 1
                return
            bad.extend(unlocated(problems, files))
            codes.update(p.code for p in problems)

        start = time.perf_counter()
        run()
        elapsed = time.perf_counter() - start
        print(f"{count} mutants in {elapsed:.1f} s ({elapsed / max(count, 1) * 1000:.1f} ms each), seed {args.seed}")
        print(f"tracebacks: {sum(crashes.values())}")
        for where, n in crashes.most_common():
            print(f"  {n:6}  {where}")
        print(f"findings not located or not one Indonesian line: {len(bad)}")
        for line in bad[:10]:
            print("  " + line[:300])
        print(f"findings: {sum(codes.values())}, by code:")
        for code, n in codes.most_common():
            print(f"  {n:6}  {code}")
        if args.command:
            exits = _through_command(space, kept)
            print(f"through the command ({len(kept)} mutants): exit codes {dict(sorted(exits.items()))}")
    return 1 if crashes or bad else 0


def _through_command(space: Workspace, kept: list[tuple[str, bytes]]) -> Counter:
    exits: Counter = Counter()
    for name, raw in kept:
        space.check(name, raw)  # writes the files
        target = space.folder / name
        proc = subprocess.run([sys.executable, "-m", "petaproses", "check", str(target)], capture_output=True, text=True)
        exits[proc.returncode] += 1
        if "Traceback" in proc.stderr or proc.returncode not in (0, 1):
            print(f"  exit {proc.returncode}: {proc.stderr[-500:]}")
    return exits


if __name__ == "__main__":
    sys.exit(main())
