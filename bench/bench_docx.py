"""Time SOP .docx generation per SOP of the sample catalogue (median of repeated runs), against a floor:
python-docx saving a plain document with a table of the same size.  Goal: a 20-step SOP in under 150 ms.

Run: PYTHONPATH=src python bench/bench_docx.py [processes] [--repeat N]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time

import docx

from petaproses.build import check
from petaproses.render import sop_docx


def floor_ms(rows: int, cols: int, repeat: int) -> float:
    """python-docx: new document, a filled rows x cols table, save."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        d = docx.Document()
        table = d.add_table(rows=rows, cols=cols)
        for r in table.rows:
            for c in r.cells:
                c.text = "Memeriksa kelengkapan berkas"
        d.save(io.BytesIO())
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", default=["processes"])
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    cat, problems = check(args.paths)
    if any(p.is_error for p in problems):
        print("katalog masih punya galat; jalankan petaproses check", file=sys.stderr)
        return 1
    sop_docx.render(cat, next(d for d in cat.maps if sop_docx.applies(d)))  # warm caches (fonts, templates)
    rows = []
    for doc in cat.maps:
        if not sop_docx.applies(doc):
            continue
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            data = sop_docx.render(cat, doc)
            times.append((time.perf_counter() - t) * 1000)
        rows.append((doc.kode, len(doc.kegiatan), len(cat.lanes(doc)), statistics.median(times),
                     sum(map(len, data.values()))))
    for kode, steps, actors, ms, size in rows:
        print(f"{kode:22} {steps:3} langkah {actors} pelaksana {ms:7.1f} ms {size:7} B")
    ms_all = [r[3] for r in rows]
    print(f"SOP: {len(rows)} dokumen, median {statistics.median(ms_all):.1f} ms, maks {max(ms_all):.1f} ms")
    near20 = min(rows, key=lambda r: abs(r[1] - 20))
    print(f"lantai (python-docx, tabel 22x10 polos, simpan): {floor_ms(22, 10, args.repeat):.1f} ms; "
          f"SOP {near20[1]} langkah ({near20[0]}): {near20[3]:.1f} ms (sasaran < 150 ms)")
    t = time.perf_counter()
    books = sop_docx.render_catalogue(cat)
    print(f"Dokumen SOP: {len(books)} buku dalam {(time.perf_counter() - t) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
