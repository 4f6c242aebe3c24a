"""What changed in a document's identity between two versions (banding): the fields of the SOP's identity table
and the sections around its flowchart, each as the words the document prints."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .model import PetaLintasFungsi, Sop, as_list
from .register import ordered_texts, written_order
from .texts import format_date, format_revision, printed_nip, own_marks, split_mark


@dataclass
class FieldChange:
    label: str  # as the document heads it, e.g. "Dasar Hukum"
    removed: list[str] = field(default_factory=list)  # values only the earlier version has, in its order
    added: list[str] = field(default_factory=list)  # values only the later version has, in its order
    reordered: bool = False  # the same values in another order (a list whose order is read, e.g. dasar hukum)

    def words(self) -> list[str]:
        """Return the change as lines people read: "a → b" for one value, else what was added and removed."""
        if len(self.removed) == 1 and len(self.added) == 1:
            return [f"{self.removed[0]} → {self.added[0]}"]
        lines = [f"ditambahkan: {v}" for v in self.added] + [f"dihapus: {v}" for v in self.removed]
        return lines + (["urutan diubah"] if self.reordered else [])


def _signer(cat, official: str) -> str:
    """Return a signer as the identity prints it: position, name and number (the id when unknown)."""
    p = cat.organisasi.pejabat.get(official) if cat.organisasi else None
    if p is None:
        return official
    return ", ".join(x for x in (p.jabatan, p.nama, printed_nip(p.nip)) if x)


def _texts(value) -> list[str]:
    """Return the values as compared: one line each, a list's own marks left out ("a.", "1."), so that an item
    put in between is one item added, not every mark after it changed."""
    if isinstance(value, dict):  # definisi written as term: meaning
        return [" ".join(f"{k}: {v}".split()) for k, v in value.items()]
    items = [" ".join(str(v).split()) for v in as_list(value) if v is not None and str(v).strip()]
    return [split_mark(v)[1] for v in items] if own_marks(items) else items


def identity_fields(doc: PetaLintasFungsi, cat) -> dict[str, list[str]]:
    """Return the document's identity as {label: printed values}, in the order of the SOP's identity page."""
    laws = ordered_texts(cat.peraturan, list(doc.dasar_hukum), written_order(cat, doc))  # as printed: ids written
    fields = {"Nama": _texts(doc.nama), "Deskripsi": _texts(doc.deskripsi), "Dasar Hukum": _texts(laws)}
    if not isinstance(doc, Sop):
        return fields
    t = doc.tanggal
    fields.update({
        "Nomor": _texts(doc.nomor), "Tanggal Pembuatan": [format_date(t.pembuatan)],
        "Tanggal Revisi": [format_revision(t)], "Tanggal Efektif": [format_date(t.efektif)],
        "Disahkan oleh": [_signer(cat, o) for o in doc.pengesah],
        "Diperiksa oleh": [_signer(cat, o) for o in doc.pemeriksa],
        "Dibuat oleh": [_signer(cat, o) for o in doc.pembuat],
        "Tanda tangan": [doc.tanda_tangan],
        "Tujuan": _texts(doc.tujuan), "Ruang Lingkup": _texts(doc.ruang_lingkup), "Definisi": _texts(doc.definisi),
        "Kualifikasi Pelaksana": _texts(doc.kualifikasi_pelaksana), "Keterkaitan": _texts(doc.keterkaitan),
        "Peralatan/Perlengkapan": _texts(doc.peralatan), "Peringatan": _texts(doc.peringatan),
        "Pencatatan dan Pendataan": _texts(doc.pencatatan),
        "Riwayat Revisi": [f"{format_date(r.tanggal)}: {' '.join(r.uraian.split())}" for r in doc.riwayat],
        "Jumlah Waktu": _texts(doc.jumlah_waktu), "Catatan": _texts(doc.catatan),
    })
    return fields


def _minus(xs: list[str], ys: list[str]) -> list[str]:
    """Return the values of ``xs`` that ``ys`` has not (each occurrence counted), in the order of ``xs``."""
    left = Counter(ys)
    out = []
    for x in xs:
        if left[x]:
            left[x] -= 1
        else:
            out.append(x)
    return out


def identity_changes(before: PetaLintasFungsi, cat_b, after: PetaLintasFungsi, cat_a) -> list[FieldChange]:
    """Return each identity field that differs between two versions, in the order of the later one's page."""
    old, new = identity_fields(before, cat_b), identity_fields(after, cat_a)
    changes = []
    for label in [*new, *(k for k in old if k not in new)]:  # an SOP compared with a map: its fields at the end
        b, a = old.get(label, []), new.get(label, [])
        if b == a:
            continue
        removed, added = _minus(b, a), _minus(a, b)
        changes.append(FieldChange(label, removed, added, reordered=not removed and not added))
    return changes


__all__ = ["FieldChange", "identity_changes", "identity_fields"]
