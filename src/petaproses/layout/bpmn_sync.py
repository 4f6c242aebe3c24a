"""Which joins of a BPMN graph must wait for several tokens: the gateway kind of each converging gateway.

``bpmn_graph`` makes every join of several flows exclusive, which is right where the flows are alternatives
(the branches of a decision, a loop back).  Where two of them carry tokens of two branches of one parallel
split (a ``ke`` list in a SOP), an exclusive join would pass each token on
and run everything after it twice; such a join synchronises instead:

- parallel, when every forward flow into it always gets its token once the split fires: each comes from a
  branch of the split, with no decision in between and no loop entering the join;
- inclusive otherwise (a decision between the split and the join, a flow from outside the split, a loop back
  into it): it waits for the tokens still on their way and goes on with those that came, where a parallel
  join would wait forever for a branch not taken.
"""

from __future__ import annotations

from .bpmn_graph import BpmnGraph

SYNC = ("parallelGateway", "inclusiveGateway")


def _order(g: BpmnGraph) -> list[str]:
    """Node ids in topological order over the forward flows (loops closed by ``back`` flows left out)."""
    indeg = {n.id: 0 for n in g.nodes}
    for f in g.flows:
        if not f.back:
            indeg[f.target] += 1
    ready = [n.id for n in g.nodes if indeg[n.id] == 0]
    order: list[str] = []
    while ready:
        a = ready.pop(0)
        order.append(a)
        for f in g.flows:
            if f.source == a and not f.back:
                indeg[f.target] -= 1
                if indeg[f.target] == 0:
                    ready.append(f.target)
    return order + [n.id for n in g.nodes if n.id not in order]


def _branches(g: BpmnGraph, split: str) -> dict[str, set[int]]:
    """Return, per forward flow, the branches of ``split`` whose token can run along it before a join that
    synchronises them."""
    out: dict[str, set[int]] = {}
    firsts = [f for f in g.flows if f.source == split and not f.back]
    for b, first in enumerate(firsts):
        stack, seen = [first], set()
        while stack:
            f = stack.pop()
            if f.id in seen:
                continue
            seen.add(f.id)
            out.setdefault(f.id, set()).add(b)
            t = g.by_id[f.target]
            if t.kind not in SYNC and t.id != split:
                stack += [o for o in g.flows if o.source == t.id and not o.back]
    return out


def _ancestors(g: BpmnGraph, node: str) -> set[str]:
    """Return the nodes from which a forward path leads to ``node``."""
    seen: set[str] = set()
    stack = [node]
    while stack:
        a = stack.pop()
        for f in g.flows:
            if f.target == a and not f.back and f.source not in seen:
                seen.add(f.source)
                stack.append(f.source)
    return seen


def _kind(g: BpmnGraph, join: str) -> str | None:
    """Return the synchronising kind ``join`` needs, or None when its flows are alternatives."""
    ins = [f for f in g.flows if f.target == join]
    fwd = [f for f in ins if not f.back]
    for split in (n for n in g.nodes if n.kind == "parallelGateway" and n.direction == "Diverging"):
        branches = _branches(g, split.id)
        fed = [branches.get(f.id, set()) for f in fwd]
        if not any(a != b for i, x in enumerate(fed) for y in fed[i + 1:] for a in x for b in y):
            continue
        before = _ancestors(g, join)
        between = [g.by_id[f.source] for f in g.flows if f.id in branches and f.source in before]
        decided = any(n.kind == "exclusiveGateway" and n.direction == "Diverging" for n in between)
        certain = all(fed) and not decided and len(fwd) == len(ins)
        return "parallelGateway" if certain else "inclusiveGateway"
    return None


def synchronise(g: BpmnGraph) -> None:
    """Turn the exclusive joins that tokens of one parallel split reach by two flows into synchronising ones,
    upstream first: a join made parallel stops the tokens of the branches it joins."""
    for nid in _order(g):
        n = g.by_id[nid]
        if n.kind == "exclusiveGateway" and n.direction == "Converging":
            n.kind = _kind(g, nid) or n.kind
