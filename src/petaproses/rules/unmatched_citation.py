"""unmatched-citation: a written `dasar_hukum` citation can be read and is in the register of regulations.

Only when the catalogue has a register (`jenis: peraturan`): a citation whose form, number or year cannot be
read ("Keputusan Wali Kota tentang ..."), or that no register entry matches, cannot be checked for
revocation or amendments, nor put in the order of the legal hierarchy.
PASS: - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang ...   (in the register)
FAIL: - Keputusan Wali Kota Padang Panjang tentang Pembentukan Tim   (no number, no year)
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..problems import Problem
from .helpers import at, citations

CODE = "unmatched-citation"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    reg = cat.peraturan
    if reg is None:
        return
    for c in citations(cat, doc):
        if c.by_id or c.reg_id is not None or c.citation is None:
            continue
        cite = c.citation
        if c.ambiguous:
            why = f"cocok dengan beberapa peraturan di register ({', '.join(c.ambiguous)}); kutip dengan id"
        elif cite.form is None:
            why = "jenis peraturannya tidak terbaca; awali dengan jenisnya, mis. Peraturan Wali Kota Padang Panjang"
        elif cite.nomor is None or cite.tahun is None:
            missing = " dan ".join(w for w, v in (("nomor", cite.nomor), ("tahun", cite.tahun)) if v is None)
            why = f"{missing} tidak terbaca; tulis mis. '... Nomor 48 Tahun 2024 tentang ...'"
        else:
            why = (f"tidak ada di register peraturan {reg.path} (dibaca: {cite.form} nomor {cite.nomor} tahun "
                   f"{cite.tahun}); tambahkan ke register agar status dan urutannya dapat diperiksa")
        yield at(doc, ("dasar_hukum", c.index), CODE, f"dasar hukum '{_clip(c.written)}': {why}")


def _clip(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
