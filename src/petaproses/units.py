"""The build's units rendered in worker processes: a document, a Perangkat Daerah (its book and forms); the
whole-catalogue files (pieces.py) are made by the build process meanwhile.

Workers are forks of the build (workers.py): they share the loaded catalogue and the plan through ``_WORKER``
and write their files themselves; only unit names and what was written cross processes.
"""

from __future__ import annotations

import os
import sys
import threading
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Callable

from . import parts as part_store
from . import pieces, workers
from . import state as st
from .atomic import os_error_text, write_atomic
from .problems import PetaprosesError

_WORKER: dict = {}  # what the worker processes inherit (fork): only unit names cross processes


def _files_of(cat, renderers: list, options: dict, out: Path, unit: str) -> tuple[str, dict[str, bytes]]:
    """Return (Perangkat Daerah, {name: bytes}) that the renderers make for one unit."""
    files: dict[str, bytes] = {}
    if unit.startswith("pd:"):
        pd_id, own = department_unit(unit)
        prefixes = tuple(f".{d.kode}." for d in cat.maps if d.perangkat_daerah == pd_id)
        stored = part_store.load(out, pd_id, prefixes)
        for r in unit_renderers(renderers, own):
            if r.makes_for_department(cat, pd_id):  # else nothing to make: not even imported
                files.update(r.module.render_department(cat, pd_id, parts=stored, **options.get(r.name, {})))
        return pd_id, files
    doc = cat.by_code[unit]
    for r in renderers:
        if r.applies(doc):
            files.update(r.module.render(cat, doc, **options.get(r.name, {})))
    return doc.perangkat_daerah, files


def department_unit(unit: str) -> tuple[str, str]:
    """Return (Perangkat Daerah, own unit) of a department's unit: "pd:setda" -> ("setda", ""), the book
    and the files made with it; "pd:setda/formulir" -> ("setda", "formulir"), a renderer's own unit
    (render.Renderer.unit)."""
    pd_id, _, own = unit[3:].partition("/")
    return pd_id, own


def unit_renderers(renderers: list, own: str) -> list:
    """Return the department renderers of the department units named ``own`` ("" the book's)."""
    return [r for r in renderers if r.per_department and r.unit == own]


_CATALOGUE = "@katalog"  # the whole-catalogue files (pieces.py): made by the build process while workers render


def _render_unit(unit: str) -> tuple[str, list[str], str | None, dict | None]:
    """Render and write one unit: a document (its code) or a department ("pd:<id>", e.g. the Dokumen SOP book).

    Returns (unit, files written, error message, None); a message starting with "!" stops the build (a missing
    program, a full disk), any other is one unit's failure (a renderer's bug) and the others go on.  For
    ``_CATALOGUE``: the whole-catalogue files, the last item is their manifest section, and any error stops.
    """
    out = Path(_WORKER["out"])
    if unit == _CATALOGUE:
        return _render_catalogue(out)
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
        return unit, written, f"!{exc}", None
    except OSError as exc:  # the machine, not the renderer: a full disk stops the build
        return unit, written, f"!{os_error_text(exc)}", None
    except Exception as exc:  # a renderer bug must not stop the other documents
        return unit, written, _detail(exc), None
    return unit, written, None, None


def _render_catalogue(out: Path) -> tuple[str, list[str], str | None, dict | None]:
    sink = SimpleNamespace(written=[])  # what render_catalogue_files wrote
    try:
        section = pieces.render_catalogue_files(_WORKER["plan"], out, _WORKER["manifest"], sink)
    except PetaprosesError as exc:
        return _CATALOGUE, [str(p) for p in sink.written], f"!{exc}", None
    except OSError as exc:
        return _CATALOGUE, [str(p) for p in sink.written], f"!{os_error_text(exc)}", None
    except Exception as exc:  # no document's files depend on these, but a half-made set must not look done
        return _CATALOGUE, [str(p) for p in sink.written], "!peta relasi dan matriks aplikasi gagal dibuat: " + \
            _detail(exc), None
    return _CATALOGUE, [str(p) for p in sink.written], None, section


