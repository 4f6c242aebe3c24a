"""unknown-perangkat-daerah: a map's (or an evaluation record's) `perangkat_daerah` is an id of the
organisation file.

PASS: perangkat_daerah: setda        (organisasi.yaml: perangkat_daerah: {setda: ...})
FAIL: perangkat_daerah: setdaa
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import Jabatan, Organisasi, PetaRelasi, RegisterAplikasi, as_list
from ..problems import Problem, suggest
from .helpers import at

CODE = "unknown-perangkat-daerah"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    org = cat.organisasi
    if org is not None and doc.perangkat_daerah not in org.perangkat_daerah:
        yield at(doc, ("perangkat_daerah",), CODE,
                 f"perangkat daerah '{doc.perangkat_daerah}' tidak dikenal di {org.path}"
                 + suggest(doc.perangkat_daerah, org.perangkat_daerah))


def check_organisation(cat: Catalogue, org: Organisasi) -> Iterator[Problem]:
    """A removed Perangkat Daerah is replaced (`diganti_oleh`) by one of the organisation file; the department of a position written in the long form {nama, perangkat_daerah, unit}."""
    for pd_id, pd in org.perangkat_daerah.items():
        listed = not isinstance(pd.diganti_oleh, str)
        for i, ref in enumerate(as_list(pd.diganti_oleh)):
            if ref not in org.perangkat_daerah:
                keys = ("perangkat_daerah", pd_id, "diganti_oleh") + ((i,) if listed else ())
                yield at(org, keys, CODE, f"perangkat daerah '{ref}' tidak dikenal di {org.path}"
                         + suggest(ref, org.perangkat_daerah))
    for actor_id, value in org.pelaksana.items():
        if isinstance(value, Jabatan) and value.perangkat_daerah is not None \
                and value.perangkat_daerah not in org.perangkat_daerah:
            yield at(org, ("pelaksana", actor_id, "perangkat_daerah"), CODE,
                     f"perangkat daerah '{value.perangkat_daerah}' tidak dikenal"
                     + suggest(value.perangkat_daerah, org.perangkat_daerah))


def check_file(cat: Catalogue, doc) -> Iterator[Problem]:
    """The department a peta-relasi file shapes, the owners in the application register."""
    org = cat.organisasi
    if org is None:
        return
    places = [(("perangkat_daerah",), doc.perangkat_daerah)] if isinstance(doc, PetaRelasi) else []
    if isinstance(doc, RegisterAplikasi):
        places = [(("aplikasi", k, "perangkat_daerah"), a.perangkat_daerah) for k, a in doc.aplikasi.items()]
    for keys, pd_id in places:
        if pd_id is not None and pd_id not in org.perangkat_daerah:
            yield at(doc, keys, CODE, f"perangkat daerah '{pd_id}' tidak dikenal di {org.path}"
                     + suggest(pd_id, org.perangkat_daerah))


def check_evaluation(cat: Catalogue, record) -> Iterator[Problem]:
    yield from check(cat, record)  # the same field, the same message
