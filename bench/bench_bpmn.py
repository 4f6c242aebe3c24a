"""Time BPMN generation per document of the sample catalogue: ms per SOP (median of repeated runs).

Run: PYTHONPATH=src python bench/bench_bpmn.py [processes] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from petaproses.build import check
from petaproses.render import bpmn


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", default=["processes"])
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    cat, problems = check(args.paths)
    if any(p.is_error for p in problems):
        print("catalogue has errors; run petaproses check", file=sys.stderr)
        return 1
    rows = []
    for doc in cat.maps:
        if not bpmn.applies(doc):
            continue
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            data = bpmn.render(cat, doc)
            times.append((time.perf_counter() - t) * 1000)
        steps = len(getattr(doc, "kegiatan", None) or getattr(doc, "sub_proses", None) or doc.proses)
        rows.append((doc.jenis, doc.kode, steps, statistics.median(times), sum(map(len, data.values()))))
    for jenis, kode, steps, ms, size in rows:
        print(f"{jenis:20} {kode:22} {steps:3} langkah {ms:7.2f} ms {size:8} B")
    sops = [ms for jenis, *_, ms, _ in rows if jenis == "sop"]
    print(f"SOP: {len(sops)} dokumen, median {statistics.median(sops):.2f} ms, maks {max(sops):.2f} ms per SOP; "
          f"semua {len(rows)} dokumen: {sum(r[3] for r in rows):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
