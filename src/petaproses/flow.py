"""The flow graph implied by a list of steps: implicit next step, branches, derived terminators.

Every renderer (BPMN, Graphviz, .docx, HTML) reads the flow from here, so they agree on what follows what.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Sequence

from .model import END_TARGET, Kegiatan, SubProses

Symbol = Literal["terminator", "process", "decision"]


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str | None  # the branch label of a decision
    back: bool  # goes to the same or an earlier step (a loop)
    index: int  # position in the source's outgoing list (0 = the step's first exit)


@dataclass(frozen=True)
class Node:
    id: str
    index: int  # 0-based position in the file; the row of the SOP table
    item: Kegiatan | SubProses
    is_start: bool
    is_end: bool
    is_decision: bool

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def actors(self) -> list[str]:
        """Return the actor ids of the step (several for a chain or a joint activity; none for a sub-process)."""
        return self.item.actors if isinstance(self.item, Kegiatan) else []

    @property
    def joint(self) -> bool:
        """Return whether the step's actors act together (joined boxes) rather than in turn (a chain)."""
        return isinstance(self.item, Kegiatan) and self.item.bersama and len(self.item.actors) > 1

    @property
    def symbol(self) -> Symbol:
        """Return the SOP AP symbol: decisions are diamonds, the first and the last steps capsules."""
        if self.is_decision:
            return "decision"
        if self.is_start or self.is_end:
            return "terminator"
        return "process"


@dataclass
class Flow:
    nodes: list[Node]
    edges: list[Edge]
    by_id: dict[str, Node] = field(default_factory=dict)
    out: dict[str, list[Edge]] = field(default_factory=dict)
    into: dict[str, list[Edge]] = field(default_factory=dict)
    # branches that end the process (`cabang: {Tidak: selesai}`); target END_TARGET, not a node of the graph
    end_exits: list[Edge] = field(default_factory=list)

    @property
    def start(self) -> Node:
        return self.nodes[0]

    @property
    def ends(self) -> list[Node]:
        """Return the steps drawn as end terminators (no successor)."""
        return [n for n in self.nodes if n.is_end]

    def finishing(self) -> list[Node]:
        """Return the steps after which the process can end: the ends, and decisions with a branch to `selesai`."""
        sources = {e.source for e in self.end_exits}
        return [n for n in self.nodes if n.is_end or n.id in sources]


def step_id(item: Kegiatan | SubProses, index: int) -> str:
    """Return the author's id, or a stable one derived from the position (k3 = third step)."""
    if item.id:
        return item.id
    return f"{'k' if isinstance(item, Kegiatan) else 'sp'}{index + 1}"


def targets(item: Kegiatan | SubProses) -> list[tuple[str | None, str]]:
    """Return the explicit exits of ``item`` as (label, target id); empty when it follows the next step."""
    if item.cabang:
        return [(label, target) for label, target in item.cabang.items()]
    if item.ke:
        return [(None, t) for t in ([item.ke] if isinstance(item.ke, str) else item.ke)]
    return []


def build_flow(items: Sequence[Kegiatan | SubProses]) -> Flow:
    """Return the flow graph of ``items``; exits to unknown ids are left out (validation reports them)."""
    ids = [step_id(item, i) for i, item in enumerate(items)]
    index = {sid: i for i, sid in reversed(list(enumerate(ids)))}
    raw_edges: list[Edge] = []
    end_exits: list[Edge] = []
    for i, item in enumerate(items):
        exits = targets(item)
        if not exits and not item.selesai and i + 1 < len(items):
            exits = [(None, ids[i + 1])]
        for k, (label, target) in enumerate(exits):
            if target == END_TARGET and item.cabang:
                end_exits.append(Edge(ids[i], END_TARGET, label, False, k))
            elif target in index:
                raw_edges.append(Edge(ids[i], target, label, index[target] <= i, k))
    has_out = {e.source for e in raw_edges} | {e.source for e in end_exits}
    nodes = [
        Node(sid, i, item, i == 0, sid not in has_out, bool(item.cabang))
        for i, (sid, item) in enumerate(zip(ids, items))
    ]
    flow = Flow(nodes, raw_edges, end_exits=end_exits)
    for n in nodes:
        flow.by_id.setdefault(n.id, n)
        flow.out.setdefault(n.id, [])
        flow.into.setdefault(n.id, [])
    for e in raw_edges:
        flow.out[e.source].append(e)
        flow.into[e.target].append(e)
    return flow


def reachable(flow: Flow, start: str, forward: bool = True) -> set[str]:
    """Return the ids reachable from ``start`` (or that reach it, with ``forward=False``)."""
    adj = flow.out if forward else flow.into
    seen = {start}
    stack = [start]
    while stack:
        for e in adj.get(stack.pop(), []):
            nxt = e.target if forward else e.source
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen
