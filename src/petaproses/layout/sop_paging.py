"""The SOP flowchart's page rule on measured row heights (which rows share a page), and the letters of the
off-page connector pairs.  ``sop_chart`` measures and places; this module only decides.
"""

from __future__ import annotations


def paginate(heights: list[int], room: int, first: int | None = None, owner: list[int] | None = None,
             edges=(), grid=None) -> list[list[int]]:
    """Return the units (indices) of each page by the module's page rule: fewest pages, then no page with a
    single step that could share one, then fewest edges cut by a break, then pages filled from the first.
    ``owner``: the step of each unit (parts of a split step share it); ``edges``: (source id, target id)."""
    n = len(heights)
    owner = owner if owner is not None else list(range(n))
    node_ids = [nd.id for nd in grid.nodes] if grid is not None else None
    first_unit = {}
    for k, o in enumerate(owner):
        first_unit.setdefault(o, k)
    ends = []
    if node_ids is not None:
        index = {nid: i for i, nid in enumerate(node_ids)}
        ends = [(first_unit[index[a]], first_unit[index[b]]) for a, b in edges]
    n_steps = len(set(owner))
    starting: list[list[int]] = [[] for _ in range(n)]  # the edges by their lower end: their upper ends
    for a, b in ends:
        starting[min(a, b)].append(max(a, b))
    best: list = [None] * (n + 1)
    best[n] = ((0, 0, 0, ()), None)
    # the edges a page [i, j) cuts (both ends from i on): those with lo < j <= hi, counted as j grows; kept
    # from one i to the next, each i adding the edges that start there
    change = [0] * (n + 2)
    for i in range(n - 1, -1, -1):
        limit = first if (i == 0 and first is not None) else room
        for hi in starting[i]:
            change[i + 1] += 1
            change[hi + 1] -= 1
        cut = 0
        used = 0
        for j in range(i + 1, n + 1):
            used += heights[j - 1]
            cut += change[j]
            if used > limit and j > i + 1:
                break
            if best[j] is None:
                continue
            single = int(j == i + 1 and n_steps > 1 and (i == 0 or owner[i - 1] != owner[i]) and
                         (i + 1 >= n or owner[i + 1] != owner[i]))
            # a page left half empty before the last reads like a single step too (a person fills it)
            single += int(j < n and used < limit / 2 and not (i == 0 and first is not None))
            rest = best[j][0]
            # pages filled from the first, as a person fills them: the fuller first page, then the next
            cost = (rest[0] + 1, rest[1] + single, rest[2] + cut, (-min(used, limit) / limit,) + rest[3])
            if best[i] is None or cost < best[i][0]:
                best[i] = (cost, j)
    groups, i = [], 0
    while i < n:
        j = best[i][1]
        groups.append(list(range(i, j)))
        i = j
    return groups


def pair_label(i: int) -> str:
    """Return the label of the ``i``-th off-page pair: A..Z, AA, AB..."""
    out = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        out = chr(65 + rem) + out
    return out
