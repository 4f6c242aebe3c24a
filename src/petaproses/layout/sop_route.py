"""Lines and branch labels of one page of the SOP AP flowchart (twips, from the table's top-left corner).

Every line is searched for on the page's grid of tracks (``sop_tracks``).  Lines with fixed ports go first,
then the others by how many rows they span: the flow from one row to the next before the long branches and
loops that must go around it.  The exits of a step are given distinct ports at the least total cost when
the first of them is drawn.  A labelled exit runs straight long enough for its label; the label is placed
right after its line: inside one cell, beside the start of the line, clear of every line, symbol and label,
on a white ground; it is an obstacle for every line drawn after it.  When a label finds no cell of its own
but would fit in its row were the row taller, the row is asked to grow (the chart is laid out again).
Finally lines that cross are drawn again, alone or in pairs, now that every other line is there, and kept
when the page has fewer crossings.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools

from .page import PageStyle, mm
from .primitives import Label, Line, Shape
from .sop_plan import best_assignment
from .sop_table import Columns, Page, Sizes
from .sop_crossings import crossings_of, crossing_pairs, iter_crossing_pairs
from .sop_tracks import CLEAR, LABEL_MISS, NORMAL, PORTS, USED_COST, Link, Tracks, _length, clean
LABEL_CLEAR = 40  # free space around a branch label's text box, twips
GROW_COST = mm(12)  # cost of an exit whose label needs its row to grow
LABEL_SLACK = 30  # a label's box is this much wider than its text


@functools.lru_cache(maxsize=None)
def _near_order(variants: int) -> list[tuple[int, ...]]:  # (variant, dx, dy) of _label_near's boxes, nearest first
    return [t[1:] for t in sorted((abs(dx) + abs(dy), vi, dx, dy) for vi in range(variants) for dx in range(-20, 21)
                                  for dy in range(-10, 11))]


class Router(Tracks):
    """Route the lines of one page and place their branch labels (see the module's docstring)."""

    def __init__(self, page: Page, cols: Columns, sz: Sizes, style: PageStyle):
        super().__init__(page, cols, sz, style)
        self.drawn: list[dict] = []  # per line: link, ports, points, Line, Label (to draw it again)
        self.grow: dict[int, int] = {}  # row index -> how much taller it should be for a branch label
        self.pending: dict[tuple[int, str], int] = {}  # (symbol, port) -> growth its label would need
        self._label_memo: dict = {}  # label placements by page state and arguments
        self._row_tops = [r.top + 20 for r in page.rows]  # the inside of each row, for labels
        self._row_bottoms = [r.top + r.height - 20 for r in page.rows]
        lanes = range(cols.n_actors)  # each lane's right edge, left edge and width (cols.lane_at & co.), once
        self._lane_rights = [cols.lane_left(lane) + cols.lane_width(lane) for lane in lanes]
        self._lane_lefts = [cols.lane_left(lane) for lane in lanes]
        self._lane_widths = [cols.lane_width(lane) for lane in lanes]

    # -- routing a page
    def route_all(self, groups: list[list[Link]]) -> None:
        """Route every line; ``groups``: the exits of one shape each.  Lines with fixed ports go first, then
        the others by how many rows they span (the flow from one row to the next before the long branches
        and loops that must go around it); a group's ports are assigned when its first line is drawn."""
        plans: dict[int, dict[int, list[str]]] = {}
        order = sorted((self._span(ln), gi, k) for gi, g in enumerate(groups) for k, ln in enumerate(g))
        for _, gi, k in order:
            if gi not in plans:
                plans[gi] = self._plan(groups[gi])
            self._route_one(groups[gi][k], plans[gi][k])
        self.untangle()
        self.relabel()

    def relabel(self) -> None:
        """Place every label again now that all lines are final: a line that kept a label away may have moved."""
        for rec in self.drawn:
            if rec["label"] is None:
                continue
            self.page.labels.remove(rec["label"])
            self._rebuild_label_blocks()
            ln = rec["link"]
            rec["label"] = self.label(ln.src, rec["port"], ln.label, rec["pts"])

    def _rebuild_label_blocks(self) -> None:
        self.free = list(self.base_free)
        self.hblk, self.vblk = set(), set()
        for lab in self.page.labels:
            self.add_obstacle(lab.x - LABEL_CLEAR, lab.y, lab.x + lab.w + LABEL_CLEAR, lab.y + lab.h)

    @staticmethod
    def _span(ln: Link) -> tuple[int, int, int]:
        if ln.ports and len(ln.ports) == 1:
            return (-1, 0, ln.src.row)
        return (abs(ln.tgt.row - ln.src.row), ln.tgt.row < ln.src.row, ln.src.row)

    def _plan(self, links: list[Link]) -> dict[int, list[str]]:
        """The ports each line of a group may leave by: fixed ones as given; when several lines are free to
        choose, the assignment of distinct free ports with the least total cost of their routes."""
        src = links[0].src
        fixed = {p for ln in links if ln.ports and len(ln.ports) == 1 for p in ln.ports}
        free = [p for p in ("bottom", "right", "left", "top") if p not in src.used and p not in fixed]
        plan = {k: list(ln.ports) for k, ln in enumerate(links) if ln.ports}
        flexible = [k for k, ln in enumerate(links) if ln.ports is None]
        if 1 < len(flexible) <= len(free):
            sides = [p for p in free if p != "top"]
            perms = list(itertools.permutations(sides if len(sides) >= len(flexible) else free, len(flexible)))
            best = best_assignment(self, links, flexible, perms)
            plan.update({k: [p] for k, p in zip(flexible, best[1])})
            src.used.update(best[1])  # reserved: no other line comes in there meanwhile
        for k in flexible:
            plan.setdefault(k, [])  # any port still free when it is drawn
        return plan

    def _route_one(self, ln: Link, ports: list[str]) -> None:
        src = ln.src
        ports = ports or [p for p in ("bottom", "right", "left", "top") if p not in src.used] or ["bottom"]
        runs = {p: self.label_run(src, p, ln.label) if ln.label else (0, 0) for p in ports}
        found = self.search(ln, runs, self._entries(ln))
        if found is None:  # the planned way is shut: any port of the symbol, any point of the target
            found = self.search(ln, {p: (0, 0) for p in PORTS}, {p: USED_COST for p in PORTS})
        if found is None:  # nowhere to go without crossing a symbol: straight, so it still shows
            entry = next(iter(self._entries(ln)))
            a, b = src.port(ports[0]), ln.tgt.port(entry)
            pts = clean([a, (a[0], b[1]), b])
            port = ports[0]
        else:
            _, pts, port, entry = found
        self._draw(ln, port, entry, pts)
        more = self.pending.get((id(src), port))
        if more and ln.label:  # the label sits under the symbol once the row has grown (laid out again)
            self.grow[src.row] = max(self.grow.get(src.row, 0), more)

    def _draw(self, ln: Link, port: str, entry: str, pts: list[tuple[int, int]], label: Label | None = None) -> None:
        """Commit a route, take its ports, place its label (or put back the one it had)."""
        src = ln.src
        src.used.add(port)
        ln.tgt.used.add(entry)
        if ln.arrow:
            ln.tgt.entered.add(entry)
        line = self.commit(pts, ln.tgt, entry, f"{'Panah' if ln.arrow else 'Garis'} {src.name} ke {ln.tgt.name}",
                           ln.arrow)
        if ln.label:
            if label is None:
                label = self.label(src, port, ln.label, pts)
            else:
                self.page.labels.append(label)
                self.add_obstacle(label.x - LABEL_CLEAR, label.y, label.x + label.w + LABEL_CLEAR, label.y + label.h)
        self.drawn.append({"link": ln, "port": port, "entry": entry, "pts": pts, "line": line, "label": label})

    def _erase(self, rec: dict) -> None:
        """Take a drawn line (and its label) off the page: the inverse of ``_draw``."""
        ln = rec["link"]
        self.drawn.remove(rec)
        self.page.lines.remove(rec["line"])
        self._mark(rec["pts"], (id(ln.tgt), rec["entry"]) if ln.arrow else ("line", id(rec["line"])), -1)
        ln.src.used.discard(rec["port"])
        if not any(r["link"].tgt is ln.tgt and r["entry"] == rec["entry"] for r in self.drawn) and \
                not any(r["link"].src is ln.tgt and r["port"] == rec["entry"] for r in self.drawn):
            ln.tgt.used.discard(rec["entry"])
            ln.tgt.entered.discard(rec["entry"])
        if rec["label"] is not None:
            self.page.labels.remove(rec["label"])
            self._rebuild_label_blocks()

    # -- second pass: lines drawn before the ones they cross are drawn again
    def untangle(self, rounds: int = 2) -> None:
        """For each pair of crossing lines, draw one of them again now that every other line is there; keep
        the new route when it crosses fewer lines (then, when it is shorter)."""
        tried: set = set()
        for _ in range(rounds * 8):
            pair = next(((a, b) for a, b in iter_crossing_pairs(self.page.lines) if (a.name, b.name) not in tried), None)
            if pair is None:
                return
            a, b = pair
            tried.add((a.name, b.name))
            if self._redraw(a) or self._redraw(b) or self._redraw_pair(a, b) or self._replan(a, b) or \
                    self._replan(b, a):
                tried.clear()  # the page changed: pairs tried before may now come apart

    def _score(self) -> tuple[int, int]:
        lines = self.page.lines
        return (len(crossing_pairs(lines)), sum(_length(ln.points) for ln in lines))

    def _redraw_pair(self, a: Line, b: Line) -> bool:
        """Erase two crossing lines and draw them again: in either order, and with the first one kept off the
        point it left or entered by (so that the other may take it); keep the first better page."""
        recs = self._records(a, b)
        if None in recs:
            return False
        before = self._score()
        for first in (0, 1):
            for avoid in (None, "port", "entry"):
                order = [recs[first], recs[1 - first]]
                keep = [(r["link"], r["port"], r["entry"], r["pts"], r["label"]) for r in recs]
                for r in recs:
                    self._erase(r)
                new = []
                for k, r in enumerate(order):
                    found = self._search_again(r, avoid if k == 0 else None)
                    if found is None:
                        break
                    _, pts, port, entry = found
                    self._draw(r["link"], port, entry, pts)
                    new.append(self.drawn[-1])
                if len(new) == 2 and self._score() < before:
                    return True
                for r in new:
                    self._erase(r)
                for args in keep:
                    self._draw(*args)
                recs = self.drawn[-2:]
        return False

    def _records(self, a: Line, b: Line) -> list[dict | None]:
        """The drawn records of two lines, by name (a line kept after a failed redraw is a new object), never
        the same record twice (two branches of a decision to the same step have the same name)."""
        out: list[dict | None] = []
        for x in (a, b):
            out.append(next((r for r in self.drawn if r["line"].name == x.name and all(r is not q for q in out)),
                            None))
        return out

    def _replan(self, a: Line, b: Line) -> bool:
        """Erase every exit of ``a``'s step and the line ``b``; draw the exits again with each assignment of
        their step's ports, then ``b``; keep the first page with fewer crossings."""
        rec_a, rec_b = self._records(a, b)
        if rec_a is None or rec_b is None or rec_a is rec_b:
            return False
        src = rec_a["link"].src
        group = [r for r in self.drawn if r["link"].src is src and not (r["link"].ports and len(r["link"].ports) == 1)]
        if len(group) < 2 or rec_b in group:
            return False
        before = self._score()
        keep = [(r["link"], r["port"], r["entry"], r["pts"], r["label"]) for r in group + [rec_b]]
        for r in group + [rec_b]:
            self._erase(r)
        free = [p for p in PORTS if p not in src.used]
        links = [k[0] for k in keep]
        for perm in itertools.permutations(free, len(group)):
            new = []
            for ln, port in sorted(zip(links, perm), key=lambda lp: self._span(lp[0])):
                run = {port: self.label_run(src, port, ln.label) if ln.label else (0, 0)}
                found = self.search(ln, run, self._entries(ln))
                if found is None:
                    break
                self._draw(ln, found[2], found[3], found[1])
                new.append(self.drawn[-1])
            if len(new) == len(group):
                found = self._search_again(rec_b, None)
                if found is not None:
                    self._draw(links[-1], found[2], found[3], found[1])
                    new.append(self.drawn[-1])
                    if self._score()[0] < before[0]:
                        return True
            for r in new:
                self._erase(r)
        for args in keep:
            self._draw(*args)
        return False

    def _search_again(self, rec: dict, avoid: str | None):
        ln = rec["link"]
        fixed = ln.ports and len(ln.ports) == 1
        ports = list(ln.ports) if fixed else [p for p in PORTS if p not in ln.src.used]
        entries = self._entries(ln)
        if avoid == "port":
            if fixed:
                return None
            ports = [p for p in ports if p != rec["port"]]
        elif avoid == "entry":
            entries = {p: c for p, c in entries.items() if p != rec["entry"]}
        if not ports or not entries:
            return None
        runs = {p: self.label_run(ln.src, p, ln.label) if ln.label else (0, 0) for p in ports}
        return self.search(ln, runs, entries)

    def _redraw(self, line: Line) -> bool:
        rec = next((r for r in self.drawn if r["line"] is line), None)
        if rec is None:
            return False
        before = (crossings_of(line, self.page.lines), _length(line.points))
        ln = rec["link"]
        self._erase(rec)
        fixed = ln.ports and len(ln.ports) == 1
        ports = list(ln.ports) if fixed else [p for p in PORTS if p not in ln.src.used]
        runs = {p: self.label_run(ln.src, p, ln.label) if ln.label else (0, 0) for p in ports}
        found = self.search(ln, runs, self._entries(ln)) if ports else None
        if found is not None:
            _, pts, port, entry = found
            after = (crossings_of(Line(pts, line.name, ln.arrow), self.page.lines), _length(pts))
            if after < before:
                self._draw(ln, port, entry, pts)
                return True
        self._draw(ln, rec["port"], rec["entry"], rec["pts"], rec["label"])
        return False

    def _entries(self, ln: Link) -> dict[str, int]:
        """The ports a line may enter by (any, or those given): a free one, or, for an arrow, one another
        arrow comes in by (they join; it costs more)."""
        t = ln.tgt
        ports = ln.entries or PORTS
        out = {p: 0 for p in ports if p not in t.used}
        if ln.arrow:
            out.update({p: USED_COST for p in ports if p in t.entered})
        return out or {p: USED_COST for p in ports}

    def _variants(self, text: str) -> list[tuple[list[str], int, int]]:
        """A label's text on one line, in two balanced lines, one word a line: (lines, width, height)."""
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
        for _, w, h in self._variants(text):
            along = w if nx else h
            t = gap
            while t + along + gap <= min(reach, mm(40)) and (best is None or t + along + gap < best):
                for x, y in self._spots_at(px, py, nx, ny, t, w, h, gap):
                    if self._in_one_cell(x, y, w, h) and not self._on_shape(x, y, w, h):
                        best = t + along + gap
                        break
                t += mm(0.5)
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
        return 0, LABEL_MISS

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

    def _on_shape(self, x: int, y: int, w: int, h: int) -> bool:
        c = LABEL_CLEAR
        return any(o.x < x + w + c and o.x + o.w > x - c and o.y < y + h + 10 and o.y + o.h > y - 10
                   for o in [*self.page.shapes, *self.page.labels]) or \
            x < self.x_lo or x + w > self.x_hi or y < self.y_lo or y + h > self.y_hi

    # -- labels
    def label(self, s: Shape, port: str, text: str, pts: list[tuple[int, int]]) -> Label:
        """Place a branch label beside the start of its line: see the module's docstring."""
        key = (self._state(), id(s), port, text, tuple(pts))
        if key not in self._label_memo:  # the same label on the same page again (untangling puts lines back)
            self._label_memo[key] = self._best_label(text, pts)
        lab, short = self._label_memo[key]
        lab = dataclasses.replace(lab)
        if short:
            self._ask_room(s, text, pts)
        self.page.labels.append(lab)
        self.add_obstacle(lab.x - LABEL_CLEAR, lab.y, lab.x + lab.w + LABEL_CLEAR, lab.y + lab.h)
        return lab

    def _best_label(self, text: str, pts: list[tuple[int, int]]) -> tuple[Label, bool]:
        """The best box beside the line for the label, and whether it falls short (not in the actor columns,
        on something, or across a rule)."""
        best = None
        hit = self._collider()
        for vi, (lines, w, h) in enumerate(self._variants(text)):
            for pi, (x, y, align) in enumerate(self._label_spots(pts, w, h)):
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
        if best[0][1]:  # nothing free beside the line: the nearest free box around its start
            best = self._label_near(pts[0], text) or best
        return best[1], best[0][:3] != (False, False, False)

    def _label_near(self, at: tuple[int, int], text: str):
        """The free box nearest ``at`` for the label (in one cell if any is), searched in 1 mm steps: the
        first free one in one cell by (distance, variant, dx, dy), else the first free one."""
        hit, variants, step = self._collider(), self._variants(text), mm(1)

        def boxes():  # made as the search goes: it mostly stops after a few
            for vi, dx, dy in _near_order(len(variants)):
                _, w, h = variants[vi]
                yield vi, at[0] + dx * step - (w if dx < 0 else 0), at[1] + dy * step - (h if dy < 0 else 0), w, h
        found = next((b for b in boxes() if self._in_one_cell(*b[1:]) and not hit(*b[1:])), None) or \
            next((b for b in boxes() if not hit(*b[1:])), None)
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
        t = gap
        while t + along + gap <= max(length, along + 2 * gap):  # made as asked: _best_label stops early
            for x, y in self._spots_at(px, py, nx, ny, t, w, h, gap):
                yield x, y, "right" if nx < 0 or (not nx and x < px) else "left"
            t += mm(0.5)

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

    def _collider(self):
        """``hit(x, y, w, h)``: whether the box touches a line, a symbol or another label, or leaves the actor
        columns, on the page as it is now (the lines' segments and the boxes gathered once: a label's place is
        sought among hundreds of boxes)."""
        boxes = [(max(ax, bx), min(ax, bx), max(ay, by), min(ay, by)) for ln in self.page.lines
                 for (ax, ay), (bx, by) in zip(ln.points, ln.points[1:])]
        boxes += [(o.x + o.w, o.x, o.y + o.h, o.y) for o in [*self.page.shapes, *self.page.labels]]
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
