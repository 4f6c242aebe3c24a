"""Presets: named level changes over the table's defaults, so a rule never decides how strict a run is."""

from __future__ import annotations

import dataclasses

from ..problems import Level, Problem
from .table import TABLE

DEFAULT = "bawaan"
PRESETS: dict[str, dict[str, Level]] = {
    DEFAULT: {},
    # --ketat: every warning is an error (the build refuses to write, check exits 1)
    "ketat": {c.code: "galat" for c in TABLE if c.level == "peringatan"},
}


def apply_preset(problems: list[Problem], preset: str = DEFAULT) -> list[Problem]:
    """Return ``problems`` with the levels that ``preset`` sets."""
    levels = PRESETS[preset]
    if not levels:
        return problems
    return [dataclasses.replace(p, level=levels[p.code]) if p.code in levels and levels[p.code] != p.level else p
            for p in problems]
