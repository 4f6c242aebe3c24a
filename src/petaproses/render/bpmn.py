"""Maps and SOPs -> BPMN 2.0 XML with diagram interchange (one ``<kode>.bpmn`` per document).

Cross-functional maps and SOPs become a pool with one lane per pelaksana; sub-process and level-1 maps become
processes of call activities.  Coordinates come from the shared grid (layout.grid_layout): one column per step
in file order, one horizontal band per lane, so the BPMN picture agrees with the Graphviz and .docx ones.

A decision step (``cabang``) becomes a task followed by an exclusive gateway: the step's mutu baku (time,
inputs, outputs) belong to an activity, since a BPMN gateway does no work and modelers show no documentation or
duration for it; the gateway then only carries the branches.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from lxml import etree

from .. import __version__
from ..layout import text
from ..catalogue import Catalogue
from ..layout.grid import grid_layout
from ..model import KATEGORI, PetaLevel1, PetaLintasFungsi, PetaSubProses, Sop, as_list

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "xsi": XSI}

# geometry (px, bpmn-js default sizes)
# tasks wider than bpmn-js's 100x80: SOP activity texts run to 60-90 characters
SIZE = {"startEvent": (36, 36), "endEvent": (36, 36), "task": (130, 90), "callActivity": (130, 90),
        "exclusiveGateway": (50, 50), "parallelGateway": (50, 50)}
POOL_LABEL = 30  # pool name band, left
LANE_LABEL = 30  # lane name band, left of each lane
LANE_H = 200  # least lane height: a 90 px task and three edge tracks above and below it
LANE_PAD = 12  # px kept free at each end of a rotated lane or pool name
NAME_FONT = 12  # px: bpmn-js sets lane and pool names in Arial 12px (Liberation Sans has its metrics)
NAME_LINES = 2  # bpmn-js wraps a lane name in a 30 px band: two 14.4 px lines fit, a third spills over
SLOT_GAP = 40  # between the nodes of one step (join gateway, task, split gateway/end)
GAP = 70  # between columns: the vertical segments of edges run here, on tracks
LABEL_GAP = 110  # a gap after a column whose flows leave it with a name: room for the label
TRACK = 10
LABEL_W = 90
KATEGORI_NAMA = {"manajemen": "Proses Manajemen", "utama": "Proses Utama", "pendukung": "Proses Pendukung"}


def applies(doc) -> bool:
    return isinstance(doc, (PetaLevel1, PetaSubProses, PetaLintasFungsi))


def xml_id(text: str) -> str:
    """Return ``text`` as part of an XML NCName id (codes like SETDA.ORG.01 -> SETDA_ORG_01)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", text)


def process_id(kode: str) -> str:
    """Return the BPMN process id of the document ``kode``: what call activities name as calledElement."""
    return f"Proses_{xml_id(kode)}"


# ----------------------------------------------------------------------------------------- the graph
@dataclass
class _Node:
    id: str
    kind: str  # BPMN element local name
    name: str | None
    lane: int
    col: int
    doc: str | None = None
    called: str | None = None
    direction: str | None = None  # gateways: Diverging / Converging
    x: int = 0
    y: int = 0

    @property
    def w(self) -> int:
        return SIZE[self.kind][0]

    @property
    def h(self) -> int:
        return SIZE[self.kind][1]

    @property
    def cx(self) -> int:
        return self.x + self.w // 2

    @property
    def cy(self) -> int:
        return self.y + self.h // 2

    @property
    def is_gateway(self) -> bool:
        return self.kind.endswith("Gateway")


@dataclass
class _Flow:
    id: str
    source: str
    target: str
    name: str | None = None
    condition: str | None = None
    back: bool = False
    bus: str = ""  # level 1: "from" the start fork or "to" the final join, along a lane strip (_bus)
    points: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class _Graph:
    lanes: list[tuple[str, str]]  # (lane id, name)
    nodes: list[_Node] = field(default_factory=list)
    flows: list[_Flow] = field(default_factory=list)
    by_id: dict[str, _Node] = field(default_factory=dict)

    def add(self, node: _Node) -> _Node:
        self.nodes.append(node)
        self.by_id[node.id] = node
        return node

    def connect(self, source: str, target: str, name: str | None = None, condition: str | None = None,
                back: bool = False, bus: str = "") -> None:
        base = f"Flow_{source}_{target}"
        fid, k = base, 1
        while any(f.id == fid for f in self.flows):
            k += 1
            fid = f"{base}_{k}"
        self.flows.append(_Flow(fid, source, target, name, condition, back, bus))


