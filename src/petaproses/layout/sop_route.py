"""Lines and branch labels of one page of the SOP AP flowchart (twips, from the table's top-left corner).

Routing rules, so that arrows never cross a symbol:
- a row holds one symbol, so a horizontal segment at the height of the source's centre is always free;
- every actor column keeps a free vertical channel on each side of its symbols;
- every row keeps a free gap above and below its symbol, for horizontal segments into the target.
Branch labels are placed after every line of the page is drawn, clear of all of them.
"""

from __future__ import annotations

import itertools

from .page import PageStyle, mm
from .primitives import Label, Line, Shape
from .sop_table import Columns, Page, Sizes

LABEL_SLACK = 30  # a branch label's box is this much wider than its text, twips
LABEL_CLEAR = 40  # free space left and right of a branch label's box, twips


class NoRoom(Exception):
    """An off-page connector found no free cell beside its step."""

    def __init__(self, edge):
        self.edge = edge


class Router:
    """Route the lines of one page, then place their branch labels (see the module's rules)."""

    def __init__(self, page: Page, cols: Columns, sz: Sizes, occupied, style: PageStyle):
        self.page, self.cols, self.sz, self.occupied, self.style = page, cols, sz, occupied, style
        self.tracks: dict[tuple[int, str], list[tuple[int, int, int]]] = {}  # channel -> (x, y0, y1)

    # -- helpers
    def lane_free(self, lane: int, r0: int, r1: int) -> bool:
        """True when no symbol sits in ``lane`` strictly between rows r0 and r1."""
        lo, hi = sorted((r0, r1))
        return all((r, lane) not in self.occupied for r in range(lo + 1, hi))

    def gap_above(self, s: Shape) -> int:
        return (self.page.rows[s.row].top + s.y) // 2

    def gap_below(self, s: Shape) -> int:
        r = self.page.rows[s.row]
        return (s.y + s.h + r.top + r.height) // 2

    def channel(self, lane: int, side: str, y0: int, y1: int) -> int:
        """Return the x of a free vertical track in the channel on ``side`` of ``lane``'s symbols."""
        lo, hi = sorted((y0, y1))
        left = self.cols.lane_left(lane)
        inner = (self.cols.lane_width - self.sz.sym_w) // 2
        mid = left + inner // 2 if side == "left" else left + self.cols.lane_width - inner // 2
        step = mm(1.2)
        used = self.tracks.setdefault((lane, side), [])
        # narrow channels (many actors) hold no second track 1.2 mm away: then try tracks 0.6 mm apart
        candidates = [mid + k * step for k in (0, -1, 1, -2, 2)] + [mid + k * step // 2 for k in (-1, 1, -3, 3)]
        lim_lo, lim_hi = (left + mm(0.5), left + inner - mm(0.5)) if side == "left" else \
            (left + self.cols.lane_width - inner + mm(0.5), left + self.cols.lane_width - mm(0.5))
        for x in candidates:
            if not lim_lo <= x <= lim_hi:
                continue
            if all(ux != x or hi < a or lo > b for ux, a, b in used):
                used.append((x, lo, hi))
                return x
        used.append((mid, lo, hi))
        return mid

    # -- routing
    def route_all(self, links, sides=()) -> None:
        """Draw every line of the page and place the branch labels.

        ``links``: (source shape, target shape, branch label); ``sides``: (step shape, "in"/"out", pair label,
        branch label, edge) for off-page connectors beside their step.  Raises ``NoRoom`` when such a
        connector finds no free cell (the page is then laid out again with it in a connector row)."""
        exits = self._exits(links, sides)
        ports = self._assign_ports(exits)
        # incoming pentagons beside their target take a free side before loops back do
        for shape, kind, pair, _label, edge in sides:
            if kind == "in":
                side = next((p for p in ("left", "right") if p not in shape.used and self.free_lane(shape, p)
                             is not None), None)
                if side is None:
                    raise NoRoom(edge)
                shape.used.add(side)
                self.side_pentagon(shape, side, pair, incoming=True)
        # a loop back whose port cannot reach a free vertex of its target takes another free port that can
        for i, (src, tgt, _label, forward, _) in enumerate(exits):
            if tgt is None or forward or self.back_entry(src, tgt, ports[i]):
                continue
            other = next((p for p in ("right", "left", "bottom") if p not in src.used
                          and self.back_entry(src, tgt, p)), None)
            if other:
                src.used.discard(ports[i])
                src.used.add(other)
                ports[i] = other
        wanted = []
        routes: dict[int, list[tuple[int, int]]] = {}
        for i, (src, tgt, label, forward, _) in enumerate(exits):  # pentagons first: routes avoid them
            if tgt is None:
                pair, _label, edge = label
                if ports[i] not in ("left", "right") or self.free_lane(src, ports[i]) is None:
                    raise NoRoom(edge)
                routes[i] = self.side_pentagon(src, ports[i], pair, incoming=False, room=bool(_label))
        for i, (src, tgt, label, forward, _) in enumerate(exits):
            if tgt is None:
                pts = routes[i]
                label = label[1]
            else:
                pts = self.forward(src, tgt, ports[i]) if forward else self.back(src, tgt, ports[i])
                self.page.lines.append(Line(clean(pts), f"Panah {src.name} ke {tgt.name}"))
            if label:
                wanted.append((src, ports[i], label, clean(pts)))
        for args in wanted:  # after every line is drawn, so labels can keep clear of all of them
            self.label(*args)

    def _exits(self, links, sides) -> list:
        """Return (source, target, label, forward, ports in order of preference) per line leaving a shape;
        an outgoing pentagon beside its step has target None and label (pair, branch label, edge)."""
        exits = []
        for src, tgt, label in links:
            forward = (tgt.row > src.row)
            if src.kind == "offpage":
                wants = ["bottom"]
            elif forward and tgt.lane == src.lane and self.lane_free(src.lane, src.row, tgt.row):
                wants = ["bottom", "right", "left"]
            elif forward and tgt.lane == src.lane:
                wants = ["right", "left", "bottom"]
            elif tgt.lane < src.lane or (not forward and tgt.lane == src.lane):
                wants = ["left", "bottom", "right"]
            else:
                wants = ["right", "bottom", "left"]
            exits.append((src, tgt, label, forward, wants))
        for shape, kind, pair, label, edge in sides:
            if kind == "out":
                wants = [p for p in ("right", "left") if self.free_lane(shape, p) is not None]
                if not wants:
                    raise NoRoom(edge)
                exits.append((shape, None, (pair, label, edge), True, wants))
        return exits

    def _assign_ports(self, exits: list) -> dict[int, str]:
        """Give the exits of each shape distinct ports: a decision tries every assignment of its vertices and
        keeps the cheapest (loops back weigh double: their detours are the longest)."""
        ports: dict[int, str] = {}
        by_src: dict[int, list[int]] = {}
        for i, ex in enumerate(exits):
            by_src.setdefault(id(ex[0]), []).append(i)
        for idxs in by_src.values():
            src = exits[idxs[0]][0]
            free = [p for p in ("bottom", "right", "left") if p not in src.used]
            best = None
            if len(idxs) <= len(free):
                for perm in itertools.permutations(free, len(idxs)):
                    cost = 0
                    for i, port in zip(idxs, perm):
                        wants = exits[i][4]
                        rank = wants.index(port) if port in wants else 3
                        cost += rank * (1 if exits[i][3] else 2)
                        if exits[i][2] and ((port == "right" and src.lane == self.cols.n_actors - 1)
                                            or (port == "left" and src.lane == 0)):
                            cost += 4  # its branch label would stick out of the actor columns
                    if best is None or cost < best[0]:
                        best = (cost, perm)
                chosen = list(best[1]) if best else []
            else:  # more exits than vertices: share, in order of preference
                chosen = [exits[i][4][0] for i in idxs]
            for i, port in zip(idxs, chosen):
                src.used.add(port)
                ports[i] = port
        return ports

    def free_lane(self, s: Shape, side: str) -> int | None:
        """Return the nearest lane on ``side`` of ``s`` with nothing in ``s``'s row, else None."""
        lanes = range(s.lane - 1, -1, -1) if side == "left" else range(s.lane + 1, self.cols.n_actors)
        for lane in lanes:
            if (s.row, lane) not in self.occupied:
                return lane
            return None  # the next lane is taken: a line to a farther one would cross it
        return None

    def side_pentagon(self, s: Shape, side: str, pair: str, incoming: bool,
                      room: bool = False) -> list[tuple[int, int]]:
        """Place the off-page connector ``pair`` in ``s``'s row and join it to ``s``; return the line."""
        sz = self.sz
        lane = self.free_lane(s, side)
        if room:  # a branch label needs a longer line: skip one empty column if possible
            further = lane + (1 if side == "right" else -1)
            if 0 <= further < self.cols.n_actors and (s.row, further) not in self.occupied:
                self.occupied[(s.row, lane)] = s  # keep the crossed cell empty
                lane = further
        x = self.cols.lane_center(lane) - sz.off_w // 2
        p = Shape("offpage", x, s.cy - sz.off_h // 2, sz.off_w, sz.off_h, s.row, lane, f"Penghubung {pair}", pair)
        self.occupied[(s.row, lane)] = p
        self.page.shapes.append(p)
        toward = "left" if lane > s.lane else "right"
        pts = [p.port(toward), s.port(side)] if incoming else [s.port(side), p.port(toward)]
        pts = clean(pts)
        name = f"Panah {p.name} ke {s.name}" if incoming else f"Panah {s.name} ke {p.name}"
        self.page.lines.append(Line(pts, name))
        return pts

    def forward(self, s: Shape, t: Shape, port: str) -> list[tuple[int, int]]:
        start = s.port(port)
        tx, ty = t.port("top")
        if port == "bottom":
            if s.cx == tx and self.lane_free(t.lane, s.row, t.row):
                return [start, (tx, ty)]
            yb = self.gap_below(s)
            if self.lane_free(t.lane, s.row, t.row):
                return [start, (s.cx, yb), (tx, yb), (tx, ty)]
            side = "left" if t.lane < s.lane else "right"
            xch = self.channel(t.lane, side, yb, self.gap_above(t))
            ya = self.gap_above(t)
            return [start, (s.cx, yb), (xch, yb), (xch, ya), (tx, ya), (tx, ty)]
        sx, sy = start
        toward = (port == "left" and t.lane < s.lane) or (port == "right" and t.lane > s.lane)
        if toward and self.lane_free(t.lane, s.row, t.row):
            return [start, (tx, sy), (tx, ty)]
        ya = self.gap_above(t)
        if toward:
            xch = self.channel(t.lane, "right" if port == "left" else "left", sy, ya)
        else:
            xch = self.channel(s.lane, port, sy, ya)
        return [start, (xch, sy), (xch, ya), (tx, ya), (tx, ty)]

    @staticmethod
    def back_entry(s: Shape, t: Shape, port: str) -> str | None:
        """The free vertex of ``t`` a loop back leaving ``s`` by ``port`` can enter without crossing either
        symbol: a side vertex first (the one facing the exit, then the other), then the bottom; None = top."""
        if s is t:
            return None
        side = "right" if port == "right" else "left"
        for enter in (side, "left" if side == "right" else "right"):
            if enter in t.used:
                continue
            # a side exit reaches the channel on its own side only: the channel must lie that way
            if port == "right" and not (t.lane > s.lane or (t.lane == s.lane and enter == "right")):
                continue
            if port == "left" and not (t.lane < s.lane or (t.lane == s.lane and enter == "left")):
                continue
            return enter
        if "bottom" not in t.used and (port == "bottom" or t.lane != s.lane):
            return "bottom"
        return None

    def back(self, s: Shape, t: Shape, port: str) -> list[tuple[int, int]]:
        """Route a loop back from ``s`` up to ``t``: into a free vertex of ``t`` (``back_entry``), else into
        its top, where the forward arrow also ends."""
        side = "right" if port == "right" else "left"
        pts = [s.port(port)]
        y_from = s.cy
        if port == "bottom":
            yb = self.gap_below(s)
            pts.append((s.cx, yb))
            y_from = yb
        enter = self.back_entry(s, t, port)
        if enter in ("left", "right"):
            # coming from another column on the side we enter: use that column's channel next to the border,
            # which keeps the channels beside ``t`` free (room for its branch labels)
            if (enter == "left" and s.lane < t.lane) or (enter == "right" and s.lane > t.lane):
                ch_lane, ch_side = (t.lane - 1, "right") if enter == "left" else (t.lane + 1, "left")
            else:
                ch_lane, ch_side = t.lane, enter
            xch = self.channel(ch_lane, ch_side, y_from, t.cy)
            t.used.add(enter)
            return pts + [(xch, y_from), (xch, t.cy), t.port(enter)]
        lane = max(s.lane, t.lane) if side == "right" else min(s.lane, t.lane)
        if s is t:
            lane = s.lane
        if enter == "bottom":  # up under ``t``, then into its bottom vertex
            if port == "right" and t.lane > s.lane:
                lane, side = t.lane, "left"
            elif port == "left" and t.lane < s.lane:
                lane, side = t.lane, "right"
            y_to = self.gap_below(t)
            xch = self.channel(lane, side, y_from, y_to)
            t.used.add("bottom")
            return pts + [(xch, y_from), (xch, y_to), (t.cx, y_to), t.port("bottom")]
        y_to = self.gap_above(t)
        xch = self.channel(lane, side, y_from, y_to)
        return pts + [(xch, y_from), (xch, y_to), (t.cx, y_to), t.port("top")]

    def label(self, s: Shape, port: str, text: str, pts: list[tuple[int, int]]) -> None:
        """Place a branch label beside the start of its line, clear of every line, symbol and label.

        Called after all lines of the page are routed.  Candidates are scored: a box that touches anything or
        leaves the actor columns is a last resort, and so is one that starts beyond the bend of its line;
        then the fewer table borders (column or row) the box lies across the better; then the normal size
        beats the smaller one, a single line beats a wrapped label, and a nearer spot beats a farther one."""
        st = self.style
        words = text.split()
        variants = [[text]]
        if len(words) > 1:  # the most balanced two-line split, then one word a line
            split = min(range(1, len(words)), key=lambda k: max(st.measure(" ".join(words[:k]), 7),
                                                                st.measure(" ".join(words[k:]), 7)))
            variants.append([" ".join(words[:split]), " ".join(words[split:])])
            if len(words) > 2:
                variants.append(words)
        sizes = [st.label_size] + ([max(6.0, st.label_size - 1)] if st.label_size > 6 else [])
        px, py = s.port(port)
        gap = mm(0.8)
        seg_end = pts[1] if len(pts) > 1 else (px, py)
        best = None
        for si, size in enumerate(sizes):
            for vi, lines in enumerate(variants):
                w = int(max(st.measure(t, size) for t in lines)) + LABEL_SLACK
                h = round(size * 20 * 1.15) * len(lines) + 20
                for pi, (x, y, align) in enumerate(self._label_spots(s, port, px, py, w, h, gap, seg_end)):
                    # a label starting beyond the bend of its line would name the wrong line
                    detached = (port == "right" and x > seg_end[0]) or (port == "left" and x + w < seg_end[0])
                    borders = (not self._in_one_lane(x, w)) + (not self._in_one_row(y, h))
                    score = (self.collides(x, y, w, h) or not self._in_actors(x, w), detached, borders, si, vi, pi)
                    if best is None or score < best[0]:
                        best = (score, Label("\n".join(lines), x, y, w, h, align, size))
        self.page.labels.append(best[1])

    def _label_spots(self, s: Shape, port: str, px: int, py: int, w: int, h: int, gap: int, seg_end):
        """Candidate boxes (x, y, align) for a label of w x h at port (px, py), nearest first."""
        lane_l = self.cols.lane_left(s.lane)
        lane_r = lane_l + self.cols.lane_width
        spots = []
        if port in ("left", "right"):
            sign = 1 if port == "right" else -1
            above, below = py - h - 10, py + 10
            ys = (above, below, above - h // 2, below + h // 2, above - self.sz.off_h // 2 - 20)
            if port == "right":
                xs = [px + gap, lane_r + gap]
            else:
                xs = [px - gap - w, lane_l - gap - w]
            # further along the first segment, one step at a time
            reach = abs(seg_end[0] - px) if seg_end[1] == py else 0
            step = mm(2)
            k = 1
            while k * step + w <= reach:
                xs.append(px + gap + k * step if sign > 0 else px - gap - w - k * step)
                k += 1
            for x in xs:
                for y in ys:
                    spots.append((x, y, "left" if sign > 0 else "right"))
        else:
            reach = abs(seg_end[1] - py) if seg_end[0] == px else 0
            ys = [py + mm(0.5), py + mm(0.5) + h]
            step = mm(2)
            k = 1
            while mm(0.5) + h + k * step + h <= reach:
                ys.append(py + mm(0.5) + h + k * step)
                k += 1
            for y in ys:
                spots += [(px + gap, y, "left"), (px - gap - w, y, "right")]
        return spots

    def _in_actors(self, x: int, w: int) -> bool:
        return self.cols.lane_left(0) <= x and x + w <= self.cols.lane_left(self.cols.n_actors)

    def _in_one_lane(self, x: int, w: int) -> bool:
        lane = self.cols.lane_at(x + w / 2)
        left = self.cols.lane_left(lane)
        return left <= x and x + w <= left + self.cols.lane_width

    def _in_one_row(self, y: int, h: int) -> bool:
        return any(r.top <= y and y + h <= r.top + r.height for r in self.page.rows)

    def collides(self, x: int, y: int, w: int, h: int) -> bool:
        """True when the box touches a line, a symbol or another label.  Lines keep ``LABEL_CLEAR`` to the
        left and right of the box (its height already carries padding above and below the text)."""
        c = LABEL_CLEAR
        x0, y0, x1, y1 = x - c, y, x + w + c, y + h
        for ln in self.page.lines:
            for (ax, ay), (bx, by) in zip(ln.points, ln.points[1:]):
                if max(ax, bx) > x0 and min(ax, bx) < x1 and max(ay, by) > y0 and min(ay, by) < y1:
                    return True
        for o in [*self.page.shapes, *self.page.labels]:
            if o.x < x1 and o.x + o.w > x0 and o.y < y1 and o.y + o.h > y0:
                return True
        return False


def clean(pts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop repeated and collinear points, so a route is its minimal polyline."""
    out: list[tuple[int, int]] = []
    for p in pts:
        if out and p == out[-1]:
            continue
        if len(out) >= 2:
            (x0, y0), (x1, y1) = out[-2], out[-1]
            if (x0 == x1 == p[0]) or (y0 == y1 == p[1]):
                out[-1] = p
                continue
        out.append(p)
    return out
