"""`petaproses build`: load -> validate -> plan -> render -> site -> manifest.  The only stage that writes.

``build()`` below reads as those six stages.  Renderers (render/__init__.py, RENDERERS) return bytes; this
module writes them, each file to a temporary name and renamed, so an interrupted build leaves no half-written
file.  A manifest (``output/.petaproses-build.json``) keeps a content hash per *unit* (a document, or a
Perangkat Daerah for its book and forms): its file, the files it depends on, the organisation file, the
templates and petaproses itself, so only what changed is rebuilt.  Parts (data a renderer hands to a later
unit) live in ``output/.petaproses/`` (parts.py).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import pickle
import re
import shutil
import sys
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable

from . import __version__
from . import parts as part_store
from .atomic import write_atomic
from .catalogue import Catalogue, Map
from .check import check, findings, load
from .paths import templates_dir
from .problems import PetaprosesError, Problem
from .render import Renderer, select
from .review_site import write_site
from .rules import has_errors
from .rules.presets import DEFAULT

__all__ = ["build", "BuildResult", "check", "MANIFEST", "CACHE"]  # check: for callers of build.check

MANIFEST = ".petaproses-build.json"
CACHE = ".petaproses-cache.pickle"
PACKAGE_DIR = Path(__file__).resolve().parent
Progress = Callable[[int, int, str], None]


@dataclass
class BuildResult:
    problems: list[Problem]
    written: list[Path] = field(default_factory=list)
    built: list[str] = field(default_factory=list)  # document codes rendered
    skipped: list[str] = field(default_factory=list)  # up to date
    failed: list[tuple[str, str]] = field(default_factory=list)  # (code, message)
    cat: Catalogue | None = None  # what was loaded (the editor schema lists its ids)


@dataclass
class State:
    """What the last build left in the output folder (all of it optional, none of it trusted)."""

    manifest: dict
    cache: dict  # path -> (bytes, document, loader findings)
    memo: dict  # path -> (key, rule findings)
    memo_before: dict


@dataclass
class Plan:
    """What this build renders: every unit's hash, and the units whose outputs are out of date."""

    cat: Catalogue
    renderers: list[Renderer]
    options: dict
    base: str  # hash input shared by every unit: version, code, templates, renderers, options
    hashes: dict[str, str]  # unit ("<kode>" or "pd:<id>") -> hash
    todo: list[str]
    kept: dict  # manifest entries of the units that are up to date
    previous: dict  # every unit's manifest entry from the last build


def build(paths: list[str], out_dir: str, only: list[str] | None = None, progress: Progress | None = None,
          options: dict | None = None, jobs: int | None = None, force: bool = False, site: bool = True,
          preset: str = DEFAULT) -> BuildResult:
    """Validate ``paths`` and, when there is no error, render what changed into ``out_dir``."""
    out = Path(out_dir)
    state = open_state(out, force)
    loaded = load(paths, state.cache)  # 1. load: files -> catalogue (+ shape findings)
    result = BuildResult(findings(loaded, state.memo, preset), cat=loaded.cat)  # 2. validate: rules, preset levels
    if has_errors(result.problems):
        return result  # nothing is written
    plan = plan_units(loaded.cat, select(only), options or {}, state.manifest, out)  # 3. plan: what changed
    entries = render_units(plan, out, result, jobs, progress)  # 4. render: the units, in parallel
    if result.failed:
        return result  # the manifest keeps the last complete build; the next build tries again
    catalogue_files = render_catalogue_files(plan, out, state.manifest, result)
    site_section = write_review_site(plan, out, result, state.manifest, jobs) if site else None  # 5. site
    write_manifest(out, state, loaded.cat, entries, catalogue_files,  # 6. manifest
                   state.manifest.get("situs", {}) if site_section is None else site_section)
    return result


# ------------------------------------------------------------------------------------------- state
def open_state(out: Path, force: bool) -> State:
    """Return the manifest, the parsed documents and the findings of the last build in ``out``."""
    if force:
        return State({}, {}, {}, {})
    cache, memo = _load_cache(out)
    return State(_read_manifest(out / MANIFEST), cache, memo, dict(memo))


