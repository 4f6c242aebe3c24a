"""Message flows back to a step already passed (a reply): as a flow each would draw a loop in the one map the pools
are written into, so it is dropped from the flow and said in the keterangan of both ends.
"""

from __future__ import annotations

from .graph import STEP, Edge, Graph


def replies(g: Graph) -> None:
    """Drop message flows to a step already passed (a reply: as a flow it draws a loop); keep them as a note.

    A depth-first walk that follows sequence flows before message flows finds them: a message flow to a
    node still on the walk's path closes a cycle.
    """
    state: dict[str, int] = {}
    back: list[Edge] = []
    starts = [n for n in g.nodes if not g.inc[n]] + list(g.nodes)
    for r in starts:
        if r in state:
            continue
        state[r] = 1
        stack = [(r, iter(sorted(g.out[r], key=lambda e: e.kind == "msg")))]
        while stack:
            v, it = stack[-1]
            for e in it:
                if e.target not in state:
                    state[e.target] = 1
                    stack.append((e.target, iter(sorted(g.out[e.target], key=lambda e: e.kind == "msg"))))
                    break
                if state[e.target] == 1 and e.kind == "msg":
                    back.append(e)
            else:
                state[v] = 2
                stack.pop()
    g.drop(back)
    for e in back:
        src, dst = g.nodes[e.source], g.nodes[e.target]
        who, whom, what = _who(g, src), _who(g, dst), f"pesan{f' {e.label!r}' if e.label else ''}"
        if dst.role == STEP:
            dst.notes.append(f"Menerima {what} dari '{who}' (tidak digambar sebagai alur: akan membentuk putaran)")
        if src.role == STEP:  # the sender says it too: the reply is part of what its step does
            src.notes.append(f"Mengirim {what} kembali ke '{whom}'{_pool(g, dst, src)} (balasan; tidak digambar "
                             "sebagai alur: akan membentuk putaran)")
        if src.role != STEP and dst.role != STEP:
            g.skip("messageFlow", e.label or "", e.flow, f"dari '{who}' ke '{whom}', yang sudah "
                   "dilewati; sebagai alur ia akan membentuk putaran")


def _who(g: Graph, n) -> str:
    return n.uraian or n.name or (g.actors[n.actor].name if n.actor in g.actors else n.id)


def _pool(g: Graph, n, other) -> str:
    """' (kolam 'X')' when ``n`` lies in another pool than ``other``."""
    a = g.actors.get(n.actor)
    pool = (a.pool or a.name) if a is not None and n.process != other.process else ""
    return f" (kolam '{pool}')" if pool and pool != _who(g, n) else ""
