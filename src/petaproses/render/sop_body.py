"""The body of one SOP document: the identity table and the flowchart pages, and its reusable form (``Body``).

The SOP's own document and the department's Dokumen SOP book show the same body.  ``sop_docx.render``
returns it as the part ``.<kode>.isi``; the book gets the parts back from the build and reuses a body whose
key still matches (it is rendered again when the part is missing, damaged or stale).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import re
import zlib
from pathlib import Path
from typing import Mapping

from ..catalogue import Catalogue
from ..layout.page import mm
from ..layout.sop_chart import build_chart
from ..model import Sop, as_list
from ..register import ordered_texts
from ..texts import format_date
from . import docx_xml as X
from .docx_flowchart import Ids, page_tables
from .docx_style import Style
from .docx_writer import Writer


def tanggal(value: dt.date | None) -> str:
    """Return the Indonesian date, e.g. '6 Januari 2025' ('-' when empty)."""
    return format_date(value)


def sop_body(w: Writer, doc: Sop) -> tuple[str, int]:
    """Return the XML of one SOP (identity table, then the flowchart pages) and its page count."""
    style = w.style
    ident, ident_pages = identity_table(w, doc)
    chart = build_chart(w.cat, doc, style)
    tables = page_tables(chart, style, w.ids)
    gap = X.para(line=20, size=1, page_break=True)
    xml = ident + "".join(gap + t for t in tables) + X.para(line=20, size=1)
    return xml, ident_pages + len(tables)


_LOGO_RID = "petaproses-logo-rid"
_ISI_MAGIC = b"petaproses-isi 1\n"
_RENUMBER = re.compile(r'(<wp:docPr id="|relativeHeight=")(\d+)"')


class _BodyWriter:
    """What ``sop_body`` needs of a Writer: a fresh id counter, and the logo with a placeholder rId."""

    def __init__(self, cat: Catalogue, style: Style, logo: tuple[str, int, int] | None):
        self.cat, self.style, self.ids = cat, style, Ids()
        self._logo = (_LOGO_RID, logo[1], logo[2]) if logo else None

    def logo(self) -> tuple[str, int, int] | None:
        return self._logo

    logo_xml = Writer.logo_xml


@functools.lru_cache(maxsize=1)
def _code_hash() -> str:
    """Hash of petaproses' own code: a body made by another version is never reused."""
    h = hashlib.sha256()
    root = Path(__file__).resolve().parents[1]
    for path in sorted(root.rglob("*.py")):
        if "__pycache__" not in path.parts:
            h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def body_key(cat: Catalogue, doc: Sop, style: Style, logo: tuple[str, int, int] | None) -> str:
    """Hash of everything ``sop_body`` reads: the SOP, the catalogue facts it shows, the style, the logo size."""
    org = cat.organisasi
    pejabat = [org.pejabat.get(p) for p in doc.pengesah + doc.pemeriksa] if org else None
    try:
        gaya = (style.templates / "sop" / "gaya.yaml").read_bytes()
    except OSError:
        gaya = b""
    facts = {
        "code": _code_hash(),
        "style": {f.name: getattr(style, f.name) for f in dataclasses.fields(style) if f.name != "env"},
        "gaya": hashlib.sha256(gaya).hexdigest(),
        "sop": doc.model_dump(mode="json"),
        "actors": [[a, cat.actor_name(a)] for a in cat.lanes(doc)],
        "organisation": org.nama if org else "",
        "department": cat.department_name(doc),
        "unit": cat.unit_name(doc),
        "pejabat": [p.model_dump(mode="json") if p else None for p in pejabat] if pejabat else None,
        "related": [[c, cat.by_code[c].nama if c in cat.by_code else None] for c in doc.keterkaitan],
        "dasar_hukum": dasar_hukum(cat, doc),  # as printed: depends on the register too
        "logo": list(logo[1:]) if logo else None,
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True, default=str).encode()).hexdigest()


def dasar_hukum(cat: Catalogue, doc: Sop) -> list[str]:
    """Return the SOP's legal basis as printed: hierarchy order, register entries with their amendments."""
    return ordered_texts(cat.peraturan, list(doc.dasar_hukum))


def isi_name(doc: Sop) -> str:
    return f".{doc.kode}.isi"


