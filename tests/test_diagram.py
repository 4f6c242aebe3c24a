"""Graphviz diagrams: geometry read back from Graphviz's own layout, links, literal labels, determinism."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from petaproses.build import build, check
from petaproses.flow import build_flow
from petaproses.problems import PetaprosesError
from petaproses.render import diagram
from petaproses.render import diagram_style as st

from .conftest import FIXTURES, PROCESSES, require
from .geometry import crosses

DIAGRAM = FIXTURES / "diagram"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def _catalogue(path: Path):
    cat, problems = check([str(path)])
    assert not [p for p in problems if p.is_error], [p.format() for p in problems]
    return cat


@pytest.fixture(scope="module")
def fixture_cat():
    return _catalogue(DIAGRAM)


BIG_LANES = ["staf", "kasubag", "kabid", "sekretaris", "kadis", "analis", "pemohon"]


def _big_sop(folder: Path) -> None:
    """Write a 40-step, 7-lane SOP with loops back and two decisions in a row next to the fixture files."""
    lines = ["jenis: sop", "kode: B.SOP.40", "nama: Prosedur Uji Empat Puluh Langkah dengan Tujuh Pelaksana",
             "nomor: 800/40/SOP/2025", "perangkat_daerah: pd_b", "tanggal: {pembuatan: 2025-05-06}",
             "disahkan_oleh: kadis", "kegiatan:"]
    for i in range(1, 41):
        lane = BIG_LANES[(i * 3) % 7]
        lines += [f"  - id: k{i}", f"    uraian: Melaksanakan kegiatan nomor {i} dan meneruskan hasilnya kepada pelaksana "
                                   f"berikutnya", f"    pelaksana: {lane}"]
        if i == 12:
            lines.append("    cabang: {Sesuai: k13, Tidak sesuai: k8}")
        if i == 25:
            lines.append("    cabang: {Ya: k26, Tidak: k30}")
        if i == 26:
            lines.append("    cabang: {Lengkap: k27, Kurang lengkap: k20}")
    folder.joinpath("sop40.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def big_cat(tmp_path_factory):
    root = tmp_path_factory.mktemp("big") / "catalogue"
    shutil.copytree(DIAGRAM, root)
    _big_sop(root / "pd_b")
    return _catalogue(root)


_FRAME = re.compile(r"C \d+ -(\S+) .*?P 4 ([-\d.]+) ([-\d.]+) [-\d.]+ ([-\d.]+) ([-\d.]+) [-\d.]+ [-\d.]+ [-\d.]+")


def _frames(laid: dict) -> list[tuple[str, tuple[float, ...]]]:
    """The framed boxes drawn under a diagram, in drawing order: (fill, (x0, y0, x1, y1))."""
    return [(m.group(1), tuple(float(m.group(k)) for k in (2, 3, 5, 4)))
            for m in _FRAME.finditer(laid.get("_background", ""))]


def _layout(dot_source: str) -> dict:
    """Return Graphviz's own reading of a diagram: -Tjson of ``neato -n2`` on our DOT text."""
    dot = require("dot")
    proc = subprocess.run([dot, "-Kneato", "-n2", "-Tjson"], input=dot_source.encode(), capture_output=True,
                          check=True)
    assert b"too small for label" not in proc.stderr, proc.stderr.decode()  # text overflows a shape
    return json.loads(proc.stdout)


def _rect(obj: dict) -> tuple[float, float, float, float]:
    x, y = (float(v) for v in obj["pos"].split(","))
    w, h = float(obj["width"]) * 72, float(obj["height"]) * 72
    return x - w / 2, y - h / 2, x + w / 2, y + h / 2


def _inside(inner, outer, tol=0.5) -> bool:
    return (inner[0] >= outer[0] - tol and inner[1] >= outer[1] - tol
            and inner[2] <= outer[2] + tol and inner[3] <= outer[3] + tol)


def _overlap(r, s, tol=0.5) -> bool:
    return r[0] < s[2] - tol and s[0] < r[2] - tol and r[1] < s[3] - tol and s[1] < r[3] - tol


def _polyline(pos: str) -> list[tuple[float, float]]:
    """Return the path of an edge ``pos`` (our splines are polylines: every third point is a corner)."""
    pts = [tuple(float(v) for v in tok.split(",")) for tok in pos.split() if not tok.startswith(("e,", "s,"))]
    end = next(tok for tok in pos.split() if tok.startswith("e,"))
    return pts[::3] + [tuple(float(v) for v in end[2:].split(","))]


def _segment_hits(p, q, rect, pad=1.0) -> bool:
    x0, x1 = sorted((p[0], q[0]))
    y0, y1 = sorted((p[1], q[1]))
    return not (x1 < rect[0] + pad or x0 > rect[2] - pad or y1 < rect[1] + pad or y0 > rect[3] - pad)


