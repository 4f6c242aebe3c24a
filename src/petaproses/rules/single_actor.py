"""single-actor: an SOP AP involves more than one position (PermenPANRB 35/2012); one actor is a work
instruction.

FAIL: every kegiatan has pelaksana: staf_pelaksana
A signed SOP of one actor (a Puskesmas's "Petugas", review V #9) is transcribed as is: the message says how to
silence it (silence.py: the finding is on the first step's line).
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
                 "(PermenPANRB 35/2012), untuk satu pelaksana pakailah instruksi kerja; bila ini SOP bertanda "
                 "tangan yang disalin apa adanya, bungkam dengan komentar '# petaproses: abaikan single-actor' "
                 "di akhir baris langkah pertama atau di baris tersendiri tepat di atasnya")
