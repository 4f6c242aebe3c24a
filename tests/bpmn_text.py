"""Small BPMN documents for impor tests, written as text so each test shows exactly what a modeller drew."""

from __future__ import annotations

from pathlib import Path

from petaproses.flow import build_flow
from petaproses.impor import import_bpmn
from petaproses.load import load_document

HEAD = ('<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
        'id="D" targetNamespace="http://contoh.test/bpmn">')


def seq(*arrows: str) -> str:
    """Return sequence flows written 'A>B' or 'A>B:label' (the label is the flow's name)."""
    out = []
    for k, arrow in enumerate(arrows, 1):
        ends, _, label = arrow.partition(":")
        a, b = ends.split(">")
        name = f' name="{label}"' if label else ""
        out.append(f'<bpmn:sequenceFlow id="f{k}_{a}_{b}" sourceRef="{a}" targetRef="{b}"{name}/>')
    return "".join(out)


def nodes(**kinds: str) -> str:
    """Return flow nodes: nodes(A="task:Menerima berkas", G="exclusiveGateway") -> <bpmn:task id="A" .../>."""
    out = []
    for nid, spec in kinds.items():
        kind, _, name = spec.partition(":")
        attr = f' name="{name}"' if name else ""
        out.append(f'<bpmn:{kind} id="{nid}"{attr}/>')
    return "".join(out)


def document(*parts: str) -> str:
    return HEAD + "".join(parts) + "</bpmn:definitions>"


def process(body: str, pid: str = "P", name: str = "Proses Uji", lanes: str = "") -> str:
    lane_set = f'<bpmn:laneSet id="LS_{pid}">{lanes}</bpmn:laneSet>' if lanes else ""
    return f'<bpmn:process id="{pid}" name="{name}">{lane_set}{body}</bpmn:process>'


def lane(lid: str, name: str, *refs: str, children: str | None = None) -> str:
    attr = f' name="{name}"' if name else ""
    inner = "".join(f"<bpmn:flowNodeRef>{r}</bpmn:flowNodeRef>" for r in refs)
    if children is not None:
        inner += f'<bpmn:childLaneSet id="CLS_{lid}">{children}</bpmn:childLaneSet>'
    return f'<bpmn:lane id="{lid}"{attr}>{inner}</bpmn:lane>'


class Imported:
    """The result of importing one BPMN text: the YAML, the messages, the model and its flow."""

    def __init__(self, tmp_path: Path, xml: str, name: str = "uji.bpmn"):
        self.path = tmp_path / name
        self.path.write_text(xml, encoding="utf-8")
        self.text, self.messages = import_bpmn(self.path, "uji")
        assert self.text is not None, self.messages
        doc, problems = load_document("impor.yaml", self.text.encode("utf-8"))
        assert doc is not None, [p.format() for p in problems] + [self.text]
        self.doc = doc
        self.flow = build_flow(doc.kegiatan)
        self.by_text = {n.item.uraian: n for n in self.flow.nodes}

    def step(self, uraian: str):
        return self.by_text[uraian].item

    def edges(self) -> set[tuple[str, str, str | None]]:
        """Return the flow as (uraian, uraian, label) triples."""
        name = {n.id: n.item.uraian for n in self.flow.nodes}
        return {(name[e.source], name[e.target], e.label) for e in self.flow.edges}

    def order(self) -> list[str]:
        return [n.item.uraian for n in self.flow.nodes]

    def actors(self) -> dict[str, str]:
        """Return uraian -> pelaksana."""
        return {n.item.uraian: n.item.pelaksana for n in self.flow.nodes}

    def joined(self) -> str:
        return "\n".join(self.messages)
