"""Paper, margins and units: the page every document and printed map is laid out on.

Documents are laid out in twips (1/20 pt), the unit of Word's tables, so the grid and the shapes cannot drift
apart; DrawingML wants EMU (twips * 635).  Printed maps are laid out in points.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import text
from ..gaya_labels import LABELS

TWIPS_PER_MM = 1440 / 25.4
TWIPS_PER_PT = 20
EMU_PER_TWIP = 635
PAPER = {"A4": (210, 297), "F4": (215, 330)}  # width, height in mm (portrait)
A4_LANDSCAPE_PT = (842.0, 595.0)


def mm(value: float) -> int:
    """Return ``value`` millimetres in whole twips."""
    return round(value * TWIPS_PER_MM)


@dataclass
class PageStyle:
    """Paper, margins and type of a document, in twips and points: what the layout reads of gaya.yaml."""

    paper: str = "A4"
    landscape: bool = True
    margins: dict = field(default_factory=lambda: {"atas": 20, "kanan": 15, "bawah": 15, "kiri": 15})
    font: str = "Arial"
    size: float = 10  # pt, body text and identity table
    table_size: float = 8  # pt, flowchart table
    label_size: float = 7  # pt, branch labels
    title_upper: bool = True  # the SOP's name in capitals in the identity table (gaya.yaml: nama_sop_kapital)
    address: bool = False  # the department's address under its name in the identity (gaya.yaml: alamat_di_identitas)
    labels: dict = field(default_factory=dict)  # heading key -> own text (gaya.yaml: label); the rest as LABELS

    def label(self, key: str) -> str:
        """The heading printed (and measured) for ``key`` of ``LABELS``."""
        return self.labels.get(key) or LABELS[key]

    @property
    def page(self) -> tuple[int, int]:
        w, h = PAPER[self.paper]
        if self.landscape:
            w, h = h, w
        return mm(w), mm(h)

    def margin(self, side: str) -> int:
        return mm(self.margins[side])

    @property
    def body_width(self) -> int:
        return self.page[0] - self.margin("kiri") - self.margin("kanan")

    @property
    def body_height(self) -> int:
        return self.page[1] - self.margin("atas") - self.margin("bawah")

    def line(self, size: float) -> int:
        """Exact line pitch in twips for ``size`` pt: every paragraph uses it, so heights are predictable."""
        return round(size * 1.2 * 20)

    def measure(self, value: str, size: float, bold: bool = False) -> float:
        """Return the width of ``value`` in twips."""
        return text.twips(self.font, value, size, bold)

    def wrap(self, value: str, width: float, size: float, bold: bool = False) -> int:
        """Return the number of lines ``value`` takes in ``width`` twips (explicit newlines respected)."""
        return text.count_lines(self.font, value, width, size, bold)
