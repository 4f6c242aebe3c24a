"""invalid-nip: an official's NIP has the 18 digits of a civil servant's number.

A NIP is 8 digits of the birth date, 6 of the month of appointment, 1 for sex and 3 of sequence, printed in the
signature block (BPBD Sumut's SOP prints "19650603 19903 1 006": 17, a slip in the original or in the copy).
Only a warning: the NIP prints as written, spaces kept.  A number written with another label (Polri's and TNI's
"NRP 76071092", a lecturer's "NIDN 0012118701") is not a NIP and is not checked.
PASS: nip: "19700101 199503 1 001"
FAIL: nip: "19650603 19903 1 006"
PASS: nip: "NRP 76071092"
"""

from __future__ import annotations

import re
from typing import Iterator

from ..catalogue import Catalogue
from ..dates import BLANK
from ..lazyre import Lazy
from ..model import Organisasi
from ..problems import Problem
from .helpers import at

CODE = "invalid-nip"
# digits, with the spaces (a no-break one too), dots or dashes SOPs group them by; full-width digits count
_WRITTEN = Lazy(r"\d[\d\s.\-]*")


def check_organisation(cat: Catalogue, org: Organisasi) -> Iterator[Problem]:
    for pid, official in org.pejabat.items():
        written = nip = (official.nip or "").strip()
        if re.match(r"NIP\b\.?", nip, re.IGNORECASE):  # written with its label: the digits after it count
            nip = nip[3:].lstrip(". ")
        if not nip or nip[:1].isalpha() or nip in BLANK:  # another number with its own label
            continue  # (NRP, NIDN, NIPPPK) as written; "-": printed blank, as the original leaves it
        digits = re.sub(r"\D", "", nip)
        if not _WRITTEN.fullmatch(nip) or len(digits) != 18:
            what = f"berisi {len(digits)} angka" if _WRITTEN.fullmatch(nip) else "memuat selain angka"
            yield at(org, ("pejabat", pid, "nip"), CODE,
                     f"NIP '{written}' pejabat '{pid}' {what}; NIP terdiri atas 18 angka (8 tanggal lahir, 6 bulan "
                     "pengangkatan, 1 jenis kelamin, 3 nomor urut): periksa dengan SK-nya (dicetak seperti ditulis)")
