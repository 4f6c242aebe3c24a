"""load -> validate -> render -> write: the only stage that writes files.

Renderers are independent modules under ``render/``; each returns ``{file name: bytes}`` for one document
(written to ``output/<perangkat_daerah>/``) or for the whole catalogue (written to ``output/``).
Every file is written to a temporary name and renamed, so an interrupted build leaves no half-written file.
A manifest (``output/.petaproses-build.json``) keeps a content hash per document (its file, the files it
depends on, the organisation file, the templates and petaproses itself), so only what changed is rebuilt.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import multiprocessing
import os
import pickle
import shutil
import sys
import tempfile
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import __version__
from .catalogue import Catalogue, Map, load_catalogue
from .model import PetaLevel1, PetaLintasFungsi, PetaSubProses, Sop
from .paths import templates_dir
from .problems import PetaprosesError, Problem
from .validate import has_errors, validate

RENDERERS = ["bpmn", "diagram", "sop_docx", "forms"]
MANIFEST = ".petaproses-build.json"
PACKAGE_DIR = Path(__file__).resolve().parent
_UMASK = os.umask(0)
os.umask(_UMASK)


@dataclass
class BuildResult:
    problems: list[Problem]
    written: list[Path] = field(default_factory=list)
    built: list[str] = field(default_factory=list)  # document codes rendered
    skipped: list[str] = field(default_factory=list)  # up to date
    failed: list[tuple[str, str]] = field(default_factory=list)  # (code, message)


def catalogue_roots(paths: list[str]) -> list[str]:
    """Return the catalogue folders the ``paths`` belong to: the nearest folder (upwards) with organisasi.yaml.

    Checking one file or one department folder then sees the organisation file and every code it may link
    to; a path with no organisation file above it is its own catalogue.
    """
    roots: list[str] = []
    for p in paths:
        start = Path(p).resolve()
        found = None
        for folder in [start, *start.parents] if start.is_dir() else list(start.parents):
            if any((folder / name).is_file() for name in ("organisasi.yaml", "organisasi.yml")):
                found = folder
                break
            if (folder / ".git").exists():
                break  # not above the repository
        root = p if found is None else os.path.relpath(found) if found.is_relative_to(Path.cwd()) else str(found)
        if root not in roots:
            roots.append(root)
    return roots


def _within(path: str, requested: list[Path]) -> bool:
    resolved = Path(path).resolve()
    return any(resolved == r or r in resolved.parents for r in requested)


def check(paths: list[str], cache: dict | None = None, memo: dict | None = None) -> tuple[Catalogue, list[Problem]]:
    """Return the catalogue that ``paths`` belong to and the findings in ``paths``, sorted by file and position."""
    roots = catalogue_roots(paths)
    cat, problems = load_catalogue(roots, cache)
    problems += validate(cat, memo)
    requested = [Path(p).resolve() for p in paths]
    if [Path(r).resolve() for r in roots] != requested:
        problems = [p for p in problems if _within(p.path, requested) or p.code == "file-not-found"]
        cat.checked = [f for f in cat.sources if _within(f, requested)]
    else:
        cat.checked = list(cat.sources)
    return cat, sorted(set(problems))


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def renderer_modules(names: list[str] | None = None) -> list:
    mods = []
    for name in names or RENDERERS:
        try:
            mods.append(importlib.import_module(f"petaproses.render.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name == f"petaproses.render.{name}":
                continue  # renderer not part of this version
            raise
    return mods


# ------------------------------------------------------------------------------------------- hashing
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
    codes: list[str] = [doc.induk] if doc.induk else []
    if isinstance(doc, PetaLevel1):
        codes += [p.rincian for p in doc.proses if p.rincian]
    if isinstance(doc, (PetaLintasFungsi, PetaSubProses)):
        items = doc.kegiatan if isinstance(doc, PetaLintasFungsi) else doc.sub_proses
        codes += [i.rincian for i in items if i.rincian]
    if isinstance(doc, Sop):
        codes += list(doc.keterkaitan)
    return sorted(set(c for c in codes if c in cat.by_code))


def document_hashes(cat: Catalogue, base: str) -> dict[str, str]:
    """Return code -> hash of everything a document's outputs are made from."""
    org = cat.sources.get(cat.organisasi.path, b"") if cat.organisasi else b""
    logo = b""
    if cat.organisasi and cat.organisasi.logo:
        logo_path = Path(cat.organisasi.path).parent / cat.organisasi.logo
        logo = logo_path.read_bytes() if logo_path.is_file() else b""
    common = hashlib.sha256(base.encode() + org + logo).hexdigest().encode()
    out = {}
    for doc in cat.maps:
        h = hashlib.sha256(common + cat.sources[doc.path])
        for code in _dependencies(cat, doc):
            h.update(code.encode() + cat.sources[cat.by_code[code].path])
        out[doc.kode] = h.hexdigest()
    return out


