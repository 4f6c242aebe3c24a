"""Lines and branch labels of one page of the SOP AP flowchart (twips, from the table's top-left corner).

Every line is searched for on the page's grid of tracks (``sop_tracks``).  Lines with fixed ports go first,
then the others by how many rows they span: the flow from one row to the next before the long branches and
loops that must go around it.  The exits of a step are given distinct ports at the least total cost when
the first of them is drawn.  A labelled exit runs straight long enough for its label, which is placed right
after its line (``sop_labels``) on a white ground; it is an obstacle for every line drawn after it.  When a
label finds no cell of its own but would fit in its row were the row taller, the row is asked to grow (the
chart is laid out again).  Finally lines that cross are drawn again, alone or in pairs, now that every other
line is there, and kept when the page has fewer crossings.
"""

from __future__ import annotations

import itertools

from .page import PageStyle, mm
from .primitives import Label, Line
from .sop_plan import best_assignment
from .sop_table import Columns, Page, Sizes
from .sop_crossings import corner_passes, crossings_of, crossing_pairs, iter_crossing_pairs
from .sop_labels import LABEL_CLEAR, Labels, _ahead, _distance
from .sop_tracks import CROSS, PORTS, USED_COST, Link, Tracks, _length, clean

SHARE = "share"  # a plan's port for an exit that leaves by another exit's corner (``Router._share``)
LABEL_FAR = mm(12)  # a branch label farther than this from its line's start reads as another line's


