"""single-actor: an SOP AP involves more than one position (PermenPANRB 35/2012); one actor is a work
instruction.

FAIL: every kegiatan has pelaksana: staf_pelaksana
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import Sop
from ..problems import Problem
from .helpers import at

CODE = "single-actor"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    if isinstance(doc, Sop) and len({a for s in doc.kegiatan for a in s.actors}) < 2:
        yield at(doc, ("kegiatan",), CODE,
                 "SOP hanya punya satu pelaksana; SOP AP menggambarkan prosedur lintas jabatan "
                 "(PermenPANRB 35/2012), untuk satu pelaksana pakailah instruksi kerja")
