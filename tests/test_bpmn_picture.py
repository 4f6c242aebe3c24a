"""The BPMN export reads well in a real client: bpmn-js in Chromium draws every generated file (sample
catalogue and fixtures) and ``tools/measure-bpmn.mjs`` reports what it drew; no task's name leaves its box,
no label overlaps another label, an element or a flow, a flow's name lies beside its flow, lane names fit.
The same rules are checked on the layout's own numbers (without a browser) and on the line breaks the
layout predicts (``bpmn_text``) against those bpmn-js made."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from petaproses.build import check
from petaproses.layout import bpmn_di, bpmn_text
from petaproses.render import bpmn

from .conftest import FIXTURES, PROCESSES, require
from .test_bpmn import TOOLS, _node_tools

CATALOGUES = [PROCESSES, FIXTURES / "mini", FIXTURES / "diagram", FIXTURES / "docx", FIXTURES / "nyata"]
NODES = {"Task", "CallActivity", "StartEvent", "EndEvent", "ExclusiveGateway", "ParallelGateway"}
NEAR = 10  # px: most a flow's name may lie from its flow


def _documents():
    for folder in CATALOGUES:
        cat, problems = check([str(folder)])
        assert not [p for p in problems if p.is_error], folder
        for doc in cat.maps:
            if bpmn.applies(doc):
                yield cat, doc


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("bpmn-picture")
    paths = []
    for cat, doc in _documents():
        for name, data in bpmn.render(cat, doc).items():
            (out / name).write_bytes(data)
            paths.append(out / name)
    assert len(paths) > 30
    return paths


def _measure(paths: list[Path]) -> list[dict]:
    node = _node_tools()
    require("chromium")
    run = subprocess.run([node, str(TOOLS / "measure-bpmn.mjs"), *map(str, paths)],
                         capture_output=True, text=True, timeout=300)
    reports = [json.loads(line) for line in run.stdout.splitlines()]
    assert run.returncode == 0 and len(reports) == len(paths), run.stdout[-2000:] + run.stderr
    return reports


@pytest.fixture(scope="module")
def drawn(files) -> list[dict]:
    """What bpmn-js drew of every file, measured in one browser session."""
    reports = _measure(files)
    assert all(not r["warnings"] and not r["error"] for r in reports)
    return reports


def test_fixture_files_pass_the_schema_and_bpmnlint(files):
    """``test_bpmn`` checks the sample catalogue's files; the fixtures' files (other shapes of map) too."""
    from lxml import etree

    from .test_bpmn import SCHEMA_DIR

    schema = etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "BPMN20.xsd")))
    assert [p.name for p in files if not schema.validate(etree.parse(str(p)))] == []
    node = _node_tools()
    run = subprocess.run([node, str(TOOLS / "check-bpmn.mjs"), *map(str, files)], capture_output=True, text=True,
                         timeout=120)
    reports = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(reports) == len(files) and run.returncode == 0, [r for r in reports if r["lintErrors"]]


# ----------------------------------------------------------------------------------------- rules
def _inside(inner: dict, x0: float, y0: float, x1: float, y1: float) -> bool:
    return inner["x"] >= x0 and inner["y"] >= y0 and inner["x"] + inner["w"] <= x1 and inner["y"] + inner["h"] <= y1


def overflowing_tasks(report: dict) -> list[str]:
    """Tasks and call activities whose text, as drawn, comes nearer than TASK_MARGIN to an edge or, in a
    call activity, reaches its "+" marker."""
    bad = []
    for s in report["shapes"]:
        if s["type"] not in ("Task", "CallActivity") or not s["text"]:
            continue
        b, m = s["bounds"], bpmn_text.TASK_MARGIN
        bottom = b["y"] + b["h"] - (bpmn_text.MARKER_TOP + bpmn_text.MARKER_CLEAR if s["type"] == "CallActivity" else m)
        if not _inside(s["text"]["box"], b["x"] + m, b["y"] + m, b["x"] + b["w"] - m, bottom):
            bad.append(s["id"])
    return bad


def _overlap(a: dict, b: dict, slack: float = 0.5) -> bool:
    return (a["x"] + slack < b["x"] + b["w"] and b["x"] + slack < a["x"] + a["w"]
            and a["y"] + slack < b["y"] + b["h"] and b["y"] + slack < a["y"] + a["h"])


def _segment_box(p: list[float], q: list[float]) -> dict:
    return {"x": min(p[0], q[0]) - 1, "y": min(p[1], q[1]) - 1, "w": abs(p[0] - q[0]) + 2, "h": abs(p[1] - q[1]) + 2}


def _distance(box: dict, p: list[float], q: list[float]) -> float:
    """Distance between a box and an axis-parallel segment."""
    dx = max(box["x"] - max(p[0], q[0]), min(p[0], q[0]) - (box["x"] + box["w"]), 0)
    dy = max(box["y"] - max(p[1], q[1]), min(p[1], q[1]) - (box["y"] + box["h"]), 0)
    return (dx * dx + dy * dy) ** 0.5


def label_problems(report: dict) -> list[str]:
    """Labels (as drawn) that overlap another label, an element or a flow; flow names far from their flow."""
    bad = []
    labels = [(lab["id"], lab["text"]["box"]) for lab in report["labels"] if lab["text"] and lab["name"]]
    shapes = [(s["id"], s["bounds"]) for s in report["shapes"] if s["type"] in NODES]
    flows = {f["id"]: f["points"] for f in report["flows"]}
    for i, (lid, box) in enumerate(labels):
        bad += [f"{lid} over label {other}" for other, b in labels[i + 1:] if _overlap(box, b)]
        bad += [f"{lid} over {sid}" for sid, b in shapes if _overlap(box, b)]
        bad += [f"{lid} over flow {fid}" for fid, pts in flows.items()
                if any(_overlap(box, _segment_box(p, q), 0) for p, q in zip(pts, pts[1:]))]
        if lid in flows:
            pts = flows[lid]
            if min(_distance(box, p, q) for p, q in zip(pts, pts[1:])) > NEAR:
                bad.append(f"{lid} far from its flow")
    return bad


def name_problems(report: dict) -> list[str]:
    """Lane and pool names that leave their 30 px band or run past an end of the lane (or pool)."""
    bad = []
    for s in report["shapes"]:
        if s["rotated"] and s["text"]:
            length = s["bounds"]["h"]  # horizontal lanes: the name runs along the height
            if not _inside(s["text"]["box"], 0, 0, length, bpmn_text.NAME_BAND):
                bad.append(s["id"])
    return bad


# ----------------------------------------------------------------------------------------- in bpmn-js
def test_no_task_text_overflows_its_box(drawn):
    tasks = [s for r in drawn for s in r["shapes"] if s["type"] in ("Task", "CallActivity")]
    assert len(tasks) > 350
    assert {r["file"]: overflowing_tasks(r) for r in drawn if overflowing_tasks(r)} == {}


def test_labels_overlap_nothing_and_sit_by_their_flow(drawn):
    assert sum(len(r["labels"]) for r in drawn) > 200
    assert {r["file"]: label_problems(r) for r in drawn if label_problems(r)} == {}


def test_lane_and_pool_names_fit(drawn):
    assert {r["file"]: name_problems(r) for r in drawn if name_problems(r)} == {}


def test_predicted_lines_are_the_lines_bpmn_js_draws(drawn):
    """The sizes come from ``bpmn_text.lines``: it must break every name as bpmn-js did."""
    checked, wrong = 0, []
    for r in drawn:
        items = [(s["name"], s["bounds"]["w"] - 2 * bpmn_text.TASK_PADDING, bpmn_text.TASK_FONT, s["text"])
                 for s in r["shapes"] if s["type"] in ("Task", "CallActivity") and s["name"]]
        items += [(s["name"], s["bounds"]["h"], bpmn_text.TASK_FONT, s["text"])
                  for s in r["shapes"] if s["rotated"] and s["name"]]
        items += [(lab["name"], lab["bounds"]["w"], bpmn_text.LABEL_FONT, lab["text"])
                  for lab in r["labels"] if lab["name"]]
        for name, width, size, drawn_text in items:
            checked += 1
            predicted = [line for line, _ in bpmn_text.lines(name, width, size)]
            if predicted != drawn_text["lines"]:
                wrong.append((name, predicted, drawn_text["lines"]))
    assert checked > 700 and wrong == []


def test_the_checks_catch_a_bad_picture(files, tmp_path):
    """The oracles can fail: a shrunken task, a label moved onto a task and a squeezed lane are reported."""
    from lxml import etree

    src = next(p for p in files if p.name == "DPMPTSP.SP.04.bpmn")
    root = etree.parse(str(src)).getroot()
    ns = {"bpmndi": bpmn.BPMNDI, "dc": bpmn.DC}
    shapes = {s.get("bpmnElement"): s for s in root.iterfind(".//bpmndi:BPMNShape", ns)}
    task = shapes["Task_terima"].find("dc:Bounds", ns)
    task.set("height", "40")
    label = shapes["Gateway_terima"].find("bpmndi:BPMNLabel/dc:Bounds", ns)
    target = shapes["CallActivity_oss"].find("dc:Bounds", ns)
    label.set("x", target.get("x"))
    label.set("y", target.get("y"))
    lane = next(s for k, s in shapes.items() if k.startswith("Participant_")).find("dc:Bounds", ns)
    lane.set("height", "120")
    bad = tmp_path / "bad.bpmn"
    bad.write_bytes(etree.tostring(root))
    (report,) = _measure([bad])
    assert overflowing_tasks(report) == ["Task_terima"]
    assert "Gateway_terima over CallActivity_oss" in label_problems(report)
    assert name_problems(report)


# ----------------------------------------------------------------------------------------- in the layout
def _box_overlap(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def test_layout_labels_and_sizes_without_a_browser():
    """The layout's own numbers: every task fits its name (by ``bpmn_text``), label boxes overlap no node
    and no other label; side-by-side branches of a split share a column."""
    for cat, doc in _documents():
        d = bpmn_di.layout(cat, doc)
        nodes = [(n.x, n.y, n.w, n.h) for n in d.graph.nodes]
        for n in d.graph.nodes:
            if n.is_activity and n.name:
                assert bpmn_text.task_fits(n.name, n.w, n.h, n.kind == "callActivity"), (doc.kode, n.id)
        boxes = list(d.flow_labels.values()) + list(d.node_labels.values())
        for i, box in enumerate(boxes):
            assert not any(_box_overlap(box, b) for b in boxes[i + 1:] + nodes), (doc.kode, box)


def test_alternatives_stand_side_by_side(catalogue):
    """DPMPTSP.SP.04 sorts a request into four services that meet again: one column, four rows."""
    doc = next(d for d in catalogue.maps if d.kode == "DPMPTSP.SP.04")
    g = bpmn_di.layout(catalogue, doc).graph
    branches = [g.by_id[f.target] for f in g.flows if f.source == "Gateway_terima"]
    assert len(branches) == 4
    assert len({n.col for n in branches}) == 1 and sorted(n.row for n in branches) == [0, 1, 2, 3]
    assert len({n.x for n in branches}) == 1 and len({n.y for n in branches}) == 4
    join = g.by_id["Join_serah"]
    assert join.row == 0 and join.col == branches[0].col + 1


def test_graph_takes_one_activity_of_several_actors():
    """Ready for steps with several actors: a parallel split to one task per lane in the step's column and a
    join back, laid out and routed without a flow through an element and without crossing labels."""
    from petaproses.layout import bpmn_labels, bpmn_route
    from petaproses.layout.bpmn_graph import BpmnGraph, BpmnNode

    g = BpmnGraph([("Lane_a", "Staf"), ("Lane_b", "Kepala Subbagian"), ("Lane_c", "Kepala Dinas")])
    g.add(BpmnNode("StartEvent_1", "startEvent", "Mulai", 0, 0))
    g.add(BpmnNode("Task_siap", "task", "Menyiapkan berkas rapat", 0, 1))
    g.add(BpmnNode("Fork_rapat", "parallelGateway", None, 0, 2, direction="Diverging"))
    for i, lane in enumerate("abc"):
        g.add(BpmnNode(f"Task_rapat_{lane}", "task", "Membahas berkas dalam rapat", i, 2))
    g.add(BpmnNode("Join_rapat", "parallelGateway", None, 0, 2, direction="Converging"))
    g.add(BpmnNode("EndEvent_1", "endEvent", "Selesai", 0, 3))
    g.connect("StartEvent_1", "Task_siap")
    g.connect("Task_siap", "Fork_rapat")
    for lane in "abc":
        g.connect("Fork_rapat", f"Task_rapat_{lane}")
        g.connect(f"Task_rapat_{lane}", "Join_rapat")
    g.connect("Join_rapat", "EndEvent_1")
    bpmn_di.size(g)
    geo = bpmn_di.place(g, "Rapat bersama")
    bpmn_route.route(g, geo)
    boxes = {n.id: (n.x, n.y, n.w, n.h) for n in g.nodes}
    assert len({g.by_id[f"Task_rapat_{lane}"].x for lane in "abc"}) == 1  # side by side, one column
    for f in g.flows:
        assert f.points[0][0] >= boxes[f.source][0] and f.points[-1][0] >= boxes[f.target][0]
        for (ax, ay), (bx, by) in zip(f.points, f.points[1:]):
            assert ax == bx or ay == by, f.id
            seg = (min(ax, bx), min(ay, by), abs(ax - bx) + 1, abs(ay - by) + 1)
            hit = [k for k, b in boxes.items() if k not in (f.source, f.target) and _box_overlap(seg, b)]
            assert not hit, (f.id, hit)
    flow_boxes, node_boxes = bpmn_labels.labels(g, geo)
    placed = list(node_boxes.values())
    assert len(placed) == 2 and not any(_box_overlap(b, n) for b in placed for n in boxes.values())
