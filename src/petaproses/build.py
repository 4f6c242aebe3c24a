"""`petaproses build`: load -> validate -> plan -> render -> site -> manifest.  The only stage that writes.

``build()`` below reads as those six stages.  Renderers (render/__init__.py, RENDERERS) return bytes; this
module writes them, each file to a temporary name and renamed, so an interrupted build leaves no half-written
file.  The manifest (state.py) keeps a content hash per *unit* (a document, or a Perangkat Daerah for its book
and forms): its file, the files it depends on, the organisation file, the templates and petaproses itself, so
only what changed is rebuilt.  Parts (data a renderer hands to a later unit) live in ``output/.petaproses/``.

A document whose file has errors is not rendered: its last good outputs stay, marked stale (manifest
``basi``, the site's ``aset/basi.js``), the other documents are built, and the command exits 1.  ``--ketat``
(``keep_going=False``) writes nothing when there is any error.  When nothing changed since the last build (file
stat signatures, checked without reading a file), the build ends after a few stat calls (noop.py).
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from . import keepgoing, noop
from . import parts as part_store
from . import state as st
from . import workers
from .atomic import Background, write_atomic
from .units import _jobs, _site_ahead, render_units
from .unit_hashes import PDF_OPTIONS, unit_hashes
from .problems import InputError, PetaprosesError, Problem
DEFAULT = "bawaan"  # rules.presets.DEFAULT (importing rules loads the model; the no-op build does not)

__all__ = ["build", "BuildResult", "check", "MANIFEST", "CACHE"]  # check: for callers of build.check

MANIFEST = st.MANIFEST
CACHE = st.CACHE
Progress = Callable[[int, int, str], None]


def check(*args, **kwargs):
    """check.check (imported when used: the no-op build never loads the model)."""
    from .check import check as run

    return run(*args, **kwargs)


def select(names: list[str] | None = None) -> list:
    from .render import select as pick

    return pick(names)


@dataclass
class BuildResult:
    problems: list[Problem]
    written: list[Path] = field(default_factory=list)
    built: list[str] = field(default_factory=list)  # document codes rendered
    skipped: list[str] = field(default_factory=list)  # up to date
    failed: list[tuple[str, str]] = field(default_factory=list)  # (code, message): a renderer's bug
    stale: list[str] = field(default_factory=list)  # codes whose files have errors: last good outputs kept
    stale_new: list[str] = field(default_factory=list)  # those of them without outputs of an earlier build
    notes: list[str] = field(default_factory=list)  # about the build state (e.g. a tampered manifest ignored)
    written_nothing: bool = False  # stopped before writing (errors under --ketat, or errors of the catalogue)
    cat: object = None  # catalogue.Catalogue that was loaded (the editor schema lists its ids); None: no-op


@dataclass
class State:
    """What the last build left in the output folder (all of it optional, none of it trusted)."""

    manifest: dict
    cache: dict  # path -> catalogue.Cached
    memo: dict  # path -> (key, rule findings)
    small: dict  # the cache file as read (noop.py's record among it)
    documents: dict  # path -> {"sha", "jenis", "json"}


@dataclass
class Plan:
    """What this build renders: every unit's hash, and the units whose outputs are out of date."""

    cat: object  # catalogue.Catalogue
    renderers: list
    options: dict
    base: str  # hash input shared by every unit: version, code, templates, renderers, options
    hashes: dict[str, str]  # unit ("<kode>" or "pd:<id>") -> hash
    todo: list[str]
    kept: dict  # manifest entries of the units that are up to date (or stale: kept as they are)
    previous: dict  # every unit's manifest entry from the last build
    stale: set[str] = field(default_factory=set)  # units not rendered because their files have errors
    catalogue_stale: bool = False  # the whole-catalogue files keep their last version (a document has errors)


def build(paths: list[str], out_dir: str, only: list[str] | None = None, progress: Progress | None = None,
          options: dict | None = None, jobs: int | None = None, force: bool = False, site: bool = True,
          preset: str = DEFAULT, keep_going: bool | None = None) -> BuildResult:
    """Validate ``paths`` and render what changed and is valid into ``out_dir``.

    ``keep_going`` (default: not under a strict preset) renders every valid document past broken ones.  The
    templates are the catalogue's own templates/ when it has them, wherever the build runs (paths.py).
    """
    from .check import catalogue_roots
    from .paths import catalogue

    with catalogue(catalogue_roots(paths)):
        return _build(paths, out_dir, only, progress, options, jobs, force, site, preset, keep_going)