def _check_swimlane(cat, doc) -> None:
    laid = _layout(diagram.source(cat, doc))
    objects = laid["objects"]
    names = cat.lanes(doc)
    # the lanes are framed boxes under the drawing, alternately shaded, one per actor in catalogue order
    lanes = [bb for fill, bb in _frames(laid) if fill in (st.FILL["lane"], st.FILL["lane_alt"])]
    assert len(lanes) == len(names)
    assert [fill for fill, _ in _frames(laid) if fill != "white"] == \
        [st.FILL["lane"] if i % 2 == 0 else st.FILL["lane_alt"] for i in range(len(names))]
    boxes = {}
    flow = build_flow(doc.kegiatan)
    lane_index = {a: i for i, a in enumerate(names)}
    box_of: dict[str, list[str]] = {}  # step -> its boxes, one per actor (a chain or joint activity: several)
    for node in flow.nodes:
        box_of[node.id] = [node.id] + [f"{node.id}+{k}" for k in range(2, len(node.actors) + 1)]
        for name, actor in zip(box_of[node.id], node.actors):
            obj = next(o for o in objects if o.get("name") == name)
            boxes[name] = _rect(obj)
            bb = lanes[lane_index[actor]]
            assert _inside(boxes[name], bb), f"{doc.kode}: {name} lies outside the lane of {actor}"
        ys = {round((boxes[b][1] + boxes[b][3]) / 2) for b in box_of[node.id]}
        assert len(ys) == 1, f"{doc.kode}: the boxes of step {node.id} are not in one row"
    # a long decision: its text in a box, a small diamond right under the box (same lane), left by its branches
    gates = {}
    for node in flow.nodes:
        gate = next((o for o in objects if o.get("name") == f"{node.id}+gerbang"), None)
        if gate is None:
            continue
        assert node.is_decision and not node.joint and gate["shape"] == "diamond", (doc.kode, node.id)
        last = boxes[box_of[node.id][-1]]
        boxes[gate["name"]] = rect = _rect(gate)
        assert abs((rect[0] + rect[2]) - (last[0] + last[2])) < 0.1 and rect[3] < last[1], (doc.kode, node.id)
        gates[node.id] = [gate["name"]]
    for e in flow.end_exits:  # a branch to `selesai` ends at a terminator of its own in the step's row
        end = next(o for o in objects if o.get("name", "").startswith(f"{e.source}+selesai"))
        boxes[end["name"]] = _rect(end)
        assert "Selesai" in end["label"] and "rounded" in end.get("style", "")
    # lanes left to right in catalogue order, headed by the position's full name
    xs = [bb[0] for bb in lanes]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    for i, actor in enumerate(names):
        header = next(o for o in objects if o.get("name") == f"lane_{i}")
        assert cat.actor_name(actor).split()[0] in header["label"]
    ids = list(boxes)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            assert not _overlap(boxes[a], boxes[b]), f"{doc.kode}: {a} overlaps {b}"
    # every flow edge is drawn, carries its branch label, and runs through no other symbol
    drawn = {}
    for e in laid.get("edges", []):
        tail, head = objects[e["tail"]]["name"], objects[e["head"]]["name"]
        drawn.setdefault((tail, head), []).append(e)
    for edge in flow.edges:
        pairs = [(a, b) for a in gates.get(edge.source, box_of[edge.source]) for b in box_of[edge.target]
                 if (a, b) in drawn]
        assert len(pairs) == 1, f"{doc.kode}: edge {edge.source} -> {edge.target} missing"
        found = drawn[pairs[0]]
        if edge.label:
            assert any(_label_text(edge.label) == _plain(e.get("label", "")) for e in found), edge.label
            assert all("lp" in e for e in found if e.get("label"))
        for e in found:
            _clear(doc, e, pairs[0], boxes)
    for node in flow.nodes:  # inside a row: a chain's arrows in order, a joint activity's plain lines
        mine = box_of[node.id] + gates.get(node.id, [])
        inside = [(a, b) for a in mine for b in mine if (a, b) in drawn]
        if node.joint:
            assert len(inside) == len(box_of[node.id]) - 1
            assert all("e," not in e["pos"] and e.get("arrowhead") == "none" for p in inside for e in drawn[p])
        else:
            assert inside == list(zip(mine, mine[1:])), (doc.kode, node.id, inside)
        for pair in inside:
            _clear(doc, drawn[pair][0], pair, boxes)
    for e in flow.end_exits:
        [pair] = [(a, b) for a, b in drawn
                  if a in gates.get(e.source, box_of[e.source]) and b.startswith(f"{e.source}+selesai")]
        assert _label_text(e.label) == _plain(drawn[pair][0].get("label", ""))


def _clear(doc, e: dict, pair: tuple[str, str], boxes: dict) -> None:
    """Assert that the drawn edge ``e`` between ``pair`` runs through no other symbol."""
    path = _polyline(e["pos"]) if "e," in e["pos"] else [
        tuple(float(v) for v in tok.split(",")) for tok in e["pos"].split()][::3]
    for p, q in zip(path, path[1:]):
        for other, rect in boxes.items():
            if other not in pair:
                assert not _segment_hits(p, q, rect), f"{doc.kode}: {pair[0]}->{pair[1]} crosses {other}"


def _plain(label: str) -> str:
    """Return the text of an HTML-like label, tags dropped and lines joined by spaces."""
    import re

    return " ".join(re.sub(r"<[^>]*>", " ", label).split())


