"""The no-op build: when no input changed since the last clean build, say so after a few stat calls.

A clean build records (in the cache, state.py) the stat signature of every folder under the catalogue roots
(a file added, removed or renamed changes its folder's), of every input file and of the logo, the findings it
printed and the codes it built.  The next build with the same arguments, templates and petaproses compares
signatures only: no file is read, no model loaded.  A file modified within ``RACY_NS`` of the recorded build's
start is never trusted this way (its change may share the recorded time stamp), and neither is anything else
odd: the full build then decides, as always.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from . import state as st
from . import tree_hash

RACY_NS = 2_000_000_000  # coarse file system clocks (FAT: 2 s)


def key(paths: list[str], out: Path, only: list[str] | None, options: dict, site: bool, preset: str) -> str:
    """Return the hash of what a build's outputs depend on besides the input files."""
    from .legal import reference_date
    from .paths import templates_dir

    templates = templates_dir()
    parts = [st.code_stamp(), sorted(paths), os.getcwd(), str(out.resolve()), sorted(only) if only else None, options,
             site, preset, str(templates.resolve()), tree_hash(templates), st.environment_key(),
             reference_date().isoformat()]  # the keputusan cites what is in force today (regulation revoked)
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def _folders(roots: list[str]) -> dict[str, list[int]]:
    """Return the stat signature of every folder under ``roots`` (and of a root that is a file)."""
    found: dict[str, list[int]] = {}
    for root in roots:
        if os.path.isfile(root):
            found[root] = st.file_signature(os.stat(root))
            continue
        for folder, dirs, _files in os.walk(root):
            dirs.sort()
            found[folder] = st.file_signature(os.stat(folder))
    return found


def record(cat, result, build_key: str, started: int, roots: list[str], site: bool) -> dict:
    """Return what the next build compares to skip everything (only recorded after a clean build)."""
    logo = None
    if cat.organisasi is not None and cat.organisasi.logo:
        path = str(Path(cat.organisasi.path).parent / cat.organisasi.logo)
        try:
            logo = [path, st.file_signature(os.stat(path))]
        except OSError:
            logo = [path, None]
    try:
        signatures = cat.signatures  # as each file was read (a file saved since is changed to the next build)
        files = {path: signatures[path] if path in signatures else st.file_signature(os.stat(path))
                 for path in cat.sources}
        folders = _folders(roots)
    except OSError:
        return {}
    pages = [f"{d.perangkat_daerah}/{d.kode}.html" for d in cat.maps] + ["index.html"] if site else []
    return {"kunci": build_key, "mulai": started, "berkas": files, "folder": folders, "logo": logo,
            "temuan": [st.problem_row(p) for p in result.problems], "halaman": pages,
            "dokumen": sorted(result.built + result.skipped)}


def unchanged(paths: list[str], out: Path, build_key: str) -> tuple[list, list[str]] | None:
    """Return (findings, codes) of the last build when nothing it depends on changed, else None."""
    from .check import catalogue_roots

    rec = st.read_cache(out, verify=False).get("hasil") or {}
    try:
        if rec.get("kunci") != build_key or not isinstance(rec.get("mulai"), int):
            return None
        racy = rec["mulai"] - RACY_NS
        files, folders = rec["berkas"], rec["folder"]
        if _folders(catalogue_roots(paths)) != folders:
            return None
        for path, signature in files.items():
            now = st.file_signature(os.stat(path))
            if now != signature or now[1] >= racy:
                return None
        if rec["logo"] is not None:
            path, signature = rec["logo"]
            try:
                now = st.file_signature(os.stat(path))
            except OSError:
                now = None
            if now != signature or (now is not None and now[1] >= racy):
                return None
        problems = [st.problem_of(row, set(files)) for row in rec["temuan"]]
        codes = [c for c in rec["dokumen"] if isinstance(c, str)]
        pages = [p for p in rec["halaman"] if st.safe_rel(p)]
    except (OSError, KeyError, TypeError, ValueError, AttributeError):  # a record not as written: a full build
        return None
    if not _outputs_present(out, pages):
        return None
    return problems, codes


def _outputs_present(out: Path, pages: list[str]) -> bool:
    """Return whether every file the manifest lists, and every page of the site, is still there (a file, or a
    link to one): each folder listed once (1,000 SOPs: ~6,000 files in ~40 folders, a stat each before)."""
    manifest = st.read_manifest(out, [])
    if not manifest.get("dokumen") or any(e.get("basi") for e in manifest["dokumen"].values()):
        return False
    present = st.Present(str(out))
    return all(all(map(present, entry["berkas"]))
               for entry in [*manifest["dokumen"].values(), manifest.get("katalog", {"berkas": []}), {"berkas": pages}])
