"""The body of one SOP document: the identity table and the flowchart pages, and its reusable form (``Body``).

The SOP's own document and the department's Dokumen SOP book show the same body.  ``sop_docx.render``
returns it as the part ``.<kode>.isi``; the book gets the parts back from the build and reuses a body whose
key still matches (it is rendered again when the part is missing, damaged or stale).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
import zlib
from collections import OrderedDict
from typing import Mapping

from .. import code_hash
from ..aplikasi import peralatan
from ..catalogue import Catalogue
from ..layout.page import mm
from ..layout.sop_chart import build_chart
from ..layout.sop_identity import LEVELS, address_lines, identity
from ..model import Sop
from ..register import ordered_texts, written_order
from ..texts import format_date
from . import docx_xml as X
from . import sop_tail
from .docx_flowchart import Ids, page_tables
from .docx_style import Style
from .docx_writer import Writer, prefixes_of
from .sop_identity import identity_xml


def tanggal(value: dt.date | None) -> str:
    """Return the Indonesian date, e.g. '6 Januari 2025' ('-' when empty)."""
    return format_date(value)


GAP = mm(5)  # between the identity table and a flowchart that starts on the same page
TIGHTEST = 2  # the identity's tightest level (sop_identity.LEVELS) tried to start the flowchart on its page


def sop_body(w: Writer, doc: Sop) -> tuple[str, int]:
    """Return the XML of one SOP (identity table, then the flowchart pages) and its page count."""
    style = w.style
    laws, tools = dasar_hukum(w.cat, doc), peralatan(w.cat, doc)
    ident = identity(w.cat, doc, style, has_logo=bool(w.logo()), dasar_hukum=laws, peralatan=tools)
    # the identity in tighter spacing too, when it fits one page: the flowchart starts under the first that
    # lets it (a page fewer, as real SOPs share a page between identity and first rows); never smaller type
    identities = [ident]
    for level in range(LEVELS.index(ident.level) + 1, TIGHTEST + 1) if ident.pages == 1 else ():
        identities.append(identity(w.cat, doc, style, has_logo=bool(w.logo()), dasar_hukum=laws,
                                   peralatan=tools, first_level=level))
    before = (w.ids.next_id, w.ids.z)
    xml = identity_xml(w, ident)  # its logo takes the first id
    tables, on_identity, index = _flowchart(w, doc, tuple(style.body_height - i.last_used - GAP
                                                          for i in identities))
    if index:  # a tighter identity: written with the same ids (its logo)
        after = (w.ids.next_id, w.ids.z)
        w.ids.next_id, w.ids.z = before
        ident = identities[index]
        xml = identity_xml(w, ident)
        w.ids.next_id, w.ids.z = after
    brk = X.para(line=20, size=1, page_break=True)
    for i, t in enumerate(tables):
        xml += (X.para(line=GAP, size=1) if i == 0 and on_identity else brk) + t
    xml += X.para(line=20, size=1)
    return xml, ident.pages + len(tables) - (1 if on_identity else 0)


# SOP code -> (what its flowchart was made from, its page tables, whether it starts on the identity page, the
# ids after it, under which identity), of the last few made in this process: a process that builds again
# (`siaga`) lays out an SOP whose steps, actors, style and rooms are unchanged once (a new title or legal
# basis: ~35 ms of the build)
_CHARTS: OrderedDict[str, tuple] = OrderedDict()
_CHARTS_SIZE = 8


def _flowchart(w, doc: Sop, first_page_room: tuple[int, ...]) -> tuple[list[str], bool, int]:
    """Return the flowchart's page tables (``page_tables``), whether it starts on the identity page and under
    which of the identities whose rooms are ``first_page_room``; the ids it takes are taken from ``w.ids``."""
    cat, ids = w.cat, w.ids
    lanes = cat.lanes(doc)
    made_from = (tuple(doc.kegiatan), tuple(lanes), tuple(cat.actor_name(a) for a in lanes),
                 _style_facts(w.style), first_page_room, ids.next_id, ids.z, doc.jumlah_waktu, str(doc.catatan))
    key = doc.kode
    hit = _CHARTS.get(key)
    if hit is not None and hit[0] == made_from:  # models are frozen: the kept steps are as they were
        _CHARTS.move_to_end(key)
        ids.next_id, ids.z = hit[3]
        return hit[1], hit[2], hit[4]
    chart = build_chart(cat, doc, w.style, first_page_room=first_page_room,
                        tail=lambda cols: sop_tail.tail_height(cols, doc, w.style))
    alone = not (chart.first_on_identity and len(chart.pages) == 1)  # the last table has a page to itself
    room = w.style.body_height if alone else first_page_room[chart.room_index]
    tables = sop_tail.attach(page_tables(chart, w.style, ids), chart, doc, w.style, room)
    _CHARTS[key] = (made_from, tables, chart.first_on_identity, (ids.next_id, ids.z), chart.room_index)
    _CHARTS.move_to_end(key)
    if len(_CHARTS) > _CHARTS_SIZE:
        _CHARTS.popitem(last=False)
    return tables, chart.first_on_identity, chart.room_index


def _style_facts(style: Style) -> dict:
    """The style's fields that shape a body: not the Jinja2 environment nor the templates compiled so far (they
    fill up while documents render), nor the templates folder's path (the body reads gaya.yaml there)."""
    return {f.name: getattr(style, f.name) for f in dataclasses.fields(style)
            if f.name not in ("env", "compiled", "templates")}


