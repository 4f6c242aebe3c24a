"""Where the branch labels of one page of the SOP AP flowchart go (mixed into ``sop_route.Router``).

A labelled exit runs straight long enough for its label (``label_run``); the label is placed right after its
line: inside one cell, beside the start of the line, clear of every line, symbol and label (``label``), else
in the nearest free box around the line's start; when it finds no cell of its own but would fit in its row
were the row taller, the row is asked to grow.  A label never stands nearer another line than its own (a
reader gives a label to the nearest line): such a box is given up for one beside a later segment of its own
line (``_own_box``).  The search beside a segment and around a point runs in C (``_labels.c``) where it was
built: the same candidates, tests and choice as ``_beside`` and ``_label_near`` here.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools

from .hyphen import syllable_cut
from .page import mm
from .primitives import Label, Shape
from .sop_tracks import CLEAR, LABEL_MISS, NORMAL

try:  # the label search in C (the same boxes, several times faster); built where a compiler is present
    from . import _labels
except ImportError:  # pragma: no cover - a machine without a compiler searches in Python
    _labels = None  # type: ignore[assignment]

LABEL_CLEAR = 40  # free space around a branch label's text box, twips
GROW_COST = mm(12)  # cost of an exit whose label needs its row to grow
ACROSS_COST = mm(20)  # cost of an exit down whose label can only stand across a column's rule
LABEL_SLACK = 30  # a label's box is this much wider than its text
OWN_TOUCH = mm(1)  # a label this near its own line reads as that line's, whatever else is near
AHEAD_REACH = 12  # mm: how far ahead of a line's start a label is looked for when the nearest box is behind


def _direction(pts: list[tuple[int, int]]) -> tuple[int, int]:
    """The unit direction of a line's first segment."""
    (px, py), (qx, qy) = pts[0], pts[1]
    return (qx > px) - (qx < px), (qy > py) - (qy < py)


def _ahead(lab, pts: list[tuple[int, int]]) -> bool:
    """Whether the label's centre is not behind the start of its line (over the symbol it leaves)."""
    dx, dy = _direction(pts)
    return (lab.x + lab.w / 2 - pts[0][0]) * dx + (lab.y + lab.h / 2 - pts[0][1]) * dy >= 0


@functools.lru_cache(maxsize=None)
def _near_order(variants: int) -> list[tuple[int, ...]]:  # (variant, dx, dy) of _label_near's boxes, nearest first
    return [t[1:] for t in sorted((abs(dx) + abs(dy), vi, dx, dy) for vi in range(variants) for dx in range(-20, 21)
                                  for dy in range(-10, 11))]


def _cut(words: list[str], limit: float, measure) -> list[str]:
    """Return ``words`` in lines no wider than ``limit``: whole words where they fit, a longer word cut between
    syllables with a hyphen (``hyphen``), where none fits where the letters run out."""
    lines: list[str] = []
    line = ""
    for word in words:
        if line and measure(f"{line} {word}") <= limit:
            line = f"{line} {word}"
            continue
        if line:
            lines.append(line)
        line = word
        while measure(line) > limit and len(line) > 1:
            k = syllable_cut(line, lambda start: measure(start) <= limit)
            if k:
                lines.append(line[:k] + "-")
                line = line[k:]
                continue
            k = len(line) - 1
            while k > 1 and measure(line[:k]) > limit:
                k -= 1
            lines.append(line[:k])
            line = line[k:]
    return lines + [line] if line else lines


def _distance(box: tuple[int, int, int, int], pts: list[tuple[int, int]]) -> float:
    """The least distance between a box (x0, y0, x1, y1) and a polyline of axis-parallel segments."""
    least = _distance2(box, pts)
    return float("inf") if least is None else least ** 0.5


def _distance2(box: tuple[int, int, int, int], pts: list[tuple[int, int]]) -> int | None:
    """``_distance`` squared, a whole number (None: no segment): compared as it is, it orders as the distance
    does, without a root per segment (a label's place is weighed against every line of the page)."""
    x0, y0, x1, y1 = box
    least = None
    for (ax, ay), (bx, by) in zip(pts, pts[1:]):
        lo, hi = (ax, bx) if ax <= bx else (bx, ax)
        dx = lo - x1 if lo > x1 else x0 - hi if x0 > hi else 0
        lo, hi = (ay, by) if ay <= by else (by, ay)
        dy = lo - y1 if lo > y1 else y0 - hi if y0 > hi else 0
        d = dx * dx + dy * dy
        if least is None or d < least:
            least = d
    return least


