"""missing-seat: an institution whose name is not "Pemerintah Kota X" says where it sits (`kedudukan`).

The decree of a Dokumen SOP and the evaluation forms are signed "Ditetapkan di <seat>".  Without `kedudukan`
the seat is the name without "Pemerintah Kota/Kabupaten/Provinsi": right for a city, often wrong for a regency
(Kabupaten Rokan Hilir sits in Bagansiapiapi), always for a province or a court (review O).
PASS: nama: Pemerintah Kota Padang Panjang; or kedudukan: Bagansiapiapi
FAIL: nama: Pemerintah Kabupaten Rokan Hilir, no kedudukan, and an SOP in the catalogue
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue
from ..model import Organisasi, Sop, says_none
from ..problems import Problem
from ..texts import seat
from .helpers import at

CODE = "missing-seat"


def check_organisation(cat: Catalogue, org: Organisasi) -> Iterator[Problem]:
    if (org.kedudukan and not says_none(org.kedudukan)) or org.nama.startswith("Pemerintah Kota "):
        return
    if not any(isinstance(d, Sop) for d in cat.maps):
        return  # no SOP: no decree, no form
    yield at(org, ("nama",), CODE, f"'Ditetapkan di' keputusan Dokumen SOP dan formulir dicetak '{seat(org)}' "
             "(dari nama instansi); bila tempat kedudukannya lain, tulis 'kedudukan' di organisasi.yaml "
             "(mis. kedudukan: Bagansiapiapi), bila sama tulis juga agar peringatan ini hilang")
