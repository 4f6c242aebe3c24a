"""The SOP flowchart's page rule on measured row heights (which rows share a page), and the letters of the
off-page connector pairs.  ``sop_chart`` measures and places; this module only decides.
"""

from __future__ import annotations


def paginate(heights: list[int], room: int, first: int | None = None, owner: list[int] | None = None,
             edges=(), grid=None, tail: int = 0) -> list[list[int]]:
    """Return the units (indices) of each page by the module's page rule: fewest pages, then no page with a
    single step that could share one, then fewest edges cut by a break, then pages filled from the first.
    ``owner``: the step of each unit (parts of a split step share it); ``edges``: (source id, target id);
    ``tail``: what the last page holds under its rows (the total row, the note), kept with at least one unit."""
    node_ids = [nd.id for nd in grid.nodes] if grid is not None else None
    # a chart asks the same again (each design's pages, then laying out): a quarter of the calls
    key = (tuple(heights), room, first, None if owner is None else tuple(owner), tuple(edges),
           None if node_ids is None else tuple(node_ids), tail)
    groups = _DONE.get(key)
    if groups is None:
        if len(_DONE) >= 256:
            _DONE.clear()
        groups = _DONE[key] = _paginate(heights, room, first, owner, edges, node_ids, tail)
    return [list(g) for g in groups]


_DONE: dict = {}  # paginate's answers by its arguments


def _paginate(heights: list[int], room: int, first: int | None, owner: list[int] | None, edges,
              node_ids: list[str] | None, tail: int = 0) -> list[list[int]]:
    n = len(heights)
    owner = owner if owner is not None else list(range(n))
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
    # the best pages from unit i on: their cost (pages, single steps, edges cut, each page's fill as a tuple
    # compared in turn), in four lists (no tuple made for a candidate that loses on its first three parts)
    b_pages, b_single, b_cut = [0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    b_fill: list[tuple] = [()] * (n + 1)
    b_next: list = [None] * (n + 1)
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
        alone = n_steps > 1 and (i == 0 or owner[i - 1] != owner[i]) and (i + 1 >= n or owner[i + 1] != owner[i])
        half = limit / 2 if not (i == 0 and first is not None) else None
        m_pages = m_single = m_cut = m_f = m_j = None  # best from i so far (its fill: m_f, then m_j's)
        for j in range(i + 1, n + 1):
            used += heights[j - 1]
            cut += change[j]
            if used > limit and j > i + 1:
                break
            if j == n and j > i + 1 and used + tail > limit:
                continue  # the last page: its rows and the tail under them
            if b_next[j] is None and j < n:
                continue
            single = int(j == i + 1 and alone)
            # a page left half empty before the last reads like a single step too (a person fills it)
            single += int(j < n and half is not None and used < half)
            pages, singles, cuts = b_pages[j] + 1, b_single[j] + single, b_cut[j] + cut
            if m_pages is not None and (pages != m_pages or singles != m_single or cuts != m_cut):
                if (pages, singles, cuts) > (m_pages, m_single, m_cut):
                    continue
                m_j = None  # better on the first parts: the fill does not matter
            # pages filled from the first, as a person fills them: the fuller first page, then the next (the
            # fill tuples compared as (f,) + b_fill[j] would be, without making one per candidate)
            f = -(used if used < limit else limit) / limit
            if m_j is None or f < m_f or (f == m_f and b_fill[j] < b_fill[m_j]):
                m_pages, m_single, m_cut, m_f, m_j = pages, singles, cuts, f, j
                b_next[i] = j
        b_pages[i], b_single[i], b_cut[i] = m_pages, m_single, m_cut
        b_fill[i] = None if m_j is None else (m_f,) + b_fill[m_j]
    groups, i = [], 0
    while i < n:
        j = b_next[i]
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
