"""`petaproses ubah-jabatan LAMA BARU`: put a replacement in place of a removed position, unit or department.

Every file is edited as text at the positions of the YAML nodes (PyYAML's composer gives each node's start
and end offset), so that everything but the changed values stays byte for byte as the author wrote it:
comments, order, quoting, flow or block style, line endings.  A round-trip library (ruamel.yaml) would
re-emit the whole file and re-wrap or re-indent what it did not need to touch.  Each changed SOP gets the
change in its revision date (`tanggal.revisi`) and its revision notes (`riwayat`).  Nothing is written here:
the command shows a unified diff, and writes (atomic.py) only when asked.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from dataclasses import dataclass, field
from typing import Any, Collection

import yaml

from .catalogue import Catalogue
from .dates import WrittenDate
from .load import load_document
from .model import Organisasi, PetaLintasFungsi, PetaRelasi, RegisterAplikasi, Sop, Unit, as_list
from .orgnames import (SIGNERS, cycle_of, moved_heads, note_texts, removed_graph, signer_changes, text_mentions,
                       texts)
from .problems import InputError, suggest
from .yamledit import Text as _Text
from .yamledit import compose as _compose
from .yamledit import node_end as _end
from .yamledit import get as _get
from .yamledit import key_node as _key
from .yamledit import key_index as _order
from .yamledit import remove_entry as _remove_entry
from .yamledit import remove_item as _remove_item
from .yamledit import scalars as _scalars


@dataclass
class Change:
    """One file's new text, and what was changed in it (for the summary)."""

    path: str
    before: bytes
    after: bytes
    what: list[str] = field(default_factory=list)
    document: Any = field(default=None, repr=False, compare=False)  # ``after`` as load_document read it

    def diff(self) -> str:
        a = self.before.decode("utf-8-sig").splitlines(keepends=True)
        b = self.after.decode("utf-8-sig").splitlines(keepends=True)
        return "".join(difflib.unified_diff(a, b, f"a/{self.path}", f"b/{self.path}"))


@dataclass
class Plan:
    kind: str  # "pelaksana", "unit", "perangkat_daerah"
    old: str
    new: str
    old_name: str
    new_name: str
    changes: list[Change]
    notes: list[str]  # what the author must look at by hand


# ------------------------------------------------------------------------------------------- the change
def plan_change(cat: Catalogue, old: str, new: str | None, when: dt.date, note: str = "",
                paths: Collection[str] | None = None, force: bool = False) -> Plan:
    """Return the edits that put ``new`` in place of ``old`` in every file of the catalogue (nothing written);
    with ``paths``, in the organisation file and those files only.  ``force``: take a ``new`` that is not
    among ``old``'s `diganti_oleh`."""
    org = cat.organisasi
    if org is None:
        raise InputError("katalog tanpa berkas organisasi; ubah-jabatan memerlukan organisasi.yaml")
    try:
        note.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (bytes the shell could not decode)
        raise InputError("--catatan berisi karakter yang tidak dapat disimpan dalam UTF-8; tulis ulang catatannya") \
            from None
    kind, old_name, new, new_name, successors = _resolve(org, old, new, force)
    plan = Plan(kind, old, new, old_name, new_name, [], [])
    if len(successors) > 1 and paths is None:  # split duties: every use going to one successor is a choice
        plan.notes.append(f"'{old}' dibagi ke {', '.join(successors)}; semua pemakaiannya dipindah ke '{new}'. Bila "
                          f"sebagian berkas milik pengganti lain, jalankan per berkas: petaproses ubah-jabatan {old} "
                          "BARU JALUR ...")
    plan.notes += moved_heads(org, kind, old, new)
    heads = signer_changes(org, kind, old, new, plan.notes)  # signer id -> new signer id
    record = (f"{_LABEL[kind].capitalize()} {old_name} diganti dengan {new_name}" + (f"; {note}" if note else ""))
    others = [*cat.maps, *cat.relasi, *([cat.aplikasi] if cat.aplikasi is not None else [])]
    for doc in [org] + [d for d in others if paths is None or d.path in paths]:
        raw = cat.sources.get(doc.path)
        if raw is None or not any(k.encode("utf-8") in raw for k in [old, *heads]):  # cheap: no parsing
            continue
        edit = _Text(raw)
        root = _compose(edit.text)
        what = _edit_document(doc, root, edit, plan, org)
        what += _edit_signers(doc, root, edit, plan, heads)
        if not isinstance(doc, Organisasi):  # ids are rewritten, prose is the author's (as check says)
            named = ([keys for keys, _ in text_mentions(org, doc, old)] if kind == "pelaksana" else
                     [keys for keys, text in texts(doc) if old_name.casefold() in text.casefold()])
            note_texts(plan.notes, doc, named, f"'{old_name}'")
        if edit.edits:
            add_change(plan, doc, raw, root, edit, what, when, record)
    return plan


