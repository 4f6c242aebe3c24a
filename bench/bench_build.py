"""Time the full build on a synthetic catalogue (goals for 1,000 SOPs on 2 cores: full build <= 90 s,
no-op rebuild <= 2 s, rebuild after editing one SOP <= 2 s), and profile where the time goes.

    python bench/bench_build.py [-n 1000] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import generate  # noqa: E402


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr[-3000:]}")
    return took


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--profile", action="store_true", help="profile an in-process single-core build")
    ap.add_argument("--keep", type=Path, help="build into this folder instead of a temporary one")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cat = generate(Path(tmp) / "cat", args.n)
        out = args.keep or Path(tmp) / "out"
        cmd = [sys.executable, "-m", "petaproses", "build", str(cat), "-o", str(out)]
        full = timed(cmd)
        files = sum(1 for p in out.rglob("*") if p.is_file())
        noop = timed(cmd)
        sop = cat / "sop-0007.yaml"
        sop.write_text(sop.read_text(encoding="utf-8").replace("Prosedur Sintetis 7", "Prosedur Sintetis Tujuh"),
                       encoding="utf-8")
        one = timed(cmd)
        print(f"{args.n} SOP -> {files} berkas")
        print(f"full build:              {full:7.1f} s  ({full / args.n * 1000:.0f} ms/SOP on 2 cores)")
        print(f"no-op rebuild:           {noop:7.2f} s")
        print(f"rebuild after one edit:  {one:7.2f} s")
        if args.profile:
            from petaproses.build import build

            prof = cProfile.Profile()
            small = generate(Path(tmp) / "small", min(args.n, 100))
            prof.runcall(build, [str(small)], str(Path(tmp) / "pout"), jobs=1)
            buf = io.StringIO()
            pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(25)
            print(buf.getvalue())


if __name__ == "__main__":
    main()
