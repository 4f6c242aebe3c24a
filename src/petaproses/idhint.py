"""The identifier an author probably meant when they wrote a name where an id goes ("Kepala Dinas").

The loader words the finding from the text alone (``id_fix``: the id form, or the list form of "a, b"); once the
catalogue is loaded, ``with_organisation`` puts in the id of the organisation file whose name was written.
"""

from __future__ import annotations

import re
from typing import Any

from .lazyre import Lazy
from .problems import Problem

_ID = Lazy(r"^[a-z][a-z0-9_]*$")
_LISTS = {"pelaksana", "ke", "anggota", "diperiksa_oleh", "dibuat_oleh"}  # fields that take several ids as a list
_GENERIC = "pakai huruf kecil, angka dan garis bawah, diawali huruf"
_WORDING = Lazy(r"^'(.*)' bukan pengenal yang sah untuk '([^']*)'; (.*)$", re.S)


def id_form(value: str) -> str | None:
    """Return ``value`` as an id (lower case, other characters as one '_'), or None when it makes none."""
    form = re.sub(r"[^a-z0-9]+", "_", value.lower()).strip("_")
    return form if _ID.match(form) else None


def _field(label: str) -> str:
    return re.sub(r" ke-\d+(?: \([^)]*\))?$", "", label).rsplit(".", 1)[-1]  # "pelaksana ke-2" -> pelaksana


def id_fix(value: Any, label: str, meant: str | None = None) -> str:
    """Return the fix of an invalid id ``value`` at ``label`` (as ``scalars.label`` words it)."""
    text = str(value)
    field = _field(label)
    if "," in text and field in _LISTS:
        parts = [id_form(part) or part.strip() for part in text.split(",") if part.strip()]
        return f"tulis beberapa {field} sebagai daftar: {field}: [{', '.join(parts)}]"
    meant = meant or id_form(text)
    return f"{_GENERIC}; maksud Anda '{meant}'?" if meant else _GENERIC


_NUMBERED = Lazy(r"(?i)^(?:langkah|kegiatan|baris|no\.?|nomor)?[\s_]*(?:ke[\s_-]*)?(\d{1,6})$")
STEP_LISTS = ("kegiatan", "sub_proses")  # the keys whose items are steps that ``ke`` and ``cabang`` name


def is_step_target(keys: tuple) -> bool:
    """Whether the key path ``keys`` is a branch's or a ``ke``'s target (kegiatan 2 cabang Tidak, kegiatan 2 ke)."""
    return len(keys) >= 3 and keys[0] in STEP_LISTS and keys[2] in ("cabang", "ke")


def step_target_fix(value: Any, steps: Any) -> str:
    """Return the fix of a step target that names no step: the id of the step it numbers ("langkah 1", "1"),
    the id its letters make when a step has it, else the ids there are (``steps``: the raw list of steps)."""
    items = [s for s in steps if isinstance(s, dict)] if isinstance(steps, list) else []
    ids = [s["id"] for s in items if isinstance(s.get("id"), str) and _ID.match(s["id"])]
    m = _NUMBERED.match(str(value).strip())
    if m and 1 <= int(m[1]) <= len(items):
        n = int(m[1])
        sid = items[n - 1].get("id")
        if isinstance(sid, str) and _ID.match(sid):
            return f"tulis id langkah tujuan, bukan nomornya: langkah ke-{n} ber-id '{sid}'"
        return f"tulis id langkah tujuan, bukan nomornya: beri langkah ke-{n} sebuah id (mis. 'id: periksa') lalu tulis id itu"
    form = id_form(str(value))
    if form in ids or any(id_form(s["id"]) == form for s in items if isinstance(s.get("id"), str)):
        return f"{_GENERIC}; maksud Anda '{form}'?"  # a step's own id written the same way gets the same hint
    if not ids:
        return "beri langkah tujuan sebuah id (mis. 'id: periksa') lalu tulis id itu di sini"
    return f"tulis id salah satu langkah ({', '.join(ids[:8])}{', ...' if len(ids) > 8 else ''}) atau beri langkah tujuan sebuah id"


def _names(org: Any, field: str) -> dict[str, str]:
    """Return name (case-folded) -> id of what ``field`` refers to in the organisation file."""
    if field in ("pelaksana", "anggota", "ketua"):
        return {org.position_name(i).casefold(): i for i in org.pelaksana}
    if field in ("disahkan_oleh", "diperiksa_oleh", "dibuat_oleh", "kepala"):
        return {p.jabatan.casefold(): i for i, p in org.pejabat.items()}
    if field == "perangkat_daerah":
        found = {pd.nama.casefold(): i for i, pd in org.perangkat_daerah.items()}
        return found | {pd.singkatan.casefold(): i for i, pd in org.perangkat_daerah.items() if pd.singkatan}
    if field == "unit":
        return {pd.unit_name(u).casefold(): u for pd in org.perangkat_daerah.values() for u in pd.unit}
    return {}


def with_organisation(problems: list[Problem], org: Any) -> list[Problem]:
    """Return ``problems`` with the organisation's id put in where an invalid id is the name of one."""
    out = []
    for p in problems:
        m = _WORDING.match(p.message) if p.code == "invalid-value" and org is not None else None
        if m is not None:
            value, label = m[1], m[2]
            names = _names(org, _field(label))
            meant = names.get(value.strip().casefold())
            if meant is None and (form := id_form(value)) is not None and form in names.values():
                meant = form
            if meant is not None:
                p = Problem(p.path, p.line, p.column, p.code,
                            f"'{value}' bukan pengenal yang sah untuk '{label}'; {id_fix(value, label, meant)}", p.level)
        out.append(p)
    return out


__all__ = ["id_form", "id_fix", "is_step_target", "step_target_fix", "with_organisation"]