def _build(paths: list[str], out_dir: str, only: list[str] | None, progress: Progress | None, options: dict | None,
           jobs: int | None, force: bool, site: bool, preset: str, keep_going: bool | None) -> BuildResult:
    out = Path(out_dir)
    options = options or {}
    keep_going = preset == DEFAULT if keep_going is None else keep_going
    key = noop.key(paths, out, only, options, site, preset)
    if not force and (done := noop.unchanged(paths, out, key)) is not None:
        return BuildResult(done[0], skipped=done[1])
    from .load import source_file_in

    # a folder no build wrote that holds catalogue files is a source folder (`-o setda`): once written, it would
    # be skipped as output and its SOPs would vanish from check and build (review Z); nothing is written there
    if out.is_dir() and not (out / MANIFEST).is_file() and (source := source_file_in(str(out))) is not None:
        raise InputError(f"folder keluaran '{out}' berisi berkas katalog ({source}); keluaran tidak ditulis ke "
                              "folder sumber: pilih folder lain, mis. -o output")
    notes: list[str] = []
    state = open_state(out, force, notes)
    from .check import findings, load

    started = time.time_ns()
    loaded = load(paths, state.cache, jobs)  # 1. load: files -> catalogue (+ shape findings)
    state.memo.update(_memo(state.small, loaded.cat))
    _seed_wide(state.small, loaded.cat)
    # 2. validate, at the preset's levels: each map's own rules are kept per file (keyed by the file, the
    # organisation and the registers, as the check cache keeps them), so that a title edited in one SOP does
    # not run every map's rules again; the catalogue-wide ones (~20 ms for 1,000 maps) are kept with their
    # context (_seed_wide) and run for every map again only when a code, kind, parent or title changed
    result = BuildResult(findings(loaded, None, preset, local=state.memo, jobs=jobs), notes=notes, cat=loaded.cat)
    broken = keepgoing.broken_files(loaded.cat, result.problems)
    valid = [d for d in loaded.cat.maps if d.path not in (broken or ())]
    if broken is None or (broken and (not keep_going or not valid)):  # nothing valid: nothing to write either
        result.written_nothing = True
        return result  # nothing is written
    renderers = select(only)
    check_tools(renderers)
    with st.locked(out) as interrupted:
        if interrupted:
            st.sweep_temporary(out)  # temporary files of a killed build
        from .checkcache import later
        from .paths import templates_dir
        from .relasi import shared
        from .relasi_store import prime, save

        # the peta relasi's relations, derived once (books, maps, their pages), from the hand-offs the last build
        # kept of unchanged maps
        with shared(loaded.cat, lambda: prime(out, loaded.cat)):
            plan = plan_units(loaded.cat, renderers, options, state.manifest, out, broken)  # 3. plan: what changed
            # 4. render: the units and the whole-catalogue files, in parallel
            before, after = _site_ahead(loaded.cat, templates_dir()) if site else (None, None)
            early = EarlySite(plan, out, result, state.manifest, broken) if site and _site_early(plan, jobs) else None
            parts: list = []  # the state's parts, made while the workers render

            def then() -> None:
                later(("serah-terima", str(out)), lambda: save(out, loaded.cat))  # for a build in a new process
                if after is not None:
                    after()
                parts.append(state_parts(out, state, loaded.cat))
            entries, catalogue_files = render_units(plan, out, result, jobs, progress, state.manifest,
                                                    meanwhile=before, then=then,
                                                    documents_done=early.run if early is not None else None)
            site_section = (early.finish(jobs) if early is not None else  # 5. the site
                            write_review_site(plan, out, result, state.manifest, jobs, broken)) if site else None
        st.write_manifest(out, entries, catalogue_files,  # 6. manifest, cache
                          state.manifest.get("situs", {}) if site_section is None else site_section)
        save_state(out, state, loaded.cat,
                   noop.record(loaded.cat, result, key, started, loaded.roots, site)
                   if not broken and not result.failed else {}, parts[0] if parts else None)
    return result


