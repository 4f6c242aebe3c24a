"""Time `petaproses check` on a synthetic catalogue of 1,000 SOPs (goal: <= 5 s on 2 cores).

    python bench/bench_check.py [-n 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import generate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cat = generate(Path(tmp) / "cat", args.n)
        steps = sum(f.read_text().count("  - id:") for f in cat.glob("sop-*.yaml"))
        print(f"{args.n} SOP, {steps} kegiatan")
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "petaproses", "check", str(cat)], capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
        print(f"check (whole command, incl. start-up): best {min(times):.2f} s, "
              f"median {sorted(times)[len(times) // 2]:.2f} s, {min(times) / args.n * 1000:.2f} ms/SOP")
        if args.profile:
            from petaproses.build import check

            prof = cProfile.Profile()
            prof.runcall(check, [str(cat)])
            pstats.Stats(prof).sort_stats("cumulative").print_stats(15)


if __name__ == "__main__":
    main()
