"""Renderer "bpmn": maps and SOPs -> BPMN 2.0 XML with diagram interchange (one ``<kode>.bpmn`` per document).

The elements and their coordinates come from the layout (``layout.bpmn_graph``: which elements, in which
lane and column; ``layout.bpmn_di``: where they lie, the flows' waypoints, the label boxes); this module writes
them as XML, with the documentation of the process.
"""

from __future__ import annotations

from lxml import etree

from .. import __version__
from ..aplikasi import display_name, peralatan
from ..catalogue import Catalogue
from ..layout.bpmn_di import Diagram, layout
from ..layout.bpmn_labels import annotated
from ..layout.bpmn_graph import KATEGORI_NAMA, process_id, xml_id  # noqa: F401 - KATEGORI_NAMA: lane names
from ..flow import build_flow
from ..model import PetaLevel1, PetaLintasFungsi, PetaSubProses, Sop
from ..register import ordered_texts, written_order

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "xsi": XSI}


def applies(doc) -> bool:
    return isinstance(doc, (PetaLevel1, PetaSubProses, PetaLintasFungsi))


def _field(label: str, value, written: bool = False) -> list[str]:
    """Return the lines of one field of a documentation, in the form ``impor`` reads back: "Label: text" for a
    text, "Label:" and a "- item" line per item for a list (so "a; b" stays one text); the further lines of a
    text of several lines are indented by two spaces.  An empty list ``written`` so ("keterkaitan: []": the SOP
    prints '-' on purpose, rule empty-identity) is its label alone."""
    if value is None or value == "" or (isinstance(value, (list, dict)) and not value):
        return [f"{label}:"] if written and value is not None else []
    if isinstance(value, dict):  # definisi: {istilah: arti}
        value = [f"{k}: {v}" for k, v in value.items()]
    if isinstance(value, list):
        return [f"{label}:"] + [line for v in value for line in _lines("- ", v)]
    return _lines(f"{label}: ", value)


def _lines(lead: str, value) -> list[str]:
    first, *rest = str(value).splitlines() or [""]
    return [lead + first] + ["  " + line for line in rest]


def _date(value) -> str | None:
    return (getattr(value, "written", None) or value.isoformat()) if value else None


def _process_doc(cat: Catalogue, doc) -> str:
    lines = [f"Kode: {doc.kode}", f"Nama: {doc.nama}", f"Perangkat Daerah: {cat.department_name(doc)}"]
    lines += _field("Jenis", doc.jenis if isinstance(doc, (PetaLevel1, PetaSubProses)) else None)  # impor's cue
    lines += _field("Unit", cat.unit_name(doc)) + _field("Induk", doc.induk) + _field("Deskripsi", doc.deskripsi)
    if isinstance(doc, Sop):
        officials = cat.organisasi.pejabat if cat.organisasi else {}

        def people(ids: list[str]) -> str | list[str]:
            names = [f"{p.jabatan} ({p.nama}" + (f", NIP {p.nip})" if p.nip else ")") if (p := officials.get(pid))
                     else pid for pid in ids]
            return names[0] if len(names) == 1 else names

        t = doc.tanggal
        parts = {"Dasar hukum", "Kualifikasi pelaksana", "Keterkaitan", "Peralatan/perlengkapan", "Peringatan",
                 "Pencatatan dan pendataan"}  # an empty one written on purpose stays so (empty_identity.PARTS)
        for label, value in (("Nomor SOP", doc.nomor), ("Tanggal pembuatan", _date(t.pembuatan) or "-"),
                             ("Tanggal revisi", _date(t.revisi)), ("Revisi ke", t.revisi_ke),
                             ("Tanggal efektif", _date(t.efektif)), ("Disahkan oleh", people(doc.pengesah)),
                             ("Diperiksa oleh", people(doc.pemeriksa) if doc.pemeriksa else None),
                             ("Dibuat oleh", people(doc.pembuat) if doc.pembuat else None),
                             ("Tanda tangan", "elektronik" if doc.tanda_tangan == "elektronik" else None),
                             ("Tujuan", doc.tujuan), ("Ruang lingkup", doc.ruang_lingkup), ("Definisi", doc.definisi),
                             ("Dasar hukum", ordered_texts(cat.peraturan, list(doc.dasar_hukum),
                                                          written_order(cat, doc))),
                             ("Urutan dasar hukum", doc.urutan_dasar_hukum),
                             ("Kualifikasi pelaksana", doc.kualifikasi_pelaksana), ("Keterkaitan", doc.keterkaitan),
                             ("Peralatan/perlengkapan", peralatan(cat, doc)), ("Peringatan", doc.peringatan),
                             ("Pencatatan dan pendataan", doc.pencatatan), ("Jumlah waktu", doc.jumlah_waktu),
                             ("Catatan", doc.catatan)):
            key = {"Peralatan/perlengkapan": "peralatan", "Pencatatan dan pendataan": "pencatatan"}.get(
                label, label.lower().replace(" ", "_"))
            lines += _field(label, value, label in parts and key in doc.model_fields_set)
    if isinstance(doc, PetaLintasFungsi):
        lines += _field("Satuan waktu", doc.satuan_waktu)
    if isinstance(doc, PetaLevel1):
        for label, values in (("Pemangku kepentingan (masukan)", doc.pemangku_kepentingan.masukan),
                              ("Pemangku kepentingan (keluaran)", doc.pemangku_kepentingan.keluaran)):
            lines += _field(label, list(values))
    return "\n".join(lines)


