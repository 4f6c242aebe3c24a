"""Renderer "sop_docx": one SOP AP document (.docx) per SOP, and a Dokumen SOP book per Perangkat Daerah.

The look (paper, orientation, margins, font, header/footer text) comes from ``templates/sop/gaya.yaml``;
the wording of the book (cover, keputusan, penjelasan) from Jinja2 text templates beside it.  python-docx
provides the package, styles, sections and header/footer; tables and shapes are written as XML strings
(``docx_xml``, ``docx_flowchart``), see docs/docx-flowchart.md, approach A1.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import re
import shutil
import subprocess
import tempfile
import zlib
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.ns import qn
from docx.shared import Twips
from lxml import etree

from ..catalogue import Catalogue, organisation_dir
from ..layout.sop_chart import build_chart
from ..model import Sop, as_list
from ..texts import format_date
from ..problems import PetaprosesError
from . import docx_xml as X
from .docx_flowchart import Ids, page_tables
from .docx_package import build_time, save
from .docx_style import Style, apply_font, load_style, mm, render_template, render_text, templates_dir

_FIELD = "\x01"


def applies(doc) -> bool:
    return isinstance(doc, Sop)


def tanggal(value: dt.date | None) -> str:
    """Return the Indonesian date, e.g. '6 Januari 2025' ('-' when empty)."""
    return format_date(value)


# ----------------------------------------------------------------------------------------------- entry points
def render(cat: Catalogue, doc: Sop, templates_dir: str | None = None, pdf: bool = False,
           **_options) -> dict[str, bytes]:
    """Return the SOP's .docx (and .pdf), and the hidden ``.<kode>.isi``: its body for the book (see ``Body``)."""
    style = load_style(_templates(templates_dir))
    body: list[Body] = []
    data = sop_document(cat, doc, style, keep=body)
    files = {f"{doc.kode}.docx": data, isi_name(doc): body[0].dump()}
    if pdf:
        files[f"{doc.kode}.pdf"] = to_pdf({f"{doc.kode}.docx": data})[f"{doc.kode}.pdf"]
    return files


def render_department(cat: Catalogue, pd_id: str, templates_dir: str | None = None, out_dir: str | None = None,
                      **_options) -> dict[str, bytes]:
    """Return the Dokumen SOP book of one Perangkat Daerah (none when it has no SOP).

    With ``out_dir`` (the build's output folder), the SOP bodies that ``render`` left in
    ``out_dir/<pd>/.<kode>.isi`` are reused when their key still matches; the book is the same either way.
    """
    sops = [m for m in cat.maps if isinstance(m, Sop) and m.perangkat_daerah == pd_id]
    if not sops:
        return {}
    style = load_style(_templates(templates_dir))
    folder = Path(out_dir) / pd_id if out_dir else None
    return {f"Dokumen-SOP-{pd_id}.docx": book_document(cat, pd_id, sops, style, folder)}


def render_catalogue(cat: Catalogue, templates_dir: str | None = None, **_options) -> dict[str, bytes]:
    """Return every department's book (paths relative to output/)."""
    out = {}
    for pd_id in sorted({m.perangkat_daerah for m in cat.maps if isinstance(m, Sop)}):
        for name, data in render_department(cat, pd_id, templates_dir).items():
            out[f"{pd_id}/{name}"] = data
    return out


def _templates(option: str | None) -> Path:
    return templates_dir(option)


