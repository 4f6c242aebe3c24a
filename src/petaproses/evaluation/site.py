"""What the review site shows of the evaluation records (read-only): per page its sessions and findings, on
the index the open findings per department.  The evaluation mode of `serve` edits them (api.py, evaluasi.js).
"""

from __future__ import annotations

import hashlib

from ..catalogue import Catalogue
from ..texts import format_date
from .followup import FindingState, finding_states
from .model import CRITERIA, Person
from .revision import HASH_PREFIX

STATUS_LABEL = {"terbuka": "terbuka", "ditindaklanjuti": "ditindaklanjuti", "ditutup": "ditutup"}
_ANSWER = {True: "Ya", False: "Tidak", None: "–"}


def person_name(cat: Catalogue, person: Person) -> str:
    """Return "Nama (Jabatan)" of an evaluator or attendee (an official's id, or written out)."""
    if isinstance(person, str):
        official = cat.organisasi.pejabat.get(person) if cat.organisasi else None
        return f"{official.nama} ({official.jabatan})" if official else person
    return f"{person.nama} ({person.jabatan})"


def short_revision(revision: str | None) -> str:
    if not revision:
        return "-"
    return revision[:len(HASH_PREFIX) + 8] if revision.startswith(HASH_PREFIX) else revision[:10]


def records_key(cat: Catalogue, kode: str | None = None) -> str:
    """Return a hash of the records that evaluate ``kode`` (all records: None): part of a page's build key."""
    h = hashlib.sha256()
    for record in cat.evaluations:
        if kode is None or kode in record.dokumen:
            h.update(record.path.encode() + b"\0" + cat.sources.get(record.path, b""))
    return h.hexdigest()


def _finding(state: FindingState) -> dict:
    f = state.finding
    return {"id": f.id or "", "no": state.step_no, "langkah": f.langkah, "teks_langkah": state.step_text,
            "gone": state.step_gone, "uraian": f.uraian, "rekomendasi": f.rekomendasi or "",
            "status": state.status, "status_label": STATUS_LABEL[state.status], "inferred": state.inferred,
            "changes": state.changes, "revisi_penutup": short_revision(f.revisi_penutup) if f.revisi_penutup else "",
            "sejak": state.since.isoformat(), "sejak_teks": format_date(state.since)}


def page_context(cat: Catalogue, kode: str) -> dict:
    """Return the sessions that evaluated ``kode`` (newest first) with their criteria and findings."""
    states = finding_states(cat, kode)
    sessions = []
    for record in sorted((r for r in cat.evaluations if kode in r.dokumen), key=lambda r: (r.tanggal, r.kode),
                         reverse=True):
        entry = record.dokumen[kode]
        criteria = []
        for key, label in CRITERIA:
            answer, note = entry.kriteria.answer(key)
            criteria.append({"label": label, "jawaban": _ANSWER[answer], "catatan": note})
        sessions.append({
            "kode": record.kode, "nama": record.title, "tanggal": format_date(record.tanggal),
            "tempat": record.tempat or "", "penilai": [person_name(cat, p) for p in record.penilai],
            "revisi": short_revision(entry.revisi),
            "monitoring": _ANSWER[entry.berjalan_baik] if entry.berjalan_baik is not None else "",
            "catatan": entry.catatan or "", "tindakan": entry.tindakan or "", "kriteria": criteria,
            "temuan": [_finding(s) for s in states if s.record is record],
        })
    open_by_step: dict[str, int] = {}
    for s in states:
        if s.status == "terbuka" and s.finding.langkah:
            open_by_step[s.finding.langkah] = open_by_step.get(s.finding.langkah, 0) + 1
    return {"kode": kode, "sessions": sessions, "open_by_step": open_by_step}


def add_to_page(ctx: dict, cat: Catalogue, doc) -> None:
    """Add the evaluation records of ``doc`` to a page's context, and each step's open findings to its row."""
    ev = page_context(cat, doc.kode)
    ctx["evaluasi"] = ev
    for step in ctx.get("steps", []):
        step["temuan_terbuka"] = ev["open_by_step"].get(step["id"], 0)


def open_findings(cat: Catalogue, page_url) -> dict[str, list[dict]]:
    """Return per department its open findings, oldest first, for the index."""
    out: dict[str, list[dict]] = {}
    for s in finding_states(cat):
        if s.status != "terbuka":
            continue
        doc = cat.by_code.get(s.kode)
        row = _finding(s)
        row.update(kode=s.kode, nama=doc.nama if doc else s.kode, url=page_url(doc) if doc else None)
        out.setdefault(s.department, []).append(row)
    return out


__all__ = ["page_context", "add_to_page", "open_findings", "records_key", "person_name", "short_revision"]
