"""Peta relasi geometry: the wrapped texts of the Graphviz picture, and the BPMN collaboration's layout.

Graphviz (``dot``) places the parties and routes the relations itself (clusters per department, ranks top
to bottom); this module only sizes what it draws.  The BPMN collaboration has no layout engine: each party
is a black-box pool, stacked top to bottom in drawing order (a department's pools inside a group); each
relation is a message flow that leaves its sender's pool at the side, runs along a column of the corridor
beside the pools and enters the receiver's pool from the same side: relations going down on the right,
going up on the left.  Relations whose spans of pools do not meet share a column; a relation's name sits
beside its column in a gap between two pools of its span, where no other line runs, so names never cross
lines or other names.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..relasi import Party, Relation, RelationMap
from . import bpmn_text as bt
from . import text as tx

# ------------------------------------------------------------------------------------------- Graphviz texts
NODE_W = 150.0  # pt: a party's name wraps to this width
EDGE_W = 150.0  # pt: a relation's label wraps to this width
EDGE_ITEMS = 2  # lines of "what passes" under the count


def party_lines(party: Party) -> list[str]:
    return tx.wrap(party.name, NODE_W, tx.FONT_SIZE)


def count_text(rel: Relation) -> str:
    """Return "4 proses", or "ditambahkan" for a relation only written by hand."""
    if rel.count:
        return f"{rel.count} proses"
    return "ditambahkan"


def _clip(lines: list[str], keep: int, more: str) -> list[str]:
    """Return at most ``keep`` lines, the last ending in an ellipsis when text was cut, then ``more``."""
    if len(lines) > keep:
        lines = lines[:keep - 1] + [lines[keep - 1].rstrip(" ,;") + "…"]
    return lines + ([more] if more else [])


def item_lines(rel: Relation, width: float = EDGE_W, size: float = tx.SMALL, keep: int = EDGE_ITEMS) -> list[str]:
    """Return what passes along ``rel``: its first item wrapped in ``keep`` lines, and "+k lainnya"."""
    items = rel.items
    if not items:
        return []
    more = f"+{len(items) - 1} lainnya" if len(items) > 1 else ""
    return _clip(tx.wrap(items[0], width, size), keep, more)


# ------------------------------------------------------------------------------------------- BPMN collaboration
POOL_X = 30  # px
POOL_W = 320
POOL_MIN_H = 60
ATTACH = 12  # px between two flows' ends on one pool's right edge
GAP = 48  # px between two pools: room for three lines of a flow's name
GROUP_HEAD = 30  # px above a group's first pool: the group's name
GROUP_PAD = 10
CORRIDOR = 24  # px between the pools (with their group frame) and the first column
COLUMN_PAD = 14  # px from a column's widest name to the next column
LABEL_GAP = 8  # px between a column and its names: bpmn-js centres a name that runs a few px wider than measured
LABEL_WIDTHS = (110, 140, 170)  # px; the first that gives a flow name of at most LABEL_LINES lines
LABEL_LINES = 3
NAME_PAD = 7  # px: bpmn-js's padding round a black-box pool's name

Box = tuple[int, int, int, int]  # x, y, width, height
Point = tuple[int, int]


@dataclass
class Pool:
    id: str  # party id
    name: str
    box: Box = (0, 0, 0, 0)
    # per side ("left"/"right"): (flow index, True when the flow's other end lies above) in edge order
    ends: dict[str, list[tuple[int, bool]]] = field(default_factory=lambda: {"left": [], "right": []})


@dataclass
class Message:
    index: int  # position in the map's relations (0-based)
    source: int  # pool indices
    target: int
    name: str
    side: str = "right"  # relations going down run on the right of the pools, going up on the left
    column: int = 0
    points: list[Point] = field(default_factory=list)
    label: Box = (0, 0, 0, 0)


@dataclass
class GroupFrame:
    group: str
    name: str
    box: Box
    label: Box


@dataclass
class Collaboration:
    pools: list[Pool]
    messages: list[Message]
    groups: list[GroupFrame]
    width: int
    height: int


def message_name(rel: Relation, number: int) -> str:
    """Return a message flow's name: its number, what passes (shortened) and how many processes use it."""
    items = rel.items
    first = items[0] if items else "relasi"
    more = f" +{len(items) - 1}" if len(items) > 1 else ""
    return f"#{number} {first}{more} ({count_text(rel)})"


