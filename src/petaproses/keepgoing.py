"""Keep going past broken files: which input files have errors, and which outputs keep their last good version.

A document whose file has errors is not rendered (its outputs, its department's book and forms stay as the
last good build left them, marked stale).  Files that are not maps shape more than one document:

- the organisation file and the registers (peraturan, aplikasi) are printed in every document: an error in
  one of them builds nothing;
- a peta-relasi file or an evaluation record shapes the department outputs (books, forms, berita acara) and
  the whole-catalogue files (peta relasi, application matrix): those keep their last good version, the
  documents are built.

A map file that does not load is known by the code and Perangkat Daerah its text writes (``catalogue.head_of``):
its department's book keeps its last version, and the maps linking to it are built.

The whole-catalogue files are drawn from every document, so they also stay as they were while any document
is broken, and so does a book that prints its department's peta relasi.
"""

from __future__ import annotations

import re

from .problems import Problem

# jenis of the files that a broken copy of (it may not even load) stops every document
_EVERYWHERE = re.compile(rb"^jenis\s*:\s*[\"']?(organisasi|peraturan|aplikasi)\b", re.M)
# jenis of the files whose errors freeze the department and catalogue outputs only
_SHARED = re.compile(rb"^jenis\s*:\s*[\"']?(peta-relasi|evaluasi)\b", re.M)


def broken_files(cat, problems: list[Problem]) -> set[str] | None:
    """Return the input files that have errors; None when an error is not one document's (nothing is built then).

    An error in the organisation file or a register, or about a path that is not a catalogue file, concerns
    every document.
    """
    everywhere = {r.path for r in (cat.organisasi, cat.peraturan, cat.aplikasi) if r is not None}
    broken: set[str] = set()
    for p in problems:
        if p.is_error:
            if p.path in everywhere or p.path not in cat.sources or p.code == "internal-error":
                return None
            broken.add(p.path)
    if any(_EVERYWHERE.search(cat.sources[path]) for path in broken):
        return None  # the organisation file or a register does not load at all
    return broken


def unloaded_maps(cat, broken: set[str]) -> dict[str, tuple]:
    """Return path -> (jenis, kode, perangkat_daerah) of the broken maps that do not load and name their code."""
    from .kinds import KINDS

    return {path: head for path, head in getattr(cat, "unloaded", {}).items()
            if path in broken and head[0] in KINDS and KINDS[head[0]].level is not None and head[1]}


def shared_broken(cat, broken: set[str]) -> bool:
    """Return whether a broken file is a peta-relasi file or an evaluation record (loaded or not)."""
    loaded = {r.path for r in cat.relasi} | {r.path for r in cat.evaluations}
    return any(path in loaded or _SHARED.search(cat.sources.get(path, b"")) for path in broken)


def stale_units(cat, broken: set[str], hashes: dict[str, str], old: dict) -> set[str]:
    """Return the units ("<kode>", "pd:<id>") that keep their last outputs because their inputs have errors."""
    stale = {d.kode for d in cat.maps if d.path in broken}
    departments = {f"pd:{d.perangkat_daerah}" for d in cat.maps if d.kode in stale}
    codes = {d.kode for d in cat.maps}
    for _jenis, kode, department in unloaded_maps(cat, broken).values():  # as far as their text tells
        if kode in codes:
            continue  # a loaded map's code (a broken copy of it): that map is built
        stale.add(kode)
        if department:
            departments.add(f"pd:{department}")
    stale |= {unit for unit in hashes if unit.split("/")[0] in departments}  # its book, its forms
    stale |= {unit for unit, e in old.items() if e.get("sumber") in broken}  # files that no longer load
    if shared_broken(cat, broken):
        stale |= {unit for unit in hashes if unit.startswith("pd:")}
    if stale:  # the peta relasi a book prints is drawn from every department's documents
        stale |= {f"pd:{r.perangkat_daerah}" for r in cat.relasi if r.buku and f"pd:{r.perangkat_daerah}" in hashes}
    return stale


def catalogue_stale(cat, broken: set[str], stale: set[str]) -> bool:
    """Return whether the whole-catalogue files (peta relasi, application matrix) keep their last version."""
    return bool(stale) or shared_broken(cat, broken)


__all__ = ["broken_files", "unloaded_maps", "shared_broken", "stale_units", "catalogue_stale"]