def add_change(plan: "Plan", doc, raw: bytes, root, edit: "_Text", what: list[str], when: dt.date, record: str) -> None:
    """Add the edited file to ``plan``: an SOP gets its revision date and record; the result must read back
    as the same kind of file (else nothing is written)."""
    if isinstance(doc, Sop):
        _record_revision(root, edit, when, record)
        what.append(f"tanggal revisi {_as_written(when)} dan riwayat")
    after = edit.result()
    checked, problems = load_document(doc.path, after)
    if checked is None or any(p.is_error and p.code in _SHAPE for p in problems):
        raise InputError(f"{doc.path}: hasil penggantian tidak dapat dibaca lagi "
                         f"({'; '.join(p.format() for p in problems if p.is_error) or 'galat'}); tidak ada "
                         "berkas yang ditulis, ubah berkas ini dengan tangan")
    plan.changes.append(Change(doc.path, raw, after, what, checked))


_LABEL = {"pelaksana": "jabatan", "unit": "unit", "perangkat_daerah": "perangkat daerah"}
_SHAPE = {"yaml-syntax", "type-mismatch", "unknown-key", "missing-key", "invalid-value", "duplicate-key"}


def _resolve(org: Organisasi, old: str, new: str | None, force: bool = False) -> tuple[str, str, str, str, list]:
    """Return (kind, old name, new id, new name, the successors written) after checking that the change makes
    sense."""
    pd_id: str | None = None
    if old in org.pelaksana:
        kind, names = "pelaksana", {k: org.position_name(k) or k for k in org.pelaksana}
        replacements = as_list(org.position(old).diganti_oleh)  # type: ignore[union-attr]
        removed = org.pelaksana_removed(old)
    elif old in org.perangkat_daerah:
        kind, names = "perangkat_daerah", {k: v.nama for k, v in org.perangkat_daerah.items()}
        replacements = as_list(org.perangkat_daerah[old].diganti_oleh)
        removed = bool(org.perangkat_daerah[old].dihapus)
    else:
        pds = [pd_id for pd_id, pd in org.perangkat_daerah.items() if old in pd.unit]
        if len(pds) != 1:
            where = "ada di beberapa Perangkat Daerah" if pds else "tidak dikenal di organisasi.yaml"
            known = [*org.pelaksana, *org.perangkat_daerah, *(u for pd in org.perangkat_daerah.values() for u in pd.unit)]
            raise InputError(f"'{old}' {where}" + (suggest(old, known) if not pds else "")
                             + "; tulis id jabatan, unit atau Perangkat Daerah yang dihapus")
        pd_id = pds[0]
        pd = org.perangkat_daerah[pd_id]
        kind, names = "unit", {k: pd.unit_name(k) or k for k in pd.unit}
        value = pd.unit[old]
        replacements = as_list(value.diganti_oleh) if isinstance(value, Unit) else []
        removed = isinstance(value, Unit) and bool(value.dihapus)
    if new is None:
        if len(replacements) != 1:
            raise InputError(f"sebutkan penggantinya: petaproses ubah-jabatan {old} BARU"
                             + (f" (salah satu dari: {', '.join(replacements)})" if replacements else ""))
        new = replacements[0]
    if new not in names:
        raise InputError(f"pengganti '{new}' tidak dikenal sebagai {_LABEL[kind]} di organisasi.yaml"
                         + suggest(new, names))
    if new == old:
        raise InputError("LAMA dan BARU sama")
    gone = removed_graph(org, kind, pd_id)
    if new in gone:  # units and departments as positions: never replaced by one gone too
        loop = cycle_of(org, new, kind, pd_id)
        if loop:
            raise InputError(f"'diganti_oleh' di organisasi.yaml berputar ({' -> '.join(loop)}): tidak ada "
                             f"{_LABEL[kind]} pengganti yang masih berlaku; tulis id {_LABEL[kind]} yang masih ada di "
                             f"'diganti_oleh' '{old}'")
        after = org.replacements(new) if kind == "pelaksana" else [a for a in gone[new] if a not in gone]
        raise InputError(f"'{new}' sendiri sudah dihapus; " + (f"pakai penggantinya: {', '.join(after)}" if after else
                         f"tulis penggantinya yang masih ada di 'diganti_oleh' '{new}' pada organisasi.yaml"))
    if not removed:  # the command replaces what the organisation file says is gone, nothing else
        raise InputError(f"'{old}' belum diberi 'dihapus' di organisasi.yaml; tandai dulu (dihapus: TANGGAL, "
                         f"diganti_oleh: {new}) lalu jalankan lagi")
    allowed = set(replacements) | (set(org.replacements(old)) if kind == "pelaksana" else set())
    if replacements and new not in allowed and not force:  # e.g. a Kabid's steps given to a front-line officer
        raise InputError(f"'{new}' bukan pengganti '{old}' menurut organisasi.yaml (diganti_oleh: "
                         f"{', '.join(replacements)}); tulis salah satunya, tambahkan '{new}' ke 'diganti_oleh', "
                         "atau jalankan lagi dengan --paksa")
    return kind, names[old], new, names[new], org.replacements(old) if kind == "pelaksana" else replacements


