"""missing-nip: the officials who sign or check an SOP (`disahkan_oleh`, `diperiksa_oleh`, `dibuat_oleh`) have a NIP.

Allowed (an official of state, a NIP not yet known) but the signature block then prints none.  Reported once,
at the official in the organisation file, where the fix goes, naming the SOPs concerned.
PASS: pejabat: {sekda: {jabatan: ..., nama: ..., nip: "1970..."}}
FAIL: pejabat: {kabid: {jabatan: ..., nama: ...}} and an SOP with disahkan_oleh: kabid
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue
from ..model import Organisasi, Sop
from ..problems import Problem
from .helpers import at

CODE = "missing-nip"


def check_organisation(cat: Catalogue, org: Organisasi) -> Iterator[Problem]:
    signs: dict[str, list[str]] = {}
    for doc in cat.maps:
        if isinstance(doc, Sop):
            for official in dict.fromkeys(doc.pengesah + doc.pemeriksa + doc.pembuat):
                signs.setdefault(official, []).append(doc.kode)
    for pid, official in org.pejabat.items():
        codes = signs.get(pid)
        if codes and not official.nip:
            named = ", ".join(codes[:3]) + (f" dan {len(codes) - 3} lainnya" if len(codes) > 3 else "")
            yield at(org, ("pejabat", pid), CODE,
                     f"pejabat '{pid}' menandatangani atau memeriksa SOP {named} tetapi tidak punya NIP: blok tanda "
                     "tangan dicetak tanpa NIP; tambahkan 'nip' bila ada")