# ------------------------------------------------------------------------------------------- rendering
_WORKER: dict = {}


def _render_unit(unit: str) -> tuple[str, list[str], str | None]:
    """Render one unit: a document (its code) or a department ("pd:<id>", e.g. the Dokumen SOP book).

    Returns (unit, files written, error message); a message starting with "!" is a PetaprosesError.
    """
    cat: Catalogue = _WORKER["cat"]
    written: list[str] = []
    try:
        for mod in _WORKER["mods"]:
            options = _WORKER["options"].get(mod.__name__.rsplit(".", 1)[-1], {})
            if unit.startswith("pd:"):
                if not hasattr(mod, "render_department"):
                    continue
                pd_id = unit[3:]
                files = mod.render_department(cat, pd_id, out_dir=_WORKER["out"], **options)
            else:
                doc = cat.by_code[unit]
                if not mod.applies(doc):
                    continue
                pd_id = doc.perangkat_daerah
                files = mod.render(cat, doc, **options)
            for name, data in sorted(files.items()):
                target = Path(_WORKER["out"]) / pd_id / name
                write_atomic(target, data)
                written.append(str(target))
    except PetaprosesError as exc:
        return unit, written, f"!{exc}"
    except Exception as exc:  # a renderer bug must not stop the other documents
        detail = traceback.format_exc() if os.environ.get("PETAPROSES_DEBUG") else f"{type(exc).__name__}: {exc}"
        return unit, written, detail
    return unit, written, None


def department_hashes(cat: Catalogue, doc_hashes: dict[str, str], base: str) -> dict[str, str]:
    """Return "pd:<id>" -> hash of the department's documents (what its book and forms are made from)."""
    out: dict[str, hashlib._Hash] = {}
    for doc in cat.maps:
        h = out.setdefault(f"pd:{doc.perangkat_daerah}", hashlib.sha256(base.encode()))
        h.update(doc.kode.encode() + doc_hashes[doc.kode].encode())
    return {k: h.hexdigest() for k, h in sorted(out.items())}


def _jobs(requested: int | None, tasks: int) -> int:
    if requested is not None:
        return max(1, requested)
    if sys.platform == "win32" or tasks < 2:
        return 1
    return min(os.cpu_count() or 1, tasks)


