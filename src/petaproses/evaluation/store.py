"""Writing evaluation records from `petaproses serve --evaluasi`: comments kept, atomic, nothing lost.

ruamel.yaml's round trip keeps the file's comments, key order and quoting, so a record written by hand and
then filled in from the browser still reads as its author left it.  Every change is a read-modify-write of
the file as it is on disk *now*, under one lock per file (two browsers at once: both entries land), written
to a temporary file and renamed (atomic.py); a file changed by another program between the read and the
rename is read again.  What is written is loaded back with the ordinary loader before the rename: a change
that would make the record invalid is refused, and a record already broken on disk is not touched.
"""

from __future__ import annotations

import hashlib
import io
import re
import threading
from pathlib import Path
from typing import Callable, TypeVar

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from ..atomic import write_atomic
from ..load import load_document
from .model import CRITERION_LABEL, STATUSES, Evaluasi

T = TypeVar("T")
MAX_TEXT = 4000  # characters of one finding, recommendation or note


class StoreError(Exception):
    """A change that cannot be made; the message (Bahasa Indonesia) is shown in the browser."""

    status = 422


class Conflict(StoreError):
    """The record on disk no longer holds what the page showed (someone else changed it meanwhile)."""

    status = 409


def version(data: bytes | None) -> str:
    """Return the version of a record file the page holds ("" while it does not exist)."""
    return "" if data is None else hashlib.sha256(data).hexdigest()[:16]


def _indents(text: str) -> tuple[int, int, int]:
    """Return the (mapping, sequence, offset) indentation the file already uses (ruamel applies one to all)."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    mapping, offset = 2, 2
    for prev, line in zip(lines, lines[1:]):
        key = re.match(r"^( *)[^\s-][^:]*:\s*(#.*)?$", prev)
        if not key:
            continue
        child = re.match(r"^( *)(- )?", line)
        depth = len(child.group(1)) - len(key.group(1))
        if child.group(2) and depth >= 0:
            offset = depth
            break
        if depth > 0 and not child.group(2):
            mapping = depth
    return mapping, offset + 2, offset


def _yaml(text: str) -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096  # never fold a long finding over lines
    mapping, sequence, offset = _indents(text)
    y.indent(mapping=mapping, sequence=sequence, offset=offset)
    return y


def clean(text: object, limit: int = MAX_TEXT) -> str:
    """Return user text fit for the record: trimmed, one kind of line break, no control characters."""
    if not isinstance(text, str):
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = "".join(ch for ch in text if ch == "\n" or ch.isprintable())
    if len(text) > limit:
        raise StoreError(f"teks terlalu panjang ({len(text)} karakter; paling banyak {limit})")
    return text.strip()


def _problems(path: Path, data: bytes) -> tuple[Evaluasi | None, list[str]]:
    doc, problems = load_document(str(path), data)
    errors = [p.format() for p in problems if p.is_error]
    if doc is not None and not isinstance(doc, Evaluasi):
        errors.append(f"{path}: bukan rekaman evaluasi (jenis: {doc.jenis})")  # type: ignore[attr-defined]
    elif doc is not None and not errors:  # what check (and so the build) refuses in a text: a longer finding...
        from ..sanitise import scan

        errors += [f"{path}: {f.message}" for f in scan(doc)]
    return (doc if isinstance(doc, Evaluasi) and not errors else None), errors


class RecordStore:
    """One lock per record file; every change re-reads the file on disk."""

    def __init__(self) -> None:
        self._locks: dict[Path, threading.Lock] = {}
        self._guard = threading.Lock()

    def _lock(self, path: Path) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(path.resolve(), threading.Lock())

    @staticmethod
    def read(path: Path) -> bytes | None:
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None

    def load(self, path: Path) -> tuple[bytes | None, Evaluasi | None]:
        """Return the record file's bytes and its model (None while it does not exist); StoreError if broken."""
        data = self.read(path)
        if data is None:
            return None, None
        doc, errors = _problems(path, data)
        if doc is None:
            raise StoreError("rekaman evaluasi di disk tidak sah; perbaiki dulu di editor: " + "; ".join(errors[:3]))
        return data, doc

    def update(self, path: Path, change: Callable[[CommentedMap], T], starter: Callable[[], str]) -> tuple[T, bytes]:
        """Apply ``change`` to the record at ``path`` (made from ``starter()`` when missing); return its result
        and the bytes written."""
        with self._lock(path):
            for _attempt in range(5):
                before = self.read(path)
                if before is not None and _problems(path, before)[0] is None:
                    self.load(path)  # a broken record is not touched: raises with the located reasons
                text = starter() if before is None else before.decode("utf-8")
                y = _yaml(text)
                try:
                    data = y.load(text)
                except Exception as exc:  # the loader accepted it, so this is ruamel's stricter reading
                    raise StoreError(f"rekaman evaluasi tidak dapat dibaca untuk ditulis ulang: {exc}") from None
                result = change(data)
                out = io.StringIO()
                y.dump(data, out)
                written = out.getvalue().encode("utf-8")
                doc, errors = _problems(path, written)
                if doc is None:
                    raise StoreError("perubahan ini membuat rekaman tidak sah: " + "; ".join(errors[:3]))
                if self.read(path) != before:
                    continue  # another program saved the file meanwhile: start again from its content
                write_atomic(path, written)
                return result, written
        raise Conflict("berkas rekaman terus berubah oleh program lain; coba lagi sebentar lagi")