def _edit_signers(doc, root: yaml.Node | None, edit: _Text, plan: Plan, heads: dict[str, str]) -> list[str]:
    """Replace the officials who sign (an SOP) or head a department (the organisation file)."""
    what: list[str] = []
    if isinstance(doc, Sop) and (plan.kind == "pelaksana" or doc.perangkat_daerah in (plan.old, plan.new)):
        for key in SIGNERS:
            for before, after in heads.items():
                if _replace_in(_get(root, key), before, after, edit, plan, f"{doc.path}: {key}"):
                    what.append(key)
    elif isinstance(doc, Organisasi) and plan.kind == "pelaksana" and plan.old in heads:
        pds = _get(root, "perangkat_daerah")
        for pd_id, node in (pds.value if isinstance(pds, yaml.MappingNode) else []):
            pd = doc.perangkat_daerah.get(pd_id.value)
            if pd is not None and not pd.dihapus and _replace_in(_get(node, "kepala"), plan.old, plan.new, edit, plan,
                                                                 doc.path):
                what.append(f"kepala {pd_id.value}")
    return what


def _edit_document(doc, root: yaml.Node | None, edit: _Text, plan: Plan, org: Organisasi) -> list[str]:
    what: list[str] = []
    old, new = plan.old, plan.new
    if plan.kind == "pelaksana":
        if isinstance(doc, Organisasi):
            for team_id, node in (_get(root, "pelaksana").value if _get(root, "pelaksana") else []):  # type: ignore
                for part in ("ketua", "anggota"):
                    n = _replace_in(_get(node, part), old, new, edit, plan, f"{doc.path}: tim {team_id.value}",
                                    keep_list=part == "anggota")
                    if n:
                        what.append(f"tim {team_id.value}: {part}")
        elif isinstance(doc, PetaRelasi):  # the relations hidden or written by hand, from and to positions
            for key in ("sembunyikan", "relasi"):
                entries = _get(root, key)
                for i, entry in enumerate(entries.value if isinstance(entries, yaml.SequenceNode) else []):
                    for end in ("dari", "ke"):
                        if _replace_in(_get(entry, end), old, new, edit, plan, f"{doc.path}: {key} {i + 1}"):
                            what.append(f"{key} {i + 1}: {end}")
        elif isinstance(doc, PetaLintasFungsi):
            if _replace_in(_get(root, "pelaksana"), old, new, edit, plan, f"{doc.path}: pelaksana", keep_list=True):
                what.append("urutan pelaksana")
            steps = _get(root, "kegiatan")
            for i, step in enumerate(steps.value if isinstance(steps, yaml.SequenceNode) else []):
                where = f"{doc.path}: kegiatan {i + 1}"
                tasks = _edit_tasks(step, old, new, edit, plan, where)
                if _replace_in(_get(step, "pelaksana"), old, new, edit, plan, where,
                               keep_list=_get(step, "bersama") is not None) or tasks:
                    what.append(f"kegiatan {i + 1}")
    elif plan.kind == "perangkat_daerah":
        if isinstance(doc, Organisasi):
            for actor_id, node in (_get(root, "pelaksana").value if _get(root, "pelaksana") else []):  # type: ignore
                if _replace_in(_get(node, "perangkat_daerah"), old, new, edit, plan, doc.path):
                    what.append(f"jabatan {actor_id.value}")
        elif isinstance(doc, RegisterAplikasi):  # the department that owns each application
            apps = _get(root, "aplikasi")
            for app_id, node in (apps.value if isinstance(apps, yaml.MappingNode) else []):
                if _replace_in(_get(node, "perangkat_daerah"), old, new, edit, plan, doc.path):
                    what.append(f"aplikasi {app_id.value}")
        elif doc.perangkat_daerah == old and _replace_in(_get(root, "perangkat_daerah"), old, new, edit, plan, doc.path):
            what.append("perangkat_daerah")
    else:  # a unit: only where it is a unit of the same Perangkat Daerah
        pd_id = next(k for k, pd in org.perangkat_daerah.items() if old in pd.unit)
        if isinstance(doc, Organisasi):
            for actor_id, node in (_get(root, "pelaksana").value if _get(root, "pelaksana") else []):  # type: ignore
                pos = org.position(actor_id.value)
                if pos and pos.perangkat_daerah == pd_id and _replace_in(_get(node, "unit"), old, new, edit, plan,
                                                                         doc.path):
                    what.append(f"jabatan {actor_id.value}")
            what += _edit_parent_units(doc, root, edit, plan, pd_id)
        elif doc.perangkat_daerah == pd_id and _replace_in(_get(root, "unit"), old, new, edit, plan, doc.path):
            what.append("unit")
    return what


