"""replacement-cycle: the `diganti_oleh` of removed positions, units or departments leads back to itself, so no
replacement in use is ever reached (check could not name one, ubah-jabatan had none to offer).

PASS: a: {dihapus: 2026-07-01, diganti_oleh: b}, b: {nama: ...}
FAIL: a: {dihapus: 2026-07-01, diganti_oleh: b}, b: {dihapus: 2026-07-01, diganti_oleh: a}
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue
from ..model import Organisasi
from ..orgnames import cycles
from ..problems import Problem
from .helpers import at

CODE = "replacement-cycle"
_WHAT = {"pelaksana": "jabatan", "perangkat_daerah": "Perangkat Daerah"}


def check_organisation(cat: Catalogue, org: Organisasi) -> Iterator[Problem]:
    for path, loop in cycles(org):
        what = "unit" if "unit" in path else _WHAT[path[0]]
        yield at(org, path, CODE, f"'diganti_oleh' {what} yang dihapus berputar: {' -> '.join(loop)}; tidak ada "
                 f"pengganti yang masih berlaku. Tulis di 'diganti_oleh' salah satunya id {what} yang masih ada "
                 "(tanpa 'dihapus'), atau hapus 'dihapus' dari yang masih berlaku")
