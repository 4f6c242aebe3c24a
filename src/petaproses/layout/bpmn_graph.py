"""The BPMN elements a map or SOP becomes, each in its cell: lane, column and row within the lane.

Cross-functional maps and SOPs become a pool with one lane per pelaksana and one column per step in file order
(``layout.grid``), so the BPMN picture agrees with the Graphviz and .docx ones; the nodes of a step (a join,
its task, a split or end) share the step's column (a joint step's split, tasks and merge take one each).
Sub-process and level-1 maps become processes of call activities laid out by the flow (``layered``): every
element its own column, the longest path from the start, and alternative or parallel branches side by side in
rows of their lane, the first branch on the row of the gateway, the next ones below it.  A decision step
(``cabang``) becomes a task followed by an exclusive gateway: the step's mutu baku (time, inputs, outputs)
belong to an activity, since a BPMN gateway does no work and modelers show no documentation or duration for
it; the gateway then only carries the branches.
``bpmn_di`` gives every element its coordinates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..catalogue import Catalogue
from ..model import END_TARGET, KATEGORI, PetaLevel1, PetaLintasFungsi, PetaSubProses
from . import bpmn_text
from .grid import grid_layout

# element sizes (px, bpmn-js defaults; tasks wider than bpmn-js's 100x80: SOP activity texts run to 60-90
# characters; ``bpmn_di`` sizes each activity to its name)
SIZE = {"startEvent": (36, 36), "endEvent": (36, 36), "task": (130, 90), "callActivity": (130, 90),
        "exclusiveGateway": (50, 50), "parallelGateway": (50, 50), "inclusiveGateway": (50, 50)}
KATEGORI_NAMA = {"manajemen": "Proses Manajemen", "utama": "Proses Utama", "pendukung": "Proses Pendukung"}


def xml_id(text: str) -> str:
    """Return ``text`` as part of an XML NCName id (codes like SETDA.ORG.01 -> SETDA_ORG_01)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", text)


def process_id(kode: str) -> str:
    """Return the BPMN process id of the document ``kode``: what call activities name as calledElement."""
    return f"Proses_{xml_id(kode)}"


@dataclass
class BpmnNode:
    id: str
    kind: str  # BPMN element local name
    name: str | None
    lane: int
    col: int
    doc: str | None = None
    called: str | None = None
    direction: str | None = None  # gateways: Diverging / Converging
    row: int = 0  # within the lane: layered maps put side-by-side branches on rows
    x: int = 0
    y: int = 0
    w: int = 0
    h: int = 0

    def __post_init__(self) -> None:
        self.w, self.h = self.w or SIZE[self.kind][0], self.h or SIZE[self.kind][1]

    @property
    def band(self) -> tuple[int, int]:
        """(lane, row): the horizontal band the node lies in, top to bottom."""
        return self.lane, self.row

    @property
    def is_activity(self) -> bool:
        return self.kind in ("task", "callActivity")

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
class BpmnFlow:
    id: str
    source: str
    target: str
    name: str | None = None
    condition: str | None = None
    back: bool = False
    bus: str = ""  # level 1: "from" the start fork or "to" the final join, along a lane strip (``bpmn_di._bus``)
    points: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class BpmnGraph:
    lanes: list[tuple[str, str]]  # (lane id, name)
    nodes: list[BpmnNode] = field(default_factory=list)
    flows: list[BpmnFlow] = field(default_factory=list)
    by_id: dict[str, BpmnNode] = field(default_factory=dict)

    def add(self, node: BpmnNode) -> BpmnNode:
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
        self.flows.append(BpmnFlow(fid, source, target, name, condition, back, bus))


def _called(cat: Catalogue, code: str | None) -> str | None:
    return process_id(code) if code and code in cat.by_code else None


def _activity_kind(called: str | None) -> str:
    return "callActivity" if called else "task"


def _condition(label: str) -> str:
    """Return a readable, Python-valid condition (SpiffWorkflow evaluates Python) for a branch label."""
    return f"keputusan == {label!r}"


