"""unknown-aplikasi: every `aplikasi` of a step, and every `diganti_oleh`, is an id of the application register.

PASS: aplikasi: [srikandi]        (aplikasi.yaml: aplikasi: {srikandi: ...})
FAIL: aplikasi: [srikandii]
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import PetaLintasFungsi, RegisterAplikasi
from ..problems import Problem, suggest
from .helpers import at

CODE = "unknown-aplikasi"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    if not isinstance(doc, PetaLintasFungsi):
        return
    register = cat.aplikasi
    for i, step in enumerate(doc.kegiatan):
        for j, app in enumerate(step.aplikasi):
            if register is None:
                yield at(doc, ("kegiatan", i, "aplikasi", j), CODE,
                         f"aplikasi '{app}' tidak dikenal: katalog belum punya register aplikasi "
                         "(buat dengan `petaproses new aplikasi aplikasi.yaml` di samping organisasi.yaml)")
            elif app not in register.aplikasi:
                yield at(doc, ("kegiatan", i, "aplikasi", j), CODE,
                         f"aplikasi '{app}' tidak dikenal di {register.path}" + suggest(app, register.aplikasi))


def check_file(cat: Catalogue, doc) -> Iterator[Problem]:
    """A replacement named in the register is an application of the register, and not the same one."""
    if not isinstance(doc, RegisterAplikasi):
        return
    for app_id, app in doc.aplikasi.items():
        target = app.diganti_oleh
        if target is None:
            continue
        where = ("aplikasi", app_id, "diganti_oleh")
        if target not in doc.aplikasi:
            yield at(doc, where, CODE, f"aplikasi pengganti '{target}' tidak ada di register ini"
                     + suggest(target, doc.aplikasi))
        elif target == app_id:
            yield at(doc, where, CODE, f"aplikasi '{app_id}' tidak dapat menggantikan dirinya sendiri")
