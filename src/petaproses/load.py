"""YAML files -> typed documents: the shape checks (types, keys) with positions, before any graph rule."""

from __future__ import annotations

import functools
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .bounded import read_bounded
from .lazyre import Lazy
from .problems import Problem, suggest
from .yamlerrors import EMPTY_LISTS

if TYPE_CHECKING:  # finding files costs no model import: the check cache's quick path (checkcache.py) lists them
    from pydantic import ValidationError

    from .model import Document
    from .yamlsource import Source

YAML_SUFFIXES = (".yaml", ".yml")


def not_found(p: str) -> str:
    """The finding for a named path that is not there; the default catalogue's says how to name one."""
    hint = ("; sebutkan folder katalognya (mis. petaproses check katalog/), atau jalankan perintahnya dari dalam "
            "folder katalog (yang berisi organisasi.yaml)") if p == "processes" else ""
    return f"berkas atau folder '{p}' tidak ditemukan{hint}"


def _templates(folder: str) -> bool:
    """Whether ``folder`` is a copy of the templates (`petaproses templat`): its gaya.yaml is no catalogue file
    (run inside a catalogue, the copy broke `check`, review W)."""
    return os.path.basename(folder) == "templates" and os.path.isfile(os.path.join(folder, "sop", "gaya.yaml"))


def not_catalogue(folder: str, manifest: str) -> bool:
    """Whether ``folder`` (under a catalogue) is no part of it: a templates copy, or a folder `build` wrote (its
    manifest ``manifest`` is there, whatever its name): a YAML file left in the output is no catalogue file.
    (`build` refuses to make a catalogue's own folder its output: ``source_file_in``.)"""
    return os.path.isfile(os.path.join(folder, manifest)) or _templates(folder)


_KIND_LINE = Lazy(rb"(?m)^jenis[ \t]*:[ \t]*[a-z]")