def _label_text(text: str) -> str:
    import html

    return " ".join(html.escape(text, quote=True).split())


def test_swimlane_geometry_fixture(fixture_cat):
    _check_swimlane(fixture_cat, fixture_cat.by_code["A.LF.01"])
    _check_swimlane(fixture_cat, fixture_cat.by_code["B.SOP.01"])


def test_swimlane_geometry_40_steps_7_lanes(big_cat):
    doc = big_cat.by_code["B.SOP.40"]
    assert len(big_cat.lanes(doc)) == 7 and len(doc.kegiatan) == 40
    _check_swimlane(big_cat, doc)


def test_swimlane_geometry_real_shaped_fixtures(nyata_catalogue):
    """Chains, joint activities, branches to `selesai`, 10 lanes, 29 steps (issue 10)."""
    docs = list(nyata_catalogue.maps)
    assert len(docs) == 6
    for doc in docs:
        _check_swimlane(nyata_catalogue, doc)


def test_a_chain_whose_lanes_zigzag_runs_round_its_middle_box():
    """Setwan Kota Yogyakarta's paraf chain Kabag Umum -> Kabag Perundang -> Sekwan stands in lanes 4, 3, 5
    (review K; tests/fixtures/silang): the arrow from the second box to the third ran through the first."""
    cat, _ = check([str(FIXTURES / "silang")])
    [doc] = cat.maps
    _check_swimlane(cat, doc)


def test_swimlane_geometry_sample_catalogue(catalogue):
    docs = [d for d in catalogue.maps if d.jenis in ("sop", "peta-lintas-fungsi")]
    assert len(docs) >= 10
    for doc in docs:
        _check_swimlane(catalogue, doc)


@pytest.mark.parametrize("name", ["reference/C.3.0.bpmn", "bpmn.io-camunda-modeler-18.6.1/C.8.0-export.bpmn",
                                  "sap-signavio-process-manager-19.9.0/C.6.0-export.bpmn"])
def test_swimlane_geometry_one_lane_with_many_decisions(name, tmp_path):
    """A single pool without lanes (MIWG C.3.0, C.8.0, C.6.0 imported): every line once ran straight through
    the steps between its ends (the diamonds filled the only gutters), showing chains that do not exist."""
    from petaproses.impor import import_bpmn

    from .bpmn_corpus import CORPUS, organisation, pelaksana_of

    if not (CORPUS / name).is_file():
        pytest.skip(f"{CORPUS / name} is not there")
    text, _ = import_bpmn(CORPUS / name, "uji")
    (tmp_path / "organisasi.yaml").write_text(organisation(pelaksana_of(text)), encoding="utf-8")
    (tmp_path / "peta.yaml").write_text(text, encoding="utf-8")
    cat, problems = check([str(tmp_path)])
    assert not [p for p in problems if p.is_error], [p.format() for p in problems]
    [doc] = list(cat.maps)
    assert len(cat.lanes(doc)) == 1 and sum(len(k.cabang or {}) > 1 for k in doc.kegiatan) >= 2
    _check_swimlane(cat, doc)


def test_level1_and_subprocess_geometry(fixture_cat):
    for code in ("A.L1", "A.SP.02"):
        laid = _layout(diagram.source(fixture_cat, fixture_cat.by_code[code]))
        objects = laid["objects"]
        procs = [o for o in objects if "pos" in o and (o["name"].startswith("p_") or o["name"] in
                                                       ("terima", "tolak", "proses", "serah"))]
        assert len(procs) in (4, 5)
        rects = [_rect(o) for o in procs]
        for i, r in enumerate(rects):
            assert not any(_overlap(r, s) for s in rects[i + 1:])
    # level 1: bands top to bottom manajemen, utama, pendukung
    laid = _layout(diagram.source(fixture_cat, fixture_cat.by_code["A.L1"]))
    bands = {kind: bb for fill, bb in _frames(laid) for kind in ("manajemen", "utama", "pendukung")
             if fill == st.FILL[kind]}
    assert bands["manajemen"][3] > bands["utama"][3] > bands["pendukung"][3]
    by = {o["name"]: o for o in laid["objects"]}
    utama_bb = list(bands["utama"])
    assert _inside(_rect(by["p_layanan"]), utama_bb)
    # stakeholders: inputs left of the bands, outputs right of them
    assert _rect(by["in_0"])[2] < utama_bb[0] < utama_bb[2] < _rect(by["out_0"])[0]


def _svg_links(svg: Path) -> list[str]:
    root = etree.parse(str(svg)).getroot()
    return [a.get(XLINK) for a in root.iter(f"{SVG}a") if a.get(XLINK)]


