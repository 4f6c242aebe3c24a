"""too-many-actors: an SOP has at most MAX_ACTORS pelaksana (columns of its flowchart table).

The SOP table gives every pelaksana a column on one landscape page: at 20 the symbols are 3 mm wide, at 30
there is no room left for them.  Maps without the table (Graphviz, BPMN lanes) are not limited here.
PASS: an SOP of 2-10 pelaksana
FAIL: an SOP whose steps name 21 different pelaksana
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import Sop
from ..problems import Problem
from ..sanitise import MAX_ACTORS
from .helpers import at

CODE = "too-many-actors"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    if not isinstance(doc, Sop):
        return
    lanes = set(cat.lanes(doc)) | {a for step in doc.kegiatan for a in step.actors}
    if len(lanes) > MAX_ACTORS:
        where = ("pelaksana",) if doc.pelaksana else ("kegiatan",)
        yield at(doc, where, CODE, f"SOP ini memiliki {len(lanes)} pelaksana; tabel SOP memuat paling banyak "
                 f"{MAX_ACTORS} kolom pelaksana dalam satu halaman: gabungkan jabatan yang sama perannya, atau pecah "
                 "menjadi beberapa SOP")
