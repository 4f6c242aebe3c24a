"""The kinds of file (`jenis`): one table saying what each is, so that a new kind is one entry here.

Each entry names the model class that loads it (model.py), its place in the map hierarchy (level 1 above
sub-process maps above cross-functional maps and SOPs; a parent must sit higher), the label people read,
which renderers make files for it (names in render/__init__.py), the editor hover text of its JSON Schema
and the commented starter that `petaproses new` writes.  What a kind *does* lives in its own modules: its
class in model.py (fields, `links`, `flow_items`), its renderers, its rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from . import starter
from .model import (Organisasi, PetaLevel1, PetaLintasFungsi, PetaRelasi, PetaSubProses, RegisterAplikasi, Sop,
                    _File)
from .register import RegisterPeraturan


@dataclass(frozen=True)
class Kind:
    jenis: str
    # the model class, or "module:class" imported when first asked for (an evaluation record's: a check of an SOP
    # never reads one, and its classes cost ~13 M instructions to make)
    _model: Any
    label: str  # for people: review site, messages
    level: int | None  # 0 = most general map; None = not a map (the organisation file, evaluation records)
    outputs: tuple[str, ...]  # renderers (render.RENDERERS names) that make a file per document of this kind
    schema: str  # JSON Schema description of the model (editor hover text)
    starter: str | None = None  # `petaproses new` text; None: not offered

    @property
    def model(self) -> type[_File]:
        found = self._model
        if isinstance(found, str):
            module, name = found.split(":")
            found = getattr(import_module(module), name)
            object.__setattr__(self, "_model", found)
        return found


_LEVEL1 = "Peta proses bisnis level 1 (atau level 0): proses menurut kategori."
_DIAGRAMS = ("bpmn", "diagram")

KINDS: dict[str, Kind] = {k.jenis: k for k in (
    Kind("organisasi", Organisasi, "Organisasi", None, (),
         "Berkas organisasi: instansi, Perangkat Daerah, unit, jabatan pelaksana dan pejabat.", starter.ORGANISASI),
    Kind("peta-level-0", PetaLevel1, "Peta level 0", 0, _DIAGRAMS, _LEVEL1),
    Kind("peta-level-1", PetaLevel1, "Peta level 1", 1, _DIAGRAMS, _LEVEL1, starter.PETA_LEVEL_1),
    Kind("peta-sub-proses", PetaSubProses, "Peta sub proses", 2, _DIAGRAMS,
         "Peta sub proses: satu proses diuraikan menjadi sub proses.", starter.PETA_SUB_PROSES),
    Kind("peta-lintas-fungsi", PetaLintasFungsi, "Peta lintas fungsi", 3, _DIAGRAMS,
         "Peta lintas fungsi: kegiatan dalam lajur per pelaksana.", starter.PETA_LINTAS_FUNGSI),
    Kind("sop", Sop, "SOP", 4, _DIAGRAMS + ("sop_docx",),
         "SOP Administrasi Pemerintahan (PermenPANRB 35/2012): bagian identitas dan bagian flowchart.", starter.SOP),
    Kind("peraturan", RegisterPeraturan, "Register peraturan", None, (),
         "Register peraturan: jenis, nomor, tahun, judul dan status (diubah, dicabut) setiap peraturan yang dikutip "
         "SOP dan peta.", starter.PERATURAN),
    # not maps (level None): they shape what the maps give; their outputs are made for the whole catalogue
    Kind("aplikasi", RegisterAplikasi, "Register aplikasi", None, (),
         "Register aplikasi SPBE: aplikasi yang dipakai kegiatan (nama, pemilik, aplikasi umum atau bukan, "
         "pengganti).", starter.APLIKASI),
    Kind("peta-relasi", PetaRelasi, "Peta relasi", None, (),
         "Pengaturan peta relasi yang dibuat dari katalog: ambang, relasi yang disembunyikan, relasi tambahan.",
         starter.PETA_RELASI),
    Kind("evaluasi", "petaproses.evaluation.model:Evaluasi", "Rekaman evaluasi", None, (),
         "Rekaman reviu dan evaluasi (satu sesi): penilai, dokumen yang dinilai dan revisinya, tujuh kriteria "
         "PermenPANRB 35/2012, temuan per langkah dengan rekomendasi dan statusnya."),
)}

class _Models(Mapping):
    """jenis -> model class, for the loader: each kind's ``model``, imported when asked for."""

    def __getitem__(self, jenis: str) -> type[_File]:
        return KINDS[jenis].model

    def __iter__(self):
        return iter(KINDS)

    def __len__(self) -> int:
        return len(KINDS)


MAP_KINDS: Mapping[str, type[_File]] = _Models()


def kind_of(doc: _File) -> Kind:
    """Return the kind of a loaded document."""
    return KINDS[doc.jenis]  # type: ignore[attr-defined]


def models() -> list[type[_File]]:
    """Return the model classes in table order, each once (level 0 and 1 share one)."""
    out: list[type[_File]] = []
    for k in KINDS.values():
        if k.model not in out:
            out.append(k.model)
    return out


def starters() -> list[str]:
    """Return the kinds `petaproses new` offers, most detailed first (the order of its help)."""
    return [jenis for jenis, k in reversed(KINDS.items()) if k.starter]


__all__ = ["Kind", "KINDS", "MAP_KINDS", "kind_of", "models", "starters"]
