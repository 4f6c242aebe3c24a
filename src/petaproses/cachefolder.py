"""The user's cache folder (``$PETAPROSES_CACHE``; ``0`` or empty: none; else the platform's cache folder): the
check caches' (``checkcache``) and the code hash's (``state``), found with no other module of petaproses imported."""

from __future__ import annotations

import os
import sys


def cache_folder() -> str | None:
    """Return the folder of petaproses' caches, or None when the user turned the cache off."""
    chosen = os.environ.get("PETAPROSES_CACHE")
    if chosen is not None:
        return None if chosen.strip() in ("", "0") else chosen
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return os.path.join(os.environ["LOCALAPPDATA"], "petaproses", "cache")
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "petaproses")