def _crashed(unit: str) -> tuple[str, list[str], str, None]:
    """The outcome of a unit whose worker died (killed for its memory, a crash in C): that unit fails, the
    others go on; its files are written only once rendered whole, so none is left half-written."""
    return unit, [], ("proses pembuatnya berhenti mendadak (kemungkinan kehabisan memori); dokumen lain tetap "
                      "dibuat. Jalankan `petaproses check`, lalu perkecil dokumen ini: kurangi pelaksana, "
                      "singkatkan teks kegiatan dan nama jabatan, atau pecah menjadi beberapa SOP"), None


def _detail(exc: Exception) -> str:
    import traceback

    return traceback.format_exc() if os.environ.get("PETAPROSES_DEBUG") else f"{type(exc).__name__}: {exc}"


# set by a process that stays warm (siaga: resident._warm): a lone document unit beside department units is
# rendered here, where its fonts, templates and Graphviz session are ready, after the whole-catalogue files and
# while a fork makes the book: this process would otherwise only wait for a fork that starts Graphviz again
LONE_DOCUMENT_HERE = False


# documents of a department that weigh as much as one document's unit in the workers' sets (workers.run): 10,000
# SOPs in 20 departments: new workers every two departments; 1,000 SOPs: the same sets as counting units
DEPARTMENT_DOCUMENTS = 10


def _jobs(requested: int | None, tasks: int) -> int:
    if requested is not None:
        return max(1, requested)
    # two tasks (a unit and the catalogue files, or two units) run faster here than in forked workers (measured
    # for two units: 60-90 ms CPU less for a one-map build); three (one edit: the document, its department,
    # the catalogue files) run faster in two (a title edit of 1,000 SOPs: 2.3 -> 1.9 s in process)
    if sys.platform == "win32" or tasks <= 2:
        return 1
    return min(os.cpu_count() or 1, tasks)


def _site_ahead(cat, templates: Path) -> tuple[Callable[[], object], Callable[[], object]]:
    """Return (before, after): what prepares the site while the workers render, instead of after them.  Before
    the whole-catalogue files, the peta relasi's relations (those files use them too; relasi.shared keeps
    them); after those files, when this process often only waits for the workers, the compiled templates."""
    def before() -> object:
        from .relasi import derive

        return derive(cat)

    def after() -> None:
        from .review_site import compile_ahead

        compile_ahead(templates)
    return before, after


