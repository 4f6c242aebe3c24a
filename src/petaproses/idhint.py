"""The identifier an author probably meant when they wrote a name where an id goes ("Kepala Dinas").

The loader words the finding from the text alone (``id_fix``: the id form, or the list form of "a, b"); once the
catalogue is loaded, ``with_organisation`` puts in the id of the organisation file whose name was written.
"""

from __future__ import annotations

import re
from typing import Any

from .problems import Problem

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_LISTS = {"pelaksana", "ke", "anggota", "diperiksa_oleh"}  # fields that take several ids as a list
_GENERIC = "pakai huruf kecil, angka dan garis bawah, diawali huruf"
_WORDING = re.compile(r"^'(.*)' bukan pengenal yang sah untuk '([^']*)'; (.*)$", re.S)


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


def _names(org: Any, field: str) -> dict[str, str]:
    """Return name (case-folded) -> id of what ``field`` refers to in the organisation file."""
    if field in ("pelaksana", "anggota", "ketua"):
        return {org.position_name(i).casefold(): i for i in org.pelaksana}
    if field in ("disahkan_oleh", "diperiksa_oleh", "kepala"):
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


__all__ = ["id_form", "id_fix", "with_organisation"]