def _called(cat: Catalogue, code: str | None) -> str | None:
    return process_id(code) if code and code in cat.by_code else None


def _activity_kind(called: str | None) -> str:
    return "callActivity" if called else "task"


def _condition(label: str) -> str:
    """Return a readable, Python-valid condition (SpiffWorkflow evaluates Python) for a branch label."""
    return f"keputusan == {label!r}"


def _step_graph(cat: Catalogue, doc: PetaLintasFungsi | PetaSubProses) -> _Graph:
    grid = grid_layout(cat, doc)
    flow = grid.flow
    lane_prefix = "Lane_" if isinstance(doc, PetaLintasFungsi) else "Lane_pd_"
    g = _Graph([(f"{lane_prefix}{xml_id(lane.id)}", lane.name) for lane in grid.lanes])
    first = flow.start
    g.add(_Node("StartEvent_1", "startEvent", "Mulai", grid.lane_of[first.id], 0))
    entry: dict[str, str] = {}
    exit_: dict[str, str] = {}
    for node in grid.nodes:
        col, lane = grid.row_of[node.id] + 1, grid.lane_of[node.id]
        incoming = len(flow.into[node.id]) + (1 if node.is_start else 0)
        item = node.item
        called = _called(cat, item.rincian)
        if isinstance(doc, PetaLintasFungsi):
            name, text = item.uraian, _step_doc(cat, item)  # type: ignore[union-attr]
        else:
            name, text = item.nama, f"Kode: {item.kode}" if item.kode else None  # type: ignore[union-attr]
        tid = f"{'CallActivity' if called else 'Task'}_{node.id}"
        if incoming > 1:
            g.add(_Node(f"Join_{node.id}", "exclusiveGateway", None, lane, col, direction="Converging"))
            g.connect(f"Join_{node.id}", tid)
            entry[node.id] = f"Join_{node.id}"
        else:
            entry[node.id] = tid
        g.add(_Node(tid, _activity_kind(called), name, lane, col, text, called))
        exits = flow.out[node.id]
        if node.is_decision:
            labels = [e.label or "" for e in exits]
            g.add(_Node(f"Gateway_{node.id}", "exclusiveGateway", " / ".join(labels) + "?", lane, col,
                        direction="Diverging"))
            g.connect(tid, f"Gateway_{node.id}")
            exit_[node.id] = f"Gateway_{node.id}"
        elif len(exits) > 1:
            g.add(_Node(f"Fork_{node.id}", "parallelGateway", None, lane, col, direction="Diverging"))
            g.connect(tid, f"Fork_{node.id}")
            exit_[node.id] = f"Fork_{node.id}"
        elif not exits:
            g.add(_Node(f"EndEvent_{node.id}", "endEvent", "Selesai", lane, col))
            g.connect(tid, f"EndEvent_{node.id}")
        else:
            exit_[node.id] = tid
    g.connect("StartEvent_1", entry[first.id])
    for e in grid.edges:
        label = e.label if flow.by_id[e.source].is_decision else None
        g.connect(exit_[e.source], entry[e.target], label, _condition(label) if label is not None else None, e.back)
    return g