def step_graph(cat: Catalogue, doc: PetaLintasFungsi | PetaSubProses) -> BpmnGraph:
    """Return the elements of a cross-functional map, SOP or sub-process map (see ``_step_nodes`` for a step)."""
    grid = grid_layout(cat, doc)
    flow = grid.flow
    lane_prefix = "Lane_" if isinstance(doc, PetaLintasFungsi) else "Lane_pd_"
    g = BpmnGraph([(f"{lane_prefix}{xml_id(lane.id)}", lane.name) for lane in grid.lanes])
    first = flow.start
    g.add(BpmnNode("StartEvent_1", "startEvent", "Mulai", grid.lane_of[first.id], 0))
    entry: dict[str, str] = {}
    exit_: dict[str, str] = {}
    col = 1
    for node in grid.nodes:
        col = _step_nodes(g, cat, doc, grid, node, col, entry, exit_)
    g.connect("StartEvent_1", entry[first.id])
    for e in _exits(flow):
        label = e.label if flow.by_id[e.source].is_decision else None
        condition = _condition(label) if label is not None else None
        target = _end_id(e) if e.target == END_TARGET else entry[e.target]
        g.connect(exit_[e.source], target, label, condition, e.back)
    if isinstance(doc, PetaSubProses):
        layered(g)
    else:
        _side_steps(g)
        _lift(g)
    return g


def _side_steps(g: BpmnGraph) -> None:
    """Set a step off a decision's line (row 1 below, or -1 above when a loop or a branch to a lower lane
    leaves the gateway by its bottom) when only the decision leads to it and another branch goes on to a
    later step of the same lane: the step (a return for corrections, say) would stand in that branch's way,
    which went down and round it (review P, BKPSDM.MUT.SOP.01 "Lengkap")."""
    for gw in [n for n in g.nodes if n.kind == "exclusiveGateway" and n.direction == "Diverging"]:
        outs = [f for f in g.flows if f.source == gw.id]
        on = sorted((g.by_id[f.target] for f in outs if not f.back and g.by_id[f.target].lane == gw.lane
                     and g.by_id[f.target].col > gw.col), key=lambda n: n.col)
        if len(on) < 2 or not on[0].is_activity or on[0].row or gw.row:
            continue
        side = on[0]
        if sum(f.target == side.id for f in g.flows) != 1 or any(n.col == side.col and n is not side for n in g.nodes
                                                                if n.lane == gw.lane):
            continue
        down = any(f.back or g.by_id[f.target].lane > gw.lane for f in outs)
        side.row = -1 if down else 1


def _exits(flow) -> list:
    """Return every exit of every step, in step order and each step's written order; a branch to `selesai` too."""
    ends: dict[str, list] = {}
    for e in flow.end_exits:
        ends.setdefault(e.source, []).append(e)
    return [e for n in flow.nodes for e in sorted(flow.out[n.id] + ends.get(n.id, []), key=lambda e: e.index)]


def _exits_of(flow, node_id: str) -> list:
    """``_exits`` of one step (each step asking for all of them made a map's graph quadratic)."""
    ends = [e for e in flow.end_exits if e.source == node_id]
    return sorted(flow.out[node_id] + ends, key=lambda e: e.index)


def _end_id(e) -> str:
    return f"EndEvent_{e.source}_{e.index + 1}"


