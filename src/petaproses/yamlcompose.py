"""The composer: a YAML file that the C reader (_yamlevents.c) does not take, read from PyYAML's libyaml events
with every finding (syntax, aliases, tags, repeated and merge keys, depth and size limits); see yamlsource.py.
Imported only for such files: most commands never load PyYAML."""

from __future__ import annotations

from typing import Any, Callable

import yaml
from yaml import events as ev

from .problems import Problem
from .scalars import NULL_FORMS, resolve_tagged
from .yamlerrors import BREAK, marked_text, number, position, reader_message, syntax_message

try:  # libyaml is in every PyYAML wheel; the pure-Python parser is only a slow fallback
    Loader: Any = yaml.CBaseLoader
except AttributeError:  # pragma: no cover
    Loader = yaml.BaseLoader


_MERGE = "<<"


def compose(src: Any, text: str, fail: Callable[[int, int, str, str], Any], max_nodes: int, max_depth: int) -> Any:
    """Fill ``src`` (a yamlsource.Source) from ``text`` (decoded, not blank) with the composer and return it;
    ``fail`` records a finding that stops reading (read_source's); at most ``max_nodes`` nodes, ``max_depth``
    levels."""
    lines = BREAK.split(text)
    try:
        found = _Composer(src, lines, max_nodes, max_depth).run(text)
    except yaml.reader.ReaderError as exc:
        # libyaml gives a byte offset into the UTF-8 text it was fed
        before = text.encode("utf-8")[: exc.position].decode("utf-8", errors="replace")
        line, col = position(before, len(before))
        return fail(line, col, "yaml-syntax", reader_message(exc))
    except yaml.MarkedYAMLError as exc:
        line, col, message = syntax_message(exc, lines)
        line, col = _clamp(lines, line, col)
        if any(p.line == line and p.code == "yaml-syntax" for p in src.problems):
            src.broken = True  # '*menerima berkas': the line is already explained (quote it)
            return src
        return fail(line, col, "yaml-syntax", message)
    except yaml.YAMLError:  # pragma: no cover - libyaml reports marks for all syntax errors
        return fail(1, 1, "yaml-syntax", "YAML tidak sah; periksa indentasi, tanda ':' dan tanda kutip")
    if not found:
        return fail(1, 1, "empty-file", "berkas hanya berisi komentar; mulailah dengan 'jenis:'")
    if src.data is None and not src.problems:
        return fail(1, 1, "empty-file", "berkas hanya berisi nilai kosong (null); mulailah dengan 'jenis:'")
    return src


def _clamp(lines: list[str], line: int, col: int) -> tuple[int, int]:
    """Keep a position inside the file (libyaml places an end-of-stream error after the last line)."""
    line = min(max(line, 1), len(lines))
    return line, min(max(col, 1), len(lines[line - 1]) + 1)


class _Frame:
    """An open mapping or sequence while the events of its children arrive."""

    __slots__ = ("value", "path", "key", "drop", "first", "dups", "role")

    def __init__(self, value: Any, path: tuple, role: str | None = None) -> None:
        self.value = value  # dict or list; None for a skipped subtree
        self.path = path
        self.key: Any = None  # mapping: the key waiting for its value (None: a key comes next)
        self.drop = False  # mapping: the waiting key's value is not kept (duplicate or bad key)
        self.first: dict[str, tuple[int, int]] = {}
        self.dups: list[tuple[str, int, int]] = []
        self.role = role  # skipped subtree: "key", "value" (of a dropped key or an anchor) or "inner"

    @property
    def skip(self) -> bool:
        return self.role is not None


_NO_KEY = object()  # a key that could not be read (a list, a map, an alias): its value is skipped
_COLLECTIONS = (ev.MappingStartEvent, ev.SequenceStartEvent)
_COLLECTION_TYPES = frozenset(_COLLECTIONS)  # libyaml makes exactly these classes, never subclasses


