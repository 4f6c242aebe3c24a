"""The SOP AP table's column widths, from the content (twips).

Every column starts at the least width that breaks no word of its cells or heading, then the room left goes,
a millimetre at a time, where it shortens the table most; what shortens nothing widens the actor columns
(nicer symbols), then the text columns.  A column's heights are measured again only at the widths where one
of its line breaks can move (``text.count_lines_until``), so the search tries few widths.
"""

from __future__ import annotations

import bisect
import re

from . import text as tx
from .hyphen import ZWSP
from .page import PageStyle, mm
from .sop_table import CELL_LR, HEAD_LR, HEAD_MIN, LANE_MIN, PAD, Cell, Columns, room_of, sizes

BESIDE = 100  # of label_width: what a label beside a line down does not need (one clearance and the margin)
DECISION_MAX = mm(44)  # a decision's column, for its labels beside its line down
LANE_MAX = mm(28)  # room nobody needs goes to the actor columns up to this width
STEP = mm(1)  # widths are handed out in this step
# text columns: (heading, least, most) in twips; No is sized to its numbers
TEXT_COLUMNS = (("No", mm(6), mm(10)), ("Kegiatan", mm(20), mm(80)), ("Kelengkapan", mm(12), mm(60)),
                ("Waktu", mm(10), mm(30)), ("Output", mm(12), mm(55)), ("Keterangan", mm(12), mm(75)))


WAKTU = 3  # the Waktu column among TEXT_COLUMNS
WAKTU_WHOLE = mm(22)  # a time up to this wide stands on one line when the other text columns can spare it


# after a hyphen, and at the zero-width space put after a slash (``sop_table._slashes``)
_BREAKS = re.compile(f"(?<=-)(?=\\w)|{ZWSP}")


def _pieces(text: str) -> list[str]:
    """The pieces of ``text`` no line may break: its words, cut after a hyphen or a slash."""
    return [piece for word in tx.words(text) for piece in _BREAKS.split(word)]


def _longest_word(style: PageStyle, cells: list[Cell], size: float, bold: bool = False) -> float:
    """The widest piece of text no line may break: a word, or its part up to a hyphen or a slash (where the
    word processor may break a line too)."""
    best = 0.0
    for cell in cells:
        for p in cell:
            widest = _widest_piece(style, p.text, size, bold)
            if widest is not None:  # (adding the indent after the max is exact: rounding is monotonic)
                best = max(best, widest + p.indent)
    return best


_WIDEST: dict = {}  # (font, text, size, bold) -> _widest_piece: a chart designs its columns several times


def _widest_piece(style: PageStyle, text: str, size: float, bold: bool) -> float | None:
    """The widest piece of ``text`` no line may break (None: no piece)."""
    key = (style.font, text, size, bold)
    if key not in _WIDEST:
        if len(_WIDEST) >= 8192:
            _WIDEST.clear()
        _WIDEST[key] = max((style.measure(piece, size, bold) for word in tx.words(text)
                            for piece in _BREAKS.split(word)), default=None)
    return _WIDEST[key]



def _height_until(style: PageStyle, cell: Cell, width: int) -> tuple[int, float]:
    """``text_height`` and the least width above ``width`` at which it may change (``text.count_lines_until``)."""
    if not cell:
        return 0, float("inf")
    size = style.table_size
    lines, until = 0, float("inf")
    for p in cell:
        n, u = tx.count_lines_until(style.font, p.text, room_of(width, p), size)
        lines += n
        until = min(until, u + 2 * CELL_LR + p.indent)  # the room is the width less these (or MIN_ROOM)
    return 2 * PAD + lines * style.line(size), until



