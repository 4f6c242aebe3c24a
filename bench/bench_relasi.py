"""Time the peta relasi and the process x application matrix on a synthetic catalogue (1,000 SOPs, 20
departments): deriving the relations, the pictures (Graphviz + BPMN) and the matrices (CSV + .xlsx).

Both are made for the whole catalogue in one unit (a relation map reads every process), so they are made
again whenever any file of the catalogue changes; this is what such a build adds.

    python bench/bench_relasi.py [-n 1000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import generate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=1000)
    args = ap.parse_args()
    from petaproses import relasi
    from petaproses.build import check
    from petaproses.render import matriks
    from petaproses.render import relasi as pictures

    with tempfile.TemporaryDirectory() as tmp:
        cat, _ = check([str(generate(Path(tmp) / "cat", args.n))])
        for label, fn in (("derive + views", lambda: relasi.views(cat)),
                          ("relation maps (svg, png, bpmn)", lambda: pictures.render_catalogue(cat)),
                          ("matrices (csv, xlsx)", lambda: matriks.render_catalogue(cat))):
            start = time.perf_counter()
            out = fn()
            print(f"{label}: {time.perf_counter() - start:.2f} s ({len(out)} maps/files)")


if __name__ == "__main__":
    main()