def _fit_name(name: str) -> tuple[str, int, int]:
    """Return (name, width, height) of a flow's label: at most LABEL_LINES lines, cut with an ellipsis."""
    for wide in LABEL_WIDTHS:
        if bt.words_fit(name, wide, bt.LABEL_FONT) and len(bt.lines(name, wide, bt.LABEL_FONT)) <= LABEL_LINES:
            break
    else:
        wide = LABEL_WIDTHS[-1]
        words = name.split()
        while len(words) > 1 and not (bt.words_fit(" ".join(words) + "…", wide, bt.LABEL_FONT)
                                      and len(bt.lines(" ".join(words) + "…", wide, bt.LABEL_FONT)) <= LABEL_LINES):
            words.pop()
        name = " ".join(words) + "…"
    laid = bt.lines(name, wide, bt.LABEL_FONT)
    w = math.ceil(max(width for _, width in laid))
    while bt.lines(name, w, bt.LABEL_FONT) != laid:  # as in bpmn_text.label_size: keep the same breaks
        w += 1
    return name, w, math.ceil(len(laid) * bt.line_height(bt.LABEL_FONT))


def _pool_height(name: str, ends: int) -> int:
    lines = len(bt.lines(name, POOL_W - 2 * NAME_PAD, bt.TASK_FONT))
    text = math.ceil(lines * bt.line_height(bt.TASK_FONT)) + 2 * NAME_PAD
    return max(POOL_MIN_H, text, (ends + 1) * ATTACH)


def _columns(messages: list[Message]) -> int:
    """Give each message a column; spans that share no pool share one.  Taken in order of their top pool,
    first fit uses as few columns as any assignment can (interval graphs); columns holding short spans then
    go nearest the pools, so lines cross less."""
    ends: list[int] = []  # the lowest pool of each column's last span
    for m in sorted(messages, key=lambda m: (min(m.source, m.target), max(m.source, m.target), m.index)):
        lo, hi = sorted((m.source, m.target))
        for c, last in enumerate(ends):
            if lo > last:
                m.column, ends[c] = c, hi
                break
        else:
            m.column = len(ends)
            ends.append(hi)
    spans: dict[int, list[int]] = {}
    for m in messages:
        spans.setdefault(m.column, []).append(abs(m.target - m.source))
    rank = {c: i for i, c in enumerate(sorted(spans, key=lambda c: (max(spans[c]), c)))}
    for m in messages:
        m.column = rank[m.column]
    return len(ends)


def _stack(pools: list[Pool], groups_of: list[str], names: dict[str, str], x: int) -> tuple[list[GroupFrame],
                                                                                           list[tuple[int, int]], int]:
    """Place the pools top to bottom at ``x``, a frame round each group; return the frames, the gap under each
    pool (top, height) and the total height."""
    frames: list[GroupFrame] = []
    gaps: list[tuple[int, int]] = []
    y, start = GROUP_PAD, 0
    for i, pool in enumerate(pools):
        if i == 0 or groups_of[i] != groups_of[i - 1]:
            start = i
            y += GROUP_HEAD
        pool.box = (x, y, POOL_W, _pool_height(pool.name, max(len(e) for e in pool.ends.values())))
        y += pool.box[3]
        if i + 1 == len(pools) or groups_of[i + 1] != groups_of[i]:
            top, bottom = pools[start].box[1] - GROUP_HEAD, y + GROUP_PAD
            name = names[groups_of[i]]
            label_w = min(POOL_W, math.ceil(max(w for _, w in bt.lines(name, POOL_W, bt.LABEL_FONT))) + 2)
            label_h = math.ceil(len(bt.lines(name, label_w, bt.LABEL_FONT)) * bt.line_height(bt.LABEL_FONT))
            frames.append(GroupFrame(groups_of[i], name, (x - GROUP_PAD, top, POOL_W + 2 * GROUP_PAD, bottom - top),
                                     (x, top + 4, label_w, label_h)))
            gaps.append((y, bottom + GAP - y))
            y = bottom + GAP
        else:
            gaps.append((y, GAP))
            y += GAP
    return frames, gaps, y - GAP + GROUP_PAD


