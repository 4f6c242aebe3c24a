"""Sub-process maps (peta sub proses): branch labels beside their own arrows, long chains, branching boxes."""

from __future__ import annotations

import json
import subprocess

import pytest

from petaproses.build import check
from petaproses.model import PetaSubProses
from petaproses.render import diagram

from .conftest import FIXTURES, PROCESSES, require

SUBPROSES = FIXTURES / "subproses"


def _catalogue(path):
    cat, problems = check([str(path)])
    assert not [p for p in problems if p.is_error], [p.format() for p in problems]
    return cat


@pytest.fixture(scope="module")
def sub_cat():
    return _catalogue(SUBPROSES)


def _drawn(cat, doc) -> dict:
    """Return Graphviz's own reading of the map as drawn (``neato -n2 -Tjson`` of our DOT text)."""
    proc = subprocess.run([require("dot"), "-Kneato", "-n2", "-Tjson"], input=diagram.source(cat, doc).encode(),
                          capture_output=True, check=True)
    return json.loads(proc.stdout)


def _curve(pos: str) -> list[tuple[float, float]]:
    """Return points along an edge's spline (cubic Bézier pieces) and its arrow tip."""
    toks = pos.split()
    tip = [tuple(float(v) for v in t[2:].split(",")) for t in toks if t.startswith("e,")]
    pts = [tuple(float(v) for v in t.split(",")) for t in toks if not t.startswith(("e,", "s,"))]
    out = []
    for i in range(0, len(pts) - 3, 3):
        p0, p1, p2, p3 = pts[i:i + 4]
        for k in range(21):
            t = k / 20
            a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out + tip


def _labels_drawn(laid: dict) -> dict[str, tuple[float, float, float, float]]:
    """Return every edge label's text (its lines joined) and the box its drawn lines fill (x0, y0, x1, y1)."""
    found = {}
    for e in laid.get("edges", []):
        size, boxes = 8.5, []
        for op in e.get("_ldraw_", []):
            if op["op"] == "F":
                size = op["size"]
            elif op["op"] == "T":
                (x, y), w = op["pt"], op["width"]
                x0 = {"l": x, "r": x - w}.get(op["align"], x - w / 2)
                boxes.append((x0, y - size * 0.25, x0 + w, y + size * 0.75, op["text"]))
        if boxes:
            found[" ".join(b[4] for b in boxes)] = (min(b[0] for b in boxes), min(b[1] for b in boxes),
                                                    max(b[2] for b in boxes), max(b[3] for b in boxes))
    return found


def _nearest_head(laid: dict, box: tuple[float, float, float, float]) -> str:
    """Return the node an arrow ends at, of the arrow that passes nearest to the label ``box``."""
    names = [o["name"] for o in laid["objects"]]

    def gap(e):
        return min(max(box[0] - x, 0, x - box[2]) ** 2 + max(box[1] - y, 0, y - box[3]) ** 2
                   for x, y in _curve(e["pos"]))
    return names[min(laid["edges"], key=gap)["head"]]


def _text(laid: dict, name: str) -> str:
    """Return the text drawn in node ``name``, its lines joined."""
    [node] = [o for o in laid["objects"] if o["name"] == name]
    return " ".join(op["text"] for op in node.get("_ldraw_", []) if op["op"] == "T")


def _subprocess_maps():
    for root in (PROCESSES, FIXTURES / "diagram", SUBPROSES):
        cat = _catalogue(root)
        for doc in cat.maps:
            if isinstance(doc, PetaSubProses):
                yield cat, doc


def test_every_branch_label_stands_beside_its_own_arrow():
    """Wonogiri's KK map read "Tidak memenuhi" on the arrow to the next sub-process and "Memenuhi" on the one
    back (review M 01): labels were filed in the order written and read back in ``dot``'s order (by head)."""
    seen = 0
    for cat, doc in _subprocess_maps():
        laid = _drawn(cat, doc)
        drawn = _labels_drawn(laid)
        for sp in doc.sub_proses:
            for label, target in (sp.cabang or {}).items():
                assert label in drawn, (doc.kode, label, sorted(drawn))
                head = _nearest_head(laid, drawn[label])
                if target == "selesai":  # an end symbol of its own
                    assert _text(laid, head) == "Selesai", (doc.kode, label, head)
                else:
                    assert head == target, (doc.kode, label, target)
                seen += 1
    assert seen >= 18


def test_branch_labels_written_in_the_other_order_than_their_targets(sub_cat):
    """The direct case: `cabang` names the later sub-process first (forward, and forward + back)."""
    for code, expect in (("PD.SP.1", {"Memenuhi": "tetapkan", "Tidak memenuhi": "terima"}),
                         ("PD.SP.2", {"Memenuhi": "tte", "Tidak memenuhi": "kembali"})):
        laid = _drawn(sub_cat, sub_cat.by_code[code])
        drawn = _labels_drawn(laid)
        assert {label: _nearest_head(laid, drawn[label]) for label in expect} == expect, code


def _boxes(laid: dict) -> dict[str, tuple[float, float, float, float]]:
    """Return the drawn sub-process boxes and diamonds (not the frame's nodes): name -> (x0, y0, x1, y1)."""
    out = {}
    for o in laid["objects"]:
        if "pos" in o and o.get("shape") in ("box", "diamond") and not o["name"].startswith(("lane_", "legend_")):
            x, y = (float(v) for v in o["pos"].split(","))
            w, h = float(o["width"]) * 72 / 2, float(o["height"]) * 72 / 2
            out[o["name"]] = (x - w, y - h, x + w, y + h)
    return out


