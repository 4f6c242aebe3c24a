"""revoked-regulation: a map or SOP does not cite a regulation the register marks revoked (`dicabut_oleh`).

Real SOPs keep citing what was replaced years ago (PermenPAN PER/21/M.PAN/11/2008 after PermenPANRB 35/2012,
UU 5/2014 after UU 20/2023).  A warning by default, an error with --ketat; the message names the regulation
in force that replaced it.  The Dokumen SOP's keputusan cites that one instead.
PASS: dasar_hukum: [uu_20_2023]
FAIL: dasar_hukum: [uu_5_2014]          (register: uu_5_2014: {..., dicabut_oleh: uu_20_2023})
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..problems import Problem
from ..texts import format_date
from .helpers import at, citations

CODE = "revoked-regulation"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    reg = cat.peraturan
    if reg is None:
        return
    for c in citations(cat, doc):
        entry = reg.peraturan.get(c.reg_id) if c.reg_id else None
        if entry is None or not entry.dicabut_oleh:
            continue
        when = f" pada {format_date(entry.dicabut_tanggal)}" if entry.dicabut_tanggal else ""
        by = reg.peraturan.get(entry.dicabut_oleh)
        text = f"{entry.text()} telah dicabut{when}" + (f" oleh {by.text()}" if by else "")
        now = reg.successor(c.reg_id)  # type: ignore[arg-type]
        if now is not None:
            text += f"; kutip yang berlaku: {reg.full_text(now)} (id '{now}')"
        yield at(doc, ("dasar_hukum", c.index), CODE, text)