def _edit_parent_units(org: Organisasi, root: yaml.Node | None, edit: _Text, plan: Plan, pd_id: str) -> list[str]:
    """A unit of the same Perangkat Daerah whose `unit_induk` (free text, printed in the SOP header) is the old
    unit's name gets the new unit's name (the case and spaces it was written in do not matter)."""
    def norm(text: str) -> str:
        return " ".join(text.casefold().split())

    if norm(plan.old_name) == norm(plan.new_name):
        return []
    units = _get(_get(_get(root, "perangkat_daerah"), pd_id), "unit")
    what: list[str] = []
    for unit_id, node in (units.value if isinstance(units, yaml.MappingNode) else []):
        value = org.perangkat_daerah[pd_id].unit.get(unit_id.value)
        body = _get(node, "unit_induk") if isinstance(node, yaml.MappingNode) else None
        if not isinstance(value, Unit) or value.dihapus or not isinstance(body, yaml.ScalarNode) \
                or norm(body.value) != norm(plan.old_name):
            continue
        if body.style in ("|", ">"):
            plan.notes.append(f"{org.path}: unit_induk unit '{unit_id.value}' ditulis dalam bentuk yang tidak diubah "
                              f"otomatis; tulis '{plan.new_name}' dengan tangan")
            continue
        edit.edits.append((body.start_mark.index, body.end_mark.index, _name_scalar(plan.new_name, body.style)))
        what.append(f"unit_induk {unit_id.value}")
    return what