_LOGO_RID = "petaproses-logo-rid"
_ISI_MAGIC = b"petaproses-isi 1\n"
# one pattern per attribute: a pattern that starts with one literal is searched for by that literal (an
# alternation is tried at every character: three times slower over a body's ~250 KB)
_SHAPE_ID = re.compile(r'<wp:docPr id="(\d+)"')
_Z_ORDER = re.compile(r'relativeHeight="(\d+)"')


def _marks_of(xml: str) -> tuple[int, ...]:
    """Return ``Body.marks`` of ``xml``: its shape ids and z-orders, in order."""
    found = sorted((m.start(1), m.end(1), int(m.group(1)), kind)
                   for kind, pattern in enumerate((_SHAPE_ID, _Z_ORDER)) for m in pattern.finditer(xml))
    return tuple(n for mark in found for n in mark)


class _BodyWriter:
    """What ``sop_body`` needs of a Writer: a fresh id counter, and the logo with a placeholder rId."""

    def __init__(self, cat: Catalogue, style: Style, logo: tuple[str, int, int] | None):
        self.cat, self.style, self.ids = cat, style, Ids()
        self._logo = (_LOGO_RID, logo[1], logo[2]) if logo else None

    def logo(self) -> tuple[str, int, int] | None:
        return self._logo

    logo_xml = Writer.logo_xml


def body_key(cat: Catalogue, doc: Sop, style: Style, logo: tuple[str, int, int] | None) -> str:
    """Hash of everything ``sop_body`` reads: the SOP, the catalogue facts it shows, the style, the logo size."""
    org = cat.organisasi
    pejabat = [org.pejabat.get(p) for p in doc.pengesah + doc.pemeriksa + doc.pembuat] if org else None
    try:
        gaya = (style.templates / "sop" / "gaya.yaml").read_bytes()
    except OSError:
        gaya = b""
    facts = {
        "code": code_hash(),  # a body made by other code is never reused
        # gaya.yaml is hashed below; without the templates folder's path a copy of petaproses elsewhere (another
        # virtualenv) finds the stored bodies current, and so stores them again
        "style": _style_facts(style),
        "gaya": hashlib.sha256(gaya).hexdigest(),
        "actors": [[a, cat.actor_name(a)] for a in cat.lanes(doc)],
        "organisation": org.nama if org else "",
        "department": cat.department_name(doc),
        "parent": cat.parent_body(doc.perangkat_daerah),
        "unit": cat.unit_name(doc),
        "parent_unit": cat.parent_unit(doc),
        "address": address_lines(cat, doc) if style.address else None,
        "pejabat": [p.model_dump(mode="json") if p else None for p in pejabat] if pejabat else None,
        "related": [[c, cat.by_code[c].nama if c in cat.by_code else None] for c in doc.keterkaitan],
        "dasar_hukum": dasar_hukum(cat, doc),  # as printed: depends on the register too
        "peralatan": peralatan(cat, doc),  # the SOP's own items and the applications its steps use
        "logo": list(logo[1:]) if logo else None,
    }
    key = hashlib.sha256(json.dumps(facts, sort_keys=True, default=str).encode())
    key.update(doc.model_dump_json().encode())  # the SOP itself: every field, as pydantic writes it (fast)
    return key.hexdigest()


def dasar_hukum(cat: Catalogue, doc: Sop) -> list[str]:
    """Return the SOP's legal basis as printed: hierarchy order (or as written: `urutan_dasar_hukum`), register
    entries with their amendments."""
    return ordered_texts(cat.peraturan, list(doc.dasar_hukum), written_order(cat, doc))


def isi_name(doc: Sop) -> str:
    return f".{doc.kode}.isi"


