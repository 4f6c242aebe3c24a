"""Artefacts around the flow (collect.py gathers them): data objects and stores read or written become
kelengkapan/output, text annotations keterangan (or, tied to a flow, its label), a compensation handler's association an edge; what is left
(a group, an unconnected note or data object) is listed as not carried."""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from .graph import ACTIVITIES, Edge, Graph, clean
from .pools import NS


def local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def artefacts(g: Graph, associations: list, found: list, ids: dict) -> None:
    """Data read/written -> kelengkapan/output; annotations -> keterangan; the rest is listed."""
    used: set[str] = set()
    for assoc in associations:
        kind = local(assoc)
        owner = assoc.getparent()
        if kind == "association":
            a, b = assoc.get("sourceRef"), assoc.get("targetRef")
            _flow_note(g, a, b, ids, used)
            for node_id, other in ((a, b), (b, a)):
                el = ids.get(other)
                if node_id in g.nodes and el is not None and local(el) == "textAnnotation":
                    text = clean("".join(el.itertext()))
                    if text:
                        g.nodes[node_id].notes.append(text)
                        used.add(other)
            src, dst = g.nodes.get(a), g.nodes.get(b)
            if src is not None and dst is not None and src.event == "kompensasi" and dst.kind in ACTIVITIES:
                g.connect(Edge(src.id, dst.id, None, assoc.get("id") or "", "comp"))
            continue
        node = g.nodes.get(owner.get("id") or "") if owner is not None else None
        if node is None:
            continue
        tag = "sourceRef" if kind == "dataInputAssociation" else "targetRef"
        for ref in assoc.findall(f"bpmn:{tag}", NS):
            rid = (ref.text or "").strip()
            label = _data_name(ids.get(rid), ids)
            if label:
                bucket = node.kelengkapan if kind == "dataInputAssociation" else node.output
                if label not in bucket:
                    bucket.append(label)
                used.add(rid)
    for el in found:
        ln, aid = local(el), el.get("id") or "tanpa id"
        if aid in used:
            continue
        if ln == "textAnnotation":
            g.skip(ln, clean("".join(el.itertext()))[:80], aid, "tidak terhubung ke langkah mana pun")
        elif ln == "group":
            g.skip(ln, _group_name(el, ids), aid, "peta lintas fungsi tidak mengenal kelompok")
        else:
            g.skip(ln, _data_name(el, ids) or "", aid, "tidak dibaca atau ditulis oleh kegiatan mana pun")


def _flow_note(g: Graph, a: str | None, b: str | None, ids: dict, used: set[str]) -> None:
    """A note tied to a sequence flow is its label (petaproses writes a level-1 arc's so, bpmnlint wanting no
    name on a flow that leaves no decision)."""
    for flow_id, other in ((a, b), (b, a)):
        el = ids.get(other)
        if el is None or local(el) != "textAnnotation" or not flow_id:
            continue
        text = clean("".join(el.itertext()))
        for edges in g.out.values():
            for i, edge in enumerate(edges):
                if edge.flow == flow_id and text and not edge.label:
                    edges[i] = replace(edge, label=text)
                    used.add(other or "")


def _data_name(el: etree._Element | None, ids: dict) -> str:
    if el is None:
        return ""
    name = clean(el.get("name"))
    if not name:
        ref = el.get("dataObjectRef") or el.get("dataStoreRef")
        target = ids.get(ref) if ref else None
        name = clean(target.get("name")) if target is not None else ""
    state = el.find("bpmn:dataState", NS)
    if name and state is not None and clean(state.get("name")):
        name += f" [{clean(state.get('name'))}]"
    return name


def _group_name(el: etree._Element, ids: dict) -> str:
    value = ids.get(el.get("categoryValueRef") or "")
    return clean(value.get("value")) if value is not None else ""
