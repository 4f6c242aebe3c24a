"""The renderers, listed explicitly: each turns the validated model into one kind of output.

The contract (ARCHITECTURE.md, "Perender") that every module in RENDERERS keeps:

- ``render(cat, doc, **options) -> dict[str, bytes]``: the files of one document, by name, for
  ``output/<perangkat_daerah>/``.  Called only for the kinds whose ``outputs`` (kinds.py) name the renderer;
  the module's ``applies(doc)`` says the same (a test holds them together).  A name starting with "." is a
  *part*, not an output: the build keeps it in its state folder and hands it to ``render_department``.
- ``render_department(cat, pd_id, parts=..., **options) -> dict[str, bytes]`` (optional): the files of one
  Perangkat Daerah (the Dokumen SOP book, the forms), rendered after its documents.  ``parts`` holds the
  parts its documents returned (name -> bytes): untrusted input, to be checked before use.
- ``render_catalogue(cat, **options)`` (optional): files for the whole catalogue, paths relative to output/.
- ``catalogue_pieces(cat)`` (optional, beside ``render_catalogue``): ``[(key, make)]``, one per group of those
  files, whose bytes ``make()`` returns and are a function of ``key``: the build makes only new keys (pieces.py).
- ``TOOLS`` (optional): ``{program: how to install it}``, checked before anything is written.
- Pure: a renderer reads the catalogue and its options only, writes no file, runs no program but its TOOLS,
  and returns the same bytes for the same input.  Only build.py writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from ..kinds import kind_of
from . import berita_acara, bpmn, diagram, forms, sop_docx
from . import matriks, relasi  # issue 13: application matrix, peta relasi (whole catalogue)


@dataclass(frozen=True)
class Renderer:
    name: str  # as in kinds.py `outputs` and the build's options ({"sop_docx": {"pdf": True}})
    module: ModuleType

    def applies(self, doc) -> bool:
        """Return whether ``doc`` gets files from this renderer (its kind's ``outputs``)."""
        return self.name in kind_of(doc).outputs

    @property
    def tools(self) -> dict[str, str]:
        return getattr(self.module, "TOOLS", {})

    @property
    def per_department(self) -> bool:
        return hasattr(self.module, "render_department")

    @property
    def per_catalogue(self) -> bool:
        return hasattr(self.module, "render_catalogue") and not self.per_department


RENDERERS: tuple[Renderer, ...] = (
    Renderer("bpmn", bpmn),
    Renderer("diagram", diagram),
    Renderer("sop_docx", sop_docx),
    Renderer("forms", forms),
    Renderer("berita_acara", berita_acara),
    Renderer("relasi", relasi),
    Renderer("aplikasi", matriks),
)


def select(names: list[str] | None = None) -> list[Renderer]:
    """Return the renderers called ``names`` (all of them by default), in registry order."""
    if names is None:
        return list(RENDERERS)
    known = {r.name for r in RENDERERS}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"unknown renderer {unknown[0]!r} (must be one of {sorted(known)})")
    return [r for r in RENDERERS if r.name in names]


__all__ = ["Renderer", "RENDERERS", "select"]