class Router(Labels, Tracks):
    """Route the lines of one page and place their branch labels (see the module's docstring)."""

    def __init__(self, page: Page, cols: Columns, sz: Sizes, style: PageStyle):
        super().__init__(page, cols, sz, style)
        self.drawn: list[dict] = []  # per line: link, ports, points, Line, Label (to draw it again)
        self.grow: dict[int, int] = {}  # row index -> how much taller it should be for a branch label
        self.pending: dict[tuple[int, str], int] = {}  # (symbol, port) -> growth its label would need
        self._label_memo: dict = {}  # label placements by page state and arguments
        self._fed: set[int] = set()  # the steps a line comes into from a row above (by their top)
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
        self._fed = {id(ln.tgt) for g in groups for ln in g if ln.tgt.row > ln.src.row}  # entered from above
        shared = []
        for _, gi, k in order:
            if gi not in plans:
                plans[gi] = self._plan(groups[gi])
            if plans[gi][k] == [SHARE]:  # after the exit it leaves with
                shared.append(groups[gi][k])
                continue
            self._route_one(groups[gi][k], plans[gi][k])
        for ln in shared:
            self._route_one(ln, self._share(ln))
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
            rec["label"] = self.label(ln.src, rec["port"], ln.label, rec["pts"], end_beside(ln))

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
        sides = [p for p in free if p != "top"]
        if 1 < len(flexible) and len(sides) < len(flexible) and sides and id(src) in self._fed:
            # more exits than sides, and the top is the flow's way in: the farthest exits leave with another
            by_span = sorted(flexible, key=lambda k: self._span(links[k]))
            plan.update({k: [SHARE] for k in by_span[len(sides):]})
            flexible = by_span[:len(sides)]
        if 1 < len(flexible) <= len(free):
            perms = list(itertools.permutations(sides if len(sides) >= len(flexible) else free, len(flexible)))
            best = best_assignment(self, links, flexible, perms)
            plan.update({k: [p] for k, p in zip(flexible, best[1])})
            src.used.update(best[1])  # reserved: no other line comes in there meanwhile
        for k in flexible:
            plan.setdefault(k, [])  # any port still free when it is drawn
        return plan

    def _route_one(self, ln: Link, ports: list[str]) -> None:
        src = ln.src
        ports = ports or [p for p in ("bottom", "right", "left", "top") if p not in src.used] or self._share(ln)
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

    def _share(self, ln: Link) -> list[str]:
        """No corner of the step is free (a decision of four exits, one corner taken by the flow in): the line
        leaves by the corner of another exit and runs along it until they part, rather than along the line
        coming in or hidden on a symbol's edge."""
        siblings = [r for r in self.drawn if r["link"].src is ln.src and r["link"].arrow and ln.arrow]
        if not siblings:
            return ["bottom"]
        ln.share = frozenset((id(r["link"].tgt), r["entry"]) for r in siblings)
        return list(dict.fromkeys(r["port"] for r in siblings))

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
                label = self.label(src, port, ln.label, pts, end_beside(ln))
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
        the new route when it crosses fewer lines (then, when it is shorter).  Then the exits of a decision
        whose line runs across one of its free corners (it reads as that corner's exit) are planned again."""
        tried: set = set()
        for _ in range(rounds * 8):
            pair = next(((a, b) for a, b in iter_crossing_pairs(self.page.lines) if (a.name, b.name) not in tried), None)
            if pair is None:
                break
            a, b = pair
            tried.add((a.name, b.name))
            if self._redraw(a) or self._redraw(b) or self._redraw_pair(a, b) or self._replan(a, b) or \
                    self._replan(b, a):
                tried.clear()  # the page changed: pairs tried before may now come apart
        for line, _ in corner_passes(self.page.lines, self.page.shapes):
            if line in self.page.lines:
                self._replan(line, None)

    @staticmethod
    def _misplaced(rec: dict) -> bool:
        """Whether a line's branch label stands far from its start or behind it (it reads as another's)."""
        lab, start = rec["label"], rec["pts"][0]
        return _distance((lab.x, lab.y, lab.x + lab.w, lab.y + lab.h), [start, start]) > LABEL_FAR or \
            not _ahead(lab, rec["pts"])

    def _score(self) -> int:
        """The page's cost as the search weighs a route: a crossing, and a label far from its line's start or
        behind it, each cost CROSS of length, so a detour longer than that is not taken to avoid one (it went
        round the whole page); a line across a free corner of its own decision (it reads as leaving there)
        half as much."""
        lines = self.page.lines
        bad = len(crossing_pairs(lines))
        bad += sum(1 for r in self.drawn if r["label"] is not None and self._misplaced(r))
        return CROSS * bad + CROSS // 2 * len(corner_passes(lines, self.page.shapes)) + \
            sum(_length(ln.points) for ln in lines)

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

    def _replan(self, a: Line, b: Line | None) -> bool:
        """Erase every exit of ``a``'s step and the line ``b`` (if any); draw the exits again with each
        assignment of their step's ports, then ``b``; keep the first page that costs less (``_score``)."""
        rec_a, rec_b = self._records(a, b) if b is not None else (self._records(a, a)[0], None)
        if rec_a is None or b is not None and (rec_b is None or rec_a is rec_b):
            return False
        src = rec_a["link"].src
        group = [r for r in self.drawn if r["link"].src is src and not (r["link"].ports and len(r["link"].ports) == 1)]
        if len(group) < 2 or rec_b in group:
            return False
        before = self._score()
        others = group + ([rec_b] if rec_b is not None else [])
        keep = [(r["link"], r["port"], r["entry"], r["pts"], r["label"]) for r in others]
        for r in others:
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
                found = self._search_again(rec_b, None) if rec_b is not None else None
                if found is not None:
                    self._draw(links[-1], found[2], found[3], found[1])
                    new.append(self.drawn[-1])
                if len(new) == len(others) and self._score() < before:
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
        before = CROSS * crossings_of(line, self.page.lines) + _length(line.points)
        ln = rec["link"]
        self._erase(rec)
        fixed = ln.ports and len(ln.ports) == 1
        ports = list(ln.ports) if fixed else [p for p in PORTS if p not in ln.src.used]
        runs = {p: self.label_run(ln.src, p, ln.label) if ln.label else (0, 0) for p in ports}
        found = self.search(ln, runs, self._entries(ln)) if ports else None
        if found is not None:
            _, pts, port, entry = found
            after = CROSS * crossings_of(Line(pts, line.name, ln.arrow), self.page.lines) + _length(pts)
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


def end_beside(ln: Link) -> bool:
    """Whether the line is a branch to the end terminator beside its decision, in the next column
    (``sop_place``): its label rather in that cell by the terminator than across the rule beside the line's
    start (review W)."""
    return ln.tgt.kind == "terminator" and ln.tgt.row == ln.src.row and ln.tgt.lane != ln.src.lane