@dataclasses.dataclass
class Body:
    """One SOP's body as ``sop_body`` makes it in a fresh document: shape ids and z-order from the first,
    the logo's rId a placeholder.  ``place`` fits it into a real document; the result does not depend on
    whether the body was just rendered or taken from the part ``.<kode>.isi`` the SOP's renderer returned."""

    key: str
    xml: str
    pages: int
    ids: int  # ids (and z-order steps) the body takes

    @classmethod
    def render(cls, w: Writer, doc: Sop) -> Body:
        logo = w.logo()  # first, as sop_body would: where the picture enters the package fixes its rId
        bw = _BodyWriter(w.cat, w.style, logo)
        xml, pages = sop_body(bw, doc)  # type: ignore[arg-type]
        return cls(body_key(w.cat, doc, w.style, logo), xml, pages, bw.ids.z)

    @classmethod
    def load(cls, w: Writer, doc: Sop, parts: Mapping[str, bytes]) -> Body:
        """Return the body from the part ``.<kode>.isi`` in ``parts`` when it is there, whole and current (its
        key matches what the body is made from), else render it."""
        data = parts.get(isi_name(doc), b"")
        if isinstance(data, bytes) and data.startswith(_ISI_MAGIC):
            try:
                head, packed = data[len(_ISI_MAGIC):].split(b"\n", 1)
                meta = json.loads(head)
                if meta["key"] == body_key(w.cat, doc, w.style, w.logo()):
                    return cls(meta["key"], zlib.decompress(packed).decode("utf-8"), int(meta["pages"]),
                               int(meta["ids"]))
            except (ValueError, KeyError, TypeError, zlib.error):
                pass  # damaged: render it again
        return cls.render(w, doc)

    def dump(self) -> bytes:
        head = json.dumps({"key": self.key, "pages": self.pages, "ids": self.ids}, sort_keys=True).encode()
        return _ISI_MAGIC + head + b"\n" + zlib.compress(self.xml.encode("utf-8"), 1)

    def place(self, w: Writer) -> str:
        """Return the XML for the next place in ``w``: its shape ids, z-order and logo rId."""
        ids = w.ids
        did, dz = ids.next_id - 1, ids.z
        xml = self.xml
        if did or dz:
            xml = _RENUMBER.sub(lambda m: f'{m.group(1)}{int(m.group(2)) + (did if m.group(1)[0] == "<" else dz)}"',
                                xml)
        ids.next_id += self.ids
        ids.z += self.ids
        logo = w.logo()
        if logo:
            xml = xml.replace(f'r:embed="{_LOGO_RID}"', f'r:embed="{logo[0]}"')
        return xml


# ----------------------------------------------------------------------------------------------- identity
def _numbered(items: list[str], size: float, line: int) -> str:
    if not items:
        return X.para("-", size=size, line=line)
    if len(items) == 1:
        return X.para(items[0], size=size, line=line)
    return "".join(X.para(f"{i}.\t{t}", size=size, line=line, indent=340, hanging=340)
                   for i, t in enumerate(items, 1))


