"""The diagram writer's faster ways give what the plain ways give (issue 16: the same bytes, less CPU)."""

from __future__ import annotations

import io
import random

import graphviz
from PIL import Image

from petaproses.layout import swimlane_grid as sg
from petaproses.layout import text
from petaproses.render import diagram, diagram_common
from petaproses.render.dot import _GREY_RAMP, _VIEWBOX, PDF_MARGIN_PT, _px, is_grey, pdf_png, run_dot

from .conftest import require
from .geometry import crosses



def _png_by_crop(pdf: bytes, width_pt: float, height_pt: float, grey: bool) -> bytes:
    """The PNG as it was first made: the page rasterised whole by pypdfium2, cropped to a copy, saved."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    doc = pdfium.PdfDocument(pdf)
    fmt = {"grayscale": True, "force_bitmap_format": pdfium_c.FPDFBitmap_Gray} if grey else {"rev_byteorder": True}
    image = doc[0].render(scale=96 / 72, fill_color=(255, 255, 255, 255), **fmt).to_pil()
    doc.close()
    edge = _px(PDF_MARGIN_PT)
    image = image.crop((edge, edge, edge + _px(width_pt), edge + _px(height_pt)))
    if grey:
        image.putpalette(_GREY_RAMP)
    buf = io.BytesIO()
    image.save(buf, "PNG", compress_level=3)
    return buf.getvalue()


def test_png_read_in_place_is_the_cropped_copy(catalogue):
    require("dot")
    seen = set()
    for doc in [d for d in catalogue.maps if diagram.applies(d)][:6]:
        out = run_dot(diagram.source(catalogue, doc), ["svg", "pdf"])
        w, h = (float(v) for v in _VIEWBOX.search(out["svg"]).groups())
        grey = is_grey(out["svg"])
        seen.add(grey)
        png = pdf_png(out["pdf"], w, h, grey)
        assert png == _png_by_crop(out["pdf"], w, h, grey), doc.kode
        assert Image.open(io.BytesIO(png)).size == (_px(w), _px(h))
    assert seen == {True, False}  # grey maps (read in place) and coloured ones (a level 1 map)


def test_quoting_of_positions_is_graphvizs():
    raw = graphviz.quoting.quote.__wrapped__
    for value in ["12.00,34.50", "e,1.00,2.00 3.00,4.00 5.00,6.00", "-1.5,-2", ",", "1.5", "e", "-.5", "", "a,b",
                  "1,2\"", "<b>1,2</b>", "edge", "x y", graphviz.nohtml("1,2"), graphviz.nohtml("<1,2>")]:
        assert diagram_common._quote_once(value) == raw(value), value


def _through_plain(p, q, box, inset):
    a0, a1, c0, c1 = box[0] + inset, box[1] - inset, box[2] + inset, box[3] - inset
    lo_a, hi_a = sorted((p[0], q[0]))
    lo_c, hi_c = sorted((p[1], q[1]))
    return lo_a < a1 and hi_a > a0 and lo_c < c1 and hi_c > c0


def _overlap_plain(p, q, r, s, tol=1.0):
    if abs(p[0] - q[0]) < tol and abs(r[0] - s[0]) < tol and abs(p[0] - r[0]) < tol:
        (lo1, hi1), (lo2, hi2) = sorted((p[1], q[1])), sorted((r[1], s[1]))
        return min(hi1, hi2) - max(lo1, lo2) > tol
    if abs(p[1] - q[1]) < tol and abs(r[1] - s[1]) < tol and abs(p[1] - r[1]) < tol:
        (lo1, hi1), (lo2, hi2) = sorted((p[0], q[0])), sorted((r[0], s[0]))
        return min(hi1, hi2) - max(lo1, lo2) > tol
    return False


def _segment(rng: random.Random) -> tuple:
    p = (rng.choice([0.0, 10.0, 10.5, 30.0]) + rng.random(), rng.choice([0.0, 10.0, 20.0]) + rng.random())
    if rng.random() < 0.5:
        return p, (p[0] + rng.uniform(-40, 40), p[1] + rng.choice([0.0, 0.3]))
    return p, (p[0] + rng.choice([0.0, 0.3]), p[1] + rng.uniform(-40, 40))


def test_segment_checks_agree_with_the_plain_ones():
    rng = random.Random(16)
    for _ in range(5000):
        (p, q), (r, s) = _segment(rng), _segment(rng)
        assert sg._overlap(p, q, r, s) == _overlap_plain(p, q, r, s)
        box = sorted(rng.uniform(-10, 50) for _ in range(2)) + sorted(rng.uniform(-10, 50) for _ in range(2))
        segs = [_segment(rng) for _ in range(rng.randint(0, 4))]
        inset = rng.choice([-4.0, -2.0, 0.5, 1.0])
        assert sg._any_through(segs, box, inset) == any(_through_plain(a, b, box, inset) for a, b in segs)


def test_router_looks_at_the_boxes_near_a_segment_only_and_finds_what_a_full_scan_finds():
    rng = random.Random(7)
    boxes = {}
    for row in range(12):
        for lane in rng.sample(range(5), rng.randint(1, 3)):
            b = sg.Box(f"b{row}_{lane}", row, lane, rng.uniform(26, 120), rng.uniform(26, 108), "process")
            b.a, b.c = 40 + row * 100 + rng.uniform(-10, 10), 70 + lane * 140
            boxes[b.id] = b
    router = sg.Router(boxes, [i * 140.0 for i in range(6)], 140.0)

    def free_by_scan(pts, source, target):
        last = len(pts) - 2
        for i, (p, q) in enumerate(zip(pts, pts[1:])):
            a0, a1 = sorted((p[0], q[0]))
            c0, c1 = sorted((p[1], q[1]))
            for b in boxes.values():
                lo_a, hi_a = b.a - b.sa / 2 - 2.0, b.a + b.sa / 2 + 2.0
                lo_c, hi_c = b.c - b.sc / 2 - 2.0, b.c + b.sc / 2 + 2.0
                if not (a1 < lo_a or a0 > hi_a or c1 < lo_c or c0 > hi_c) and \
                        not ((b.id == source and i == 0) or (b.id == target and i == last)):
                    return False
        return True

    ids = list(boxes)
    verdicts = set()
    for _ in range(3000):
        pts = [(rng.uniform(0, 1300), rng.uniform(0, 700))]
        for k in range(rng.randint(1, 4)):
            a, c = pts[-1]
            pts.append((a + rng.uniform(-300, 300), c) if k % 2 else (a, c + rng.uniform(-300, 300)))
        source, target = rng.choice(ids), rng.choice(ids)
        found = router._free(pts, source, target, "", lines=False)
        assert found == free_by_scan(pts, source, target)
        verdicts.add(found)
        label = sorted(rng.uniform(0, 1300) for _ in range(2)) + sorted(rng.uniform(0, 700) for _ in range(2))
        assert router._on_symbol(tuple(label)) == any(sg._covers(tuple(label), b) for b in boxes.values())
    assert verdicts == {True, False}


def test_wrap_memoised_gives_a_list_of_ones_own():
    first = text.wrap("Memeriksa kelengkapan berkas permohonan", 80.0)
    first.append("changed")
    again = text.wrap("Memeriksa kelengkapan berkas permohonan", 80.0)
    assert "changed" not in again and again == list(text._wrap.__wrapped__("Memeriksa kelengkapan berkas permohonan",
                                                                           80.0, text.FONT_SIZE, False))


def test_crossings_counted_in_one_loop_are_the_plain_pairwise_count():
    rng = random.Random(48)
    router = sg.Router({}, [0.0, 140.0, 280.0], 140.0)
    for _ in range(300):
        router.segments = [(*_segment(rng), "k") for _ in range(rng.randint(0, 12))]
        route = [p for seg in (_segment(rng) for _ in range(rng.randint(1, 3))) for p in seg]
        plain = sum(crosses(p, q, r, t) or crosses(r, t, p, q)
                    for p, q in zip(route, route[1:]) for r, t, _ in router.segments)
        assert router._crossings(route) == plain
        most = rng.randint(1, 3)
        assert router._crossings(route, most) == min(plain, most)