def source_file_in(folder: str) -> str | None:
    """Return a catalogue file (a YAML file saying its `jenis`) in ``folder`` or below it."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(YAML_SUFFIXES):
                try:
                    with open(os.path.join(root, name), "rb") as f:
                        head = f.read(4096)
                except OSError:
                    continue
                if _KIND_LINE.search(head):
                    return os.path.join(root, name)
    return None


def find_files(paths: list[str]) -> tuple[list[Path], list[Problem]]:
    """Return the YAML files under ``paths`` (sorted, so that output order is stable), or problems."""
    from .state import MANIFEST

    found: list[Path] = []
    problems: list[Problem] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():  # a folder named is read, whatever it is; below it, not what is no catalogue
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and not not_catalogue(os.path.join(root, d), MANIFEST))
                found.extend(Path(root) / f for f in sorted(files) if f.endswith(YAML_SUFFIXES))
        elif path.exists():  # a file, or something else named on purpose: read_file says what it is
            found.append(path)
        else:
            problems.append(Problem(str(path), 1, 1, "file-not-found", not_found(p)))
    # in Path order; compared by their parts, which is that order where names are compared as written (POSIX)
    # and a fifth of the time for a thousand files
    return sorted(set(found), key=_PATH_ORDER), problems


_PATH_ORDER = (lambda p: p.parts) if os.path.normcase("A") == "A" else None


def read_file(path: Path) -> tuple[bytes | None, Problem | None, os.stat_result | None]:
    """Return the bytes of ``path`` and its stat (from the open file: no second stat), or the problem that stops
    reading it: only regular files are read (not a device, pipe or socket, also behind a symlink), and a file over
    MAX_BYTES is refused before it is read."""
    from .yamlsource import MAX_BYTES

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)  # a pipe must not block open
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        why = "izin ditolak" if isinstance(exc, PermissionError) else "galat sistem " + (exc.strerror or "")
        return None, Problem(str(path), 1, 1, "file-not-found", f"berkas tidak dapat dibaca ({why})"), None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, Problem(str(path), 1, 1, "file-not-found", "bukan berkas biasa (perangkat, pipa atau "
                                 "soket, mungkin lewat symlink); hanya berkas YAML biasa yang dibaca"), None
        raw = read_bounded(fd, info.st_size, MAX_BYTES) if info.st_size <= MAX_BYTES else b""
        size = max(info.st_size, len(raw))
    except OSError as exc:
        return None, Problem(str(path), 1, 1, "file-not-found", f"berkas tidak dapat dibaca (galat sistem "
                             f"{exc.strerror or ''})"), None
    finally:
        os.close(fd)
    if size > MAX_BYTES:  # said before reading it (or when it grew while being read)
        return None, Problem(str(path), 1, 1, "file-too-large", f"berkas terlalu besar ({size:,} bait; batas "
                             f"{MAX_BYTES:,} bait); pecah menjadi beberapa berkas, satu peta atau SOP per berkas"
                             .replace(",", ".")), None
    return raw, None, info


def load_document(path: str, raw: bytes) -> tuple[Document | None, list[Problem]]:
    """Return the typed document in ``raw`` and the problems found in its shape."""
    from pydantic import ValidationError

    from .kinds import MAP_KINDS
    from .scalars import resolve
    from .yamlsource import positions_of, read_source

    src = read_source(path, raw, positions=False)  # read when a finding needs them
    if src.broken or src.data is None:
        return None, src.problems
    problems = list(src.problems)
    data = src.data
    if not isinstance(data, dict):
        problems.append(Problem(path, 1, 1, "type-mismatch",
                                f"isi berkas harus berupa kumpulan 'kunci: nilai', bukan {_kind(data)}"))
        return None, problems
    jenis = data.get("jenis")
    if jenis is None:
        problems.append(Problem(path, 1, 1, "missing-key",
                                "kunci 'jenis' wajib ada; pilih salah satu: " + ", ".join(sorted(MAP_KINDS))))
        return None, problems
    cls = MAP_KINDS.get(jenis) if isinstance(jenis, str) else None
    if cls is None:
        line, col = src.locs.get(("jenis",), (1, 1))
        problems.append(Problem(path, line, col, "invalid-value",
                                f"jenis {repr(jenis) if isinstance(jenis, str) else _kind(jenis)} tidak dikenal "
                                f"(harus salah satu dari: "
                                f"{', '.join(sorted(MAP_KINDS))})" + suggest(str(jenis), MAP_KINDS)))
        return None, problems
    typed, reported = resolve(data, cls, path, lambda: src.locs)  # text -> bool/date only where the model says so
    problems.extend(typed)
    try:
        doc = cls.model_validate(data)
    except ValidationError as exc:
        problems.extend(_translate(exc, src, cls, reported))
        return None, problems
    doc._path = path
    if src.later is None:
        doc._locs = src.locs
    else:
        doc._locs, doc._relocate = None, functools.partial(positions_of, src.later)
    return doc, problems


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "daftar"
    if isinstance(value, dict):
        return "kumpulan 'kunci: nilai'"
    if isinstance(value, bool):
        return f"nilai benar/salah ({str(value).lower()})"
    if value is None:
        return "nilai kosong"
    if isinstance(value, (int, float)):
        return f"angka ({value})"
    return f"teks '{value}'" if len(str(value)) < 40 else "teks"


_EXPECTED = {
    "string_type": "teks",
    "int_type": "bilangan bulat",
    "bool_type": "true atau false",
    "bool_parsing": "true atau false",
    "list_type": "daftar (baris-baris '- ...')",
    "dict_type": "kumpulan 'kunci: nilai'",
    "model_type": "kumpulan 'kunci: nilai'",
    "model_attributes_type": "kumpulan 'kunci: nilai'",
    "date_type": "tanggal YYYY-MM-DD",
    "date_parsing": "tanggal YYYY-MM-DD",
    "date_from_datetime_parsing": "tanggal YYYY-MM-DD",
    "date_from_datetime_inexact": "tanggal YYYY-MM-DD",
}


_PLAIN_ITEM = Lazy(r"[^\s\[\]{}:#&*!|>'\"%@`,][^\[\]{}#,:]*")  # needs no quotes inside [ ... ]


def _translate(exc: "ValidationError", src: "Source", cls: type, reported: set[tuple] = frozenset()) -> list[Problem]:
    """Turn pydantic's errors into located findings in Bahasa Indonesia, one per place."""
    from .scalars import label as _label

    out: dict[tuple, Problem] = {}
    paths: dict[tuple, tuple] = {}
    for err in exc.errors(include_url=False):
        keys = _data_path(src.data, err["loc"])
        etype = err["type"]
        value = _get(src.data, keys)
        if any(keys[:len(r)] == r for r in reported):
            continue  # already said by the scalar resolver
        if etype in _EXPECTED and any(len(r) > len(keys) and r[:len(keys)] == keys for r in reported):
            continue  # a union's other member ("a text, not a map") above a value the resolver refused (review U)
        if etype in ("dict_type", "model_type", "model_attributes_type") and isinstance(value, list):
            line, col = src.locs.get(tuple(keys), (1, 1))
            msg = f"'{_label(keys, src.data)}' harus berupa kumpulan 'kunci: nilai', bukan daftar; {_map_form(keys, value)}"
            code = "type-mismatch"
        elif etype == "extra_forbidden":
            allowed = _allowed_keys(cls, keys[:-1])
            key = str(keys[-1])
            line, col = src.locs.get(keys + ("<key>",)) or src.locs.get(keys[:-1] + (key, "<key>")) or (1, 1)
            line, col = src.locs.get(tuple(keys[:-1]) + (key, "<key>"), (line, col))
            msg = f"kunci '{key}' tidak dikenal" + (_nested_form(cls, keys, src.data, allowed) or suggest(
                key, allowed) or (f" (yang boleh: {', '.join(allowed)})" if allowed else ""))
            if key == "unit" and len(keys) > 2 and keys[-3] == "unit":  # a Bagian over a Subbagian (review T)
                msg += ("; unit kerja tidak bertingkat: tulis unit bawahannya langsung di bawah 'unit:' perangkat "
                        "daerahnya, unit induknya di 'unit_induk' unit itu (dicetak di kop SOP di atas nama unit), "
                        "mis. subbag_tl: {nama: Subbagian Tata Laksana, unit_induk: Bagian Umum}")
            code = "unknown-key"
        elif etype == "missing":
            line, col = src.locs.get(tuple(keys[:-1]), (1, 1))
            where = _where(keys[:-1], src.data)
            msg = f"kunci wajib '{keys[-1]}' tidak ada{where}"
            code = "missing-key"
        elif etype in _EXPECTED:
            line, col = src.locs.get(tuple(keys), (1, 1))
            msg = f"'{_label(keys, src.data)}' harus berupa {_EXPECTED[etype]}, bukan {_kind(value)}"
            if etype == "list_type" and isinstance(value, str) and "," in value and keys and isinstance(keys[-1], str):
                parts = [part.strip() for part in value.split(",") if part.strip()]
                if all(_PLAIN_ITEM.fullmatch(part) for part in parts):  # "Komputer, Printer, ATK" -> a list
                    msg += f"; bila ini beberapa butir, tulis sebagai daftar: {keys[-1]}: [{', '.join(parts)}]"
            elif etype == "list_type" and isinstance(value, str) and keys and keys[-1] in EMPTY_LISTS - {"riwayat"} \
                    and value.strip() not in ("", "-", "–", "—"):  # one sentence (review V)
                msg += f"; bila satu butir, tulis sebagai daftar satu butir: {keys[-1]}: [\"{value.strip()}\"]"
            if etype == "list_type" and isinstance(value, str) and value.strip() in ("", "-", "–", "—") and \
                    keys and keys[-1] in EMPTY_LISTS:
                msg += f"; bila memang tidak ada isinya (tercetak '-'), tulis daftar kosong: {keys[-1]}: []"
            if etype == "model_type" and isinstance(value, str) and keys and keys[-1] == "tanggal":
                msg += f"; tulis tanggal-tanggalnya di bawahnya, mis. tanggal: {{pembuatan: {value}, revisi: null}}"
            if etype == "string_type" and isinstance(value, dict) and len(value) == 1:
                (k, v), = value.items()  # "teks: lanjutan" read as a map: the ': ' belongs to the text
                if isinstance(v, str):
                    msg += f"; bila ': ' bagian dari teks, beri tanda kutip: \"{k}: {v}\""
            code = "type-mismatch"
        elif etype == "literal_error":
            line, col = src.locs.get(tuple(keys), (1, 1))
            expected = err.get("ctx", {}).get("expected", "")
            choices = [c.strip(" '") for c in expected.replace(" or ", ", ").split(",")]
            msg = f"nilai {_kind(value)} tidak sah untuk '{_label(keys, src.data)}' (harus salah satu dari: {', '.join(choices)})"
            msg += suggest(str(value), choices)
            code = "invalid-value"
        elif etype == "string_pattern_mismatch":
            line, col = src.locs.get(tuple(keys), (1, 1))
            key = err["loc"][-1:] == ("[key]",) and bool(keys)  # a map's key (an id), not its value
            if key:
                value, line, col = keys[-1], *src.locs.get(tuple(keys) + ("<key>",), (line, col))
            if "a-z" in err.get("ctx", {}).get("pattern", "") and "A-Z" not in err["ctx"]["pattern"]:
                from .idhint import id_fix, is_step_target, step_target_fix

                if is_step_target(tuple(keys)) and isinstance(src.data, dict):  # "langkah 1": step 1's id
                    fix = step_target_fix(value, src.data.get(keys[0]))
                else:
                    fix = id_fix(value, _label(keys, src.data))  # the id meant: "Kepala Dinas" -> kepala_dinas
            else:
                fix = "pakai huruf, angka, titik, garis bawah atau tanda hubung (mis. SETDA.ORG.01)"
            msg = (f"kunci '{value}' di '{_label(keys[:-1], src.data)}' bukan pengenal yang sah; {fix}" if key else
                   f"'{value}' bukan pengenal yang sah untuk '{_label(keys, src.data)}'; {fix}")
            code = "invalid-value"
        elif etype in ("too_short", "string_too_short"):
            line, col = src.locs.get(tuple(keys), (1, 1))
            # a blank the original prints: "-" prints as "-" (review J: a blank Pencatatan)
            fix = "tulis paling sedikit satu butir" if etype == "too_short" else (
                "isi teksnya, atau tulis \"-\" bila SOP aslinya mencetaknya kosong (kunci yang tidak wajib, mis. "
                "catatan, boleh dihapus)")
            msg = f"'{_label(keys, src.data)}' tidak boleh kosong: {fix}"
            code = "invalid-value"
        elif etype in ("too_long", "string_too_long"):
            line, col = src.locs.get(tuple(keys), (1, 1))
            limit = err.get("ctx", {}).get("max_length")
            msg = f"'{_label(keys, src.data)}' terlalu panjang" + (f" (paling banyak {limit})" if limit else "")
            code = "invalid-value"
        elif etype == "value_error" and isinstance(err.get("ctx", {}).get("error"), ValueError):
            line, col = src.locs.get(tuple(keys), (1, 1))  # our own validators word their message in Indonesian
            msg = f"'{_label(keys, src.data)}': {err['ctx']['error']}"
            code = "invalid-value"
        elif etype in ("greater_than_equal", "greater_than"):
            line, col = src.locs.get(tuple(keys), (1, 1))
            limit = err.get("ctx", {}).get("ge", err.get("ctx", {}).get("gt"))
            msg = f"'{_label(keys, src.data)}' harus {'paling sedikit' if etype == 'greater_than_equal' else 'lebih dari'} {limit}"
            code = "invalid-value"
        else:  # pydantic's own message is English: say where, and what was found
            line, col = src.locs.get(tuple(keys), (1, 1))
            msg = f"nilai {_kind(value)} tidak sah untuk '{_label(keys, src.data)}'"
            code = "invalid-value"
        place = (line, col, code)
        if code == "missing-key" and place in out and paths[place] != keys and paths[place][:-1] == keys[:-1]:
            missing = out[place].message  # every missing key of one map in one finding, not one per run
            if f"'{keys[-1]}'" not in missing.split(" tidak ada")[0]:
                out[place] = Problem(src.path, line, col, code, missing.replace("' tidak ada", f"', '{keys[-1]}' "
                                                                                                "tidak ada", 1))
            continue
        if place not in out:
            out[place] = Problem(src.path, line, col, code, msg)
            paths[place] = keys
    # a union (text or list) reports every member: keep the deepest finding of a branch, and a value's own
    # finding over "must be a list" at the same place (a text that is not a valid id is not a wrong type)
    return [p for place, p in out.items()
            if not (p.code == "type-mismatch" and any(
                (len(k) > len(paths[place]) and k[:len(paths[place])] == paths[place])
                or (k == paths[place] and out[other].code != "type-mismatch") for other, k in paths.items()))]


