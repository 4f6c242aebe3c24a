"""duplicate-id: step ids and level-1 process ids are unique in their file, map codes in the catalogue.

FAIL: two steps with `id: periksa`; two files with `kode: SETDA.ORG.01` (reported at the second, in path order).
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import PetaLevel1, PetaRelasi
from ..problems import Problem
from .helpers import at, step_ids

CODE = "duplicate-id"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    other = cat.by_code.get(doc.kode)  # the first map with this code
    if other is not None and other is not doc:
        yield at(doc, ("kode",), CODE, f"kode '{doc.kode}' sudah dipakai oleh {other.path}; kode harus unik di katalog")


def check_own(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    """Ids used twice within the map: its file alone says so (kept with the rules that read only their map)."""
    found = step_ids(doc)
    if found is not None:
        key, _items, ids = found
        first: dict[str, int] = {}
        for i, sid in enumerate(ids):
            if sid in first:
                yield at(doc, (key, i, "id"), CODE,
                         f"id langkah '{sid}' sudah dipakai oleh langkah {first[sid] + 1}; pakai id lain")
            first.setdefault(sid, i)
    if isinstance(doc, PetaLevel1):
        seen: set[str] = set()
        for i, proc in enumerate(doc.proses):
            if proc.id in seen:
                yield at(doc, ("proses", i, "id"), CODE, f"id proses '{proc.id}' sudah dipakai")
            seen.add(proc.id)


def check_file(cat: Catalogue, doc) -> Iterator[Problem]:
    """One peta-relasi file per department, and one for the whole Pemda (reported at the second)."""
    if not isinstance(doc, PetaRelasi):
        return
    first = next(r for r in cat.relasi if r.perangkat_daerah == doc.perangkat_daerah)
    if first is not doc:
        whose = f"Perangkat Daerah '{doc.perangkat_daerah}'" if doc.perangkat_daerah else "seluruh Pemda"
        yield at(doc, ("perangkat_daerah",) if doc.perangkat_daerah else ("jenis",), CODE,
                 f"peta relasi {whose} sudah diatur di {first.path}; satukan kedua berkas")


def check_evaluation(cat: Catalogue, record) -> Iterator[Problem]:
    """Record codes are unique among records (they name the berita acara); finding ids within a document."""
    first = next(r for r in cat.evaluations if r.kode == record.kode)
    if first is not record:
        yield at(record, ("kode",), CODE, f"kode '{record.kode}' sudah dipakai oleh {first.path}; kode sesi harus unik")
    for kode, entry in record.dokumen.items():
        seen: set[str] = set()
        for i, finding in enumerate(entry.temuan):
            if finding.id and finding.id in seen:
                yield at(record, ("dokumen", kode, "temuan", i, "id"), CODE, f"id temuan '{finding.id}' sudah dipakai")
            seen.add(finding.id or "")
