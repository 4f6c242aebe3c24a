"""missing-organisation: a catalogue has an organisation file (jenis: organisasi).

Every map names its Perangkat Daerah and actors by id; without the organisation file none can be checked.
FAIL: a folder of maps and SOPs without organisasi.yaml.
An organisation file that is there but does not load is not missing: its own errors say what is wrong.
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..problems import Problem
from .helpers import at

CODE = "missing-organisation"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    if cat.organisasi is None and not cat.unloaded_kind("organisasi"):
        yield at(doc, (), CODE,
                 "berkas organisasi (jenis: organisasi) tidak ditemukan; sertakan organisasi.yaml dalam katalog")
