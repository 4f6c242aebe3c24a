"""Review-site pages of the peta relasi and of the process x application matrix (issue 13).

``peta-relasi/index.html`` (the Pemda) and ``peta-relasi/Peta-Relasi-<pd>.html``: the picture (clicking a
relation jumps to its row), every relation with the SOPs and steps behind it, what was left out, and where
each party was placed and why.  ``matriks-aplikasi/index.html`` and ``Matriks-Aplikasi-<pd>.html``: the
matrix, the register, and the steps that still use an application a shared one replaces.

Tables come from the model.  The picture is the renderer's SVG read back from output/, so it is not
trusted: it is parsed, and only drawing elements with safe attributes and in-page links are kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Callable, Iterable

from markupsafe import Markup

from . import aplikasi as apps
from . import relasi, relasi_keys, svg_inline
from .atomic import holds
from .state import read_regular
from .catalogue import Catalogue
from .paths import PACKAGE_TEMPLATES
from .relasi_cell import FRAGMENTS, cell_html, shipped_cell, Source, Step
from .render.matriks import FOLDER as MATRIX_FOLDER
from .render.matriks import column_name, decimal
from .render.matriks import stem as matrix_stem
from .render.relasi import FOLDER as RELASI_FOLDER
from .render.relasi import page as relasi_page
from .render.relasi import stem as relasi_stem

_SAFE_HREF = re.compile(r"#relasi-[0-9]+")  # the picture's links: to a row of the page
HOW = {
    relasi.WRITTEN: "ditulis di organisasi.yaml",
    relasi.INFERRED: "disimpulkan: hanya peta/SOP Perangkat Daerah ini yang memakai jabatan ini",
    relasi.SHARED: "lintas Perangkat Daerah (dipakai peta/SOP beberapa Perangkat Daerah, atau ditulis tanpa "
                   "perangkat_daerah)",
    relasi.OUTSIDE: "pihak luar (luar: ya)",
    relasi.STAKEHOLDER: "pemangku kepentingan peta level 1",
    relasi.DEPARTMENT: "Perangkat Daerah sebagai satu kesatuan (peta level 1)",
}


def safe_svg(path: Path) -> Markup | None:
    """Return the SVG at ``path`` for inlining, keeping only drawing elements, no event handlers or styles
    that load anything, and links within the page (``#relasi-<n>``); None when missing or unreadable."""
    data = read_regular(path, svg_inline.MAX_BYTES)  # a link in place of the picture is not followed
    return None if data is None else _safe_svg(data)


def _safe_svg(data: bytes) -> Markup | None:
    # the file's links name the page (render.relasi); inlined in that page they are links within it
    return svg_inline.cleaned(_PAGE_HREF.sub(b'href="#relasi-', data), _SAFE_HREF)


_PAGE_HREF = re.compile(rb'href="(?:index|Peta-Relasi-[a-z0-9_]+)\.html#relasi-')


def _doc_url(cat: Catalogue, code: str, step_id: str | None = None) -> str | None:
    doc = cat.by_code.get(code)
    if doc is None:
        return None
    return f"../{doc.perangkat_daerah}/{doc.kode}.html" + (f"#langkah-{step_id}" if step_id else "")


class _Row(dict):
    """A table row for the template: read as attributes (a plain dict costs Jinja an exception per lookup)."""

    def __getattr__(self, name: str):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class _Relations:
    """What a relation's rows show in every view, worked out once per build (views share their relations)."""

    def __init__(self, cat: Catalogue, env, names: dict[str, relasi.Party]):
        self.cat, self.names, self.memo = cat, names, {}
        self.docs: dict[str, tuple[str, str | None]] = {}  # code -> (name, review page)
        self.cell = env.get_template("relasi_sumber.html.j2")
        self.shipped = shipped_cell(self.cell)
        self.escaped: dict = {}  # text -> escaped, for cell_html: a process's code, name and page in many cells

    def row(self, rel: relasi.Relation) -> dict:
        found = self.memo.get(id(rel))
        if found is None:
            found = self.memo[id(rel)] = self._row(rel)
        return found

    def _row(self, rel: relasi.Relation) -> dict:
        kept = _GROUPS.get(id(rel))
        if kept is None or kept[0] is not rel:
            found: dict[str, set] = {}
            for code, step, sid in {(h.kode, h.step, h.step_id) for h in rel.handoffs if h.kode}:  # each step once
                entry = found.get(code)
                if entry is None:
                    entry = found[code] = set()
                if step is not None:
                    entry.add((step, sid))
            kept = (rel, [(code, sorted(steps)) for code, steps in sorted(found.items())], {})
        _GROUPS[id(rel)] = kept
        docs = self.docs  # a process is behind several relations: its name and page looked up once
        made = kept[2]  # code -> (its name and page, its source) as last made for this relation
        sources = []
        for code, steps in kept[1]:
            doc = docs.get(code)
            if doc is None:
                doc = docs[code] = (self.cat.by_code[code].nama if code in self.cat.by_code else "",
                                    _doc_url(self.cat, code))
            last = made.get(code)
            if last is None or last[0] != doc:
                url = doc[1]
                last = made[code] = (doc, Source(code, doc[0], url, [
                    Step(no, url and (f"{url}#langkah-{sid}" if sid else url)) for no, sid in steps]))
            sources.append(last[1])
        return {"dari": self.names[rel.source].name, "ke": self.names[rel.target].name, "passed": rel.items,
                "count": rel.count, "manual": rel.manual, "derived": rel.derived, "sources": sources}

    def sources_html(self, rel: relasi.Relation, short: bool) -> tuple[Markup, bytes]:
        """Return the relation's sources cell, long (a shown relation) or short (a hidden one), as markup and as
        UTF-8, each made once and only when a page shows it so (a relation is most often shown, or hidden, on
        every page); the last build's cell when it was made from the same relation, template and sources
        (``_CELLS``)."""
        key = (short, id(rel))
        found = self.memo.get(key)
        if found is None:
            sources = self.row(rel)["sources"]
            last = _CELLS.get(key)
            if last is not None and last[0] is rel and last[1] is self.cell and last[2] == sources:
                found = last[3]
            else:
                cell = Markup(cell_html(sources, short, self.escaped, FRAGMENTS) if self.shipped else
                              self.cell.render(sources=sources, short=short))
                found = (cell, cell.encode("utf-8"))
            self.memo[key] = found
            _CELLS[key] = (rel, self.cell, sources, found)
        return found


class _Splice:
    """A page's sources cells as stand-ins: the template renders the page around them, and the cells' bytes,
    encoded once per build, are put in its bytes.  A Pemda page's cells are most of its ~2 MB (a relation of
    1,000 SOPs lists them all), and the page's own text holds "·" and "›": rendered and encoded whole, every
    page widened and encoded those megabytes again (~4 ms a page).  Any stand-in the page does not give back
    exactly (a template that drops or repeats one is fine; text that looks like one is not): the whole render.
    Only in the page petaproses ships (``relation_pages``)."""

    def __init__(self) -> None:
        self.cells: list[tuple[Markup, bytes]] = []
        self.tag = _TAG

    def hold(self, cell: tuple[Markup, bytes]) -> Markup:
        self.cells.append(cell)
        return Markup(f"\x00{self.tag}{len(self.cells) - 1}\x00")

    def join(self, text: str) -> bytes | None:
        """Return the page ``text`` with every stand-in replaced by its cell, as UTF-8; None when ``text`` holds
        a NUL that is not a stand-in."""
        parts = text.split("\x00")
        out = []
        for k, part in enumerate(parts):
            if k % 2 == 0:
                out.append(part.encode("utf-8"))
                continue
            index = part[len(self.tag):]
            if len(parts) % 2 == 0 or not part.startswith(self.tag) or not (index.isascii() and index.isdigit()) or \
                    int(index) >= len(self.cells):
                return None
            out.append(self.cells[int(index)][1])
        return b"".join(out)


# (short, id of a relation) -> (the relation, the cell's template, its sources, the cell's markup and UTF-8) as last
# made: a process that builds again (`siaga`) is handed the same relations while no hand-off changes
# (relasi._LAST); after a process is renamed, only the cells of the relations it is behind are rendered again (a
# relation of 1,000 SOPs lists them all).  Kept for the relations of the last derivation only; likewise the
# pictures (bytes -> markup)
_CELLS: dict[tuple[bool, int], tuple] = {}
# id of a relation -> (the relation, its processes' steps grouped, each process's source row as last made): a
# process that builds again groups a relation's hand-offs once (1,000 SOPs: 42 relations, ~25 ms) and makes
# again only the rows of a renamed process
_GROUPS: dict[int, tuple] = {}
_SVGS: dict[bytes, Markup | None] = {}
_TAG = os.urandom(8).hex()  # in the stand-ins of cells (_Splice): no text of a page can guess it


def _relation_rows(rmap: relasi.RelationMap, rels: list[relasi.Relation], numbered: bool, shared: _Relations,
                   splice: _Splice | None = None) -> list:
    """The rows of a page's table of relations (``numbered``) or of those not drawn; ``splice``: the cells stand
    in for themselves there (else they are the cells' markup)."""
    rows = []
    for no, rel in enumerate(rels, 1):  # numbered: ``rels`` is rmap.relations, in picture order
        base = shared.row(rel)
        cell = shared.sources_html(rel, short=not numbered)
        rows.append(_Row(
            no=no if numbered else None, dari=base["dari"], ke=base["ke"], passed=base["passed"],
            count=base["count"], manual=base["manual"], derived=base["derived"],
            sources_html=splice.hold(cell) if splice is not None else cell[0],
            notes=[r.keterangan for s in rmap.settings for r in s.relasi if (r.dari, r.ke) == rel.key and r.keterangan],
        ))
    return rows


def _page_keys(cat: Catalogue, views: list[relasi.RelationMap], derived: relasi.Derived, shared: _Relations,
               common: list) -> list[str]:
    """Return one key per relation page: a digest of everything its template is given (the SVG aside).

    The view's digest holds every relation and hand-off it shows; the names, departments and review pages of
    the processes behind them, every party's name and place, and the groups' names come from the catalogue.
    """
    parties = [list(vars(p).values()) for p in derived.parties.values()]
    groups = sorted({p.group for p in derived.parties.values()})
    head = json.dumps([common, parties, [[g, relasi.group_name(cat, g)] for g in groups]])
    names = {c: (d.nama, d.perangkat_daerah) for c, d in cat.by_code.items()}
    same = _KEYS.get("names") == names  # no process renamed or moved since the last call
    keys = []
    made: dict = {"names": names}
    shown: dict[str, str] = {}  # code -> its JSON in ``docs``: views list the same processes again
    for rmap, digest in zip(views, relasi_keys.digests(views)):
        last = _KEYS.get(id(rmap))
        if last is not None and last[0] is rmap and same and last[1:3] == (head, digest):
            key = last[3]
        else:
            codes = sorted(set().union(*(rel.processes for rel in rmap.relations + rmap.hidden)))
            for c in codes:
                if c not in shown:
                    shown[c] = json.dumps([c, *names[c]] if c in names else [c])
            # json.dumps([head, digest, docs]) with docs = [[code, name, department], ...], put together
            text = f"[{json.dumps(head)}, {json.dumps(digest)}, [{', '.join(shown[c] for c in codes)}]]"
            key = hashlib.sha256(text.encode()).hexdigest()
        made[id(rmap)] = (rmap, head, digest, key)
        keys.append(key)
    _KEYS.clear()  # the views of this call only
    _KEYS.update(made)
    return keys


# id of a view -> (the view, what its page's key was made from, the key), and "names": code -> (name, department)
# of every process, of the last call: a process that builds again (`siaga`) is handed the same views while the
# relations stay (relasi._LAST); their keys are then hashed again only when a process is renamed or moved
_KEYS: dict = {}
# page -> (its frame key, the template, the page's text around its cells' stand-ins) as last rendered: the
# names of processes are in its cells only, so after a rename the page is the same text joined with new cells
# (1,000 SOPs: 21 pages re-rendered for one title, ~2 ms each).  Only the page petaproses ships (_Splice).
_FRAMES: dict[str, tuple[str, object, str]] = {}


def _frame_key(rmap: relasi.RelationMap, extra: str) -> str:
    """What a page's text around its cells is made from: its key without the processes' names and
    departments (the view's digest and everything the pages share, ``_page_keys``) and ``extra`` (its files and
    SVG)."""
    _, head, digest, _ = _KEYS[id(rmap)]
    return hashlib.sha256(json.dumps([head, digest, extra]).encode()).hexdigest()


def relation_pages(cat: Catalogue, env, institution: str, version: str, out: Path,
                   known: dict | None = None, base: str = "",
                   put: Callable[[Path, bytes], None] | None = None) -> tuple[dict[Path, bytes], dict[str, list]]:
    """Return the relation map pages that changed (path -> HTML bytes) and every page's [key, size].

    ``known``: the keys of the last build (page -> [key, size]); a page whose key and size still match is
    not rendered again.  ``base``: what else the pages are made from (petaproses' code, the templates).
    ``put(path, bytes)``: takes each page as soon as it is made, instead of the dict (returned empty): with
    10,000 SOPs a page is ~20 MB and there are 21 of them.
    """
    derived = relasi.derive(cat)
    views = [relasi.view(cat, derived, scope) for scope in [None] + relasi.departments(cat)]
    alive = {id(r) for v in views for r in v.relations + v.hidden}
    for gone in [k for k in _CELLS if k[1] not in alive]:  # a kept cell holds its relation: ids stay unique
        del _CELLS[gone]
    for gone in [k for k in _GROUPS if k not in alive]:
        del _GROUPS[gone]
    svgs = dict(_SVGS)
    _SVGS.clear()
    links = [{"label": "Seluruh Pemda", "url": "index.html"}]
    links += [{"label": relasi.group_name(cat, v.scope), "url": f"{relasi_stem(v.scope)}.html"}
              for v in views if v.scope]
    shared = _Relations(cat, env, derived.parties)
    folder = out / RELASI_FOLDER
    listing = set(os.listdir(folder)) if folder.is_dir() else set()
    keys = _page_keys(cat, views, derived, shared, [base, version, institution, links])
    pages: dict[Path, bytes] = {}
    recorded: dict[str, list] = {}
    frames: dict[str, tuple[str, object, str]] = {}
    tpl = env.get_template("relasi.html.j2")
    # a restyled page may do more with a cell than show it (count it, strip it): it gets the cells themselves
    shipped = tpl.filename is not None and Path(tpl.filename).parent == PACKAGE_TEMPLATES / "site"
    for rmap, key in zip(views, keys):
        name = relasi_page(rmap.scope)
        stem = relasi_stem(rmap.scope)
        files = [{"url": f"{stem}{ext}", "label": label} for ext, label in
                 ((".svg", "SVG"), (".png", "Gambar PNG"), (".bpmn", "BPMN 2.0 (kolaborasi)"))
                 if f"{stem}{ext}" in listing and (folder / f"{stem}{ext}").is_file()]
        svg_bytes = read_regular(folder / f"{stem}.svg", svg_inline.MAX_BYTES)
        # the page's downloads and picture, hashed once: in its key and in its text's (``_frame_key``)
        outside = hashlib.sha256(json.dumps([files, svg_bytes is not None]).encode() + (svg_bytes or b"")).hexdigest()
        key = hashlib.sha256(json.dumps([key, outside]).encode()).hexdigest()
        rel = f"{RELASI_FOLDER}/{name}"
        if _kept(known, rel, key, folder / name):
            recorded[rel] = known[rel]
            if rel in _FRAMES:
                frames[rel] = _FRAMES[rel]
            continue
        parties = [{"name": p.name, "group": relasi.group_name(cat, p.group), "how": HOW[p.how],
                    "unit": rmap.units.get((p.group, p.unit), "") if p.unit else ""}
                   for p in rmap.parties.values()]
        if svg_bytes is not None and svg_bytes not in _SVGS:
            _SVGS[svg_bytes] = svgs[svg_bytes] if svg_bytes in svgs else _safe_svg(svg_bytes)
        svg = _SVGS[svg_bytes] if svg_bytes is not None else None
        data = None
        frame = _frame_key(rmap, outside) if shipped else None
        last = _FRAMES.get(rel)
        if frame is not None and last is not None and last[0] == frame and last[1] is tpl:
            splice = _Splice()
            splice.cells = [shared.sources_html(r, short=False) for r in rmap.relations] + \
                [shared.sources_html(r, short=True) for r in rmap.hidden]  # in _relation_rows' order
            data = splice.join(last[2])
            frames[rel] = last
        for splice in (_Splice() if shipped else None, None) if data is None else ():
            html = tpl.render(root="../", title=rmap.title, institution=institution, version=version, rmap=rmap,
                              svg=svg, files=files, links=links, current=name,
                              relations=_relation_rows(rmap, rmap.relations, True, shared, splice),
                              hidden=_relation_rows(rmap, rmap.hidden, False, shared, splice), parties=parties,
                              settings=[s.path for s in rmap.settings])
            data = splice.join(html) if splice is not None else html.encode("utf-8")
            if data is not None:
                if splice is not None:
                    frames[rel] = (frame, tpl, html)
                break
        (put or pages.__setitem__)(folder / name, data)
        recorded[rel] = [key, len(data)]
    _FRAMES.clear()  # the pages of this call only
    _FRAMES.update(frames)
    # the cells' fragments of rows no longer made (a renamed process, a relation gone): a kept fragment holds its
    # row, so ids stay unique
    rows = {id(made[1]) for kept in _GROUPS.values() for made in kept[2].values()}
    for gone in [k for k in FRAGMENTS if k not in rows]:
        del FRAGMENTS[gone]
    return pages, recorded


def _kept(known: dict | None, rel: str, key: str, path: Path) -> bool:
    """True when the last build recorded this page with ``key`` and the file still has the recorded size."""
    old = (known or {}).get(rel)
    if old is None or old[0] != key:
        return False
    try:
        return path.stat().st_size == old[1]
    except OSError:
        return False


def matrix_pages(cat: Catalogue, env, institution: str, version: str, out: Path, known: dict | None = None,
                 base: str = "", put: Callable[[Path, bytes], None] | None = None
                 ) -> tuple[dict[Path, bytes], dict[str, list]]:
    """Return the process x application matrix pages that changed (path -> HTML bytes) and every page's
    [key, size]: a page whose key (what it is made from, and ``base``) and size still match ``known`` is not
    rendered again (a Pemda's page lists every process: ~20 ms for 900).  ``put``: as ``relation_pages``'."""
    scopes = [None] + apps.departments(cat)
    links = [{"label": "Seluruh Pemda", "url": "index.html"}]
    links += [{"label": cat.organisasi.perangkat_daerah[s].nama if cat.organisasi and s in cat.organisasi.perangkat_daerah
               else s, "url": f"{matrix_stem(s)}.html"} for s in scopes if s]
    register = cat.aplikasi.aplikasi if cat.aplikasi else {}
    tpl = env.get_template("aplikasi.html.j2")
    pages: dict[Path, bytes] = {}
    recorded: dict[str, list] = {}
    every = apps.process_rows(cat)  # once for every matrix
    for scope in scopes:
        m = apps.matrix(cat, scope, every)
        folder = out / MATRIX_FOLDER
        stem = matrix_stem(scope)
        files = [{"url": f"{stem}{ext}", "label": label} for ext, label in
                 ((".xlsx", "Excel (.xlsx)"), (".csv", "CSV (Excel berbahasa Indonesia)")) if (folder / f"{stem}{ext}").is_file()]
        rows = [{"kode": r.doc.kode, "nama": r.doc.nama, "url": _doc_url(cat, r.doc.kode), "steps": r.steps,
                 "with_app": r.with_app, "share": decimal(r.share), "cells": [r.per_app.get(a, 0) for a, _ in m.apps]}
                for r in m.rows]
        replaced = []
        for r in m.rows:
            for step_no, step in enumerate(r.doc.kegiatan, 1):
                for a in step.aplikasi:
                    app = register.get(a)
                    if app and app.diganti_oleh in register:
                        replaced.append({"kode": r.doc.kode, "no": step_no, "uraian": step.uraian,
                                         "url": _doc_url(cat, r.doc.kode), "lama": app.nama,
                                         "baru": register[app.diganti_oleh].nama})
        columns = [{"id": a, "name": column_name(a, app), "short": (app.nama if app else a).split(" (")[0],
                    "umum": bool(app and app.umum),
                    "used": sum(1 for r in m.rows if a in r.per_app)} for a, app in m.apps]
        name = "index.html" if scope is None else f"{stem}.html"
        values = dict(root="../", title=m.title, institution=institution, version=version, rows=rows,
                      columns=columns, files=files, links=links, current=name, replaced=replaced,
                      register=[{"id": a, **app.model_dump(), "owner": app.pemilik or (
                          cat.organisasi.perangkat_daerah[app.perangkat_daerah].nama if cat.organisasi and
                          app.perangkat_daerah in cat.organisasi.perangkat_daerah else app.perangkat_daerah or "")}
                                for a, app in register.items()] if scope is None else [])
        key = hashlib.sha256(json.dumps([base, values], sort_keys=True, default=str).encode()).hexdigest()
        rel = f"{MATRIX_FOLDER}/{name}"
        if _kept(known, rel, key, folder / name):
            recorded[rel] = known[rel]
            continue
        data = tpl.render(m=m, **values).encode("utf-8")
        (put or pages.__setitem__)(folder / name, data)
        recorded[rel] = [key, len(data)]
    # the cells' fragments of rows no longer made (a renamed process, a relation gone): a kept fragment holds its
    # row, so ids stay unique
    rows = {id(made[1]) for kept in _GROUPS.values() for made in kept[2].values()}
    for gone in [k for k in FRAGMENTS if k not in rows]:
        del FRAGMENTS[gone]
    return pages, recorded


def index_links(cat: Catalogue, pages: Iterable[str]) -> dict:
    """Return the home page's links to these pages: {"pemda": [...], <pd>: [...]} (label, url).  ``pages``: the
    pages this build made or kept (``write_pages``' keys), not what is on disk: a page is written in a thread
    (atomic.Background) and may not be there yet."""
    pages = set(pages)
    links: dict = {"pemda": []}
    if f"{RELASI_FOLDER}/index.html" in pages:
        links["pemda"].append({"label": "Peta relasi seluruh Pemda", "url": f"{RELASI_FOLDER}/index.html"})
        for pd in relasi.departments(cat):
            links.setdefault(pd, []).append({"label": "Peta relasi", "url": f"{RELASI_FOLDER}/{relasi_stem(pd)}.html"})
    if f"{MATRIX_FOLDER}/index.html" in pages:
        links["pemda"].append({"label": "Matriks proses dan aplikasi", "url": f"{MATRIX_FOLDER}/index.html"})
        for pd in apps.departments(cat):
            links.setdefault(pd, []).append({"label": "Matriks proses dan aplikasi",
                                             "url": f"{MATRIX_FOLDER}/{matrix_stem(pd)}.html"})
    return links


def write_pages(cat: Catalogue, env, institution: str, version: str, out: Path,
                write: Callable[[Path, bytes], None], known: dict | None = None,
                base: str = "") -> tuple[list[Path], dict[str, list]]:
    """Write the relation and matrix pages whose bytes changed; return the paths written and every page's
    key (``relation_pages``, ``matrix_pages``).  Each page is written as it is made: one in memory at a time."""
    written = []

    def put(path: Path, data: bytes) -> None:
        if not holds(path, data):  # a Pemda's page: ~2 MB
            write(path, data)
            written.append(path)
    _, keys = relation_pages(cat, env, institution, version, out, known, base, put)
    if any(apps.used(d) for d in cat.maps) or cat.aplikasi is not None:
        keys.update(matrix_pages(cat, env, institution, version, out, known, base, put)[1])
    return sorted(written), keys


__all__ = ["safe_svg", "relation_pages", "matrix_pages", "write_pages"]