def build(paths: list[str], out_dir: str, only: list[str] | None = None,
          progress: Callable[[int, int, str], None] | None = None, options: dict | None = None,
          jobs: int | None = None, force: bool = False, site: bool = True) -> BuildResult:
    """Validate ``paths`` and, when there is no error, render what changed into ``out_dir``."""
    out = Path(out_dir)
    cache, memo = _load_cache(out) if not force else ({}, {})
    memo_before = dict(memo)
    cat, problems = check(paths, cache, memo)
    result = BuildResult(problems)
    if has_errors(problems):
        return result
    if out.is_dir():  # temporary files of an interrupted build
        for stale in out.rglob(".*.tmp"):
            stale.unlink(missing_ok=True)
    options = options or {}
    mods = renderer_modules(only)
    for mod in mods:  # before anything is written: a missing tool must not leave half a build behind
        for tool in getattr(mod, "TOOLS", ()):
            if shutil.which(tool) is None:
                raise PetaprosesError(f"program '{tool}' tidak ditemukan; {mod.TOOLS[tool]}")
    base = json.dumps([__version__, _CODE_HASH, _tree_hash(templates_dir()),
                       sorted(m.__name__ for m in mods), options], sort_keys=True)
    hashes = document_hashes(cat, base)
    if any(hasattr(m, "render_department") for m in mods):
        hashes.update(department_hashes(cat, hashes, base))
    manifest_path = out / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if not force else {}
    except (OSError, ValueError):
        manifest = {}
    old_docs: dict = manifest.get("dokumen", {})
    todo: list[str] = []
    # departments last: a book reuses the SOP bodies that the document units have just written
    for unit in sorted(hashes, key=lambda u: (u.startswith("pd:"), u)):
        entry = old_docs.get(unit)
        if entry and entry["hash"] == hashes[unit] and all((out / f).is_file() for f in entry["berkas"]):
            result.skipped.append(unit)
        else:
            todo.append(unit)
    new_docs = {k: v for k, v in old_docs.items() if k in hashes and k in result.skipped}

    _WORKER.update(cat=cat, mods=mods, options=options, out=str(out))
    workers = _jobs(jobs, len(todo))
    done = 0

    def record(code: str, files: list[str], error: str | None) -> None:
        nonlocal done
        done += 1
        if error and error.startswith("!"):
            raise PetaprosesError(error[1:])
        if error:
            result.failed.append((code, error))
        else:
            result.built.append(code)
            new_docs[code] = {"hash": hashes[code], "berkas": sorted(_rel(f, out) for f in files)}
            # a file the unit made last time and not now (e.g. a PDF from an earlier --pdf build) goes away
            for old in set(old_docs.get(code, {}).get("berkas", [])) - set(new_docs[code]["berkas"]):
                (out / old).unlink(missing_ok=True)
        result.written.extend(Path(f) for f in files)
        if progress:
            progress(done, len(todo), code)

    try:
        if workers > 1:
            # fork shares the loaded catalogue with the workers; only names cross processes
            ctx = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
                for code, files, error in pool.map(_render_unit, todo, chunksize=1):
                    record(code, files, error)
        else:
            for unit in todo:
                record(*_render_unit(unit))
    finally:
        _WORKER.clear()
    result.built = [u for u in result.built if not u.startswith("pd:")]
    result.skipped = [u for u in result.skipped if not u.startswith("pd:")]

    # outputs of documents that no longer exist go away
    for code, entry in old_docs.items():
        if code not in hashes:
            for f in entry["berkas"]:
                (out / f).unlink(missing_ok=True)

    catalogue_hash = hashlib.sha256(json.dumps(sorted(hashes.items())).encode() + base.encode()).hexdigest()
    old_cat = manifest.get("katalog", {})
    cat_files = list(old_cat.get("berkas", []))
    if (old_cat.get("hash") != catalogue_hash or not all((out / f).is_file() for f in cat_files)) and not result.failed:
        cat_files = []
        for mod in mods:
            if hasattr(mod, "render_catalogue") and not hasattr(mod, "render_department"):
                for name, data in sorted(mod.render_catalogue(cat).items()):
                    target = out / name
                    write_atomic(target, data)
                    result.written.append(target)
                    cat_files.append(_rel(str(target), out))
    site_section = manifest.get("situs", {})
    if site and not result.failed:
        from .review_site import write_site

        def mapper(fn, items):
            items = list(items)
            if _jobs(jobs, len(items)) < 2 or len(items) < 50:
                return map(fn, items)
            # fork: the workers inherit the catalogue and the page context set up by write_site
            with ProcessPoolExecutor(_jobs(jobs, len(items)), mp_context=multiprocessing.get_context("fork")) as pool:
                return list(pool.map(fn, items, chunksize=16))

        site_section, pages = write_site(cat, problems, out, hashes, templates_dir(), manifest.get("situs", {}),
                                         write_atomic, mapper)
        result.written.extend(pages)
    if not result.failed:
        if cat.reloaded or memo != memo_before or set(cache) != set(cat.sources) or not (out / CACHE).is_file():
            _save_cache(out, cache, memo, set(cat.sources))
        write_atomic(manifest_path, json.dumps(
            {"versi": __version__, "dokumen": dict(sorted(new_docs.items())),
             "katalog": {"hash": catalogue_hash, "berkas": sorted(cat_files)}, "situs": site_section},
            ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))
    return result


CACHE = ".petaproses-cache.pickle"


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


def _rel(path: str, out: Path) -> str:
    return Path(path).relative_to(out).as_posix()