class _Heights:
    """Total body height of the table for given column widths, with each (column, width) measured once."""

    def __init__(self, style: PageStyle, rows: list[list[Cell]], mins: list[int]):
        self.style, self.rows, self.mins = style, rows, mins
        self.cache: dict[tuple[int, int], list[int]] = {}
        self.until: dict[tuple[int, int], float] = {}  # per column and width: where a cell may change
        self.untils: dict[tuple[int, int], list[float]] = {}  # the same per cell
        self.measured: dict[int, list[int]] = {}  # per column: the widths measured, in order
        self.totals: dict[tuple[int, ...], int] = {}
        self.sums: dict[tuple[int, int], int] = {}
        self.rests: dict[tuple, list[int]] = {}  # per row the tallest cell but one column's (``total_with``)

    def column(self, k: int, width: int) -> list[int]:
        key = (k, width)
        if key not in self.cache:
            done = self.measured.setdefault(k, [])
            at = bisect.bisect_right(done, width)
            if at:  # from the nearest narrower width measured: only cells whose line breaks can move
                base = (k, done[at - 1])
                heights, untils = list(self.cache[base]), list(self.untils[base])
                for i, u in enumerate(untils):
                    if u <= width:
                        heights[i], untils[i] = _height_until(self.style, self.rows[i][k], width)
            else:
                pairs = [_height_until(self.style, r[k], width) for r in self.rows]
                heights, untils = [h for h, _ in pairs], [u for _, u in pairs]
            self.cache[key], self.untils[key] = heights, untils
            self.until[key] = min(untils, default=float("inf"))
            bisect.insort(done, width)
        return self.cache[key]

    def same_until(self, k: int, width: int) -> float:
        """The least width above ``width`` at which a cell of column ``k`` may change height."""
        self.column(k, width)
        return self.until[k, width]

    def total(self, widths: list[int]) -> int:
        key = tuple(widths)
        found = self.totals.get(key)
        if found is None:  # the search tries the same widths again and again
            cache = self.cache  # (read here: called some 10^5 times per chart)
            cols = [cache.get(kw) or self.column(*kw) for kw in enumerate(widths)]
            found = self.totals[key] = sum(map(max, self.mins, *cols))  # per row: the tallest cell, at least its symbol
        return found

    def total_with(self, widths: list[int], k: int, width: int) -> int:
        """``total`` of ``widths`` with column ``k`` at ``width``: the tallest of the other cells of each row
        taken once per (widths, k), as a search tries one column at many widths."""
        key = (*widths[:k], width, *widths[k + 1:])
        found = self.totals.get(key)
        if found is None:
            base = (*widths[:k], None, *widths[k + 1:])
            rest = self.rests.get(base)
            if rest is None:
                rest = self.rests[base] = list(map(max, self.mins, *(self.column(j, w) for j, w in enumerate(widths)
                                                                     if j != k)))
            found = self.totals[key] = sum(map(max, rest, self.column(k, width)))
        return found

    def lines_with(self, widths: list[int], k: int, width: int) -> int:
        """``lines`` of ``widths`` with column ``k`` at ``width`` (see ``total_with``)."""
        return sum(self.sums[j, w] if (j, w) in self.sums else self._sum(j, w)
                   for j, w in enumerate(widths) if j != k) + \
            (self.sums[k, width] if (k, width) in self.sums else self._sum(k, width)) + \
            self.total_with(widths, k, width)

    def row_heights(self, widths: list[int]) -> list[int]:
        """Every row's height (the tallest cell, at least its symbol)."""
        return list(map(max, self.mins, *(self.column(k, w) for k, w in enumerate(widths))))

    def lines(self, widths: list[int]) -> int:
        """The text's own height, summed over every cell (a table whose height no longer changes still reads
        better with fewer wrapped lines); growth that would make a row taller counts double."""
        return sum(self.sums[k, w] if (k, w) in self.sums else self._sum(k, w) for k, w in enumerate(widths)) + \
            self.total(widths)

    def _sum(self, k: int, width: int) -> int:
        self.sums[k, width] = sum(self.column(k, width))
        return self.sums[k, width]