def render_units(plan, out: Path, result, jobs: int | None, progress: Callable | None,
                 manifest: dict, meanwhile: Callable[[], object] | None = None,
                 then: Callable[[], object] | None = None,
                 documents_done: Callable[[], object] | None = None) -> tuple[dict, dict]:
    """Render the units that are out of date and the whole-catalogue files (pieces.py), in parallel; return
    the manifest entries of every unit and the catalogue's section.  ``plan``: build.Plan; ``result``:
    build.BuildResult, filled in here; ``meanwhile()``: called here while the workers render, before the
    whole-catalogue files; ``then()``: after them; ``documents_done()``: here, once every document's unit is
    recorded and before the departments' (books, forms) are awaited.

    A unit's files from an earlier build that it no longer makes go away, and so do the files of documents
    that are no longer in the catalogue.  A unit that fails keeps its last entry, marked stale.
    """
    entries: dict = dict(plan.kept)
    catalogue: dict = {}
    result.skipped = [u for u in plan.kept if u not in plan.stale]
    result.stale = sorted(u for u in plan.stale if not u.startswith("pd:"))
    result.stale_new = [u for u in result.stale if u not in plan.kept]
    done = 0
    gone: set[str] = set()  # files a unit made last time and no longer makes (e.g. a PDF of a --pdf build)

    def record(unit: str, files: list[str], error: str | None, section: dict | None) -> None:
        nonlocal done
        if unit == _CATALOGUE:
            if error:
                raise PetaprosesError(error[1:])
            catalogue.update(section or {})
            result.written.extend(Path(f) for f in files)
            return
        done += 1
        if error and error.startswith("!"):
            raise PetaprosesError(error[1:])
        if error:
            result.failed.append((unit, error))
            if unit in plan.previous:
                entries[unit] = dict(plan.previous[unit], basi=True)
        else:
            result.built.append(unit)
            entries[unit] = {"hash": plan.hashes[unit], "berkas": sorted(_rel(f, out) for f in files)}
            if not unit.startswith("pd:"):
                entries[unit]["sumber"] = plan.cat.by_code[unit].path
            gone.update(set(plan.previous.get(unit, {}).get("berkas", [])) - set(entries[unit]["berkas"]))
        result.written.extend(Path(f) for f in files)
        if progress:
            progress(done, len(plan.todo), unit)

    _load_modules(plan)
    _WORKER.update(cat=plan.cat, renderers=plan.renderers, options=plan.options, out=str(out), plan=plan,
                   manifest=manifest)

    documents = sum(not u.startswith("pd:") for u in plan.todo)  # rendered first (plan_units)

    def finished(outcome: tuple) -> None:
        nonlocal documents
        record(*outcome)
        if not outcome[0].startswith("pd:"):
            documents -= 1
            if documents == 0 and documents_done is not None:
                documents_done()
    count = _jobs(jobs, len(plan.todo) + 1)
    mine = plan.todo[:1] if LONE_DOCUMENT_HERE and documents == 1 and count > 1 else []
    # all in this process: the whole-catalogue files in a thread, their `dot` processes beside the documents
    # (a one-map catalogue: two relation maps, ~60 ms of waiting)
    aside: list = []
    beside = threading.Thread(target=lambda: aside.append(_render_unit(_CATALOGUE)), daemon=True) \
        if count == 1 and documents else None

    def here() -> None:
        # while the workers render the units: the site's relations, then the whole-catalogue files, which
        # use the same relations (a worker would derive them again: one edit of 1,000 SOPs, 0.15 s CPU)
        if meanwhile is not None:
            meanwhile()
        if beside is not None:
            beside.start()
        else:
            record(*_render_unit(_CATALOGUE))
        for unit in mine:
            finished(_render_unit(unit))
        if then is not None:
            then()
    sizes = Counter(d.perangkat_daerah for d in plan.cat.maps)
    crashed: list[str] = []  # units whose worker died

    def weight(unit: str) -> int:
        # a department's unit reads every document of it, and a worker keeps its own copy of the memory of what
        # it read (reference counts written): counted as one document per DEPARTMENT_DOCUMENTS of them
        return -(-sizes[department_unit(unit)[0]] // DEPARTMENT_DOCUMENTS) if unit.startswith("pd:") else 1
    try:
        for outcome in workers.run(_render_unit, plan.todo[len(mine):], count, meanwhile=here, weight=weight,
                                   crashed=lambda unit: crashed.append(unit) or _crashed(unit)):
            finished(outcome)
    finally:
        if beside is not None and beside.ident is not None:
            beside.join()  # before _WORKER is cleared: the thread reads it
        _WORKER.clear()
    if crashed:  # a worker killed inside a write left its temporary file; nobody else writes here now
        st.sweep_temporary(out)
    if beside is not None:
        record(*(aside[0] if aside else (_CATALOGUE, [], "!peta relasi dan matriks aplikasi gagal dibuat", None)))
    # once every unit is done: a file another unit makes now stays (the forms moved from the book's unit to
    # their own, issue 16)
    for name in sorted(gone - {f for e in entries.values() for f in e["berkas"]}):
        st.remove(out, name)
    result.built = [u for u in result.built if not u.startswith("pd:")]
    result.skipped = [u for u in result.skipped if not u.startswith("pd:")]
    for unit, entry in plan.previous.items():
        if unit not in plan.hashes and unit not in plan.stale:  # a document (or department) that is gone
            for f in entry["berkas"]:
                st.remove(out, f)
    return entries, catalogue


def _load_modules(plan) -> None:
    """Import the renderers the units to do will run, here: the workers are forks, replaced every
    workers.RECYCLE units, and would each import them again (python-docx and the SOP layout: ~0.2 s)."""
    from .render import department_kinds

    cat = plan.cat
    docs = [cat.by_code[u] for u in plan.todo if not u.startswith("pd:")]
    departments = [department_unit(u) for u in plan.todo if u.startswith("pd:")]
    kinds = department_kinds(cat) if departments else set()
    for r in plan.renderers:
        mine = sum(r.applies(d) for d in docs)
        if mine or any(r in unit_renderers(plan.renderers, own) and r.makes_for_department(cat, pd, kinds)
                       for pd, own in departments):
            module = r.module  # imported for the forks
            if mine > 1 and hasattr(module, "warm"):  # one document: its one fork imports the rest
                module.warm()


def _rel(path: str, out: Path) -> str:
    return Path(path).relative_to(out).as_posix()
