"""Time the ways of making a diagram's SVG+PNG, interleaved per diagram (A B C A B C ...) so drift hits all alike.

    PYTHONPATH=src python bench/bench_png.py [processes] [--repeat 3] [--dump DIR]
    python bench/synth.py /tmp/synth200 -n 200 && PYTHONPATH=src python bench/bench_png.py /tmp/synth200

Variants (each returns the SVG and a PNG of the same pixel size):
  cairo      ``-Tsvg -Tpng``: Graphviz's cairo PNG writer (RGBA; what render() did before)
  cairo:gd   ``-Tsvg -Tpng:cairo:gd``: cairo draws, libgd quantises to a palette and writes
  pdfium     ``-Tsvg -Tpdf``, the PDF page rasterised in process and written by Pillow (``dot.svg_png``)
Prints, per variant, min/median/max of a diagram's time (each diagram's median over the repeats), the
catalogue's total and the PNG bytes; then checks every variant's PNG has cairo's size and the SVGs are identical.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from pathlib import Path

from PIL import Image

from petaproses.build import check
from petaproses.render import diagram
from petaproses.render.dot import run_dot, svg_png


def cairo(src: str) -> tuple[bytes, bytes]:
    out = run_dot(src, ["svg", "png"])
    return out["svg"], out["png"]


def cairo_gd(src: str) -> tuple[bytes, bytes]:
    out = run_dot(src, ["svg", "png:cairo:gd"])
    return out["svg"], out["png:cairo:gd"]


VARIANTS = {"cairo": cairo, "cairo:gd": cairo_gd, "pdfium": svg_png}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", default="processes")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dump", type=Path, help="write every variant's PNG here, to look at")
    args = parser.parse_args()
    cat, _ = check([args.path])
    docs = [d for d in cat.maps if diagram.applies(d)]
    per = {name: [] for name in VARIANTS}
    size = {name: 0 for name in VARIANTS}
    problems = []
    for doc in docs:
        src = diagram.source(cat, doc)
        times = {name: [] for name in VARIANTS}
        for _ in range(args.repeat):
            for name, fn in VARIANTS.items():
                t = time.perf_counter()
                result = fn(src)
                times[name].append((time.perf_counter() - t) * 1000)
        outs = {name: fn(src) for name, fn in VARIANTS.items()}
        ref_svg, ref_png = outs["cairo"]
        ref_size = Image.open(io.BytesIO(ref_png)).size
        for name, (svg, png) in outs.items():
            per[name].append(statistics.median(times[name]))
            size[name] += len(png)
            if Image.open(io.BytesIO(png)).size != ref_size or svg != ref_svg:
                problems.append(f"{doc.kode} {name}: size {Image.open(io.BytesIO(png)).size} != {ref_size} or SVG differs")
            if args.dump:
                args.dump.mkdir(parents=True, exist_ok=True)
                (args.dump / f"{doc.kode}.{name.replace(':', '-')}.png").write_bytes(png)
        assert result  # the last call's output was used
    print(f"{len(docs)} diagrams from {args.path}, {args.repeat} interleaved repeats (ms per diagram)")
    print(f"{'variant':10} {'min':>7} {'median':>7} {'max':>7} {'total':>9} {'PNG bytes':>11} {'vs cairo':>8}")
    base = sum(per["cairo"])
    for name in VARIANTS:
        v = per[name]
        print(f"{name:10} {min(v):7.1f} {statistics.median(v):7.1f} {max(v):7.1f} {sum(v):9.0f} {size[name]:11,d}"
              f" {base / sum(v):7.2f}x")
    print("\n".join(problems) or "every PNG has cairo's pixel size; SVGs identical")


if __name__ == "__main__":
    main()
