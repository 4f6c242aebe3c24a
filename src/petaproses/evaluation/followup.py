"""Follow-up: has a later revision of the document acted on a finding?  And the counts per department.

A finding recorded ``terbuka`` is shown as followed up (``ditindaklanjuti``, inferred) when the document has
changed since the revision the session evaluated and the step the finding names was changed or removed.  The
two versions are matched with the before/after comparison (``compare.diff_steps``: steps by id, else by their
text); the earlier version comes from git.  A revision named by a content hash has no earlier text to compare
with: then only a removed step, or a step whose description is no longer the one recorded, counts.  Findings
on the whole document, and the statuses people wrote (``ditindaklanjuti``, ``ditutup``), are never inferred.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from ..catalogue import Catalogue
from ..compare import diff_steps
from ..flow import build_flow
from ..load import load_document
from ..model import Jabatan, PetaLevel1, PetaLintasFungsi, Sop
from .model import DokumenDievaluasi, Evaluasi, Status, Temuan
from .revision import content_at, same_revision


@dataclass
class FindingState:
    """A finding as the site and the metrics show it."""

    record: Evaluasi
    kode: str  # the document
    finding: Temuan
    index: int  # position in the document's `temuan`
    department: str
    status: Status
    inferred: bool = False  # the status comes from a later revision, not from the record
    changes: list[str] = field(default_factory=list)  # what later revisions changed in the step
    step_no: int | None = None  # in the current document
    step_text: str = ""  # current description, else the last known one
    step_gone: bool = False

    @property
    def since(self) -> _dt.date:
        return self.record.tanggal

    def age_days(self, today: _dt.date) -> int:
        return max(0, (today - self.record.tanggal).days)


def step_texts(doc) -> dict[str, tuple[int, str]]:
    """Return step id -> (number, description) of a map's items (level-1 processes count as steps)."""
    if isinstance(doc, PetaLevel1):
        return {p.id: (i + 1, p.nama) for i, p in enumerate(doc.proses)}
    found = doc.flow_items()
    if found is None:
        return {}
    return {n.id: (n.number, getattr(n.item, "uraian", None) or getattr(n.item, "nama", "")) for n in
            build_flow(found[1]).nodes}


def _earlier(entry: DokumenDievaluasi, doc) -> PetaLintasFungsi | None:
    """Return the document as the session saw it, when git still has it."""
    raw = content_at(entry.revisi, doc.path) if entry.revisi else None
    if raw is None:
        return None
    try:
        old, _ = load_document(doc.path, raw)
    except Exception:  # an old file this version cannot read is no evidence either way
        return None
    return old if isinstance(old, PetaLintasFungsi) else None


def _renamed_only(cat: Catalogue, old: PetaLintasFungsi, step: str, doc: PetaLintasFungsi, now: str) -> bool:
    """Whether the step's actors changed only as the organisation renamed them (a removed position written as
    its replacement, ``ubah-jabatan``): the same work by the same post under its new name is no follow-up."""
    org = cat.organisasi
    if org is None:
        return False
    before = next(n.item for n in build_flow(old.kegiatan).nodes if n.id == step)
    after = next(n.item for n in build_flow(doc.kegiatan).nodes if n.id == now)

    def current(actor: str) -> str:
        pos = org.pelaksana.get(actor)
        return pos.diganti_oleh if isinstance(pos, Jabatan) and pos.dihapus and isinstance(pos.diganti_oleh, str) \
            else actor
    return [current(a) for a in before.actors] == list(after.actors)


def _step_changes(state: FindingState, cat: Catalogue, entry: DokumenDievaluasi, doc) -> list[str]:
    """Return what changed in the finding's step after the evaluated revision (empty: nothing known)."""
    step = state.finding.langkah
    if step is None or entry.revisi is None or same_revision(entry.revisi, cat.sources.get(doc.path, b""), doc.path):
        return []
    old = _earlier(entry, doc) if isinstance(doc, PetaLintasFungsi) else None
    if old is not None:
        diff = diff_steps(old, doc, (cat.actor_name, cat.actor_name))
        if any(c.id == step for c in diff.removed):
            return ["langkah dihapus"]
        now = {before: after for after, before in diff.pairs.items()}.get(step)
        changes = next((list(c.changes) for c in diff.changed if c.id == now), [])
        if changes and _renamed_only(cat, old, step, doc, now):
            changes = [c for c in changes if not c.startswith("pelaksana: ")]
        return changes
    if state.step_gone:  # no earlier text to compare with: what the record itself kept
        return ["langkah dihapus"]
    if state.finding.teks_langkah and state.finding.teks_langkah != state.step_text:
        return [f"uraian: {state.finding.teks_langkah} → {state.step_text}"]
    return []


def finding_states(cat: Catalogue, kode: str | None = None) -> list[FindingState]:
    """Return every finding of the catalogue's records (of document ``kode`` only, when given), oldest first."""
    out: list[FindingState] = []
    steps_of: dict[str, dict] = {}
    for record in sorted(cat.evaluations, key=lambda r: (r.tanggal, r.kode)):
        for doc_code, entry in record.dokumen.items():
            if kode is not None and doc_code != kode:
                continue
            doc = cat.by_code.get(doc_code)
            steps = steps_of.setdefault(doc_code, step_texts(doc) if doc is not None else {})
            for i, finding in enumerate(entry.temuan):
                state = FindingState(record, doc_code, finding, i,
                                     doc.perangkat_daerah if doc is not None else record.perangkat_daerah,
                                     finding.status, step_text=finding.teks_langkah or "")
                if finding.langkah is not None:
                    number, text = steps.get(finding.langkah, (None, ""))
                    state.step_no, state.step_gone = number, number is None and doc is not None
                    state.step_text = text or state.step_text
                if doc is not None:
                    state.changes = _step_changes(state, cat, entry, doc)
                    if state.changes and finding.status == "terbuka":
                        state.status, state.inferred = "ditindaklanjuti", True
                out.append(state)
    return out


def year_before(today: _dt.date) -> _dt.date:
    """Return the same day twelve months earlier (28 February for 29 February)."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=28)


def department_summary(cat: Catalogue, today: _dt.date) -> dict[str, dict[str, float]]:
    """Return per department: findings open / followed up / closed, SOPs, SOPs evaluated in the last 12 months."""
    start = year_before(today)
    out: dict[str, dict[str, float]] = {}

    def row(pd_id: str) -> dict[str, float]:
        return out.setdefault(pd_id, {"temuan_terbuka": 0, "temuan_ditindaklanjuti": 0, "temuan_ditutup": 0,
                                      "sop": 0, "sop_dievaluasi_12_bulan": 0, "persen_dievaluasi_12_bulan": 0.0})

    recent = {kode for r in cat.evaluations if start < r.tanggal <= today for kode in r.dokumen}
    for doc in cat.maps:
        if isinstance(doc, Sop):
            r = row(doc.perangkat_daerah)
            r["sop"] += 1
            r["sop_dievaluasi_12_bulan"] += doc.kode in recent
    for state in finding_states(cat):
        row(state.department)[f"temuan_{state.status}"] += 1
    for r in out.values():
        r["persen_dievaluasi_12_bulan"] = round(100 * r["sop_dievaluasi_12_bulan"] / r["sop"], 1) if r["sop"] else 0.0
    return dict(sorted(out.items()))


__all__ = ["FindingState", "finding_states", "step_texts", "department_summary", "year_before"]