def design_columns(style: PageStyle, actors: list[str], rows: list[list[Cell]], row_kinds: list[str],
                   labels: list[str] = (), decisions: dict[int, list[str]] | None = None,
                   straight: dict[int, list[str]] | None = None) -> list[Columns]:
    """Column widths from the content: see the module's docstring.  ``rows``: the six text cells of every
    step; ``row_kinds``: each step's symbol (its least row height); ``labels``: the branch labels;
    ``decisions``: actor column -> the labels of a decision standing there; ``straight``: those of its exits
    straight down its column.  One design, or two when the actors' whole heading words leave the text columns
    little room: the chart takes the one of fewer pages (and a third, ``Widened``, where it costs no page)."""
    total = style.body_width
    n = len(actors)
    size = style.table_size
    # least widths: no word of a cell or a heading broken (headings may shrink to HEAD_MIN)
    lane_min = [int(max(LANE_MIN, max((style.measure(w, HEAD_MIN, True) for w in _pieces(a)), default=0)
                        + 2 * HEAD_LR + 20)) for a in actors]
    # branch labels: every actor column holds the widest beside a line; a decision's column holds its
    # narrowest on either side of the line going down from it (the other exits leave sideways)
    label_w = max((label_width(style, t) for t in labels), default=0)
    want = [max(w, label_w) for w in lane_min]
    # too many actors for that: room for a decision's labels only in the columns beside it, where its exits
    # that leave sideways put them (its own column keeps its least width: half of it beside a line down
    # holds no long label anyway, and widening it made a 10-actor chart a page longer)
    near = list(lane_min)
    for lane, texts in (decisions or {}).items():
        if texts:
            widths = [label_width(style, t) for t in texts]
            want[lane] = max(want[lane], 2 * min(widths) - mm(2))
            for side in (lane - 1, lane + 1):
                if 0 <= side < n:
                    near[side] = max(near[side], max(widths))
    words = [_longest_word(style, [r[k] for r in rows], size) for k in range(len(TEXT_COLUMNS))]
    # the actors' least widths: room for the labels when the page has it, else no heading word broken
    for lane_min in [w for w in (want, near) if sum(w) <= total * 0.6][:1] + [lane_min]:
        for head_size in (size, HEAD_MIN):  # the headings at the table's size when the page allows it
            text_min = _text_least(style, words, head_size)
            if sum(text_min) + sum(lane_min) <= total:
                break
        if sum(text_min) + sum(lane_min) <= total:
            break
    crowded = lane_min is not want and max(lane_min) > LANE_MIN  # no room for every label's width
    spare = total - sum(text_min) - sum(lane_min)
    if spare < 0:  # too many actors for the page: actor columns at the symbol's minimum (a heading word
        # breaks at a syllable, ``hyphen``), text columns shrink
        lane_min = [LANE_MIN] * n
        spare = total - sum(text_min) - sum(lane_min)
        if spare < 0:
            text_min = [max(mm(5), w + spare * w // sum(text_min)) for w in text_min]
        crowded = False
    # a decision's column: room for its widest label on either side of its line down
    side = mm(21) if n == 1 else 0  # one actor: a decision's exit sideways stays in its column, its label
    # beside the symbol (a symbol's width more)
    down = {lane: min(2 * max(label_width(style, t) for t in texts), DECISION_MAX) + side
            for lane, texts in (decisions or {}).items() if texts}
    cols = _share(style, rows, row_kinds, lane_min, text_min, label_w, down)
    # a decision's column where the label of its line down cannot stand beside it (it would go across the
    # rules; with one actor, the other's beside the symbol): also the design that widens it before the text
    # columns, which the chart takes unless it needs more pages
    tight = {lane: want for lane, want in down.items() if cols.lane_width(lane) < min(want, side + 2 * max(
        (label_width(style, t) - BESIDE for t in (decisions[lane] if side else (straight or {}).get(lane, []))),
        default=0))}
    wide = [Widened(_share(style, rows, row_kinds, lane_min, text_min, label_w, down, tight).widths, n)] \
        if tight else []
    if crowded:  # whole heading words cost the text columns: also actor columns at the symbol's minimum (a
        # heading word breaks at a syllable), which the chart takes when it needs fewer pages so
        return [cols, _share(style, rows, row_kinds, [LANE_MIN] * n, text_min, label_w, down)] + wide
    return [cols] + wide


class Widened(Columns):
    """A design whose decisions' columns are widened for the labels of their lines down before the text
    columns grow (``design_columns``): the chart takes it where that costs no page."""


def times_width(style: PageStyle, rows: list[list[Cell]]) -> int:
    """The width of Waktu that holds each of its times on one line."""
    return max((int(style.measure(p.text, style.table_size)) + p.indent + 2 * CELL_LR + 20
                for r in rows for p in r[WAKTU]), default=0)


def least_width(style: PageStyle, rows: list[list[Cell]], k: int) -> int:
    """The least width of text column ``k``: no word of its cells nor of its heading broken (with the slack
    of a word that may break at a slash, ``text.SOFT_SLACK``)."""
    return _text_least(style, [_longest_word(style, [r[k] for r in rows], style.table_size) if j == k else 0
                               for j in range(len(TEXT_COLUMNS))], style.table_size)[k] + tx.SOFT_SLACK


def _text_least(style: PageStyle, words: list[float], head_size: float) -> list[int]:
    """The text columns' least widths: no word of a cell (``words``: the widest per column) or of the heading
    at ``head_size`` broken."""
    return [int(min(max(least, words[k] + 2 * CELL_LR + 20,
                        max(style.measure(w, head_size, True) for w in head.split()) + 2 * CELL_LR + 20),
                    most)) for k, (head, least, most) in enumerate(TEXT_COLUMNS)]


def for_pages(style: PageStyle, cols: Columns, rows: list[list[Cell]], row_mins: list[int], room: int,
              pages: int) -> Columns | None:
    """``cols`` with width moved between the text columns so that the rows fit ``pages`` pages of ``room``:
    the tallest page of the best cut into that many pages is lowered a step at a time (the design above makes
    the table short, which is not always few pages: a 600-character Keterangan on a page of its own).  None
    when no such move brings the rows within ``room``.  ``row_mins``: each row's least height (its symbol)."""
    widths, least, heights = _text_widths(style, cols, rows, row_mins)
    goal = room * 95 // 100  # placing lines and labels makes rows a little taller
    tallest, _ = _move(widths, least, lambda w: (_tallest_page(heights.row_heights(w), pages), heights.total(w)),
                       (STEP, 2 * STEP, 4 * STEP, 8 * STEP, 16 * STEP), 60, lambda c: c[0] <= goal)
    if tallest > room:
        return None
    out = list(cols.widths)
    for c, w in zip(cols.text_cols, widths):
        out[c] = w
    return Columns(out, cols.n_actors)


def _text_widths(style: PageStyle, cols: Columns, rows: list[list[Cell]], row_mins: list[int]) -> tuple:
    """(the text columns' widths in ``cols``, their least widths: no word broken, headings as big, the rows'
    heights by width) of a design to change."""
    widths = [cols.widths[c] for c in cols.text_cols]
    words = [_longest_word(style, [r[k] for r in rows], style.table_size) for k in range(len(TEXT_COLUMNS))]
    least = [min(w, m) for w, m in zip(widths, _text_least(style, words, style.table_size))]
    return widths, least, _Heights(style, rows, row_mins)


def for_header(style: PageStyle, cols: Columns, rows: list[list[Cell]], row_mins: list[int], actors: list[str],
               size: float, lines: int) -> Columns | None:
    """``cols`` with the actor columns widened until no actor's name takes more than ``lines`` lines at
    ``size``, the width taken from the text columns where it makes the table least taller: the heading stands
    on every page, and 6-line names in narrow columns can cost a page (a text column that is wider than its
    rows need).  None when the text columns cannot give that much."""
    lanes = [cols.lane_width(i) for i in range(cols.n_actors)]
    for i, name in enumerate(actors):
        while style.wrap(name, lanes[i] - 2 * HEAD_LR, size, bold=True) > lines:
            lanes[i] += STEP
            if lanes[i] > LANE_MAX:
                return None
    need = sum(lanes) - sum(cols.lane_width(i) for i in range(cols.n_actors))
    if not need:
        return None
    widths, least, heights = _text_widths(style, cols, rows, row_mins)
    while need > 0:
        step = min(STEP, need)
        options = [k for k in range(len(widths)) if widths[k] - step >= least[k]]
        if not options:
            return None
        k = min(options, key=lambda k: (heights.total_with(widths, k, widths[k] - step), -widths[k]))
        widths[k] -= step
        need -= step
    out = [widths[0], widths[1], *lanes, *widths[2:]]
    return Columns(out, cols.n_actors)


def _tallest_page(heights: list[int], pages: int) -> int:
    """The least height of the tallest page when rows of ``heights`` are cut into ``pages`` pages in order."""
    lo, hi = max(heights, default=0), sum(heights)
    while lo < hi:
        mid = (lo + hi) // 2
        used, n = 0, 1
        for h in heights:
            if used + h > mid:
                n, used = n + 1, h
            else:
                used += h
        if n <= pages:
            hi = mid
        else:
            lo = mid + 1
    return lo


def _share(style: PageStyle, rows: list[list[Cell]], row_kinds: list[str], lane_min: list[int], text_min: list[int],
           label_w: int, down: dict[int, int], early: dict[int, int] | None = None) -> Columns:
    """Hand the room left over the least widths out (see the module's docstring)."""
    n = len(lane_min)
    spare = style.body_width - sum(text_min) - sum(lane_min)
    widths = list(text_min)
    probe = sizes(Columns([0, 0, *lane_min, 0, 0, 0, 0], n))
    heights = _Heights(style, rows, [probe.row_min(k) for k in row_kinds])
    # width that makes the table much shorter first; then the actor columns up to a branch label's width
    # (a label in a cell of its own beside its line, not across a rule); then what shortens the table at all
    spare = _grow_text(heights, widths, spare, False, 0.5)
    lanes, spare = _fill_lanes(lane_min, spare, label_w)
    if early:  # and these decisions' columns up to their labels beside their lines down
        spare = _widen(lanes, spare, early)
    spare = _grow_text(heights, widths, spare, False, 0.05)
    _rebalance(heights, widths, text_min)
    # then room for the symbols and lines; then fewer wrapped lines where they do not make the table taller
    # (easier to read)
    lanes, spare = _fill_lanes(lanes, spare, LANE_MAX)
    spare = _grow_text(heights, widths, spare, True, 0.2)
    spare = _widen(lanes, spare, down)
    # what nobody needs: the text columns, in proportion (Waktu and No keep their width)
    share = [0, 3, 2, 0, 2, 3]
    for k, s in enumerate(share):
        widths[k] += spare * s // sum(share)
    widths[1] += style.body_width - sum(widths) - sum(lanes)
    return Columns([widths[0], widths[1], *lanes, *widths[2:]], n)


def _widen(lanes: list[int], spare: int, down: dict[int, int]) -> int:
    """Widen each decision's column towards the room for its labels beside its line down (a label wider than
    its half of the column stands across the rules); returns the room left."""
    for lane, want in sorted(down.items()):
        more = max(0, min(want - lanes[lane], spare)) // STEP * STEP
        lanes[lane] += more
        spare -= more
    return spare


def whole_times(style: PageStyle, cols: Columns, rows: list[list[Cell]], row_mins: list[int],
                whole: bool = True) -> Columns | None:
    """``cols`` with Waktu wide enough for each time on one line ("15 menit" broken after "15" reads badly; real
    SOPs print each on one line), the width taken from the other text columns where the table grows least;
    the actor columns keep theirs.  None when the times stand whole already, or are too long for that (the
    chart takes it unless it needs more pages).  ``whole`` False: wide enough for each word of its cells only
    (a number and its unit joined, ``sop_table.whole_amounts``: "paling lambat / 3 hari kerja")."""
    target = times_width(style, rows) if whole else least_width(style, rows, WAKTU)
    widths, least, heights = _text_widths(style, cols, rows, row_mins)
    if (whole and target > WAKTU_WHOLE) or target <= widths[WAKTU]:
        return None
    while widths[WAKTU] < target:
        step = min(STEP, target - widths[WAKTU])
        options = [k for k in range(len(widths)) if k != WAKTU and widths[k] - step >= least[k]]
        if not options:
            return None
        k = min(options, key=lambda k: (heights.total_with(widths, k, widths[k] - step), -widths[k]))
        widths[k] -= step
        widths[WAKTU] += step
    out = list(cols.widths)
    for c, w in zip(cols.text_cols, widths):
        out[c] = w
    return Columns(out, cols.n_actors)


def _grow_text(heights: _Heights, widths: list[int], spare: int, by_lines: bool, least: float) -> int:
    """Hand ``spare`` out to the text columns, a step at a time, where it lowers the table's height (its lines
    of text: ``by_lines``) most per millimetre, looking ahead to the next line break of each column, while
    that gain is at least ``least`` twips per twip of width; return what is left."""
    current, measure = (heights.lines(widths), heights.lines_with) if by_lines else \
        (heights.total(widths), heights.total_with)
    while spare >= STEP:
        best = None
        for k, (_, _, most) in enumerate(TEXT_COLUMNS):
            d = STEP
            until = heights.same_until(k, widths[k])
            while d <= spare and widths[k] + d <= most:
                if widths[k] + d < until:  # no cell of the column changes below that width: no gain
                    if until == float("inf"):
                        break
                    d = max(d, int((until - widths[k]) // STEP) * STEP)
                    while widths[k] + d < until:
                        d += STEP
                    continue
                gain = current - measure(widths, k, widths[k] + d)
                if gain > 0:
                    if best is None or gain / d > best[0]:
                        best = (gain / d, k, d, current - gain)
                    break
                d += STEP
        if best is None or best[0] < least:
            break
        _, k, d, current = best
        widths[k] += d
        spare -= d
    return spare


def _rebalance(heights: _Heights, widths: list[int], least: list[int]) -> None:
    """Move width from one text column to another while that makes the table shorter (handing out spare
    width a step at a time cannot take back a step that a later one made useless)."""
    _move(widths, least, heights.total, (STEP, 2 * STEP, 4 * STEP, 8 * STEP), 100)


def _move(widths: list[int], least: list[int], cost, steps: tuple[int, ...], rounds: int,
          done=lambda c: False) -> object:
    """Move width between text columns (``steps`` at a time, none below ``least`` nor above its most) while a
    move lowers ``cost(widths)``, the best move first, until ``done(cost)``; return the last cost."""
    current = cost(widths)
    for _ in range(rounds):
        if done(current):
            break
        best = None
        for a in range(len(widths)):
            for b in range(len(widths)):
                if a == b:
                    continue
                for d in steps:
                    if widths[a] - d < least[a] or widths[b] + d > TEXT_COLUMNS[b][2]:
                        break
                    trial = list(widths)
                    trial[a] -= d
                    trial[b] += d
                    c = cost(trial)
                    if c < current and (best is None or c < best[0]):
                        best = (c, trial)
        if best is None:
            break
        current = best[0]
        widths[:] = best[1]
    return current


def _fill_lanes(lane_min: list[int], spare: int, most: int) -> tuple[list[int], int]:
    """Raise the narrowest actor columns first, up to ``most``: the actors share what is left."""
    lanes = list(lane_min)
    while spare > 0:
        low = min(lanes)
        if low >= most:
            break
        at_low = [i for i, w in enumerate(lanes) if w == low]
        nxt = min([w for w in lanes if w > low] + [most])
        each = min(nxt - low, spare // len(at_low))
        if each <= 0:
            break
        for i in at_low:
            lanes[i] += each
        spare -= each * len(at_low)
    return lanes, spare


def label_width(style: PageStyle, text: str) -> int:
    """The width an actor column needs for a branch label in one cell beside its line: the label in one line
    or in two balanced lines, whichever is narrower, with the clearances of ``sop_route``."""
    words = text.split()
    size = style.label_size
    best = style.measure(text, size)
    for k in range(1, len(words)):
        best = min(best, max(style.measure(" ".join(words[:k]), size), style.measure(" ".join(words[k:]), size)))
    return int(best) + 30 + 2 * 40 + 2 * 20 + mm(0.8)
