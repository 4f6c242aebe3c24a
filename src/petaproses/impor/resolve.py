"""Graph algorithms for impor, all linear-ish and without recursion.

``resolve``: for every node that is followed through (gateways, unnamed events, sub-process exits), the steps
and decisions it leads to, memoised per strongly connected component (Tarjan's algorithm with an explicit
stack), so nested gateways cost O(nodes + edges) instead of one walk per path.

``order``: the written order of the steps: a topological order (every step after the steps that lead to it)
that prefers the drawn position, left to right, and breaks loops at the drawn-backwards edge.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .reading import ReadError

END = "\0end"  # prefix of the token for "the process ends here" (END + ':' + id of the end node)
MAX_TOKENS = 2_000_000  # total size of all resolutions: past this the gateways form a quadratic tangle


def is_end(token: str) -> bool:
    return token.startswith(END)


@dataclass
class Resolution:
    tokens: dict[str, tuple[str, ...]] = field(default_factory=dict)  # pass node -> steps/decisions/END tokens
    inclusive: dict[str, tuple[str, ...]] = field(default_factory=dict)  # pass node -> inclusive splits crossed


def resolve(passes: Iterable[str], succ: Callable[[str], list[str]], is_pass: Callable[[str], bool],
            is_split: Callable[[str], bool]) -> Resolution:
    """Return, for every pass node, the non-pass nodes reached through pass nodes only.

    ``succ(n)`` lists the targets of ``n``'s outgoing edges; a pass node without any ends the process
    (END token).  ``is_split(n)``: an inclusive or complex split whose crossing a step should mention.
    """
    r = Resolution()
    total = 0
    for comp in _strong(passes, lambda n: [t for t in succ(n) if is_pass(t)]):
        total += _finish(r, comp, succ, is_pass, is_split)
        if total > MAX_TOKENS:
            raise ReadError("alur antargerbang terlalu rumit untuk dibaca (terlalu banyak jalur yang "
                            "bercabang dan bertemu); sederhanakan gerbangnya atau bagi petanya")
    return r


def _finish(r: Resolution, comp: list[str], succ, is_pass, is_split) -> int:
    """Set the resolution of one strongly connected component; its successors are already done."""
    members = set(comp)
    found: dict[str, None] = {}
    crossed: dict[str, None] = {}
    for m in reversed(comp):  # discovery order
        targets = succ(m)
        if is_split(m):
            crossed[m] = None
        for t in targets:
            if not is_pass(t):
                found[t] = None
            elif t not in members:
                found.update(dict.fromkeys(r.tokens[t]))
                crossed.update(dict.fromkeys(r.inclusive[t]))
    if not found:
        found[f"{END}:{comp[-1]}"] = None  # nothing follows: the process ends here
    tokens, inclusive = tuple(found), tuple(crossed)
    for m in comp:
        r.tokens[m] = tokens
        r.inclusive[m] = inclusive
    return len(tokens) * len(comp)


def _strong(starts: Iterable[str], succ: Callable[[str], Iterable[str]]) -> Iterator[list[str]]:
    """Yield the strongly connected components reached from ``starts`` (Tarjan's algorithm, explicit stack),
    each after every component it leads to; a component lists its nodes with its root last."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    for start in starts:
        if start in index:
            continue
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        work = [(start, iter(succ(start)))]
        while work:
            v, it = work[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(succ(w))))
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    yield comp


def components(nodes: Iterable[str], exits: dict[str, list[str]]) -> dict[str, int]:
    """Return node -> number of its strongly connected component: an edge u -> v closes a loop exactly when
    u and v share a number."""
    return {w: number for number, comp in enumerate(_strong(nodes, lambda n: exits.get(n, ()))) for w in comp}


def order(steps: list[str], root: str, exits: dict[str, list[str]], key: dict[str, tuple | None],
          back: Callable[[str, str], bool]) -> list[str]:
    """Return ``steps`` in written order: ``root`` first, each step after its predecessors where possible.

    Among the steps that may come next, the one with the smallest ``key`` (drawn position) wins; a step
    without a key takes the key of the step that made it ready.  ``back(u, v)``: the edge u -> v closes a
    loop (drawn going left) and does not hold v back.  Loops not drawn that way are broken at the waiting
    step with the smallest key; steps not reachable from the root come last.
    """
    indeg = dict.fromkeys(steps, 0)
    for u in steps:
        for v in exits.get(u, ()):
            if v in indeg and not back(u, v):
                indeg[v] += 1
    seq = 0
    inherited: dict[str, tuple] = {}

    def k(n: str) -> tuple:
        return key.get(n) or inherited.get(n) or (float("inf"), float("inf"))

    ready: list = []
    waiting: list = []
    rest = sorted(((k(n), i, n) for i, n in enumerate(steps)), key=lambda t: (t[0], t[1]))
    rest_i = 0
    heapq.heappush(ready, ((float("-inf"),), -1, root))
    for i, n in enumerate(steps):
        if n != root and indeg[n] == 0 and key.get(n) is not None:
            heapq.heappush(ready, (k(n), i, n))
    done: set[str] = set()
    out: list[str] = []
    while len(out) < len(steps):
        if ready:
            _, _, n = heapq.heappop(ready)
        elif waiting:
            _, _, n = heapq.heappop(waiting)
        else:
            while rest[rest_i][2] in done:
                rest_i += 1
            n = rest[rest_i][2]
        if n in done:
            continue
        done.add(n)
        out.append(n)
        for v in exits.get(n, ()):
            if v not in indeg or v in done:
                continue
            if key.get(v) is None and v not in inherited:
                seq += 1
                base = k(n)
                inherited[v] = (*base[:2], seq) if len(base) >= 2 else (float("inf"), float("inf"), seq)
            if not back(n, v):
                indeg[v] -= 1
            if indeg[v] <= 0:
                heapq.heappush(ready, (k(v), seq, v))
            else:
                heapq.heappush(waiting, (k(v), seq, v))
    return out


def reachable(start: str, exits: dict[str, list[str]]) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        for v in exits.get(todo.pop(), ()):
            if v not in seen:
                seen.add(v)
                todo.append(v)
    return seen
