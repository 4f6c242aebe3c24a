"""Where petaproses finds the templates a Pemda may restyle (one rule for every renderer and the build)."""

from __future__ import annotations

from pathlib import Path

from .problems import PetaprosesError

REPO_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


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
    return REPO_TEMPLATES
