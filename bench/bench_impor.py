"""Time `petaproses impor` on generated BPMN files (goal: 10,000 tasks in <= 5 s on 2 cores), and on the
shapes that used to take minutes or crash (issue 17 §5).

    python bench/bench_impor.py [-n 10000] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from synth_bpmn import big_map, diamonds, event_chain, nested_sub_processes, same_names  # noqa: E402

from petaproses.impor import import_bpmn  # noqa: E402


def run(name: str, data: bytes, folder: Path, profile: bool = False) -> None:
    path = folder / f"{name}.bpmn"
    path.write_bytes(data)
    start = time.perf_counter()
    if profile:
        prof = cProfile.Profile()
        prof.enable()
    text, messages = import_bpmn(path, "bench")
    took = time.perf_counter() - start
    if profile:
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(15)
    steps = text.count("\n  - id:") + text.count("\n  - uraian:") if text else 0
    print(f"{name:28} {len(data) / 1024:9.0f} KB {steps:7} langkah {took:7.2f} s   {messages[-1].split(': ', 1)[1][:70]}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        run(f"peta {args.n} tugas", big_map(args.n), folder, args.profile)
        run("20 lapis gerbang paralel", diamonds(20), folder)
        run("5000 tugas bernama sama", same_names(5000), folder)
        run("5000 peristiwa berantai", event_chain(5000), folder)
        run("5000 peristiwa bernama", event_chain(5000, named=True), folder)
        run("200 sub-proses bersarang", nested_sub_processes(200), folder)
        run("120000 tugas", same_names(120_000), folder)


if __name__ == "__main__":
    main()