def _safe(rel: object) -> bool:
    """Return whether a path read from the manifest stays inside the output folder."""
    if not isinstance(rel, str) or not rel or "\\" in rel or ":" in rel:
        return False
    p = PurePosixPath(rel)
    return not p.is_absolute() and ".." not in p.parts and p.as_posix() == rel


_KODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def _read_manifest(path: Path) -> dict:
    """Return the manifest with every entry that is malformed or names a path outside the folder left out."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}

    def entry(e: object) -> dict | None:
        if isinstance(e, dict) and isinstance(e.get("hash"), str) and isinstance(e.get("berkas"), list) \
                and all(_safe(f) for f in e["berkas"]):
            return {"hash": e["hash"], "berkas": list(e["berkas"])}
        return None

    docs = data.get("dokumen") if isinstance(data.get("dokumen"), dict) else {}
    manifest: dict = {"dokumen": {k: e for k, v in docs.items() if (e := entry(v)) is not None}}
    if (cat := entry(data.get("katalog"))) is not None:
        manifest["katalog"] = cat
    situs = data.get("situs")
    if isinstance(situs, dict) and all(isinstance(situs.get(k, {}), dict) for k in ("halaman", "ukuran")):
        pages = {k: v for k, v in situs.get("halaman", {}).items() if _KODE.match(str(k)) and isinstance(v, str)}
        manifest["situs"] = dict(situs, halaman=pages)
    return manifest


def _load_cache(out: Path) -> tuple[dict, dict]:
    """Return the parsed documents and their findings from the last build (checked against the bytes)."""
    try:
        with open(out / CACHE, "rb") as fh:
            data = pickle.load(fh)
        if data.get("versi") == __version__ + _CODE_HASH:
            return data["dokumen"], data["temuan"]
    except Exception:  # a missing, old or damaged cache only costs time
        pass
    return {}, {}


def _save_cache(out: Path, cache: dict, memo: dict, keep: set[str]) -> None:
    data = {"versi": __version__ + _CODE_HASH, "dokumen": {k: v for k, v in sorted(cache.items()) if k in keep},
            "temuan": {k: v for k, v in sorted(memo.items()) if k in keep}}
    write_atomic(out / CACHE, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


# ------------------------------------------------------------------------------------------- plan
def _tree_hash(folder: Path, suffixes: tuple[str, ...] | None = None) -> str:
    h = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and (suffixes is None or path.suffix in suffixes):
                h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


_CODE_HASH = _tree_hash(PACKAGE_DIR, (".py",))


def _dependencies(cat: Catalogue, doc: Map) -> list[str]:
    """Return the codes whose files change what ``doc`` renders (names and links shown in its outputs)."""
    return sorted(set(code for _keys, code, _relation in doc.links() if code in cat.by_code))


def document_hashes(cat: Catalogue, base: str) -> dict[str, str]:
    """Return code -> hash of everything a document's outputs are made from."""
    org = cat.sources.get(cat.organisasi.path, b"") if cat.organisasi else b""
    logo = b""
    if cat.organisasi and cat.organisasi.logo:
        logo_path = Path(cat.organisasi.path).parent / cat.organisasi.logo
        logo = logo_path.read_bytes() if logo_path.is_file() else b""
    register = cat.sources.get(cat.peraturan.path, b"") if cat.peraturan else b""  # dasar hukum as printed
    common = hashlib.sha256(base.encode() + org + logo + register).hexdigest().encode()
    out = {}
    for doc in cat.maps:
        h = hashlib.sha256(common + cat.sources[doc.path])
        for code in _dependencies(cat, doc):
            h.update(code.encode() + cat.sources[cat.by_code[code].path])
        out[doc.kode] = h.hexdigest()
    return out


def department_hashes(cat: Catalogue, doc_hashes: dict[str, str], base: str) -> dict[str, str]:
    """Return "pd:<id>" -> hash of the department's documents (what its book and forms are made from)."""
    out: dict[str, hashlib._Hash] = {}
    for doc in cat.maps:
        h = out.setdefault(f"pd:{doc.perangkat_daerah}", hashlib.sha256(base.encode()))
        h.update(doc.kode.encode() + doc_hashes[doc.kode].encode())
    return {k: h.hexdigest() for k, h in sorted(out.items())}


