"""Peta relasi as BPMN 2.0: a collaboration of black-box pools (the parties) joined by message flows.

Each party is a participant without a process; each relation a message flow named with its number, what
passes and how many processes use it (the full list of what passes and of the processes is the flow's
documentation).  A department's pools sit in a group (an artifact of the collaboration).  Geometry comes
from ``layout.relasi.collaboration``; this module writes the XML.
"""

from __future__ import annotations

import re

from lxml import etree

from .. import __version__
from ..layout.relasi import Collaboration, collaboration
from ..relasi import RelationMap
from .bpmn import BPMN, BPMNDI, DI, NSMAP, _bounds, _documentation, _q


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")[:40] or "x"


def render_bytes(rmap: RelationMap, institution: str) -> bytes:
    """Return the BPMN 2.0 XML (with DI) of one relation map."""
    lay: Collaboration = collaboration(rmap)
    ident = "Pemda" if rmap.scope is None else _slug(rmap.scope)
    root = etree.Element(_q(BPMN, "definitions"), nsmap=NSMAP)
    root.set("id", f"Definitions_Relasi_{ident}")
    root.set("targetNamespace", "https://petaproses.id/bpmn")
    root.set("exporter", "petaproses")
    root.set("exporterVersion", __version__)
    groups = {g.group: i for i, g in enumerate(lay.groups)}
    for group in lay.groups:  # group names live in a category (a root element, before the collaboration)
        i = groups[group.group]
        category = etree.SubElement(root, _q(BPMN, "category"), id=f"Category_{i}")
        etree.SubElement(category, _q(BPMN, "categoryValue"), id=f"CategoryValue_{i}", value=group.name)
    collab = etree.SubElement(root, _q(BPMN, "collaboration"), id=f"Collaboration_Relasi_{ident}")
    _documentation(collab, f"{rmap.title}\n{institution}\nDibuat petaproses dari SOP, peta lintas fungsi dan "
                           f"peta level 1; {len(rmap.relations)} relasi, {len(rmap.hidden)} tidak digambar.")
    pool_ids = [f"Pihak_{i + 1}_{_slug(p.id)}" for i, p in enumerate(lay.pools)]
    for pool, pid in zip(lay.pools, pool_ids):
        etree.SubElement(collab, _q(BPMN, "participant"), id=pid, name=pool.name)
    flow_ids = [f"Relasi_{m.index + 1}" for m in lay.messages]
    for m, fid in zip(lay.messages, flow_ids):
        rel = rmap.relations[m.index]
        el = etree.SubElement(collab, _q(BPMN, "messageFlow"), id=fid, name=m.name,
                              sourceRef=pool_ids[m.source], targetRef=pool_ids[m.target])
        lines = [f"Dari: {lay.pools[m.source].name}", f"Kepada: {lay.pools[m.target].name}"]
        lines += [f"Yang diserahkan: {item}" for item in rel.items]
        lines += [f"Proses: {code}" for code in rel.processes]
        if not rel.derived:
            lines.append("Relasi tambahan (berkas peta-relasi)")
        _documentation(el, "\n".join(lines))
    for group in lay.groups:
        i = groups[group.group]
        etree.SubElement(collab, _q(BPMN, "group"), id=f"Group_{i}", categoryValueRef=f"CategoryValue_{i}")
    diagram = etree.SubElement(root, _q(BPMNDI, "BPMNDiagram"), id=f"BPMNDiagram_Relasi_{ident}", name=rmap.title)
    plane = etree.SubElement(diagram, _q(BPMNDI, "BPMNPlane"), id=f"BPMNPlane_Relasi_{ident}",
                             bpmnElement=f"Collaboration_Relasi_{ident}")
    for group in lay.groups:
        i = groups[group.group]
        shape = etree.SubElement(plane, _q(BPMNDI, "BPMNShape"), id=f"Group_{i}_di", bpmnElement=f"Group_{i}")
        _bounds(shape, *group.box)
        _bounds(etree.SubElement(shape, _q(BPMNDI, "BPMNLabel")), *group.label)
    for pool, pid in zip(lay.pools, pool_ids):
        shape = etree.SubElement(plane, _q(BPMNDI, "BPMNShape"), id=f"{pid}_di", bpmnElement=pid,
                                 isHorizontal="true")
        _bounds(shape, *pool.box)
    for m, fid in zip(lay.messages, flow_ids):
        edge = etree.SubElement(plane, _q(BPMNDI, "BPMNEdge"), id=f"{fid}_di", bpmnElement=fid)
        for x, y in m.points:
            etree.SubElement(edge, _q(DI, "waypoint"), x=str(x), y=str(y))
        _bounds(etree.SubElement(edge, _q(BPMNDI, "BPMNLabel")), *m.label)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


__all__ = ["render_bytes"]
