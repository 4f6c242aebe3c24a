"""Time SOP .docx generation per SOP of the sample catalogue (median of repeated runs), against a floor:
python-docx saving a plain document with a table of the same size.  Goal: a 20-step SOP in under 150 ms.

Run: PYTHONPATH=src python bench/bench_docx.py [processes] [--repeat N]
     PYTHONPATH=src python bench/bench_docx.py --synth 1000   (bench/synth.py's catalogue, each SOP once)

Both also print, over the SOPs, min/median/max of the layout alone (identity part and flowchart, as the
document lays them out: ``layout.sop_chart.build_chart``) and of the whole .docx stage (``sop_docx.render``),
in CPU time of this process (it hardly moves when other work shares the machine).  Before/after: run it with
PYTHONPATH=/path/to/old/src.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

import docx

from petaproses.aplikasi import peralatan
from petaproses.build import check
from petaproses.layout.sop_chart import build_chart
from petaproses.layout.sop_identity import identity
from petaproses.render import sop_docx
from petaproses.render.sop_body import GAP, dasar_hukum
from petaproses.render.docx_style import load_style

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import generate  # noqa: E402


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


def _spread(name: str, ms: list[float]) -> str:
    return f"{name}: min {min(ms):.1f} ms, median {statistics.median(ms):.1f} ms, maks {max(ms):.1f} ms"


def stages(cat) -> tuple[list[float], list[float]]:
    """Per SOP, once: the layout alone (as sop_body lays it out) and the whole .docx stage, in ms."""
    style = load_style(sop_docx._templates(None))
    sops = [d for d in cat.maps if sop_docx.applies(d)]
    sop_docx.render(cat, sops[0])  # warm caches (fonts, templates)
    layout, whole = [], []
    for doc in sops:
        t = time.process_time()
        ident = identity(cat, doc, style, has_logo=False, dasar_hukum=dasar_hukum(cat, doc),
                         peralatan=peralatan(cat, doc))
        build_chart(cat, doc, style, first_page_room=style.body_height - ident.last_used - GAP)
        layout.append((time.process_time() - t) * 1000)
        t = time.process_time()
        sop_docx.render(cat, doc)
        whole.append((time.process_time() - t) * 1000)
    return layout, whole


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", default=["processes"])
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--synth", type=int, default=0, help="time N synthetic SOPs (bench/synth.py) instead")
    args = ap.parse_args()
    if args.synth:
        with tempfile.TemporaryDirectory() as tmp:
            cat, problems = check([str(generate(Path(tmp), args.synth))])
            start = time.process_time()
            layout, whole = stages(cat)
            print(f"{len(layout)} SOP sintetis dalam {time.process_time() - start:.1f} s CPU")
            print(_spread("tata letak (CPU)", layout))
            print(_spread("tahap .docx (CPU)", whole))
        return 0
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
    layout, whole = stages(cat)
    print(_spread("tata letak (CPU)", layout))
    print(_spread("tahap .docx (CPU)", whole))
    t = time.perf_counter()
    books = sop_docx.render_catalogue(cat)
    print(f"Dokumen SOP: {len(books)} buku dalam {(time.perf_counter() - t) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