def _step_docs(cat: Catalogue, doc) -> dict[str, str | None]:
    """Return the documentation of each step's (first) task by its id: the step's mutu baku (a process's or sub
    process's kode, kategori, rincian), written here (not in the layout) in the form ``impor`` reads back; a
    bare-number time with the map's satuan_waktu."""
    def task(code: str | None, ident: str) -> str:  # as layout.bpmn_graph names an item's task
        return f"{'CallActivity' if code is not None and code in cat.by_code else 'Task'}_{ident}"

    if isinstance(doc, PetaLevel1):
        return {task(p.rincian, p.id): "\n".join(_field("Kode", p.kode) + [f"Kategori: {p.kategori}"]
                                                 + _field("Rincian", p.rincian)) for p in doc.proses}
    if isinstance(doc, PetaSubProses):
        return {task(n.item.rincian, n.id): "\n".join(_field("Kode", n.item.kode) + _field("Rincian", n.item.rincian))
                or None for n in build_flow(doc.sub_proses).nodes}
    out = {}
    for node in build_flow(doc.kegiatan).nodes:
        step = node.item
        lines = [f"Pelaksana: {cat.actors_name(step.actors, step.bersama)}"]
        apps = [display_name(cat, a) for a in step.aplikasi]
        tasks = [f"{cat.actor_name(a)}: {t}" for a, t in (step.tugas or {}).items()]  # a box's own text
        lines += _field("Uraian", step.uraian if tasks else None) + _field("Tugas", tasks)
        for label, value in (("Kelengkapan", step.kelengkapan), ("Waktu", step.waktu_dibaca),
                             ("Output", step.output), ("Keterangan", step.keterangan),
                             ("Aplikasi", apps[0] if len(apps) == 1 else apps), ("Rincian", step.rincian)):
            lines += _field(label, value)
        out[task(step.rincian, node.id)] = "\n".join(lines)
    return out


# ----------------------------------------------------------------------------------------- XML
def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def _documentation(parent: etree._Element, text: str | None) -> None:
    if text:
        el = etree.SubElement(parent, _q(BPMN, "documentation"), textFormat="text/plain")
        el.text = text


def _bounds(parent: etree._Element, x: int, y: int, w: int, h: int) -> None:
    etree.SubElement(parent, _q(DC, "Bounds"), x=str(x), y=str(y), width=str(w), height=str(h))


