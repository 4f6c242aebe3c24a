"""Several actors in one step, recognised back from the patterns the exporter writes (README, "BPMN").

- A joint activity (``bersama``): a parallel split whose branches are each one activity, all with the same
  name, in different lanes, all leading straight to one parallel join -> one step with those actors, in
  the order of the split's flows, ``bersama: ya``.
- A chain (several actors in turn): consecutive activities in different lanes, each the only way on from the
  one before, numbered as one chain "<uraian> (1/3)", "<uraian> (2/3)", "(3/3)" (as petaproses writes it; a
  long text stands in the first only, the others read "lanjutan (2/3)") -> one step with the actors in flow
  order and the text without its number.  Tasks that only share a name stay apart: two rows of an SOP may.

The first activity stays (its documentation and id are the step's); the others are removed from the graph
after their actors, notes, kelengkapan and output are handed to it.  Activities with boundary events,
event sub-processes or other flows in or out are left alone, so nothing the mapping would show is lost.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .graph import ACTIVITIES, CONTAINERS, STEP, Graph, Node, clean

_PART = re.compile(r"^(?P<base>.*\S) \((?P<k>\d+)/(?P<n>\d+)\)$", re.S)
FOLLOW = "lanjutan"  # the name of a long chain's later tasks: "lanjutan (2/3)"
_OWN_DOC = ("Giliran ", "Dikerjakan bersama oleh ")  # what petaproses writes on the tasks after the first


def _plain(g: Graph, nid: str, busy: set[str]) -> bool:
    """Return whether ``nid`` is an activity that may merge: a step, no container, nothing attached to it."""
    n = g.nodes.get(nid)
    return (n is not None and n.role == STEP and n.kind in ACTIVITIES - CONTAINERS and n.actor is not None
            and nid not in busy and not g.triggers.get(nid) and all(e.kind == "seq" for e in g.out[nid] + g.inc[nid]))


def collapse(g: Graph) -> list[str]:
    """Merge joint activities and chains of ``g`` into single steps; return a message per merged step."""
    busy = {n.attached for n in g.nodes.values() if n.kind == "boundaryEvent" and n.attached}
    msgs = [_joint(g, split, busy) for split in [n for n in g.nodes.values() if n.kind == "parallelGateway"]]
    heads = [nid for nid in g.nodes if _plain(g, nid, busy)]
    msgs += [_chain(g, nid, busy) for nid in heads if nid in g.nodes]
    return [m for m in msgs if m]


def _joint(g: Graph, split: Node, busy: set[str]) -> str | None:
    outs = g.out.get(split.id, [])
    if len(outs) < 2 or any(e.kind != "seq" for e in outs):
        return None
    tasks = [e.target for e in outs]
    if len(set(tasks)) != len(tasks) or not all(_plain(g, t, busy) for t in tasks):
        return None
    nodes = [g.nodes[t] for t in tasks]
    joins = {e.target for t in tasks for e in g.out[t]}
    if (any(len(g.inc[t]) != 1 or len(g.out[t]) != 1 for t in tasks) or len(joins) != 1
            or g.nodes[next(iter(joins))].kind != "parallelGateway"
            or len(g.inc[next(iter(joins))]) != len(tasks)
            or len({clean(n.name) for n in nodes}) != 1 or not clean(nodes[0].name)
            or len({n.actor for n in nodes}) != len(nodes)):
        return None
    _merge(g, nodes, joint=True)
    return f"kegiatan '{clean(nodes[0].name)}' dikerjakan bersama oleh {len(nodes)} pelaksana (cabang paralel dengan " \
           "nama sama): dijadikan satu langkah 'bersama: ya'"


def _next(g: Graph, nid: str, busy: set[str]) -> str | None:
    """Return the activity that ``nid`` alone leads to and that only ``nid`` leads to, if it may join a chain."""
    if len(g.out[nid]) != 1:
        return None
    t = g.out[nid][0].target
    return t if t != nid and _plain(g, t, busy) and len(g.inc[t]) == 1 else None


def _part(name: str) -> tuple[str, int, int] | None:
    """Return (text, k, n) of a task named as the k-th of n of a chain ("Memaraf (2/3)"), else None."""
    m = _PART.match(clean(name))
    return (m["base"], int(m["k"]), int(m["n"])) if m and 1 <= int(m["k"]) <= int(m["n"]) else None


def _chain(g: Graph, head: str, busy: set[str]) -> str | None:
    """Merge the chain that starts at ``head`` when its tasks are numbered as one whole chain ("(1/3)" ...
    "(3/3)"): two tasks that only share a name are two steps (two SOP rows may have one text and each its own
    pelaksana and mutu baku).  A later task may read "lanjutan (2/3)": the export writes a long text once."""
    first = _part(g.nodes[head].name)
    if first is None or first[1] != 1 or first[2] < 2:
        return None
    base, _, total = first
    run = [g.nodes[head]]
    while len(run) < total and (t := _next(g, run[-1].id, busy)) is not None:
        node, part = g.nodes[t], _part(g.nodes[t].name)
        if part is None or part[1:] != (len(run) + 1, total) or node.actor in {n.actor for n in run}:
            break
        run.append(node)
    if len(run) != total:
        return None  # numbered, but not as one whole chain: leave the tasks as they are
    lines = _PART.match(run[0].uraian) if run[0].uraian else None  # an uraian of several lines (collect.py)
    run[0].uraian = lines["base"] if lines else base
    # a later task named otherwise is its actor's own text ("Paraf (2/3)": tugas), "lanjutan" points back
    run[0].tasks = {n.actor: part[0] for n in run[1:] if (part := _part(n.name)) and part[0] not in (base, FOLLOW)}
    _merge(g, run, joint=False)
    return f"kegiatan '{base}' dikerjakan bergiliran oleh {len(run)} pelaksana (tugas berurutan bernomor 1/{total} " \
           f"sampai {total}/{total}): dijadikan satu langkah dengan daftar pelaksana"


def _merge(g: Graph, nodes: list[Node], joint: bool) -> None:
    """Keep ``nodes[0]`` as the step of all ``nodes``; the rest leave the graph."""
    keep, rest = nodes[0], nodes[1:]
    keep.also = [n.actor for n in rest]  # type: ignore[misc]
    keep.joint = joint
    for n in rest:
        if n.doc and not n.doc.startswith(_OWN_DOC):
            keep.notes.append(f"{n.doc}")
        keep.notes += [x for x in n.notes if x not in keep.notes]
        keep.kelengkapan += [x for x in n.kelengkapan if x not in keep.kelengkapan]
        keep.output += [x for x in n.output if x not in keep.output]
    gone = {n.id for n in rest}
    if joint:  # split -> keep -> join stay; the other branches go
        g.drop([e for n in rest for e in g.inc[n.id] + g.out[n.id]])
    else:  # keep -> (the last one's exits)
        last = nodes[-1]
        outs = list(g.out[last.id])
        g.drop([e for n in nodes for e in g.out[n.id]] + outs)
        for e in outs:
            g.connect(replace(e, source=keep.id))
    for nid in gone:
        del g.nodes[nid]
        g.out.pop(nid, None)
        g.inc.pop(nid, None)
    g.merged += len(gone)


__all__ = ["collapse"]
