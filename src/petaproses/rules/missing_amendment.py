"""missing-amendment: a written citation of an amended regulation names its latest amendment.

A citation written as text ("Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri
Sipil") of a regulation the register says was amended (`diubah_oleh`) must go on "sebagaimana telah diubah
dengan ..." up to the latest amendment; the message gives the full text.  A citation by id is written out
with its amendments by petaproses itself, and so is a citation whose latest amendment is listed on its own
(the document prints the two as one item).
PASS: - Peraturan Pemerintah Nomor 11 Tahun 2017 tentang ... sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 17 Tahun 2020
FAIL: - Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..problems import Problem
from .helpers import at, citations

CODE = "missing-amendment"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    reg = cat.peraturan
    if reg is None:
        return
    listed = {c.reg_id for c in citations(cat, doc)}
    for c in citations(cat, doc):
        if c.by_id or c.reg_id is None or c.citation is None or reg.peraturan[c.reg_id].dicabut_oleh:
            continue
        changes = reg.amendments(c.reg_id)
        if not changes:
            continue
        latest = reg.peraturan[changes[-1]]
        named = any(reg.find(a)[0] == changes[-1] for a in c.citation.amendments) or changes[-1] in listed
        if named:
            continue
        what = "tanpa perubahan terakhirnya" if c.citation.mentions_amendment else "tanpa perubahannya"
        yield at(doc, ("dasar_hukum", c.index), CODE,
                 f"{reg.peraturan[c.reg_id].text()} dikutip {what} ({latest.short_text()}); tulis: "
                 f"{reg.full_text(c.reg_id)}; "
                 f"atau kutip dengan id '{c.reg_id}'")