def _step_nodes(g: BpmnGraph, cat: Catalogue, doc, grid, node, col: int, entry: dict, exit_: dict) -> int:
    """Add the elements of one step from column ``col`` on; return the next free column.

    One actor: a task in its lane.  A chain (several actors in turn): one task per actor, named
    "<uraian> (k/n)", in successive columns and their lanes, linked in the written order.  A joint activity
    (``bersama``): a parallel split, one task per actor named as the step, a parallel join, each in a column of
    its own, so the split's branches fan out to the right and the join's flows come in from the left
    (``_merge_lane``).
    The first task carries the step's documentation (its mutu baku), the others say whose turn they are.
    Around them: an exclusive join when several flows come in, then the decision gateway (with an end event
    per branch to `selesai`, in the next column), a parallel fork for a `ke` list, or an end event.
    """
    flow = grid.flow
    lanes = grid.lanes_of[node.id]
    item = node.item
    called = _called(cat, item.rincian)
    if isinstance(doc, PetaLintasFungsi):
        name, text = item.uraian, None  # render/bpmn.py writes a step's documentation (what impor reads back)
    else:
        name, text = item.nama, f"Kode: {item.kode}" if item.kode else None
    tid = f"{'CallActivity' if called else 'Task'}_{node.id}"
    lane = lanes[0]
    incoming = len(flow.into[node.id]) + (1 if node.is_start else 0)
    if incoming > 1:
        g.add(BpmnNode(f"Join_{node.id}", "exclusiveGateway", None, lane, col, direction="Converging"))
    tasks = [tid] + [f"Task_{node.id}-{k}" for k in range(2, len(lanes) + 1)]
    exits = _exits_of(flow, node.id)
    if node.joint:
        g.add(BpmnNode(f"Split_{node.id}", "parallelGateway", None, lane, col, direction="Diverging"))
        head, last, last_col = f"Split_{node.id}", f"Merge_{node.id}", col + 2
        for k, (task, task_lane) in enumerate(zip(tasks, lanes)):
            g.add(BpmnNode(task, _activity_kind(called) if k == 0 else "task", name, task_lane, col + 1,
                           text if k == 0 else _part_doc(cat, node, k), called if k == 0 else None))
            g.connect(head, task)
        last_lane = _merge_lane(grid, node, exits)
        g.add(BpmnNode(last, "parallelGateway", None, last_lane, last_col, direction="Converging"))
        for task in tasks:
            g.connect(task, last)
    else:
        head = tid
        for k, (task, task_lane) in enumerate(zip(tasks, lanes)):
            own = (getattr(item, "tugas", None) or {}).get(node.actors[k]) if node.actors else None  # "Paraf"
            shown = bpmn_text.chain_name(name, k, len(lanes), own)
            g.add(BpmnNode(task, _activity_kind(called) if k == 0 else "task", shown, task_lane, col + k,
                           text if k == 0 else _part_doc(cat, node, k), called if k == 0 else None))
            if k:
                g.connect(tasks[k - 1], task)
        last, last_lane, last_col = tasks[-1], lanes[-1], col + len(lanes) - 1
    if incoming > 1:
        g.connect(f"Join_{node.id}", head)
    entry[node.id] = f"Join_{node.id}" if incoming > 1 else head
    if node.is_decision:
        g.add(BpmnNode(f"Gateway_{node.id}", "exclusiveGateway", " / ".join(e.label or "" for e in exits) + "?",
                       last_lane, last_col, direction="Diverging"))
        g.connect(last, f"Gateway_{node.id}")
        exit_[node.id] = f"Gateway_{node.id}"
        ends = [e for e in exits if e.target == END_TARGET]
        row = _end_row(grid, exits, last_lane) if ends else 0
        for e in ends:  # a column of their own: the gap before it is sized to the branch's label
            g.add(BpmnNode(_end_id(e), "endEvent", "Selesai", last_lane, last_col + 1, row=row))
        last_col += 1 if ends else 0
    elif len(exits) > 1:
        g.add(BpmnNode(f"Fork_{node.id}", "parallelGateway", None, last_lane, last_col, direction="Diverging"))
        g.connect(last, f"Fork_{node.id}")
        exit_[node.id] = f"Fork_{node.id}"
    elif not exits:
        g.add(BpmnNode(f"EndEvent_{node.id}", "endEvent", "Selesai", last_lane, last_col))
        g.connect(last, f"EndEvent_{node.id}")
    else:
        exit_[node.id] = last
    return last_col + 1


def _end_row(grid, exits: list, lane: int) -> int:
    """Return the row of a decision's end events: 0 (on the gateway's line), or 1 below or -1 above it (see
    ``_lift``) when a branch goes on to a step of the same lane, whose line would otherwise bend around the
    end (review P); above when a loop or a branch to a lower lane leaves the gateway by its bottom."""
    if not any(e.target != END_TARGET and not e.back and grid.lanes_of[e.target][0] == lane for e in exits):
        return 0
    down = any(e.back or (e.target != END_TARGET and grid.lanes_of[e.target][0] > lane) for e in exits)
    return -1 if down else 1