def plan_units(cat: Catalogue, renderers: list[Renderer], options: dict, manifest: dict, out: Path) -> Plan:
    """Return the plan: a unit is up to date when its hash is the one recorded and all its files are there.

    Raises PetaprosesError for a missing program before anything is written: no half a build.
    """
    for r in renderers:
        for tool, hint in r.tools.items():
            if shutil.which(tool) is None:
                raise PetaprosesError(f"program '{tool}' tidak ditemukan; {hint}")
    base = json.dumps([__version__, _CODE_HASH, _tree_hash(templates_dir()),
                       sorted(r.module.__name__ for r in renderers), options], sort_keys=True)
    hashes = document_hashes(cat, base)
    if any(r.per_department for r in renderers):
        hashes.update(department_hashes(cat, hashes, base))
    old = manifest.get("dokumen", {})
    todo: list[str] = []
    kept: dict = {}
    # departments last: a book reuses the SOP bodies (parts) that the document units have just stored
    for unit in sorted(hashes, key=lambda u: (u.startswith("pd:"), u)):
        entry = old.get(unit)
        if entry and entry["hash"] == hashes[unit] and all((out / f).is_file() for f in entry["berkas"]):
            kept[unit] = entry
        else:
            todo.append(unit)
    return Plan(cat, renderers, options, base, hashes, todo, kept, old)


# ------------------------------------------------------------------------------------------- render
_WORKER: dict = {}  # what the worker processes inherit (fork): only unit names cross processes


def _files_of(cat: Catalogue, renderers: list[Renderer], options: dict, out: Path,
              unit: str) -> tuple[str, dict[str, bytes]]:
    """Return (Perangkat Daerah, {name: bytes}) that the renderers make for one unit."""
    files: dict[str, bytes] = {}
    if unit.startswith("pd:"):
        pd_id = unit[3:]
        prefixes = tuple(f".{d.kode}." for d in cat.maps if d.perangkat_daerah == pd_id)
        stored = part_store.load(out, pd_id, prefixes)
        for r in renderers:
            if r.per_department:
                files.update(r.module.render_department(cat, pd_id, parts=stored, **options.get(r.name, {})))
        return pd_id, files
    doc = cat.by_code[unit]
    for r in renderers:
        if r.applies(doc):
            files.update(r.module.render(cat, doc, **options.get(r.name, {})))
    return doc.perangkat_daerah, files


def _render_unit(unit: str) -> tuple[str, list[str], str | None]:
    """Render and write one unit: a document (its code) or a department ("pd:<id>", e.g. the Dokumen SOP book).

    Returns (unit, files written, error message); a message starting with "!" is a PetaprosesError.
    """
    out = Path(_WORKER["out"])
    written: list[str] = []
    try:
        pd_id, files = _files_of(_WORKER["cat"], _WORKER["renderers"], _WORKER["options"], out, unit)
        for name, data in sorted(files.items()):
            if part_store.is_part(name):
                written.append(str(part_store.store(out, pd_id, name, data)))
            else:
                if "/" in name or "\\" in name:
                    raise ValueError(f"output name {name!r} is not a plain file name")
                write_atomic(out / pd_id / name, data)
                written.append(str(out / pd_id / name))
    except PetaprosesError as exc:
        return unit, written, f"!{exc}"
    except Exception as exc:  # a renderer bug must not stop the other documents
        detail = traceback.format_exc() if os.environ.get("PETAPROSES_DEBUG") else f"{type(exc).__name__}: {exc}"
        return unit, written, detail
    return unit, written, None


def _jobs(requested: int | None, tasks: int) -> int:
    if requested is not None:
        return max(1, requested)
    if sys.platform == "win32" or tasks < 2:
        return 1
    return min(os.cpu_count() or 1, tasks)