# ------------------------------------------------------------------------------------------- state
def open_state(out: Path, force: bool, notes: list[str]) -> State:
    """Return the manifest, the parsed documents and the findings of the last build in ``out`` (checked)."""
    if force:
        return State({}, {}, {}, {"berkas": {}, "aturan": {}, "hasil": {}}, {})
    manifest = st.read_manifest(out, notes)
    small = st.read_cache(out)
    documents = st.read_documents(out)
    from .catalogue import Cached

    cache: dict = {}
    for path, e in small["berkas"].items():
        doc = documents.get(path)
        try:
            found = [st.problem_of(row, {path}) for row in e["temuan"]]
        except ValueError:
            continue
        if doc is None and e.get("jenis") is not None:
            continue  # the document is missing: parse the file again
        if doc is not None and doc["sha"] != e["sha"]:
            continue
        cache[path] = Cached(e["sha"], found, None, _reviver(doc) if doc is not None else None)
    return State(manifest, cache, {}, small, documents)


def _reviver(entry: dict) -> Callable:
    def revive():
        from .kinds import MAP_KINDS

        cls = MAP_KINDS.get(entry["jenis"])
        if cls is None:
            raise ValueError("jenis")
        doc = cls.model_validate_json(entry["json"])
        if getattr(doc, "jenis", None) != entry["jenis"]:
            raise ValueError("jenis")
        return doc
    return revive


def _memo(small: dict, cat) -> dict:
    """Return the rules' findings of the last build (``validate``'s memo), each row checked."""
    return st.rule_rows(small, set(cat.sources), 1)


def _seed_wide(small: dict, cat) -> None:
    """Hand rules.py the CATALOGUE_WIDE rules' findings of the last build: its context ("luas") and each map's
    rows (an "aturan" entry's third item, under that entry's key)."""
    from .rules import seed_wide

    context = small.get("luas")
    if isinstance(context, str) and len(context) == 128 and st._HEX.match(context[:64]) and st._HEX.match(context[64:]):
        seed_wide(bytes.fromhex(context), st.rule_rows(small, set(cat.sources), 2))  # rules._context: two digests


def save_state(out: Path, state: State, cat, record: dict, parts: tuple[dict, dict] | None = None) -> None:
    """Write the cache (hashes, stat signatures, findings) and, when they changed, the parsed documents
    (``parts``: what ``state_parts`` returned while the units rendered)."""
    files, memo = parts if parts is not None else state_parts(out, state, cat)
    from .rules import kept_wide

    context = kept_wide()[0]
    st.write_json(out, st.CACHE, {"versi": st.version_key(), "berkas": files, "aturan": memo, "hasil": record,
                                  **({"luas": context.hex()} if context is not None else {})})


def state_parts(out: Path, state: State, cat) -> tuple[dict, dict]:
    """Return the cache's files and rules sections, and write the parsed documents when they changed: none of
    it depends on what the units render (the build process makes it while it waits for them)."""
    from .catalogue import digest, stored_json

    files, docs = {}, {}
    for path, raw in cat.sources.items():
        hit = state.cache.get(path)
        if hit is None:
            continue
        signature = cat.signatures.get(path)
        if signature is None:
            try:
                signature = st.file_signature(os.stat(path))
            except OSError:
                continue
        jenis = getattr(hit.doc, "jenis", None)
        files[path] = {"sha": hit.sha, "stat": signature, "jenis": jenis,
                       "temuan": [st.problem_row(p) for p in hit.problems]}
        if path in state.documents and state.documents[path]["sha"] == hit.sha:
            docs[path] = state.documents[path]
        elif hit.doc is not None and hit.sha == digest(raw):
            docs[path] = {"sha": hit.sha, "jenis": hit.doc.jenis, "json": hit.json or stored_json(hit.doc)}
    from .rules import kept_wide

    wide = kept_wide()[1]  # the CATALOGUE_WIDE rules' findings, under the same key as the map's own rules'
    memo = {path: [k, [st.problem_row(p) for p in found]] + (
        [[st.problem_row(p) for p in wide[path][1]]] if path in wide and wide[path][0] == k else [])
        for path, (k, found) in sorted(state.memo.items()) if path in cat.sources}
    st.write_documents(out, docs)  # only the files whose entries changed (or that changed on disk)
    return files, memo


