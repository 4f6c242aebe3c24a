"""The whole catalogue: the organisation file and every map and SOP, loaded once for all renderers."""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from .lazyre import Lazy
from .load import find_files, load_document, read_file
from .model import (Organisasi, PetaLevel1, PetaLintasFungsi, PetaRelasi, PetaSubProses, RegisterAplikasi, Sop, _Map,
                    says_none)
from .problems import Problem
from .register import RegisterPeraturan
from .state import file_signature
from .yamlsource import read_source

if TYPE_CHECKING:  # the records' model: a check of an SOP does not import it (kinds.py)
    from .evaluation.model import Evaluasi

Map = PetaLevel1 | PetaSubProses | PetaLintasFungsi | Sop


@dataclass
class Catalogue:
    organisasi: Organisasi | None = None
    maps: list[Map] = field(default_factory=list)  # in path order
    by_code: dict[str, Map] = field(default_factory=dict)
    # content of each input file, for build hashes
    sources: dict[str, bytes] = field(default_factory=dict)
    _children: tuple | None = field(default=None, repr=False)
    reloaded: int = 0  # files parsed anew (not taken from the build cache)
    checked: list[str] = field(default_factory=list)  # the files the user asked about (others give context)
    peraturan: RegisterPeraturan | None = None  # the register of regulations (optional)
    mtimes: dict[str, int] = field(default_factory=dict)  # path -> modification time (ns): which file is newer
    # path -> stat signature (state.file_signature) of the file as it was read: the build records it, not a
    # later stat (a file saved during the build is then seen as changed by the next one)
    signatures: dict[str, list[int]] = field(default_factory=dict)
    aplikasi: RegisterAplikasi | None = None  # the register of SPBE applications (issue 13)
    relasi: list[PetaRelasi] = field(default_factory=list)  # peta-relasi settings, in path order

    evaluations: list[Evaluasi] = field(default_factory=list)  # review sessions (`jenis: evaluasi`), path order
    digests: dict[str, str] = field(default_factory=dict)  # path -> sha-256 of its bytes, as the load found it
    listed: list[str] | None = None  # the files the load found (None: a path it was given does not exist)
    # path -> (jenis, kode, perangkat_daerah) of the files that did not load, as far as their text tells
    # (``head_of``): a link to a broken file is not unresolved, a broken organisation file is not missing
    unloaded: dict[str, tuple[str | None, str | None, str | None]] = field(default_factory=dict)

    def digest_of(self, path: str) -> str:
        """Return the sha-256 (hex) of an input file's bytes: the load's, else worked out now."""
        found = self.digests.get(path)
        if found is None:
            found = self.digests[path] = digest(self.sources[path])
        return found

    def others(self) -> list:
        """Return the files that are neither the organisation nor maps: the registers, the peta-relasi files."""
        return [r for r in (self.peraturan, self.aplikasi) if r] + list(self.relasi)

    def unloaded_kind(self, jenis: str) -> list[str]:
        """Return the files of kind ``jenis`` that did not load (an organisation file also by its name)."""
        return [path for path, head in self.unloaded.items()
                if head[0] == jenis or (head[0] is None and jenis == "organisasi" and Path(path).stem == jenis)]

    def unloaded_codes(self) -> dict[str, str]:
        """Return code -> path of the files that did not load and name their code."""
        return {head[1]: path for path, head in self.unloaded.items() if head[1]}

    def lanes(self, doc: PetaLintasFungsi) -> list[str]:
        """Return the actor ids of ``doc`` in column order: as listed, else in order of first appearance."""
        if doc.pelaksana:
            return list(doc.pelaksana)
        seen: list[str] = []
        for step in doc.kegiatan:
            for actor in step.actors:
                if actor not in seen:
                    seen.append(actor)
        return seen

    def actor_name(self, actor_id: str) -> str:
        """Return the full position name of ``actor_id`` (the id itself when unknown)."""
        name = self.organisasi.position_name(actor_id) if self.organisasi else None
        return name or actor_id

    def actors_name(self, actor_ids: list[str], joint: bool = False) -> str:
        """Return the position names of a step's actors as people write them: "A, B dan C" (in turn: "A → B")."""
        names = [self.actor_name(a) for a in actor_ids]
        if len(names) < 2:
            return "".join(names)
        if not joint:
            return " → ".join(names)
        return ", ".join(names[:-1]) + " dan " + names[-1]

    def department_name(self, doc: _Map) -> str:
        if self.organisasi and doc.perangkat_daerah in self.organisasi.perangkat_daerah:
            return self.organisasi.perangkat_daerah[doc.perangkat_daerah].nama
        return doc.perangkat_daerah

    def parent_body(self, pd_id: str) -> str:
        """Return the body department ``pd_id`` sits under (its `instansi_induk`: a Kelurahan's Kecamatan, a UPTD's
        Dinas), as written; "" when none is written, written blank ("-") or naming the department or the
        organisation itself (a line printed twice, review Z)."""
        pd = self.organisasi.perangkat_daerah.get(pd_id) if self.organisasi else None
        body = (pd.instansi_induk or "").strip() if pd else ""
        same = {" ".join(t.casefold().split()) for t in (pd.nama if pd else "", self.organisasi.nama)}
        return "" if not body or says_none(body) or " ".join(body.casefold().split()) in same else body

    def parent_unit(self, doc: _Map) -> str:
        """Return the unit ``doc``'s unit sits under (its `unit_induk`: a Sub Bagian's Sekretariat), as written; ""
        when none is written, written blank ("-") or naming the unit or its department itself."""
        pd = self.organisasi.perangkat_daerah.get(doc.perangkat_daerah) if doc.unit and self.organisasi else None
        unit = pd.unit.get(doc.unit) if pd else None
        body = (getattr(unit, "unit_induk", None) or "").strip()
        same = {" ".join(t.casefold().split()) for t in (pd.nama, unit.nama)} if body else set()  # type: ignore
        return "" if not body or says_none(body) or " ".join(body.casefold().split()) in same else body

    def unit_name(self, doc: _Map) -> str | None:
        if not doc.unit or not self.organisasi:
            return None
        pd = self.organisasi.perangkat_daerah.get(doc.perangkat_daerah)
        return pd.unit_name(doc.unit) if pd else None

    def index_codes(self) -> None:
        """Fill ``by_code``: each code names the map that had it first, so that a clash is the other file's.

        That is a file outside the ones being checked (`check MYFILE` reports the clash on MYFILE), else
        the one modified longest ago (the newer file took the code), else the first in path order.
        """
        self.by_code.clear()
        checked = set(self.checked) if self.checked and len(self.checked) < len(self.sources) else set()
        for doc in sorted(self.maps, key=lambda d: (d.path in checked, self.mtimes.get(d.path, 0))):
            self.by_code.setdefault(doc.kode, doc)

    def children(self, code: str) -> list[Map]:
        """Return the maps whose ``induk`` is ``code``."""
        if self._children is None or self._children[0] != len(self.maps):
            index: dict[str, list[Map]] = {}
            for m in self.maps:
                if m.induk:
                    index.setdefault(m.induk, []).append(m)
            self._children = (len(self.maps), index)
        return list(self._children[1].get(code, []))