# ------------------------------------------------------------------------------------------- changes
_ENTRY_ORDER = ("revisi", "berjalan_baik", "catatan", "tindakan", "kriteria", "temuan")
_CRITERIA_ORDER = tuple(CRITERION_LABEL)


def _put(target: CommentedMap, key: str, value: object, order: tuple[str, ...]) -> None:
    """Set ``key``; a new key goes where the model lists it, not at the end (the file stays in its order)."""
    if key in target:
        target[key] = value
        return
    rank = order.index(key) if key in order else len(order)
    position = sum(1 for k in target if k in order and order.index(k) < rank)
    target.insert(position, key, value)


def _text(value: str) -> str:
    """Return text as it is best written: several lines as a literal block (`|`), not one quoted line."""
    return LiteralScalarString(value) if "\n" in value else value


def _block(value: CommentedMap | CommentedSeq) -> CommentedMap | CommentedSeq:
    value.fa.set_block_style()  # `dokumen: {}` in a starter must not grow into one long flow line
    return value


def document_entry(data: CommentedMap, kode: str, revision: str) -> CommentedMap:
    """Return the record's entry for document ``kode``, made (with the revision evaluated) when missing."""
    docs = data.get("dokumen")
    if not isinstance(docs, CommentedMap):
        docs = data["dokumen"] = CommentedMap()
    _block(docs)
    entry = docs.get(kode)
    if not isinstance(entry, CommentedMap):
        entry = docs[kode] = CommentedMap()
        entry["revisi"] = revision  # the first look at it in this session is the revision evaluated
    return _block(entry)


def _findings(entry: CommentedMap) -> CommentedSeq:
    found = entry.get("temuan")
    if not isinstance(found, CommentedSeq):
        found = CommentedSeq()
        _put(entry, "temuan", found, _ENTRY_ORDER)
    return _block(found)


def add_finding(entry: CommentedMap, step: str | None, step_text: str | None, text: str,
                recommendation: str) -> str:
    """Append a finding; return its new id (t1, t2, ...: the first free one)."""
    if not text:
        raise StoreError("uraian temuan tidak boleh kosong")
    found = _findings(entry)
    taken = {str(f.get("id")) for f in found if isinstance(f, dict)}
    number = len(found) + 1
    while f"t{number}" in taken:
        number += 1
    item = CommentedMap()
    item["id"] = f"t{number}"
    if step:
        item["langkah"] = step
        if step_text:
            item["teks_langkah"] = step_text
    item["uraian"] = _text(text)
    if recommendation:
        item["rekomendasi"] = _text(recommendation)
    found.append(item)
    return item["id"]


