"""Scale of one document (issue 17 §5): generated graphs of N steps, and text wrapping of long words.

    python bench/bench_scale.py [--steps 50 100 200] [--big 10000]

Prints: `check` of one SOP of --big steps (every rule runs; too-many-steps refuses it), `build` of it (refused
before writing), full builds (every renderer, one process) of one SOP of each --steps size, and wrapping a
name of 5,000 / 50,000 / 500,000 characters without spaces.  tests/test_scale.py keeps loose bounds on these.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth_graph import write  # noqa: E402

from petaproses.build import build, check  # noqa: E402
from petaproses.layout import text  # noqa: E402


def _timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, nargs="*", default=[50, 100, 200])
    ap.add_argument("--big", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write(root / "besar", args.big)
        (_, problems), took = _timed(lambda: check([str(root / "besar")]))
        print(f"check, {args.big} langkah: {took:.2f} s; temuan: {sorted({p.code for p in problems})}")
        result, took = _timed(lambda: build([str(root / "besar")], str(root / "out-besar"), jobs=1))
        print(f"build, {args.big} langkah: {took:.2f} s; ditolak: "
              f"{[p.code for p in result.problems if p.is_error]}, {len(result.written)} berkas ditulis")
        for n in args.steps:
            write(root / f"k{n}", n, seed=2)
            result, took = _timed(lambda: build([str(root / f"k{n}")], str(root / f"out{n}"), jobs=1))
            assert not result.failed and not [p for p in result.problems if p.is_error]
            print(f"build penuh, 1 SOP {n} langkah: {took:.2f} s ({len(result.written)} berkas)")
    for n in (5_000, 50_000, 500_000):
        text.text_width.cache_clear()
        lines, took = _timed(lambda: text.wrap("U" * n, 200, 12.0, True))
        print(f"wrap, {n} karakter tanpa spasi: {took:.2f} s, {len(lines)} baris")


if __name__ == "__main__":
    main()