@dataclasses.dataclass
class Body:
    """One SOP's body as ``sop_body`` makes it in a fresh document: shape ids and z-order from the first,
    the logo's rId a placeholder.  ``place`` fits it into a real document; the result does not depend on
    whether the body was just rendered or taken from the part ``.<kode>.isi`` the SOP's renderer returned."""

    key: str
    xml: str | None  # None while it is still ``packed``
    pages: int
    ids: int  # ids (and z-order steps) the body takes
    prefixes: frozenset[str]  # the namespace prefixes it uses (Writer.append)
    # where ``place`` renumbers: (start, end, number, kind) of each shape id (kind 0) and z-order (kind 1) in
    # xml, flat and in order; found with the patterns when not given
    marks: tuple[int, ...] | None = None
    # the part's deflated XML, unpacked only when placed: a book of 500 SOPs holds ~8 KB a body, not ~130 KB
    packed: bytes | None = None

    def __post_init__(self) -> None:
        if self.marks is None and self.xml is not None:
            self.marks = _marks_of(self.xml)

    @classmethod
    def render(cls, w: Writer, doc: Sop) -> Body:
        logo = w.logo()  # first, as sop_body would: where the picture enters the package fixes its rId
        bw = _BodyWriter(w.cat, w.style, logo)
        xml, pages = sop_body(bw, doc)  # type: ignore[arg-type]
        return cls(body_key(w.cat, doc, w.style, logo), xml, pages, bw.ids.z, prefixes_of(xml.encode("utf-8")))

    @classmethod
    def load(cls, w: Writer, doc: Sop, parts: Mapping[str, bytes]) -> Body:
        """Return the body from the part ``.<kode>.isi`` in ``parts`` when it is there, whole and current (its
        key matches what the body is made from), else render it.  A part whose digest of its deflated XML
        matches stays packed (``unpack``); one without a digest is unpacked here."""
        data = parts.get(isi_name(doc), b"")
        if isinstance(data, bytes) and data.startswith(_ISI_MAGIC):
            try:
                head, packed = data[len(_ISI_MAGIC):].split(b"\n", 1)
                meta = json.loads(head)
                if meta["key"] == body_key(w.cat, doc, w.style, w.logo()):
                    digest = meta.get("sha")
                    if digest is not None and digest != hashlib.sha256(packed).hexdigest():
                        raise ValueError("damaged")  # cut short, or changed since it was written
                    raw = zlib.decompress(packed) if digest is None else None
                    known = meta.get("prefixes")
                    if not (isinstance(known, list) and all(isinstance(p, str) and p in X.NS for p in known)):
                        raw = raw or zlib.decompress(packed)
                        known = prefixes_of(raw)  # a part that does not say (or says nonsense): looked for
                    marks = meta.get("marks")
                    if not (isinstance(marks, list) and len(marks) % 4 == 0 and all(type(n) is int for n in marks)):
                        marks = None  # looked for
                    pages, ids = meta["pages"], meta["ids"]
                    if not (type(pages) is int and 0 < pages < 100_000 and type(ids) is int and 0 <= ids < 10**9):
                        raise ValueError("counts")  # as sop_body counts them, or rendered again
                    return cls(meta["key"], None if raw is None else raw.decode("utf-8"), pages, ids,
                               frozenset(known), None if marks is None else tuple(marks), packed if raw is None else None)
            except (ValueError, KeyError, TypeError, zlib.error):
                pass  # damaged: render it again
        return cls.render(w, doc)

    def dump(self) -> bytes:
        packed = zlib.compress(self.unpack().encode("utf-8"), 1)
        head = json.dumps({"key": self.key, "pages": self.pages, "ids": self.ids, "prefixes": sorted(self.prefixes),
                           "marks": self.marks, "sha": hashlib.sha256(packed).hexdigest()},
                          sort_keys=True, separators=(",", ":")).encode()
        return _ISI_MAGIC + head + b"\n" + packed

    def unpack(self) -> str:
        """Return the body's XML, unpacked from ``packed`` when it was loaded so (not kept: placed once)."""
        if self.xml is not None:
            return self.xml
        xml = zlib.decompress(self.packed).decode("utf-8")  # type: ignore[arg-type]
        if self.marks is None:
            self.marks = _marks_of(xml)
        return xml

    def place(self, w: Writer) -> str:
        """Return the XML for the next place in ``w``: its shape ids, z-order and logo rId."""
        return self.placed(*self.reserve(w))

    def reserve(self, w: Writer) -> tuple[tuple[int, int], str | None]:
        """Take the body's place in ``w`` (its shape ids and z-orders); return what ``placed`` needs to make its
        XML later: the numbers it moves on by, and the logo's rId."""
        ids = w.ids
        step = (ids.next_id - 1, ids.z)  # by kind
        ids.next_id += self.ids
        ids.z += self.ids
        logo = w.logo()
        return step, logo[0] if logo else None

    def placed(self, step: tuple[int, int], logo: str | None) -> str:
        """Return the XML with its numbers moved on by ``step`` and the logo's rId (``reserve``)."""
        xml = self.unpack()
        if step != (0, 0):  # not the first body of a document: its numbers move on (the text is not searched)
            pieces, at, marks = [], 0, self.marks
            for i in range(0, len(marks), 4):  # type: ignore[arg-type]
                start, end, number, kind = marks[i:i + 4]  # type: ignore[index]
                pieces += (xml[at:start], str(number + step[kind != 0]))
                at = end
            pieces.append(xml[at:])
            xml = "".join(pieces)
        if logo:
            xml = xml.replace(f'r:embed="{_LOGO_RID}"', f'r:embed="{logo}"')
        return xml
