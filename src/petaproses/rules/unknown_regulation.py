"""unknown-regulation: every regulation id (in `dasar_hukum`, and inside the register) is in the register.

A `dasar_hukum` entry written as an id (lower case, no spaces) names an entry of the register of regulations
(`jenis: peraturan`); the register's own `diubah_oleh`, `dicabut_oleh` and `dasar_keputusan` name entries too.
PASS: dasar_hukum: [uu_30_2014]
FAIL: dasar_hukum: [uu_30_2041]        dicabut_oleh: permenpanrb_35_2021
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..problems import Problem, suggest
from ..register import RegisterPeraturan
from ..texts import split_mark
from .helpers import at, citations

CODE = "unknown-regulation"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    reg = cat.peraturan
    for c in citations(cat, doc):
        if c.by_id and c.reg_id is None:
            name = split_mark(c.written)[1]  # "f. uu_99_2099": the id without the author's list mark
            where = (f"tidak ada di register peraturan {reg.path}" + suggest(name, reg.peraturan) if reg
                     else "tidak dikenal: katalog ini tidak punya register peraturan (berkas 'jenis: peraturan'); "
                          "tulis kutipannya sebagai teks, atau buat register dengan: petaproses new peraturan "
                          "processes/peraturan.yaml")
            yield at(doc, ("dasar_hukum", c.index), CODE, f"peraturan '{name}' {where}")


def check_register(cat: Catalogue, reg: RegisterPeraturan) -> Iterator[Problem]:
    known = reg.peraturan

    def unknown(reg_id: str, keys: tuple, role: str) -> Iterator[Problem]:
        if role != "dasar_keputusan" and reg_id == keys[1]:
            verb = "mengubah" if role == "diubah_oleh" else "mencabut"
            yield at(reg, keys, CODE, f"'{role}': peraturan '{reg_id}' tidak dapat {verb} dirinya sendiri")
        elif reg_id not in known:
            yield at(reg, keys, CODE, f"'{role}': peraturan '{reg_id}' tidak ada di register ini" + suggest(reg_id, known))

    for i, reg_id in enumerate(reg.dasar_keputusan):
        yield from unknown(reg_id, ("dasar_keputusan", i), "dasar_keputusan")
    for reg_id, entry in known.items():
        for i, other in enumerate(entry.diubah_oleh):
            yield from unknown(other, ("peraturan", reg_id, "diubah_oleh", i), "diubah_oleh")
        if entry.dicabut_oleh:
            yield from unknown(entry.dicabut_oleh, ("peraturan", reg_id, "dicabut_oleh"), "dicabut_oleh")
