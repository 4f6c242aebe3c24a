"""Read one YAML file into plain data plus the line:column of every node.

Validation uses PyYAML's libyaml composer (about 1 ms for an SOP, against 20 ms for ruamel's pure-Python
round-trip loader): nodes carry their marks, which is all that error positions need.  ruamel.yaml is kept
for the places that write YAML for people (``new``, ``impor``), where comments and order matter.
Anchors and aliases are refused, so an alias bomb costs nothing; duplicate keys are located errors.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem

try:  # libyaml is in every PyYAML wheel; the pure-Python loader is only a slow fallback
    # BaseLoader: no implicit tag resolution (PyYAML's resolver is a third of the load time); _plain() does it
    _Loader: Any = yaml.CBaseLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.BaseLoader

MAX_BYTES = 2_000_000  # a 40-step SOP is about 10 kB; anything this big is not a process definition
MAX_NODES = 200_000

_constructor = yaml.constructor.SafeConstructor()


@dataclass
class Source:
    path: str
    data: Any = None
    locs: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _num(n: int) -> str:
    """Return ``n`` with Indonesian thousands separators (1.234.567)."""
    return f"{n:,}".replace(",", ".")


def _pos(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def read_source(path: str, raw: bytes) -> Source:
    """Return the data of ``raw`` (the bytes of ``path``) with node positions, or the problems found."""
    src = Source(path)

    def fail(line: int, column: int, code: str, message: str) -> Source:
        src.problems.append(Problem(path, line, column, code, message))
        return src

    if len(raw) > MAX_BYTES:
        return fail(1, 1, "file-too-large", f"berkas terlalu besar ({_num(len(raw))} bait; batas {_num(MAX_BYTES)} "
                    "bait); pecah menjadi beberapa berkas, satu peta atau SOP per berkas")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return fail(1, 1, "encoding", "berkas tersimpan sebagai UTF-16; simpan ulang sebagai UTF-8 "
                    "(di Notepad: Simpan Sebagai > Pengodean: UTF-8)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", errors="replace")
        line, col = _pos(good, len(good))
        return fail(line, col, "encoding", f"bait 0x{raw[exc.start]:02x} bukan UTF-8; simpan berkas sebagai UTF-8 "
                    "(di Notepad: Simpan Sebagai > Pengodean: UTF-8)")
    if not text.strip():
        return fail(1, 1, "empty-file", "berkas kosong; mulailah dengan 'jenis:' (buat contoh dengan "
                    "'petaproses new sop')")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "end of stream" in (exc.problem or ""):
            mark = exc.context_mark  # an unclosed quote: point where it opens, not at the end of the file
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return fail(line, col, "yaml-syntax", _yaml_message(exc, text, mark))
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reports marks for all syntax errors
        return fail(1, 1, "yaml-syntax", f"YAML tidak sah: {exc}")
    if node is None:
        return fail(1, 1, "empty-file", "berkas hanya berisi komentar; mulailah dengan 'jenis:'")
    seen: set[int] = set()
    src.data = _convert(node, (), src, seen)
    return src


def _yaml_message(exc: yaml.MarkedYAMLError, text: str, mark: Any) -> str:
    problem = exc.problem or "sintaks tidak sah"
    if mark is not None:
        line_text = text.splitlines()[mark.line] if mark.line < len(text.splitlines()) else ""
        if "\t" in line_text[: mark.column + 1] or "tab" in problem:
            return "karakter tab tidak boleh dipakai untuk indentasi YAML; ganti dengan spasi"
    hints = {
        "mapping values are not allowed here": "tanda ':' di tempat yang salah; beri tanda kutip pada teks yang "
        "mengandung ': ' atau periksa indentasi",
        "could not find expected ':'": "tanda ':' tidak ditemukan; setiap baris peta harus 'kunci: nilai'",
        "did not find expected key": "indentasi tidak konsisten atau tanda kutip tidak ditutup",
        "did not find expected '-' indicator": "indentasi daftar tidak konsisten; sejajarkan tanda '-'",
        "found character that cannot start any token": "karakter tidak sah di awal nilai; beri tanda kutip",
        "found undefined alias": "alias YAML (*nama) tidak didukung",
        "found unexpected end of stream": "berkas berakhir di tengah nilai; tanda kutip atau kurung belum ditutup",
        "but found another document": "berkas berisi lebih dari satu dokumen ('---'); satu berkas untuk satu peta "
        "atau SOP",
        "did not find expected node content": "nilai tidak ditemukan; kurung [ ] atau { } belum ditutup",
        "expected ',' or ']'": "daftar [ ... ] belum ditutup atau pemisah ',' hilang",
        "expected ',' or '}'": "peta { ... } belum ditutup atau pemisah ',' hilang",
        "found character '\\t' that cannot start any token": "karakter tab tidak boleh dipakai; ganti dengan spasi",
        "found unknown escape character": "urutan '\\' tidak dikenal di dalam tanda kutip ganda; pakai kutip tunggal",
        "could not find expected": "struktur YAML tidak lengkap; periksa indentasi dan tanda kutip",
    }
    for key, hint in hints.items():
        if key in problem:
            return f"YAML tidak sah: {hint}"
    return f"YAML tidak sah (periksa indentasi, tanda ':' dan tanda kutip di sekitar baris ini): {problem}"


def _convert(node: yaml.Node, path: tuple, src: Source, seen: set[int]) -> Any:
    """Return plain data for ``node``; record positions; refuse aliases, odd keys and duplicate keys."""
    src.locs[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if id(node) in seen or getattr(node, "anchor", None):
        line, col = src.locs[path]
        src.problems.append(Problem(src.path, line, col, "yaml-alias",
                                    "anchor/alias YAML (&nama, *nama) tidak didukung; tulis nilainya langsung"))
        return None
    seen.add(id(node))
    if len(seen) > MAX_NODES:
        raise _TooManyNodes
    if isinstance(node, yaml.ScalarNode):
        if not node.style and node.tag == "tag:yaml.org,2002:str":  # plain (libyaml gives "", PyYAML None)
            return _plain(node.value)
        if node.tag in ("tag:yaml.org,2002:str", "!"):
            return node.value
        try:
            return _constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError):
            return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_convert(child, path + (i,), src, seen) for i, child in enumerate(node.value)]
    result: dict[str, Any] = {}
    first: dict[str, tuple[int, int]] = {}
    for key_node, value_node in node.value:
        kline, kcol = key_node.start_mark.line + 1, key_node.start_mark.column + 1
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            src.problems.append(Problem(src.path, kline, kcol, "yaml-syntax",
                                        "kunci harus berupa teks sederhana (kunci gabungan '<<' tidak didukung)"))
            continue
        key = str(key_node.value)
        if key in first:
            fl, fc = first[key]
            src.problems.append(Problem(src.path, kline, kcol, "duplicate-key",
                                        f"kunci '{key}' ditulis dua kali (pertama di baris {fl}); hapus salah satu"))
            continue
        first[key] = (kline, kcol)
        result[key] = _convert(value_node, path + (key,), src, seen)
        src.locs[path + (key, "<key>")] = (kline, kcol)
    return result


_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$")


def _plain(value: str) -> Any:
    """Resolve a plain scalar as YAML 1.2 core does (null, bool, int, float, date), else keep the text."""
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    first = value[0]
    if not (first.isdigit() or first in "+-."):
        return value
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    if _DATE.match(value):
        try:
            return _dt.date(*map(int, value.split("-")))
        except ValueError:
            return value  # an impossible date stays text, so the type check reports it
    return value


class _TooManyNodes(Exception):
    pass


def read_source_safe(path: str, raw: bytes) -> Source:
    """Like ``read_source`` but turns a node explosion into a finding."""
    try:
        return read_source(path, raw)
    except _TooManyNodes:
        src = Source(path)
        src.problems.append(Problem(path, 1, 1, "file-too-large", f"berkas berisi lebih dari {_num(MAX_NODES)} nilai"))
        return src
    except RecursionError:
        src = Source(path)
        src.problems.append(Problem(path, 1, 1, "yaml-syntax", "struktur YAML bersarang terlalu dalam"))
        return src