def _name_scalar(name: str, style: str | None) -> str:
    """``name`` as a YAML scalar in the quoting it replaces; plain only where it reads back as itself."""
    if style == "'":
        return "'" + name.replace("'", "''") + "'"
    plain = style is None and all(_reads(text, name) for text in (f"k: {name}", f"{{k: {name}}}"))
    return name if plain else json.dumps(name, ensure_ascii=False)


def _reads(text: str, name: str) -> bool:
    try:
        return yaml.safe_load(text) == {"k": name}
    except yaml.YAMLError:
        return False


def _edit_tasks(step: yaml.Node, old: str, new: str, edit: _Text, plan: Plan, where: str) -> bool:
    """Move ``old``'s box text (`tugas: {old: Paraf}`) to ``new``; where ``new`` already acts in the step, ``old``'s
    box goes (its id leaves the list, _replace_in) and its text with it, with a note."""
    tasks = _get(step, "tugas")
    key = _key(tasks, old) if isinstance(tasks, yaml.MappingNode) else None
    if key is None:
        return False
    if new not in {s.value for s in _scalars(_get(step, "pelaksana"))} and _key(tasks, new) is None:
        if edit.replace_scalar(key, old, new):
            return True
    elif _remove_entry(tasks, key, edit):
        text = getattr(_get(tasks, old), "value", "")
        plan.notes.append(f"{where}: tugas '{old}' ({text}) dihapus karena '{new}' sudah pelaksana kegiatan ini; "
                          f"periksa teks kotak '{new}'")
        return True
    plan.notes.append(f"{where}: kunci tugas '{old}' ditulis dalam bentuk yang tidak diubah otomatis; ubah dengan "
                      "tangan")
    return False


def _replace_in(node: yaml.Node | None, old: str, new: str, edit: _Text, plan: Plan, where: str,
                keep_list: bool = False) -> int:
    """Replace ``old`` by ``new`` in a scalar or a sequence of ids; return how many were replaced.

    In a list that already holds ``new`` (an approval chain, the lanes) ``old`` is removed instead, so that
    no id appears twice.  ``keep_list``: the field takes a list only (the lanes, a team, a joint step's actors):
    ``[old, new]`` becomes ``[new]``, not ``new``."""
    count = 0
    scalars = _scalars(node)
    has_new = any(s.value == new for s in scalars)
    if isinstance(node, yaml.SequenceNode) and node.flow_style and has_new and len(node.value) == 2 and not keep_list \
            and {s.value for s in scalars} == {old, new}:  # [old, new] -> new: one actor left
        edit.edits.append((node.start_mark.index, node.end_mark.index, new))
        return 1
    for s in scalars:
        if s.value != old:
            continue
        if isinstance(node, yaml.SequenceNode) and has_new:
            if _remove_item(node, s, edit):
                count += 1
                if len(scalars) == 2 and not keep_list:
                    plan.notes.append(f"{where}: daftar tinggal satu pelaksana ('{new}'); tulis sebagai satu id")
            else:
                plan.notes.append(f"{where}: '{old}' dan '{new}' sama-sama ada di daftar; hapus '{old}' dengan tangan")
        elif edit.replace_scalar(s, old, new):
            count += 1
        else:
            plan.notes.append(f"{where}: '{old}' ditulis dalam bentuk yang tidak diubah otomatis; ubah dengan tangan")
    return count


