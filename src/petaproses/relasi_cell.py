"""The sources cell of the peta relasi's pages (review_relasi.py): the SOPs and steps behind a relation, as
the shipped ``relasi_sumber.html.j2`` renders them, written out in Python (a relation of 1,000 SOPs lists them
all, and Jinja2's loops took most of a page's time).  Any other text of the template goes through Jinja2."""

from __future__ import annotations

import hashlib
from typing import NamedTuple

from markupsafe import escape


class Source(NamedTuple):
    """A process behind a relation, as its sources cell lists it (a tuple's fields: Jinja reads them ~2x faster
    than a _Row's keys, and a cell of 1,000 processes renders in half the time)."""

    kode: str
    nama: str
    url: str | None
    steps: list


class Step(NamedTuple):
    no: int
    url: str | None


# the sha-256 of the shipped relasi_sumber.html.j2, which ``cell_html`` writes out in Python: the same bytes
# (tests/test_relasi_pages.py holds it), several times faster than Jinja2's loops (a renamed process behind
# every relation of 1,000 SOPs: ~11,000 sources in 42 cells, ~60 -> ~12 ms).  Any other text (a Pemda's
# restyled copy, an edited template) is rendered by Jinja2
CELL_SHA = "27f7f8f0c8747a6228f85182c4af9730dd9548f41285f13933761cbb5f79e112"


def shipped_cell(template) -> bool:
    """Return whether ``template`` is the shipped sources cell, byte for byte (``CELL_SHA``)."""
    try:
        source = template.environment.loader.get_source(template.environment, template.name)[0]
    except Exception:  # noqa: BLE001 - no source to compare: Jinja2 renders it
        return False
    return hashlib.sha256(source.encode("utf-8")).hexdigest() == CELL_SHA


def cell_html(sources: list, short: bool, escaped: dict | None = None, fragments: dict | None = None) -> str:
    """The shipped relasi_sumber.html.j2 rendered: each value escaped as autoescape does (None prints "None");
    ``escaped`` keeps the escaped values between calls, ``fragments`` each row's HTML (``FRAGMENTS``: rows are
    never changed once made, a renamed process gets a new one)."""
    done = {} if escaped is None else escaped
    kept = {} if fragments is None else fragments

    def e(value) -> str:
        found = done.get(value)
        if found is None:
            found = done[value] = str(escape(value))
        return found

    def html(s) -> str:
        if short:
            return f'<a href="{e(s.url)}"><code>{e(s.kode)}</code></a>' if s.url else f"<code>{e(s.kode)}</code>"
        head = f'<a href="{e(s.url)}"><code>{e(s.kode)}</code> {e(s.nama)}</a>' if s.url else f"<code>{e(s.kode)}</code>"
        if s.steps:  # a step's page is the process's and its anchor: escaped apart (the same text)
            url, page = s.url, e(s.url)
            head += " (" + ", ".join(f'<a href="{page}{e(st.url[len(url):])}">{e(st.no)}</a>' if url and
                                     type(st.url) is str and st.url.startswith(url) else
                                     f'<a href="{e(st.url)}">{e(st.no)}</a>' for st in s.steps) + ")"
        return f"<div>{head}</div>"
    side = 2 if short else 1
    parts = []
    for s in sources:
        hit = kept.get(id(s))
        if hit is None or hit[0] is not s:
            hit = kept[id(s)] = [s, None, None]
        if hit[side] is None:
            hit[side] = html(s)
        parts.append(hit[side])
    return (", " if short else "").join(parts)


# id of a source row (a _GROUPS row) -> (the row, its HTML in the long cell, in the short one), as ``cell_html`` made
# them: a rename makes again the fragments of the renamed process only (1,000 SOPs: ~11,000 rows in 42 cells)
FRAGMENTS: dict[int, list] = {}