class _Composer:
    """Build plain data from libyaml events with an explicit stack (no recursion, bounded depth and size)."""

    def __init__(self, src: Any, lines: list[str], max_nodes: int, max_depth: int) -> None:
        self.src = src
        self.lines = lines
        self.max_nodes, self.max_depth = max_nodes, max_depth
        self.stack: list[_Frame] = []
        self.count = 0
        self.documents = 0

    def problem(self, mark: Any, code: str, message: str, broken: bool = True) -> None:
        if code == "yaml-alias" and any(p.code == code for p in self.src.problems):
            return  # once per file: an alias bomb would repeat it thousands of times
        line, col = _clamp(self.lines, mark.line + 1, mark.column + 1)
        self.src.problems.append(Problem(self.src.path, line, col, code, message))
        self.src.broken = self.src.broken or broken

    def run(self, text: str) -> bool:
        """Fill ``src.data`` and ``src.locs``; return whether the stream held a document."""
        loader = Loader(text)  # yaml.parse without its generator: this loop is most of a file's load time
        try:
            return self._events(loader)
        finally:
            loader.dispose()

    def _events(self, loader: Any) -> bool:
        # A plain scalar inside an open mapping or list (most events) is handled inline: as a method call each
        # it takes half again as long; anything else goes through ``node`` and ``key``.
        get = loader.get_event  # None after the stream's end (check_event first would double the calls)
        stack, locs = self.stack, self.src.locs
        Scalar, Start, End = ev.ScalarEvent, ev.DocumentStartEvent, (ev.MappingEndEvent, ev.SequenceEndEvent)
        counted = (ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent, ev.AliasEvent)
        null, most = NULL_FORMS, self.max_nodes
        while True:
            event = get()
            if event is None:
                break
            kind = type(event)
            if kind is Scalar:
                self.count += 1
                if self.count <= most and stack and event.tag is None and event.anchor is None:
                    frame = stack[-1]
                    value = frame.value
                    if frame.role is None and type(value) is dict:
                        key = frame.key
                        mark = event.start_mark
                        if key is None:  # a key: not the merge key, not repeated
                            key = event.value
                            if (key != _MERGE or event.style) and key not in frame.first:
                                frame.first[key] = locs[frame.path + (key, "<key>")] = (mark.line + 1, mark.column + 1)
                                frame.key, frame.drop = key, False
                                continue
                        elif not frame.drop:
                            locs[frame.path + (key,)] = (mark.line + 1, mark.column + 1)
                            text = event.value
                            value[key] = None if not event.style and text in null else text
                            frame.key = None
                            continue
                    elif frame.role is None:  # a list
                        mark = event.start_mark
                        locs[frame.path + (len(value),)] = (mark.line + 1, mark.column + 1)
                        text = event.value
                        value.append(None if not event.style and text in null else text)
                        continue
                self.count -= 1  # counted again below
            if kind is Start:
                self.documents += 1
                if self.documents > 1:
                    self.problem(event.start_mark, "yaml-syntax", "berkas berisi lebih dari satu dokumen ('---'); "
                                 "satu berkas untuk satu peta atau SOP")
                    return True
            elif kind in counted:
                self.count += 1
                if self.count > most:
                    self.problem(event.start_mark, "file-too-large", f"berkas berisi lebih dari {number(most)} "
                                 "nilai; pecah menjadi beberapa berkas")
                    return True
                if not self.node(event):
                    return True
            elif kind in End:
                frame = stack.pop()
                if frame.role == "value":
                    self.attach(None)
                elif not frame.skip:
                    if kind is ev.MappingEndEvent:
                        self.report_duplicates(frame)
                    self.attach(frame.value)
        return self.documents > 0

    def node(self, event: Any) -> bool:
        """Handle the start of a node; return False to stop reading (too deep)."""
        collection = type(event) in _COLLECTION_TYPES
        if self.stack:
            parent = self.stack[-1]
            if parent.role is not None:  # inside a skipped subtree
                if collection:
                    self.stack.append(_Frame(None, (), "inner"))
                return True
            value = parent.value  # a dict or a list (only skipped frames hold None)
            if type(value) is dict:
                if parent.key is None:
                    self.key(parent, event)
                    return True
                dropped, path = parent.drop, parent.path + (parent.key,)
            else:
                dropped, path = False, parent.path + (len(value),)
        else:
            dropped, path = False, ()
        if not dropped:
            self.src.locs[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
            if event.anchor is not None or type(event) is ev.AliasEvent:
                said = marked_text(self.lines, event.start_mark.line, event.start_mark.column)
                self.problem(event.start_mark, "yaml-syntax" if said else "yaml-alias",
                             said or "anchor/alias YAML (&nama, *nama) tidak didukung; tulis nilainya langsung")
                dropped = True
        if dropped:
            if collection:
                self.stack.append(_Frame(None, (), "value"))
            else:
                self.attach(None)
            return True
        if type(event) is ev.ScalarEvent:
            self.attach(self.scalar(event))
            return True
        if len(self.stack) >= self.max_depth:
            self.problem(event.start_mark, "yaml-syntax", "struktur bersarang terlalu dalam (lebih dari "
                         f"{self.max_depth} tingkat); peta dan SOP cukup beberapa tingkat")
            return False
        if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
            self.problem(event.start_mark, "yaml-syntax", f"tag YAML '{_short(event.tag)}' tidak didukung; hapus tag itu")
        self.stack.append(_Frame({} if type(event) is ev.MappingStartEvent else [], path))
        return True

    def key(self, frame: _Frame, event: Any) -> None:
        """Read a mapping key; a bad or repeated key makes its value dropped."""
        line, col = event.start_mark.line + 1, event.start_mark.column + 1
        if type(event) is not ev.ScalarEvent or event.anchor is not None:
            if type(event) is ev.AliasEvent or event.anchor is not None:
                self.problem(event.start_mark, "yaml-alias",
                             "anchor/alias YAML (&nama, *nama) tidak didukung; tulis nilainya langsung")
            else:
                self.problem(event.start_mark, "yaml-syntax", "kunci harus berupa teks sederhana, bukan daftar atau peta")
            frame.key, frame.drop = _NO_KEY, True
            if isinstance(event, _COLLECTIONS):
                # the key's own subtree is skipped; its end leaves the mapping waiting for the value
                self.stack.append(_Frame(None, (), "key"))
            return
        key = event.value
        if key == _MERGE and not event.style:
            self.problem(event.start_mark, "yaml-syntax", "kunci gabungan '<<' tidak didukung; tulis kuncinya satu per satu")
            frame.key, frame.drop = _NO_KEY, True
            return
        if key in frame.first:
            frame.dups.append((key, line, col))
            frame.key, frame.drop = key, True
            return
        frame.first[key] = (line, col)
        frame.key, frame.drop = key, False
        self.src.locs[frame.path + (key, "<key>")] = (line, col)

    def attach(self, value: Any) -> None:
        """Put a finished value into its parent (or make it the document)."""
        if not self.stack:
            self.src.data = value
            return
        parent = self.stack[-1]
        if isinstance(parent.value, list):
            parent.value.append(value)
            return
        if not parent.drop:
            parent.value[parent.key] = value
        parent.key, parent.drop = None, False

    def scalar(self, event: Any) -> Any:
        if event.tag is None:
            plain = not event.style
            return None if plain and event.value in NULL_FORMS else event.value
        value, error = resolve_tagged(event.tag, event.value)
        if error:
            self.problem(event.start_mark, "invalid-value" if error.startswith("nilai") else "yaml-syntax", error)
        return value

    def report_duplicates(self, frame: _Frame) -> None:
        """Report repeated keys; keys of a list item repeated from its first key mean a forgotten '- '."""
        if not frame.dups:
            return
        first_key = next(iter(frame.first))
        is_item = bool(frame.path) and isinstance(frame.path[-1], int)
        if is_item and (len(frame.dups) > 1 or frame.dups[0][0] == first_key):
            key, line, col = frame.dups[0]
            fl, fc = frame.first[key]
            dash = " " * max(fc - 3, 0) + "- " + self.lines[line - 1].strip() if fc >= 3 else None
            fix = f" (tulis: '{dash}')" if dash else ""
            self.src.problems.append(Problem(
                self.src.path, line, col, "duplicate-key",
                f"kunci '{key}' sudah ada di butir daftar ini (baris {fl}); tanda '- ' di awal baris {line} "
                f"tampaknya terlupa sehingga dua butir menyatu{fix}"))
            self.src.broken = True
            return
        for key, line, col in frame.dups:
            fl, _ = frame.first[key]
            self.src.problems.append(Problem(self.src.path, line, col, "duplicate-key",
                                             f"kunci '{key}' ditulis dua kali (pertama di baris {fl}); "
                                             "gabungkan isinya atau hapus salah satu"))


def _short(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


__all__ = ["Loader", "compose"]
