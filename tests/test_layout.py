"""The layout layer alone: geometry asserted on the layout's own numbers, nothing rendered, no tool run."""

from __future__ import annotations

from collections import Counter

import pytest

from petaproses.layout import bpmn_di, level1, swimlane, text
from petaproses.layout.page import PageStyle, mm
from petaproses.layout.primitives import Line
from petaproses.model import PetaLevel1, PetaLintasFungsi, PetaSubProses, Sop

STYLE = PageStyle()  # gaya.yaml's defaults: A4 landscape, Arial


def _overlap(a, b) -> bool:
    """Whether two (x0, y0, x1, y1) rectangles share more than an edge."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _crosses(p, q, r, pad: float = 0) -> bool:
    """Whether the axis-parallel segment p-q runs through the inside of rectangle r (x0, y0, x1, y1)."""
    x0, x1 = sorted((p[0], q[0]))
    y0, y1 = sorted((p[1], q[1]))
    return x1 > r[0] + pad and x0 < r[2] - pad and y1 > r[1] + pad and y0 < r[3] - pad


def _on_edge(p, r, tol: float = 1) -> bool:
    inside = r[0] - tol <= p[0] <= r[2] + tol and r[1] - tol <= p[1] <= r[3] + tol
    return inside and min(abs(p[0] - r[0]), abs(p[0] - r[2]), abs(p[1] - r[1]), abs(p[1] - r[3])) <= tol


# ----------------------------------------------------------------------------------------------- SOP chart
# (the SOP flowchart's own layout tests are in test_sop_layout.py)
def test_line_says_whether_it_has_an_arrowhead():
    """A plain line (a joint activity's join) is a layout decision the renderers follow."""
    from petaproses.render.diagram_common import spline
    from petaproses.render.docx_flowchart import Ids, line_xml

    assert Line([(0, 0), (100, 0)], "x").arrow
    arrow = line_xml(Ids(), Line([(0, 0), (100, 0)], "Panah"), 0, 0)
    plain = line_xml(Ids(), Line([(0, 0), (100, 0)], "Garis", arrow=False), 0, 0)
    assert "tailEnd" in arrow and "tailEnd" not in plain
    assert spline([(0, 0), (0, 50)]).startswith("e,0.00,50.00 ")
    assert spline([(0, 0), (0, 50), (40, 50)], arrow=False) == \
        "0.00,0.00 0.00,0.00 0.00,50.00 0.00,50.00 0.00,50.00 40.00,50.00 40.00,50.00"


# ----------------------------------------------------------------------------------------------- BPMN
def test_bpmn_di_every_sample_document(catalogue):
    docs = [d for d in catalogue.maps if isinstance(d, (PetaLevel1, PetaSubProses, PetaLintasFungsi))]
    assert {type(d) for d in docs} >= {PetaLevel1, PetaSubProses, PetaLintasFungsi, Sop}
    for doc in docs:
        d = bpmn_di.layout(catalogue, doc)
        g, geo = d.graph, d.geo
        bands = [geo.lane_bounds(i) for i in range(len(g.lanes))]
        for upper, lower in zip(bands, bands[1:]):  # stacked, as wide as the pool
            assert upper[1] + upper[3] == lower[1] and upper[0] == lower[0] and upper[2] == lower[2]
        assert bands[-1][1] + bands[-1][3] == geo.height
        rects = {}
        for n in g.nodes:
            x, y, w, h = bands[n.lane]
            assert x < n.x and n.x + n.w < x + w and y < n.y and n.y + n.h < y + h, (doc.kode, n.id)
            rects[n.id] = (n.x, n.y, n.x + n.w, n.y + n.h)
        ids = list(rects)
        for i, a in enumerate(ids):
            assert not any(_overlap(rects[a], rects[b]) for b in ids[i + 1:]), (doc.kode, a)
        for f in g.flows:
            assert _on_edge(f.points[0], rects[f.source], 0) and _on_edge(f.points[-1], rects[f.target], 0)
            for a, b in zip(f.points, f.points[1:]):
                assert a[0] == b[0] or a[1] == b[1], (doc.kode, f.id)
                for other, r in rects.items():
                    if other not in (f.source, f.target):
                        assert not _crosses(a, b, r), (doc.kode, f.id, other)
        named = {f.id for f in g.flows if f.name}
        assert set(d.flow_labels) == named


# ----------------------------------------------------------------------------------------------- Graphviz
def _check_grid(grid, lane_count: int) -> None:
    assert len(grid.lane_edges) == lane_count + 1
    rects = {}
    for b in grid.boxes.values():
        c0, c1 = grid.lane_edges[b.lane], grid.lane_edges[b.lane + 1]
        assert c0 <= b.c - b.sc / 2 and b.c + b.sc / 2 <= c1 + 12, b.id  # diamonds may reach into a gutter
        assert grid.row_top <= b.a - b.sa / 2 and b.a + b.sa / 2 <= grid.row_end, b.id
        rects[b.id] = (b.a - b.sa / 2, b.c - b.sc / 2, b.a + b.sa / 2, b.c + b.sc / 2)
    ids = list(rects)
    for i, a in enumerate(ids):
        assert not any(_overlap(rects[a], rects[b]) for b in ids[i + 1:]), a
    for link in grid.links:
        for p, q in zip(link.points, link.points[1:]):
            for other, r in rects.items():
                if other not in (link.source, link.target):
                    assert not _crosses(p, q, r, pad=1), (link.source, link.target, other)


def test_swimlane_screen_and_print_pages(catalogue):
    docs = [d for d in catalogue.maps if isinstance(d, PetaLintasFungsi)]
    for doc in docs:
        steps, edges, lanes, vertical = swimlane.sized_steps(catalogue, doc)
        assert vertical
        grid, lane_lines = swimlane.page_grid(steps, edges, lanes)
        assert len(lane_lines) == len(lanes)
        _check_grid(grid, len(lanes))
        assert [b.id for b in grid.boxes.values()] == [s.id for s in steps]
    # printed: pages of consecutive steps, each as tall as the sheet allows, connectors in pairs
    doc = max(docs, key=lambda d: len(d.kegiatan))
    sheet = swimlane.Sheet(500.0)
    steps, edges, lanes, _ = swimlane.sized_steps(catalogue, doc, sheet.lane_w - 2 * 16.0, swimlane.PAD_PRINT)
    page_of = swimlane.paginate(steps, edges, lanes, sheet, (60.0, 30.0), 12.0)
    pages = [page_of[s.id] for s in steps]
    assert pages == sorted(pages) and pages[-1] > 0
    letters = swimlane.crossing_letters(edges, page_of)
    ins, outs = Counter(), Counter()
    for p in range(pages[-1] + 1):
        grid, _ = swimlane.page_grid(steps, edges, lanes, page_of, p, letters, sheet)
        _check_grid(grid, len(lanes))
        assert (60.0 if p == 0 else 30.0) + grid.row_end + 12.0 <= sheet.height or \
            sum(1 for b in grid.boxes.values() if b.shape != "connector") == 1
        ins.update(b.text for b in grid.boxes.values() if b.id.startswith("in_"))
        outs.update(b.text for b in grid.boxes.values() if b.id.startswith("out_"))
    assert ins == outs == Counter(letters.values())


def test_level1_bands_and_boxes(catalogue):
    for doc in (d for d in catalogue.maps if isinstance(d, PetaLevel1)):
        lp = level1.plan(catalogue, doc)
        level1.place(lp, doc, 12.0, 1000.0)
        tops = [b.bb[3] for b in lp.bands]
        assert tops == sorted(tops, reverse=True)  # manajemen over utama over pendukung
        rects = []
        for band in lp.bands:
            x0, y0, x1, y1 = band.bb
            for p, (cx, cy, w, h) in band.boxes:
                assert p.kategori == band.kind
                assert x0 < cx - w / 2 and cx + w / 2 < x1 and y0 < cy - h / 2 and cy + h / 2 < y1, p.id
                rects.append((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2))
        assert len(rects) == len(doc.proses)
        for i, a in enumerate(rects):
            assert not any(_overlap(a, b) for b in rects[i + 1:])
        utama = next(b for b in lp.bands if b.kind == "utama").bb
        for s in lp.stakeholders:  # inputs left of the bands, outputs right of them
            cx, _cy, w, _h = s.box
            assert (cx + w / 2 < utama[0]) if s.inward else (cx - w / 2 > utama[2])
        # each line meets the value chain's band at a point of its own inside it (in one point four arrowheads
        # made a blot, review round 3), in the boxes' order: no two lines of a side cross
        for inward in (True, False):
            ends = [s.line[-1] if inward else s.line[0] for s in lp.stakeholders if s.inward == inward]
            ys = [y for _x, y in ends]
            assert len(set(ys)) == len(ys) and ys == sorted(ys, reverse=True), ys
            assert all(utama[1] < y < utama[3] for y in ys)


# ----------------------------------------------------------------------------------------------- text
def test_text_wrap_and_line_count():
    long = "Memeriksa kelengkapan berkas permohonan dan meneruskannya kepada Kepala Subbagian Umum"
    lines = text.wrap(long, 90)
    assert len(lines) > 1 and " ".join(lines) == long
    assert all(text.text_width(x) <= 90 for x in lines)
    assert text.wrap("Supercalifragilistik", 40)[0].endswith("-")  # a word too long for the width is cut
    assert text.text_width("Kegiatan", bold=True) > text.text_width("Kegiatan")
    one = STYLE.measure(long, 8)
    # a line fitting by less than LINE_SLACK is broken (LibreOffice's widths round): one more line counted
    assert STYLE.wrap(long, one + text.LINE_SLACK + 1, 8) == 1 and STYLE.wrap(long, one + 1, 8) == 2
    assert STYLE.wrap(long, one / 2, 8) >= 2
    assert STYLE.wrap("satu\ndua", 10_000, 8) == 2  # explicit newlines stay
    assert text.font_file("Arial", False) == text.font_file("Arial", False)  # one lookup, cached


def test_renderer_threads_asking_for_a_font_at_once_run_fc_match_once(monkeypatch):
    """The renderers of a build run in threads: each asked fontconfig itself (three fc-match in a one-map build)."""
    import subprocess
    import threading
    import time

    calls = []

    def slow_fc_match(args, **kwargs):
        calls.append(args)
        time.sleep(0.2)  # every thread asks while the first lookup still runs
        return subprocess.CompletedProcess(args, 0, "/fonts/Sample.ttf", "")

    monkeypatch.setattr(text.subprocess, "run", slow_fc_match)
    monkeypatch.setattr(text.shutil, "which", lambda name: "/usr/bin/" + name)
    family = "Sampel Sans Uji"  # asked by no other test: nothing cached
    threads = [threading.Thread(target=text.font_file, args=(family, False)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and text.font_file(family, False) == "/fonts/Sample.ttf"


@pytest.mark.parametrize("paper,landscape,expected", [("A4", True, (16838, 11906)), ("F4", False, (12189, 18709))])
def test_page_sizes_in_twips(paper, landscape, expected):
    style = PageStyle(paper=paper, landscape=landscape)
    assert style.page == expected
    assert style.body_width == expected[0] - 2 * mm(15)


def test_swimlane_rows_of_several_actors_on_screen_and_in_print(nyata_catalogue):
    """A chain's or joint activity's boxes share their step's row on every page; paging keeps them together and
    off-page connectors in pairs; a branch to `selesai` ends at a terminator under its decision, in its actor's
    lane, where no line of the decision goes on down that lane (as the SOP document draws it; review J)."""
    for doc in nyata_catalogue.maps:
        lanes_n = len(nyata_catalogue.lanes(doc))
        steps, edges, lanes, _ = swimlane.sized_steps(nyata_catalogue, doc)
        grid, _ = swimlane.page_grid(steps, edges, lanes)
        _check_grid(grid, lanes_n)
        for s in steps:
            assert len({grid.boxes[b.id].row for b in s.boxes}) == 1
            assert [grid.boxes[b.id].lane for b in s.boxes] == [
                nyata_catalogue.lanes(doc).index(a) for a in doc.kegiatan[s.number - 1].actors]
        sheet = swimlane.Sheet(400.0)
        steps, edges, lanes, _ = swimlane.sized_steps(nyata_catalogue, doc, sheet.lane_w - 2 * 16.0,
                                                      swimlane.PAD_PRINT)
        page_of = swimlane.paginate(steps, edges, lanes, sheet, (60.0, 30.0), 12.0)
        letters = swimlane.crossing_letters(edges, page_of)
        ins, outs = Counter(), Counter()
        for p in range(max(page_of.values()) + 1):
            grid, _ = swimlane.page_grid(steps, edges, lanes, page_of, p, letters, sheet)
            _check_grid(grid, lanes_n)
            ins.update(b.text for b in grid.boxes.values() if b.id.startswith("in_"))
            outs.update(b.text for b in grid.boxes.values() if b.id.startswith("out_"))
        assert ins == outs == Counter(letters.values()), doc.kode
    doc = nyata_catalogue.by_code["SETDA.PBJ.SOP.04"]
    steps, edges, lanes, _ = swimlane.sized_steps(nyata_catalogue, doc)
    grid, _ = swimlane.page_grid(steps, edges, lanes)
    decision, end = grid.boxes["perbaiki"], grid.boxes["perbaiki+selesai1"]
    assert (end.row, end.shape, end.lane) == (decision.row + 1, "terminator", decision.lane)
    [link] = [lk for lk in grid.links if lk.target == end.id]
    assert link.label == "Tidak diperbaiki" and link.arrow and len(link.points) == 2  # straight down
    joint = [lk for lk in grid.links if lk.source.startswith("periksa") and lk.target.startswith("periksa")]
    assert len(joint) == 2 and not any(lk.arrow for lk in joint)


def test_an_end_branch_with_no_free_lane_gets_a_row_of_its_own(tmp_path):
    import shutil

    from petaproses.build import check

    from .conftest import FIXTURES

    shutil.copyfile(FIXTURES / "mini" / "organisasi.yaml", tmp_path / "organisasi.yaml")
    (tmp_path / "peta.yaml").write_text(
        "jenis: peta-lintas-fungsi\nkode: UJI.LF.01\nnama: Uji Satu Lajur\nperangkat_daerah: setda\nkegiatan:\n"
        "  - {id: periksa, uraian: Memeriksa berkas, pelaksana: staf_pelaksana,"
        " cabang: {Lengkap: arsip, Tidak lengkap: selesai}}\n"
        "  - {id: arsip, uraian: Mengarsipkan berkas, pelaksana: staf_pelaksana}\n", encoding="utf-8")
    cat, problems = check([str(tmp_path)])
    assert not [p for p in problems if p.is_error], problems
    doc = cat.by_code["UJI.LF.01"]
    steps, edges, lanes, _ = swimlane.sized_steps(cat, doc)
    grid, _ = swimlane.page_grid(steps, edges, lanes)
    _check_grid(grid, 1)
    decision, end, last = grid.boxes["periksa"], grid.boxes["periksa+selesai1"], grid.boxes["arsip"]
    assert decision.row < end.row < last.row and end.lane == decision.lane == 0


def test_level1_labels_of_flows_over_and_under_the_chain_stay_inside_its_band(catalogue):
    """Labels of flows over or under the value chain stood across the band's edge (review round 3, a 15-process
    map); a straight flow's label of four lines sat on its line."""
    from petaproses.model import Alur

    doc = next(d for d in catalogue.maps if isinstance(d, PetaLevel1) and d.kode == "DPMPTSP.L1")
    main = [p.id for p in level1.chain_order([p for p in doc.proses if p.kategori == "utama"], doc.alur)]
    long = "Daftar pelaku usaha yang wajib dipantau sesuai tingkat risiko"
    doc = doc.model_copy(update={"alur": [*doc.alur, Alur(dari=main[0], ke=main[2], label=long),
                                          Alur(dari=main[3], ke=main[0], label="Profil dan peluang investasi daerah"),
                                          Alur(dari=main[1], ke=main[2], label=long)]})
    lp = level1.plan(catalogue, doc)
    level1.place(lp, doc, 12.0, 1000.0)
    x0, y0, x1, y1 = next(b for b in lp.bands if b.kind == "utama").bb
    for f in lp.flows:
        if not f.label:
            continue
        h = text.block_height(len(f.label), text.SMALL)
        top, bottom = f.label_at[1] + h / 2, f.label_at[1] - h / 2
        assert y0 < bottom and top < y1, (f.label, bottom, top, y0, y1)
        if len(f.points) == 2 and f.points[0][1] == f.points[1][1]:  # straight: clear of its line
            assert bottom > f.points[0][1], f.label
        w = max(text.text_width(x, text.SMALL) for x in f.label)
        box = (f.label_at[0] - w / 2, bottom, f.label_at[0] + w / 2, top)
        for other in lp.flows if len(f.points) == 4 else []:  # no line through a label over/under the chain
            for (ax, ay), (bx, by) in zip(other.points, other.points[1:]):
                lo_x, hi_x, lo_y, hi_y = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
                assert not (lo_x < box[2] and box[0] < hi_x and lo_y < box[3] and box[1] < hi_y), (f.label,
                                                                                                   other.label)