def test_links_resolve_to_generated_files(tmp_path):
    require("dot")
    result = build([str(DIAGRAM)], str(tmp_path), only=["diagram"])
    assert not result.failed
    level1 = tmp_path / "pd_a" / "A.L1.svg"
    links = _svg_links(level1)
    assert sorted(links) == ["../pd_b/B.SOP.01.svg", "A.SP.02.svg"]
    for svg in tmp_path.rglob("*.svg"):
        for href in _svg_links(svg):
            assert (svg.parent / href).resolve().is_file(), f"{svg.name}: {href} does not resolve"
    assert _svg_links(tmp_path / "pd_a" / "A.SP.02.svg") == ["A.LF.01.svg"]
    assert _svg_links(tmp_path / "pd_a" / "A.LF.01.svg") == ["../pd_b/B.SOP.01.svg"]


def _svg_text(svg: bytes) -> str:
    root = etree.fromstring(svg)
    return "\n".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


def test_labels_render_literally(fixture_cat):
    require("dot")
    files = diagram.render(fixture_cat, fixture_cat.by_code["B.SOP.01"])
    text = _svg_text(files["B.SOP.01.svg"])
    for literal in ['<Uji> & "Kutip" {a} -> b \\l', "<b>tebal</b> &", "'kutip' \"ganda\"", "{rekaman} ->",
                    "keputusan \\l", "\\N baris", "kedua", "Ya <lanjut>", "Tidak & ulang"]:
        assert literal in text, literal
    assert "telaah baris" not in text  # \N was not replaced by the node name


def test_output_is_deterministic_and_clean(fixture_cat):
    require("dot")
    for code in ("A.L1", "A.SP.02", "A.LF.01", "B.SOP.01"):
        doc = fixture_cat.by_code[code]
        first, second = diagram.render(fixture_cat, doc), diagram.render(fixture_cat, doc)
        assert sorted(first) == [f"{code}.png", f"{code}.svg"]
        assert first == second
        assert b"Generated by graphviz" not in first[f"{code}.svg"]
        assert first[f"{code}.png"].startswith(b"\x89PNG")
        # no hover text of internal ids ("sampaikan->verifikasi") on lines and lanes; a box keeps its step id
        # (the review site's evaluation mode reads it)
        titles = re.findall(rb'class="(\w+)"[^>]*>\n<title>([^<]*)</title>', first[f"{code}.svg"])
        assert titles[0] == (b"graph", code.encode()) and {kind for kind, _ in titles} == {b"graph", b"node"}
        assert b'class="edge">\n<g' in first[f"{code}.svg"] or b'class="edge">\n<path' in first[f"{code}.svg"]


def test_pdf_is_a4_landscape_and_split_with_connectors(big_cat):
    require("dot")
    from pypdf import PdfReader
    import io

    doc = big_cat.by_code["B.SOP.40"]
    files = diagram.render(big_cat, doc, pdf=True)
    assert files == diagram.render(big_cat, doc, pdf=True)
    reader = PdfReader(io.BytesIO(files["B.SOP.40-peta.pdf"]))
    assert len(reader.pages) > 1
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)
    pages = diagram.graphs(big_cat, doc, 560.0)
    assert len(pages) > 1
    # every off-page connector has its partner on another page
    outs = {n for g in pages for n in _names(g.source, "out_")}
    ins = {n for g in pages for n in _names(g.source, "in_")}
    assert outs and outs == ins


def _pages_check(cat, doc, most: int) -> None:
    """The printed PDF of ``doc``: at most ``most`` pages, text >= 7 pt, every connector pair on two pages."""
    from petaproses.render import diagram_style as st

    pages, scale = diagram.pdf_pages(cat, doc)
    assert 1 < len(pages) <= most, len(pages)
    assert scale * st.SMALL >= 7.0 - 1e-6  # edge labels, the smallest text, print at 7 pt or more
    seen_out, seen_in = [], []
    for n, g in enumerate(pages):
        outs, ins = _names(g.source, "out_"), _names(g.source, "in_")
        seen_out += [(x, n) for x in outs]
        seen_in += [(x, n) for x in ins]
        if n:  # continuation pages: one title line, no legend
            assert "legend_title" not in g.source and "(lanjutan)" in g.source
    assert sorted(x for x, _ in seen_out) == sorted(set(x for x, _ in seen_out))  # each letter leaves once
    assert sorted(x for x, _ in seen_in) == sorted(set(x for x, _ in seen_in))
    out_page, in_page = dict(seen_out), dict(seen_in)
    assert out_page.keys() == in_page.keys()
    assert all(out_page[x] != in_page[x] for x in out_page)
    steps = [s for s in build_flow(doc.kegiatan).nodes]
    drawn = [n for g in pages for n in re.findall(r"^\s*(\S+) \[label=<", g.source, re.M)]
    assert sorted(s.id for s in steps) == sorted(n for n in drawn if n in {s.id for s in steps})


def test_pdf_40_steps_7_lanes_few_legible_pages(big_cat):
    require("dot")
    doc = big_cat.by_code["B.SOP.40"]
    _pages_check(big_cat, doc, 10)  # was 17 pages before print paging


def test_pdf_sample_sops_few_legible_pages(catalogue):
    require("dot")
    _pages_check(catalogue, catalogue.by_code["SETDA.ORG.SOP.03"], 8)  # 41 steps, 6 lanes: was 24 pages
    _pages_check(catalogue, catalogue.by_code["DPMPTSP.SOP.01"], 6)  # 21 steps, 7 lanes: was 8


