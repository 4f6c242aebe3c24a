"""Generated BPMN files for `petaproses impor` at scale, and the shapes that used to blow up (issue 17 §5)."""

from __future__ import annotations

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions '
        'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
        'id="D" targetNamespace="http://contoh.test/bpmn">\n')


class _Doc:
    def __init__(self) -> None:
        self.sem: list[str] = []
        self.di: list[str] = []
        self.k = 0

    def node(self, kind: str, nid: str, name: str = "", x: float = 0, y: float = 0, w: int = 100, h: int = 80) -> str:
        attr = f' name="{name}"' if name else ""
        self.sem.append(f'<bpmn:{kind} id="{nid}"{attr}/>')
        self.di.append(f'<bpmndi:BPMNShape id="{nid}_di" bpmnElement="{nid}"><dc:Bounds x="{x}" y="{y}" '
                       f'width="{w}" height="{h}"/></bpmndi:BPMNShape>')
        return nid

    def flow(self, a: str, b: str, name: str = "") -> None:
        self.k += 1
        attr = f' name="{name}"' if name else ""
        self.sem.append(f'<bpmn:sequenceFlow id="f{self.k}" sourceRef="{a}" targetRef="{b}"{attr}/>')

    def text(self, lanes: str = "", di: bool = True) -> bytes:
        body = HEAD + f'<bpmn:process id="P" name="Proses besar">{lanes}' + "".join(self.sem) + "</bpmn:process>\n"
        if di:
            body += ('<bpmndi:BPMNDiagram id="DI"><bpmndi:BPMNPlane id="PL" bpmnElement="P">' + "".join(self.di)
                     + "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>\n")
        return (body + "</bpmn:definitions>\n").encode("utf-8")


def big_map(tasks: int, lanes: int = 6) -> bytes:
    """Return a map of ``tasks`` tasks in ``lanes`` lanes: a chain with a decision looping back every 10
    tasks and a parallel split and join every 25, drawn left to right."""
    d = _Doc()
    members: list[list[str]] = [[] for _ in range(lanes)]

    def place(nid: str, i: int) -> tuple[float, int]:
        members[i % lanes].append(nid)
        return 150.0 * i, 100 * (i % lanes) + 10

    x, y = place("S", 0)
    prev = d.node("startEvent", "S", "", x, y, 36, 36)
    label = ""  # the name of the next flow out of prev ("Ya" after a decision)
    i = 0
    while i < tasks:
        i += 1
        x, y = place(f"T{i}", i)
        t = d.node("task", f"T{i}", f"Memeriksa berkas nomor {i}", x, y)
        d.flow(prev, t, label)
        prev, label = t, ""
        if i % 10 == 0 and i > 3:
            g = d.node("exclusiveGateway", f"G{i}", "Lengkap?", x + 110, y, 50, 50)
            members[i % lanes].append(g)
            d.flow(prev, g)
            d.flow(g, f"T{i - 3}", "Tidak")
            prev, label = g, "Ya"
        if i % 25 == 0 and i + 2 <= tasks:
            fork = d.node("parallelGateway", f"F{i}", "", x + 120, y, 50, 50)
            members[i % lanes].append(fork)
            d.flow(prev, fork, label)
            a, b = i + 1, i + 2
            for j in (a, b):
                xj, yj = place(f"T{j}", j)
                d.node("task", f"T{j}", f"Memeriksa berkas nomor {j}", xj, yj)
                d.flow(fork, f"T{j}")
            join = d.node("parallelGateway", f"J{i}", "", 150.0 * b + 120, y, 50, 50)
            members[i % lanes].append(join)
            d.flow(f"T{a}", join)
            d.flow(f"T{b}", join)
            prev, label, i = join, "", b
    end = d.node("endEvent", "E", "", 150.0 * (i + 1), 10, 36, 36)
    d.flow(prev, end, label)
    members[0].append("E")
    lane_xml = "".join(f'<bpmn:lane id="L{k}" name="Pelaksana {k}">'
                       + "".join(f"<bpmn:flowNodeRef>{n}</bpmn:flowNodeRef>" for n in m) + "</bpmn:lane>"
                       for k, m in enumerate(members))
    return d.text(f'<bpmn:laneSet id="LS">{lane_xml}</bpmn:laneSet>')


def diamonds(layers: int = 20) -> bytes:
    """Return two tasks joined by ``layers`` parallel split/join pairs in a row: 2**layers paths."""
    d = _Doc()
    d.flow(d.node("startEvent", "S"), d.node("task", "A", "Menerima"))
    prev = "A"
    for k in range(layers):
        f, j = d.node("parallelGateway", f"F{k}"), d.node("parallelGateway", f"J{k}")
        d.flow(prev, f)
        for side in "ab":
            mid = d.node("parallelGateway", f"M{k}{side}")
            d.flow(f, mid)
            d.flow(mid, j)
        prev = j
    d.flow(prev, d.node("task", "B", "Menyelesaikan"))
    return d.text(di=False)


def same_names(tasks: int = 5000) -> bytes:
    d = _Doc()
    prev = d.node("startEvent", "S")
    for k in range(tasks):
        d.flow(prev, d.node("task", f"T{k}", "Memeriksa berkas"))
        prev = f"T{k}"
    return d.text(di=False)


def event_chain(events: int = 5000, named: bool = False) -> bytes:
    d = _Doc()
    d.flow(d.node("startEvent", "S"), d.node("task", "A", "Menerima"))
    prev = "A"
    for k in range(events):
        d.flow(prev, d.node("intermediateThrowEvent", f"V{k}", f"Peristiwa {k}" if named else ""))
        prev = f"V{k}"
    d.flow(prev, d.node("task", "B", "Menyelesaikan"))
    return d.text(di=False)


def nested_sub_processes(depth: int) -> bytes:
    """Return sub-processes nested ``depth`` deep, each holding a task before the next level."""
    inner = '<bpmn:task id="X" name="Terdalam"/>'
    for k in reversed(range(depth)):
        inner = (f'<bpmn:subProcess id="SP{k}" name="Tingkat {k}"><bpmn:startEvent id="s{k}"/>'
                 f'<bpmn:task id="T{k}" name="Tugas {k}"/>{inner}'
                 f'<bpmn:sequenceFlow id="a{k}" sourceRef="s{k}" targetRef="T{k}"/>'
                 f'<bpmn:sequenceFlow id="b{k}" sourceRef="T{k}" targetRef="{"SP" + str(k + 1) if k + 1 < depth else "X"}"/>'
                 "</bpmn:subProcess>")
    body = ('<bpmn:process id="P" name="Bersarang"><bpmn:startEvent id="S"/>' + inner
            + '<bpmn:sequenceFlow id="f0" sourceRef="S" targetRef="SP0"/></bpmn:process>')
    return (HEAD + body + "</bpmn:definitions>\n").encode("utf-8")