# ----------------------------------------------------------------------------------------------- documents
class Writer:
    """One python-docx document being assembled: base styles, sections, logo, unique shape ids."""

    def __init__(self, cat: Catalogue, style: Style):
        self.cat, self.style = cat, style
        base = style.templates / "sop" / "dasar.docx"
        self.doc = docx.Document(str(base)) if base.exists() else docx.Document()
        self.ids = Ids()
        self._logo: tuple[str, int, int] | None | bool = False
        self._slots: list[bytes] = []
        self._setup()

    def _setup(self) -> None:
        doc, st = self.doc, self.style
        apply_font(doc, st)
        # compatibilityMode 15: where LibreOffice puts the table edge and cell-anchored shapes depends on it
        settings = doc.settings.element
        for cs in settings.iter(qn("w:compatSetting")):
            if cs.get(qn("w:name")) == "compatibilityMode":
                cs.set(qn("w:val"), "15")

    def section(self, sec, landscape: bool, header: str, footer: str) -> None:
        st = self.style
        w, h = st.page if st.landscape == landscape else st.page[::-1]
        sec.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        sec.page_width, sec.page_height = Twips(w), Twips(h)
        sec.top_margin, sec.bottom_margin = Twips(st.margin("atas")), Twips(st.margin("bawah"))
        sec.left_margin, sec.right_margin = Twips(st.margin("kiri")), Twips(st.margin("kanan"))
        sec.header_distance, sec.footer_distance = Twips(mm(st.header_mm)), Twips(mm(st.footer_mm))
        sec.gutter = 0
        for part, text, align in ((sec.header, header, None), (sec.footer, footer, "right")):
            part.is_linked_to_previous = False
            el = part._element
            for child in list(el):
                el.remove(child)
            runs = ""
            for i, piece in enumerate(text.split(_FIELD)):
                if i % 2:
                    runs += X.field(piece, size=8)
                elif piece:
                    runs += X.run(piece, size=8)
            el.append(X.fragment(f"<w:p>{X.ppr(align=align, line=X_LINE8)}{runs}</w:p>")[0])

    def append(self, xml: str) -> None:
        """Add body-level XML at the end of the body.

        The XML is not parsed into python-docx's tree (parsing, moving and re-serializing 400 KB of shapes per
        SOP was a third of the document's time): a comment marks its place, and ``bytes`` puts the text there
        in the serialized document.xml.  All text in it went through ``X.esc``, so it cannot contain a marker.
        """
        body = self.doc.element.body
        sect = body.sectPr
        mark = etree.Comment(f"{_SLOT}{len(self._slots)}")
        self._slots.append(xml.encode("utf-8"))
        if sect is not None:
            sect.addprevious(mark)
        else:
            body.append(mark)

    def _splice(self, document_xml: bytes) -> bytes:
        slots = self._slots
        return _SLOT_RE.sub(lambda m: slots[int(m.group(1))], document_xml)

    def logo(self) -> tuple[str, int, int] | None:
        """Return (rId, width, height in twips) of the organisation's logo, None when it has none."""
        if self._logo is False:
            self._logo = None
            org = self.cat.organisasi
            if org and org.logo:
                path = organisation_dir(self.cat) / org.logo
                try:
                    rid, image = self.doc.part.get_or_add_image(str(path))
                    ratio = image.px_width / image.px_height if image.px_height else 1
                    hgt = mm(22)
                    self._logo = (rid, int(hgt * ratio), hgt)
                except Exception:  # missing or unreadable picture: the document is built without a logo
                    self._logo = None
        return self._logo  # type: ignore[return-value]

    def logo_xml(self, height: int | None = None) -> str:
        logo = self.logo()
        if not logo:
            return ""
        rid, w, h = logo
        if height:
            w, h = int(w * height / h), height
        did, _ = self.ids.take()
        cx, cy = w * 635, h * 635
        return (f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
                f'<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{did}" name="Logo"/>'
                f'<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
                f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
                f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="logo"/><pic:cNvPicPr/></pic:nvPicPr>'
                f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
                f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
                f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>'
                f"</a:graphic></wp:inline></w:drawing></w:r>")

    def bytes(self, title: str, when: dt.datetime) -> bytes:
        org = self.cat.organisasi.nama if self.cat.organisasi else ""
        used = {p: uri for p, uri in X.NS.items() if any(f"<{p}:".encode() in x or f" {p}:".encode() in x
                                                      for x in self._slots)}
        return save(self.doc, title, org, when, top_ns=used, splice=self._splice)