def _data_path(data: Any, loc: tuple) -> tuple:
    """Map pydantic's error location onto keys of the YAML data, dropping union member tags."""
    keys: list = []
    cur = data
    for part in loc:
        if isinstance(cur, dict) and isinstance(part, str) and (part in cur or not _union_tag(part)):
            keys.append(part)
            cur = cur.get(part)
        elif isinstance(cur, list) and isinstance(part, int):
            keys.append(part)
            cur = cur[part] if part < len(cur) else None
        elif isinstance(cur, dict) and isinstance(part, str) and _union_tag(part):
            continue
        elif not isinstance(cur, (dict, list)):
            if isinstance(part, str) and part in _UNION_TAGS or isinstance(part, str) and "[" in part:
                continue
            keys.append(part)
            cur = None
    return tuple(keys)


_UNION_TAGS = {"str", "list[str]", "date", "bool", "int", "function-after[...]", "constrained-str",
               "list[constrained-str]", "dict[str,str]", "none"}
_MODEL_TAG = Lazy(r"[A-Z][A-Za-z0-9]*")  # a union's model member is tagged by its class: "Unit"


def _union_tag(part: str) -> bool:
    """Whether ``part`` of an error's location names a union's member, not a key of the data (a unit's long
    form failed under 'Unit': its findings were placed at 1:1, review T)."""
    return part in _UNION_TAGS or bool(_MODEL_TAG.fullmatch(part))