def render_units(plan: Plan, out: Path, result: BuildResult, jobs: int | None, progress: Progress | None) -> dict:
    """Render the units that are out of date, in parallel; return the manifest entries of every unit.

    A unit's files from an earlier build that it no longer makes go away, and so do the files of documents
    that are no longer in the catalogue.
    """
    if out.is_dir():  # temporary files of an interrupted build
        for stale in out.rglob(".*.tmp"):
            stale.unlink(missing_ok=True)
    entries: dict = dict(plan.kept)
    result.skipped = list(plan.kept)
    done = 0

    def record(unit: str, files: list[str], error: str | None) -> None:
        nonlocal done
        done += 1
        if error and error.startswith("!"):
            raise PetaprosesError(error[1:])
        if error:
            result.failed.append((unit, error))
        else:
            result.built.append(unit)
            entries[unit] = {"hash": plan.hashes[unit], "berkas": sorted(_rel(f, out) for f in files)}
            for gone in set(plan.previous.get(unit, {}).get("berkas", [])) - set(entries[unit]["berkas"]):
                (out / gone).unlink(missing_ok=True)  # e.g. a PDF from an earlier --pdf build
        result.written.extend(Path(f) for f in files)
        if progress:
            progress(done, len(plan.todo), unit)

    _WORKER.update(cat=plan.cat, renderers=plan.renderers, options=plan.options, out=str(out))
    try:
        _run(plan.todo, record, _jobs(jobs, len(plan.todo)))
    finally:
        _WORKER.clear()
    result.built = [u for u in result.built if not u.startswith("pd:")]
    result.skipped = [u for u in result.skipped if not u.startswith("pd:")]
    for unit, entry in plan.previous.items():
        if unit not in plan.hashes:  # a document (or department) that is gone
            for f in entry["berkas"]:
                (out / f).unlink(missing_ok=True)
    return entries


def _run(units: list[str], record: Callable, workers: int) -> None:
    if workers > 1:
        # fork shares the loaded catalogue with the workers; only names cross processes
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
            for unit, files, error in pool.map(_render_unit, units, chunksize=1):
                record(unit, files, error)
    else:
        for unit in units:
            record(*_render_unit(unit))


def _rel(path: str, out: Path) -> str:
    return Path(path).relative_to(out).as_posix()


# ------------------------------------------------------------------------------------------- catalogue, site
def render_catalogue_files(plan: Plan, out: Path, manifest: dict, result: BuildResult) -> dict:
    """Write the files of renderers that work on the whole catalogue; return their manifest section."""
    catalogue_hash = hashlib.sha256(json.dumps(sorted(plan.hashes.items())).encode() + plan.base.encode()).hexdigest()
    old = manifest.get("katalog", {})
    if old.get("hash") == catalogue_hash and all((out / f).is_file() for f in old.get("berkas", [])):
        return {"hash": catalogue_hash, "berkas": sorted(old.get("berkas", []))}
    files = []
    for r in plan.renderers:
        if r.per_catalogue:
            for name, data in sorted(r.module.render_catalogue(plan.cat).items()):
                write_atomic(out / name, data)
                result.written.append(out / name)
                files.append(_rel(str(out / name), out))
    return {"hash": catalogue_hash, "berkas": sorted(files)}


def _mapper(jobs: int | None) -> Callable:
    """Return a map() that spreads a long list of pages over worker processes."""
    def mapper(fn: Callable, items) -> list | map:
        items = list(items)
        if _jobs(jobs, len(items)) < 2 or len(items) < 50:
            return map(fn, items)
        # fork: the workers inherit the catalogue and the page context set up by write_site
        with ProcessPoolExecutor(_jobs(jobs, len(items)), mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(fn, items, chunksize=16))
    return mapper


def write_review_site(plan: Plan, out: Path, result: BuildResult, manifest: dict, jobs: int | None) -> dict:
    """Write the review site's pages that changed and its index; return its manifest section."""
    section, pages = write_site(plan.cat, result.problems, out, plan.hashes, templates_dir(), manifest.get("situs", {}),
                                write_atomic, _mapper(jobs))
    result.written.extend(pages)
    return section


# ------------------------------------------------------------------------------------------- manifest
def write_manifest(out: Path, state: State, cat: Catalogue, entries: dict, catalogue_section: dict,
                   site_section: dict) -> None:
    """Record what this build made (and keep the parsed documents and findings for the next one)."""
    if cat.reloaded or state.memo != state.memo_before or set(state.cache) != set(cat.sources) \
            or not (out / CACHE).is_file():
        _save_cache(out, state.cache, state.memo, set(cat.sources))
    write_atomic(out / MANIFEST, json.dumps(
        {"versi": __version__, "dokumen": dict(sorted(entries.items())), "katalog": catalogue_section,
         "situs": site_section}, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))
