"""Compensation (BPMN): an activity's compensation handler runs when a compensation event is thrown later, not
as an alternative when the activity ends.

A compensation boundary event is no exit of its activity (it would make the activity a decision): the activity
says in its keterangan which handler undoes it.  A compensation throw event (intermediate or end) leads to the
handlers it names: the activity of its ``activityRef``, else the boundary events of its own name, else every
handler of its process; the handlers then go on where the throw event went on.

A compensation event sub-process (its start event catches compensation) undoes the sub-process it sits in: it
is no "Bila terjadi" branch of that sub-process (which has ended by then) but the handler a throw outside it
leads to; the compensation throws inside it undo the activities of that sub-process.
"""

from __future__ import annotations

from dataclasses import replace

from .graph import Edge, Graph, Node


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
    undoes = _event_handlers(g)  # compensation event sub-process -> the sub-process it undoes
    if not handlers and not undoes:
        return
    called: set[str] = set()
    for t in list(g.nodes.values()):
        if t.event != "kompensasi" or t.kind not in ("intermediateThrowEvent", "endEvent"):
            continue
        targets = _targets(g, t, handlers, undoes)
        if not targets:
            continue
        after = list(g.out[t.id])
        g.drop(after)
        for h in targets:
            g.connect(Edge(t.id, h, None, "", "comp"))
            source = f"{h} selesai" if h in undoes else h  # a sub-process goes on from its exit
            for e in after:
                g.connect(replace(e, source=source))
        called |= set(targets) & set(undoes)
        names = ", ".join(f"'{g.nodes[h].name or g.nodes[h].uraian or h}'" for h in targets)
        t.notes.append(f"Kompensasi: {names} dijalankan")
    for sid in sorted(called):
        _as_handler(g, sid, undoes[sid])


def _event_handlers(g: Graph) -> dict[str, str | None]:
    """Return each compensation event sub-process with the sub-process it undoes (None: the process)."""
    return {s.id: s.scope for s in g.nodes.values() if s.triggered
            and any(e.kind == "entry" and g.nodes[e.target].kind == "startEvent"
                    and g.nodes[e.target].event == "kompensasi" for e in g.out[s.id])}


def _trigger_name(g: Graph, sid: str) -> str:
    return next((g.nodes[e.target].name for e in g.out[sid] if e.kind == "entry" and g.nodes[e.target].name), "")


def _targets(g: Graph, t: Node, handlers: dict[str, list[str]], undoes: dict[str, str | None]) -> list[str]:
    """Return the handlers compensation throw ``t`` runs: by its activityRef, by name, by scope, else every
    boundary handler of its process."""
    inside = set()  # the event sub-processes ``t`` is drawn in: it does not call them
    s = t.scope
    while s is not None and s in g.nodes:
        inside.add(s)
        s = g.nodes[s].scope
    subs = [s for s in undoes if s not in inside]
    if t.compensates:
        found = [h for b in handlers if g.nodes[b].attached == t.compensates for h in handlers[b]]
        found += [s for s in subs if undoes[s] == t.compensates]
        if found:
            return list(dict.fromkeys(found))
    if t.name:
        found = [h for b in handlers if g.nodes[b].name == t.name for h in handlers[b]]
        found += [s for s in subs if _trigger_name(g, s) == t.name]
        if found:
            return list(dict.fromkeys(found))
    # BPMN undoes the activities completed in the throw's scope (inside a compensation handler: in the
    # sub-process it undoes); a sub-process with a handler of its own is undone by that handler alone
    scope = undoes[t.scope] if t.scope in undoes else t.scope
    found = [s for s in subs if undoes[s] is not None and g.nodes[undoes[s]].scope == scope]
    covered = {undoes[s] for s in found}
    found = [h for b in handlers if g.nodes[b].attached in g.nodes and g.nodes[b].attached not in covered
             and g.nodes[g.nodes[b].attached].scope == scope for h in handlers[b]] + found
    if found:
        return list(dict.fromkeys(found))
    return list(dict.fromkeys(h for b in handlers if g.nodes[b].process == t.process for h in handlers[b]))


def _as_handler(g: Graph, sid: str, undone: str | None) -> None:
    """Make compensation event sub-process ``sid`` a handler: run by the throws that call it, no "Bila terjadi"
    branch; its ends lead on to its exit (where those throws went on)."""
    s = g.nodes[sid]
    g.triggers[s.scope] = [tr for tr in g.triggers.get(s.scope, []) if tr[1] != sid]
    what = (g.nodes[undone].name or undone) if undone is not None else "proses ini"
    s.notes[0] = f"Penanganan kompensasi '{what}': dijalankan bila kompensasinya dilempar"
    if not s.name:  # not 'Menangani peristiwa ...' (collect.py): what it handles is known now
        s.uraian = f"Menangani kompensasi '{what}'"
    for n in list(g.nodes.values()):
        if n.scope == sid and n.kind == "endEvent" and not g.out[n.id]:
            g.connect(Edge(n.id, f"{sid} selesai", None, "", "exit"))
