"""load -> validate -> render -> write: the only stage that writes files.

Renderers are independent modules under ``render/``; each returns ``{file name: bytes}`` for one document
(written to ``output/<perangkat_daerah>/``) or for the whole catalogue (written to ``output/``).
Every file is written to a temporary name and renamed, so an interrupted build leaves no half-written file.
"""

from __future__ import annotations

import importlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .catalogue import Catalogue, Map, load_catalogue
from .problems import PetaprosesError, Problem
from .validate import has_errors, validate

# (module under petaproses.render, what it makes); a module missing its optional tool raises PetaprosesError
RENDERERS = ["bpmn", "diagram", "sop_docx"]


@dataclass
class BuildResult:
    problems: list[Problem]
    written: list[Path] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def check(paths: list[str]) -> tuple[Catalogue, list[Problem]]:
    """Return the catalogue and every finding, sorted by file and position."""
    cat, problems = load_catalogue(paths)
    problems += validate(cat)
    return cat, sorted(set(problems))


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _renderers(names: list[str]) -> list:
    mods = []
    for name in names:
        try:
            mods.append(importlib.import_module(f"petaproses.render.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("petaproses.render"):
                continue  # renderer not part of this build of petaproses
            raise
    return mods


def build(paths: list[str], out_dir: str, only: list[str] | None = None,
          progress: Callable[[str], None] | None = None, options: dict | None = None) -> BuildResult:
    """Validate ``paths`` and, when there is no error, render every document into ``out_dir``."""
    cat, problems = check(paths)
    result = BuildResult(problems)
    if has_errors(problems):
        return result
    out = Path(out_dir)
    options = options or {}
    for mod in _renderers(only or RENDERERS):
        for doc in cat.maps:
            if not mod.applies(doc):
                continue
            try:
                files = mod.render(cat, doc, **options.get(mod.__name__.rsplit(".", 1)[-1], {}))
            except PetaprosesError:
                raise
            for name, data in sorted(files.items()):
                target = out / doc.perangkat_daerah / name
                write_atomic(target, data)
                result.written.append(target)
            if progress:
                progress(f"{doc.kode}: {', '.join(sorted(files))}")
        if hasattr(mod, "render_catalogue"):
            for name, data in sorted(mod.render_catalogue(cat).items()):
                target = out / name
                write_atomic(target, data)
                result.written.append(target)
    return result


def output_dir_for(doc: Map, out_dir: str) -> Path:
    return Path(out_dir) / doc.perangkat_daerah