_VARIANTS: dict = {}  # Labels._variants by font, size, widest lane and text (read only by its callers)


def _segment_boxes(pts: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """(right, left, bottom, top) of each segment of a line."""
    return [(ax if ax > bx else bx, bx if ax > bx else ax, ay if ay > by else by, by if ay > by else ay)
            for (ax, ay), (bx, by) in zip(pts, pts[1:])]


class Labels:
    """A page's branch labels: the router's page, columns, style, lanes' and rows' edges and state
    (``pending``, ``grow``, ``_label_memo``) are read from the ``Router`` this is mixed into."""

    def _variants(self, text: str) -> list[tuple[list[str], int, int]]:
        """A label's text on one line, in two balanced lines, one word a line: (lines, width, height)."""
        st = self.style
        size = st.label_size
        key = (st.font, size, max(self._lane_widths), text)  # all it depends on; asked many times per label
        if key not in _VARIANTS:
            _VARIANTS[key] = self._measured_variants(text)
        return _VARIANTS[key]

    def _measured_variants(self, text: str) -> list[tuple[list[str], int, int]]:
        st = self.style
        size = st.label_size
        words = text.split()
        variants = [[text]]
        if len(words) > 1:
            split = min(range(1, len(words)), key=lambda k: max(st.measure(" ".join(words[:k]), size),
                                                                st.measure(" ".join(words[k:]), size)))
            variants.append([" ".join(words[:split]), " ".join(words[split:])])
            if len(words) > 2:
                variants.append(words)
        limit = max(self._lane_widths) - 2 * LABEL_CLEAR - LABEL_SLACK  # the widest cell a label may stand in
        if any(st.measure(word, size) > limit for word in words):  # a word no cell holds: cut it where it must
            variants.append(_cut(words, limit, lambda t: st.measure(t, size)))
        return [(v, int(max(st.measure(t, size) for t in v)) + LABEL_SLACK, round(size * 20 * 1.15) * len(v) + 20)
                for v in variants]

    def label_run(self, s: Shape, port: str, text: str) -> tuple[int, int]:
        """(least first run, extra cost) of a labelled exit by ``port``: the run that puts the label's box in
        one cell beside the line, clear of every symbol; when there is none, no least run and a penalty."""
        px, py = s.port(port)
        nx, ny = NORMAL[port]
        gap = mm(0.8)
        best = None
        reach = self._reach(s, px, py, nx, ny)  # a run cannot go on through a symbol
        if _labels is not None:  # the same loop in C
            best = _labels.run([(w, h) for _, w, h in self._variants(text)], (px, py), (nx, ny), gap, mm(0.5),
                               min(reach, mm(40)), *self._label_page(lines=False))
        else:
            on_shape = self._collider(lines=False)  # a symbol or a label in the way, or out of the columns
            limit = min(reach, mm(40))
            for _, w, h in self._variants(text):
                along = w if nx else h
                for t in self._runs(px, py, nx, ny, gap, mm(0.5), limit - along - gap):
                    if best is not None and t + along + gap >= best:
                        break
                    if any(self._in_one_cell(x, y, w, h) and not on_shape(x, y, w, h)
                           for x, y in self._spots_at(px, py, nx, ny, t, w, h, gap)):
                        best = t + along + gap
                        break
        if best is not None:
            return best, 0
        if ny > 0:  # straight down from the symbol: the label fits beside the line if the row grows
            row = self.page.rows[s.row]
            bottom = row.top + row.height
            for _, w, h in self._variants(text):
                for x, y in self._spots_at(px, py, nx, ny, gap, w, h, gap):
                    lane = self.cols.lane_at(x + w / 2)
                    left = self.cols.lane_left(lane)
                    if left + 20 <= x and x + w <= left + self.cols.lane_width(lane) - 20:
                        more = 2 * (y + h + 30 - bottom)
                        if 0 < more <= mm(12):
                            self.pending[(id(s), port)] = max(more, self.pending.get((id(s), port), 0))
                            return gap + h + gap, GROW_COST
        if ny > 0:  # straight down, the label across the column's rule beside it (a white ground): better
            # than a detour round the symbol below to come in from the side
            on_shape = self._collider(lines=False)
            for _, w, h in self._variants(text):
                if gap + h + gap <= min(reach, mm(40)) and any(
                        self._in_actors(x, y, w, h) and not on_shape(x, y, w, h)
                        for x, y in self._spots_at(px, py, nx, ny, gap, w, h, gap)):
                    return gap + h + gap, ACROSS_COST
        return 0, LABEL_MISS

    def _runs(self, px: int, py: int, nx: int, ny: int, gap: int, step: int, most: int) -> list[int]:
        """The runs ``label_run`` tries, up to ``most``: every ``step`` from ``gap``, and the cells' edges
        (``_edges``), in order."""
        return sorted({*range(gap, most + 1, step), *(e for e in self._edges(px, py, nx, ny, gap, step) if e <= most)})

    def _edges(self, px: int, py: int, nx: int, ny: int, gap: int, step: int) -> list[int]:
        """The runs along a line from (px, py) that put a label's near edge on the inside edge of a cell ahead,
        sorted, past ``gap`` and off the grid of ``step``s: in steps alone a label could miss a turn into the
        next column's symbol by a fraction of a step (Polres Gorontalo Kota's 'Lengkap' went past it and back)."""
        if nx:
            edges = [(left + 20 - px) if nx > 0 else (px - left - width + 20)
                     for left, width in zip(self._lane_lefts, self._lane_widths)]
        else:
            edges = [top - py for top in self._row_tops] if ny > 0 else [py - bottom for bottom in self._row_bottoms]
        return sorted({e for e in edges if e > gap and (e - gap) % step})

    def _reach(self, s: Shape, px: int, py: int, nx: int, ny: int) -> int:
        """How far a line may run straight from a port of ``s`` before it meets another symbol or leaves the
        actor columns."""
        far = (self.x_hi - px if nx > 0 else px - self.x_lo if nx < 0 else
               self.y_hi - py if ny > 0 else py - self.y_lo)
        for o in self.page.shapes:
            if o is s:
                continue
            if nx and o.y - CLEAR < py < o.y + o.h + CLEAR and (o.x - px) * nx > 0:
                far = min(far, (o.x - px if nx > 0 else px - o.x - o.w) - CLEAR)
            if ny and o.x - CLEAR < px < o.x + o.w + CLEAR and (o.y - py) * ny > 0:
                far = min(far, (o.y - py if ny > 0 else py - o.y - o.h) - CLEAR)
        return far

    @staticmethod
    def _spots_at(px, py, nx, ny, t, w, h, gap):
        if nx:
            x = px + t if nx > 0 else px - t - w
            return [(x, py - h - 15), (x, py + 15)]
        y = py + t if ny > 0 else py - t - h
        return [(px + gap, y), (px - gap - w, y)]

    # -- labels
    def label(self, s: Shape, port: str, text: str, pts: list[tuple[int, int]], cell_first: bool = False) -> Label:
        """Place a branch label beside the start of its line: see the module's docstring.  ``cell_first``: a
        free box in one cell near the line's start wins over one across a rule beside it."""
        key = (self._state(), id(s), port, text, tuple(pts), cell_first)
        if key not in self._label_memo:  # the same label on the same page again (untangling puts lines back)
            self._label_memo[key] = self._best_label(text, pts)
            lab, short = self._label_memo[key]
            if cell_first and short and not self._in_one_cell(lab.x, lab.y, lab.w, lab.h):
                found = self._own_box(text, pts)
                if found is not None and not found[1] and _ahead(found[0], pts):
                    self._label_memo[key] = found
        lab, short = self._label_memo[key]
        lab = dataclasses.replace(lab)
        if short:
            self._ask_room(s, text, pts)
        self.page.labels.append(lab)
        self.add_obstacle(lab.x - LABEL_CLEAR, lab.y, lab.x + lab.w + LABEL_CLEAR, lab.y + lab.h)
        return lab

    def _best_label(self, text: str, pts: list[tuple[int, int]]) -> tuple[Label, bool]:
        """The best box beside the line for the label, and whether it falls short (not in the actor columns,
        on something, or across a rule).  Beside the line's first segment; where nothing is free there, the
        nearest free box around its start; and where that box is nearer another line than its own (a reader
        would give the label to that line), the first free box in one cell beside a later segment of its own."""
        score, lab = self._beside(text, pts[0], pts[1])
        short = score[:3] != (False, False, False)
        if score[1]:  # nothing free beside the line: the nearest free box around its start, ahead of it (one
            # behind the port, under its symbol, reads as the label of a line leaving there)
            near = self._near(pts[0], text)
            if near is not None and not _ahead(near[0], pts):
                found = self._label_near(pts[0], text, pts)
                near = near if found is None else (found[1], found[0][2])
            if near is not None:
                lab, short = near
        if not self._owned(lab, pts):
            return self._own_box(text, pts) or (lab, short)
        return lab, short

    def _own_box(self, text: str, pts: list[tuple[int, int]]) -> tuple[Label, bool] | None:
        """A free box that reads as its own line's: beside a later segment in one cell, else around the line's
        start in one cell; else across a rule (it stands on a white ground), beside a later segment first."""
        across = None
        for a, b in zip(pts[1:], pts[2:]):
            score, along = self._beside(text, a, b)
            if score[:2] == (False, False) and self._owned(along, pts):
                if not score[2]:
                    return along, False
                across = across or (along, True)
        hit, variants, step, at = self._collider(), self._variants(text), mm(1), pts[0]
        for vi, dx, dy in _near_order(len(variants)):
            lines, w, h = variants[vi]
            x, y = at[0] + dx * step - (w if dx < 0 else 0), at[1] + dy * step - (h if dy < 0 else 0)
            cell = self._in_one_cell(x, y, w, h)
            if (cell or across is None) and self._owned_box((x, y, x + w, y + h), pts) and not hit(x, y, w, h):
                lab = Label("\n".join(lines), x, y, w, h, "left", self.style.label_size)
                if cell:
                    return lab, False
                across = (lab, True)
        return across

    def _owned(self, lab: Label, pts: list[tuple[int, int]]) -> bool:
        """Whether a reader gives the label to its own line: it touches the line, or no other line is as near."""
        return self._owned_box((lab.x, lab.y, lab.x + lab.w, lab.y + lab.h), pts)

    def _owned_box(self, box: tuple[int, int, int, int], pts: list[tuple[int, int]]) -> bool:
        own = _distance2(box, pts)  # squared whole numbers: they order as the distances do
        if own is None:  # (no segment: as far as anything, so only when no other line is there)
            return all(ln.points is pts or ln.points == pts for ln in self.page.lines)
        if own <= OWN_TOUCH * OWN_TOUCH:
            return True
        for ln in self.page.lines:
            if ln.points is not pts and ln.points != pts:
                other = _distance2(box, ln.points)
                if other is not None and other <= own:
                    return False
        return True

    def _beside(self, text: str, p: tuple[int, int], q: tuple[int, int]) -> tuple[tuple, Label]:
        """(score, box) of the best box beside the segment p-q, nearest p first: score is (outside the actor
        columns, on something, across a rule, distance band, variant, position), the least wins."""
        if _labels is not None:
            variants = self._variants(text)
            score, x, y, right = _labels.best([(w, h) for _, w, h in variants], p, q, mm(0.8), mm(0.5),
                                              *self._label_page())
            lines, w, h = variants[score[4]]
            return tuple(score), Label("\n".join(lines), x, y, w, h, "right" if right else "left",
                                       self.style.label_size)
        best = None
        hit = self._collider()
        for vi, (lines, w, h) in enumerate(self._variants(text)):
            for pi, (x, y, align) in enumerate(self._label_spots([p, q], w, h)):
                if best is not None and best[0][:3] == (False, False, False) and pi // 4 >= best[0][3]:
                    break  # a free box in one cell: only a nearer spot (of a later variant) beats it
                out = not self._in_actors(x, y, w, h)
                cell = None
                if best is not None:  # skip what cannot beat the best so far, whatever its collisions (costly)
                    if out > best[0][0]:
                        continue
                    if out == best[0][0] and not best[0][1]:
                        cell = not self._in_one_cell(x, y, w, h)
                        if (cell, pi // 4, vi, pi) >= best[0][2:]:
                            continue
                if cell is None:
                    cell = not self._in_one_cell(x, y, w, h)
                score = (out, hit(x, y, w, h), cell, pi // 4, vi, pi)
                if best is None or score < best[0]:
                    best = (score, Label("\n".join(lines), x, y, w, h, align, self.style.label_size))
        return best

    def _near(self, at: tuple[int, int], text: str) -> tuple[Label, bool] | None:
        """The nearest free box around ``at`` (``_label_near``) and whether it falls short (across a rule)."""
        if _labels is None:
            found = self._label_near(at, text)
            return None if found is None else (found[1], found[0][2])
        variants = self._variants(text)
        near = _labels.near([(w, h) for _, w, h in variants], at, mm(1), *self._label_page())
        if near is None:
            return None
        lines, w, h = variants[near[0]]
        x, y = near[1:]
        return Label("\n".join(lines), x, y, w, h, "left", self.style.label_size), not self._in_one_cell(x, y, w, h)

    def _label_near(self, at: tuple[int, int], text: str, pts: list[tuple[int, int]] | None = None):
        """The free box nearest ``at`` for the label (in one cell if any is), searched in 1 mm steps: the
        first free one in one cell by (distance, variant, dx, dy), else the first free one; with ``pts``, only
        boxes ahead of the line's start (``_ahead``)."""
        hit, variants, step = self._collider(), self._variants(text), mm(1)
        ux, uy = _direction(pts) if pts is not None else (0, 0)

        def boxes():  # made as the search goes: it mostly stops after a few
            for vi, dx, dy in _near_order(len(variants)):
                _, w, h = variants[vi]
                x, y = at[0] + dx * step - (w if dx < 0 else 0), at[1] + dy * step - (h if dy < 0 else 0)
                if pts is not None:  # ahead of the start, in the actor columns, within AHEAD_REACH of it
                    if abs(dx) + abs(dy) > AHEAD_REACH:
                        return
                    if (x + w / 2 - at[0]) * ux + (y + h / 2 - at[1]) * uy < 0 or not self._in_actors(x, y, w, h):
                        continue
                yield vi, x, y, w, h
        found = free = None  # the first free box in one cell, else the first free one: in one pass
        for b in boxes():
            if free is not None and not self._in_one_cell(*b[1:]):
                continue  # (only a box in one cell can still win)
            if not hit(*b[1:]):
                if self._in_one_cell(*b[1:]):
                    found = b
                    break
                free = free or b
        found = found or free
        if found is None:
            return None
        vi, x, y, w, h = found
        return (False, False, not self._in_one_cell(x, y, w, h)), \
            Label("\n".join(variants[vi][0]), x, y, w, h, "left", self.style.label_size)

    def _ask_room(self, s: Shape, text: str, pts: list[tuple[int, int]]) -> None:
        """A label that found no cell of its own: when it would fit beside its line in the symbol's row if
        that row were taller, ask for the growth (the chart is laid out again; the symbol stays centred)."""
        row = self.page.rows[s.row]
        bottom = row.top + row.height
        need = None
        for _, w, h in self._variants(text):
            for x, y, _align in self._label_spots(pts, w, h):
                if y < row.top + 20 or y + h <= bottom - 20:
                    continue  # starts above the row, or is in it already (then it failed for another reason)
                lane = self.cols.lane_at(x + w / 2)
                left = self.cols.lane_left(lane)
                if not (left + 20 <= x and x + w <= left + self.cols.lane_width(lane) - 20):
                    continue
                if any(o.x < x + w + LABEL_CLEAR and o.x + o.w > x - LABEL_CLEAR and o.y < y + h + 10
                       and o.y + o.h > y - 10 for o in self.page.shapes if o.row == s.row):
                    continue
                more = 2 * (y + h + 20 + 10 - bottom)  # both bands grow: the symbol stays centred
                if more > mm(20):  # as far as the chart lets a row grow for labels (sop_chart._lay_out)
                    continue
                need = more if need is None else min(need, more)
        if need is not None:
            self.grow[s.row] = max(self.grow.get(s.row, 0), need)

    def _label_spots(self, pts: list[tuple[int, int]], w: int, h: int):
        """Candidate boxes (x, y, align) beside the first segment of a line, nearest the port first."""
        (px, py), (qx, qy) = pts[0], pts[1]
        gap = mm(0.8)
        nx = (qx > px) - (qx < px)
        ny = (qy > py) - (qy < py)
        length = abs(qx - px) + abs(qy - py)
        along = w if nx else h
        limit = max(length, along + 2 * gap)
        t = gap
        while t + along + gap <= limit:  # made as asked: _beside stops early
            for x, y in self._spots_at(px, py, nx, ny, t, w, h, gap):
                yield x, y, "right" if nx < 0 or (not nx and x < px) else "left"
            t += mm(0.5)
        for t in self._edges(px, py, nx, ny, gap, mm(0.5)):  # then the cells' edges off the steps
            if t + along + gap > limit:
                break
            for x, y in self._spots_at(px, py, nx, ny, t, w, h, gap):
                yield x, y, "right" if nx < 0 or (not nx and x < px) else "left"

    def _in_actors(self, x: int, y: int, w: int, h: int) -> bool:
        return self.x_lo <= x and x + w <= self.x_hi and self.y_lo <= y and y + h <= self.y_hi

    def _in_one_cell(self, x: int, y: int, w: int, h: int) -> bool:
        lane = min(bisect.bisect_right(self._lane_rights, x + w / 2), len(self._lane_rights) - 1)  # cols.lane_at
        left = self._lane_lefts[lane]
        if not (left + 20 <= x and x + w <= left + self._lane_widths[lane] - 20):
            return False
        # the rows follow each other: only the last one whose inside starts above y can hold the box
        k = bisect.bisect_right(self._row_tops, y) - 1
        return k >= 0 and y + h <= self._row_bottoms[k]

    def _collider(self, lines: bool = True):
        """``hit(x, y, w, h)``: whether the box touches a line (unless not ``lines``), a symbol or another label,
        or leaves the actor columns, on the page as it is now (the lines' segments and the boxes gathered once: a
        label's place is sought among hundreds of boxes)."""
        boxes = self._boxes(lines)
        x_lo, x_hi, y_lo, y_hi, c = self.x_lo, self.x_hi, self.y_lo, self.y_hi, LABEL_CLEAR

        def hit(x: int, y: int, w: int, h: int) -> bool:
            x0, y0, x1, y1 = x - c, y - 10, x + w + c, y + h + 10
            if x < x_lo or x + w > x_hi or y < y_lo or y + h > y_hi:
                return True
            for r, left, b, top in boxes:
                if r > x0 and left < x1 and b > y0 and top < y1:
                    return True
            return False
        return hit

    def _boxes(self, lines: bool = True) -> list[tuple[int, int, int, int]]:
        """(right, left, bottom, top) of every line's segment (unless not ``lines``), symbol and label on the
        page as it is now."""
        boxes = []
        if lines:
            memo = vars(self).setdefault("_segment_memo", {})  # line id -> (its points, their boxes)
            for ln in self.page.lines:
                pts = ln.points
                known = memo.get(id(ln))
                if known is None or known[0] is not pts:  # (the memo holds the points: their id stays theirs)
                    known = memo[id(ln)] = (pts, _segment_boxes(pts))
                boxes += known[1]
        return boxes + [(o.x + o.w, o.x, o.y + o.h, o.y) for o in [*self.page.shapes, *self.page.labels]]

    def _label_page(self, lines: bool = True) -> tuple:
        """What the C search (``_labels.c``) reads of the page: the actor columns' bounds and a label's
        clearance, the boxes in the way (``_boxes``), the lanes' and the rows' edges."""
        return ((self.x_lo, self.x_hi, self.y_lo, self.y_hi, LABEL_CLEAR), self._boxes(lines),
                (self._lane_rights, self._lane_lefts, self._lane_widths), (self._row_tops, self._row_bottoms))
