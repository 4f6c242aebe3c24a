"""Regular expressions compiled when first used.

A check of a saved file imports some 65 patterns at module level and uses 20 of them: the others read a YAML
mistake for its message, a date or number written oddly, another command's files.  Compiling them all took
~3 ms (~34 M instructions) of every check.  ``Lazy`` stands for such a pattern: the first use compiles it and
keeps the compiled pattern's methods on the object, so later uses cost what a compiled pattern's do.
"""

from __future__ import annotations

import re

_API = ("match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer", "pattern", "flags", "groups",
        "groupindex")


class Lazy:
    """A ``re.compile(pattern, flags)`` made when one of its methods is first asked for."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str):
        if name.startswith("__") or name == "_args":
            raise AttributeError(name)
        compiled = re.compile(*self._args)
        for attr in _API:
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)