def _get(data: Any, keys: tuple) -> Any:
    cur = data
    for k in keys:
        try:
            cur = cur[k]
        except (KeyError, IndexError, TypeError):
            return None
    return cur


def _map_form(keys: tuple, value: list) -> str:
    """Show the map a list was meant to be: a list of one-key maps loses its dashes."""
    name = str(keys[-1]) if keys and isinstance(keys[-1], str) else "kunci"
    pairs = [next(iter(item.items())) for item in value if isinstance(item, dict) and len(item) == 1]
    if pairs and len(pairs) == len(value) and all(isinstance(v, str) for _, v in pairs):
        inner = ", ".join(f"{k}: {v}" for k, v in pairs)
        return f"hapus tanda '- ' di depan setiap butir, mis. {name}: {{{inner}}}"
    if name == "cabang":
        return "tulis label cabang dan id langkah tujuannya, mis. cabang: {Ya: id_langkah_a, Tidak: id_langkah_b}"
    return f"tulis setiap butir sebagai 'kunci: nilai' di bawah '{name}:' tanpa tanda '- '"


def _nested_form(cls: type, keys: tuple, data: Any, allowed: list[str]) -> str:
    """For 'tanggal_revisi' written flat, show the map it belongs in, with the flat siblings' values."""
    key = str(keys[-1])
    for outer in allowed:
        inner = _allowed_keys(cls, keys[:-1] + (outer,))
        if key.startswith(outer + "_") and key[len(outer) + 1:] in inner:
            siblings = _get(data, keys[:-1])
            pairs = [(k[len(outer) + 1:], v) for k, v in siblings.items() if isinstance(k, str)
                     and k.startswith(outer + "_") and k[len(outer) + 1:] in inner] if isinstance(siblings, dict) else []
            shown = ", ".join(f"{k}: {'null' if v is None else v}" for k, v in pairs if not isinstance(v, (dict, list)))
            return (f"; '{key[len(outer) + 1:]}' ditulis di bawah '{outer}:', mis. {outer}: {{{shown}}}"
                    if shown else f"; '{key[len(outer) + 1:]}' ditulis di bawah '{outer}:'")
    return ""


def _where(keys: tuple, data: Any = None) -> str:
    from .scalars import label as _label

    return f" di '{_label(keys, data)}'" if keys else ""


def _allowed_keys(cls: type, keys: tuple) -> list[str]:
    """Return the keys allowed at ``keys`` in ``cls`` (for "did you mean")."""
    from typing import Annotated, get_args, get_origin

    from pydantic import BaseModel

    def candidates(tp: Any) -> list:
        if get_origin(tp) is Annotated:
            return candidates(get_args(tp)[0])
        if get_origin(tp) is not None and get_origin(tp) not in (list, dict):  # Union / Optional
            return [c for a in get_args(tp) for c in candidates(a)]
        return [tp]

    current: list = [cls]
    for k in keys:
        nxt: list = []
        for tp in current:
            if isinstance(tp, type) and issubclass(tp, BaseModel) and isinstance(k, str) and k in tp.model_fields:
                nxt += candidates(tp.model_fields[k].annotation)
            elif get_origin(tp) is list and isinstance(k, int):
                nxt += candidates(get_args(tp)[0])
            elif get_origin(tp) is dict and isinstance(k, str):
                nxt += candidates(get_args(tp)[1])
        current = nxt
    for tp in current:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            return sorted(tp.model_fields)
    return []
