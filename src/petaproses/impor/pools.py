"""Who does what: pools and lanes -> actors (pelaksana), and the diagram positions (BPMNDI).

A pool with lanes gives its lanes; a pool without lanes is itself the actor (the usual way to draw the
applicant or another office).  Nested lanes: the innermost *named* lane that lists a node is its actor; an
unnamed lane takes its nearest named parent, else its pool's name (when it is the pool's only lane) or
"Lajur n".  A node no lane lists is placed by its drawn position inside a lane, else it belongs to its pool.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .graph import Actor, Graph, clean
from .reading import BPMN, BPMNDI, DC

NS = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC}
INF = float("inf")


@dataclass
class Diagram:
    pos: dict[str, tuple[float, float]] = field(default_factory=dict)  # element id -> (x, y) of its centre
    box: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)  # id -> x, y, w, h
    plane: dict[str, int] = field(default_factory=dict)
    vertical: set = field(default_factory=set)  # ids whose shape says isHorizontal="false" (pools, lanes)


def read_diagram(root: etree._Element) -> Diagram:
    """Return the shapes of every diagram in the file (the first shape of an element wins)."""
    d = Diagram()
    for k, plane in enumerate(root.iter(f"{{{BPMNDI}}}BPMNPlane")):
        for shape in plane.iter(f"{{{BPMNDI}}}BPMNShape"):
            ref = shape.get("bpmnElement")
            b = shape.find("dc:Bounds", NS)
            if not ref or b is None or ref in d.box:
                continue
            try:
                x, y, w, h = (float(b.get(a, "0")) for a in ("x", "y", "width", "height"))
            except ValueError:
                continue
            if all(abs(v) < 1e9 for v in (x, y, w, h)):  # NaN and absurd values fail this too
                d.box[ref] = (x, y, w, h)
                d.pos[ref] = (x + w / 2, y + h / 2)
                d.plane[ref] = k
                if shape.get("isHorizontal") == "false":
                    d.vertical.add(ref)
    return d


def _side_by_side(boxes: list[tuple[float, float, float, float]]) -> bool:
    """Whether the pools' boxes (x, y, w, h) stand side by side: each shares most of its height with the next
    one left to right (vertical pools; Bizagi marks them horizontal and their centres differ by a hair)."""
    if len(boxes) < 2:
        return False
    boxes = sorted(boxes)
    for (x1, y1, w1, h1), (x2, y2, _, h2) in zip(boxes, boxes[1:]):
        if x1 + w1 > x2 + 0.5 * w1 or min(y1 + h1, y2 + h2) - max(y1, y2) < 0.5 * min(h1, h2):
            return False  # one over the other, or one inside the other
    return True


class Pools:
    """Actors of one file: one per innermost named lane, per lane-less pool, per black-box pool used."""

    def __init__(self, g: Graph, root: etree._Element, di: Diagram):
        self.g, self.di = g, di
        self.part_of: dict[str, etree._Element] = {}  # process id -> its participant
        self.pool_key: dict[str, tuple] = {}  # process or participant id -> sort key of the pool
        parts = list(root.iter(f"{{{BPMN}}}participant"))
        side = _side_by_side([b for p in parts if (b := di.box.get(p.get("id") or "")) and b[2] > 0 and b[3] > 0])
        for k, part in enumerate(parts):
            ref = part.get("processRef")
            if ref and ref not in self.part_of:
                self.part_of[ref] = part
            where = di.pos.get(part.get("id") or "")
            # pools drawn side by side (vertical pools) read left to right, else top to bottom
            self.pool_key[part.get("id") or f"#{k}"] = (INF, INF, k) if not where else \
                (where[0], where[1], k) if side else (where[1], where[0], k)
        self.unnamed_pools = 0
        self.unnamed_lanes = 0
        self._names: dict[str, tuple[str, bool]] = {}

    def pool_name(self, proc: etree._Element) -> tuple[str, bool]:
        """Return (name of the pool drawing ``proc``, whether the modeller named it)."""
        part = self.part_of.get(proc.get("id") or "")
        name = clean(part.get("name")) if part is not None else ""
        name = name or clean(proc.get("name"))
        if name:
            return name, True
        self.unnamed_pools += 1
        return f"Kolam {self.unnamed_pools}", False

    def order_of(self, proc: etree._Element, index: int) -> tuple:
        part = self.part_of.get(proc.get("id") or "")
        if part is not None and part.get("id") in self.pool_key:
            return self.pool_key[part.get("id")]
        return (INF, INF, 1000 + index)

    def actor(self, key: str, name: str, order: tuple, kind: str, element: str, pool: str = "",
              named: bool = True) -> str:
        if key not in self.g.actors:
            self.g.actors[key] = Actor(key, name, order, kind, element, pool or name, named)
        return key

    def pool_actor(self, proc: etree._Element, index: int) -> str:
        """Return the actor of the pool itself (a pool without lanes, or a node outside every lane)."""
        name, named = self.pool_name_cached(proc)
        pid = proc.get("id") or f"#{index}"
        part = self.part_of.get(pid)
        element = part.get("id") if part is not None and part.get("id") else pid
        order = self.order_of(proc, index) + (-1,)  # the pool's own actor before its lanes
        return self.actor(f"{pid}\n{name}", name, order, "pool", element, name, named)

    def pool_name_cached(self, proc: etree._Element) -> tuple[str, bool]:
        pid = proc.get("id") or ""
        if pid not in self._names:
            self._names[pid] = self.pool_name(proc)
        return self._names[pid]

    def lanes(self, proc: etree._Element, index: int) -> tuple[dict[str, str], list[tuple]]:
        """Return (node id -> actor key) from the lanes of ``proc``, and the lanes' boxes for unlisted nodes.

        Walks the lane tree with a stack (no recursion on nesting depth).
        """
        pool, named_pool = self.pool_name_cached(proc)
        pid = proc.get("id") or f"#{index}"
        pool_order = self.order_of(proc, index)
        top = [lane for ls in proc.findall("bpmn:laneSet", NS) for lane in ls.findall("bpmn:lane", NS)]
        only_lane = len(top) == 1
        refs: dict[str, tuple[int, str]] = {}  # node id -> (depth, actor key) of the deepest lane listing it
        boxes: list[tuple] = []  # (area, x, y, w, h, actor key)
        stack: list[tuple[etree._Element, str | None, int]] = [(lane, None, 1) for lane in reversed(top)]
        nested = False
        while stack:
            lane, parent, depth = stack.pop()
            lid = lane.get("id") or ""
            name = clean(lane.get("name"))
            if name:
                key = self.actor(f"{pid}\n{name}", name, pool_order + (self._lane_y(lid),), "lane", lid, pool)
                if parent is not None:
                    nested = True
            elif parent is not None:
                key = parent
            else:
                self.unnamed_lanes += 1
                label = pool if (only_lane and named_pool) else f"Lajur {self.unnamed_lanes}"
                key = self.actor(f"{pid}\n{label}", label, pool_order + (self._lane_y(lid),), "lane", lid, pool,
                                 named=label == pool)
                self.g.notes.append(f"lajur tanpa nama (id {lid}) di kolam '{pool}' diberi nama '{label}'")
            for ref in lane.findall("bpmn:flowNodeRef", NS):
                node = (ref.text or "").strip()
                if node and (node not in refs or refs[node][0] <= depth):
                    refs[node] = (depth, key)
            if lid in self.di.box:
                x, y, w, h = self.di.box[lid]
                boxes.append((w * h, x, y, w, h, key))
            for child_set in lane.findall("bpmn:childLaneSet", NS):  # empty <childLaneSet/>: no children
                for child in reversed(child_set.findall("bpmn:lane", NS)):
                    stack.append((child, key, depth + 1))
        if nested:
            self.g.header.append("Lajur bersarang: pelaksana diambil dari lajur terdalam yang bernama.")
        boxes.sort(key=lambda b: b[0])  # the smallest (innermost) lane containing a point wins
        return {n: k for n, (_, k) in refs.items()}, boxes

    def _lane_y(self, lane_id: str) -> float:
        box = self.di.box.get(lane_id)
        if not box:
            return INF
        return box[0] if lane_id in self.di.vertical else box[1]  # a vertical lane: its place left to right

    def inside(self, boxes: list[tuple], node_id: str) -> str | None:
        """Return the actor of the innermost lane whose drawn box holds the centre of ``node_id``."""
        p = self.di.pos.get(node_id)
        if p is None:
            return None
        for _, x, y, w, h, key in boxes:
            if x <= p[0] <= x + w and y <= p[1] <= y + h:
                return key
        return None

    def black_box(self, part: etree._Element) -> str:
        """Return the actor of a pool drawn without a process (e.g. the applicant), for message hand-offs."""
        pid = part.get("id") or ""
        name = clean(part.get("name"))
        named = bool(name)
        if not named:
            self.unnamed_pools += 1
            name = f"Kolam {self.unnamed_pools}"
        return self.actor(f"{pid}\n{name}", name, self.pool_key.get(pid, (INF, INF, 0)) + (-1,), "pool", pid,
                          name, named)
