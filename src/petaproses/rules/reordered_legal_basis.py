"""reordered-legal-basis: an SOP's `dasar_hukum` is printed in another order than it is written.

The document prints the legal basis in the order of the hierarchy (UU 12/2011; legal.py) unless
`urutan_dasar_hukum: tertulis` says the written order is the signed one.  A transcribed SOP that was already
enacted must keep its order, and its author would otherwise never learn the key exists (review W: SMPN 4 Semin's
PP 17/2010 printed after PP 19/2005).  One warning per SOP, naming the moves and the key; none when the written
order already is the hierarchy's, the list is marked a., b. (that order is kept), or it cites register ids (written
for this tool, not copied from a signed copy).
PASS: dasar_hukum: [UU 25/2009, PP 11/2017]           or urutan_dasar_hukum: tertulis
FAIL: dasar_hukum: [PP 11/2017, UU 25/2009]
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import Sop
from ..problems import Problem
from ..register import looks_like_id, printed, written_order
from ..texts import split_mark
from .helpers import at

CODE = "reordered-legal-basis"
SHOWN = 3  # moves named in the message


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    if not isinstance(doc, Sop) or len(doc.dasar_hukum) < 2 or written_order(cat, doc):
        return
    if any(looks_like_id(split_mark(t)[1]) for t in doc.dasar_hukum):
        return
    places = [i for i, _text in printed(cat.peraturan, list(doc.dasar_hukum))]
    if places == sorted(places):
        return
    moves = [f"butir {i + 1} dicetak ke-{n}" for n, i in enumerate(places, 1) if i != sorted(places)[n - 1]]
    named = ", ".join(moves[:SHOWN]) + (f" dan {len(moves) - SHOWN} lainnya" if len(moves) > SHOWN else "")
    yield at(doc, ("dasar_hukum",), CODE,
             f"dasar hukum dicetak menurut hierarki peraturan, tidak menurut urutan tulisannya ({named}); bila SOP "
             "ini sudah ditetapkan dengan urutan itu, tulis 'urutan_dasar_hukum: tertulis' di SOP ini (atau di "
             "organisasi.yaml untuk seluruh katalog)")
