"""The derived peta relasi: every hand-off of the samples is an edge with the right count (computed here on its
own from the YAML), what is hidden is gone from every picture, parties are placed where the organisation or
their use says, and the BPMN collaboration is XSD-, bpmnlint- and bpmn-js-clean with labels clear of lines."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from petaproses import relasi
from petaproses.build import check
from petaproses.layout import relasi as lay
from petaproses.model import PetaLevel1, PetaLintasFungsi
from petaproses.render import bpmn, bpmn_relasi, diagram_relasi
from petaproses.render import relasi as relasi_render

from .conftest import FIXTURES, PROCESSES, require
from .test_bpmn import SCHEMA_DIR, TOOLS, _node_tools

NS = {"bpmn": bpmn.BPMN, "bpmndi": bpmn.BPMNDI, "dc": bpmn.DC, "di": bpmn.DI}


# ------------------------------------------------------------------------------------------- an oracle of our own
def _actors(step) -> list[str]:
    return [step.pelaksana] if isinstance(step.pelaksana, str) else list(step.pelaksana)


def expected_handoffs(doc) -> set[tuple[str, str]]:
    """The hand-offs of one map, read straight from its steps (not through flow.py or relasi.py)."""
    steps = list(doc.kegiatan)
    ids = [s.id or f"k{i + 1}" for i, s in enumerate(steps)]
    where = {sid: i for i, sid in enumerate(ids)}
    pairs: set[tuple[str, str]] = set()
    for i, step in enumerate(steps):
        actors = _actors(step)
        joint = step.bersama and len(actors) > 1
        if not joint:  # a chain passes the work along
            pairs |= {(a, b) for a, b in zip(actors, actors[1:]) if a != b}
        if step.cabang:
            following = [t for t in step.cabang.values() if t != "selesai"]
        elif step.ke:
            following = [step.ke] if isinstance(step.ke, str) else list(step.ke)
        elif step.selesai or i + 1 == len(steps):
            following = []
        else:
            following = [ids[i + 1]]
        for target in following:
            nxt = steps[where[target]]
            n_actors = _actors(nxt)
            senders = actors if joint else actors[-1:]
            receivers = n_actors if nxt.bersama and len(n_actors) > 1 else n_actors[:1]
            pairs |= {(a, b) for a in senders for b in receivers if a != b}
    return pairs


def _by_pair(cat) -> dict[tuple[str, str], set[str]]:
    out: dict[tuple[str, str], set[str]] = {}
    for doc in cat.maps:
        if isinstance(doc, PetaLintasFungsi):
            for pair in expected_handoffs(doc):
                out.setdefault(pair, set()).add(doc.kode)
    return out


@pytest.mark.parametrize("folder", [PROCESSES, FIXTURES / "nyata"], ids=["sampel", "nyata"])
def test_every_hand_off_is_an_edge_with_its_count(folder):
    cat, problems = check([str(folder)])
    assert not [p for p in problems if p.is_error and p.code in ("unknown-step", "duplicate-id")]
    expected = _by_pair(cat)
    assert len(expected) > 20
    derived = relasi.derive(cat)
    from_maps = {key: {h.kode for h in rel.handoffs if not h.manual and h.step is not None}
                 for key, rel in derived.relations.items()}
    assert {k: v for k, v in from_maps.items() if v} == expected
    manual = {key: {h.kode for h in rel.handoffs if h.manual and h.kode} for key, rel in derived.relations.items()}
    for key, codes in expected.items():
        assert derived.relations[key].count == len(codes | manual[key]), key
    if folder == PROCESSES:  # nothing hides a hand-off from the Pemda's picture but its settings
        rmap = relasi.view(cat, derived)
        shown = {r.key for r in rmap.relations}
        assert set(expected) - shown == {("petugas_fo", "tim_teknis")}


def test_chains_and_joint_steps_hand_off_as_documented(tmp_path):
    cat, _ = check([str(FIXTURES / "nyata")])
    derived = relasi.derive(cat)
    chain = next(d for d in cat.maps if any(len(_actors(s)) > 2 and not s.bersama for s in d.kegiatan))
    step = next(s for s in chain.kegiatan if len(_actors(s)) > 2 and not s.bersama)
    a = _actors(step)
    for pair in zip(a, a[1:]):  # along the chain, passing its kelengkapan (else output)
        rel = derived.relations[pair]
        assert chain.kode in rel.processes
    joint = next(d for d in cat.maps if any(s.bersama for s in d.kegiatan))
    i = next(i for i, s in enumerate(joint.kegiatan) if s.bersama)
    members = _actors(joint.kegiatan[i])
    before = _actors(joint.kegiatan[i - 1])[-1]
    assert all(joint.kode in derived.relations[(before, m)].processes for m in members if m != before)


def test_what_passes_is_the_output_and_level1_stakeholders_reach_the_department(catalogue):
    derived = relasi.derive(catalogue)
    assert "Hasil pemeriksaan kelengkapan" in derived.relations[("petugas_fo", "petugas_bo")].items
    # "Wali Kota" of the DPMPTSP level-1 map is the position "Wali Kota Padang Panjang"
    assert ("wali_kota", "pd:dpmptsp") in derived.relations and ("pd:dpmptsp", "wali_kota") in derived.relations
    level1 = [d for d in catalogue.maps if isinstance(d, PetaLevel1)]
    inputs = sum(len(d.pemangku_kepentingan.masukan) for d in level1)
    into = [r for r in derived.relations.values() if r.target.startswith("pd:")]
    assert sum(len({h.kode for h in r.handoffs}) for r in into) == inputs
    assert derived.parties["pk:masyarakat"].name in ("Masyarakat", "Masyarakat Kota Padang Panjang")


def test_parties_are_placed_as_written_or_where_they_are_used(catalogue):
    parties = relasi.derive(catalogue).parties
    assert (parties["petugas_fo"].group, parties["petugas_fo"].unit, parties["petugas_fo"].how) == \
        ("dpmptsp", "bidang_pelayanan", relasi.WRITTEN)
    # short form, used only by Setda's maps
    assert (parties["pengadministrasi_org"].group, parties["pengadministrasi_org"].how) == ("setda", relasi.INFERRED)
    assert (parties["opd"].group, parties["opd"].how) == (relasi.LINTAS, relasi.SHARED)  # used by two departments
    assert (parties["wali_kota"].group, parties["wali_kota"].how) == (relasi.LINTAS, relasi.WRITTEN)
    assert parties["pemohon"].group == relasi.LUAR and parties["auditor_inspektorat"].group == "inspektorat"


def test_a_department_view_holds_its_own_relations_and_the_hand_written_one(catalogue):
    derived = relasi.derive(catalogue)
    rmap = relasi.view(catalogue, derived, "dpmptsp")
    keys = {r.key for r in rmap.relations}
    assert ("kadis_dpmptsp", "wali_kota") in keys and ("kabag_org", "sekda") not in keys
    for rel in rmap.relations:
        groups = {rmap.parties[p].group for p in rel.key}
        assert "dpmptsp" in groups or any(h.perangkat_daerah == "dpmptsp" for h in rel.handoffs)
    assert list(rmap.parties)[0] == "pd:dpmptsp" and rmap.groups[0][0] == "dpmptsp"
    source = diagram_relasi.build(rmap, "Pemerintah Kota Padang Panjang").source
    manual = rmap.number(next(r for r in rmap.relations if r.key == ("kadis_dpmptsp", "wali_kota")))
    [line] = [ln for ln in source.splitlines() if f'id="garis-{manual}"' in ln]
    assert "style=dashed" in line


def _catalogue_with(tmp_path, settings: str):
    shutil.copytree(PROCESSES, tmp_path / "p")
    (tmp_path / "p" / "peta-relasi.yaml").write_text(settings, encoding="utf-8")
    cat, problems = check([str(tmp_path / "p")])
    assert not [p for p in problems if p.is_error], [p.format() for p in problems]
    return cat


def test_threshold_and_hide_list_take_relations_out_of_every_picture(tmp_path):
    cat = _catalogue_with(tmp_path, "jenis: peta-relasi\nambang: 2\nsembunyikan:\n  - {dari: pemohon}\n"
                                    "  - {dari: kabag_org, ke: sekda}\n")
    for rmap in relasi.views(cat):
        assert rmap.threshold == 2
        assert all(r.count >= 2 or r.manual for r in rmap.relations)
        assert all(r.source != "pemohon" and r.key != ("kabag_org", "sekda") for r in rmap.relations)
        assert all(r.count < 2 or r.source == "pemohon" or r.key == ("kabag_org", "sekda") for r in rmap.hidden)
        source = diagram_relasi.build(rmap, "x").source
        assert source.count(" -> ") == len(rmap.relations)
        root = etree.fromstring(bpmn_relasi.render_bytes(rmap, "x"))
        names = {p.get("id"): p.get("name") for p in root.iter(f"{{{bpmn.BPMN}}}participant")}
        flows = [(names[f.get("sourceRef")], names[f.get("targetRef")]) for f in root.iter(f"{{{bpmn.BPMN}}}messageFlow")]
        assert len(flows) == len(rmap.relations) and cat.actor_name("pemohon") not in {a for a, _ in flows}
    pemda = relasi.views(cat)[0]
    assert ("kadis_dpmptsp", "wali_kota") in {r.key for r in pemda.relations}  # written by hand: always shown
    assert ("kabag_org", "sekda") in {r.key for r in pemda.hidden}


def test_the_sample_hides_what_its_settings_hide(catalogue):
    for rmap in relasi.views(catalogue):
        assert ("petugas_fo", "tim_teknis") not in {r.key for r in rmap.relations}
    pemda = relasi.views(catalogue)[0]
    assert [r.key for r in pemda.hidden] == [("petugas_fo", "tim_teknis")]
    svg = relasi_render.pictures(catalogue, pemda)["svg"].decode()
    assert len(re.findall(r'xlink:href="#relasi-\d+"', svg)) >= len(pemda.relations)
    assert f'href="#relasi-{len(pemda.relations) + 1}"' not in svg


# ------------------------------------------------------------------------------------------- BPMN collaboration
@pytest.fixture(scope="module")
def relation_files(tmp_path_factory) -> list[Path]:
    cat, _ = check([str(PROCESSES)])
    out = tmp_path_factory.mktemp("relasi")
    files = relasi_render.render_catalogue(cat)
    assert files == relasi_render.render_catalogue(cat)  # same bytes for the same catalogue
    paths = []
    for name, data in files.items():
        (out / Path(name).name).write_bytes(data)
        if name.endswith(".bpmn"):
            paths.append(out / Path(name).name)
    assert len(paths) == 1 + len(relasi.departments(cat))
    return sorted(paths)


def test_collaborations_pass_the_schema_and_name_real_elements(relation_files):
    schema = etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "BPMN20.xsd")))
    for path in relation_files:
        tree = etree.parse(str(path))
        assert schema.validate(tree), (path.name, str(schema.error_log))
        root = tree.getroot()
        ids = [el.get("id") for el in root.iter() if el.get("id")]
        assert len(ids) == len(set(ids))
        refs = [el.get(a) for el in root.iter() for a in ("sourceRef", "targetRef", "bpmnElement", "categoryValueRef")
                if el.get(a)]
        assert refs and set(refs) <= set(ids)
        flows = root.findall(".//bpmn:messageFlow", NS)
        assert flows and all(f.findtext("bpmn:documentation", namespaces=NS) for f in flows)


def test_bpmnlint_accepts_the_collaborations(relation_files):
    node = _node_tools()
    run = subprocess.run([node, str(TOOLS / "check-bpmn.mjs"), *map(str, relation_files)], capture_output=True,
                         text=True, timeout=120)
    reports = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(reports) == len(relation_files)
    assert run.returncode == 0 and not [r for r in reports if r["moddleWarnings"] or r["lintErrors"] or r["lintWarnings"]]


def _segments(points):
    return list(zip(points, points[1:]))


def _hits(box, p, q) -> bool:
    x, y, w, h = box
    return min(p[0], q[0]) < x + w and max(p[0], q[0]) > x and min(p[1], q[1]) < y + h and max(p[1], q[1]) > y


def test_collaboration_layout_keeps_names_clear(catalogue):
    """Pools never overlap; every flow runs from its sender's pool to its receiver's, on one side; no flow name
    overlaps another name, a pool or any line."""
    for rmap in relasi.views(catalogue):
        c = lay.collaboration(rmap)
        boxes = [p.box for p in c.pools]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1]
        ids = [p.id for p in c.pools]
        for m in c.messages:
            rel = rmap.relations[m.index]
            assert (ids[m.source], ids[m.target]) == rel.key
            (x0, y0), (x1, y1) = m.points[0], m.points[-1]
            src, dst = c.pools[m.source].box, c.pools[m.target].box
            assert x0 == x1 and src[1] < y0 < src[1] + src[3] and dst[1] < y1 < dst[1] + dst[3]
            assert x0 in (src[0], src[0] + src[2])
        labels = [m.label for m in c.messages]
        for i, box in enumerate(labels):
            assert not any(_hits(box, (o[0], o[1]), (o[0] + o[2], o[1] + o[3])) for o in labels[i + 1:])
            assert not any(_hits(box, (b[0], b[1]), (b[0] + b[2], b[1] + b[3])) for b in boxes)
            assert not any(_hits(box, p, q) for m in c.messages for p, q in _segments(m.points))


def test_bpmn_js_draws_the_collaborations_with_names_clear(relation_files, tmp_path):
    """In bpmn-js: no import warning, and (as the other BPMN files) no name over a name, a shape or a line."""
    from .test_bpmn_picture import _overlap, _segment_box

    node = _node_tools()
    require("chromium")
    run = subprocess.run([node, str(TOOLS / "measure-bpmn.mjs"), *map(str, relation_files)], capture_output=True,
                         text=True, timeout=300)
    reports = [json.loads(line) for line in run.stdout.splitlines()]
    assert run.returncode == 0 and len(reports) == len(relation_files), run.stderr[-2000:]
    for r in reports:
        assert not r["warnings"] and not r["error"]
        labels = [(lab["id"], lab["text"]["box"]) for lab in r["labels"] if lab["text"] and lab["owner"] == "MessageFlow"]
        pools = [s["bounds"] for s in r["shapes"] if s["type"] == "Participant"]
        assert len(labels) == sum(1 for f in r["flows"] if f["type"] == "MessageFlow") > 10
        for i, (lid, box) in enumerate(labels):
            assert not [o for o, b in labels[i + 1:] if _overlap(box, b)], lid
            assert not [b for b in pools if _overlap(box, b)], lid
            assert not [f["id"] for f in r["flows"] for p, q in zip(f["points"], f["points"][1:])
                        if _overlap(box, _segment_box(p, q), 0)], lid