def test_every_subprocess_map_prints_on_one_a4_page_at_7_pt_or_more():
    """BIB Lembang's eight sub-processes in one row (9:1) printed at ~5 pt with 80 % of the page empty (review M
    04): a chain too wide is cut into rows; no arrow runs through a box, no two boxes overlap."""
    for cat, doc in _subprocess_maps():
        pages, scale = diagram.pdf_pages(cat, doc)
        assert len(pages) == 1 and scale >= diagram.MIN_SCALE, (doc.kode, scale)
        laid = _drawn(cat, doc)
        boxes = _boxes(laid)
        names = [o["name"] for o in laid["objects"]]
        for a, r in boxes.items():
            assert not [b for b, s in boxes.items() if b != a and r[0] < s[2] and s[0] < r[2] and r[1] < s[3]
                        and s[1] < r[3]], (doc.kode, a)
        for e in laid["edges"]:
            ends = {names[e["tail"]], names[e["head"]]}
            for x, y in _curve(e["pos"]):
                hit = [b for b, (x0, y0, x1, y1) in boxes.items()
                       if b not in ends and x0 + 1 < x < x1 - 1 and y0 + 1 < y < y1 - 1]
                assert not hit, (doc.kode, ends, hit)


def _rows(laid: dict) -> list[list[str]]:
    """Return the boxes by row, top first (a row: boxes whose vertical extents overlap)."""
    rows: list[list[str]] = []
    for name, r in sorted(_boxes(laid).items(), key=lambda kv: -kv[1][3]):
        row = next((row for row in rows if any(r[1] < _boxes(laid)[o][3] and _boxes(laid)[o][1] < r[3]
                                               for o in row)), None)
        if row is None:
            rows.append([name])
        else:
            row.append(name)
    return rows


def test_a_long_chain_is_cut_into_rows_and_a_short_one_is_not(sub_cat, catalogue):
    """Eight boxes: two rows of four, read left to right, the arrow between them from the end of the first to the
    start of the second; five boxes (Diskominfo's public information) stay in one row."""
    doc = sub_cat.by_code["PD.SP.3"]
    laid = _drawn(sub_cat, doc)
    rows = _rows(laid)
    boxes = _boxes(laid)
    assert [len(r) for r in rows] == [4, 4], rows
    ids = [n.id for n in __import__("petaproses.flow", fromlist=["build_flow"]).build_flow(doc.sub_proses).nodes]
    assert [sorted(r, key=lambda n: boxes[n][0]) for r in rows] == [ids[:4], ids[4:]]
    width, height = diagram._bb(diagram.graphs(sub_cat, doc)[0])
    assert width / height < 4, (width, height)
    assert [len(r) for r in _rows(_drawn(catalogue, catalogue.by_code["DISKOMINFO.SP.03"]))] == [5]


def test_a_sub_process_that_branches_is_its_box_then_a_decision_diamond():
    """Wonogiri's "Verifikasi dan Validasi Data pada SIAK" was drawn whole as a diamond (the legend's decision)
    with its [+] link inside (review M 10): it is its box, linked, then a diamond that its branches leave, as the
    BPMN export draws a task then a gateway."""
    seen = 0
    for cat, doc in _subprocess_maps():
        laid = _drawn(cat, doc)
        by_name = {o["name"]: o for o in laid["objects"]}
        names = [o["name"] for o in laid["objects"]]
        out_of: dict[str, list[str]] = {}
        for e in laid["edges"]:
            out_of.setdefault(names[e["tail"]], []).append(names[e["head"]])
        for sp in doc.sub_proses:
            if len(sp.cabang or {}) < 2:
                continue
            box = by_name[sp.id]
            assert box["shape"] == "box" and sp.nama.split()[0] in json.dumps(box.get("_ldraw_", [])), doc.kode
            assert bool(sp.rincian) == ("href" in box), doc.kode
            (gate,) = out_of[sp.id]
            assert by_name[gate]["shape"] == "diamond" and not [op for op in by_name[gate].get("_ldraw_", [])
                                                                if op["op"] == "T"], doc.kode
            heads = [h if _text(laid, h) != "Selesai" else "selesai" for h in out_of[gate]]
            assert sorted(heads) == sorted(sp.cabang.values()), doc.kode
            seen += 1
    assert seen >= 6


def test_a_sub_process_output_stands_in_its_box(sub_cat):
    """BIB Lembang's table gives every sub-process its output; `output` was an unknown key and the column was lost
    (review M 02): it is printed small under the name, inside the box, which grows to hold it."""
    doc = sub_cat.by_code["PD.SP.3"]
    laid = _drawn(sub_cat, doc)
    boxes = _boxes(laid)
    by_name = {o["name"]: o for o in laid["objects"]}
    ids = {sp.nama: n.id for sp, n in zip(doc.sub_proses, __import__("petaproses.flow", fromlist=["build_flow"])
                                          .build_flow(doc.sub_proses).nodes)}
    for nama, expect in (("Pendistribusian BMN", "Output: Daftar Barang Ruangan (DBR)"),
                         ("Penghapusan", "Output: Risalah Lelang; SK Penghapusan")):
        name = ids[nama]
        texts = [op for op in by_name[name]["_ldraw_"] if op["op"] == "T"]
        assert " ".join(op["text"] for op in texts).endswith(expect), texts
        x0, y0, x1, y1 = boxes[name]
        for op in texts:  # every line inside the box
            left = {"l": op["pt"][0], "r": op["pt"][0] - op["width"]}.get(op["align"], op["pt"][0] - op["width"] / 2)
            assert x0 < left and left + op["width"] < x1, op
            assert y0 < op["pt"][1] - 2 and op["pt"][1] + 8 < y1, op
    assert boxes[ids["Pendistribusian BMN"]][3] - boxes[ids["Pendistribusian BMN"]][1] > \
        boxes[ids["Penilaian"]][3] - boxes[ids["Penilaian"]][1]