# ------------------------------------------------------------------------------------------- plan
def check_tools(renderers: list) -> None:
    """Raise PetaprosesError for a program a renderer needs and does not find, before anything is written."""
    for r in renderers:
        for tool, hint in r.tools.items():
            if shutil.which(tool) is None:
                raise PetaprosesError(f"program '{tool}' tidak ditemukan; {hint}")


def plan_units(cat, renderers: list, options: dict, manifest: dict, out: Path, broken: set[str] = frozenset()) -> Plan:
    """Return the plan: a unit is up to date when its hash is the one recorded and all its files are there.

    A unit made from a file with errors (``broken``) keeps its last entry, marked stale.  Raises
    PetaprosesError for a missing program before anything is written: no half a build.
    """
    check_tools(renderers)
    base, hashes = unit_hashes(cat, renderers, options)
    old = manifest.get("dokumen", {})
    richer: dict[str, str] = {}  # a unit an earlier `build --pdf` made holds what this build makes: kept
    if not options and any(f.endswith(".pdf") for e in old.values() for f in e.get("berkas", ())):
        richer = unit_hashes(cat, renderers, PDF_OPTIONS)[1]  # (`serve` after `build --pdf` lost every PDF)
    stale = keepgoing.stale_units(cat, broken, hashes, old)
    todo: list[str] = []
    kept: dict = {}
    present = st.Present(str(out))
    for unit in sorted(set(hashes) | stale, key=lambda u: (u.startswith("pd:"), u)):
        entry = old.get(unit)
        if unit in stale:
            if entry:
                kept[unit] = dict(entry, basi=True)
        elif entry and entry["hash"] in (hashes[unit], richer.get(unit)) and all(map(present, entry["berkas"])):
            kept[unit] = {k: v for k, v in entry.items() if k != "basi"}
            hashes[unit] = entry["hash"]  # what its files are made from: the site's pages and the catalogue's say so
        else:
            todo.append(unit)  # departments last: a book reuses the parts its documents have just stored
    for folder in sorted({d.perangkat_daerah for d in cat.maps}):
        st.target(out, f"{folder}/x")
        st.target(out, f"{part_store.STORE}/{folder}/x")
    return Plan(cat, renderers, options, base, hashes, todo, kept, old, stale,
                keepgoing.catalogue_stale(cat, broken, stale))


# ------------------------------------------------------------------------------------------- catalogue, site
SITE_RECYCLE = 1000  # pages per set of the site's workers (_mapper)


def _mapper(jobs: int | None) -> Callable:
    """Return write_site's mapper: ``mapper(fn, items, meanwhile)`` yields ``fn`` of each item, in workers when
    there are many, and calls ``meanwhile()`` here once (while the workers work)."""
    def mapper(fn: Callable, items, meanwhile: Callable[[], object]) -> Iterator:
        items = list(items)
        if _jobs(jobs, len(items)) < 2 or len(items) < 50:
            meanwhile()
            return map(fn, items)
        # fork: the workers inherit the catalogue and the page context set up by write_site.  A page keeps
        # nothing once written, but reading a document writes its objects' reference counts: a worker ends up
        # with its own copy of the memory of every document whose page it wrote (10,000 pages: ~700 MB each).
        # New workers every SITE_RECYCLE pages bound that; fewer sets are faster (4,000 pages in sets of 200:
        # 7.1 s, in one: 5.7 s)
        return workers.run(fn, items, _jobs(jobs, len(items)), chunksize=16, recycle=SITE_RECYCLE,
                           meanwhile=meanwhile)
    return mapper


