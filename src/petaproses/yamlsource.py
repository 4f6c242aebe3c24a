"""Read one YAML file into plain data plus the line:column of every node.

Validation reads libyaml's event stream (about 0.3 ms for an SOP, against 20 ms for ruamel's pure-Python
round-trip loader) and builds the data itself, without recursion: nodes carry their marks, which is all that
error positions need, and a deeply nested file cannot exhaust the stack.  ruamel.yaml is kept for the
places that write YAML for people (``new``, ``impor``), where comments and order matter.

Plain scalars stay the text that was written (only the null forms become ``None``): whether ``100.30`` is
a number or an SOP number is for the model to say (``scalars.py``), not for a YAML resolver.
Anchors and aliases are refused, so an alias bomb costs nothing; duplicate keys are located errors.
The common file (one document of mappings, lists and untagged scalars) is read in C (``_yamlevents.c``);
any other goes to the composer (``yamlcompose.py``), which says what is wrong with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .lazyre import Lazy
from .problems import Problem
from .scalars import NULL_FORMS
from .yamlerrors import BREAK, number, position

try:  # _Composer's common case in C (0.5 -> 0.26 ms an SOP); built where a compiler and libyaml-dev are
    from . import _yamlevents
except ImportError:  # pragma: no cover - the composer reads every file
    _yamlevents = None  # type: ignore[assignment]

MAX_BYTES = 2_000_000  # a 40-step SOP is about 10 kB; anything this big is not a process definition
MAX_NODES = 200_000
MAX_DEPTH = 40  # an SOP nests 4 levels (kegiatan > step > cabang > label)


@dataclass
class Source:
    path: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    # the data cannot be trusted for the model (aliases, tags, merged list items): report only these problems
    broken: bool = False
    later: str | None = field(default=None, repr=False)  # the text, while its positions are not read (``locs``)
    _locs: dict[tuple, tuple[int, int]] = field(default_factory=dict, repr=False)

    @property
    def locs(self) -> dict[tuple, tuple[int, int]]:
        """(key path) -> (line, column), 1-based, of every node; read now when read_source left them."""
        if self.later is not None:
            self._locs, self.later = positions_of(self.later), None
        return self._locs

    @locs.setter
    def locs(self, value: dict[tuple, tuple[int, int]]) -> None:
        self._locs, self.later = value, None


def positions_of(text: str) -> dict[tuple, tuple[int, int]]:
    """The positions of a file's ``text`` that read_source read without them (the C reader took it)."""
    return _yamlevents.compose(text, MAX_NODES, MAX_DEPTH, NULL_FORMS)[1]


def read_source(path: str, raw: bytes, positions: bool = True) -> Source:
    """Return the data of ``raw`` (the bytes of ``path``) with node positions, or the problems found.
    ``positions`` False: where the C reader takes the file, they are read when ``locs`` is first asked for
    (a file loaded without findings never needs them: half the reading time)."""
    src = Source(path)

    def fail(line: int, column: int, code: str, message: str) -> Source:
        src.problems.append(Problem(path, line, column, code, message))
        src.broken = True
        return src

    if len(raw) > MAX_BYTES:
        return fail(1, 1, "file-too-large", f"berkas terlalu besar ({number(len(raw))} bait; batas {number(MAX_BYTES)} "
                    "bait); pecah menjadi beberapa berkas, satu peta atau SOP per berkas")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return fail(1, 1, "encoding", "berkas tersimpan sebagai UTF-16; simpan ulang sebagai UTF-8 "
                    "(di Notepad: Simpan Sebagai > Pengodean: UTF-8)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", errors="replace")
        line, col = position(good, len(good))
        return fail(line, col, "encoding", f"bait 0x{raw[exc.start]:02x} bukan UTF-8; simpan berkas sebagai UTF-8 "
                    "(di Notepad: Simpan Sebagai > Pengodean: UTF-8)")
    if not text.strip():
        return fail(1, 1, "empty-file", "berkas kosong; mulailah dengan 'jenis:' (buat contoh dengan "
                    "'petaproses new sop')")
    # _yamlevents.c: the composer's data and positions where the file is one document of mappings, lists and
    # plain or quoted scalars, else None (then the composer reads it, with its findings); a BOM left after
    # decoding is left to PyYAML's reader
    composed = _yamlevents.compose(text, MAX_NODES, MAX_DEPTH, NULL_FORMS, positions) \
        if _yamlevents is not None and not text.startswith("\ufeff") else None
    if composed is not None:
        src.data, src.locs = composed
        src.later = None if positions else text
        return src
    from .yamlcompose import compose  # PyYAML and the composer: imported for such files only (~9 ms)

    return compose(src, text, fail, MAX_NODES, MAX_DEPTH)


_HASH_AFTER = Lazy(r"[ \t]+#(?=[^\s#])")  # a comment opening right after text: '#2', '#A'
_HASH_ANYWHERE = re.compile(rb"[ \t]#[^\s#]")
_ORDINARY = Lazy(r"[ \t]+#(?:\s|$)")


def comments_after_plain(raw: bytes) -> list[tuple[int, int, str, str]]:
    """Return (line, column of '#', the value read, the comment) of each plain scalar that a comment opening
    with '#' and a non-space follows on its line: YAML drops it, though the author most likely meant it as text.
    Only the files that have such a comment are parsed again (libyaml's events)."""
    if not _HASH_ANYWHERE.search(raw):
        return []
    import yaml
    from yaml import events as ev

    from .yamlcompose import Loader as _Loader

    try:
        text = raw.decode("utf-8-sig")
        loader = _Loader(text)
    except (UnicodeDecodeError, yaml.YAMLError):
        return []
    lines = BREAK.split(text)
    found = []
    try:
        while (event := loader.get_event()) is not None:
            if type(event) is not ev.ScalarEvent or event.style or not event.value:
                continue
            end = event.end_mark
            rest = lines[end.line][end.column:] if end.line < len(lines) else ""
            if m := _HASH_AFTER.match(rest):
                comment = _ORDINARY.split(rest[m.end() - 1:], 1)[0]  # without an ordinary comment after it
                found.append((end.line + 1, end.column + m.end(), event.value, comment.rstrip()))
    except yaml.YAMLError:
        pass  # the loader reports the file's syntax
    finally:
        loader.dispose()
    return found
