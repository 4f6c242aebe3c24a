"""Scalar values by the model's declared type, in YAML 1.2 core-schema forms.

The YAML reader keeps every plain scalar as the text that was written.  Here a value becomes a boolean, a
number or a date only where the model declares that type, so a text field keeps ``100.30`` or ``01`` as
written and a date field accepts exactly ``YYYY-MM-DD`` (``2025-3-1`` and ``2025-02-30`` are located errors
with a message that says what is wrong).  Pydantic's lax parsing ("yes" for true, Unix seconds for dates)
never sees text in a typed field.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from typing import Annotated, Any, Callable, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from .dates import BLANK, FORMS, days_in_month
from .lazyre import Lazy
from .problems import Problem

NULL_FORMS = frozenset({"", "~", "null", "Null", "NULL"})
BOOL_FORMS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
# authors write Indonesian: `bersama: ya`; accepted only where the model declares a boolean (no yes/on/1)
FIELD_BOOL_FORMS = {**BOOL_FORMS, "ya": True, "Ya": True, "YA": True, "tidak": False, "Tidak": False, "TIDAK": False}
_INT = Lazy(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = Lazy(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL_FLOAT = {".inf": math.inf, ".Inf": math.inf, ".INF": math.inf, "+.inf": math.inf, "+.Inf": math.inf,
                  "+.INF": math.inf, "-.inf": -math.inf, "-.Inf": -math.inf, "-.INF": -math.inf,
                  ".nan": math.nan, ".NaN": math.nan, ".NAN": math.nan}
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_LOOSE_DATE = Lazy(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
MAX_NUMBER_CHARS = 40  # a longer number is a mistake, and int() of 4,301+ digits raises
_YAML = "tag:yaml.org,2002:"
_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember")


class Invalid:
    """Stands for a value already reported here: no type accepts it, and its pydantic error is dropped."""

    def __repr__(self) -> str:
        return "<nilai tidak sah>"


def parse_int(text: str) -> int | None:
    if len(text) > MAX_NUMBER_CHARS or not _INT.fullmatch(text):
        return None
    return int(text[2:], 8) if text.startswith("0o") else int(text[2:], 16) if text.startswith("0x") else int(text)


def parse_float(text: str) -> float | None:
    if text in _SPECIAL_FLOAT:
        return _SPECIAL_FLOAT[text]
    if len(text) > MAX_NUMBER_CHARS or not _FLOAT.fullmatch(text):
        return None
    return float(text)


def parse_date(text: str) -> tuple[_dt.date | None, str]:
    """Return the date ``text`` names, or None and why not (in Bahasa Indonesia)."""
    m = _DATE.fullmatch(text)
    if m is None:
        loose = _LOOSE_DATE.fullmatch(text)
        if loose:
            padded = "{}-{:0>2}-{:0>2}".format(*loose.groups())
            date, why = parse_date(padded)
            return None, why or f"tulis tanggal sebagai YYYY-MM-DD (dua angka untuk bulan dan hari): {padded}"
        return None, f"harus berupa tanggal YYYY-MM-DD (mis. 2025-01-31), bukan teks '{_clip(text)}'"
    year, month, day = map(int, m.groups())
    if year < 1:
        return None, "tahun 0000 tidak ada"
    if not 1 <= month <= 12:
        return None, f"bulan {month:02d} tidak ada; bulan ditulis 01 sampai 12 (YYYY-MM-DD)"
    last = days_in_month(year, month)
    if not 1 <= day <= last:
        return None, f"tanggal {text} tidak ada: {_MONTHS[month - 1]} {year} hanya {last} hari"
    return _dt.date(year, month, day), ""


def resolve_tagged(tag: str, value: str) -> tuple[Any, str]:
    """Return the value of a scalar written with an explicit tag (``!!int 5``), or None and an error."""
    if tag in ("!", _YAML + "str"):
        return value, ""
    short = "!!" + tag[len(_YAML):] if tag.startswith(_YAML) else tag
    if tag == _YAML + "null":
        result: Any = None if value in NULL_FORMS else Invalid()
        expected = "kosong (null)"
    elif tag == _YAML + "bool":
        result = BOOL_FORMS.get(value, Invalid())
        expected = "true atau false"
    elif tag == _YAML + "int":
        number = parse_int(value)
        result = Invalid() if number is None else number
        expected = f"bilangan bulat, paling banyak {MAX_NUMBER_CHARS} angka"
    elif tag == _YAML + "float":
        real = parse_float(value)
        result = Invalid() if real is None else real
        expected = "bilangan"
    elif tag == _YAML + "timestamp":
        date, why = parse_date(value)
        return (date, "") if date else (Invalid(), f"nilai '{_clip(value)}' untuk tag {short} tidak sah: {why}")
    else:
        return Invalid(), f"tag YAML '{_clip(short)}' tidak didukung; hapus tag itu"
    if isinstance(result, Invalid):
        return result, f"nilai '{_clip(value)}' tidak sah untuk tag {short} (harus {expected}); hapus tag itu"
    return result, ""


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


_SHOWN_ID = Lazy(r"[A-Za-z0-9_-]{1,40}")  # an id shown beside an item's number: short, no quote or dot


def label(keys: tuple, data: Any = None) -> str:
    """Return a key path as the user reads it: kegiatan ke-2 (periksa).cabang, items counted from 1 and named
    by their id where ``data`` (the file's data or model) gives one."""
    parts: list[str] = []
    cur = data
    for k in keys:
        if k == "<key>":
            continue
        if isinstance(k, int):
            parts.append(f" ke-{k + 1}" if parts else f"butir ke-{k + 1}")
            cur = cur[k] if isinstance(cur, (list, tuple)) and k < len(cur) else None
            ident = cur.get("id") if isinstance(cur, dict) else getattr(cur, "id", None)
            if isinstance(ident, str) and _SHOWN_ID.fullmatch(ident):
                parts.append(f" ({ident})")
        else:
            parts.append(("." if parts else "") + str(k))
            cur = cur.get(k) if isinstance(cur, dict) else getattr(cur, k, None) if cur is not None else None
    return "".join(parts) or "berkas"


# ------------------------------------------------------------------------------------- by the model's types
def _members(tp: Any) -> list:
    """Return the alternatives of ``tp`` with Annotated and Optional/Union unwrapped."""
    origin = get_origin(tp)
    if origin is Annotated:
        return _members(get_args(tp)[0])
    if origin is Union or type(tp).__name__ == "UnionType":
        return [m for a in get_args(tp) for m in _members(a)]
    return [tp]


def _is_text(tp: Any) -> bool:
    return tp is str or get_origin(tp) is Literal or tp is Any


_NONE = object()
_PLANS: dict[int, tuple] = {}


def _plan(tp: Any) -> tuple:
    """Return what ``resolve`` needs to know of type ``tp``, worked out once per type (check speed, issue 16):
    (tp, members, a model's field types or None, a dict's value type, a list's item type, whether text)."""
    found = _PLANS.get(id(tp))
    if found is not None and found[0] is tp:
        return found
    members = _members(tp)
    fields, values = None, _NONE
    for m in members:  # a map: the first member that reads one decides, as pydantic's union does
        if isinstance(m, type) and issubclass(m, BaseModel):
            fields = {k: f.annotation for k, f in m.model_fields.items()}
            break
        if get_origin(m) is dict:
            values = get_args(m)[1]
            break
    items = next((get_args(m)[0] for m in members if get_origin(m) is list), _NONE)
    text = any(_is_text(m) for m in members)
    # inert: ``resolve`` changes nothing in a value of this type (text, or a list of such), so it skips them
    inert = fields is None and values is _NONE and text and (items is _NONE or _plan(items)[6])
    found = (tp, members, fields, values, items, text, inert)
    _PLANS[id(tp)] = found
    return found


def _active(tp: Any, fields: dict) -> dict:
    """Return the fields of model ``tp`` that ``resolve`` must visit (not inert), worked out once per model."""
    found = _ACTIVE.get(id(tp))
    if found is None or found[0] is not tp:
        found = _ACTIVE[id(tp)] = (tp, {k: t for k, t in fields.items() if not _plan(t)[6]})
    return found[1]


_ACTIVE: dict[int, tuple] = {}


def resolve(data: Any, cls: type[BaseModel], path: str,
            locs: Callable[[], dict[tuple, tuple[int, int]]]) -> tuple[list[Problem], set[tuple]]:
    """Turn text into bools, numbers and dates where ``cls`` declares them; return the problems and their paths.

    ``data`` is changed in place; a value that cannot be read is replaced by ``Invalid`` and reported.
    ``locs`` gives the file's positions (read only when a value is reported).
    """
    problems: list[Problem] = []
    reported: set[tuple] = set()
    todo: list[tuple[Any, Any, tuple]] = [(data, cls, ())]
    while todo:  # no recursion: the reader bounds depth, but stay flat anyway
        value, tp, keys = todo.pop()
        _, members, fields, values, items, text, _ = _plan(tp)
        if isinstance(value, dict):
            if fields is not None:
                active = _active(tp, fields)
                todo.extend((v, active[k], keys + (k,)) for k, v in value.items() if k in active)
            elif values is not _NONE and not _plan(values)[6]:
                todo.extend((v, values, keys + (k,)) for k, v in value.items())
        elif isinstance(value, list):
            if items is not _NONE and not _plan(items)[6]:
                todo.extend((v, items, keys + (i,)) for i, v in enumerate(value))
        elif isinstance(value, str) and not text:
            result, why = _typed(value, members)
            if why:
                line, col = locs().get(keys, (1, 1))
                sep = " " if why.startswith("harus") else ": "
                problems.append(Problem(path, line, col, "type-mismatch", f"'{label(keys, data)}'{sep}{why}"))
                reported.add(keys)
            _put(data, keys, result)
    return problems, reported


def _typed(text: str, members: list) -> tuple[Any, str]:
    """Return the value of ``text`` for the first scalar type among ``members`` that reads it, or why none does."""
    whys = []
    for m in members:
        if m is bool:
            if text in FIELD_BOOL_FORMS:
                return FIELD_BOOL_FORMS[text], ""
            whys.append(f"harus ya atau tidak (true atau false), bukan teks '{_clip(text)}'")
        elif m is _dt.date:
            date, why = parse_date(text)
            if date:
                return date, ""
            whys.append(why)
        elif isinstance(m, type) and issubclass(m, _dt.date):  # model.WrittenDate: a day, or a month only
            if text.strip() in BLANK and type(None) in members:
                return None, ""  # a date the SOP prints blank (DIY: "Tanggal Revisi -"), as if left out
            month = _MONTH.fullmatch(text)
            if month and not getattr(m, "day_only", False):  # a dates.Day names its day: no month alone
                if 1 <= int(month[2]) <= 12:
                    return m(int(month[1]), int(month[2])), ""
                whys.append(f"bulan {month[2]} tidak ada; bulan ditulis 01 sampai 12 (YYYY-MM atau YYYY-MM-DD)")
                continue
            date, why = parse_date(text)
            if date:
                return m(date.year, date.month, date.day), ""
            written = m.parse(text)  # "Agustus 2023", "17 Agustus 2023": as SOPs date themselves
            if written is not None:
                return written, ""
            hint = m.hint(text)  # type: ignore[attr-defined]
            if hint and not hint.startswith(";"):
                whys.append(hint)  # "31 Februari 2025": the day is what is wrong
                continue
            if type(None) in members and not hint:  # a date the original prints blank or unreadable
                hint = "; bila SOP aslinya mencetaknya kosong atau tidak terbaca, tulis '-'"
            whys.append(why.replace("harus berupa tanggal YYYY-MM-DD (mis. 2025-01-31)",
                                    f"harus berupa tanggal {getattr(m, 'forms', FORMS)}") + hint)
        elif m is int:
            number = parse_int(text)
            if number is not None:
                return number, ""
            whys.append(f"harus berupa bilangan bulat, bukan teks '{_clip(text)}'")
        elif m is float:
            real = parse_float(text)
            if real is not None:
                return real, ""
            whys.append(f"harus berupa bilangan, bukan teks '{_clip(text)}'")
    if not whys:  # a map or list was expected: pydantic says so, with the shape
        return text, ""
    return Invalid(), whys[0]


def _put(data: Any, keys: tuple, value: Any) -> None:
    if not keys:
        return
    cur = data
    for k in keys[:-1]:
        cur = cur[k]
    cur[keys[-1]] = value