def _as_written(when: dt.date) -> str:
    """``--tanggal`` as the user wrote it ("07-04-2026": printed so, as an SOP's dates are), else YYYY-MM-DD."""
    return getattr(when, "written", None) or when.isoformat()


def _record_revision(root: yaml.Node, edit: _Text, when: dt.date, record: str) -> None:
    """Set `tanggal.revisi` to ``when`` and add a `riwayat` entry, in the style the file already uses."""
    nl = edit.newline
    date = _as_written(when)
    tanggal = _get(root, "tanggal")
    if isinstance(tanggal, yaml.MappingNode):
        revisi = _get(tanggal, "revisi")
        if isinstance(revisi, yaml.ScalarNode) and revisi.value not in ("", "~", "null", "Null", "NULL"):
            written = WrittenDate.parse(revisi.value)
            if written is None or written < when:  # a later revision date stays (review U: 2026-12-10 -> 12-07)
                edit.edits.append((revisi.start_mark.index, revisi.end_mark.index, date))
        elif revisi is not None:  # "revisi:" or "revisi: null"
            key = _key(tanggal, "revisi")
            edit.edits.append((key.end_mark.index, revisi.end_mark.index, f": {date}"))  # type: ignore[union-attr]
        else:
            last = tanggal.value[_order(tanggal, "pembuatan")][1] if tanggal.value else None
            if tanggal.flow_style and last is not None:
                edit.insert(last.end_mark.index, f", revisi: {date}")
            elif last is not None:
                indent = " " * _key(tanggal, "pembuatan").start_mark.column  # type: ignore[union-attr]
                edit.insert(edit.line_end(_end(last) - 1), f"{indent}revisi: {date}{nl}")
    entry = f"{{tanggal: {date}, uraian: {json.dumps(record, ensure_ascii=False)}}}"
    riwayat = _get(root, "riwayat")
    if isinstance(riwayat, yaml.SequenceNode) and riwayat.flow_style:
        at = riwayat.end_mark.index - 1  # before "]"
        edit.insert(at, (", " if riwayat.value else "") + entry)
    elif isinstance(riwayat, yaml.SequenceNode) and riwayat.value:
        dash = " " * (riwayat.value[0].start_mark.column - 2)
        edit.insert(edit.line_end(_end(riwayat.value[-1]) - 1), f"{dash}- {entry}{nl}")
    elif riwayat is not None:  # "riwayat:" with nothing yet
        key = _key(root, "riwayat")  # type: ignore[arg-type]
        edit.edits.append((key.end_mark.index, riwayat.end_mark.index,  # type: ignore[union-attr]
                           f":{nl}{' ' * key.start_mark.column}  - {entry}"))  # type: ignore[union-attr]
    else:  # a new `riwayat` right after `tanggal`
        anchor = tanggal if tanggal is not None else root.value[-1][1]  # type: ignore[union-attr]
        column = _key(root, "tanggal").start_mark.column if tanggal is not None else 0  # type: ignore[union-attr]
        block = f"{' ' * column}riwayat:{nl}{' ' * column}  - {entry}{nl}"
        edit.insert(edit.line_end(_end(anchor) - 1), block)