def write_review_site(plan: Plan, out: Path, result: BuildResult, manifest: dict, jobs: int | None,
                      broken: set[str]) -> dict:
    """Write the review site's pages that changed and its index; return its manifest section."""
    from jinja2 import TemplateError

    from .paths import templates_dir
    from .review_site import template_error, write_site

    stale: dict[str, dict] = {}  # code -> its page and findings: the page keeps its last version, the site says why
    for unit in sorted(plan.stale):
        if not unit.startswith("pd:"):
            doc = plan.cat.by_code.get(unit)
            source = doc.path if doc is not None else plan.previous.get(unit, {}).get("sumber") or next(
                (path for path, head in plan.cat.unloaded.items() if head[1] == unit), None)
            stale[unit] = {"url": _page_of(unit, doc, plan.previous.get(unit)),
                           "temuan": [p.format() for p in result.problems if p.path == source and p.is_error]}
    for unit, message in result.failed:
        if not unit.startswith("pd:"):
            stale[unit] = {"url": _page_of(unit, plan.cat.by_code.get(unit), plan.previous.get(unit)),
                           "temuan": [f"petaproses gagal membangun dokumen ini: {message.splitlines()[-1]}"]}
    hashes = dict(plan.hashes)
    for unit in stale:  # the metrics and page of a stale document are those of its last good build
        if unit in plan.previous:
            hashes[unit] = plan.previous[unit]["hash"]
    try:
        with Background() as write:  # the pages written in a thread while the next one renders
            section, pages = write_site(plan.cat, result.problems, out, hashes, templates_dir(),
                                        manifest.get("situs", {}), write, _mapper(jobs), basi=stale)
    except TemplateError as exc:  # a restyled template that breaks while the pages render
        raise template_error(exc, templates_dir()) from None
    result.written.extend(pages)
    return section


def _site_early(plan: Plan, jobs: int | None) -> bool:
    """Return whether the site is written while the departments' units (books, forms) render: when there are
    few documents to render (the site's pages then written here, not in forks beside the units' workers) and
    every department unit rewrites files it made before (its files are already there for the site to list)."""
    documents = [u for u in plan.todo if not u.startswith("pd:")]
    departments = [u for u in plan.todo if u.startswith("pd:")]
    return (0 < len(documents) < EARLY_PAGES and bool(departments) and _jobs(jobs, len(plan.todo) + 1) > 1
            and all(u in plan.previous and not plan.previous[u].get("basi") for u in departments))


EARLY_PAGES = 50  # write_site's mapper forks workers from as many pages


class EarlySite:
    """The review site written once every document is rendered, while the books still are (one edit in 1,000
    SOPs: the site's ~0.15 s within the book's ~0.3 s).  What the site reads of output/ besides the documents'
    files is the list of files in each department's folder (the books, listed on the home page) and in
    banding/: when that list is not the same after the units as before the site, the site is written again
    against what was just written (so a page made from the older list is rewritten)."""

    def __init__(self, plan: Plan, out: Path, result: BuildResult, manifest: dict, broken: set[str]):
        self.plan, self.out, self.result, self.manifest, self.broken = plan, out, result, manifest, broken
        self.ran = False
        self.section: dict = {}
        self.seen: list | None = None

    def _listing(self) -> list:
        folders = sorted({d.perangkat_daerah for d in self.plan.cat.maps}) + ["banding"]  # type: ignore[attr-defined]
        return [(f, sorted(n for n in os.listdir(self.out / f) if not n.startswith(".")) if (self.out / f).is_dir()
                 else None) for f in folders]  # not the temporary files of a write (atomic.py: ".name.*.tmp")

    def run(self) -> None:
        seen = self._listing()
        self.section = write_review_site(self.plan, self.out, self.result, self.manifest, 1, self.broken)
        self.seen = seen if self._listing() == seen else None
        self.ran = True

    def finish(self, jobs: int | None) -> dict:
        """Return the site's manifest section once every unit is done: the early one, or the site written now
        (not run early: no document was rendered; or written again: what it listed changed)."""
        if not self.ran:
            return write_review_site(self.plan, self.out, self.result, self.manifest, jobs, self.broken)
        if self.seen is not None and self._listing() == self.seen:
            return self.section
        section = write_review_site(self.plan, self.out, self.result, {"situs": self.section}, jobs, self.broken)
        self.result.written = list(dict.fromkeys(self.result.written))  # a page written twice is one file
        return section


def _page_of(code: str, doc, entry: dict | None) -> str | None:
    """Return the review page of ``code`` (relative to output/): where its last good outputs are."""
    if doc is not None:
        return f"{doc.perangkat_daerah}/{code}.html"
    for f in (entry or {}).get("berkas", []):
        folder, _, name = f.rpartition("/")
        if folder and "/" not in folder and not folder.startswith(".") and name.startswith(code + "."):
            return f"{folder}/{code}.html"
    return None