def _back_arcs(ids: list[str], arcs: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """Return the arcs that close a cycle: those a depth-first search in file order finds going back."""
    out: dict[str, list[str]] = {i: [] for i in ids}
    for a, b in arcs:
        out[a].append(b)
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    back: set[tuple[str, str]] = set()

    def visit(a: str) -> None:
        state[a] = 1
        for b in out[a]:
            if state.get(b) == 1:
                back.add((a, b))
            elif b not in state:
                visit(b)
        state[a] = 2

    for i in ids:
        if i not in state:
            visit(i)
    return back


def _level1_graph(cat: Catalogue, doc: PetaLevel1) -> _Graph:
    """Return the level-1 map as a process: one lane per category, processes left to right along the arcs.

    Columns are shared between lanes (a lane's processes keep file order, an arc always goes right), so the
    map stays compact; the start fork reaches the processes that nothing feeds, and the processes that feed
    nothing reach the final join, along one "bus" per lane strip (flows marked ``bus``, see _route_bus).
    """
    cats = [k for k in KATEGORI if any(p.kategori == k for p in doc.proses)]
    g = _Graph([(f"Lane_{k}", KATEGORI_NAMA[k]) for k in cats])
    ids = [p.id for p in doc.proses]
    order = {pid: i for i, pid in enumerate(ids)}
    lane = {p.id: cats.index(p.kategori) for p in doc.proses}
    if doc.alur:
        arcs = [(a.dari, a.ke, a.label) for a in doc.alur if a.dari in order and a.ke in order]
    else:
        main = [p.id for p in doc.proses if p.kategori == "utama"]
        arcs = [(a, b, None) for a, b in zip(main, main[1:])]
    back = _back_arcs(ids, [(a, b) for a, b, _ in arcs])
    fwd = [(a, b) for a, b, _ in arcs if (a, b) not in back and a != b]
    # longest path from the sources gives each process its layer (Kahn's order over the forward arcs)
    layer = {pid: 0 for pid in ids}
    indeg = {pid: sum(1 for _, b in fwd if b == pid) for pid in ids}
    ready = [pid for pid in ids if indeg[pid] == 0]
    while ready:
        a = ready.pop(0)
        for x, b in fwd:
            if x == a:
                layer[b] = max(layer[b], layer[a] + 1)
                indeg[b] -= 1
                if indeg[b] == 0:
                    ready.append(b)
    sources = [pid for pid in ids if not any(b == pid for _, b in fwd)]
    sinks = [pid for pid in ids if not any(a == pid for a, _ in fwd)]
    utama = cats.index("utama") if "utama" in cats else 0
    column: dict[str, int] = {}
    lane_end = [1] * len(cats)  # the last column used in each lane (column 1: the start fork)
    for pid in sorted(ids, key=lambda k: (layer[k], order[k])):
        col = max([lane_end[lane[pid]] + 1] + [column[a] + 1 for a, b in fwd if b == pid])
        column[pid] = lane_end[lane[pid]] = col
    last = max(column.values()) + 1
    g.add(_Node("StartEvent_1", "startEvent", "Mulai", utama, 0))
    start = "StartEvent_1"
    if len(sources) > 1:
        g.add(_Node("Fork_mulai", "parallelGateway", None, utama, 1, direction="Diverging"))
        g.connect("StartEvent_1", "Fork_mulai")
        start = "Fork_mulai"
    incoming = {pid: sum(1 for _, b, _ in arcs if b == pid) + (pid in sources) for pid in ids}
    outgoing = {pid: sum(1 for a, _, _ in arcs if a == pid) + (pid in sinks) for pid in ids}
    entry: dict[str, str] = {}
    exit_: dict[str, str] = {}
    for p in doc.proses:
        col = column[p.id]
        called = _called(cat, p.rincian)
        tid = f"{'CallActivity' if called else 'Task'}_{p.id}"
        entry[p.id] = exit_[p.id] = tid
        if incoming[p.id] > 1:
            g.add(_Node(f"Join_{p.id}", "exclusiveGateway", None, lane[p.id], col, direction="Converging"))
            g.connect(f"Join_{p.id}", tid)
            entry[p.id] = f"Join_{p.id}"
        text = "\n".join(x for x in (f"Kode: {p.kode}" if p.kode else "", f"Kategori: {p.kategori}") if x)
        g.add(_Node(tid, _activity_kind(called), p.nama, lane[p.id], col, text, called))
        if outgoing[p.id] > 1:
            g.add(_Node(f"Fork_{p.id}", "parallelGateway", None, lane[p.id], col, direction="Diverging"))
            g.connect(tid, f"Fork_{p.id}")
            exit_[p.id] = f"Fork_{p.id}"
    for s in sources:
        g.connect(start, entry[s], bus="from" if len(sources) > 1 else "")
    for a, b, label in arcs:
        g.connect(exit_[a], entry[b], label, None, column[b] <= column[a])
    end = "EndEvent_1"
    if len(sinks) > 1:
        g.add(_Node("Join_selesai", "parallelGateway", None, utama, last, direction="Converging"))
        for s in sinks:
            g.connect(exit_[s], "Join_selesai", bus="to")
        g.add(_Node(end, "endEvent", "Selesai", utama, last + 1))
        g.connect("Join_selesai", end)
    else:
        g.add(_Node(end, "endEvent", "Selesai", utama, last))
        g.connect(exit_[sinks[0]], end)
    return g


# ----------------------------------------------------------------------------------------- documentation
def _step_doc(cat: Catalogue, step) -> str | None:
    lines = [f"Pelaksana: {cat.actor_name(step.pelaksana)}"]
    for label, value in (("Kelengkapan", step.kelengkapan), ("Waktu", step.waktu), ("Output", step.output)):
        if value:
            lines.append(f"{label}: {'; '.join(as_list(value))}")
    if step.keterangan:
        lines.append(f"Keterangan: {step.keterangan}")
    if step.rincian:
        lines.append(f"Rincian: {step.rincian}")
    return "\n".join(lines)


def _process_doc(cat: Catalogue, doc) -> str:
    lines = [f"Kode: {doc.kode}", f"Nama: {doc.nama}", f"Perangkat Daerah: {cat.department_name(doc)}"]
    if cat.unit_name(doc):
        lines.append(f"Unit: {cat.unit_name(doc)}")
    if doc.deskripsi:
        lines.append(f"Deskripsi: {doc.deskripsi}")
    if isinstance(doc, Sop):
        pejabat = cat.organisasi.pejabat.get(doc.disahkan_oleh) if cat.organisasi else None
        signer = (f"{pejabat.jabatan} ({pejabat.nama}" + (f", NIP {pejabat.nip})" if pejabat.nip else ")")
                  if pejabat else doc.disahkan_oleh)
        lines += [f"Nomor SOP: {doc.nomor}", f"Tanggal pembuatan: {doc.tanggal.pembuatan.isoformat()}"]
        if doc.tanggal.revisi:
            lines.append(f"Tanggal revisi: {doc.tanggal.revisi.isoformat()}")
        if doc.tanggal.efektif:
            lines.append(f"Tanggal efektif: {doc.tanggal.efektif.isoformat()}")
        lines.append(f"Disahkan oleh: {signer}")
        for label, values in (("Dasar hukum", doc.dasar_hukum), ("Kualifikasi pelaksana", doc.kualifikasi_pelaksana),
                              ("Keterkaitan", doc.keterkaitan), ("Peralatan/perlengkapan", doc.peralatan),
                              ("Peringatan", as_list(doc.peringatan)),
                              ("Pencatatan dan pendataan", as_list(doc.pencatatan))):
            if values:
                lines.append(f"{label}:")
                lines += [f"- {v}" for v in values]
    if isinstance(doc, PetaLevel1):
        for label, values in (("Pemangku kepentingan (masukan)", doc.pemangku_kepentingan.masukan),
                              ("Pemangku kepentingan (keluaran)", doc.pemangku_kepentingan.keluaran)):
            if values:
                lines.append(f"{label}:")
                lines += [f"- {v}" for v in values]
    return "\n".join(lines)


# ----------------------------------------------------------------------------------------- layout
@dataclass
class _Geometry:
    col_x: list[int]
    col_w: list[int]
    width: int
    height: int
    lane_top: list[int]
    lane_h: list[int]
    gap_w: list[int]  # width of the gap left of each column

    def gap_left(self, col: int) -> int:
        return self.col_x[col] - self.gap_w[col]

    def gap_mid(self, col: int) -> int:
        return self.col_x[col] - self.gap_w[col] // 2


def _name_fits(name: str, length: int) -> bool:
    """Whether ``name``, wrapped as bpmn-js wraps it (greedily, to the full ``length``: no padding), makes at
    most NAME_LINES lines that each leave LANE_PAD free at both ends (else it touches the next lane)."""
    room = length - 2 * LANE_PAD
    if any(text.text_width(word, NAME_FONT) > room for word in name.split()):
        return False
    lines = text.wrap(name, length, NAME_FONT)
    return len(lines) <= NAME_LINES and all(text.text_width(x, NAME_FONT) <= room for x in lines)


def _name_length(name: str, least: int) -> int:
    """Return the least length (multiple of 10, at least ``least``) along which ``name`` fits rotated."""
    length = least
    while not _name_fits(name, length) and length < 2000:
        length += 10
    return length


def _lane_heights(g: _Graph, pool_name: str) -> list[int]:
    """Return each lane's height: LANE_H, or more when the lane's rotated name needs it; the pool's name
    gets the same care (the last lane grows when the whole pool is too short for it)."""
    heights = [_name_length(name, LANE_H) for _, name in g.lanes]
    pool = _name_length(pool_name, LANE_H)
    if sum(heights) < pool:
        heights[-1] += pool - sum(heights)
    return heights


def _place(g: _Graph, pool_name: str = "") -> _Geometry:
    """Give every node its x (column, then order within the column and lane) and y (its lane's centre)."""
    ncol = max(n.col for n in g.nodes) + 1
    cells: dict[tuple[int, int], list[_Node]] = {}
    for n in g.nodes:
        cells.setdefault((n.col, n.lane), []).append(n)
    col_w = [0] * ncol
    for (col, _), nodes in cells.items():
        col_w[col] = max(col_w[col], sum(n.w for n in nodes) + SLOT_GAP * (len(nodes) - 1))
    gap_w = [GAP // 2] + [GAP] * ncol
    for f in g.flows:
        if f.name and not f.back:
            gap_w[g.by_id[f.source].col + 1] = LABEL_GAP
    col_x, x = [], POOL_LABEL + LANE_LABEL
    for col, w in enumerate(col_w):
        x += gap_w[col]
        col_x.append(x)
        x += w
    lane_h = _lane_heights(g, pool_name)
    lane_top = [sum(lane_h[:i]) for i in range(len(g.lanes))]
    for (col, lane), nodes in cells.items():
        x = col_x[col]
        for n in nodes:
            n.x, n.y = x, lane_top[lane] + (lane_h[lane] - n.h) // 2
            x += n.w + SLOT_GAP
    width = col_x[-1] + col_w[-1] + GAP // 2
    return _Geometry(col_x, col_w, width, sum(lane_h), lane_top, lane_h, gap_w[:ncol])


class _Router:
    """Orthogonal edge routes: direct L/Z shapes when they touch no node, else through the free corridors.

    Nothing is drawn in the gaps between columns nor in the top and bottom strips of each lane, so a route
    made of those always clears every node; tracks keep parallel edges in one gap or strip apart.
    """

    def __init__(self, g: _Graph, geo: _Geometry):
        self.g, self.geo = g, geo
        self.gaps: dict[int, list[tuple[int, int, int]]] = {}
        self.strips: dict[tuple[int, str], list[tuple[int, int, int]]] = {}

    def _track(self, used: list[tuple[int, int, int]], lo: int, hi: int, limit: int) -> int:
        for k in range(limit):
            if all(hi + 4 < a or lo - 4 > b or k != t for a, b, t in used):
                return k
        return 0

    def gap_x(self, col: int, y0: int, y1: int, commit: bool) -> int:
        """Return the x of a vertical segment in the gap before column ``col``."""
        used = self.gaps.setdefault(col, [])
        lo, hi = min(y0, y1), max(y0, y1)
        k = self._track(used, lo, hi, (self.geo.gap_w[col] - 20) // TRACK)
        if commit:
            used.append((lo, hi, k))
        return self.geo.gap_left(col) + 15 + k * TRACK

    def strip_y(self, lane: int, side: str, x0: int, x1: int) -> int:
        """Return the y of a horizontal segment in the top or bottom strip of ``lane``."""
        used = self.strips.setdefault((lane, side), [])
        lo, hi = min(x0, x1), max(x0, x1)
        k = self._track(used, lo, hi, 3)
        used.append((lo, hi, k))
        top = self.geo.lane_top[lane]
        return top + 10 + k * TRACK if side == "top" else top + self.geo.lane_h[lane] - 10 - k * TRACK

    def clear(self, points: list[tuple[int, int]], skip: set[str]) -> bool:
        for (ax, ay), (bx, by) in zip(points, points[1:]):
            lo_x, hi_x, lo_y, hi_y = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
            for n in self.g.nodes:
                if n.id in skip:
                    continue
                if lo_x < n.x + n.w + 2 and hi_x > n.x - 2 and lo_y < n.y + n.h + 2 and hi_y > n.y - 2:
                    return False
        return True


def _sides(g: _Graph) -> dict[str, tuple[str, str]]:
    """Return (exit side, entry side) per flow: right/left forward, bottom for loops, corners by lane."""
    sides: dict[str, tuple[str, str]] = {}
    by = g.by_id
    for node in g.nodes:
        outs = [f for f in g.flows if f.source == node.id and not f.bus]
        taken = {_bus(g, f)[0] for f in g.flows if f.source == node.id and f.bus}
        for f in sorted(outs, key=lambda f: (f.back, by[f.target].lane != node.lane, by[f.target].col)):
            t = by[f.target]
            if not node.is_gateway or len(outs) == 1:
                side = "bottom" if f.back else "right"
            else:
                want = ("bottom" if f.back else "right" if t.lane == node.lane
                        else "bottom" if t.lane > node.lane else "top")
                free = [s for s in (want, "right", "bottom", "top") if s not in taken]
                side = free[0] if free else want
                taken.add(side)
            sides[f.id] = (side, "")
    for f in g.flows:
        s, t = by[f.source], by[f.target]
        if f.bus:
            continue
        if f.back:
            entry = "bottom"
        elif t.is_gateway and t.direction == "Converging":
            entry = "left" if s.lane == t.lane else "top" if s.lane < t.lane else "bottom"
        else:
            entry = "left"
        sides[f.id] = (sides[f.id][0], entry)
    return sides


def _bus(g: _Graph, f: _Flow) -> tuple[str, str, int, str]:
    """Return (exit side, entry side, lane, strip side) of a level-1 bus flow.

    The start fork reaches a process through the strip of the process's lane that faces away from the
    fork's lane (the main lane: its top strip), entering from above or below; a process reaches the final
    join through the strip of its own lane that faces the join's lane (the main lane: its bottom strip).
    Flows of one lane share their strip and overlap there like the branches of a tree.
    """
    s, t = g.by_id[f.source], g.by_id[f.target]
    if f.bus == "from":
        return ("top", "top", t.lane, "top") if t.lane <= s.lane else ("bottom", "bottom", t.lane, "bottom")
    if s.lane < t.lane:
        return "bottom", "top", s.lane, "bottom"
    if s.lane == t.lane:
        return "bottom", "bottom", s.lane, "bottom"
    return "top", "bottom", s.lane, "top"


def _port(n: _Node, side: str) -> tuple[int, int]:
    return {"right": (n.x + n.w, n.cy), "left": (n.x, n.cy), "top": (n.cx, n.y), "bottom": (n.cx, n.y + n.h)}[side]


def _route(g: _Graph, geo: _Geometry) -> None:
    router = _Router(g, geo)
    sides = _sides(g)
    for f in g.flows:  # first the level-1 buses, which hold track 0 of their strips
        if not f.bus:
            continue
        s, t = g.by_id[f.source], g.by_id[f.target]
        direct = [_port(s, "right"), _port(t, "left")]
        if s.lane == t.lane and direct[0][1] == direct[1][1] and router.clear(direct, {s.id, t.id}):
            f.points = direct
            continue
        out, inn, lane, side = _bus(g, f)
        (x0, y0), (x1, y1) = _port(s, out), _port(t, inn)
        top, h = geo.lane_top[lane], geo.lane_h[lane]
        yb = top + 10 if side == "top" else top + h - 10
        router.strips.setdefault((lane, side), []).append((min(x0, x1), max(x0, x1), 0))
        f.points = _simplify([(x0, y0), (x0, yb), (x1, yb), (x1, y1)])
    for f in g.flows:
        if f.bus:
            continue
        s, t = g.by_id[f.source], g.by_id[f.target]
        out, inn = sides[f.id]
        (x0, y0), (x1, y1) = _port(s, out), _port(t, inn)
        skip = {s.id, t.id}
        candidates: list[list[tuple[int, int]]] = []
        if out == "right" and inn == "left":
            if y0 == y1 and x0 < x1:
                candidates.append([(x0, y0), (x1, y1)])
            if x0 < x1:
                for col in sorted({t.col, s.col + 1}):
                    if s.col < col <= t.col:
                        xm = router.gap_x(col, y0, y1, False)
                        candidates.append([(x0, y0), (xm, y0), (xm, y1), (x1, y1)])
        elif out in ("top", "bottom") and inn == "left" and x0 < x1:
            candidates.append([(x0, y0), (x0, y1), (x1, y1)])
        elif out == "right" and inn in ("top", "bottom") and x0 < x1 and (y0 < y1) == (inn == "top"):
            candidates.append([(x0, y0), (x1, y0), (x1, y1)])
        chosen = next((c for c in candidates if router.clear(c, skip)), None)
        if chosen is not None:
            # book the gap track a Z shape uses
            if len(chosen) == 4:
                col = next(c for c in range(len(geo.col_x)) if geo.gap_left(c) < chosen[1][0] < geo.col_x[c])
                router.gap_x(col, y0, y1, True)
        else:
            chosen = _corridor(router, s, t, out, inn, (x0, y0), (x1, y1))
        f.points = _simplify(chosen)


def _corridor(router: _Router, s: _Node, t: _Node, out: str, inn: str,
              p0: tuple[int, int], p1: tuple[int, int]) -> list[tuple[int, int]]:
    """Return a route through the gaps and lane strips, which hold no node by construction.

    A column holds nodes of one lane only, so a vertical run in a gap, or from a node's corner to its own
    lane's strip, and a horizontal run in a strip, never cross a node.
    """
    (x0, y0), (x1, y1) = p0, p1
    ncol = len(router.geo.col_x)
    pts = [p0]
    # where the route must arrive: a gap x at the target's height, or a strip y of the target's lane
    if inn == "left":
        arrive_gap = t.col
    else:
        arrive_gap = None
        yt_lane, yt_side = t.lane, inn
    if out == "right":
        gap = s.col + 1 if s.col + 1 < ncol else s.col
        if arrive_gap is not None and gap == arrive_gap:
            xa = router.gap_x(gap, y0, y1, True)
            return pts + [(xa, y0), (xa, y1), p1]
        lane, side = (yt_lane, yt_side) if arrive_gap is None else _strip_for(s, t)
        xb = x1 if arrive_gap is None else router.geo.gap_left(arrive_gap)
        probe = router.geo.gap_left(gap)
        yc = router.strip_y(lane, side, probe, xb)
        xa = router.gap_x(gap, y0, yc, True)
        pts += [(xa, y0), (xa, yc)]
    else:
        if arrive_gap is None and (s.lane, out) == (yt_lane, yt_side):
            ys = router.strip_y(s.lane, out, x0, x1)
            return pts + [(x0, ys), (x1, ys), p1]
        # along the source's strip to a gap, then vertically to where the route must arrive
        gap = arrive_gap if arrive_gap is not None else (s.col if t.col < s.col else min(s.col + 1, ncol - 1))
        ys = router.strip_y(s.lane, out, x0, router.geo.gap_mid(gap))
        if arrive_gap is not None:
            xg = router.gap_x(gap, ys, y1, True)
            return pts + [(x0, ys), (xg, ys), (xg, y1), p1]
        yc = router.strip_y(yt_lane, yt_side, router.geo.gap_mid(gap), x1)
        xg = router.gap_x(gap, ys, yc, True)
        pts += [(x0, ys), (xg, ys), (xg, yc)]
    if arrive_gap is None:
        return pts + [(x1, yc), p1]
    xb = router.gap_x(arrive_gap, yc, y1, True)
    return pts + [(xb, yc), (xb, y1), p1]


def _strip_for(s: _Node, t: _Node) -> tuple[int, str]:
    """Return (lane, top|bottom): the source lane's strip on the side of the target."""
    return (s.lane, "bottom") if t.lane >= s.lane else (s.lane, "top")


def _simplify(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop repeated points and points in the middle of a straight run."""
    out: list[tuple[int, int]] = []
    for p in points:
        if out and out[-1] == p:
            continue
        if len(out) >= 2 and (out[-2][0] == out[-1][0] == p[0] or out[-2][1] == out[-1][1] == p[1]):
            out[-1] = p
            continue
        out.append(p)
    return out


# ----------------------------------------------------------------------------------------- labels
def _text_box(text: str) -> tuple[int, int]:
    """Return an estimated (width, height) of ``text`` at bpmn-js's 11-12 px label font."""
    raw = 6 * len(text) + 6
    width = min(LABEL_W, raw)
    return width, 14 * max(1, math.ceil(raw / LABEL_W))


Box = tuple[int, int, int, int]


def _hits(box: Box, others: list[Box]) -> bool:
    x, y, w, h = box
    return any(x < ox + ow and ox < x + w and y < oy + oh and oy < y + h for ox, oy, ow, oh in others)


def _segments(f: _Flow) -> list[Box]:
    return [(min(ax, bx) - 1, min(ay, by) - 1, abs(ax - bx) + 2, abs(ay - by) + 2)
            for (ax, ay), (bx, by) in zip(f.points, f.points[1:])]


def _labels(g: _Graph) -> tuple[dict[str, Box], dict[str, Box]]:
    """Return label bounds of named flows and of named events/gateways, each put where it hits nothing drawn."""
    taken: list[Box] = [(n.x, n.y, n.w, n.h) for n in g.nodes]
    for f in g.flows:
        taken += _segments(f)
    flow_boxes: dict[str, Box] = {}
    for f in g.flows:
        if not f.name:
            continue
        w, h = _text_box(f.name)
        (ax, ay), (_bx, by) = f.points[0], f.points[1]
        if ay == by:  # leaves horizontally: above, else below the first segment
            tries = [(ax + 6, ay - h - 2), (ax + 6, ay + 3)]
        else:  # leaves vertically: right, else left of the first segment, near its start
            sign = 1 if by > ay else -1
            near = ay + 4 if sign > 0 else ay - h - 4
            far = ay + 24 if sign > 0 else ay - h - 24
            tries = [(ax + 5, near), (ax - w - 5, near), (ax + 5, far), (ax - w - 5, far)]
        box = next(((x, y, w, h) for x, y in tries if not _hits((x, y, w, h), taken)), (*tries[0], w, h))
        flow_boxes[f.id] = box
        taken.append(box)
    node_boxes: dict[str, Box] = {}
    for n in g.nodes:
        if not n.name or n.kind in ("task", "callActivity"):
            continue
        w, h = _text_box(n.name)
        tries = [(n.cx - w // 2, n.y + n.h + 4), (n.cx - w // 2, n.y - h - 4)]
        for dy in (4, 22, 40):
            tries += [(n.cx + 6, n.y - h - dy), (n.cx + 6, n.y + n.h + dy),
                      (n.cx - w - 6, n.y - h - dy), (n.cx - w - 6, n.y + n.h + dy)]
        box = next(((x, y, w, h) for x, y in tries if not _hits((x, y, w, h), taken)), (*tries[0], w, h))
        node_boxes[n.id] = box
        taken.append(box)
    return flow_boxes, node_boxes


# ----------------------------------------------------------------------------------------- XML
def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def _documentation(parent: etree._Element, text: str | None) -> None:
    if text:
        el = etree.SubElement(parent, _q(BPMN, "documentation"), textFormat="text/plain")
        el.text = text


def _bounds(parent: etree._Element, x: int, y: int, w: int, h: int) -> None:
    etree.SubElement(parent, _q(DC, "Bounds"), x=str(x), y=str(y), width=str(w), height=str(h))


def _xml(g: _Graph, geo: _Geometry, kode: str, name: str, text: str) -> bytes:
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
    for i, (lane_id, lane_name) in enumerate(g.lanes):
        lane = etree.SubElement(lane_set, _q(BPMN, "lane"), id=lane_id, name=lane_name)
        for n in g.nodes:
            if n.lane == i:
                etree.SubElement(lane, _q(BPMN, "flowNodeRef")).text = n.id
    for n in g.nodes:
        el = etree.SubElement(proc, _q(BPMN, n.kind), id=n.id)
        if n.name:
            el.set("name", n.name)
        if n.called:
            el.set("calledElement", n.called)
        if n.direction:
            el.set("gatewayDirection", n.direction)
        _documentation(el, n.doc)
        for f in g.flows:
            if f.target == n.id:
                etree.SubElement(el, _q(BPMN, "incoming")).text = f.id
        for f in g.flows:
            if f.source == n.id:
                etree.SubElement(el, _q(BPMN, "outgoing")).text = f.id
    for f in g.flows:
        el = etree.SubElement(proc, _q(BPMN, "sequenceFlow"), id=f.id, sourceRef=f.source, targetRef=f.target)
        if f.name:
            el.set("name", f.name)
        if f.condition:
            cond = etree.SubElement(el, _q(BPMN, "conditionExpression"))
            cond.set(_q(XSI, "type"), "bpmn:tFormalExpression")
            cond.text = f.condition

    diagram = etree.SubElement(root, _q(BPMNDI, "BPMNDiagram"), id=f"BPMNDiagram_{ident}", name=name)
    plane = etree.SubElement(diagram, _q(BPMNDI, "BPMNPlane"), id=f"BPMNPlane_{ident}",
                             bpmnElement=f"Collaboration_{ident}")
    shape = etree.SubElement(plane, _q(BPMNDI, "BPMNShape"), id=f"Participant_{ident}_di",
                             bpmnElement=f"Participant_{ident}", isHorizontal="true")
    _bounds(shape, 0, 0, geo.width, geo.height)
    for i, (lane_id, _) in enumerate(g.lanes):
        shape = etree.SubElement(plane, _q(BPMNDI, "BPMNShape"), id=f"{lane_id}_di", bpmnElement=lane_id,
                                 isHorizontal="true")
        _bounds(shape, POOL_LABEL, geo.lane_top[i], geo.width - POOL_LABEL, geo.lane_h[i])
    flow_boxes, node_boxes = _labels(g)
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
        if box:
            _bounds(etree.SubElement(edge, _q(BPMNDI, "BPMNLabel")), *box)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def graph(cat: Catalogue, doc) -> tuple[_Graph, _Geometry]:
    """Return the laid-out and routed graph of ``doc`` (the tests check its geometry through the XML)."""
    g = _level1_graph(cat, doc) if isinstance(doc, PetaLevel1) else _step_graph(cat, doc)
    geo = _place(g, doc.nama)
    _route(g, geo)
    return g, geo


def render_bytes(cat: Catalogue, doc) -> bytes:
    """Return the BPMN 2.0 XML of ``doc``."""
    g, geo = graph(cat, doc)
    return _xml(g, geo, doc.kode, doc.nama, _process_doc(cat, doc))


def render(cat: Catalogue, doc, **options) -> dict[str, bytes]:
    return {f"{doc.kode}.bpmn": render_bytes(cat, doc)}
