"""Renderer "relasi": the derived peta relasi of the whole Pemda and of each department.

For the catalogue as a whole (it reads every process): ``peta-relasi/Peta-Relasi.{svg,png,bpmn}`` and
``peta-relasi/Peta-Relasi-<pd>.{svg,png,bpmn}``.  The review site adds a page for each (``review_site``), and
the Dokumen SOP book of a department whose peta-relasi file says ``buku: ya`` prints its PNG.
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Callable

from .. import relasi, relasi_keys
from ..catalogue import Catalogue
from . import bpmn_relasi, diagram_relasi, relasi_labels
from .diagram import TOOLS, clean_svg  # noqa: F401 - TOOLS: `dot` is checked before anything is written
from .dot import run_dot

FOLDER = "peta-relasi"


def stem(scope: str | None) -> str:
    """Return the file name (without extension) of a relation map: Peta-Relasi, Peta-Relasi-<pd>."""
    return "Peta-Relasi" if scope is None else f"Peta-Relasi-{scope}"


def page(scope: str | None) -> str:
    """Return the file name of a relation map's page on the review site (beside its pictures)."""
    return "index.html" if scope is None else f"{stem(scope)}.html"


def institution(cat: Catalogue) -> str:
    return cat.organisasi.nama if cat.organisasi else ""


def pictures(cat: Catalogue, rmap: relasi.RelationMap, dpi: int | None = None,
             formats: tuple[str, ...] = ("svg", "png")) -> dict[str, bytes]:
    """Return {"svg": ..., "png": ...} of one relation map (``dpi``: the PNG's resolution, default 96)."""
    extra = (f"-Gdpi={dpi}",) if dpi else ()
    source = diagram_relasi.build(rmap, institution(cat)).source
    laid = run_dot(source, ["dot", "json"], engine="dot")
    forms = {rmap.number(rel): diagram_relasi.label_forms(rmap, rel) for rel in rmap.relations}
    labels = relasi_labels.place(json.loads(laid["json"]), forms)
    if relasi_labels.all_kept(labels):  # dot's own drawing (the same layout: dot is deterministic)
        out = run_dot(source, list(formats), extra, engine="dot")
    else:  # drawn as laid out (neato -n2), the labels at their places
        out = run_dot(relasi_labels.moved(laid["dot"].decode("utf-8"), labels), list(formats), extra)
    if "svg" in out:
        out["svg"] = clean_svg(out["svg"])
    return out


def applies(doc) -> bool:
    return False  # no file per document: one set for the whole catalogue


def catalogue_pieces(cat: Catalogue, **_options) -> list[tuple[str, Callable[[], dict[str, bytes]]]]:
    """Return (key, make) per relation map: ``make()`` returns its files, and they are a function of the key.

    The files are drawn from the map and the institution's name only, so the key is the map's digest (every
    field it holds) and that name: the build reuses the files of a key it recorded (build.py).
    """
    views = relasi.views(cat)
    name = institution(cat)
    pieces = []
    for rmap, digest in zip(views, relasi_keys.digests(views)):
        key = hashlib.sha256(json.dumps([FOLDER, name, digest]).encode()).hexdigest()
        pieces.append((key, partial(_files, cat, rmap)))
    return pieces


def _files(cat: Catalogue, rmap: relasi.RelationMap) -> dict[str, bytes]:
    name = f"{FOLDER}/{stem(rmap.scope)}"
    pics = pictures(cat, rmap)
    # opened on its own, a line's link goes to its row on the site page beside it (inlined in that page, the
    # link is "#relasi-<n>" again: review_relasi)
    svg = pics["svg"].replace(b'href="#relasi-', f'href="{page(rmap.scope)}#relasi-'.encode())
    return {f"{name}.svg": svg, f"{name}.png": pics["png"],
            f"{name}.bpmn": bpmn_relasi.render_bytes(rmap, institution(cat))}


def render_catalogue(cat: Catalogue, **options) -> dict[str, bytes]:
    """Return every relation map's files (the build makes only those whose key changed: catalogue_pieces)."""
    pieces = catalogue_pieces(cat, **options)
    files: dict[str, bytes] = {}
    # one `dot` process per map, several at once: the time is theirs, threads only wait for them
    with ThreadPoolExecutor(max(1, min(len(pieces), os.cpu_count() or 1))) as pool:
        for made in pool.map(lambda piece: piece[1](), pieces):
            files.update(made)
    return files