@dataclass
class Cached:
    """One input file as an earlier load saw it: its hash, its loader findings and its document.

    ``revive`` (documents from the build state, which is untrusted) returns the document validated again by
    its model class, or raises ValueError; the catalogue then parses the file's bytes itself.
    """

    sha: str
    problems: list[Problem]
    doc: Any = None
    revive: Callable[[], Any] | None = None
    json: str | None = None  # the document as the caches store it (``stored_json``), made beside the parsing
    summary: tuple | None = None  # a map's (jenis, kode, nama, induk) as the check cache keeps them (standin.py)
    jenis: str | None = None  # the kind the check cache stored (an evaluation record or peta-relasi: ``_ASIDE``)


# kinds of which a catalogue holds one file: jenis -> (Catalogue attribute, name in the message); a document's kind is
# its `jenis` (each model allows its own alone), read without asking a stand-in for its class (standin.py)
_SINGLE = {"organisasi": ("organisasi", "berkas organisasi"), "peraturan": ("peraturan", "register peraturan"),
           "aplikasi": ("aplikasi", "register aplikasi")}


# a top-level key and its plain value, read from the text of a file that does not load
_HEAD = {key: Lazy(rb"^(?:\xef\xbb\xbf)?" + key + rb"[ \t]*:[ \t]*[\"']?([A-Za-z0-9_.-]+)[\"']?[ \t\r]*(?:#|$)",
                         re.M)  # only what an id or a code may hold: the text is printed (no control characters)
         for key in (b"jenis", b"kode", b"perangkat_daerah")}