def _lift(g: BpmnGraph) -> None:
    """Move every node of a lane that holds an end event on row -1 one row down, so rows count from 0."""
    for lane in {n.lane for n in g.nodes if n.row < 0}:
        for n in g.nodes:
            if n.lane == lane:
                n.row += 1


def _merge_lane(grid, node, exits: list) -> int:
    """Return the lane of a joint step's merge, which stands in a column of its own after the tasks: the lane
    of the one step it leads to, so the flows come into it from above and below and the one out of it runs
    straight on; else (a decision, a fork, a loop, the end) the first actor's."""
    if len(exits) == 1 and not node.is_decision and not exits[0].back and exits[0].target != END_TARGET:
        return grid.lanes_of[exits[0].target][0]
    return grid.lanes_of[node.id][0]


def _part_doc(cat: Catalogue, node, k: int) -> str:
    """Return the documentation of the ``k``-th task (from 0) of a chain or joint step after its first."""
    actors = node.actors
    if node.joint:
        return (f"Dikerjakan bersama oleh {cat.actors_name(actors, True)} (langkah {node.number}); mutu baku pada "
                "tugas pertama")
    return (f"Giliran {k + 1} dari {len(actors)}: {cat.actor_name(actors[k])} (langkah {node.number}); mutu baku "
            "pada giliran pertama")


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


def level1_graph(cat: Catalogue, doc: PetaLevel1) -> BpmnGraph:
    """Return the level-1 map as a process: one lane per category, processes left to right along the arcs.

    The start fork reaches the processes that nothing feeds along one "bus" per lane strip (flows marked
    ``bus``, see ``bpmn_di``); each process that feeds nothing ends at an end event of its own, next to it (an
    exclusive merge of the fork's tokens before one end read as double tokens, review M 06).  Every merge here
    is exclusive and waits for nothing: a level-1 map is a landscape where each delivery along an ``alur`` starts
    the process it feeds on its own (a permit is served after a promotion or after a complaint, not after
    both).  Processes with no arc at all (most management and support processes) stand in a row of their
    lane, each followed by its end, like a value chain; the others are laid out by their arcs (``layered``).
    """
    cats = [k for k in KATEGORI if any(p.kategori == k for p in doc.proses)]
    g = BpmnGraph([(f"Lane_{k}", KATEGORI_NAMA[k]) for k in cats])
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
    sources = [pid for pid in ids if not any(b == pid for _, b in fwd)]
    sinks = [pid for pid in ids if not any(a == pid for a, _ in fwd)]
    utama = cats.index("utama") if "utama" in cats else 0
    g.add(BpmnNode("StartEvent_1", "startEvent", "Mulai", utama, 0))
    start = "StartEvent_1"
    if len(sources) > 1:
        g.add(BpmnNode("Fork_mulai", "parallelGateway", None, utama, 0, direction="Diverging"))
        g.connect("StartEvent_1", "Fork_mulai")
        start = "Fork_mulai"
    incoming = {pid: sum(1 for _, b, _ in arcs if b == pid) + (pid in sources) for pid in ids}
    outgoing = {pid: sum(1 for a, _, _ in arcs if a == pid) + (pid in sinks) for pid in ids}
    entry: dict[str, str] = {}
    exit_: dict[str, str] = {}
    for p in doc.proses:
        called = _called(cat, p.rincian)
        tid = f"{'CallActivity' if called else 'Task'}_{p.id}"
        entry[p.id] = exit_[p.id] = tid
        if incoming[p.id] > 1:
            g.add(BpmnNode(f"Join_{p.id}", "exclusiveGateway", None, lane[p.id], 0, direction="Converging"))
            g.connect(f"Join_{p.id}", tid)
            entry[p.id] = f"Join_{p.id}"
        text = "\n".join(x for x in (f"Kode: {p.kode}" if p.kode else "", f"Kategori: {p.kategori}") if x)
        g.add(BpmnNode(tid, _activity_kind(called), p.nama, lane[p.id], 0, text, called))
        if outgoing[p.id] > 1:
            g.add(BpmnNode(f"Fork_{p.id}", "parallelGateway", None, lane[p.id], 0, direction="Diverging"))
            g.connect(tid, f"Fork_{p.id}")
            exit_[p.id] = f"Fork_{p.id}"
    for s in sources:
        g.connect(start, entry[s], bus="from" if len(sources) > 1 else "")
    for a, b, label in arcs:
        g.connect(exit_[a], entry[b], label, None, (a, b) in back)
    end = "EndEvent_1"
    if len(sinks) > 1:  # each process ends on its own: an end each, no merge of the fork's tokens (review M 06)
        for s in sinks:
            g.add(BpmnNode(f"EndEvent_{s}", "endEvent", "Selesai", lane[s], 0))
            g.connect(exit_[s], f"EndEvent_{s}")
    else:
        g.add(BpmnNode(end, "endEvent", "Selesai", utama, 0))
        g.connect(exit_[sinks[0]], end)
    linked = {x for a, b, _ in arcs for x in (a, b)}
    ends = {pid: [f"EndEvent_{pid}"] if len(sinks) > 1 else [] for pid in ids}  # each after its process
    chains = [[x for pid in ids if lane[pid] == i and pid not in linked for x in [entry[pid], *ends[pid]]]
              for i in range(len(cats))]
    layered(g, chains)
    return g


