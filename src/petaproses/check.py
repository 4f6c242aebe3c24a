"""`petaproses check`: load the catalogue that the paths belong to, run the rules, report on the paths.

Two stages that the build runs too: ``load`` (files -> typed documents and shape findings: load.py and
catalogue.py) and ``findings`` (rules over the catalogue, then the preset's levels).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from typing import TYPE_CHECKING

from .problems import Problem
DEFAULT = "bawaan"  # rules.presets.DEFAULT (importing rules loads the model; the no-op build does not)

if TYPE_CHECKING:  # the model is imported when a catalogue is loaded, not for catalogue_roots (no-op build)
    from .catalogue import Catalogue


@dataclass
class Loaded:
    cat: "Catalogue"
    problems: list[Problem]  # the loader's findings (shape, YAML, unreadable files)
    roots: list[str]  # the catalogue folders
    requested: list[Path]  # what the user named, resolved


def catalogue_roots(paths: list[str]) -> list[str]:
    """Return the catalogue folders the ``paths`` belong to: the nearest folder (upwards) with organisasi.yaml.

    Checking one file or one department folder then sees the organisation file and every code it may link
    to; a path with no organisation file above it is its own catalogue.
    """
    roots: list[str] = []
    for p in paths:
        start = _resolved(p)
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


def _resolved(path: str) -> Path:
    """``Path(path).resolve()``, or, where links go round in a circle (then it is missing), its folders resolved
    as ``_within`` resolves them (os.path.realpath stops at the circle)."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python 3.11)
        return Path(os.path.realpath(path))


def _within(path: str, requested: list[Path], folders: dict[str, str] | None = None) -> bool:
    """Return whether ``path`` is one of ``requested`` or inside one (resolved); ``folders`` keeps the
    resolved folders between calls (a catalogue's files share a few: one resolve per folder, not per file).
    Compared as strings (normcase: Windows paths ignore case): Path objects cost ~20 µs a file."""
    head, name = os.path.split(path)
    if folders is None or name in ("", ".", "..") or os.path.islink(path):
        resolved = os.path.realpath(path)
    else:
        parent = folders.get(head)
        if parent is None:
            parent = folders[head] = os.path.realpath(head or ".")
        resolved = os.path.join(parent, name)
    resolved = os.path.normcase(resolved)
    for r in requested:
        top = os.path.normcase(str(r))
        if resolved == top or resolved.startswith(top if top.endswith(os.sep) else top + os.sep):
            return True
    return False


def load(paths: list[str], cache: dict | None = None, jobs: int | None = None, listing: tuple | None = None) -> Loaded:
    """Return the catalogue that ``paths`` belong to, with the loader's findings (``jobs``, ``listing``:
    load_catalogue)."""
    from .catalogue import load_catalogue

    roots = catalogue_roots(paths)
    requested = [_resolved(p) for p in paths]
    # a check of some files reads the other maps' codes, titles and parents: those come from the cache's
    # summaries, and a map is validated whole only when a rule reads more of it (standin.py)
    partial = [_resolved(r) for r in roots] != requested
    cat, problems = load_catalogue(roots, cache, jobs, stand_ins=partial, listing=listing)
    named = {p.path for p in problems}
    # a path named inside a catalogue is not among what listing the catalogue finds: said here
    from .load import not_found

    problems += [Problem(p, 1, 1, "file-not-found", not_found(p)) for p in paths
                 if not os.path.exists(p or ".") and p not in named and str(Path(p)) not in named]
    return Loaded(cat, problems, roots, requested)


def requested_files(loaded: Loaded) -> set[str] | None:
    """Return the catalogue's files within the paths the user named, or None when they named its folders whole."""
    if [_resolved(r) for r in loaded.roots] == loaded.requested:
        return None
    folders: dict[str, str] = {}
    return {f for f in loaded.cat.sources if _within(f, loaded.requested, folders)}


