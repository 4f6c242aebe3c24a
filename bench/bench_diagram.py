"""Time the diagram renderer per document: Python (layout + DOT text) against ``dot`` itself.

    PYTHONPATH=src python bench/bench_diagram.py [processes] [--repeat 5]

Columns, in milliseconds (median of the repeats): py = building the DOT text; svg = one ``neato -n2 -Tsvg``
(the floor); svg+png = the single call render() makes; 2 calls = svg and png in separate processes;
render = the whole render() (py + one call + clean-up).
"""

from __future__ import annotations

import argparse
import statistics
import time

from petaproses.build import check
from petaproses.render import diagram


def _ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", default="processes")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cat, _ = check([args.path])
    print(f"{'kode':28} {'steps':>5} {'lanes':>5} {'py':>7} {'svg':>7} {'svg+png':>8} {'2 calls':>8} {'render':>7}")
    totals = [0.0] * 5
    for doc in cat.maps:
        if not diagram.applies(doc):
            continue
        src = diagram.source(cat, doc)
        row = [
            _ms(lambda: diagram.source(cat, doc), args.repeat),
            _ms(lambda: diagram.run_dot(src, ["svg"]), args.repeat),
            _ms(lambda: diagram.run_dot(src, ["svg", "png"]), args.repeat),
            _ms(lambda: (diagram.run_dot(src, ["svg"]), diagram.run_dot(src, ["png"])), args.repeat),
            _ms(lambda: diagram.render(cat, doc), args.repeat),
        ]
        totals = [a + b for a, b in zip(totals, row)]
        steps = len(getattr(doc, "kegiatan", None) or getattr(doc, "sub_proses", None) or doc.proses)
        lanes = len(cat.lanes(doc)) if hasattr(doc, "kegiatan") else 1
        print(f"{doc.kode:28} {steps:5d} {lanes:5d} " + " ".join(f"{v:7.1f}" for v in row[:2])
              + f" {row[2]:8.1f} {row[3]:8.1f} {row[4]:7.1f}")
    print(f"{'total':40} " + " ".join(f"{v:7.1f}" for v in totals[:2]) + f" {totals[2]:8.1f} {totals[3]:8.1f}"
          f" {totals[4]:7.1f}")


if __name__ == "__main__":
    main()