def head_of(raw: bytes) -> tuple[str | None, str | None, str | None]:
    """Return (jenis, kode, perangkat_daerah) as a broken file's text writes them (None: not found)."""
    found = []
    for pattern in _HEAD.values():
        match = pattern.search(raw)
        found.append(match.group(1).decode("utf-8", "replace") if match else None)
    return found[0], found[1], found[2]


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def load_catalogue(paths: list[str], cache: dict[str, Cached] | None = None, jobs: int | None = None,
                   stand_ins: bool = False, listing: tuple | None = None) -> tuple[Catalogue, list[Problem]]:
    """Return the catalogue under ``paths`` and the shape problems of its files (graph rules: validate.py).

    ``cache`` maps a path to what an earlier load found in it (``Cached``); unchanged files are reused from it
    and it is updated in place (the incremental build keeps it between runs).  Many files to parse are shared
    among ``jobs`` worker processes (default: one per core).  ``stand_ins``: an unchanged map with a summary in
    the cache is a ``StandIn`` (validated whole when first read beyond it: a check of some files).  ``listing``:
    ``find_files(paths)`` as the caller made it a moment ago (the check's quick path lists the files first).
    """
    files, problems = (list(listing[0]), list(listing[1])) if listing is not None else find_files(paths)
    cat = Catalogue()
    cat.listed = None if problems else [str(f) for f in files]
    read: list[tuple[str, bytes | None, Problem | None]] = []
    for path in files:
        raw, unreadable, info = read_file(path)
        read.append((str(path), raw, unreadable))
        if raw is None or info is None:
            continue
        cat.sources[str(path)] = raw
        cat.mtimes[str(path)] = info.st_mtime_ns
        cat.signatures[str(path)] = file_signature(info)
    known: dict[str, tuple[Any, list[Problem]]] = {}
    fresh: list[tuple[str, bytes]] = []
    for path, raw, _ in read:
        if raw is not None:
            doc, found = _cached(cat, cache, path, raw, stand_ins) if cache is not None else (None, None)
            if found is None:
                fresh.append((path, raw))
            else:
                known[path] = (doc, found)
    parsed = dict(zip((path for path, _ in fresh), _load_documents(fresh, jobs, cache is not None)))
    for path, raw, unreadable in read:
        if raw is None:
            problems.append(unreadable)  # type: ignore[arg-type]
            continue
        if path in known:
            doc, found = known[path]
        else:
            doc, found, stored = parsed[path]
            cat.reloaded += 1
            if doc is not None:  # positions (most of a document's memory) are parsed again when a finding needs them
                doc._locs = None
                doc._relocate = functools.partial(_positions, path, raw)
            if cache is not None:
                cache[path] = Cached(cat.digest_of(path), list(found), doc, json=stored)
        problems.extend(found)
        if doc is None:
            cat.unloaded[path] = head_of(raw)  # type: ignore[arg-type]
            continue
        jenis = doc.jenis
        single = _SINGLE.get(jenis)
        if single is not None:  # one organisation file and one of each register per catalogue
            attr, what = single
            first = getattr(cat, attr)
            if first is not None:
                problems.append(Problem(path, 1, 1, "duplicate-id", f"{what} kedua; katalog hanya boleh punya "
                                                                    f"satu (yang pertama: {first.path})"))
            else:
                setattr(cat, attr, doc)
            continue
        if jenis == "peta-relasi":
            cat.relasi.append(doc)  # one per department (and one for the Pemda): rules/duplicate_id.py
            continue
        if jenis == "evaluasi":  # a record, not a map: no page, no outputs of its own
            cat.evaluations.append(doc)
            continue
        cat.maps.append(doc)
    if cache is not None:
        _remember(cache, cat)
    if cat.organisasi is not None and any(p.code == "invalid-value" for p in problems):
        from .idhint import with_organisation

        problems = with_organisation(problems, cat.organisasi)  # "Kepala Dinas": the organisation's id for it
    return cat, problems


PARALLEL_FROM = 64  # files to parse from which parsing is shared among worker processes (a fork costs ~20 ms)


def _load_documents(fresh: list[tuple[str, bytes]], jobs: int | None,
                    stored: bool) -> list[tuple[Any, list[Problem], str | None]]:
    """Return ``load_document`` of each file, in order, with the document's ``stored_json`` when ``stored``
    (a cache will keep it: made where the file is parsed, in worker processes when there are many)."""
    count = len(fresh)
    shared = (fresh, stored)
    if count < PARALLEL_FROM:  # here (a check on save parses one file: no need of the process pool's module)
        loaded = [_load_one(shared, index) for index in range(count)]
    else:
        from . import workers
        from .kinds import MAP_KINDS

        for cls in MAP_KINDS.values():  # made once here, not in every worker (the models' build is deferred)
            cls.model_rebuild()
        loaded = workers.shared_map(_load_one, shared, count, workers.cores(jobs))
    for index, (doc, found, text) in enumerate(loaded):
        if doc is _REPARSE:  # its JSON did not validate again in this process: parse the file here
            doc, found, text = _load_one(shared, index)
        loaded[index] = (doc.doc if type(doc) is _Shipped else doc), found, text
    return loaded


