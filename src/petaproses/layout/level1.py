"""Level-1 (and level-0) map: three bands, stakeholders left and right (points, Graphviz's y grows upward).

Proses manajemen on top, proses utama in the middle as a value chain in flow order (the order written where
no flow says otherwise), proses pendukung at the bottom; who gives inputs stands on the left, who receives
outputs on the right.  The value chain wraps into as many rows as print the map largest on an A4 page; a band
without processes is drawn low, its title alone.  Flows are routed by ``level1_route``.

Two steps, because the renderer's frame (title block, legend) sits above the bands and its size depends on
the bands' width: ``plan`` sizes everything, the renderer frames it, ``place`` positions it in that frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..catalogue import Catalogue
from ..model import PetaLevel1
from . import level1_route
from . import text as tx
from .page import A4_LANDSCAPE_PT

PW = 140.0  # process box width
GAP = 70.0  # between two processes of the value chain: room for the flow labels
SW = 130.0  # stakeholder box width
SIDE_GAP = 60.0  # between the stakeholder columns and the bands
PORT_STEP = 14.0  # between the points where stakeholder lines meet the value chain's band
BAND_HEAD = 84.0  # band title, on the band's left
PAD = 7.0
BAND_PAD = 16.0
MIN_ROW_GAP = 20.0  # between two rows of a band with no line between them
BAND_CAPTION = 10.0  # pt, band titles
PAGE = (A4_LANDSCAPE_PT[0] - 30, A4_LANDSCAPE_PT[1] - 30)  # what `build --pdf` prints the map on
HEAD = 110.0  # about the title block's height over the bands
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
    channels: list[float] = field(default_factory=list)  # heights: above its first row, between rows, below
    channel_at: list[tuple[float, float]] = field(default_factory=list)  # each channel's (bottom, top) y
    holds_above: bool = False  # the channel between it and the band above lies in it (else in that band)


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
    routes: list = field(default_factory=list)  # level1_route.Route of every flow
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
    """Size the boxes and bands of ``doc`` (positions come with ``place``): the core processes in as many
    rows as print the map largest on an A4 page (one row for up to four; review 03: nine in a row printed
    their text at 3.5 pt)."""
    groups = {k: [p for p in doc.proses if p.kategori == k] for k in CAPTION}
    groups["utama"] = chain_order(groups["utama"], doc.alur)
    boxes = {p.id: _box(cat, p) for p in doc.proses}
    n = len(groups["utama"])
    best, best_scale, tried = None, 0.0, set()
    for rows in range(1, (n + 2) // 3 + 1 if n > 4 else 2):
        per_row = max(-(-n // rows), 3)
        if per_row in tried:
            continue
        tried.add(per_row)
        lp = _sized(doc, groups, boxes, per_row)
        scale = min(1.0, PAGE[0] / (lp.body_w + 24), PAGE[1] / (lp.body_h + HEAD + 24))
        if best is None or scale > best_scale + 0.01:  # a row more only for a larger print
            best, best_scale = lp, scale
    assert best is not None
    return best


def _sized(doc: PetaLevel1, groups: dict[str, list], boxes: dict, per_row: int) -> Level1Plan:
    chain_w = per_row * PW + (per_row - 1) * GAP
    band_w = BAND_HEAD + chain_w + 2 * BAND_PAD
    has_in, has_out = bool(doc.pemangku_kepentingan.masukan), bool(doc.pemangku_kepentingan.keluaran)
    left = (SW + SIDE_GAP) if has_in else 0.0
    right = (SW + SIDE_GAP) if has_out else 0.0
    body_w = left + band_w + right
    main = [p.id for p in groups["utama"]]
    rows_of = {kind: [groups[kind][i:i + per_row] for i in range(0, len(groups[kind]), per_row)] or [[]]
               for kind in CAPTION}
    pos, first = {}, 0  # process id -> (row, column), rows counted down through the three bands
    for kind in CAPTION:
        pos.update({p.id: (first + i, j) for i, row in enumerate(rows_of[kind]) for j, p in enumerate(row)})
        first += len(rows_of[kind])
    routes = level1_route.classify(_flow_list(doc, main), pos)
    need = level1_route.channel_heights(routes, first)
    band_of = {p.id: p.kategori for p in doc.proses}
    bands, first = [], 0
    for kind in CAPTION:
        rows = rows_of[kind]
        caption = tx.wrap(CAPTION[kind], BAND_HEAD - 10, BAND_CAPTION, True)
        # the channel between two bands lies in the one whose own flows use it more (the value chain's on a tie)
        own = first > 0 and _lower_holds(routes, first, band_of, kind, bands[-1].kind)
        if first > 0 and not own:
            bands[-1].channels[-1] = need[first]
        channels = [need[first] if first == 0 or own else 0.0]
        channels += [max(MIN_ROW_GAP, h) for h in need[first + 1:first + len(rows)]]
        channels += [need[first + len(rows)] if kind == "pendukung" else 0.0]
        first += len(rows)
        if not groups[kind]:  # no process: a low band, its title alone (review 09)
            low = tx.block_height(len(caption), BAND_CAPTION) + 12
            bands.append(Band(kind, rows, [low - 2 * BAND_PAD], 0.0, caption, channels=channels, holds_above=own))
            continue
        heights = [max(boxes[p.id][2] for p in row) for row in rows]
        bands.append(Band(kind, rows, heights, 0.0, caption, channels=channels, holds_above=own))
    for b in bands:  # a band's bottom channel is known once the next band is
        b.height = sum(b.heights) + sum(b.channels) + 2 * BAND_PAD
    masukan, keluaran = doc.pemangku_kepentingan.masukan, doc.pemangku_kepentingan.keluaran
    stake_h = [tx.block_height(len(_stake_lines(s)), tx.SMALL) + 2 * PAD for s in masukan + keluaran]
    bands_h = sum(b.height for b in bands) + 2 * 12
    side_h = max(sum(stake_h[:len(masukan)]), sum(stake_h[len(masukan):]), 0) \
        + 12 * max(len(masukan), len(keluaran)) + 30
    body_h = max(bands_h, side_h)
    return Level1Plan(boxes, bands, main, chain_w, band_w, left, right, body_w, bands_h, body_h, routes=routes)


def _lower_holds(routes: list, channel: int, band_of: dict[str, str], lower: str, upper: str) -> bool:
    """Whether the channel between the bands ``upper`` and ``lower`` lies in the lower one."""
    using = [r for r in routes if not r.straight and channel in (r.exit, r.entry)]
    n_low = sum(band_of[r.source] == band_of[r.target] == lower for r in using)
    n_up = sum(band_of[r.source] == band_of[r.target] == upper for r in using)
    return n_low > n_up or (n_low == n_up and lower == "utama")


def _flow_list(doc: PetaLevel1, main: list[str]) -> list[tuple[int, str, str, str | None]]:
    """The flows drawn: those written, else the value chain from one core process to the next."""
    pairs = [(a.dari, a.ke, a.label) for a in doc.alur] or [(a, b, None) for a, b in zip(main, main[1:])]
    return [(n, a, b, label) for n, (a, b, label) in enumerate(pairs)]


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
        ry = y - BAND_PAD
        band.channel_at = []
        for i, (row, rh) in enumerate(zip(band.rows, band.heights)):
            band.channel_at.append((ry - band.channels[i], ry))
            ry -= band.channels[i]
            span = len(row) * PW + (len(row) - 1) * GAP
            bx = x0 + BAND_HEAD + BAND_PAD + (chain_w - span) / 2 if band.kind != "utama" else x0 + BAND_HEAD + BAND_PAD
            for j, p in enumerate(row):
                geo[p.id] = (bx + j * (PW + GAP) + PW / 2, ry - rh / 2, PW, lp.boxes[p.id][2])
                band.boxes.append((p, geo[p.id]))
            ry -= rh
        band.channel_at.append((ry - band.channels[-1], ry))
        if band.kind == "utama":
            centre_of_main, main_h = y - band_h / 2, band_h
        y -= band_h + 12
    lp.flows = _flows(lp, geo)
    masukan, keluaran = doc.pemangku_kepentingan.masukan, doc.pemangku_kepentingan.keluaran
    if masukan:
        lp.stakeholders += _stack(masukan, x_left + SW / 2, x0, lp.band_w, centre_of_main, True, main_h)
    if keluaran:
        lp.stakeholders += _stack(keluaran, x_left + lp.left + lp.band_w + SIDE_GAP + SW / 2, x0, lp.band_w,
                                  centre_of_main, False, main_h)


def _flows(lp: Level1Plan, geo: dict[str, Rect]) -> list[FlowLine]:
    """Route the flows along the rows and the channels between them (``level1_route``), the lines across
    rows down the gaps between the value chain's columns, and label them."""
    channels = [lp.bands[0].channel_at[0]]
    for k, band in enumerate(lp.bands):
        if k:  # the channel between two bands: in the lower or the upper one (``_sized``)
            channels[-1] = band.channel_at[0] if band.holds_above else lp.bands[k - 1].channel_at[-1]
        channels += band.channel_at[1:]
    x = lp.bands[0].bb[0] + BAND_HEAD + BAND_PAD
    per_row = round((lp.chain_w + GAP) / (PW + GAP))
    gaps = [x - BAND_PAD / 2] + [x + j * (PW + GAP) - GAP / 2 for j in range(1, per_row)] + \
        [x + lp.chain_w + BAND_PAD / 2]
    level1_route.place(lp.routes, geo, channels, gaps)
    x0, _, x1, _ = lp.bands[0].bb
    level1_route.place_labels(lp.routes, geo, [r.points for r in lp.routes], (x0 + BAND_HEAD, x1))
    return [FlowLine(r.source, r.target, r.label, r.points, r.label_at) for r in lp.routes]


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
