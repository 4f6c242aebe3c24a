"""unknown-perangkat-daerah: a map's `perangkat_daerah` is an id of the organisation file.

PASS: perangkat_daerah: setda        (organisasi.yaml: perangkat_daerah: {setda: ...})
FAIL: perangkat_daerah: setdaa
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import Organisasi, as_list
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
    """A removed Perangkat Daerah is replaced (`diganti_oleh`) by one of the organisation file."""
    for pd_id, pd in org.perangkat_daerah.items():
        listed = not isinstance(pd.diganti_oleh, str)
        for i, ref in enumerate(as_list(pd.diganti_oleh)):
            if ref not in org.perangkat_daerah:
                keys = ("perangkat_daerah", pd_id, "diganti_oleh") + ((i,) if listed else ())
                yield at(org, keys, CODE, f"perangkat daerah '{ref}' tidak dikenal di {org.path}"
                         + suggest(ref, org.perangkat_daerah))