def identity_table(w: Writer, doc: Sop) -> tuple[str, int]:
    """Return the bagian identitas table and how many pages it takes (for the book's page numbers)."""
    cat, st = w.cat, w.style
    size = st.size
    line = st.line(size)
    big = st.line(size + 1)
    total = st.body_width
    c0 = int(total * 0.42)
    c1 = int(total * 0.17)
    c2 = total - c0 - c1
    mar = 108  # cell text margin
    org = cat.organisasi
    pejabat = org.pejabat.get(doc.pengesah[0]) if org else None  # the first signer (issue 10 adds the others)
    pad = 60

    def lines(text: str, width: int, bold: bool = False, sz: float = size, indent: int = 0) -> int:
        return st.wrap(text, width - 2 * mar - indent, sz, bold)

    def vpara(text: str, bold: bool = False) -> str:
        return X.para(text, size=size, bold=bold, line=line, before=pad, after=pad)

    left_lines = [t for t in (org.nama if org else "", cat.department_name(doc), cat.unit_name(doc) or "") if t]
    logo = w.logo_xml()
    left = (X.para(align="center", before=pad, after=pad, extra=logo) if logo else "") + "".join(
        X.para(t.upper(), size=size + 1, bold=True, align="center", line=big, before=0 if (logo or i) else pad)
        for i, t in enumerate(left_lines))
    left_h = (mm(22) + 2 * pad if logo else pad) + sum(lines(t.upper(), c0, True, size + 1) for t in left_lines) * big

    jabatan = pejabat.jabatan if pejabat else doc.pengesah[0]
    sign = [vpara(jabatan), X.para(line=mm(16))]  # space for signature and stamp
    sign_h = lines(jabatan, c2) * line + 2 * pad + mm(16)
    if pejabat:
        sign.append(X.para(pejabat.nama, size=size, bold=True, line=line))
        sign_h += lines(pejabat.nama, c2, True) * line
        if pejabat.nip:
            sign.append(X.para(f"NIP. {pejabat.nip}", size=size, line=line, after=pad))
            sign_h += line + pad
    right = [
        ("Nomor SOP", vpara(doc.nomor), lines(doc.nomor, c2)),
        ("Tanggal Pembuatan", vpara(tanggal(doc.tanggal.pembuatan)), 1),
        ("Tanggal Revisi", vpara(tanggal(doc.tanggal.revisi)), 1),
        ("Tanggal Efektif", vpara(tanggal(doc.tanggal.efektif)), 1),
        ("Disahkan oleh", "".join(sign), None),
        ("Nama SOP", vpara(doc.nama.upper(), bold=True), lines(doc.nama.upper(), c2, True)),
    ]
    right_h = 0
    rows = ""
    for i, (lab, content, n) in enumerate(right):
        first = X.cell(left, c0, vmerge="restart", valign="center") if i == 0 else X.cell("", c0, vmerge="continue")
        rows += X.row(first + X.cell(vpara(lab, True), c1) + X.cell(content, c2))
        right_h += sign_h if n is None else max(n, lines(lab, c1, True)) * line + 2 * pad
    units = [max(left_h, right_h) + 40]

    xml, heights = _list_rows(w, doc, c0, c1 + c2, mar, pad)
    rows += xml
    units += heights
    pages, used = 1, 0
    for h in units:
        if used and used + h > st.body_height:
            pages, used = pages + 1, 0
        used += h
    return X.table([c0, c1, c2], rows, mar), pages


def _list_rows(w: Writer, doc: Sop, left: int, right: int, mar: int, pad: int) -> tuple[str, list[int]]:
    """Return the identity table's three rows of lists (dasar hukum, keterkaitan, ...) and their heights."""
    cat, st = w.cat, w.style
    size = st.size
    line = st.line(size)

    def lines(text: str, width: int, indent: int = 0) -> int:
        return st.wrap(text, width - 2 * mar - indent, size)

    def keterkaitan() -> list[str]:
        out = []
        for code in doc.keterkaitan:
            other = cat.by_code.get(code)
            out.append(f"{other.nama} ({code})" if other else code)
        return out

    def block(label: str, items: list[str], width: int) -> tuple[str, int]:
        # label and content share one unsplittable cell, so a heading never ends a page alone
        head = X.para(label + ":", size=size, bold=True, line=line, before=pad, after=pad,
                      extra="").replace("<w:pPr>", f'<w:pPr><w:shd w:val="clear" w:color="auto" w:fill="{st.heading_fill}"/>', 1)
        body = _numbered(items, size, line) + X.para(line=pad)
        if len(items) > 1:
            n = sum(lines(t, width, indent=340) for t in items)
        else:
            n = lines(items[0] if items else "-", width)
        return head + body, 3 * pad + (n + 1) * line

    pairs = [
        (("Dasar Hukum", dasar_hukum(w.cat, doc)), ("Kualifikasi Pelaksana", doc.kualifikasi_pelaksana)),
        (("Keterkaitan", keterkaitan()), ("Peralatan/Perlengkapan", doc.peralatan)),
        (("Peringatan", as_list(doc.peringatan)), ("Pencatatan dan Pendataan", as_list(doc.pencatatan))),
    ]
    rows, heights = "", []
    for (la, ia), (lb, ib) in pairs:
        xa, ha = block(la, list(ia), left)
        xb, hb = block(lb, list(ib), right)
        rows += X.row(X.cell(xa, left) + X.cell(xb, right, span=2))
        heights.append(max(ha, hb) + 20)
    return rows, heights
