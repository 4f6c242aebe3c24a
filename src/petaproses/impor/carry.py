"""What the steps carry of BPMN elements that are not steps themselves (after ``mapping.py``).

- a start event's name and documentation: keterangan of the step it leads to ("Diawali: ...");
- an end event's name and documentation: keterangan of the steps that lead to it ("Berakhir: ..."), unless a
  closing step already bears the name;
- a gateway's documentation: keterangan of the step that decides ("Dasar keputusan: ...");
- a sequence flow's documentation: keterangan of the step it leaves ("Alur 'label': ...");
- a message flow's name: output of the step that sends it (what is handed over);
- the main process's documentation: the map's ``deskripsi``.
A name the tools make up ("Start", "EndEvent_1", "Message Flow 2") says nothing and is left; what has
something to say and no step to go to is listed as not carried (``Graph.skip``).
"""

from __future__ import annotations

import re

from .graph import EVENTS, GATEWAYS, PASS, Graph, Node, clean
from .graph import meaningful as _meaningful
from .mapping import Mapper, Step
from .resolve import is_end

def carry(g: Graph, mapper: Mapper, steps: list[Step]) -> None:
    """Add to ``steps`` (notes, the node's output) what the elements around them say; list what cannot go."""
    holder = {s.node.id: s for s in steps if s.node is not None}
    keyed = {s.key: s for s in steps}
    for d, s in mapper.absorbed.items():  # a decision written inside the step before it
        if s in keyed:
            holder.setdefault(d, keyed[s])
    said = _said(steps)
    for n in g.nodes.values():
        if n.id in holder and holder[n.id].node is n:
            continue  # a step of its own: its name is the uraian, its documentation is read with it
        name = n.name if n.kind in EVENTS and _meaningful(n.name) and n.name.casefold() not in said else ""
        doc = clean(n.doc) if n.doc and n.kind in EVENTS | GATEWAYS else ""
        if not name and not doc:
            continue
        if n.kind == "endEvent":
            where, word = _before(g, n, holder), "Berakhir"
        elif n.kind in GATEWAYS and n.id in holder:
            where, word = [holder[n.id]], "Dasar keputusan"
        else:
            where = _after(g, mapper, n, holder, keyed)
            word = "Diawali" if n.kind == "startEvent" else "Gerbang" if n.kind in GATEWAYS else "Peristiwa"
        text = "; ".join(t for t in (name, doc) if t)
        if not where:
            g.skip(n.kind, n.name, n.id, "tidak bersebelahan dengan langkah mana pun: nama/dokumentasinya hilang")
            continue
        for s in where:
            _note(s, f"{word}: {text}")
    told = _Told(steps)
    for edges in g.out.values():
        for e in edges:
            if e.kind == "msg" and _meaningful(e.label or "") and e.source in holder:
                node = holder[e.source].node
                label = clean(e.label)
                if label.casefold() not in said and node is not None and label not in node.output:
                    node.output.append(label)
            if e.kind == "seq" and e.flow and e.label and not e.conditional:
                _flow_name(g, e, holder, told)
            doc = g.flow_docs.get(e.flow, "") if e.flow else ""
            if doc:
                if e.source in holder:
                    told.note(holder[e.source], f"Alur{f' {e.label!r}' if e.label else ''}: {doc}")
                else:
                    g.skip("sequenceFlow", e.label or "", e.flow, "tidak berawal di langkah: dokumentasinya hilang")


class _Told:
    """What the steps say (uraian, notes, branch labels), casefolded, for a name's "already said?": read once and
    added to as notes are written (it was joined again for every named flow: 10,000 tasks took 13 s to import).
    A name is one line (``clean``), so whether it is in the joined text does not depend on the order of the parts."""

    def __init__(self, steps: list[Step]) -> None:
        self.steps, self.text, self.later, self.added = steps, None, "", []

    def has(self, label: str) -> bool:
        if self.text is None:  # (the notes written since are in ``later``: the long text is not copied again)
            self.text = "\n".join(x for s in self.steps for x in [s.uraian, *s.notes, *(b for b, _ in s.cabang or [])])
            self.text, self.added = self.text.casefold(), []
        if self.added:
            self.later += "\n" + "\n".join(self.added).casefold()
            self.added = []
        name = label.casefold()
        return name in self.text or name in self.later

    def note(self, s: Step, text: str) -> None:
        if text not in s.notes:
            s.notes.append(text)
            self.added.append(text)


def _flow_name(g: Graph, e, holder: dict[str, Step], told: _Told) -> None:
    """A sequence flow's name that no branch label, note or step text carries ("Minat investasi" between two
    tasks, on a parallel branch) goes to the keterangan of the step it leaves: it was dropped unsaid (review P)."""
    label = clean(e.label)
    if not _meaningful(label) or told.has(label):
        return
    where = [holder[e.source]] if e.source in holder else _before(g, g.nodes[e.source], holder)
    target = holder.get(e.target)
    text = f"Alur '{label}'" + (f" ke '{target.uraian}'" if target is not None else "")
    if not where:
        g.skip("sequenceFlow", label, e.flow, "tidak berawal di langkah: namanya hilang")
    for s in where:
        told.note(s, text)


def _said(steps: list[Step]) -> set[str]:
    """Names already in the written steps (an end's name in its closing step, a message in its hand-off step)."""
    out: set[str] = set()
    for s in steps:
        for text in [s.uraian, *s.notes, *(label for label, _ in s.cabang or [])]:
            out.update(m.casefold() for m in re.findall(r"\(([^()]*)\)|'([^']*)'", text) for m in m if m)
            out.add(text.casefold())
        if s.uraian.startswith(("Menerima ", "Mengirim ")):
            out.add(s.uraian.split(" ", 1)[1].casefold())
    return out


def _note(s: Step, text: str) -> None:
    if text not in s.notes:
        s.notes.append(text)


def _before(g: Graph, n: Node, holder: dict[str, Step]) -> list[Step]:
    """The steps whose flows lead to ``n`` through gateways and events that are no steps."""
    found: dict[str, Step] = {}
    seen, todo = {n.id}, [e.source for e in g.inc[n.id]]
    while todo:
        v = todo.pop()
        if v in seen:
            continue
        seen.add(v)
        if v in holder:
            found[holder[v].key] = holder[v]
        elif g.nodes[v].role == PASS:
            todo += [e.source for e in g.inc[v]]
    return list(found.values())


def _after(g: Graph, mapper: Mapper, n: Node, holder: dict[str, Step], keyed: dict[str, Step]) -> list[Step]:
    """The first step ``n`` leads to (through what is no step), or the step it stands in (a boundary event)."""
    if n.attached in holder:
        return [holder[n.attached]]
    for e in g.out[n.id]:
        for t in mapper.route(e.target)[0]:
            if not is_end(t):
                key = mapper.absorbed.get(t, t)
                if key in keyed:
                    return [keyed[key]]
    return []