X_LINE8 = round(8 * 1.2 * 20)
_SLOT = "petaproses-slot-"
_SLOT_RE = re.compile(rb"<!--" + _SLOT.encode() + rb"(\d+)-->")


def _context(cat: Catalogue, doc: Sop | None = None, pd_id: str | None = None) -> dict:
    """Plain-text values for the Jinja2 templates (never re-evaluated: a '{{' in them stays literal)."""
    org = cat.organisasi
    pd_id = pd_id or (doc.perangkat_daerah if doc else None)
    pd = org.perangkat_daerah.get(pd_id) if org and pd_id else None
    ctx = {
        "organisasi": org.nama if org else "",
        "alamat_organisasi": org.alamat or "" if org else "",
        "perangkat_daerah": pd.nama if pd else (pd_id or ""),
        "singkatan": (pd.singkatan or "") if pd else "",
        "alamat": (pd.alamat or (org.alamat if org else "") or "") if pd else "",
        "halaman": f"{_FIELD}PAGE{_FIELD}",
        "jumlah_halaman": f"{_FIELD}NUMPAGES{_FIELD}",
    }
    if doc is not None:
        ctx["sop"] = {"kode": doc.kode, "nama": doc.nama, "nomor": doc.nomor,
                      "unit": cat.unit_name(doc) or ""}
    return ctx


def sop_document(cat: Catalogue, doc: Sop, style: Style, keep: list | None = None) -> bytes:
    """Return the SOP's .docx; ``keep`` (a list) receives its ``Body``, for the book."""
    w = Writer(cat, style)
    ctx = _context(cat, doc)
    w.section(w.doc.sections[0], style.landscape, render_text(style, style.header_text, **ctx),
              render_text(style, style.footer_text, **ctx))
    body = Body.render(w, doc)
    if keep is not None:
        keep.append(body)
    w.append(body.place(w))
    return w.bytes(f"SOP {doc.nama}", build_time(doc.tanggal.efektif or doc.tanggal.pembuatan))


def sop_body(w: Writer, doc: Sop) -> tuple[str, int]:
    """Return the XML of one SOP (identity table, then the flowchart pages) and its page count."""
    style = w.style
    ident, ident_pages = identity_table(w, doc)
    chart = build_chart(w.cat, doc, style)
    tables = page_tables(chart, style, w.ids)
    gap = X.para(line=20, size=1, page_break=True)
    xml = ident + "".join(gap + t for t in tables) + X.para(line=20, size=1)
    return xml, ident_pages + len(tables)


# ----------------------------------------------------------------------------------------------- reusable bodies
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
    pejabat = org.pejabat.get(doc.disahkan_oleh) if org else None
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
        "pejabat": pejabat.model_dump(mode="json") if pejabat else None,
        "related": [[c, cat.by_code[c].nama if c in cat.by_code else None] for c in doc.keterkaitan],
        "logo": list(logo[1:]) if logo else None,
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True, default=str).encode()).hexdigest()


def isi_name(doc: Sop) -> str:
    return f".{doc.kode}.isi"


