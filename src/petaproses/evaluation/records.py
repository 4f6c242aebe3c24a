"""Which records concern a department or a document: what the forms, the berita acara and the build read."""

from __future__ import annotations

import hashlib

from ..catalogue import Catalogue
from .model import DokumenDievaluasi, Evaluasi, Person


def department_of(cat: Catalogue, kode: str, record: Evaluasi) -> str:
    """Return the department of an evaluated document (the session's own when the document is unknown)."""
    doc = cat.by_code.get(kode)
    return doc.perangkat_daerah if doc is not None else record.perangkat_daerah


def department_records(cat: Catalogue, pd_id: str) -> list[Evaluasi]:
    """Return the sessions of ``pd_id`` and the sessions that evaluated one of its documents, by date."""
    return sorted((r for r in cat.evaluations if r.perangkat_daerah == pd_id
                   or any(department_of(cat, k, r) == pd_id for k in r.dokumen)), key=lambda r: (r.tanggal, r.kode))


def latest_entries(cat: Catalogue, pd_id: str) -> dict[str, tuple[Evaluasi, DokumenDievaluasi]]:
    """Return per document of ``pd_id`` its most recent evaluation (session, entry): what the forms show."""
    out: dict[str, tuple[Evaluasi, DokumenDievaluasi]] = {}
    for record in department_records(cat, pd_id):
        for kode, entry in record.dokumen.items():
            if department_of(cat, kode, record) == pd_id:
                out[kode] = (record, entry)  # later sessions replace earlier ones
    return out


def department_key(cat: Catalogue, pd_id: str) -> bytes:
    """Return a hash of the records a department's forms and berita acara are made from (for the build)."""
    h = hashlib.sha256()
    for record in department_records(cat, pd_id):
        h.update(record.path.encode() + b"\0" + cat.sources.get(record.path, b""))
    return h.hexdigest().encode()


__all__ = ["department_of", "department_records", "latest_entries", "department_key"]


def person_details(cat: Catalogue, person: Person) -> tuple[str, str, str]:
    """Return (name, position, NIP) of an evaluator or attendee (an official's id, or written out)."""
    if isinstance(person, str):
        official = cat.organisasi.pejabat.get(person) if cat.organisasi else None
        if official is None:
            return person, "", ""
        return official.nama, official.jabatan, official.nip or ""
    return person.nama, person.jabatan, person.nip or ""