def refusals(plan: Plan, loaded) -> list[str]:
    """Return why the plan is not written (empty: it may be): a file that is a
    symbolic link (the rename would replace the link, not edit its target), and every error `check` would
    report afterwards that it does not report now (a note too long, a joint step left with one actor, units of
    a merged department...): the plan is checked on a copy of the catalogue with its edits."""
    import os
    import shutil
    import tempfile
    from collections import Counter

    from .check import check, findings

    links = [f"{c.path}: berkas ini symlink; ubah berkas tujuannya dengan tangan" for c in plan.changes
             if os.path.islink(c.path)]
    if links:
        return links

    def errors(problems, base: str) -> Counter:
        return Counter((os.path.relpath(p.path, base), p.code) for p in problems if p.is_error)

    def inside(path: str, folder: str) -> bool:
        return os.path.abspath(path).startswith(folder + os.sep)

    def hidden_folders(folder: str, names: list[str]) -> list[str]:  # as find_files skips them (.git, caches)
        return [n for n in names if n.startswith(".") and os.path.isdir(os.path.join(folder, n))]

    roots = [os.path.abspath(r) for r in loaded.roots]
    before = sum((errors([p for p in findings(loaded) if inside(p.path, r)], r)
                  for r in roots), Counter())
    with tempfile.TemporaryDirectory(prefix="petaproses-ubah-") as tmp:
        copies = [os.path.join(tmp, str(k)) for k in range(len(roots))]
        for root, copy in zip(roots, copies):
            shutil.copytree(root, copy, symlinks=True, ignore=hidden_folders)
        for c in plan.changes:
            root, copy = next((r, cp) for r, cp in zip(roots, copies) if inside(c.path, r))
            with open(os.path.join(copy, os.path.relpath(os.path.abspath(c.path), root)), "wb") as fh:
                fh.write(c.after)
        _, problems = check(copies)
        after = sum((errors([p for p in problems if inside(p.path, cp)], cp)
                     for cp in copies), Counter())
        fresh = after - before  # (file, code) pairs with more errors than now
        said = []
        for p in problems:
            for root, copy in zip(roots, copies):
                rel = os.path.relpath(p.path, copy)
                if p.is_error and inside(p.path, copy) and fresh[rel, p.code]:
                    said.append(f"{os.path.join(root, rel)}:{p.line}:{p.column}: {p.code}: {p.message}")
        return said


def write(plan: Plan) -> None:
    """Write every changed file as one change (atomic.write_atomic_all: all staged before the first rename), each
    keeping its permissions."""
    import os
    import stat
    from pathlib import Path

    from .atomic import write_atomic_all

    try:
        write_atomic_all([(Path(c.path), c.after, stat.S_IMODE(os.stat(c.path).st_mode)) for c in plan.changes])
    except OSError as exc:  # a rename refused after others were done: say which files hold the new text
        done = [c.path for c in plan.changes if Path(c.path) in getattr(exc, "written", [])]
        rest = [c.path for c in plan.changes if c.path not in done]
        raise InputError(f"{exc.filename or plan.changes[0].path}: tidak dapat ditulis ({exc.strerror or exc}); " + (
            f"sudah ditulis: {', '.join(done)}; belum ditulis: {', '.join(rest)}" if done else
            "tidak ada berkas yang diubah")) from None


def summary(plan: Plan, written: bool = False) -> list[str]:
    """Return one line per changed file, then the notes, in Bahasa Indonesia; ``written``: a note's place in a
    changed file is its line in the new text (lines added above it, e.g. the revision record, moved it: review Z)."""
    lines = [f"{c.path}: {', '.join(c.what)}" for c in plan.changes]
    notes = plan.notes
    if written:
        after = {c.path: c for c in plan.changes}
        notes = [_moved(n, after) for n in notes]
    return lines + [f"perhatian: {n}" for n in notes]


def _moved(note: str, changes: dict) -> str:
    import difflib
    import re

    m = re.match(r"(.+?):(\d+):(\d+): ", note)
    change = changes.get(m[1]) if m else None
    if change is None:
        return note
    line = int(m[2]) - 1
    old, new = change.before.decode("utf-8", "replace").splitlines(), change.after.decode("utf-8", "replace").splitlines()
    for tag, i1, i2, j1, _ in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if i1 <= line < i2:
            moved = j1 + (line - i1 if tag == "equal" else 0)
            return f"{m[1]}:{moved + 1}:{m[3]}: {note[m.end():]}"
    return note


__all__ = ["Change", "Plan", "plan_change", "refusals", "write", "summary"]