def _names(source: str, prefix: str) -> set[str]:
    import re

    return {m.group(1) for m in re.finditer(rf"^\s*{prefix}([A-Z]+) \[", source, re.M)}


def test_title_block_uses_document_date(fixture_cat, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert "Tanggal pembuatan: 4 Maret 2025" in diagram.source(fixture_cat, fixture_cat.by_code["B.SOP.01"])
    assert "Tanggal" not in diagram.source(fixture_cat, fixture_cat.by_code["A.L1"])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    assert "Tanggal: 1 Januari 2026" in diagram.source(fixture_cat, fixture_cat.by_code["A.L1"])


def test_missing_dot_is_a_clear_error(fixture_cat, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(PetaprosesError, match="Graphviz"):
        diagram.render(fixture_cat, fixture_cat.by_code["A.LF.01"])


SWIMLANE_FOLDERS = (PROCESSES, FIXTURES / "nyata", FIXTURES / "sepuluh", FIXTURES / "diagram")


def _swimlane_grids(*folders):
    """(map, its routed swimlane grid) of every vertical cross-functional map and SOP of ``folders`` (the
    samples and the real-shaped fixtures)."""
    from petaproses.layout.swimlane import page_grid, sized_steps
    from petaproses.model import PetaLintasFungsi

    for folder in folders or SWIMLANE_FOLDERS:
        cat, _ = check([str(folder)])
        for doc in cat.maps:
            if isinstance(doc, PetaLintasFungsi):
                steps, edges, lanes, vertical = sized_steps(cat, doc)
                if vertical:
                    yield doc, page_grid(steps, edges, lanes)[0]


def test_no_line_runs_through_a_branch_label():
    """A branch label struck out by another line reads as that line's (review of the swimlane maps: 22 labels in
    15 maps): the router takes a route that crosses no label and whose label no line crosses, when one is free."""
    from petaproses.layout.swimlane_grid import _through

    struck, labels = [], 0
    for doc, grid in _swimlane_grids():
        for link in grid.links:
            if not link.label:
                continue
            labels += 1
            (a, c), (la, lc) = link.label_at, link.label_size
            box = (a - la / 2, a + la / 2, c - lc / 2, c + lc / 2)
            for other in grid.links:
                if other is not link and any(_through(p, q, box) for p, q in zip(other.points, other.points[1:])):
                    struck.append((doc.kode, link.label, other.source, other.target))
    assert labels > 100 and not struck, struck


def test_a_loop_back_stays_near_the_lanes_it_joins():
    """A loop back up to another lane's step ran to the map's outer edge and back (Kec. Trenggalek's IMB, review
    H: 'Tidak' of steps 5 and 6 through four unrelated lanes; SETDA.ORG.SOP.03 and DISKOMINFO.IKP.SOP.05 here):
    it enters the step's bottom, or runs in the nearest free gutter: no loop goes far out of its way.  (A line
    forward may still take an outer gutter: SETDA.PBJ.SOP.04's 'Sesuai', where a nearer one strikes a label.)"""
    from petaproses.layout.swimlane import LANE_W

    worst = []
    for doc, grid in _swimlane_grids():
        for link in grid.links:
            pts = link.points
            if pts[-1][0] >= pts[0][0]:  # not a loop back up the map
                continue
            length = sum(abs(p[0] - q[0]) + abs(p[1] - q[1]) for p, q in zip(pts, pts[1:]))
            worst.append((length - abs(pts[0][0] - pts[-1][0]) - abs(pts[0][1] - pts[-1][1]), doc.kode, link.source))
    assert max(worst)[0] <= 4 * LANE_W, sorted(worst)[-3:]
    ins = [lk for _, g in _swimlane_grids() for lk in g.links if lk.points[-1][0] > lk.points[-2][0]]
    assert len(ins) >= 5  # loops that go up into a step's bottom


def test_a_long_decision_is_a_box_over_a_small_diamond():
    """Kec. Trenggalek's step 10 asks its question in 200 characters: its diamond stood 500 pt tall, five boxes'
    height (review H).  A decision whose diamond would be far taller than a box of its text is drawn as the
    BPMN export draws it: the text in a box, a small diamond under it that its branches leave; a short question
    keeps its diamond."""
    from petaproses.layout.swimlane import GATE, sized_steps

    cat, _ = check([str(FIXTURES / "publik" / "kec_trenggalek")])
    [doc] = cat.maps
    steps = {s.number: s for s in sized_steps(cat, doc)[0]}
    assert steps[2].shape == "decision" and steps[2].gate is None
    assert steps[10].shape == "process" and steps[10].gate.shape == "decision"
    assert steps[10].gate.lane == steps[10].lane and (steps[10].gate.sa, steps[10].gate.sc) == GATE
    # the three approvals of about 100 characters alike (step 6 alone stayed a tall diamond, review L)
    assert all(steps[n].gate is not None for n in (4, 5, 6))
    [(_, grid)] = _swimlane_grids(FIXTURES / "publik" / "kec_trenggalek")
    gate = grid.boxes[steps[10].gate.id]
    assert gate.row == grid.boxes[steps[10].id].row + 1
    assert sorted(lk.label for lk in grid.links if lk.source == gate.id) == \
        ["Memenuhi syarat", "Tidak memenuhi syarat", "Tidak sesuai"]
    assert [lk.target for lk in grid.links if lk.source == steps[10].id] == [gate.id]
    tallest = max(b.sa for _, g in _swimlane_grids(*SWIMLANE_FOLDERS, *sorted((FIXTURES / "publik").iterdir()))
                  for b in g.boxes.values() if b.shape == "decision")
    assert tallest < 250, tallest  # 548 pt before


def test_a_long_text_of_a_chain_stands_in_its_first_box_only():
    """A chain's 330 characters stood in both its boxes (review J, a DPMPTSP's IMB step 2): a long text stands in
    the first box, the next ones read 'lanjutan (k/n)'; a short one is repeated, each box read alone."""
    from petaproses.layout.swimlane import sized_steps

    cat, _ = check([str(FIXTURES / "publik" / "kec_trenggalek")])
    steps = {s.number: s for s in sized_steps(cat, cat.maps[0])[0]}
    first, second = steps[11].boxes
    assert " ".join(first.lines).endswith("(1/2)") and len(" ".join(first.lines)) > 80
    assert second.lines == ["11. lanjutan (2/2)"]
    assert [" ".join(b.lines) for b in steps[14].boxes] == \
        ["14. Pembubuhan paraf pada dokumen IMB (1/2)", "14. Pembubuhan paraf pada dokumen IMB (2/2)"]


def test_a_branch_to_the_end_stands_in_the_deciding_actors_lane_where_the_flow_leaves_it_free():
    """Wonogiri's 'Tidak sesuai' ended in the Validator's lane, read as his end of the process (review J); so did
    Sumedang's 'Tidak lengkap' beside its decision, whose flow goes on down its lane (review of the swimlane
    labels).  The end stands under the step, in its actor's lane: where a line of the step goes on down that
    lane, at the lane's side, clear of that line (which keeps its straight route)."""
    seen = {"own": 0, "beside": 0}
    for doc, grid in _swimlane_grids(*SWIMLANE_FOLDERS, FIXTURES / "ulasan4", FIXTURES / "publik" / "wonogiri_akta",
                                     FIXTURES / "publik" / "sumedang_sp2d"):
        for box in grid.boxes.values():
            if "+selesai" not in box.id:
                continue
            [link] = [lk for lk in grid.links if lk.target == box.id]
            source = grid.boxes[link.source]
            downs = [lk for lk in grid.links if lk.source == source.id and lk.target != box.id and
                     grid.boxes[lk.target].lane == source.lane and grid.boxes[lk.target].row > source.row]
            if downs and source.lane == len(grid.lane_edges) - 2 and source.shape == "decision" and source.sc > 40:
                # a diamond of the last lane: its right corner stands in the pool's edge gutter, no line can leave
                # it for an end at the lane's side: beside it, as before
                assert box.row == source.row and box.lane == source.lane - 1, (doc.kode, box.id)
                continue
            assert box.lane == source.lane and box.row == source.row + 1, (doc.kode, box.id)
            if downs:
                seen["beside"] += 1
                assert abs(box.c - source.c) > box.sc / 2 + 2, (doc.kode, box.id)  # clear of the line down
                assert all(len(lk.points) == 2 for lk in downs), (doc.kode, [lk.points for lk in downs])
            else:
                seen["own"] += 1
    assert seen["own"] >= 5 and seen["beside"] >= 2, seen


def test_two_branches_to_the_end_stand_beside_their_decision(tmp_path):
    """Two ends of one decision stacked under it, one row each, sent its other branch round the map (review L):
    several ends stand beside it, in the free lanes of its row."""
    from petaproses.layout.swimlane import page_grid, sized_steps

    shutil.copytree(FIXTURES / "nyata", tmp_path / "cat")
    (tmp_path / "cat" / "sop-dua.yaml").write_text(
        "jenis: sop\nkode: END.2\nnama: Uji Dua Selesai\nnomor: '-'\nperangkat_daerah: bkpsdm\n"
        "tanggal: {pembuatan: 2019}\ndisahkan_oleh: kepala_bkpsdm\n"
        "kegiatan:\n  - {id: a, uraian: Menerima berkas, pelaksana: analis_sdma}\n"
        "  - {id: cek, uraian: Memeriksa berkas, pelaksana: kabid_mutasi, "
        "cabang: {Ya: proses, Tidak: selesai, Batal: selesai}}\n"
        "  - {id: proses, uraian: Memproses berkas, pelaksana: sekretaris_bkpsdm}\n", encoding="utf-8")
    cat, problems = check([str(tmp_path / "cat")])
    assert not [p for p in problems if p.is_error], [p.format() for p in problems]
    doc = next(d for d in cat.maps if d.kode == "END.2")
    steps, edges, lanes, _ = sized_steps(cat, doc)
    grid, _ = page_grid(steps, edges, lanes)
    cek = grid.boxes["cek"]
    ends = [b for b in grid.boxes.values() if b.id.startswith("cek+selesai")]
    assert len(ends) == 2 and all(b.row == cek.row and b.lane != cek.lane for b in ends)
    [ya] = [lk for lk in grid.links if lk.label == "Ya"]
    assert len(ya.points) <= 3, ya.points  # straight to the next lane's step


def test_no_two_branch_labels_stand_on_one_spot(monkeypatch):
    """Two branches leaving a decision by one exit had their labels placed at that exit, one over the other
    ("Ya" over "Tidak" in a paged map, review L; "Kurang dari 60 hari" over "60 hari s.d. 1 tahun" in
    DUKCAPIL.CAPIL.SOP.04): the one that shares the exit is labelled by its own run, or past the turn of the
    other.  On screen and on the A4 pages of every map of the samples and fixtures."""
    from petaproses.layout import swimlane_grid as sg
    from petaproses.model import PetaLintasFungsi

    placed: list[list] = []
    route = sg.Router.route

    def recording(self, link):
        route(self, link)
        if link.label and link.label_at:
            if not getattr(self, "_recorded", None):
                self._recorded = []
                placed.append(self._recorded)
            la, lc = link.label_size
            a, c = link.label_at
            self._recorded.append((link.label, a - la / 2, a + la / 2, c - lc / 2, c + lc / 2))

    monkeypatch.setattr(sg.Router, "route", recording)
    struck, maps = [], 0
    for folder in (*SWIMLANE_FOLDERS, FIXTURES / "ulasan4", *sorted((FIXTURES / "publik").iterdir())):
        if not folder.is_dir():
            continue
        cat, _ = check([str(folder)])
        for doc in cat.maps:
            if isinstance(doc, PetaLintasFungsi) and diagram.applies(doc):
                placed.clear()
                diagram.graphs(cat, doc)
                diagram.pdf_pages(cat, doc)
                maps += 1
                for labels in placed:
                    for i, a in enumerate(labels):
                        struck += [(doc.kode, a[0], b[0]) for b in labels[i + 1:]
                                   if a[1] < b[2] - 1 and b[1] < a[2] - 1 and a[3] < b[4] - 1 and b[3] < a[4] - 1]
    assert maps > 60 and not struck, struck


def test_no_line_joins_an_arrow_whose_label_stands_at_the_join():
    """A loop back joining the short arrow 'Valid' into step 14 read as 'Valid' leading to the loop's decision
    (DPMPTSP.SOP.01, review round 3): a line does not join an arrow whose branch label stands near its end."""
    from petaproses.layout.swimlane_grid import NEAR_END

    joined = []
    for doc, grid in _swimlane_grids():
        for link in grid.links:
            if not (link.label and link.arrow):
                continue
            end, at = link.points[-1], link.label_at
            if abs(at[0] - end[0]) + abs(at[1] - end[1]) >= NEAR_END:
                continue
            joined += [(doc.kode, link.label, other.source) for other in grid.links
                       if other is not link and other.arrow and other.points[-1] == end]
    assert not joined, joined


def test_no_line_runs_close_along_a_lane_edge_when_a_clear_track_is_free():
    """A long line a few points from a lane edge reads as a doubled edge (review of the swimlane maps: 70 runs
    in 29 maps, 6 pt from the edge): a line in a gutter runs 10 pt from the edge, and closer only where that
    track is taken by another line or a box over its run."""
    clear = 10.0
    close, runs = [], 0
    for doc, grid in _swimlane_grids():
        along = [(lk, p, q) for lk in grid.links for p, q in zip(lk.points, lk.points[1:])
                 if abs(p[1] - q[1]) < 0.01]
        for lk, p, q in along:
            if abs(p[0] - q[0]) <= 80:
                continue
            edge = min(grid.lane_edges, key=lambda e: abs(e - p[1]))
            if abs(edge - p[1]) > 2 * clear:
                continue
            runs += 1
            if abs(edge - p[1]) >= clear - 1:
                continue
            track = edge + clear * (1 if p[1] > edge else -1)
            lo, hi = sorted((p[0], q[0]))
            taken = any(other is not lk and abs(r[1] - track) < 1 and
                        min(hi, max(r[0], s[0])) > max(lo, min(r[0], s[0])) for other, r, s in along)
            blocked = any(b.c - b.sc / 2 - 2 < track < b.c + b.sc / 2 + 2 and b.a - b.sa / 2 - 2 < hi and
                          b.a + b.sa / 2 + 2 > lo for b in grid.boxes.values())
            if not (taken or blocked):
                close.append((doc.kode, lk.source, lk.target, round(abs(edge - p[1]))))
    assert runs > 50 and not close, close


def test_a_loop_back_leaves_by_a_free_top_and_shares_no_exit():
    """Dishub's approval chain ends in a decision entered from its left: "Tidak" (back to step 1) left by the
    decision's bottom, with "Ya", and its label stood at a far bend (review O).  It leaves by the free top,
    crossing no line, as a person draws it."""
    [(doc, grid)] = _swimlane_grids(FIXTURES / "publik" / "dishub_timbang")
    decision = next(b for b in grid.boxes.values() if b.shape == "decision")
    exits = [lk for lk in grid.links if lk.source == decision.id]
    back = next(lk for lk in exits if lk.label == "Tidak")
    assert back.points[0] == decision.port("top"), back.points
    assert back.label_at[0] + back.label_size[0] / 2 < decision.a - decision.sa / 2  # its label over it, not on it
    assert len({lk.points[0] for lk in exits}) == len(exits)  # no two branches leave by one port
    others = [(p, q) for lk in grid.links if lk is not back for p, q in zip(lk.points, lk.points[1:])]
    assert not any(crosses(p, q, r, s) or crosses(r, s, p, q)
                   for p, q in zip(back.points, back.points[1:]) for r, s in others)


def test_a_box_of_a_chain_reads_its_actors_own_task():
    """Cilacap's paraf chain read "8. lanjutan (2/3)", Dishub's repeated the whole sentence in three boxes
    (review O); originals write "Paraf" and "TTd" in the officials' columns.  ``tugas`` gives a box its text."""
    def texts(folder):
        [(_, grid)] = _swimlane_grids(folder)
        return [" ".join(b.content.lines).replace("- ", "") for b in grid.boxes.values()
                if getattr(b.content, "lines", None)]  # a word broken between syllables read whole

    chain = sorted(t for t in texts(FIXTURES / "publik" / "dishub_timbang") if "/3)" in t)
    assert chain[:2] == ["2. Menandatangani (3/3)", "2. Paraf (2/3)"] and chain[2].startswith("2. mengajukan"), chain
    cilacap = texts(FIXTURES / "publik" / "cilacap_hukum")
    assert sum("Paraf koordinasi" in t for t in cilacap) == 2 and not any("lanjutan" in t for t in cilacap)


def test_no_other_line_grazes_a_branch_label():
    """Sumedang's "Benar dan lengkap" stood 2 pt from the loop back beside it and read as that line's (review O):
    another line keeps LABEL_CLEAR from a label, where a route allows."""
    from petaproses.layout import swimlane_grid as sg

    [(_, grid)] = _swimlane_grids(FIXTURES / "publik" / "sumedang_sp2d")
    for lk in (lk for lk in grid.links if lk.label):
        (a, c), (la, lc) = lk.label_at, lk.label_size
        box = (a - la / 2, a + la / 2, c - lc / 2, c + lc / 2)
        near = [o.target for o in grid.links if o is not lk
                for p, q in zip(o.points, o.points[1:]) if sg._through(p, q, box, -sg.LABEL_CLEAR)]
        assert not near, (lk.label, near)


def test_a_label_that_starts_with_a_closing_bracket_is_drawn():
    """A sub-process named "]]" made Graphviz refuse the map ("syntax error ... ]]</FONT>", found by the property
    test): its label parser fails on text that starts with "]"; a "]" is written as a character reference."""
    require("dot")
    from petaproses.render import dot
    from petaproses.render.diagram_style import esc, html_lines

    for text in ("]]", "]", "] Menyetujui [", "4. ]]"):
        assert "]" not in esc(text)
        source = f'digraph {{ a [label=<{html_lines([text])}>] }}'  # html_lines escapes each line
        svg = dot.run_dot(source, ["svg"], engine="dot")["svg"].decode("utf-8")
        assert "]" in svg or "&#93;" in svg  # drawn, the bracket shown


def test_a_decision_made_together_is_a_diamond_in_every_lane_as_in_the_sop_table(tmp_path):
    """Review Y (a permit verified jointly by two Kasi): the swimlane drew the joint decision as a diamond and a
    box, the branch "Disetujui" leaving the box, where the SOP table draws two diamonds joined by a line."""
    from petaproses.layout.swimlane import sized_steps

    cat_dir = tmp_path / "kat"
    shutil.copytree(FIXTURES / "mini", cat_dir)
    org = cat_dir / "organisasi.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace(
        "  kepala_dinas: Kepala Dinas\n", "  kepala_dinas: Kepala Dinas\n  kasi_a: Kasi Pelayanan\n"
        "  kasi_b: Kasi Penetapan\n", 1), encoding="utf-8")
    sop = cat_dir / "sop.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").split("kegiatan:")[0] + """kegiatan:
  - {id: terima, uraian: Menerima berkas, pelaksana: staf_pelaksana}
  - uraian: Memverifikasi ulang bersama
    pelaksana: [kasi_a, kasi_b]
    bersama: ya
    cabang: {Disetujui: proses, Tidak disetujui: terima}
  - {id: proses, uraian: Memproses izin, pelaksana: kepala_dinas}
""", encoding="utf-8")
    cat, problems = check([str(cat_dir)])
    assert not [p.format() for p in problems if p.is_error]
    steps, _, _, _ = sized_steps(cat, cat.maps[0])
    joint = next(s for s in steps if s.joint)
    assert [b.shape for b in joint.boxes] == ["decision", "decision"]
    # each branch leaves a diamond: the one nearest its target's lane
    assert joint.exit(0).shape == joint.exit(9).shape == "decision"
