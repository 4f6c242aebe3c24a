"""A level-1 map exported by petaproses, read back as one (review P): its processes, stakeholders and arcs.

The export (``render/bpmn.py``, ``layout/bpmn_graph.level1_graph``) draws a lane per category, a task or call
activity per process (documented "Kode", "Kategori", "Rincian"), the map's arcs as flows (through a parallel
fork or an exclusive join where several leave or enter, the arc's label on it), and a start and an end reached
along bus flows.  The arcs are the flows from one process to another through those gateways.
"""

from __future__ import annotations

from .graph import ACTIVITIES, Graph
from .identity import Identity
from .mapping import Step


def level1(g: Graph, steps: list[Step], ids: dict[str, str], ident: Identity) -> list[tuple[str, object]]:
    """Return the keys after the map's own: pemangku_kepentingan, proses and alur (a list of mappings each)."""
    out: list[tuple[str, object]] = []
    held = ident.stakeholders()
    if held:
        out.append(("pemangku_kepentingan", held))
    place = {nid: i for i, nid in enumerate(g.nodes)}  # the export writes the processes in the map's order
    real = sorted((s for s in steps if s.node is not None and s.node.kind in ACTIVITIES),
                  key=lambda s: place[s.node.id])
    proses, main = [], []
    for s in real:
        found = ident.step(s.node.doc or "")
        kategori = found.get("kategori") or (g.actors[s.actor].element.removeprefix("Lane_") if s.actor in g.actors
                                             else "utama")
        item = {"id": ids[s.key], "kode": found.get("kode"), "nama": s.uraian, "kategori": kategori,
                "rincian": found.get("rincian")}
        proses.append({k: v for k, v in item.items() if v})
        if kategori == "utama":
            main.append(ids[s.key])
    out.append(("proses", proses))
    arcs = _arcs(g, {s.node.id: s for s in real}, ids)
    if arcs != [(a, b, None) for a, b in zip(main, main[1:])]:  # else the map left them out: the default
        out.append(("alur", [{"dari": a, "ke": b, **({"label": label} if label else {})} for a, b, label in arcs]))
    return out


def _arcs(g: Graph, by_node: dict[str, Step], ids: dict[str, str]) -> list[tuple[str, str, str | None]]:
    """Return (from, to, label) for every flow from one process to another through gateways, in flow order."""
    out: list[tuple[str, str, str | None]] = []
    for nid, s in by_node.items():
        todo = [(e.target, e.label) for e in reversed(g.out.get(nid, []))]
        seen: set[str] = set()
        while todo:
            t, label = todo.pop()
            if t in seen:
                continue
            seen.add(t)
            if t in by_node:
                out.append((ids[s.key], ids[by_node[t].key], label))
            elif g.nodes.get(t) is not None and g.nodes[t].kind.endswith("Gateway"):
                todo += [(e.target, label or e.label) for e in reversed(g.out.get(t, []))]
    return out