def _dfs_rank(g: BpmnGraph) -> dict[str, int]:
    """Return each node's rank in a depth-first walk from the start along the flows in their order, so the
    first branch of a split comes before the second and everything that follows it."""
    out: dict[str, list[str]] = {n.id: [] for n in g.nodes}
    for f in g.flows:
        out[f.source].append(f.target)
    rank: dict[str, int] = {}
    for root in [n.id for n in g.nodes]:
        stack = [root]
        while stack:
            a = stack.pop()
            if a in rank:
                continue
            rank[a] = len(rank)
            stack.extend(reversed([b for b in out[a] if b not in rank]))
    return rank


def layered(g: BpmnGraph, chains: list[list[str]] | tuple = ()) -> None:
    """Give every node its own column and a row in its lane.

    The column is the longest path from the start over the forward flows (and along ``chains``: node ids kept
    in successive columns though no flow joins them).  In column order, and within a column in depth-first
    order, a node takes the row of its first predecessor in the same lane when that cell and the cells
    between them on that row are free, else the next free row below: a split's first branch stays on the
    gateway's row and the others come below it, side by side.
    """
    ids = [n.id for n in g.nodes]
    preds: dict[str, list[str]] = {i: [] for i in ids}
    arcs = [(f.source, f.target) for f in g.flows if not f.back and f.source != f.target]
    arcs += [(a, b) for chain in chains for a, b in zip(chain, chain[1:])]
    for a, b in arcs:
        preds[b].append(a)
    col = {i: 0 for i in ids}
    indeg = {i: len(preds[i]) for i in ids}
    ready = [i for i in ids if indeg[i] == 0]
    while ready:
        a = ready.pop(0)
        for x, b in arcs:
            if x == a:
                col[b] = max(col[b], col[a] + 1)
                indeg[b] -= 1
                if indeg[b] == 0:
                    ready.append(b)
    rank = _dfs_rank(g)
    taken: set[tuple[int, int, int]] = set()  # (lane, column, row)
    for i in sorted(ids, key=lambda k: (col[k], rank[k])):
        n = g.by_id[i]
        first = next((g.by_id[p] for p in preds[i] if g.by_id[p].lane == n.lane), None)
        c0 = first.col + 1 if first else col[i]
        row = first.row if first else 0
        while any((n.lane, c, row) in taken for c in range(c0, col[i] + 1)):
            row += 1
        n.col, n.row = col[i], row
        taken.add((n.lane, n.col, row))