@dataclasses.dataclass
class Body:
    """One SOP's body as ``sop_body`` makes it in a fresh document: shape ids and z-order from the first,
    the logo's rId a placeholder.  ``place`` fits it into a real document; the result does not depend on
    whether the body was just rendered or read back from the ``.<kode>.isi`` file the SOP's unit wrote."""

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
    def load(cls, w: Writer, doc: Sop, folder: Path | None) -> Body:
        """Return the body from ``folder/.<kode>.isi`` when it is there and current, else render it."""
        if folder is not None:
            try:
                data = (folder / isi_name(doc)).read_bytes()
            except OSError:
                data = b""
            if data.startswith(_ISI_MAGIC):
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
    pejabat = org.pejabat.get(doc.disahkan_oleh) if org else None
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

    jabatan = pejabat.jabatan if pejabat else doc.disahkan_oleh
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
        (("Dasar Hukum", doc.dasar_hukum), ("Kualifikasi Pelaksana", doc.kualifikasi_pelaksana)),
        (("Keterkaitan", keterkaitan()), ("Peralatan/Perlengkapan", doc.peralatan)),
        (("Peringatan", as_list(doc.peringatan)), ("Pencatatan dan Pendataan", as_list(doc.pencatatan))),
    ]
    for (la, ia), (lb, ib) in pairs:
        xa, ha = block(la, list(ia), c0)
        xb, hb = block(lb, list(ib), c1 + c2)
        rows += X.row(X.cell(xa, c0) + X.cell(xb, c1 + c2, span=2))
        units.append(max(ha, hb) + 20)
    pages, used = 1, 0
    for h in units:
        if used and used + h > st.body_height:
            pages, used = pages + 1, 0
        used += h
    return X.table([c0, c1, c2], rows, mar), pages


