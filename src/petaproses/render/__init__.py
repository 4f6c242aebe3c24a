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
- ``warm()`` (optional): imports that each forked worker would otherwise make again, done once in the parent
  where several forks will use them (a build of several of its documents, ``siaga``).
- ``TOOLS`` (optional): ``{program: how to install it}``, checked before anything is written.
- Its ``Renderer`` entry below says, without importing it, whether it has TOOLS, department files (and from
  which kinds) or catalogue files: the module is imported only when a build uses it.
- Pure: a renderer reads the catalogue and its options only, writes no file, runs no program but its TOOLS,
  and returns the same bytes for the same input.  Only build.py writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Callable

from ..kinds import kind_of


# each module is imported when a build first uses it: a catalogue without SOPs never loads python-docx and
# the SOP flowchart's layout (~90 ms of a one-map build)
def _bpmn() -> ModuleType:
    from . import bpmn
    return bpmn


def _diagram() -> ModuleType:
    from . import diagram
    return diagram


def _sop_docx() -> ModuleType:
    from . import sop_docx
    return sop_docx


def _forms() -> ModuleType:
    from . import forms
    return forms


def _berita_acara() -> ModuleType:
    from . import berita_acara
    return berita_acara


def _relasi() -> ModuleType:
    from . import relasi  # issue 13: peta relasi (whole catalogue)
    return relasi


def _matriks() -> ModuleType:
    from . import matriks  # issue 13: application matrix (whole catalogue)
    return matriks


@dataclass(frozen=True)
class Renderer:
    """A renderer and, without importing it, what the build must know beforehand (a test holds them to the
    module): ``has_tools``: the module has TOOLS; ``department``: the kinds whose documents in a department
    give its ``render_department`` something to make (none: no department files); ``catalogue``: it has
    ``render_catalogue`` and no ``render_department``; ``unit`` and ``reads``: its department files are a
    build unit of their own, "pd:<id>/<unit>", remade only when ``reads(cat, pd_id)`` (what its
    ``render_department`` reads of the catalogue) changes, not with every edit of one of the department's
    documents as the book is."""

    name: str  # as in kinds.py `outputs` and the build's options ({"sop_docx": {"pdf": True}})
    load: Callable[[], ModuleType]
    has_tools: bool = False
    department: tuple[str, ...] = ()
    catalogue: bool = False
    unit: str = ""
    reads: Callable[..., bytes] | None = None

    @property
    def module(self) -> ModuleType:
        return self.load()

    def applies(self, doc) -> bool:
        """Return whether ``doc`` gets files from this renderer (its kind's ``outputs``)."""
        return self.name in kind_of(doc).outputs

    @property
    def tools(self) -> dict[str, str]:
        return getattr(self.module, "TOOLS", {}) if self.has_tools else {}

    @property
    def per_department(self) -> bool:
        return bool(self.department)

    @property
    def per_catalogue(self) -> bool:
        return self.catalogue

    def makes_for_department(self, cat, pd_id: str, kinds: set[tuple[str, str]] | None = None) -> bool:
        """Return whether the department holds a document of the kinds its department files are made from
        (``kinds``: ``department_kinds(cat)``, when asked for many departments)."""
        held = department_kinds(cat) if kinds is None else kinds
        return any((pd_id, kind) in held for kind in self.department)


def department_kinds(cat) -> set[tuple[str, str]]:
    """Return the (department, kind) of every map and review record of ``cat``."""
    return {(d.perangkat_daerah, d.jenis) for d in [*cat.maps, *cat.evaluations]}


def _forms_reads(cat, pd_id: str) -> bytes:
    """What ``forms.render_department`` reads of the catalogue: the organisation file (the Pemda's and the
    department's names), each of the department's SOPs' code, name, number and step ids (a finding names its
    step by number), and the department's review records; the templates and options are in the build's base."""
    import json

    from ..evaluation.records import department_key
    from ..flow import step_id
    from ..model import Sop

    org = cat.sources.get(cat.organisasi.path, b"") if cat.organisasi else b""
    sops = sorted((d for d in cat.maps if isinstance(d, Sop) and d.perangkat_daerah == pd_id), key=lambda d: d.kode)
    if len(_FORMS_ROWS) > 2 * len(cat.maps) + 64:  # SOPs edited since: let go of their old objects
        _FORMS_ROWS.clear()
    rows = []
    for d in sops:
        hit = _FORMS_ROWS.get(id(d))
        if hit is None or hit[0] is not d:
            row = [d.kode, d.nama, d.nomor, [step_id(s, i) for i, s in enumerate(d.kegiatan)]]
            hit = _FORMS_ROWS[id(d)] = (d, json.dumps(row))
        rows.append(hit[1])
    # json.dumps(rows), a row's JSON made once
    return org + b"\0" + f"[{', '.join(rows)}]".encode() + b"\0" + department_key(cat, pd_id)


# id of an SOP -> (the SOP, its row's JSON in ``_forms_reads``): a model is frozen, and an unchanged file's is the same
# object in a process that builds again (`siaga`: catalogue.LIVE), so its step ids are listed once (1,000 SOPs:
# ~7 ms of each plan)
_FORMS_ROWS: dict[int, tuple] = {}


RENDERERS: tuple[Renderer, ...] = (
    Renderer("bpmn", _bpmn),
    Renderer("diagram", _diagram, has_tools=True),
    Renderer("sop_docx", _sop_docx, department=("sop",)),
    Renderer("forms", _forms, department=("sop",), unit="formulir", reads=_forms_reads),
    Renderer("berita_acara", _berita_acara, department=("evaluasi",)),
    Renderer("relasi", _relasi, has_tools=True, catalogue=True),
    Renderer("aplikasi", _matriks, catalogue=True),
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