def _finding(entry: CommentedMap, finding_id: str) -> tuple[CommentedSeq, int]:
    found = _findings(entry)
    for i, f in enumerate(found):
        if isinstance(f, dict) and str(f.get("id")) == finding_id:
            return found, i
    raise Conflict(f"temuan '{finding_id}' tidak ada lagi di rekaman (mungkin sudah dihapus di tempat lain)")


def set_status(entry: CommentedMap, finding_id: str, status: str, revision: str) -> None:
    if status not in STATUSES:
        raise StoreError(f"status '{status}' tidak dikenal (harus salah satu dari: {', '.join(STATUSES)})")
    found, i = _finding(entry, finding_id)
    item = found[i]
    if status == "terbuka":
        item.pop("status", None)
    else:
        item["status"] = status
    if status == "ditutup":
        item["revisi_penutup"] = revision  # the document as it is now closed the finding
    else:
        item.pop("revisi_penutup", None)


def delete_finding(entry: CommentedMap, finding_id: str) -> None:
    found, i = _finding(entry, finding_id)
    del found[i]


def _answer_of(value: object) -> tuple[bool | None, str]:
    """Return (answer, note) of a criterion as it is written on disk."""
    def boolean(v: object) -> bool | None:
        if isinstance(v, bool):
            return v
        return {"ya": True, "true": True, "tidak": False, "false": False}.get(str(v).strip().lower())
    if isinstance(value, dict):
        return boolean(value.get("jawaban")), str(value.get("catatan") or "")
    return (None, "") if value is None else (boolean(value), "")


def set_criterion(entry: CommentedMap, key: str, answer: bool | None, note: str,
                  seen: tuple[bool | None, str] | None) -> None:
    """Answer one criterion; ``seen`` is what the page showed, so that a newer answer is not overwritten."""
    if key not in CRITERION_LABEL:
        raise StoreError(f"kriteria '{key}' tidak dikenal")
    criteria = entry.get("kriteria")
    if not isinstance(criteria, CommentedMap):
        criteria = CommentedMap()
        _put(entry, "kriteria", criteria, _ENTRY_ORDER)
    _block(criteria)
    now = _answer_of(criteria.get(key))
    if seen is not None and now != tuple(seen) and now != (answer, note):
        word = {True: "ya", False: "tidak", None: "belum dijawab"}[now[0]]
        raise Conflict(f"kriteria '{CRITERION_LABEL[key]}' sudah diubah di tempat lain menjadi '{word}'"
                       + (f" ({now[1]})" if now[1] else "") + "; periksa lalu simpan lagi bila perlu")
    word = "ya" if answer else "tidak" if answer is False else None
    if answer is None and not note:
        criteria.pop(key, None)
    elif not note:
        _put(criteria, key, word, _CRITERIA_ORDER)
    else:
        value = CommentedMap()
        value["jawaban"] = word
        value["catatan"] = _text(note)
        _put(criteria, key, _block(value), _CRITERIA_ORDER)


def set_monitoring(entry: CommentedMap, running_well: bool | None, note: str, action: str) -> None:
    """Set the monitoring verdict of Tabel 7 (berjalan dengan baik or not), its note and the action to take."""
    for key, value in (("berjalan_baik", None if running_well is None else ("ya" if running_well else "tidak")),
                       ("catatan", _text(note) or None), ("tindakan", _text(action) or None)):
        if value is None:
            entry.pop(key, None)
        else:
            _put(entry, key, value, _ENTRY_ORDER)


__all__ = ["RecordStore", "StoreError", "Conflict", "version", "clean", "document_entry", "add_finding",
           "set_status", "delete_finding", "set_criterion", "set_monitoring"]
