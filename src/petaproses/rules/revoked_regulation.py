"""revoked-regulation: a map or SOP does not cite a regulation the register marks revoked (`dicabut_oleh`).

Real SOPs keep citing what was replaced years ago (PermenPAN PER/21/M.PAN/11/2008 after PermenPANRB 35/2012,
UU 5/2014 after UU 20/2023).  A warning by default, an error with --ketat; the message names the regulation
in force that replaced it and the command that rewrites the files (regchange.py).  A revocation that takes
effect later (`dicabut_tanggal` after today, or SOURCE_DATE_EPOCH's day) is said as to come: the SOPs must
change by then.  The Dokumen SOP's keputusan cites the one in force on that day.
PASS: dasar_hukum: [uu_20_2023]
FAIL: dasar_hukum: [uu_5_2014]          (register: uu_5_2014: {..., dicabut_oleh: uu_20_2023})
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..problems import Problem
from ..register import reference_date
from ..texts import format_date
from .helpers import at, citations

CODE = "revoked-regulation"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    reg = cat.peraturan
    if reg is None:
        return
    today = reference_date()
    for c in citations(cat, doc):
        entry = reg.peraturan.get(c.reg_id) if c.reg_id else None
        if entry is None or not entry.dicabut_oleh:
            continue
        when = f" pada {format_date(entry.dicabut_tanggal)}" if entry.dicabut_tanggal else ""
        by = reg.peraturan.get(entry.dicabut_oleh)
        done = reg.revoked(c.reg_id, today)  # type: ignore[arg-type]
        text = f"{entry.text()} {'telah' if done else 'akan'} dicabut{when}" + (f" oleh {by.text()}" if by else "")
        now = reg.replacement(c.reg_id, today)  # type: ignore[arg-type]
        if now is not None:
            text += (f"; kutip yang berlaku: {reg.full_text(now)} (id '{now}')" if done else
                     f"; sampai tanggal itu ia masih berlaku, tetapi SOP yang mengutipnya harus sudah diubah untuk "
                     f"mengutip {reg.peraturan[now].text()} (id '{now}')")
            text += f"; ubah semua berkas dengan: petaproses ubah-peraturan {c.reg_id} {now} --tulis"
        yield at(doc, ("dasar_hukum", c.index), CODE, text)
