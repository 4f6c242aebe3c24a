"""BPMN diagram interchange: where every lane, element, flow and label of a ``bpmn_graph`` lies (px).

Columns of the grid become x bands with gaps between them; a lane is a horizontal band holding one or more
rows (side-by-side branches of a layered map), as tall as its rows and its rotated name need.  Activities are
as large as their names need when bpmn-js sets them (``bpmn_text``).  Joins that tokens of one parallel
split reach synchronise them (``bpmn_sync``), except on a level-1 map (see ``level1_graph``).  Flows are routed by ``bpmn_route``,
names of flows, events and gateways put where they hit nothing by ``bpmn_labels``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalogue import Catalogue
from ..model import PetaLevel1
from . import bpmn_text
from .bpmn_graph import BpmnGraph, BpmnNode, level1_graph, step_graph
from .bpmn_labels import Box, labels, text_size
from .bpmn_geometry import (EDGE_ROOM, GAP, LABEL_GAP, LABEL_ROOM, LANE_LABEL, POOL_LABEL, ROW_GAP, SLOT_GAP,
                            Geometry)
from .bpmn_route import route
from .bpmn_sync import synchronise

def _name_length(name: str, least: int) -> int:
    """Return the least length (multiple of 10, at least ``least``) along which ``name`` fits rotated."""
    length = least
    while not bpmn_text.name_fits(name, length) and length < 2000:
        length += 10
    return length


def _rows(g: BpmnGraph) -> list[list[int]]:
    """Return the height of each row of each lane: its tallest node, at least a task's height, except a row of
    end events only (a decision's ends set off its main line, ``bpmn_graph._end_row``): as tall as they are."""
    rows: list[list[int]] = [[0] for _ in g.lanes]
    for n in g.nodes:
        lane = rows[n.lane]
        lane += [0] * (n.row + 1 - len(lane))
        lane[n.row] = max(lane[n.row], n.h if n.kind == "endEvent" else bpmn_text.TASK_HEIGHT, n.h)
    return [[h or bpmn_text.TASK_HEIGHT for h in lane] for lane in rows]


def _lanes(g: BpmnGraph, pool_name: str, row_h: list[list[int]]) -> tuple[list[int], list[list[int]]]:
    """Return each lane's height (its rows with EDGE_ROOM above and below, or more when its rotated name
    needs it; the last lane grows when the whole pool is too short for the pool's name) and its rows' tops."""
    blocks = [sum(rows) + ROW_GAP * (len(rows) - 1) for rows in row_h]
    heights = [_name_length(name, block + 2 * EDGE_ROOM) for (_, name), block in zip(g.lanes, blocks)]
    pool = _name_length(pool_name, sum(heights))
    heights[-1] += pool - sum(heights)
    row_top: list[list[int]] = []
    top = 0
    for h, block, rows in zip(heights, blocks, row_h):
        y = top + (h - block) // 2  # the rows keep to the middle of a lane made taller for its name
        tops = []
        for rh in rows:
            tops.append(y)
            y += rh + ROW_GAP
        row_top.append(tops)
        top += h
    return heights, row_top


def place(g: BpmnGraph, pool_name: str = "") -> Geometry:
    """Give every node its x (its column, then its order within the cell, centred in the column) and y (the
    middle of its row)."""
    ncol = max(n.col for n in g.nodes) + 1
    cells: dict[tuple[int, int, int], list[BpmnNode]] = {}
    for n in g.nodes:
        cells.setdefault((n.col, n.lane, n.row), []).append(n)
    cell_w = {key: sum(n.w for n in nodes) + SLOT_GAP * (len(nodes) - 1) for key, nodes in cells.items()}
    col_w = [0] * ncol
    for (col, _, _), w in cell_w.items():
        col_w[col] = max(col_w[col], w)
    gap_w = [GAP // 2] + [GAP] * ncol
    for f in g.flows:
        if f.name and not f.back:
            col = g.by_id[f.source].col + 1
            gap_w[col] = max(gap_w[col], LABEL_GAP, text_size(g, f)[0] + LABEL_ROOM)
    col_x, x = [], POOL_LABEL + LANE_LABEL
    for col, w in enumerate(col_w):
        x += gap_w[col]
        col_x.append(x)
        x += w
    row_h = _rows(g)
    lane_h, row_top = _lanes(g, pool_name, row_h)
    lane_top = [sum(lane_h[:i]) for i in range(len(g.lanes))]
    for (col, lane, row), nodes in cells.items():
        x = col_x[col] + (col_w[col] - cell_w[(col, lane, row)]) // 2
        for n in nodes:
            n.x, n.y = x, row_top[lane][row] + (row_h[lane][row] - n.h) // 2
            x += n.w + SLOT_GAP
    width = col_x[-1] + col_w[-1] + GAP // 2
    return Geometry(col_x, col_w, width, sum(lane_h), lane_top, lane_h, gap_w[:ncol], row_top, row_h)


@dataclass
class Diagram:
    """A laid-out BPMN graph: the elements and flows (with their coordinates), the bands, the label boxes."""

    graph: BpmnGraph
    geo: Geometry
    flow_labels: dict[str, Box]
    node_labels: dict[str, Box]


def size(g: BpmnGraph) -> None:
    """Make every named activity as large as bpmn-js needs to set its name inside it."""
    for n in g.nodes:
        if n.is_activity and n.name:
            n.w, n.h = bpmn_text.task_size(n.name, n.kind == "callActivity")


def layout(cat: Catalogue, doc) -> Diagram:
    """Return the laid-out and routed BPMN graph of ``doc``."""
    if isinstance(doc, PetaLevel1):
        g = level1_graph(cat, doc)  # its merges stay exclusive: each flow into a process starts it on its own
    else:
        g = step_graph(cat, doc)
        synchronise(g)
    size(g)
    geo = place(g, doc.nama)
    route(g, geo)
    flow_labels, node_labels = labels(g, geo)
    return Diagram(g, geo, flow_labels, node_labels)
