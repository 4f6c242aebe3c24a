"""What every model class shares: the id, code and text types, the strict base class, the file base (a
document's path and the line:column of its nodes) and ``as_list``.  Re-exported by ``model``."""

# no `from __future__ import annotations`: pydantic would compile every annotation from its text (~3 ms)

from typing import Annotated, Callable, Union

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$",
    description="Pengenal singkat: huruf kecil, angka dan garis bawah, diawali huruf (mis. kasubag_umum).")]
Kode = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    description="Kode proses/peta/SOP, unik di seluruh katalog (mis. SETDA.ORG.01).")]
Teks = Annotated[str, Field(min_length=1)]
DaftarTeks = Union[Teks, list[Teks]]


def new_list() -> list:
    """A list field's ``default_factory``: pydantic reads the factory's signature when it builds a model, and a
    builtin's (``list``, ``dict``) is parsed from its text by the tokenizer (~4 ms at every start for ~30 fields)."""
    return []


def new_dict() -> dict:  # a mapping field's ``default_factory`` (see ``new_list``)
    return {}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, coerce_numbers_to_str=True,
                              defer_build=True)  # validators made when first used: a check on save needs one kind


class _File(_Model):
    """Fields shared by every kind of file; ``_path`` and ``_locs`` are filled by the loader."""

    _path: str = PrivateAttr(default="")
    # (key path) -> (line, column), 1-based, for every node of the YAML file
    _locs: dict = PrivateAttr(default_factory=dict)
    # set instead of _locs by the catalogue for a document taken from the build cache: parses the bytes it
    # loaded (never the file on disk again, which may have changed since)
    _relocate: Callable[[], dict] | None = PrivateAttr(default=None)

    @property
    def path(self) -> str:
        # read from pydantic's private slot: ``self._path`` goes through BaseModel.__getattr__ (~5x slower, and a
        # check of 1,000 files reads it ~6,000 times)
        private = self.__pydantic_private__
        return private.get("_path", "") if private is not None else ""

    def loc(self, *keys: object) -> tuple[int, int]:
        """Return the (line, column) of the YAML node at ``keys``, or of its nearest ancestor."""
        locs = self._positions()
        path = tuple(keys)
        while path and path not in locs:
            path = path[:-1]
        return locs.get(path, (1, 1))

    def _positions(self) -> dict:
        private = self.__pydantic_private__ if self.__pydantic_private__ is not None else {}
        locs = private.get("_locs")
        if locs is None:  # left out of the build cache (it is most of its size): parse the loaded bytes again
            relocate = private.get("_relocate")
            locs = relocate() if relocate is not None else {}
            private["_locs"] = locs
        return locs

    def __getstate__(self) -> dict:
        state = super().__getstate__()
        private = dict(state.get("__pydantic_private__") or {})
        private.pop("_locs", None)
        private.pop("_relocate", None)
        state["__pydantic_private__"] = private
        return state


def as_list(value: str | list[str] | None) -> list[str]:
    """Return a text-or-list field as a list."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)
