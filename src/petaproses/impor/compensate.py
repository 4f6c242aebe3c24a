"""Compensation (BPMN): an activity's compensation handler runs when a compensation event is thrown later, not
as an alternative when the activity ends.

A compensation boundary event is no exit of its activity (it would make the activity a decision): the activity
says in its keterangan which handler undoes it.  A compensation throw event (intermediate or end) leads to the
handlers it names: the activity of its ``activityRef``, else the boundary events of its own name, else every
handler of its process; the handlers then go on where the throw event went on.
"""

from __future__ import annotations

from dataclasses import replace

from .graph import Edge, Graph


def link_compensation(g: Graph) -> None:
    """Rewire ``g``'s compensation: see the module's docstring.  Runs after the handlers' associations
    (``artefacts.py``) became "comp" edges from the boundary events."""
    handlers: dict[str, list[str]] = {}  # boundary event id -> its handlers
    for b in g.nodes.values():
        if b.kind == "boundaryEvent" and b.event == "kompensasi":
            comp = [e for e in g.out[b.id] if e.kind == "comp"]
            g.drop(comp)
            handlers[b.id] = [e.target for e in comp]
            names = ", ".join(f"'{g.nodes[h].name or h}'" for h in handlers[b.id])
            activity = g.nodes.get(b.attached or "")
            if activity is not None and names:
                activity.notes.append(f"Bila dibatalkan (kompensasi{f' {b.name!r}' if b.name else ''}): "
                                      f"{names} dijalankan")
    if not handlers:
        return
    for t in list(g.nodes.values()):
        if t.event != "kompensasi" or t.kind not in ("intermediateThrowEvent", "endEvent"):
            continue
        boundaries = [b for b in handlers if g.nodes[b].attached == t.compensates] if t.compensates else []
        boundaries = boundaries or [b for b in handlers if t.name and g.nodes[b].name == t.name] or \
            [b for b in handlers if g.nodes[b].process == t.process]
        targets = list(dict.fromkeys(h for b in boundaries for h in handlers[b]))
        if not targets:
            continue
        after = list(g.out[t.id])
        g.drop(after)
        for h in targets:
            g.connect(Edge(t.id, h, None, "", "comp"))
            for e in after:
                g.connect(replace(e, source=h))
        names = ", ".join(f"'{g.nodes[h].name or h}'" for h in targets)
        t.notes.append(f"Kompensasi: {names} dijalankan")