def findings(loaded: Loaded, memo: dict | None = None, preset: str = DEFAULT, local: dict | None = None,
             jobs: int | None = None) -> list[Problem]:
    """Return the loader's and the rules' findings in the requested paths, at the preset's levels, sorted.

    ``local``: the check cache's findings of each map's own rules; ``jobs``: worker processes (rules.validate).
    """
    from .rules import validate
    from .rules.presets import apply_preset
    from .silence import silenced

    cat = loaded.cat
    chosen = requested_files(loaded)
    # before the rules: a code used twice is reported on the checked file (Catalogue.index_codes)
    cat.checked = list(cat.sources) if chosen is None else [f for f in cat.sources if f in chosen]
    problems = _other_institutions(loaded.problems + validate(cat, memo, local=local, jobs=jobs, files=chosen))
    problems = silenced(problems, cat.sources)  # before the preset: --ketat keeps a warning silenced
    if chosen is not None:
        folders: dict[str, str] = {}
        problems = [p for p in problems if _within(p.path, loaded.requested, folders)]
    return sorted(set(apply_preset(problems + style_problems(loaded.roots), preset)))


def style_problems(roots: list[str]) -> list[Problem]:
    """Return the problems of the gaya.yaml, dasar.docx and .j2 templates that a build of ``roots`` reads (templates/
    of the catalogue or of the current folder): they shape every SOP, so any check reports them, and a build
    refuses them before writing."""
    from .paths import PACKAGE_TEMPLATES, templates_dir

    folder = templates_dir(roots=roots)
    if folder == PACKAGE_TEMPLATES:
        return []  # the shipped ones (and nothing of the checks imported)
    from .gaya import folder_problems
    from .gaya_j2 import template_problems

    return folder_problems(folder) + template_problems(folder)


# what follows from checking a second institution's files against the first's organisation file
_FOREIGN = ("unknown-perangkat-daerah", "unknown-unit", "unknown-pelaksana", "unknown-pejabat", "unknown-aplikasi")


def _other_institutions(problems: list[Problem]) -> list[Problem]:
    """A second organisation file is another institution: its folder's maps, checked against the first
    organisation, name nothing it knows.  Those findings say one thing, said once at that file, with how to
    check each institution on its own."""
    seconds = [p for p in problems if p.code == "duplicate-id" and p.message.startswith("berkas organisasi kedua")]
    if not seconds:
        return problems
    folders = {p.path: os.path.dirname(os.path.abspath(p.path)) + os.sep for p in seconds}
    out, hidden = [], dict.fromkeys(folders, 0)
    for p in problems:
        home = next((o for o, f in folders.items() if p.code in _FOREIGN and os.path.abspath(p.path).startswith(f)),
                    None)
        if home is None:
            out.append(p)
        else:
            hidden[home] += 1
    for i, p in enumerate(out):
        if p in seconds:
            folder = os.path.dirname(p.path) or "."
            more = f"; {hidden[p.path]} temuan id tak dikenal di folder ini tidak ditampilkan" if hidden[p.path] else ""
            out[i] = replace(p, message=(
                f"{p.message}{more}. Bila folder ini instansi lain, periksa dan bangun tiap instansi sendiri: "
                f"petaproses check {folder} lalu petaproses build {folder} -o output/{os.path.basename(folder)}"))
    return out


def check(paths: list[str], cache: dict | None = None, memo: dict | None = None, preset: str = DEFAULT,
          local: dict | None = None, listing: tuple | None = None) -> tuple["Catalogue", list[Problem]]:
    """Return the catalogue that ``paths`` belong to and the findings in ``paths``, sorted by file and position."""
    loaded = load(paths, cache, listing=listing)
    return loaded.cat, findings(loaded, memo, preset, local)


def check_cached(paths: list[str], preset: str = DEFAULT,
                 listing: tuple | None = None) -> tuple["Catalogue", list[Problem]]:
    """``check`` through the check cache (checkcache.py): the same findings; unchanged files are not parsed
    again and their own rules not run again.  The cache is written back when this check learnt something.
    ``listing``: load.find_files of the catalogue folders, made a moment ago (the quick path's)."""
    from .checkcache import later, open_store

    store = open_store(catalogue_roots(paths))
    cat, problems = check(paths, store.cache, preset=preset, local=store.local, listing=listing)
    later(("cache", str(store.path)), lambda: store.save(cat))
    return cat, problems


__all__ = ["Loaded", "catalogue_roots", "load", "requested_files", "findings", "check", "check_cached",
           "style_problems"]