def _xml(d: Diagram, kode: str, name: str, text: str, docs: dict[str, str | None]) -> bytes:
    g, geo = d.graph, d.geo
    ident = xml_id(kode)
    pid = process_id(kode)
    root = etree.Element(_q(BPMN, "definitions"), nsmap=NSMAP)
    root.set("id", f"Definitions_{ident}")
    root.set("targetNamespace", "https://petaproses.id/bpmn")
    root.set("exporter", "petaproses")
    root.set("exporterVersion", __version__)
    collab = etree.SubElement(root, _q(BPMN, "collaboration"), id=f"Collaboration_{ident}")
    etree.SubElement(collab, _q(BPMN, "participant"), id=f"Participant_{ident}", name=name, processRef=pid)
    proc = etree.SubElement(root, _q(BPMN, "process"), id=pid, name=name, isExecutable="false")
    _documentation(proc, text)
    lane_set = etree.SubElement(proc, _q(BPMN, "laneSet"), id=f"LaneSet_{ident}")
    in_lane: dict[int, list[str]] = {}
    for n in g.nodes:
        in_lane.setdefault(n.lane, []).append(n.id)
    for i, (lane_id, lane_name) in enumerate(g.lanes):
        lane = etree.SubElement(lane_set, _q(BPMN, "lane"), id=lane_id, name=lane_name)
        for node_id in in_lane.get(i, ()):
            etree.SubElement(lane, _q(BPMN, "flowNodeRef")).text = node_id
    incoming: dict[str, list[str]] = {}  # flow ids by node, in the flows' order (not every flow per node)
    outgoing: dict[str, list[str]] = {}
    for f in g.flows:
        incoming.setdefault(f.target, []).append(f.id)
        outgoing.setdefault(f.source, []).append(f.id)
    for n in g.nodes:
        el = etree.SubElement(proc, _q(BPMN, n.kind), id=n.id)
        if n.name:
            el.set("name", n.name)
        if n.called:
            el.set("calledElement", n.called)
        if n.direction:
            el.set("gatewayDirection", n.direction)
        _documentation(el, docs.get(n.id, n.doc))
        for flow_id in incoming.get(n.id, ()):
            etree.SubElement(el, _q(BPMN, "incoming")).text = flow_id
        for flow_id in outgoing.get(n.id, ()):
            etree.SubElement(el, _q(BPMN, "outgoing")).text = flow_id
    noted = [f for f in g.flows if annotated(g, f)]
    for f in g.flows:
        el = etree.SubElement(proc, _q(BPMN, "sequenceFlow"), id=f.id, sourceRef=f.source, targetRef=f.target)
        if f.name and f not in noted:
            el.set("name", f.name)
        if f.condition:
            cond = etree.SubElement(el, _q(BPMN, "conditionExpression"))
            cond.set(_q(XSI, "type"), "bpmn:tFormalExpression")
            cond.text = f.condition
    for f in noted:  # what a level-1 flow delivers: a note on the flow (a name there is a decision's)
        note = etree.SubElement(proc, _q(BPMN, "textAnnotation"), id=f"Annotation_{f.id}")
        etree.SubElement(note, _q(BPMN, "text")).text = f.name
        etree.SubElement(proc, _q(BPMN, "association"), id=f"Association_{f.id}", sourceRef=f.id,
                         targetRef=f"Annotation_{f.id}", associationDirection="None")

    diagram = etree.SubElement(root, _q(BPMNDI, "BPMNDiagram"), id=f"BPMNDiagram_{ident}", name=name)
    plane = etree.SubElement(diagram, _q(BPMNDI, "BPMNPlane"), id=f"BPMNPlane_{ident}",
                             bpmnElement=f"Collaboration_{ident}")
    shape = etree.SubElement(plane, _q(BPMNDI, "BPMNShape"), id=f"Participant_{ident}_di",
                             bpmnElement=f"Participant_{ident}", isHorizontal="true")
    _bounds(shape, 0, 0, geo.width, geo.height)
    for i, (lane_id, _) in enumerate(g.lanes):
        shape = etree.SubElement(plane, _q(BPMNDI, "BPMNShape"), id=f"{lane_id}_di", bpmnElement=lane_id,
                                 isHorizontal="true")
        _bounds(shape, *geo.lane_bounds(i))
    flow_boxes, node_boxes = d.flow_labels, d.node_labels
    for n in g.nodes:
        shape = etree.SubElement(plane, _q(BPMNDI, "BPMNShape"), id=f"{n.id}_di", bpmnElement=n.id)
        if n.kind == "exclusiveGateway":
            shape.set("isMarkerVisible", "true")
        _bounds(shape, n.x, n.y, n.w, n.h)
        box = node_boxes.get(n.id)
        if box:
            _bounds(etree.SubElement(shape, _q(BPMNDI, "BPMNLabel")), *box)
    for f in g.flows:
        edge = etree.SubElement(plane, _q(BPMNDI, "BPMNEdge"), id=f"{f.id}_di", bpmnElement=f.id)
        for x, y in f.points:
            etree.SubElement(edge, _q(DI, "waypoint"), x=str(x), y=str(y))
        box = flow_boxes.get(f.id)
        if box and f not in noted:
            _bounds(etree.SubElement(edge, _q(BPMNDI, "BPMNLabel")), *box)
    for f in noted:  # the note where the name's label stood, tied to the nearest point of its flow
        box = flow_boxes[f.id]
        shape = etree.SubElement(plane, _q(BPMNDI, "BPMNShape"), id=f"Annotation_{f.id}_di",
                                 bpmnElement=f"Annotation_{f.id}")
        _bounds(shape, *box)
        edge = etree.SubElement(plane, _q(BPMNDI, "BPMNEdge"), id=f"Association_{f.id}_di",
                                bpmnElement=f"Association_{f.id}")
        for x, y in _tie(f.points, box):
            etree.SubElement(edge, _q(DI, "waypoint"), x=str(x), y=str(y))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _tie(points: list[tuple[int, int]], box: tuple[int, int, int, int]) -> list[tuple[int, int]]:
    """The association's two ends: the point of the flow nearest the note's box and the box's nearest point."""
    x, y, w, h = box
    cx, cy = x + w / 2, y + h / 2
    best = points[0]
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        px, py = min(max(cx, min(ax, bx)), max(ax, bx)), min(max(cy, min(ay, by)), max(ay, by))  # axis-parallel
        if (px - cx) ** 2 + (py - cy) ** 2 < (best[0] - cx) ** 2 + (best[1] - cy) ** 2:
            best = (round(px), round(py))
    return [best, (min(max(best[0], x), x + w), min(max(best[1], y), y + h))]


def render_bytes(cat: Catalogue, doc) -> bytes:
    """Return the BPMN 2.0 XML of ``doc``."""
    return _xml(layout(cat, doc), doc.kode, doc.nama, _process_doc(cat, doc), _step_docs(cat, doc))


def render(cat: Catalogue, doc, **options) -> dict[str, bytes]:
    return {f"{doc.kode}.bpmn": render_bytes(cat, doc)}
