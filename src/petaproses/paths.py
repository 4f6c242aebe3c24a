"""Where petaproses finds the templates a Pemda may restyle (one rule for every renderer and the build).

The templates ship inside the package (package data, read through importlib.resources), so an installed
wheel works anywhere; a ``templates/`` folder in the current folder overrides them (`petaproses templat`
copies them there for editing).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from .problems import PetaprosesError

# pip installs packages as plain folders, so the resource is a real path that FileSystemLoader and open() read
PACKAGE_TEMPLATES = Path(str(files("petaproses") / "templates"))
REPO_TEMPLATES = PACKAGE_TEMPLATES  # the older name, still imported by render/docx_style.py


def templates_dir(option: str | Path | None = None) -> Path:
    """Return ``option``, else ./templates when it holds templates, else the templates shipped with petaproses."""
    if option:
        path = Path(option)
        if not path.is_dir():
            raise PetaprosesError(f"folder templat tidak ditemukan: {path}")
        return path
    local = Path("templates")
    if (local / "sop").is_dir() or (local / "site").is_dir():
        return local
    return PACKAGE_TEMPLATES
