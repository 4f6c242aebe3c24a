"""BPMN export: XSD, references, SpiffWorkflow, bpmn-moddle/bpmnlint, diagram geometry, bpmn-js picture."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from petaproses.build import build
from petaproses.render import bpmn

from .conftest import FIXTURES, PROCESSES, ROOT, require

NYATA = FIXTURES / "nyata"

NS = {"bpmn": bpmn.BPMN, "bpmndi": bpmn.BPMNDI, "dc": bpmn.DC, "di": bpmn.DI}
TOOLS = ROOT / "tools"
SCHEMA_DIR = Path(__import__("SpiffWorkflow").__file__).parent / "bpmn" / "parser" / "schema"


@pytest.fixture(scope="session")
def bpmn_files(catalogue, tmp_path_factory) -> dict[str, Path]:
    """Every .bpmn of the sample catalogue and of the real-shaped fixtures (chains, joint activities, branches
    to `selesai`), written by the real build into temporary folders."""
    files: dict[str, Path] = {}
    for folder in (PROCESSES, NYATA):
        out = tmp_path_factory.mktemp("bpmn")
        result = build([str(folder)], str(out), only=["bpmn"])
        assert not [p for p in result.problems if p.is_error]
        files.update({p.stem: p for p in result.written if p.suffix == ".bpmn"})
    assert len(files) == sum(bpmn.applies(d) for d in catalogue.maps) + len(list(NYATA.glob("sop-*.yaml")))
    return files


def _tree(path: Path) -> etree._ElementTree:
    return etree.parse(str(path))


def test_build_writes_one_file_per_document(catalogue, bpmn_files):
    for doc in catalogue.maps:
        assert bpmn_files[doc.kode] == bpmn_files[doc.kode].parent.parent / doc.perangkat_daerah / f"{doc.kode}.bpmn"


def test_every_file_is_valid_against_the_omg_schema(bpmn_files):
    schema = etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "BPMN20.xsd")))
    failures = {k: str(schema.error_log) for k, p in bpmn_files.items() if not schema.validate(_tree(p))}
    assert not failures


def test_every_reference_points_at_an_element(bpmn_files):
    for kode, path in bpmn_files.items():
        root = _tree(path).getroot()
        ids = [el.get("id") for el in root.iter() if el.get("id")]
        assert len(ids) == len(set(ids)), kode
        known = set(ids)
        refs = [el.get(a) for el in root.iter() for a in ("sourceRef", "targetRef", "bpmnElement", "processRef")
                if el.get(a)]
        refs += [el.text for el in root.iter() if isinstance(el.tag, str)
                 and etree.QName(el).localname in ("flowNodeRef", "incoming", "outgoing")]
        assert refs and not [r for r in refs if r not in known], kode
        # every flow element of the process has its DI, every DI element is drawn once
        drawn = [el.get("bpmnElement") for el in root.iter(f"{{{bpmn.BPMNDI}}}BPMNShape", f"{{{bpmn.BPMNDI}}}BPMNEdge")]
        assert len(drawn) == len(set(drawn)), kode
        proc = root.find("bpmn:process", NS)
        flow_elements = [el.get("id") for el in proc if etree.QName(el).localname not in ("documentation", "laneSet")]
        assert set(flow_elements) <= set(drawn), kode


def test_called_elements_name_the_detailing_process(catalogue, bpmn_files):
    process_ids = {_tree(p).getroot().find("bpmn:process", NS).get("id"): k for k, p in bpmn_files.items()}
    calls = 0
    for path in bpmn_files.values():
        for el in _tree(path).getroot().iter(f"{{{bpmn.BPMN}}}callActivity"):
            assert el.get("calledElement") in process_ids
            calls += 1
    assert calls > 0
    assert bpmn.process_id("SETDA.ORG.01") == "Proses_SETDA_ORG_01"


def test_spiffworkflow_parses_every_process(bpmn_files):
    from SpiffWorkflow.bpmn.parser.BpmnParser import BpmnParser, BpmnValidator
    from SpiffWorkflow.bpmn.parser.ProcessParser import ProcessParser

    class DocumentationProcessParser(ProcessParser):
        """Our processes are documentation (isExecutable="false"), which SpiffWorkflow refuses by default."""

        @property
        def process_executable(self) -> bool:
            return True

        @process_executable.setter
        def process_executable(self, value: bool) -> None:
            pass

    class Parser(BpmnParser):
        PROCESS_PARSER_CLASS = DocumentationProcessParser

    parser = Parser(validator=BpmnValidator())
    parser.add_bpmn_files([str(p) for p in bpmn_files.values()])
    ids = parser.get_process_ids()
    assert len(ids) == len(bpmn_files)
    for pid in ids:
        spec = parser.get_spec(pid)
        assert spec.task_specs
        parser.get_subprocess_specs(pid)  # every call activity's process resolves


def test_output_is_deterministic(catalogue):
    for doc in catalogue.maps:
        assert bpmn.render(catalogue, doc) == bpmn.render(catalogue, doc)


# ----------------------------------------------------------------------------------------- semantics
def test_sop_semantics_on_the_minimal_fixture(mini_catalogue):
    doc = mini_catalogue.maps[0]
    root = etree.fromstring(bpmn.render(mini_catalogue, doc)[f"{doc.kode}.bpmn"])
    proc = root.find("bpmn:process", NS)
    assert proc.get("id") == "Proses_PD_UNIT_01" and proc.get("isExecutable") == "false"
    assert "Nomor SOP: 060/01/SOP/2025" in proc.findtext("bpmn:documentation", namespaces=NS)
    assert "Disahkan oleh: Sekretaris Daerah" in proc.findtext("bpmn:documentation", namespaces=NS)
    lanes = [(lane.get("name"), [r.text for r in lane]) for lane in proc.iterfind("bpmn:laneSet/bpmn:lane", NS)]
    assert [name for name, _ in lanes] == ["Staf Pelaksana", "Kepala Subbagian Umum", "Kepala Dinas"]
    assert "Task_periksa" in lanes[1][1] and "Gateway_periksa" in lanes[1][1]
    task = proc.find("bpmn:task[@id='Task_periksa']", NS)
    assert task.get("name") == "Memeriksa kelengkapan berkas"
    text = task.findtext("bpmn:documentation", namespaces=NS)
    assert "Waktu: 30 menit" in text and "Output: Berkas terverifikasi" in text
    flows = {f.get("id"): f for f in proc.iterfind("bpmn:sequenceFlow", NS)}
    out = [f for f in flows.values() if f.get("sourceRef") == "Gateway_periksa"]
    assert sorted((f.get("name"), f.get("targetRef")) for f in out) == [
        ("Lengkap", "Task_setujui"), ("Tidak lengkap", "Task_kembalikan")]
    assert all(f.find("bpmn:conditionExpression", NS) is not None for f in out)
    assert [f.get("targetRef") for f in flows.values() if f.get("sourceRef") == "Task_periksa"] == ["Gateway_periksa"]
    starts = proc.findall("bpmn:startEvent", NS)
    assert len(starts) == 1 and flows[starts[0].findtext("bpmn:outgoing", namespaces=NS)].get("targetRef") == "Task_terima"
    ends = {e.get("id") for e in proc.findall("bpmn:endEvent", NS)}
    assert ends == {"EndEvent_kembalikan", "EndEvent_setujui"}


def _process(path: Path):
    proc = _tree(path).getroot().find("bpmn:process", NS)
    lane_of = {r.text: lane.get("name") for lane in proc.iterfind("bpmn:laneSet/bpmn:lane", NS) for r in lane}
    flows = [(f.get("sourceRef"), f.get("targetRef"), f.get("name")) for f in proc.iterfind("bpmn:sequenceFlow", NS)]
    return proc, lane_of, flows


def test_chain_joint_and_end_branch_shapes(bpmn_files):
    """Issue 10 §1: a chain is consecutive tasks in their lanes, a joint activity a parallel split to one task per
    lane and a parallel join, a branch to `selesai` an end event."""
    proc, lane_of, flows = _process(bpmn_files["BKPSDM.MUT.SOP.01"])
    chain = [t for t in proc.iterfind("bpmn:task", NS) if t.get("name").startswith("Memaraf konsep")]
    assert [t.get("name")[-5:] for t in chain] == ["(1/5)", "(2/5)", "(3/5)", "(4/5)", "(5/5)"]
    assert [lane_of[t.get("id")] for t in chain] == [
        "Ketua Tim Kerja Kepangkatan dan Mutasi", "Kepala Bidang Mutasi dan Promosi",
        "Sekretaris Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "Asisten Administrasi Umum"]
    ids = [t.get("id") for t in chain]
    assert all((a, b, None) in flows for a, b in zip(ids, ids[1:]))
    assert "Waktu: 3 hari kerja" in chain[0].findtext("bpmn:documentation", namespaces=NS)
    assert chain[1].findtext("bpmn:documentation", namespaces=NS).startswith("Giliran 2 dari 5: Kepala Bidang")

    proc, lane_of, flows = _process(bpmn_files["SETDA.PBJ.SOP.04"])
    split = proc.find("bpmn:parallelGateway[@id='Split_periksa']", NS)
    merge = proc.find("bpmn:parallelGateway[@id='Merge_periksa']", NS)
    assert split.get("gatewayDirection") == "Diverging" and merge.get("gatewayDirection") == "Converging"
    branches = [t for s, t, _ in flows if s == "Split_periksa"]
    assert [lane_of[t] for t in branches] == ["Pejabat Pembuat Komitmen", "Pejabat Pemeriksa Hasil Pekerjaan",
                                              "Penyedia Barang/Jasa"]
    names = {proc.find(f"bpmn:task[@id='{t}']", NS).get("name") for t in branches}
    assert names == {"Memeriksa hasil pekerjaan di lokasi"} and all((t, "Merge_periksa", None) in flows for t in branches)
    # the loop back to a joint step enters before its split
    assert ("Join_periksa", "Split_periksa", None) in flows
    assert ("Gateway_perbaiki", "EndEvent_perbaiki_2", "Tidak diperbaiki") in flows
    end = proc.find("bpmn:endEvent[@id='EndEvent_perbaiki_2']", NS)
    assert end.get("name") == "Selesai" and lane_of["EndEvent_perbaiki_2"] == lane_of["Gateway_perbaiki"]
    assert proc.find("bpmn:exclusiveGateway[@id='Gateway_perbaiki']", NS).get("name") == "Diperbaiki / Tidak diperbaiki?"
    text = _process(bpmn_files["BPKAD.AKT.SOP.01"])[0].findtext("bpmn:documentation", namespaces=NS)
    assert "Diperiksa oleh: Kepala Bidang Akuntansi dan Pelaporan (Desi Ratnasari, S.E.)" in text
    assert "\n- Sekretaris Daerah Kota Padang Panjang (" in text and "Tanda tangan: elektronik" in text


def test_documentation_holds_the_sop_identity_and_a_time_with_its_unit(nyata_catalogue):
    """Review P items 2 and 4: tujuan, ruang lingkup, definisi, jumlah waktu and satuan waktu are documented; a
    list is written one item a line and a text with '; ' stays one text; a bare-number time gets its unit."""
    doc = nyata_catalogue.by_code["BPKAD.AKT.SOP.01"]
    proc = etree.fromstring(bpmn.render(nyata_catalogue, doc)[f"{doc.kode}.bpmn"]).find("bpmn:process", NS)
    text = proc.findtext("bpmn:documentation", namespaces=NS)
    assert "\nTujuan: Menjadi pedoman penyusunan laporan keuangan semesteran" in text
    assert "\nRuang lingkup:\n- Penerimaan laporan keuangan Perangkat Daerah\n- Konsolidasi" in text
    assert "\nDefinisi:\n- LKPD: Laporan Keuangan Pemerintah Daerah\n" in text
    assert "\nPencatatan dan pendataan: Arsip elektronik laporan keuangan semesteran" in text
    from petaproses.build import check

    from .conftest import FIXTURES

    cat, _ = check([str(FIXTURES / "publik" / "medan")])
    doc = cat.by_code["SPT1.SOP.01"]
    proc = etree.fromstring(bpmn.render(cat, doc)[f"{doc.kode}.bpmn"]).find("bpmn:process", NS)
    text = proc.findtext("bpmn:documentation", namespaces=NS)
    assert "\nJumlah waktu: 35\nSatuan waktu: menit" in text
    task = proc.find("bpmn:task[@id='Task_terima']", NS).findtext("bpmn:documentation", namespaces=NS)
    assert "\nKelengkapan: Surat masuk; lembar disposisi\nWaktu: 10 menit\n" in task


def test_level1_is_grouped_by_category_in_lanes(catalogue, bpmn_files):
    doc = next(d for d in catalogue.maps if d.jenis == "peta-level-1")
    proc = _tree(bpmn_files[doc.kode]).getroot().find("bpmn:process", NS)
    lanes = {lane.get("name"): {r.text for r in lane} for lane in proc.iterfind("bpmn:laneSet/bpmn:lane", NS)}
    for p in doc.proses:
        lane = lanes[bpmn.KATEGORI_NAMA[p.kategori]]
        assert {f"Task_{p.id}", f"CallActivity_{p.id}"} & lane


def test_loops_and_joins_in_the_sample(bpmn_files):
    """The sample has loops back: each enters an exclusive join gateway before the step it returns to."""
    joins = 0
    for path in bpmn_files.values():
        for gw in _tree(path).getroot().iter(f"{{{bpmn.BPMN}}}exclusiveGateway"):
            if gw.get("gatewayDirection") == "Converging":
                joins += 1
                assert len(gw.findall("bpmn:incoming", NS)) >= 2 and len(gw.findall("bpmn:outgoing", NS)) == 1
    assert joins > 0


# ----------------------------------------------------------------------------------------- geometry
def _shapes(root) -> dict[str, tuple[int, int, int, int]]:
    out = {}
    for s in root.iter(f"{{{bpmn.BPMNDI}}}BPMNShape"):
        b = s.find("dc:Bounds", NS)
        out[s.get("bpmnElement")] = tuple(int(b.get(k)) for k in ("x", "y", "width", "height"))
    return out


def _on_border(p: tuple[int, int], box: tuple[int, int, int, int]) -> bool:
    x, y, w, h = box
    px, py = p
    inside = x <= px <= x + w and y <= py <= y + h
    return inside and (px in (x, x + w) or py in (y, y + h) or (px, py) in (
        (x + w // 2, y), (x + w // 2, y + h), (x, y + h // 2), (x + w, y + h // 2)))


def _crosses(a, b, box) -> bool:
    x, y, w, h = box
    lo_x, hi_x, lo_y, hi_y = min(a[0], b[0]), max(a[0], b[0]), min(a[1], b[1]), max(a[1], b[1])
    return lo_x < x + w and hi_x > x and lo_y < y + h and hi_y > y


def test_diagram_geometry(bpmn_files):
    for kode, path in bpmn_files.items():
        root = _tree(path).getroot()
        shapes = _shapes(root)
        proc = root.find("bpmn:process", NS)
        lanes = {lane.get("id"): [r.text for r in lane] for lane in proc.iterfind("bpmn:laneSet/bpmn:lane", NS)}
        pool = shapes[root.find("bpmn:collaboration/bpmn:participant", NS).get("id")]
        # lanes: stacked horizontal bands filling the pool right of its label band
        bands = sorted(shapes[lid] for lid in lanes)
        assert bands[0][1] == pool[1] and bands[-1][1] + bands[-1][3] == pool[1] + pool[3], kode
        for upper, lower in zip(bands, bands[1:]):
            assert upper[1] + upper[3] == lower[1] and upper[0] == lower[0] and upper[2] == lower[2], kode
        # every node inside its lane
        nodes = [n for refs in lanes.values() for n in refs]
        for lid, refs in lanes.items():
            lx, ly, lw, lh = shapes[lid]
            for n in refs:
                x, y, w, h = shapes[n]
                assert lx < x and x + w < lx + lw and ly < y and y + h < ly + lh, (kode, n)
        # no two nodes overlap
        for i, a in enumerate(nodes):
            for b in nodes[i + 1:]:
                assert not _crosses(shapes[a][:2], (shapes[a][0] + shapes[a][2], shapes[a][1] + shapes[a][3]),
                                    shapes[b]), (kode, a, b)
        flows = {f.get("id"): f for f in proc.iterfind("bpmn:sequenceFlow", NS)}
        notes = {a.get("id"): a for a in proc.iterfind("bpmn:association", NS)}
        for edge in root.iter(f"{{{bpmn.BPMNDI}}}BPMNEdge"):
            if edge.get("bpmnElement") in notes:  # a flow's note: tied to its flow, clear of every node
                a = notes[edge.get("bpmnElement")]
                note = shapes[a.get("targetRef")]
                pts = [(int(p.get("x")), int(p.get("y"))) for p in edge.iterfind("di:waypoint", NS)]
                assert _on_border(pts[-1], note), (kode, a.get("id"))
                assert not any(_crosses(note[:2], (note[0] + note[2], note[1] + note[3]), shapes[n]) for n in nodes)
                continue
            f = flows[edge.get("bpmnElement")]
            pts = [(int(p.get("x")), int(p.get("y"))) for p in edge.iterfind("di:waypoint", NS)]
            assert len(pts) >= 2, (kode, f.get("id"))
            assert _on_border(pts[0], shapes[f.get("sourceRef")]), (kode, f.get("id"), "start")
            assert _on_border(pts[-1], shapes[f.get("targetRef")]), (kode, f.get("id"), "end")
            for a, b in zip(pts, pts[1:]):
                assert a[0] == b[0] or a[1] == b[1], (kode, f.get("id"), "not orthogonal")
                for n in nodes:  # routed around, not through, every other node
                    if n not in (f.get("sourceRef"), f.get("targetRef")):
                        assert not _crosses(a, b, shapes[n]), (kode, f.get("id"), n)
            if f.get("name"):
                assert edge.find("bpmndi:BPMNLabel/dc:Bounds", NS) is not None, (kode, f.get("id"))
        for gw in proc.iterfind("bpmn:exclusiveGateway", NS):
            if gw.get("name"):
                shape = next(s for s in root.iter(f"{{{bpmn.BPMNDI}}}BPMNShape") if s.get("bpmnElement") == gw.get("id"))
                assert shape.find("bpmndi:BPMNLabel/dc:Bounds", NS) is not None


# ----------------------------------------------------------------------------------------- node oracles
def _node_tools() -> str:
    node = require("node")
    if not (TOOLS / "node_modules" / "bpmnlint").is_dir():
        if os.environ.get("CI"):
            pytest.fail("tools/node_modules is missing; .ci/run should have run npm ci in tools/")
        pytest.skip("npm ci has not been run in tools/")
    return node


def test_bpmn_moddle_and_bpmnlint_accept_every_file(bpmn_files):
    node = _node_tools()
    run = subprocess.run([node, str(TOOLS / "check-bpmn.mjs"), *map(str, bpmn_files.values())],
                         capture_output=True, text=True, timeout=120)
    reports = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(reports) == len(bpmn_files), run.stderr
    bad = [r for r in reports if r["moddleWarnings"] or r["lintErrors"] or r["lintWarnings"]]
    assert not bad and run.returncode == 0, bad or run.stderr


def test_bpmnlint_reports_a_broken_file(mini_catalogue, tmp_path):
    """The oracle can fail: an unconnected task is a bpmnlint error."""
    node = _node_tools()
    doc = mini_catalogue.maps[0]
    text = bpmn.render(mini_catalogue, doc)[f"{doc.kode}.bpmn"].decode()
    bad = tmp_path / "bad.bpmn"
    bad.write_text(text.replace("<bpmn:sequenceFlow ", '<bpmn:task id="Task_orphan" name="Sendiri"/><bpmn:sequenceFlow ', 1),
                   encoding="utf-8")
    run = subprocess.run([node, str(TOOLS / "check-bpmn.mjs"), str(bad)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and "no-disconnected: Task_orphan" in run.stdout


def test_bpmnlint_warnings_fail_the_oracle(catalogue, tmp_path):
    """Review M 06: check-bpmn.mjs said it exits 1 on any warning but passed every level-1 file warned
    superfluous-label (an arc's delivery as a flow name): the level-1 files now carry it as a note, and a
    warning fails the check, as its header says."""
    node = _node_tools()
    doc = next(d for d in catalogue.maps if d.jenis == "peta-level-1" and any(a.label for a in d.alur))
    text = bpmn.render(catalogue, doc)[f"{doc.kode}.bpmn"].decode()
    assert "<bpmn:textAnnotation" in text and "<bpmn:association" in text
    good = tmp_path / "good.bpmn"
    good.write_text(text, encoding="utf-8")
    flow = text.split('<bpmn:sequenceFlow id="', 1)[1].split('"', 1)[0]
    named = tmp_path / "named.bpmn"  # a name on a flow that leaves no decision: a warning
    named.write_text(text.replace(f'<bpmn:sequenceFlow id="{flow}"', f'<bpmn:sequenceFlow id="{flow}" name="x"', 1),
                     encoding="utf-8")
    runs = [subprocess.run([node, str(TOOLS / "check-bpmn.mjs"), str(p)], capture_output=True, text=True, timeout=60)
            for p in (good, named)]
    assert [r.returncode for r in runs] == [0, 1], [r.stdout for r in runs]
    assert "superfluous-label" in runs[1].stdout


def test_bpmn_js_renders_pictures(catalogue, bpmn_files, tmp_path):
    node = _node_tools()
    require("chromium")
    sop7 = max((d for d in catalogue.maps if d.jenis == "sop"), key=lambda d: len(catalogue.lanes(d)))
    level1 = next(d for d in catalogue.maps if d.jenis == "peta-level-1")
    longest = max((d for d in catalogue.maps if d.jenis == "sop"), key=lambda d: len(d.kegiatan))
    picks = [bpmn_files[d.kode] for d in (sop7, level1, longest)]
    run = subprocess.run([node, str(TOOLS / "render-bpmn.mjs"), str(tmp_path), *map(str, picks)],
                         capture_output=True, text=True, timeout=180)
    reports = [json.loads(line) for line in run.stdout.splitlines()]
    assert run.returncode == 0 and len(reports) == 3, run.stdout + run.stderr
    from PIL import Image

    for r in reports:
        assert not r["warnings"] and not r["error"]
        with Image.open(r["png"]) as im:
            assert im.width > 600 and im.height > 150
            assert len(im.convert("L").getcolors(1 << 16) or []) > 2  # something drawn, not a blank page


def test_a_name_fits_a_box_word_by_word_as_measured_one_word_at_a_time(catalogue):
    """``words_fit`` (the widest word, kept per name: a name is tried in several boxes) says what measuring every
    word against the box says, for every step name of the samples and the nyata fixtures at every width tried."""
    from petaproses.check import load
    from petaproses.layout import bpmn_text, text

    names = {step.uraian for cat in (catalogue, load([str(FIXTURES / "nyata")]).cat) for doc in cat.maps
             for step in getattr(doc, "kegiatan", [])}
    names |= {"", "   ", "Pemeriksaan-Kelengkapan-Berkas-Permohonan-Izin"}
    assert len(names) > 100
    for name in names:
        for size in (bpmn_text.TASK_FONT, bpmn_text.LABEL_FONT):
            words = [text.browser_px(w, size) for w in name.split()]
            for width in (*bpmn_text.TASK_WIDTHS, *bpmn_text.LABEL_WIDTHS, *(w + 0.5 for w in words)):
                assert bpmn_text.words_fit(name, width, size) == all(w <= width for w in words)
