"""The bands of a BPMN diagram (px): columns, lanes and the rows of each lane, and the edge tracks in them.

Kept apart from ``bpmn_di`` (which places elements in these bands) so that the router and the label placer can
read the bands without importing the placer.
"""

from __future__ import annotations

from dataclasses import dataclass

TRACK = 10  # px between two parallel edges in a gap or a strip
POOL_LABEL = 30  # pool name band, left
LANE_LABEL = 30  # lane name band, left of each lane
EDGE_ROOM = 55  # above a lane's first row and below its last: three edge tracks and a label
ROW_GAP = 80  # between two rows of a lane: edge tracks and the labels of the flows along the lower row
SLOT_GAP = 40  # between the nodes of one step (join gateway, task, split gateway/end)
GAP = 70  # between columns: the vertical segments of edges run here, on tracks
LABEL_GAP = 110  # least gap after a column whose flows leave it with a name: room for the label
LABEL_ROOM = 50  # a gap is this much wider than the widest name of the flows that leave through it: two tracks
EDGE_TRACKS = 3  # tracks in the strip along a lane's top or bottom edge
EDGE_CLEAR = 15  # px from a lane's edge to the first track along it: a line closer reads as a doubled edge
ROW_TRACKS = (ROW_GAP - 30) // TRACK  # tracks between two rows


@dataclass
class Geometry:
    """The bands of a diagram (px): columns (x, width, the gap before each), lanes (top, height) and the rows
    of each lane (top, height)."""

    col_x: list[int]
    col_w: list[int]
    width: int
    height: int
    lane_top: list[int]
    lane_h: list[int]
    gap_w: list[int]  # width of the gap left of each column
    row_top: list[list[int]]
    row_h: list[list[int]]

    def gap_left(self, col: int) -> int:
        return self.col_x[col] - self.gap_w[col]

    def gap_mid(self, col: int) -> int:
        return self.col_x[col] - self.gap_w[col] // 2

    @property
    def inner_left(self) -> int:
        """The x where the lanes' content begins, right of the pool's and lanes' name bands."""
        return POOL_LABEL + LANE_LABEL

    def lane_bounds(self, lane: int) -> tuple[int, int, int, int]:
        """Return (x, y, width, height) of ``lane``'s band: right of the pool's name band."""
        return POOL_LABEL, self.lane_top[lane], self.width - POOL_LABEL, self.lane_h[lane]

    def channel(self, band: tuple[int, int], side: str) -> tuple[int, int]:
        """Return the key (lane, k) of the free strip above (k = row) or below (k = row + 1) a row: the strip
        between two rows is one channel, shared by the rows on both sides."""
        lane, row = band
        return lane, row if side == "top" else row + 1

    def track_y(self, key: tuple[int, int], k: int) -> int:
        lane, idx = key
        if idx == 0:
            return self.lane_top[lane] + EDGE_CLEAR + k * TRACK
        if idx == len(self.row_top[lane]):
            return self.lane_top[lane] + self.lane_h[lane] - EDGE_CLEAR - k * TRACK
        return self.row_top[lane][idx - 1] + self.row_h[lane][idx - 1] + 20 + k * TRACK

    def tracks(self, key: tuple[int, int]) -> int:
        return EDGE_TRACKS if key[1] in (0, len(self.row_top[key[0]])) else ROW_TRACKS