def _load_one(shared: tuple[list[tuple[str, bytes]], bool], index: int) -> tuple[Any, list[Problem], str | None]:
    fresh, stored = shared
    doc, found = load_document(*fresh[index])
    if doc is None:
        return None, found, None
    doc._locs = None  # not sent back from a worker: positions are parsed again when a finding needs them
    text = stored_json(doc) if stored else None
    return _Shipped(doc, text), found, text


_REPARSE = "reparse"


class _Shipped:
    """A parsed document on its way back from a worker: it crosses as its JSON (``stored_json``, made anyway
    for the caches) and is validated again by its class in the parent, half what unpickling the model objects
    cost there (a worker's 500 SOPs: ~0.06 against ~0.12 s); the documents are equal field by field (tested)."""

    __slots__ = ("doc", "text")

    def __init__(self, doc: Any, text: str | None) -> None:
        self.doc, self.text = doc, text

    def __reduce__(self) -> tuple:
        return _revived, (type(self.doc), self.text or stored_json(self.doc), self.doc._path)


def _revived(cls: type, text: str, path: str) -> Any:
    from pydantic import ValidationError

    try:
        doc = cls.model_validate_json(text)
    except ValidationError:
        return _REPARSE
    doc._path = path
    return doc


def stored_json(doc: Any) -> str:
    """Return a document as the build state and the check cache keep it (validated again when read back)."""
    return doc.model_dump_json(exclude_unset=True)


# path -> (sha-256 of its bytes, document) of the last catalogue this process loaded with a cache: a process
# that stays (`siaga`) builds again without validating the unchanged documents from the build state again
LIVE: dict[str, tuple[str, Any]] = {}


def _remember(cache: dict[str, Cached], cat: Catalogue) -> None:
    docs = [cat.organisasi, cat.peraturan, cat.aplikasi, *cat.maps, *cat.relasi, *cat.evaluations]
    LIVE.clear()  # this catalogue's only: memory stays bounded whatever the process loads
    for doc in docs:
        hit = cache.get(doc.path) if doc is not None else None
        if hit is not None and hit.doc is doc:
            LIVE[doc.path] = (hit.sha, doc)


def _cached(cat: Catalogue, cache: dict[str, Cached], path: str, raw: bytes,
            stand_ins: bool = False) -> tuple[Any, list[Problem] | None]:
    """Return (document, loader findings) of ``path`` from ``cache`` when its bytes are unchanged, else (None, None)."""
    hit = cache.get(path)
    if hit is None or hit.sha != digest(raw):
        return None, None
    cat.digests[path] = hit.sha
    if hit.revive is not None:
        live = LIVE.get(path)
        if live is not None and live[0] == hit.sha:  # the same bytes, loaded before by this process
            hit.doc, hit.revive = live[1], None
            return hit.doc, list(hit.problems)
        if stand_ins and (hit.summary is not None or hit.jenis in _ASIDE):
            return _stand_in(cache, hit, path, raw), list(hit.problems)
        try:
            _revive(hit, path, raw)
        except ValueError:
            return None, None
    return hit.doc, list(hit.problems)


def _revive(hit: Cached, path: str, raw: bytes) -> Any:
    """Validate the cached document again (``hit.revive``; raises ValueError when it does not) and keep it in ``hit``."""
    hit.doc, hit.revive = hit.revive(), None  # type: ignore[misc]
    if hit.doc is not None:  # positions come from these bytes, parsed again only when a finding needs them
        hit.doc._path = path
        hit.doc._locs = None
        hit.doc._relocate = functools.partial(_positions, path, raw)
    return hit.doc


# kinds whose documents only their own file's rules read (their findings are in the file: tests/test_standin.py):
# a check of other files reads their path and kind alone (rules._context), and validates them when read further
_ASIDE = ("evaluasi", "peta-relasi")


def _stand_in(cache: dict[str, Cached], hit: Cached, path: str, raw: bytes) -> Any:
    from .kinds import MAP_KINDS
    from .standin import StandIn

    jenis, summary = (hit.summary[0], hit.summary[1:]) if hit.summary is not None else (hit.jenis, None)

    def whole() -> Any:
        try:
            return hit.doc if hit.revive is None else _revive(hit, path, raw)
        except ValueError:  # a cache entry that no longer validates: the file's own bytes, as a miss would
            doc, found = load_document(path, raw)
            cache[path] = Cached(hit.sha, list(found), doc)  # a new entry: the cache writes it again
            return doc
    return StandIn(path, None if jenis in _ASIDE else MAP_KINDS[jenis], jenis, summary, whole)


def organisation_dir(cat: Catalogue) -> Path:
    return Path(cat.organisasi.path).parent if cat.organisasi else Path(".")


def _positions(path: str, raw: bytes) -> dict:
    return read_source(path, raw).locs