# ----------------------------------------------------------------------------------------------- the book
def book_document(cat: Catalogue, pd_id: str, sops: list[Sop], style: Style, folder: Path | None = None) -> bytes:
    """Return the Dokumen SOP of a Perangkat Daerah: cover, keputusan, daftar isi, penjelasan, the SOPs.

    ``folder``: where the SOPs' ``.<kode>.isi`` bodies may be (see ``Body.load``)."""
    w = Writer(cat, style)
    ctx = _context(cat, pd_id=pd_id)
    org = cat.organisasi
    pd = org.perangkat_daerah.get(pd_id) if org else None
    kepala = org.pejabat.get(pd.kepala) if org and pd and pd.kepala else None
    dates = [s.tanggal.efektif or s.tanggal.pembuatan for s in sops]
    ctx.update({
        "tahun": max(dates).year,
        "kepala": {"jabatan": kepala.jabatan if kepala else "Kepala " + ctx["perangkat_daerah"],
                   "nama": kepala.nama if kepala else "", "nip": (kepala.nip or "") if kepala else ""},
        "sops": [{"kode": s.kode, "nomor": s.nomor, "nama": s.nama, "deskripsi": " ".join((s.deskripsi or "").split()),
                  "unit": cat.unit_name(s) or "", "jumlah_kegiatan": len(s.kegiatan)} for s in sops],
        "dasar_hukum": sorted({d for s in sops for d in s.dasar_hukum}),
    })
    # SOP bodies first: their page counts feed the table of contents
    bodies = [(b.place(w), b.pages) for b in (Body.load(w, s, folder) for s in sops)]
    front = {}
    for part in ("sampul", "keputusan", "penjelasan"):
        front[part] = render_template(style, f"buku-{part}.j2", **ctx)
    w._book_sops = sops  # type: ignore[attr-defined]
    fw = style.page[1] if style.landscape else style.page[0]  # front matter is portrait
    front_xml = {k: markup(w, v, fw - style.margin("kiri") - style.margin("kanan")) for k, v in front.items()}
    # page numbers: cover, keputusan, daftar isi, penjelasan each start a page
    fh = (style.page[0] if style.landscape else style.page[1]) - style.margin("atas") - style.margin("bawah")
    pages_of = {k: max(1, -(-h // fh)) for k, (_x, h) in front_xml.items()}
    toc_rows = len(sops)
    toc_pages = max(1, -(-(toc_rows * 500 + 2000) // fh))
    start = pages_of["sampul"] + pages_of["keputusan"] + toc_pages + pages_of["penjelasan"] + 1
    first_pages = []
    for _, n in bodies:
        first_pages.append(start)
        start += n
    toc = daftar_isi(w, sops, first_pages, fw - style.margin("kiri") - style.margin("kanan"),
                     pages_of["sampul"] + pages_of["keputusan"] + toc_pages)
    brk = X.para(line=20, size=1, page_break=True)
    w.append(front_xml["sampul"][0] + brk + front_xml["keputusan"][0] + brk + toc + brk + front_xml["penjelasan"][0])
    footer = render_text(style, style.book_footer_text, **ctx)
    w.section(w.doc.sections[0], False, "", footer)
    for s, (xml, _n) in zip(sops, bodies):
        sec = w.doc.add_section(WD_SECTION.NEW_PAGE)
        sctx = _context(cat, s)
        w.section(sec, style.landscape, render_text(style, style.header_text, **sctx),
                  render_text(style, style.book_footer_text, **sctx))
        w.append(xml)
    return w.bytes(f"Dokumen SOP {ctx['perangkat_daerah']}", build_time(max(dates)))


def daftar_isi(w: Writer, sops: list[Sop], pages: list[int], width: int, penjelasan_page: int) -> str:
    st = w.style
    size, line = st.size, st.line(st.size)
    widest = max(st.measure(s.nomor, size) for s in sops) + 2 * 108 + 60  # numbers do not wrap when possible
    cw = [mm(10), int(min(max(widest, width * 0.2), width * 0.4)), 0, mm(20)]
    cw[2] = width - cw[0] - cw[1] - cw[3]
    head = "".join(X.cell(X.para(t, size=size, bold=True, align="center", line=line, before=60, after=60), c,
                          fill=st.heading_fill) for t, c in zip(("No", "Nomor SOP", "Nama SOP", "Halaman"), cw))
    rows = X.row(head, header=True)
    rows += X.row(X.cell(X.para("", size=size), cw[0]) + X.cell(X.para("Penjelasan Singkat Penggunaan", size=size,
                  line=line, before=60, after=60), cw[1] + cw[2], span=2)
                  + X.cell(X.para(str(penjelasan_page + 1), size=size, align="center", line=line, before=60), cw[3]))
    for i, (s, p) in enumerate(zip(sops, pages), 1):
        cells = [(str(i), "center"), (s.nomor, None), (s.nama, None), (str(p), "center")]
        rows += X.row("".join(X.cell(X.para(t, size=size, align=a, line=line, before=60, after=60), c)
                              for (t, a), c in zip(cells, cw)))
    title = X.para("DAFTAR ISI", size=st.size + 2, bold=True, align="center", line=st.line(st.size + 2), after=240)
    return title + X.table(cw, rows, 108)


def markup(w: Writer, text: str, width: int) -> tuple[str, int]:
    """Turn a rendered text template into paragraphs; returns (xml, estimated height).

    One line = one paragraph.  "# " big centred title, "## " bold heading, "^ " centred, "> " indented,
    "- " numbered item, "[[logo]]", "[[spasi]]", "[[tanda_tangan]]" (the head's signature block),
    "[[daftar_sop]]" (table of the SOPs).  Text is escaped: nothing in it is interpreted as XML.
    """
    st = w.style
    size = st.size
    line = st.line(size)
    out, height, number = [], 0, 0
    for raw in text.splitlines():
        s = raw.strip()
        if not s:
            continue
        if not s.startswith("- "):
            number = 0
        if s == "[[logo]]":
            logo = w.logo_xml(mm(35))
            if logo:
                out.append(X.para(align="center", after=240, extra=logo))
                height += mm(35) + 240
        elif s == "[[spasi]]":
            out.append(X.para(line=mm(25)))
            height += mm(25)
        elif s.startswith("# "):
            big = size + 4
            out.append(X.para(s[2:], size=big, bold=True, align="center", line=st.line(big), after=120))
            height += st.wrap(s[2:], width, big, True) * st.line(big) + 120
        elif s.startswith("## "):
            out.append(X.para(s[3:], size=size, bold=True, line=line, before=200, after=80, keep_next=True))
            height += st.wrap(s[3:], width, size, True) * line + 280
        elif s.startswith("^ "):
            out.append(X.para(s[2:], size=size, align="center", line=line, after=60))
            height += st.wrap(s[2:], width, size) * line + 60
        elif s.startswith("> "):
            out.append(X.para(s[2:], size=size, align="both", line=line, indent=567, after=60))
            height += st.wrap(s[2:], width - 567, size) * line + 60
        elif s.startswith("- "):
            number += 1
            out.append(X.para(f"{number}.\t{s[2:]}", size=size, align="both", line=line, indent=907,
                              hanging=340, after=40))
            height += st.wrap(s[2:], width - 907, size) * line + 40
        elif s.startswith("[[tanda_tangan") and s.endswith("]]"):
            parts = [p.strip() for p in s[2:-2].split("|")[1:]]
            x = mm(95) if width > mm(120) else width // 2
            for i, p in enumerate(parts):
                if i == len(parts) - 2:
                    out.append(X.para(line=mm(20)))
                    height += mm(20)
                out.append(X.para(p, size=size, bold=(i == len(parts) - 2), line=line, indent=x))
                height += line
        elif s == "[[daftar_sop]]":
            xml, h = _sop_list(w, width)
            out.append(xml)
            height += h
        else:
            out.append(X.para(s, size=size, align="both", line=line, after=80))
            height += st.wrap(s, width, size) * line + 80
    return "".join(out), height


def _sop_list(w: Writer, width: int) -> tuple[str, int]:
    st = w.style
    size, line = st.size, st.line(st.size)
    sops = w._book_sops  # type: ignore[attr-defined]
    widest = max(st.measure(s.nomor, size) for s in sops) + 2 * 108 + 60
    cw = [mm(10), int(min(max(widest, width * 0.2), width * 0.4)), 0]
    cw[2] = width - cw[0] - cw[1]
    head = "".join(X.cell(X.para(t, size=size, bold=True, align="center", line=line, before=60, after=60), c,
                          fill=st.heading_fill) for t, c in zip(("No", "Nomor SOP", "Nama SOP"), cw))
    rows, h = X.row(head, header=True), line + 120
    for i, s in enumerate(sops, 1):
        rows += X.row("".join(X.cell(X.para(t, size=size, line=line, before=60, after=60), c)
                              for t, c in zip((str(i), s.nomor, s.nama), cw)))
        h += max(st.wrap(s.nomor, cw[1] - 216, size), st.wrap(s.nama, cw[2] - 216, size)) * line + 120
    return X.table(cw, rows, 108) + X.para(line=200), h + 200


# ----------------------------------------------------------------------------------------------- PDF
INSTALL_HINT = ("LibreOffice tidak ditemukan, sehingga PDF tidak dapat dibuat. Pasang dengan:\n"
                "  sudo apt-get install libreoffice-writer-nogui   (Debian/Ubuntu)\n"
                "atau unduh dari https://www.libreoffice.org/download/ (Windows/macOS), "
                "lalu pastikan perintah 'soffice' ada di PATH.")


def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if not path:
        raise PetaprosesError(INSTALL_HINT)
    return path


def to_pdf(files: dict[str, bytes], timeout: float = 300) -> dict[str, bytes]:
    """Convert .docx files to PDF with one LibreOffice call (start-up is the expensive part)."""
    exe = soffice()
    with tempfile.TemporaryDirectory(prefix="petaproses-pdf-") as tmp:
        folder = Path(tmp)
        paths = []
        for name, data in files.items():
            (folder / name).write_bytes(data)
            paths.append(str(folder / name))
        cmd = [exe, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(folder / "pdf"), *paths]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise PetaprosesError(f"LibreOffice tidak selesai mengubah dokumen ke PDF dalam {timeout:.0f} detik") from None
        out = {}
        for name in files:
            pdf = folder / "pdf" / (Path(name).stem + ".pdf")
            if not pdf.exists():
                raise PetaprosesError(f"LibreOffice gagal mengubah {name} ke PDF: "
                                      f"{proc.stderr.decode(errors='replace').strip()[-300:]}")
            out[pdf.name] = pdf.read_bytes()
        return out
