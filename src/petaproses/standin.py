"""A stand-in for a map that a check of other files does not read whole.

`check FILE` in a catalogue of 1,000 SOPs reads the other maps only for their code, title, parent and kind (the
CATALOGUE_WIDE rules, ``rules._context``); validating each one's JSON from the check cache again costs ~0.1 ms,
~100 ms in all.  The stand-in answers those four from the cache entry and validates the whole document the first
time anything else is read, so a rule that reads more (a step, a signatory) gets the real document: the
findings are the same either way.  ``isinstance`` sees the model class (``__class__``); ``type()`` does not.
An evaluation record or a peta-relasi file stands in with no summary (their own rules alone read them: a check of
an SOP validated both kinds, ~14 M instructions of ~830 M).
"""

from __future__ import annotations

from typing import Any, Callable

_SLOTS = ("_path", "_jenis", "_summary", "_cls", "_load", "_doc")
_OWN = frozenset(_SLOTS)


class StandIn:
    __slots__ = _SLOTS

    def __init__(self, path: str, cls: type | None, jenis: str, summary: tuple[str, str, str | None] | None,
                 load: Callable[[], Any]) -> None:
        set_ = object.__setattr__
        set_(self, "_path", path)
        set_(self, "_cls", cls)
        set_(self, "_jenis", jenis)
        set_(self, "_summary", summary)
        set_(self, "_load", load)  # returns the validated document (raises ValueError when it does not validate)
        set_(self, "_doc", None)

    # what the other maps are read for (rules._context, Catalogue.index_codes, the CATALOGUE_WIDE rules)
    @property
    def path(self) -> str:
        return self._path

    @property
    def kode(self) -> str:
        return self._summary[0] if self._summary is not None else self.whole().kode

    @property
    def nama(self) -> str:
        return self._summary[1] if self._summary is not None else self.whole().nama

    @property
    def induk(self) -> str | None:
        return self._summary[2] if self._summary is not None else self.whole().induk

    @property
    def jenis(self) -> str:
        return self._jenis

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # isinstance(standin, Sop) as for the document
        cls = self._cls
        if cls is None:  # given none: the kind's model, imported when first asked for (kinds.py)
            from .kinds import MAP_KINDS

            cls = MAP_KINDS[self._jenis]
            object.__setattr__(self, "_cls", cls)
        return cls

    def whole(self) -> Any:
        """Return the document itself, validated from the cache the first time."""
        doc = self._doc
        if doc is None:
            doc = self._load()
            object.__setattr__(self, "_doc", doc)
        return doc

    def __getattr__(self, name: str) -> Any:  # anything else: the document's
        if name in _OWN:
            raise AttributeError(name)
        return getattr(self.whole(), name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self.whole(), name, value)

    def __reduce_ex__(self, protocol: Any) -> Any:
        return self.whole().__reduce_ex__(protocol)

    def __repr__(self) -> str:
        return f"StandIn({self.__class__.__name__}, {self._summary[0] if self._summary else None!r}, {self._path!r})"


__all__ = ["StandIn"]
