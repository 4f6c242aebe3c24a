"""actor-in-activity: an activity starts with a verb, not with who does it (the actor has its own column).

PASS: uraian: Memeriksa berkas
FAIL: uraian: Staf memeriksa berkas
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import PetaLintasFungsi
from ..problems import Problem
from .helpers import at, for_catalogue

CODE = "actor-in-activity"

# First words that name a person or position: activity text must start with a verb instead.
ACTOR_WORDS = {
    "staf", "staff", "petugas", "pegawai", "kepala", "kabag", "kabid", "kasubag", "kasubbag", "kasi", "kasie",
    "sekretaris", "sekda", "operator", "admin", "administrator", "pemohon", "analis", "pengelola", "pranata",
    "wali", "walikota", "camat", "lurah", "tim", "bendahara", "verifikator", "pejabat", "asisten", "pelaksana",
    "masyarakat", "pengadu", "ppid", "kadis",
    # as Pemda SOPs start a row (review K: "Pimpinan DPRD menerima ...", "DPRD menerima ...")
    "pimpinan", "dprd", "ketua", "anggota", "bupati", "gubernur", "sekwan", "direktur", "dokter", "perawat", "bidan",
    "panitera", "hakim", "validator", "kasubbid", "kasubid",
}


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    if not isinstance(doc, PetaLintasFungsi):
        return
    names = for_catalogue(cat, "actor-name-starts", lambda: tuple(sorted(
        {cat.actor_name(a).lower() + " " for a in cat.organisasi.pelaksana} if cat.organisasi else ())))
    for i, step in enumerate(doc.kegiatan):
        text = step.uraian.strip()
        first_word = text.split()[0].lower().strip(",.:") if text else ""
        starts_with_name = text.lower().startswith(names)
        if first_word in ACTOR_WORDS or starts_with_name:
            yield at(doc, ("kegiatan", i, "uraian"), CODE,
                     f"uraian diawali pelaksana ('{text.split()[0]} ...'); tulis kata kerja tanpa subjek, "
                     "mis. 'Memeriksa berkas', pelaksana sudah tercantum di kolomnya")
