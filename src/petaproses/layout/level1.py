"""Level-1 (and level-0) map: three bands, stakeholders left and right (points, Graphviz's y grows upward).

Proses manajemen on top, proses utama in the middle as a left-to-right value chain in flow order, proses
pendukung at the bottom; who gives inputs stands on the left, who receives outputs on the right.  Band and
stakeholder positions are fixed; flow lines run straight, or over/under the boxes between.

Two steps, because the renderer's frame (title block, legend) sits above the bands and its size depends on
the bands' width: ``plan`` sizes everything, the renderer frames it, ``place`` positions it in that frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..catalogue import Catalogue
from ..model import PetaLevel1
from . import text as tx

PW = 140.0  # process box width
GAP = 70.0  # between two processes of the value chain: room for the flow labels
SW = 130.0  # stakeholder box width
SIDE_GAP = 60.0  # between the stakeholder columns and the bands
PORT_STEP = 14.0  # between the points where stakeholder lines meet the value chain's band
BAND_HEAD = 84.0  # band title, on the band's left
PAD = 7.0
BAND_PAD = 16.0
BAND_CAPTION = 10.0  # pt, band titles
CAPTION = {"manajemen": "Proses Manajemen", "utama": "Proses Utama", "pendukung": "Proses Pendukung"}

Rect = tuple[float, float, float, float]  # centre x, centre y, width, height


@dataclass
class Band:
    kind: str  # manajemen | utama | pendukung
    rows: list[list]  # the processes (model items), row by row
    heights: list[float]  # of each row
    height: float
    caption: list[str]  # the band's title, wrapped
    bb: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # x0, y0, x1, y1
    caption_at: Rect = (0.0, 0.0, 0.0, 0.0)
    boxes: list[tuple[object, Rect]] = field(default_factory=list)  # (process, its box)
    room: tuple[float, float] = (0.0, 0.0)  # above and below its rows, for the labels of flows over/under them


@dataclass
class FlowLine:
    source: str  # process ids
    target: str
    label: list[str]  # wrapped, empty when unnamed
    points: list[tuple[float, float]]
    label_at: tuple[float, float]


@dataclass
class Stakeholder:
    name: str
    lines: list[str]
    box: Rect
    line: list[tuple[float, float]]  # to the value chain (inputs) or from it (outputs)
    inward: bool


@dataclass
class Level1Plan:
    """What ``plan`` sizes and ``place`` positions."""

    boxes: dict[str, tuple[list[str], str | None, float]]  # process id -> (lines, code, height)
    bands: list[Band]
    main: list[str]  # the value chain's process ids, in flow order
    chain_w: float
    band_w: float
    left: float
    right: float
    body_w: float
    bands_h: float
    body_h: float
    flows: list[FlowLine] = field(default_factory=list)
    stakeholders: list[Stakeholder] = field(default_factory=list)


def has_detail(cat: Catalogue, code: str | None) -> bool:
    """Whether ``code`` names a map or SOP of the catalogue (the box is then marked and linked)."""
    return bool(code) and (code in cat.by_code or code in {m.kode for m in cat.maps})


def _box(cat: Catalogue, p) -> tuple[list[str], str | None, float]:
    marker = "[+] " if has_detail(cat, p.rincian) else ""
    width = PW - 2 * PAD - (18 if p.kategori == "utama" else 0)  # cds: the arrow point holds no text
    lines = tx.wrap(marker + p.nama, width)
    extra = tx.block_height(1, tx.SMALL) if p.kode else 0.0
    return lines, p.kode, max(tx.block_height(len(lines)) + extra + 2 * PAD, 46.0)


def _stake_lines(name: str) -> list[str]:
    return tx.wrap(name, SW - 2 * PAD, tx.SMALL)


def plan(cat: Catalogue, doc: PetaLevel1) -> Level1Plan:
    """Size the boxes and bands of ``doc`` (positions come with ``place``)."""
    groups = {k: [p for p in doc.proses if p.kategori == k] for k in CAPTION}
    groups["utama"] = chain_order(groups["utama"], doc.alur)
    boxes = {p.id: _box(cat, p) for p in doc.proses}
    n_main = max(len(groups["utama"]), 1)
    per_row = max(n_main, 3)
    chain_w = per_row * PW + (per_row - 1) * GAP
    band_w = BAND_HEAD + chain_w + 2 * BAND_PAD
    has_in, has_out = bool(doc.pemangku_kepentingan.masukan), bool(doc.pemangku_kepentingan.keluaran)
    left = (SW + SIDE_GAP) if has_in else 0.0
    right = (SW + SIDE_GAP) if has_out else 0.0
    body_w = left + band_w + right
    # band heights: rows of boxes, management/support spread over the chain's width
    bands = []
    rows_of = {kind: [groups[kind][i:i + per_row] for i in range(0, len(groups[kind]), per_row)] or [[]]
               for kind in CAPTION}
    rooms = _label_room(doc, rows_of, [p.id for p in groups["utama"]])
    for kind in CAPTION:
        rows = rows_of[kind]
        heights = [max((boxes[p.id][2] for p in row), default=46.0) for row in rows]
        bands.append(Band(kind, rows, heights, sum(heights) + (len(rows) - 1) * 20 + 2 * BAND_PAD + sum(rooms[kind]),
                          tx.wrap(CAPTION[kind], BAND_HEAD - 10, BAND_CAPTION, True), room=rooms[kind]))
    masukan, keluaran = doc.pemangku_kepentingan.masukan, doc.pemangku_kepentingan.keluaran
    stake_h = [tx.block_height(len(_stake_lines(s)), tx.SMALL) + 2 * PAD for s in masukan + keluaran]
    bands_h = sum(b.height for b in bands) + 2 * 12
    side_h = max(sum(stake_h[:len(masukan)]), sum(stake_h[len(masukan):]), 0) \
        + 12 * max(len(masukan), len(keluaran)) + 30
    body_h = max(bands_h, side_h)
    return Level1Plan(boxes, bands, [p.id for p in groups["utama"]], chain_w, band_w, left, right, body_w, bands_h,
                      body_h)


def place(lp: Level1Plan, doc: PetaLevel1, x_left: float, top: float) -> None:
    """Position the bands, boxes, flows and stakeholders of ``lp``: the bands' column starts ``x_left`` (the
    drawing's left margin), the body's top edge is at ``top`` (y up)."""
    x0 = x_left + lp.left
    y = top - (lp.body_h - lp.bands_h) / 2
    geo: dict[str, Rect] = {}
    chain_w = lp.chain_w
    centre_of_main, main_h = y, 0.0
    for band in lp.bands:
        band_h = band.height
        band.bb = (x0, y - band_h, x0 + lp.band_w, y)
        band.caption_at = (x0 + BAND_HEAD / 2 + 2, y - band_h / 2, BAND_HEAD - 6, band_h - 8)
        ry = y - BAND_PAD - band.room[0]
        for row, rh in zip(band.rows, band.heights):
            span = len(row) * PW + (len(row) - 1) * GAP
            bx = x0 + BAND_HEAD + BAND_PAD + (chain_w - span) / 2 if band.kind != "utama" else x0 + BAND_HEAD + BAND_PAD
            for i, p in enumerate(row):
                geo[p.id] = (bx + i * (PW + GAP) + PW / 2, ry - rh / 2, PW, lp.boxes[p.id][2])
                band.boxes.append((p, geo[p.id]))
            ry -= rh + 20
        if band.kind == "utama":
            centre_of_main, main_h = y - band_h / 2, band_h
        y -= band_h + 12
    lp.flows = _flows(doc, lp.main, geo)
    masukan, keluaran = doc.pemangku_kepentingan.masukan, doc.pemangku_kepentingan.keluaran
    if masukan:
        lp.stakeholders += _stack(masukan, x_left + SW / 2, x0, lp.band_w, centre_of_main, True, main_h)
    if keluaran:
        lp.stakeholders += _stack(keluaran, x_left + lp.left + lp.band_w + SIDE_GAP + SW / 2, x0, lp.band_w,
                                  centre_of_main, False, main_h)


def _label_room(doc: PetaLevel1, rows_of: dict[str, list[list]], main: list[str]) -> dict[str, tuple[float, float]]:
    """How much taller each band must be above its first row and below its last for the labels of the flows
    that run over or under its boxes, as ``_flows`` numbers and places them (they stood across the band's
    edge)."""
    where = {p.id: (kind, i, j) for kind, rows in rows_of.items() for i, row in enumerate(rows)
             for j, p in enumerate(row)}
    found = []
    for a, b, label in ((f.dari, f.ke, f.label) for f in doc.alur):
        if _neighbours(main, a, b) or a not in where or b not in where or where[a][:2] != where[b][:2]:
            continue  # to the next in the chain, or between bands or rows: a straight line
        found.append((where[a], "over" if where[a][2] < where[b][2] else "under", label))
    lanes = {side: sum(f[1] == side for f in found) for side in ("over", "under")}
    room = {kind: [0.0, 0.0] for kind in rows_of}
    for (kind, i, _), side, label in found:
        if label and i == (0 if side == "over" else len(rows_of[kind]) - 1):
            h = tx.block_height(len(tx.wrap(label, GAP - 10, tx.SMALL)), tx.SMALL)
            k = 0 if side == "over" else 1
            room[kind][k] = max(room[kind][k], 6 + 5 * lanes[side] + 3 + h + 4 - BAND_PAD)
    return {kind: (top, bottom) for kind, (top, bottom) in room.items()}


def _neighbours(main: list[str], a: str, b: str) -> bool:
    """Whether the flow a -> b goes from one process of the value chain to the next (a straight line)."""
    return a in main and b in main and main.index(b) - main.index(a) == 1


def _flows(doc: PetaLevel1, main: list[str], geo: dict[str, Rect]) -> list[FlowLine]:
    """Route the value chain and the declared flows: straight, or over/under the boxes between."""
    flows = [(a.dari, a.ke, a.label) for a in doc.alur] or [(a, b, None) for a, b in zip(main, main[1:])]
    lanes = {"over": 0, "under": 0}
    lane_of: dict[int, int] = {}  # a flow over/under its row (same row, not neighbours) -> its lane, 1 nearest
    outer: dict[tuple[float, str], float] = {}  # (row's centre, side) -> its outermost line, from the centre
    for n, (a, b, _label) in enumerate(flows):
        if not _neighbours(main, a, b) and geo[a][1] == geo[b][1]:
            side = "over" if geo[a][0] < geo[b][0] else "under"
            lanes[side] += 1
            lane_of[n] = lanes[side]
            key = (geo[a][1], side)
            outer[key] = max(outer.get(key, 0.0), geo[a][3] / 2 + 6 + 5 * lanes[side])
    out = []
    for n, (a, b, label) in enumerate(flows):
        (ax, ay, aw, ah), (bx_, by_, bw, bh) = geo[a], geo[b]
        lines = len(tx.wrap(label, GAP - 10, tx.SMALL)) if label else 1
        if _neighbours(main, a, b):
            pts = [(ax + aw / 2, ay), (bx_ - bw / 2, by_)]  # its label, however tall, clear of its line
            mid = ((ax + aw / 2 + bx_ - bw / 2) / 2, max(ay + 12, ay + 3 + tx.block_height(lines, tx.SMALL) / 2))
        elif n in lane_of:  # same row, not neighbours: over the boxes when forward, under when back
            side = "over" if ax < bx_ else "under"
            sign = 1 if side == "over" else -1
            level = ay + sign * (ah / 2 + 6 + 5 * lane_of[n])
            pts = [(ax, ay + sign * ah / 2), (ax, level), (bx_, level), (bx_, by_ + sign * bh / 2)]
            beyond = outer[(ay, side)] + 3 + tx.block_height(lines, tx.SMALL) / 2  # past every line: none crosses it
            mid = ((ax + bx_) / 2, ay + sign * beyond)
        else:  # between bands: straight, from the edge of one box to the edge of the other
            sign = 1 if by_ > ay else -1
            pts = [(ax, ay + sign * ah / 2), (bx_, by_ - sign * bh / 2)]
            mid = ((ax + bx_) / 2 + 8, (ay + by_) / 2)
        out.append(FlowLine(a, b, tx.wrap(label, GAP - 10, tx.SMALL) if label else [], pts, mid))
    return out


def _stack(names: list[str], x: float, x0: float, band_w: float, centre_of_main: float,
           inward: bool, main_h: float) -> list[Stakeholder]:
    """Stack stakeholder boxes at ``x``, centred on the value chain; every input line meets the chain's left
    edge, every output leaves from its right edge, each at a point of its own down the middle half of the
    band (in one point, four arrowheads made a blot), in the boxes' order so that no two lines cross."""
    hs = [tx.block_height(len(_stake_lines(s)), tx.SMALL) + 2 * PAD for s in names]
    total = sum(hs) + 12 * (len(hs) - 1)
    cy = centre_of_main + total / 2
    step = min(PORT_STEP, main_h / 2 / max(1, len(names) - 1))
    out = []
    for k, (s, h) in enumerate(zip(names, hs)):
        py = centre_of_main + ((len(names) - 1) / 2 - k) * step
        port = (x0 - 2, py) if inward else (x0 + band_w + 2, py)
        if inward:
            line = [(x + SW / 2, cy - h / 2), port]
        else:
            line = [port, (x - SW / 2, cy - h / 2)]
        out.append(Stakeholder(s, _stake_lines(s), (x, cy - h / 2, SW, h), line, inward))
        cy -= h + 12
    return out


def chain_order(items: list, alur) -> list:
    """Return the core processes in flow order (topological, ties in the order written)."""
    ids = [p.id for p in items]
    preds = {i: {a.dari for a in alur if a.ke == i and a.dari in ids and a.dari != i} for i in ids}
    done: list[str] = []
    while len(done) < len(ids):
        ready = [i for i in ids if i not in done and preds[i] <= set(done)]
        done.append(ready[0] if ready else next(i for i in ids if i not in done))  # a cycle: keep order
    return [next(p for p in items if p.id == i) for i in done]
