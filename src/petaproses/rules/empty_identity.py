"""empty-identity: an SOP fills every part of its identity table that PermenPANRB 35/2012 lists.

A part left out prints "-" in the table, as a part the original printed blank does: writing it empty
(`keterkaitan: []`, `peringatan: "-"`) says so on purpose and silences this (review O: Madiun's SOP had no
kualifikasi, keterkaitan, peralatan, peringatan or pencatatan, and the check said nothing).
An item that is a list's bullet and nothing else ("•", "➢": the text lost when it was copied) is an empty item
too: it would print "1. •" (review Z).
PASS: every part written, or written empty
FAIL: an SOP without the key `peralatan`; `peringatan: ["•", "➢"]`
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..dates import BLANK
from ..model import Sop
from ..texts import BULLETS
from ..problems import Problem
from .helpers import at

CODE = "empty-identity"
PARTS = ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan", "pencatatan")


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    if not isinstance(doc, Sop):
        return
    empty = [key for key in PARTS if key not in doc.model_fields_set or getattr(doc, key) is None]
    if empty:
        yield at(doc, ("nama",), CODE,
                 f"bagian identitas SOP tidak ditulis: {', '.join(empty)} (tabel identitas mencetak '-'); isi, atau "
                 f"tulis kosong dengan sengaja bila SOP aslinya mencetaknya kosong (mis. {empty[0]}: "
                 f"{'[]' if empty[0] not in ('peringatan', 'pencatatan') else chr(34) + '-' + chr(34)})")
    for key in PARTS:
        value = getattr(doc, key, None)
        items = [value] if isinstance(value, str) else list(value or [])
        for i, item in enumerate(items):
            bare = item.strip()
            if bare and bare not in BLANK and not bare.strip(BULLETS + " "):
                where = (key,) if isinstance(value, str) else (key, i)
                yield at(doc, where, CODE, f"butir '{bare}' di {key} hanya tanda butir tanpa teks (dicetak sebagai butir "
                         f"bernomor berisi '{bare}' saja); tulis teksnya sesudah tanda itu, atau hapus butir itu")
