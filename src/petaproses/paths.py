"""Where petaproses finds the templates a Pemda may restyle (one rule for every renderer and the build).

The templates ship inside the package (package data, beside this module), so an installed
wheel works anywhere; `petaproses templat` copies them for editing.  A copy is used when it is, first, the
``templates/`` folder of the catalogue a command works on (beside its organisation file), whatever folder the
command runs in; else the ``templates/`` folder of the current folder.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterator

from .problems import PetaprosesError

# pip installs packages as plain folders: the data is a real path beside this module, which FileSystemLoader and
# open() read (importlib.resources would say the same, for ~2.5 ms of imports in every check)
PACKAGE_TEMPLATES = Path(os.path.abspath(__file__)).parent / "templates"
REPO_TEMPLATES = PACKAGE_TEMPLATES  # the older name, still imported by render/docx_style.py

_ROOTS: list[str] = []  # the catalogue folders of the build that runs (``catalogue``): the renderers' templates


def _holds_templates(folder: Path) -> bool:
    return (folder / "sop").is_dir() or (folder / "site").is_dir()


def catalogue_templates(roots: list[str]) -> Path | None:
    """Return the ``templates/`` folder of the catalogue folders ``roots`` (check.catalogue_roots), None when
    they have none.  Two catalogues with templates of their own are one command too many: which would apply?"""
    found: dict[str, Path] = {}
    for root in roots:
        folder = Path(root) / "templates"
        if os.path.isdir(root) and _holds_templates(folder):
            found.setdefault(os.path.realpath(folder), folder)
    if len(found) > 1:
        first, second = list(found.values())[:2]
        raise PetaprosesError(f"katalog {first.parent} dan {second.parent} masing-masing punya folder templates/ "
                              "sendiri; periksa dan bangun tiap katalog dengan perintahnya sendiri")
    return next(iter(found.values()), None)


def templates_dir(option: str | Path | None = None, roots: list[str] | None = None) -> Path:
    """Return ``option``, else the templates/ folder of the catalogue (``roots``, else those of the build that
    runs), else ./templates when it holds templates, else the templates shipped with petaproses."""
    if option:
        path = Path(option)
        if not path.is_dir():
            raise PetaprosesError(f"folder templat tidak ditemukan: {path}")
        return path
    own = catalogue_templates(_ROOTS if roots is None else roots)
    if own is not None:
        return own
    local = Path("templates")
    if _holds_templates(local):
        return local
    return PACKAGE_TEMPLATES


def search_path(templates: Path, part: str) -> list[str]:
    """The folders a template of ``part`` ("sop", "site") is looked up in: the restyled copy's, then the shipped
    ones.  A copy need not hold every file (a Pemda that changes only gaya.yaml keeps only it): what it lacks is
    petaproses' own, in check and build alike (review Z: a build failed halfway on the missing site templates)."""
    own = str(templates / part)
    shipped = str(PACKAGE_TEMPLATES / part)
    return [own] if os.path.realpath(own) == os.path.realpath(shipped) else [own, shipped]


def template_file(templates: Path, part: str, name: str) -> Path:
    """Return the file ``name`` of ``part`` in ``templates``, else the one petaproses ships (``search_path``)."""
    own = templates / part / name
    return own if own.is_file() else PACKAGE_TEMPLATES / part / name


@contextlib.contextmanager
def catalogue(roots: list[str]) -> Iterator[None]:
    """Within: ``templates_dir()`` is that of the catalogue folders ``roots`` (the build's renderers and forks)."""
    before = list(_ROOTS)
    _ROOTS[:] = roots
    try:
        yield
    finally:
        _ROOTS[:] = before
