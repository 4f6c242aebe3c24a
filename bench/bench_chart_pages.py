"""How much of the SOP flowchart's layout is placing pages that the finished chart does not keep.

    PYTHONPATH=src python bench/bench_chart_pages.py [-n 150] [processes]

Renders the .docx of every SOP (synthetic catalogue of ``-n`` SOPs from synth.py, or the catalogue given) and
counts, through the layout's own functions: the charts and their final pages, the layouts (``_lay_out``: the
chart started on the identity page, and on pages of its own), the pages placed (``_place_page``: symbols and
lines) in each round of a layout (a row that grew for a label or a stacked connector paginates again), the
placed pages taken from the layout's cache, and the CPU spent placing pages against the whole .docx render.
A page placed and not kept is one whose rows or page breaks changed in a later round, or one of the two
layouts compared for the identity page.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import generate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=150)
    ap.add_argument("catalogue", nargs="?", type=Path)
    args = ap.parse_args()
    import petaproses.layout.sop_chart as chart
    import petaproses.render.sop_body as body
    from petaproses.check import findings, load
    from petaproses.render import RENDERERS

    seen: collections.Counter = collections.Counter()
    spent = {"placing": 0.0}
    layout = {"round": 0}
    lay_out, place, place_page, build_chart = chart._lay_out, chart._place, chart._place_page, body.build_chart

    def counted_lay_out(*a):
        layout["round"] = 0
        seen["layouts on the identity page" if a[-1] is not None else "layouts on pages of their own"] += 1
        return lay_out(*a)

    def counted_place(*a, **k):
        layout["round"] += 1
        before = seen["pages placed"]
        made = place(*a, **k)  # (pages, pair labels)
        r = min(layout["round"], 3)
        seen[f"round {r}{'+' if r == 3 else ''}: pages"] += len(made[0])
        seen[f"round {r}{'+' if r == 3 else ''}: pages placed"] += seen["pages placed"] - before
        return made

    def counted_place_page(*a, **k):
        seen["pages placed"] += 1
        t = time.process_time()
        try:
            return place_page(*a, **k)
        finally:
            spent["placing"] += time.process_time() - t

    def counted_build_chart(*a, **k):
        made = build_chart(*a, **k)
        seen["charts"] += 1
        seen["final pages"] += len(made.pages)
        return made

    chart._lay_out, chart._place, chart._place_page, body.build_chart = (
        counted_lay_out, counted_place, counted_place_page, counted_build_chart)
    sop_docx = next(r for r in RENDERERS if r.name == "sop_docx")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.catalogue or generate(Path(tmp) / "cat", args.n)
        loaded = load([str(folder)])
        findings(loaded)
        docs = [d for d in loaded.cat.maps if sop_docx.applies(d)]
        sop_docx.module.render(loaded.cat, docs[0])  # imports, fonts: not counted
        seen.clear()
        spent["placing"] = 0.0
        t = time.process_time()
        for doc in docs:
            sop_docx.module.render(loaded.cat, doc)
        total = time.process_time() - t
    for name in sorted(seen):
        print(f"{name:38} {seen[name]:6}")
    print(f"{'pages placed per final page':38} {seen['pages placed'] / max(1, seen['final pages']):6.2f}")
    print(f"CPU: .docx render {total / len(docs) * 1000:.1f} ms per SOP, of which placing pages "
          f"{spent['placing'] / len(docs) * 1000:.1f} ms ({spent['placing'] / total:.0%})")


if __name__ == "__main__":
    main()
