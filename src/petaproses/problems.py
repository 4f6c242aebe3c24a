"""Findings about the user's files: data, not exceptions, so that every one of them is reported."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import asdict, dataclass
from typing import Iterable, Literal

Level = Literal["galat", "peringatan"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    code: str
    message: str
    level: Level = "galat"

    def __post_init__(self) -> None:
        if not self.message.isprintable():  # user text quoted in a message must not break the one-line form
            object.__setattr__(self, "message", visible(self.message))

    @property
    def is_error(self) -> bool:
        return self.level == "galat"

    def format(self) -> str:
        """Return the finding as `file:line:column: code: message`, editors can jump to it."""
        tag = "" if self.is_error else "[peringatan] "
        return f"{self.path}:{self.line}:{self.column}: {self.code}: {tag}{self.message}"


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """Return ``text`` with line breaks and control characters written as escapes (\\n, \\u001b)."""
    return "".join(_ESCAPES.get(ch, f"\\u{ord(ch):04x}") if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
                   for ch in text)


def suggest(word: str, choices: Iterable[str]) -> str:
    """Return "; maksud Anda 'x'?" for the nearest choice, or "" when nothing is close."""
    import difflib  # here: only a finding with a near miss needs it (~1 ms of every command otherwise)

    pool = sorted(set(choices))
    same = [c for c in pool if c.lower() == word.lower()]  # "SOP" for "sop": a case-folded match first
    match = same or difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    return f"; maksud Anda '{match[0]}'?" if match else ""


def problems_json(problems: Iterable[Problem]) -> str:
    """Return the findings as a JSON array for machines."""
    rows = [
        {
            "file": p.path,
            "line": p.line,
            "column": p.column,
            "level": "error" if p.is_error else "warning",
            "code": p.code,
            "message": p.message,
        }
        for p in problems
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2)


class PetaprosesError(Exception):
    """A failure that is the user's to fix (missing tool, unwritable folder); printed without a traceback."""


class InputError(PetaprosesError):
    """A named input that cannot be used (missing file, bad git revision): exit code 2, like a usage error."""


__all__ = ["Problem", "Level", "PetaprosesError", "InputError", "suggest", "problems_json", "asdict"]