def pool_order(rmap: RelationMap) -> list[Party]:
    """Return the parties in pool order: groups kept together, ordered so that relations span few pools.

    The first group (the view's own department) stays first; each next group is the one most related to the
    groups already placed.  Inside a group the department as a whole stays first and the others follow the
    mean position of the parties they relate to (two sweeps), so busy pairs sit near each other.
    """
    parties = list(rmap.parties.values())
    weight: dict[tuple[str, str], int] = {}
    for rel in rmap.relations:
        for a, b in (rel.key, rel.key[::-1]):
            weight[(a, b)] = weight.get((a, b), 0) + max(rel.count, 1)
    groups = list(dict.fromkeys(p.group for p in parties))
    members = {g: [p for p in parties if p.group == g] for g in groups}
    placed = groups[:1]
    rest = groups[1:]
    while rest:
        def pull(g: str) -> int:
            return sum(weight.get((a.id, b.id), 0) for a in members[g] for h in placed for b in members[h])
        best = max(rest, key=lambda g: (pull(g), -rest.index(g)))
        placed.append(best)
        rest.remove(best)
    order = [p for g in placed for p in members[g]]
    for _sweep in range(2):
        pos = {p.id: i for i, p in enumerate(order)}

        def centre(p: Party) -> float:
            linked = [(pos[q], w) for (a, q), w in weight.items() if a == p.id]
            return sum(i * w for i, w in linked) / sum(w for _, w in linked) if linked else pos[p.id]

        arranged = []
        for g in placed:
            head = [p for p in members[g] if p.id.startswith("pd:")]
            others = sorted((p for p in members[g] if p not in head), key=lambda p: (centre(p), pos[p.id]))
            arranged += head + others
        order = arranged
    return order


def collaboration(rmap: RelationMap) -> Collaboration:
    """Lay out ``rmap`` as black-box pools (one per party) joined by message flows (one per relation)."""
    parties = pool_order(rmap)
    index = {p.id: i for i, p in enumerate(parties)}
    pools = [Pool(p.id, p.name) for p in parties]
    messages = [Message(k, index[rel.source], index[rel.target], _fit_name(message_name(rel, k + 1))[0])
                for k, rel in enumerate(rmap.relations)]
    columns: dict[str, int] = {}
    for side in ("left", "right"):
        mine = [m for m in messages if (m.target > m.source) == (side == "right")]
        for m in mine:
            m.side = side
        columns[side] = _columns(mine)
    by_index = {m.index: m for m in messages}
    for m in messages:
        pools[m.source].ends[m.side].append((m.index, m.target < m.source))
        pools[m.target].ends[m.side].append((m.index, m.source < m.target))
    for pool in pools:  # from above first, outer columns highest; then downwards, inner columns highest
        for ends in pool.ends.values():
            ends.sort(key=lambda e: (not e[1], -by_index[e[0]].column if e[1] else by_index[e[0]].column, e[0]))
    widths = {side: [0] * n for side, n in columns.items()}
    for m in messages:
        widths[m.side][m.column] = max(widths[m.side][m.column], _fit_name(m.name)[1])
    left_room = sum(w + LABEL_GAP + COLUMN_PAD for w in widths["left"])
    pool_x = GROUP_PAD + left_room + CORRIDOR + GROUP_PAD
    frames, gaps, height = _stack(pools, [p.group for p in parties], dict(rmap.groups), pool_x)
    xs: dict[str, list[int]] = {"left": [], "right": []}
    x = pool_x + POOL_W + GROUP_PAD + CORRIDOR
    for w in widths["right"]:
        xs["right"].append(x)
        x += w + LABEL_GAP + COLUMN_PAD
    width = x + GROUP_PAD
    x = pool_x - GROUP_PAD - CORRIDOR
    for w in widths["left"]:
        xs["left"].append(x)
        x -= w + LABEL_GAP + COLUMN_PAD
    for m in messages:
        edge = pool_x + POOL_W if m.side == "right" else pool_x
        ya, yb = _attach(pools[m.source], m), _attach(pools[m.target], m)
        cx = xs[m.side][m.column]
        m.points = [(edge, ya), (cx, ya), (cx, yb), (edge, yb)]
        lo, hi = sorted((m.source, m.target))
        gap_top, gap_h = gaps[(lo + hi - 1) // 2]  # the gap nearest the middle of the span
        _name, w, h = _fit_name(m.name)
        m.label = (cx + LABEL_GAP if m.side == "right" else cx - LABEL_GAP - w, gap_top + (gap_h - h) // 2, w, h)
    return Collaboration(pools, messages, frames, width, height)


def _attach(pool: Pool, m: Message) -> int:
    x, y, _w, h = pool.box
    ends = pool.ends[m.side]
    k = next(i for i, (f, _above) in enumerate(ends) if f == m.index)
    return y + (h - (len(ends) - 1) * ATTACH) // 2 + k * ATTACH


__all__ = ["party_lines", "item_lines", "count_text", "message_name", "collaboration", "Collaboration", "Pool",
           "Message", "GroupFrame"]
