"""shared-aplikasi-available: a step uses a department's own application that a shared one replaces.

Perwal Padang Panjang 48/2024 Pasal 16 asks departments to use the shared SPBE applications; the register
says which application replaces which (`diganti_oleh`).
PASS: aplikasi: [srikandi]
FAIL: aplikasi: [e_surat]         (aplikasi.yaml: e_surat: {diganti_oleh: srikandi, ...})
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import PetaLintasFungsi
from ..problems import Problem
from .helpers import at

CODE = "shared-aplikasi-available"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    register = cat.aplikasi
    if register is None or not isinstance(doc, PetaLintasFungsi):
        return
    apps = register.aplikasi
    for i, step in enumerate(doc.kegiatan):
        for j, app_id in enumerate(step.aplikasi):
            app = apps.get(app_id)
            if app is None or app.diganti_oleh not in apps or app.diganti_oleh == app_id:
                continue  # unknown-aplikasi says what is wrong
            shared = apps[app.diganti_oleh]
            purpose = f" untuk {app.fungsi[0].lower() + app.fungsi[1:]}" if app.fungsi else ""
            kind = "aplikasi umum" if shared.umum else "aplikasi"
            yield at(doc, ("kegiatan", i, "aplikasi", j), CODE,
                     f"aplikasi '{app_id}' sudah diganti oleh {kind} '{app.diganti_oleh}' "
                     f"({shared.nama}){purpose}; pakai '{app.diganti_oleh}' (Perpres 95/2018 tentang SPBE, Pasal 36)")
