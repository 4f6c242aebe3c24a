"""`petaproses ubah-peraturan LAMA BARU`: cite the regulation in force in place of a revoked one.

Built like `ubah-jabatan` (orgchange.py, whose text edits, revision record, checks and atomic write it uses):
every `dasar_hukum` of the maps and SOPs is edited as text at its YAML node, so comments, order, quoting and
line endings stay as written.  A citation by register id gets the new id; a citation written as text that the
register matches to LAMA gets the new regulation's full text (with its amendments, as missing-amendment asks),
quoted only where YAML needs it.  What cannot be rewritten safely (a block scalar, LAMA named only after
"sebagaimana telah diubah dengan", LAMA named in prose) is listed with its file:line for the author.  The
register's `dasar_keputusan` follows too.  Nothing is written here.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Collection

import yaml

from .catalogue import Catalogue
from .load import load_document
from .model import Sop
from .orgchange import Plan, add_change
from .yamledit import Text as _Text
from .yamledit import compose as _compose
from .yamledit import get as _get
from .yamledit import remove_item as _remove_item
from .orgnames import note_texts, texts
from .problems import InputError, suggest
from .register import RegisterPeraturan, read_citations
from .texts import split_mark


def plan_regulation_change(cat: Catalogue, old: str, new: str, when: dt.date, note: str = "",
                           paths: Collection[str] | None = None) -> Plan:
    """Return the edits that cite ``new`` in place of ``old`` in every map and SOP and the register's
    `dasar_keputusan` (nothing written); with ``paths``, in those files only."""
    reg = cat.peraturan
    if reg is None:
        raise InputError("katalog tanpa register peraturan (berkas 'jenis: peraturan'); ubah-peraturan memerlukannya "
                         "(buat dengan: petaproses new peraturan processes/peraturan.yaml)")
    try:
        note.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("--catatan berisi karakter yang tidak dapat disimpan dalam UTF-8; tulis ulang catatannya") \
            from None
    notes = _resolve(reg, old, new, when)
    old_short, new_short = _short(reg, old), _short(reg, new)
    plan = Plan("peraturan", old, new, old_short, new_short, [], notes)
    record = f"Dasar hukum {old_short} diganti dengan {new_short}" + (f"; {note}" if note else "")
    mention = _mention(reg, old)
    shared = paths is None or reg.path in paths  # files named: those only, the register's shared basis too
    if not shared and old in reg.dasar_keputusan:
        line, column = reg.loc("dasar_keputusan", reg.dasar_keputusan.index(old))
        plan.notes.append(f"{reg.path}:{line}:{column}: dasar_keputusan masih mengutip '{old}' dan tidak diubah "
                          f"(JALUR tidak menyebut register); jalankan tanpa JALUR, atau sebutkan juga {reg.path}")
    for doc in ([reg] if shared else []) + [d for d in cat.maps if paths is None or d.path in paths]:
        raw = cat.sources.get(doc.path)
        if raw is None:
            continue
        edit = _Text(raw)
        if doc is reg:
            if old.encode("utf-8") not in raw:
                continue
            root = _compose(edit.text)
            what = ["dasar_keputusan"] if _swap_id(_get(root, "dasar_keputusan"), old, new, edit) else []
        else:
            cited = read_citations(reg, list(doc.dasar_hukum))
            if not any(c.reg_id == old or _in_tail(reg, c, old) for c in cited) and not mention.search(edit.text):
                continue  # cheap: most files never name it
            root = _compose(edit.text)
            what = _edit_citations(doc, root, edit, plan, reg, cited)
            # prose is the author's (not comments, not the revision notes)
            note_texts(plan.notes, doc, [keys for keys, text in texts(doc) if mention.search(text)], plan.old_name)
        if edit.edits:
            add_change(plan, doc, raw, root, edit, what, when, record)
    return plan


def _resolve(reg: RegisterPeraturan, old: str, new: str, when: dt.date) -> list[str]:
    """Refuse a change that makes no sense; return what the author should know about one that does."""
    for role, value in (("LAMA", old), ("BARU", new)):
        if value not in reg.peraturan:
            hint = suggest(value, reg.peraturan) or "; lihat id-nya di register itu"
            raise InputError(f"{role} '{value}' tidak ada di register peraturan {reg.path}{hint}")
    if old == new:
        raise InputError("LAMA dan BARU sama")
    entry = reg.peraturan[old]
    if not entry.dicabut_oleh and new in entry.diubah_oleh:  # amended, still in force (review Q)
        raise InputError(f"'{new}' mengubah '{old}', tidak mencabutnya: '{old}' tetap dikutip, dan dokumen sudah "
                         "mencetaknya dengan perubahannya (\"sebagaimana telah diubah dengan ...\") dari register; "
                         "ubah-peraturan hanya untuk peraturan yang dicabut")
    if not entry.dicabut_oleh:  # like ubah-jabatan: the register says first that it is gone
        raise InputError(f"'{old}' belum diberi 'dicabut_oleh' di {reg.path}; bila '{new}' mencabutnya, tandai dulu "
                         f"(dicabut_oleh: {new}, dicabut_tanggal: TANGGAL) lalu jalankan lagi; bila '{new}' hanya "
                         f"mengubahnya, tulis 'diubah_oleh: [{new}]' pada '{old}' (dokumen mengutip keduanya, tanpa "
                         "ubah-peraturan)")
    from .texts import format_date

    notes = []
    if reg.revoked(new, when):
        now = reg.replacement(new, when)
        raise InputError(f"'{new}' sendiri sudah dicabut" + (f"; pakai yang berlaku: {now}" if now else ""))
    if reg.peraturan[new].dicabut_oleh:  # revoked on a day still to come: in force until then
        later = reg.peraturan[new]
        notes.append(f"'{new}' akan dicabut pada {format_date(later.dicabut_tanggal)} oleh '{later.dicabut_oleh}'; "
                     f"sebelum tanggal itu jalankan: petaproses ubah-peraturan {new} {later.dicabut_oleh}")
    now = reg.replacement(old, when)  # a pending one: what governs once it takes effect
    if now is not None and now != new:
        notes.append(f"register menyebut '{now}' sebagai pengganti '{old}' yang berlaku, bukan '{new}'")
    if entry.dicabut_tanggal is not None and entry.dicabut_tanggal > when:
        notes.append(f"'{old}' baru dicabut pada {format_date(entry.dicabut_tanggal)}, sesudah tanggal revisi "
                     f"{format_date(when)}; sampai tanggal itu ia masih berlaku")
    return notes


def _short(reg: RegisterPeraturan, reg_id: str) -> str:
    """Return a citation without its title ("Peraturan Wali Kota Padang Panjang Nomor 48 Tahun 2024")."""
    return reg.peraturan[reg_id].short_text()


def _mention(reg: RegisterPeraturan, reg_id: str) -> re.Pattern:
    """Return a pattern of LAMA named in prose: "Nomor 48 Tahun 2024", "48/2024", or its id."""
    p = reg.peraturan[reg_id]
    number = re.escape(p.nomor or str(p.tahun))
    return re.compile(rf"(?<![\w/]){number}\s*(?:/\s*|\s+tahun\s+){p.tahun}\b|\b{re.escape(reg_id)}\b",
                      re.IGNORECASE)


def _in_tail(reg: RegisterPeraturan, c, reg_id: str) -> bool:
    """Return whether a written citation names ``reg_id`` as one of its amendments ("sebagaimana ...")."""
    return c.citation is not None and any(reg.find(a)[0] == reg_id for a in c.citation.amendments)


def _swap_id(node: yaml.Node | None, old: str, new: str, edit: _Text) -> bool:
    """Replace the id ``old`` in a list of ids; where ``new`` is listed already, remove ``old`` instead."""
    items = node.value if isinstance(node, yaml.SequenceNode) else []
    changed = False
    for item in items:
        if isinstance(item, yaml.ScalarNode) and item.value == old:
            if any(i.value == new for i in items if isinstance(i, yaml.ScalarNode)):
                changed |= _remove_item(node, item, edit)  # type: ignore[arg-type]
            else:
                changed |= edit.replace_scalar(item, old, new)
    return changed


def _edit_citations(doc, root, edit: _Text, plan: Plan, reg: RegisterPeraturan, cited) -> list[str]:
    node = _get(root, "dasar_hukum")
    items = node.value if isinstance(node, yaml.SequenceNode) else []
    if len(items) != len(cited):
        return []  # not the list the model read (never for a file that loads): leave it be
    has_new = any(c.reg_id == plan.new for c in cited)
    what = []
    for c, item in zip(cited, items):
        line = item.start_mark.line + 1
        where = f"{doc.path}:{line}:{item.start_mark.column + 1}"
        if c.reg_id != plan.old:
            if _in_tail(reg, c, plan.old):
                plan.notes.append(f"{where}: dasar hukum menyebut {plan.old_name} sebagai perubahan peraturan lain; "
                                  "periksa dan ubah dengan tangan")
            elif c.reg_id is None and not c.by_id and _mention(reg, plan.old).search(c.written):  # not matched
                plan.notes.append(f"{where}: dasar hukum menyebut {plan.old_name} tetapi tidak dicocokkan register; "
                                  "periksa dan ubah dengan tangan")
            continue
        if item.style in ("|", ">") or item.start_mark.line != item.end_mark.line:  # the author's, removal too
            plan.notes.append(f"{where}: dasar hukum ditulis sebagai teks beberapa baris; " + (
                f"'{plan.new}' sudah dikutip; hapus kutipan {plan.old_name} dengan tangan" if has_new else
                f"ganti {plan.old_name} dengan tangan (id '{plan.new}')"))
            continue
        if has_new:  # the list cites the new one already: the old one goes
            if _remove_item(node, item, edit):
                what.append(f"dasar_hukum {c.index + 1}: dihapus ({plan.new} sudah dikutip)")
            else:
                plan.notes.append(f"{where}: '{plan.new}' sudah dikutip; hapus kutipan {plan.old_name} dengan tangan")
            continue
        if c.by_id:
            if edit.replace_scalar(item, plan.old, plan.new):
                what.append(f"dasar_hukum {c.index + 1}: {plan.new}")
                has_new = True
            else:
                plan.notes.append(f"{where}: '{plan.old}' ditulis dalam bentuk yang tidak diubah otomatis; ubah "
                                  "dengan tangan")
            continue
        mark = split_mark(c.written)[0]  # the author's "a." or "1." stays in front of the new text
        text = _scalar(f"{mark} {reg.full_text(plan.new)}" if mark else reg.full_text(plan.new), item.style,
                       bool(node.flow_style))
        if text is None:
            continue  # a block scalar: noted above
        edit.edits.append((item.start_mark.index, item.end_mark.index, text))
        what.append(f"dasar_hukum {c.index + 1}: teks {plan.new_name}")
        has_new = True
    return what


def _scalar(text: str, style: str | None, flow: bool) -> str | None:
    """Return ``text`` written as the YAML scalar it replaces was (plain, 'single', "double"), quoted where
    plain would not read back as the same text; None for a block scalar."""
    if style in ("|", ">"):
        return None
    if not style:
        try:
            back = yaml.safe_load(f"[{text}]" if flow else f"- {text}")
        except yaml.YAMLError:
            back = None
        if back == [text]:
            return text
        style = '"'
    if style == "'":
        return "'" + text.replace("'", "''") + "'"
    import json

    return json.dumps(text, ensure_ascii=False)


__all__ = ["plan_regulation_change"]
