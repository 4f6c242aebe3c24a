"""`check`'s own cache: what an earlier check learnt of each file, so that the next one parses only what changed.

Where: one JSON file per catalogue in the user's cache folder: ``$PETAPROSES_CACHE`` when set (``0`` or an
empty value: no cache), else ``$XDG_CACHE_HOME/petaproses``, ``~/.cache/petaproses`` (Windows:
``%LOCALAPPDATA%\\petaproses\\cache``); the file is named by a hash of the catalogue folders and the working
folder (findings name files as the command found them).  Not inside the catalogue: a check must not touch
what the build's no-op compares (every folder under the catalogue, noop.py), must work on a read-only or
shared catalogue, and leaves nothing for git.  Deleting the folder is always safe: the next check is cold.

Its entries are in 16 files of a folder, by the sha-256 of each input file's path: a check after one edit writes
one of them.  What it holds, per input file and keyed by the SHA-256 of its bytes (the file is read and hashed every time;
a time stamp alone is not trusted, editors and shared drives keep coarse ones): the loader's findings, the
typed document as JSON (validated again by its model class when used, as the build's documents files are) and
the findings of the map rules that read only their own file, the organisation and the registers
(``rules.validate``'s ``local``, keyed also by those files).  The rules that read other maps
(``rules.CATALOGUE_WIDE``) and the rules of the organisation, registers and records run every time.

The file is untrusted input: JSON only (never pickle), size-capped, every row checked; anything odd is a
miss (the file is parsed again), never a traceback.  What is checked is the shape, not the origin: rows forged
with the right shape (findings left out, a document that validates) are taken as written, so whoever can
write the cache folder (the user's own, by default) can change what a check that uses it says; `check
--tanpa-cache` reads the YAML only.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .cachefolder import cache_folder
from .problems import Problem
from .state import SHARDS, by_shard, parse_json, read_json, read_regular, shard_of

FORMAT = 3  # 2: a map's entry holds its summary (standin.py); 3: the documents after the index (``_shard_bytes``)
MAX_BYTES = 256_000_000  # about 60 times a 1,000-SOP catalogue's cache
MAX_ROW_TEXT = 100_000
_HEX = re.compile(r"^[0-9a-f]{64}$")
_KODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_LEVELS = ("galat", "peringatan")


def cache_dir() -> Path | None:
    """Return the folder of check caches, or None when the user turned the cache off (``cachefolder``'s rule)."""
    folder = cache_folder()
    return None if folder is None else Path(folder)


def cache_file(roots: list[str]) -> Path | None:
    """Return the folder of the catalogue's check cache: its entries in ``SHARDS`` files by the sha-256 of each
    file's path (a check after one edit writes one of them: ~0.3 MB of a 1,000-SOP catalogue's 5 MB)."""
    folder = cache_dir()
    if folder is None:
        return None
    where = json.dumps([os.getcwd(), [os.path.abspath(r) for r in roots]])
    return folder / f"periksa-{hashlib.sha256(where.encode()).hexdigest()[:24]}"


def shard_file(path: Path, shard: str) -> Path:
    return path / f"{shard}.json"


_VERSION: list[str] = []


def version() -> str:
    """Return petaproses' version and a hash of its code's stat signature (cheap: no file is read)."""
    if not _VERSION:
        from .state import code_stamp

        _VERSION.append(f"{FORMAT}:{__version__}:" + hashlib.sha256(json.dumps(code_stamp()).encode()).hexdigest())
    return _VERSION[0]


@dataclass
class Entry:
    sha: str
    jenis: str | None
    json: bytes | None  # the document as JSON (catalogue.stored_json, UTF-8)
    loaded: list[list]  # the loader's findings: [line, column, code, message, level]
    local: list | None  # [context key, rows] of the map rules that read only this file and the context
    summary: list | None = None  # a map's [kode, nama, induk]: what a check of other files reads of it


@dataclass
class Store:
    """The check cache of one catalogue: read once, handed to the loader and the rules, written when it changed."""

    path: Path | None
    entries: dict[str, Entry] = field(default_factory=dict)
    cache: dict = field(default_factory=dict)  # path -> catalogue.Cached (load_catalogue's cache)
    local: dict = field(default_factory=dict)  # path -> (key, findings) (rules.validate's local)
    opened: dict = field(default_factory=dict)  # the Cached read from the file (the loader replaces a miss)
    on_disk: dict = field(default_factory=dict)  # shard -> the entries its file holds (as read or written)

    def save(self, cat) -> bool:
        """Write what this check learnt when it differs from what was read; return whether it was written."""
        if self.path is None:
            return False
        from .catalogue import digest, stored_json

        entries: dict[str, Entry] = {}
        for path, raw in cat.sources.items():
            hit = self.cache.get(path)
            old = self.entries.get(path)
            if old is not None and hit is not None and hit is self.opened.get(path):  # as read (revived or not)
                doc_json, jenis, summary = old.json, old.jenis, old.summary
            elif hit is None or hit.revive is not None:  # not used by this check
                continue
            elif hit.doc is not None and hit.sha == digest(raw):
                doc_json = (hit.json or stored_json(hit.doc)).encode("utf-8")
                jenis, summary = hit.doc.jenis, _summary(hit.doc)
            elif hit.doc is None:
                doc_json, jenis, summary = None, None, None
            else:
                continue
            own = self.local.get(path)
            local = [own[0], [_row(p) for p in own[1]]] if own is not None else None
            entries[path] = Entry(hit.sha, jenis, doc_json, [_row(p) for p in hit.problems], local, summary)
        if self.path in _KEPT_STORES:  # files gone from the catalogue are not kept in memory either
            for gone in set(self.cache).difference(cat.sources):
                self.cache.pop(gone)
                self.local.pop(gone, None)
        written = False
        from .atomic import write_atomic

        for shard, mine in by_shard(entries).items():
            target = shard_file(self.path, shard)
            # as on disk (a file deleted meanwhile is written again; an empty one need not exist)
            if self.on_disk.get(shard, {}) == mine and (not mine or target.exists()):
                continue
            raw = _shard_bytes(mine)
            if len(raw) > MAX_BYTES or self.path.is_symlink():
                return written
            try:
                write_atomic(target, raw)
            except OSError:  # a read-only home, a full disk: the check itself has its answer
                return written
            self.on_disk[shard] = mine
            written = True
        self.entries = entries
        if written:
            old = self.path.with_name(self.path.name + ".json")  # earlier versions: one file, written whole
            old.unlink(missing_ok=True)
        return written


# A process that stays (`petaproses siaga`, resident.py) keeps the stores of the catalogues it checked last:
# the next check of one revives nothing and reads no cache file.  Sound for the same reason the file is: every
# entry is keyed by the bytes of its file (and the map rules' by the organisation's and registers').
KEEP = {"stores": 0}  # how many stores this process keeps (siaga sets it)
_KEPT_STORES: dict[Path, Store] = {}
_LATER: dict = {}  # key -> (working folder, work): a newer work of the same key replaces the older


def later(key: tuple, work) -> None:
    """Run ``work`` (writing a cache) now, or in a process that stays when it is idle (``run_later``); of the
    works put off under one ``key`` only the newest runs (it writes what the older would have, and more)."""
    if KEEP["stores"]:
        cwd = os.getcwd()
        _LATER.pop((cwd, key), None)
        _LATER[cwd, key] = (cwd, work)
    else:
        work()


def pending() -> bool:
    return bool(_LATER)


def run_later() -> None:
    """Run the works ``later`` put off, each in the working folder of its command (the caches are named by it)."""
    home = os.getcwd()
    try:
        while _LATER:
            cwd, work = _LATER.pop(next(iter(_LATER)))
            try:
                os.chdir(cwd)
            except OSError:  # the folder is gone: so is the need for its cache
                continue
            work()
    finally:
        os.chdir(home)


def open_store(roots: list[str]) -> Store:
    """Return the check cache of the catalogue under ``roots``: an empty one when missing, stale or odd."""
    path = cache_file(roots)
    kept = _KEPT_STORES.pop(path, None) if path is not None else None
    if kept is not None:
        _KEPT_STORES[path] = kept  # the newest last
        return kept
    store = _read_store(path)
    if path is not None and KEEP["stores"]:
        _KEPT_STORES[path] = store
        while len(_KEPT_STORES) > KEEP["stores"]:
            _KEPT_STORES.pop(next(iter(_KEPT_STORES)))
    return store


def _read_store(path: Path | None) -> Store:
    store = Store(path)
    if path is None or path.is_symlink():  # a link in place of the folder is not followed
        return store
    from .catalogue import Cached

    for shard in SHARDS:
        raw = read_regular(shard_file(path, shard), MAX_BYTES)
        head, _, docs = raw.partition(b"\n") if raw is not None else (b"", b"", b"")
        data = parse_json(head) if raw is not None else None
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("versi") != version() \
                or not isinstance(data.get("berkas"), dict):
            continue
        mine = store.on_disk[shard] = {}
        for name, row in data["berkas"].items():
            try:
                if shard_of(name) != shard:
                    raise ValueError("shard")
                entry = _entry(row, docs)
                loaded = [_problem(name, r) for r in entry.loaded]
                local = _local(name, entry.local)
            except (ValueError, TypeError):
                mine[name] = None  # not as this check would write it: the file is written again
                continue  # this file is parsed again
            store.entries[name] = mine[name] = entry
            summary = (entry.jenis, *entry.summary) if entry.summary is not None else None
            store.cache[name] = Cached(entry.sha, loaded, None, _reviver(entry) if entry.json is not None else None,
                                       summary=summary, jenis=entry.jenis)
            if local is not None:
                store.local[name] = local
    store.opened = dict(store.cache)
    return store


def _shard_bytes(entries: dict[str, Entry]) -> bytes:
    """Return a shard file: a line of JSON (the entries, each document as [offset, length] in what follows), then
    the documents' JSON one after the other.  Read back, the line alone is parsed (~3 against ~15 ms for a 1,000-SOP
    catalogue with the documents as JSON strings): a document is validated from its bytes when it is used."""
    docs: list[bytes] = []
    at = 0
    rows = {}
    for path, e in entries.items():
        where = None
        if e.json is not None:
            where = [at, len(e.json)]
            docs.append(e.json)
            at += len(e.json)
        rows[path] = [e.sha, e.jenis, where, e.loaded, e.local, e.summary]
    head = json.dumps({"format": FORMAT, "versi": version(), "berkas": rows}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")  # no line break: JSON escapes those in strings
    return b"\n".join([head, b"".join(docs)])


def _entry(row: Any, docs: bytes) -> Entry:
    """Return the entry of a shard's row (``_shard_bytes``; ``docs``: what follows the row's line); ValueError when
    the row is not as a check writes it."""
    if not (isinstance(row, list) and len(row) == 6 and isinstance(row[0], str) and _HEX.match(row[0])
            and (row[1] is None or isinstance(row[1], str)) and (row[2] is None or _is_span(row[2], len(docs)))
            and (row[1] is None) == (row[2] is None) and isinstance(row[3], list)
            and (row[4] is None or isinstance(row[4], list))
            and (row[5] is None or (row[1] in _MAP_KINDS and _is_summary(row[5])))):
        raise ValueError("entry")
    doc = docs[row[2][0]:row[2][0] + row[2][1]] if row[2] is not None else None
    return Entry(row[0], row[1], doc, row[3], row[4], row[5])


def _is_span(span: Any, size: int) -> bool:
    return (isinstance(span, list) and len(span) == 2 and type(span[0]) is int and type(span[1]) is int
            and 0 <= span[0] and 0 < span[1] and span[0] + span[1] <= size)


_MAP_KINDS = ("peta-level-0", "peta-level-1", "peta-sub-proses", "peta-lintas-fungsi", "sop")  # catalogue.Map's


def _summary(doc: Any) -> list | None:
    """Return what a check of other files reads of a map (``StandIn``), or None for the other kinds."""
    return [doc.kode, doc.nama, doc.induk] if doc.jenis in _MAP_KINDS else None


def _is_summary(row: Any) -> bool:
    """Whether ``row`` is a summary as ``_summary`` makes it: kode and parent are codes, the title is text."""
    return (isinstance(row, list) and len(row) == 3 and isinstance(row[0], str) and bool(_KODE.match(row[0]))
            and isinstance(row[1], str) and 0 < len(row[1]) < MAX_ROW_TEXT
            and (row[2] is None or (isinstance(row[2], str) and bool(_KODE.match(row[2])))))


def _problem(path: str, row: Any) -> Problem:
    if not (isinstance(row, list) and len(row) == 5 and type(row[0]) is int and type(row[1]) is int
            and row[0] > 0 and row[1] > 0 and isinstance(row[2], str) and _KODE.match(row[2])
            and isinstance(row[3], str) and len(row[3]) < MAX_ROW_TEXT and row[4] in _LEVELS):
        raise ValueError("finding")
    return Problem(path, *row)


def _local(path: str, local: Any) -> tuple[str, list[Problem]] | None:
    if local is None:
        return None
    if not (len(local) == 2 and isinstance(local[0], str) and _HEX.match(local[0]) and isinstance(local[1], list)):
        raise ValueError("local")
    return local[0], [_problem(path, r) for r in local[1]]


def _row(p: Problem) -> list:
    return [p.line, p.column, p.code, p.message, p.level]


def _reviver(entry: Entry):
    def revive():
        from .kinds import MAP_KINDS

        cls = MAP_KINDS.get(entry.jenis)  # type: ignore[arg-type]
        if cls is None:
            raise ValueError("jenis")
        doc = cls.model_validate_json(entry.json)  # a ValidationError is a ValueError: a miss
        if getattr(doc, "jenis", None) != entry.jenis:
            raise ValueError("jenis")
        return doc
    return revive


# ------------------------------------------------------------------------------------------- quick path
# A check whose inputs are all as the last check of the same request saw them prints that check's findings
# without loading anything: no model, no YAML.  Its key hashes what the findings depend on: every file's bytes
# and time stamp (index_codes orders a clash by modification time), the logo's first bytes (missing-logo), the
# catalogue's editor schema (check refreshes it).  Anything odd (a file that cannot be read as a regular file,
# a path that does not exist) leaves it to the full check.
MAX_REQUESTS = 16  # requests (paths and preset) remembered per catalogue
_QUICK_MAX_FILE = 2_000_000  # a larger file goes to the full check, which says what is wrong with it
SCHEMA_FILE = ".petaproses/skema.json"  # schema.SCHEMA_FILE (that module loads the model)


def _results_file(roots: list[str]) -> Path | None:
    path = cache_file(roots)
    return None if path is None else path.with_name(path.stem + "-hasil.json")


def _request(paths: list[str], preset: str) -> str:
    return json.dumps([preset, sorted(os.path.abspath(p) for p in paths)])


def _logo_head(logo: str | None) -> str | None:
    """Return what missing-logo reads of the logo (its first bytes: a PNG or JPEG signature), None when it is
    not a file that can be read."""
    if logo is None or not os.path.isfile(logo):
        return None
    try:
        with open(logo, "rb") as fh:
            return fh.read(8).hex()
    except OSError:
        return None


def _fingerprint(files: dict[str, tuple[str, int]], logo: str | None, roots: list[str]) -> str:
    """Return the key of a check's inputs: file -> (sha-256 of its bytes, mtime), the logo's first bytes, the
    editor schema."""
    h = hashlib.sha256(version().encode() + b"\0")
    for path in sorted(files):
        sha, mtime = files[path]
        h.update(f"{path}\0{mtime}\0{sha}\0".encode())
    h.update(json.dumps([logo, _logo_head(logo)]).encode())
    from .legal import reference_date  # a revocation's day passing changes findings with no file changed

    h.update(reference_date().isoformat().encode())
    for path in _style_files(roots):  # their problems are the check's (check.style_problems): place and bytes
        held = path.read_bytes() if path.is_file() else b"-"
        h.update(b"\0gaya\0" + os.path.realpath(path).encode() + b"\0" + held)
    if len(roots) == 1:
        schema = Path(roots[0]) / SCHEMA_FILE
        h.update(b"\0skema\0" + (schema.read_bytes() if schema.is_file() else b"-"))
    return h.hexdigest()


def _style_files(roots: list[str]) -> list[Path]:
    """The gaya.yaml a build of ``roots`` reads (paths.templates_dir), its dasar.docx and the copy's .j2 files, as
    findings name them."""
    from .gaya import shown, style_file
    from .gaya_j2 import template_files
    from .paths import PACKAGE_TEMPLATES, templates_dir

    folder = templates_dir(roots=roots)
    style = Path(shown(style_file(folder)))
    own = [] if folder == PACKAGE_TEMPLATES else [Path(shown(p)) for p in template_files(folder)]
    return [style, style.with_name("dasar.docx"), *own]


def _stat_key(paths: list[str]) -> str | None:
    """Return a hash of the files' sizes and modification times: a cheap first test (the bytes decide)."""
    h = hashlib.sha256()
    try:
        for path in sorted(paths):
            info = os.stat(path)
            h.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    except OSError:
        return None
    return h.hexdigest()


def _read_regular(path: str) -> tuple[bytes, int] | None:
    """Return (bytes, modification time: for an unchanged file the one load_catalogue took) of a user's file, or None."""
    raw = read_regular(path, _QUICK_MAX_FILE, follow_links=True)
    if raw is None:
        return None
    try:
        return raw, os.stat(path).st_mtime_ns
    except OSError:
        return None


def quick_result(paths: list[str], roots: list[str], preset: str,
                 listing: tuple | None = None) -> tuple[list[Problem], int] | None:
    """Return (findings, number of files checked) of the last check of this request when no input changed;
    ``roots``: the catalogue folders of ``paths`` (check.catalogue_roots); ``listing``: load.find_files(roots)
    when the caller made it (it hands it to the full check on a miss)."""
    from .load import find_files

    where = _results_file(roots)
    if where is None:
        return None
    data = read_json(where, MAX_BYTES)
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("hasil"), dict):
        return None
    hit = data["hasil"].get(_request(paths, preset))
    if not (isinstance(hit, dict) and isinstance(hit.get("kunci"), str) and type(hit.get("dicek")) is int
            and hit["dicek"] >= 0 and isinstance(hit.get("temuan"), list) and (hit.get("logo") is None or isinstance(hit["logo"], str))):
        return None
    found, problems = listing if listing is not None else find_files(roots)
    if problems or _stat_key([str(f) for f in found]) != hit.get("stat"):
        return None  # a file added, removed or touched: known without reading any
    files: dict[str, tuple[str, int]] = {}
    for f in found:
        got = _read_regular(str(f))
        if got is None:
            return None
        files[str(f)] = hashlib.sha256(got[0]).hexdigest(), got[1]
    if _fingerprint(files, hit["logo"], roots) != hit["kunci"]:
        return None
    styled = {str(p) for p in _style_files(roots)}
    try:
        rows = [_problem(row[0], row[1:]) for row in hit["temuan"] if isinstance(row, list) and len(row) == 6
                and (row[0] in files or row[0] in styled)]
    except (ValueError, TypeError):
        return None
    if len(rows) != len(hit["temuan"]):
        return None
    return rows, hit["dicek"]


def record_result(paths: list[str], roots: list[str], preset: str, cat, problems: list[Problem]) -> None:
    """Remember what this check printed, keyed by the inputs it read (cat.sources: the same bytes).  A file added,
    removed or changed since the load listed and read them makes the next ``quick_result`` miss (it lists, stats
    and reads them again)."""
    where = _results_file(roots)
    if where is None:
        return
    if cat.listed is None or set(cat.listed) != set(cat.sources) or set(cat.mtimes) != set(cat.sources):
        return  # a path not found, an unreadable file: not a state to remember
    logo = None
    if cat.organisasi is not None and cat.organisasi.logo:
        logo = str(Path(cat.organisasi.path).parent / cat.organisasi.logo)
    files = {path: (cat.digest_of(path), cat.mtimes[path]) for path in cat.sources}
    data = read_json(where, MAX_BYTES)
    results = data.get("hasil") if isinstance(data, dict) and data.get("format") == FORMAT else None
    results = {k: v for k, v in results.items() if isinstance(k, str)} if isinstance(results, dict) else {}
    request = _request(paths, preset)
    results.pop(request, None)
    results[request] = {"kunci": _fingerprint(files, logo, roots), "stat": _stat_key(list(cat.sources)),
                        "dicek": len(cat.checked), "logo": logo,
                        "temuan": [[p.path, *_row(p)] for p in problems]}
    while len(results) > MAX_REQUESTS:
        results.pop(next(iter(results)))
    raw = json.dumps({"format": FORMAT, "hasil": results}, ensure_ascii=False, separators=(",", ":")).encode()
    if len(raw) > MAX_BYTES:
        return
    from .atomic import write_atomic

    try:
        write_atomic(where, raw)
    except OSError:
        pass


__all__ = ["Store", "open_store", "later", "pending", "run_later", "cache_dir", "cache_file", "version", "quick_result",
           "record_result"]
