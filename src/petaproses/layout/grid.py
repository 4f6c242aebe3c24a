"""The one layout model that BPMN, Graphviz and the .docx flowchart share: a grid of steps and lanes.

A step's row is its position in the file (the SOP table row, the BPMN column), its lane the column of its
actor.  Each renderer turns the grid into its own coordinates, so the three pictures of a process agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..catalogue import Catalogue
from ..flow import Edge, Flow, Node, build_flow
from ..model import PetaLintasFungsi, PetaSubProses


@dataclass(frozen=True)
class Lane:
    id: str
    name: str
    index: int


@dataclass
class GridLayout:
    flow: Flow
    lanes: list[Lane]
    lane_of: dict[str, int]  # step id -> lane index (of its first actor)
    row_of: dict[str, int]  # step id -> row index (0-based)
    # step id -> the lanes of all its actors, in the written order (one lane unless a chain or joint step)
    lanes_of: dict[str, list[int]] = field(default_factory=dict)

    @property
    def nodes(self) -> list[Node]:
        return self.flow.nodes

    @property
    def edges(self) -> list[Edge]:
        return self.flow.edges

    def lane(self, node_id: str) -> Lane:
        return self.lanes[self.lane_of[node_id]]


def grid_layout(cat: Catalogue, doc: PetaLintasFungsi | PetaSubProses) -> GridLayout:
    """Return the grid of ``doc``: one lane per actor (a single lane for sub-process maps)."""
    if isinstance(doc, PetaLintasFungsi):
        flow = build_flow(doc.kegiatan)
        actor_ids = cat.lanes(doc)
        lanes = [Lane(a, cat.actor_name(a), i) for i, a in enumerate(actor_ids)]
        index = {a: i for i, a in enumerate(actor_ids)}
        lanes_of = {n.id: [index[a] for a in n.actors] for n in flow.nodes}
    else:
        flow = build_flow(doc.sub_proses)
        lanes = [Lane(doc.perangkat_daerah, cat.department_name(doc), 0)]
        lanes_of = {n.id: [0] for n in flow.nodes}
    lane_of = {k: v[0] for k, v in lanes_of.items()}
    return GridLayout(flow, lanes, lane_of, {n.id: n.index for n in flow.nodes}, lanes_of)
