"""Renderer "relasi": the derived peta relasi of the whole Pemda and of each department.

For the catalogue as a whole (it reads every process): ``peta-relasi/Peta-Relasi.{svg,png,bpmn}`` and
``peta-relasi/Peta-Relasi-<pd>.{svg,png,bpmn}``.  The review site adds a page for each (``review_site``), and
the Dokumen SOP book of a department whose peta-relasi file says ``buku: ya`` prints its PNG.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

from .. import relasi
from ..catalogue import Catalogue
from . import bpmn_relasi, diagram_relasi
from .diagram import TOOLS, clean_svg  # noqa: F401 - TOOLS: `dot` is checked before anything is written
from .dot import run_dot

FOLDER = "peta-relasi"


def stem(scope: str | None) -> str:
    """Return the file name (without extension) of a relation map: Peta-Relasi, Peta-Relasi-<pd>."""
    return "Peta-Relasi" if scope is None else f"Peta-Relasi-{scope}"


def institution(cat: Catalogue) -> str:
    return cat.organisasi.nama if cat.organisasi else ""


def pictures(cat: Catalogue, rmap: relasi.RelationMap, dpi: int | None = None) -> dict[str, bytes]:
    """Return {"svg": ..., "png": ...} of one relation map (``dpi``: the PNG's resolution, default 96)."""
    extra = (f"-Gdpi={dpi}",) if dpi else ()
    out = run_dot(diagram_relasi.build(rmap, institution(cat)).source, ["svg", "png"], extra, engine="dot")
    return {"svg": clean_svg(out["svg"]), "png": out["png"]}


def applies(doc) -> bool:
    return False  # no file per document: one set for the whole catalogue


def render_catalogue(cat: Catalogue, **_options) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    views = relasi.views(cat)
    # one `dot` process per map, several at once: the time is theirs, threads only wait for them
    with ThreadPoolExecutor(max(1, min(len(views), os.cpu_count() or 1))) as pool:
        drawn = list(pool.map(lambda rmap: pictures(cat, rmap), views))
    for rmap, pics in zip(views, drawn):
        name = f"{FOLDER}/{stem(rmap.scope)}"
        files[f"{name}.svg"] = pics["svg"]
        files[f"{name}.png"] = pics["png"]
        files[f"{name}.bpmn"] = bpmn_relasi.render_bytes(rmap, institution(cat))
    return files
