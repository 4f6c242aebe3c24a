"""One .docx being assembled with python-docx: base template, sections, header/footer, logo, shape ids.

Body XML is spliced into the serialized document.xml instead of being parsed into python-docx's tree (see
``Writer.append``).  Shared by the SOP document (``sop_docx``) and the Dokumen SOP book (``sop_book``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Callable, Iterator

from docx.enum.section import WD_HEADER_FOOTER, WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Twips
from lxml import etree

from ..catalogue import Catalogue, organisation_dir
from ..layout.page import mm
from ..model import Sop, says_none
from ..sanitise import one_line
from ..texts import seat
from . import docx_xml as X
from .docx_flowchart import Ids
from .docx_package import prepared_document, save
from .docx_style import Style, apply_font

_FIELD = "\x01"
_PRIMARY = WD_HEADER_FOOTER.PRIMARY  # the default header or footer of a section


def _lowest_free(taken: Callable[[str], bool]) -> Callable[[str], str]:
    """Return ``free(template)``: the lowest ``template % n`` not ``taken``, counted on from the last one given for
    that template.  python-docx counts from 1 each time (quadratic in a book's sections); the answers are the
    same where names are only added, as here: the lowest free number never goes down."""
    lowest: dict[str, int] = {}

    def free(template: str) -> str:
        n = lowest.get(template, 1)
        while taken(template % n):
            n += 1
        lowest[template] = n + 1
        return template % n
    return free


def _name_parts_from_a_list(package) -> None:
    """Give ``package`` a ``next_partname`` that keeps the names taken in a set.  python-docx's own walks every
    part of the package for each new header or footer part: a book of 500 SOPs (a header and a footer each)
    spent seconds there.  The names are python-docx's: the lowest free number of the template."""
    from docx.opc.packuri import PackURI

    taken = {part.partname for part in package.iter_parts()}
    free = _lowest_free(taken.__contains__)

    def next_partname(template: str) -> PackURI:
        name = PackURI(free(template))
        taken.add(name)
        return name

    package.next_partname = next_partname


def _relate_new_parts(document_part) -> None:
    """Give ``document_part`` a ``relate_new(part, reltype)`` that relates a new part under the lowest free
    rId (``_lowest_free``) and returns it.  python-docx's ``relate_to`` also looks through every relationship
    for one to the part, which there never is (it is new)."""
    rels = document_part.rels
    free = _lowest_free(rels.__contains__)

    def relate_new(part, reltype: str) -> str:
        rid = free("rId%d")
        rels.add_relationship(reltype, part, rid)
        return rid

    document_part.relate_new = relate_new


@functools.lru_cache(maxsize=2)
def _empty_story(kind: str) -> tuple[bytes, bytes]:
    """Return the XML of python-docx's new header or footer part (``kind``) without its paragraph, cut where
    the content goes: (before, after)."""
    from docx.oxml.parser import parse_xml
    from docx.parts.hdrftr import FooterPart, HeaderPart

    root = parse_xml(HeaderPart._default_header_xml() if kind == "header" else FooterPart._default_footer_xml())
    for child in list(root):
        root.remove(child)
    root.text = "petaproses-content"
    head, tail = etree.tostring(root, encoding="utf-8").split(b"petaproses-content")
    return head, tail


class Writer:
    """One python-docx document being assembled: base styles, sections, logo, unique shape ids."""

    def __init__(self, cat: Catalogue, style: Style):
        self.cat, self.style = cat, style
        base = style.templates / "sop" / "dasar.docx"
        self.doc = prepared_document(str(base) if base.exists() else None, (style.font, style.size), self._setup)
        _name_parts_from_a_list(self.doc.part.package)
        _relate_new_parts(self.doc.part)
        self.ids = Ids()
        self._logo: tuple[str, int, int] | None | bool = False
        self._slots: list[bytes | Callable[[], str]] = []
        self._prefixes: set[str] = set()  # of X.NS, those the slots use
        self._page, self._landscape = None, False  # the sectPr last set up (add_section keeps it as the last)

    def _setup(self, doc) -> None:
        """Prepare the base template (once per template and font: ``prepared_document``)."""
        apply_font(doc, self.style)
        # compatibilityMode 15: where LibreOffice puts the table edge and cell-anchored shapes depends on it
        settings = doc.settings.element
        for cs in settings.iter(qn("w:compatSetting")):
            if cs.get(qn("w:name")) == "compatibilityMode":
                cs.set(qn("w:val"), "15")

    def section(self, sec, landscape: bool, header: str, footer: str) -> None:
        """Set up section ``sec``: the page, and a header and a footer of its own holding one line each.  A
        section added since the last one set up (``add_section`` copies it) already has that page when
        ``landscape`` is the same: it is not set again."""
        st = self.style
        if self._page is not sec._sectPr or self._landscape != landscape:  # noqa: SLF001
            w, h = st.page if st.landscape == landscape else st.page[::-1]
            sec.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
            sec.page_width, sec.page_height = Twips(w), Twips(h)
            sec.top_margin, sec.bottom_margin = Twips(st.margin("atas")), Twips(st.margin("bawah"))
            sec.left_margin, sec.right_margin = Twips(st.margin("kiri")), Twips(st.margin("kanan"))
            sec.header_distance, sec.footer_distance = Twips(mm(st.header_mm)), Twips(mm(st.footer_mm))
            sec.gutter = 0
        for kind, text, align in (("header", header, None), ("footer", footer, "right")):
            runs = ""
            for i, piece in enumerate(text.split(_FIELD)):
                if i % 2:
                    runs += X.field(piece, size=8)
                elif piece:
                    runs += X.run(piece, size=8)
            self._story(sec, kind, f"<w:p>{X.ppr(align=align, line=X_LINE8)}{runs}</w:p>")
        self._landscape = landscape
        self._page = sec._sectPr  # noqa: SLF001

    def _story(self, sec, kind: str, paragraph: str) -> None:
        """Give ``sec`` a header or footer part (``kind``) of its own holding ``paragraph``: the part that
        ``_story_by_python_docx`` makes (the same bytes), parsed once instead of three times."""
        sect = sec._sectPr  # noqa: SLF001
        if (sect.get_headerReference if kind == "header" else sect.get_footerReference)(_PRIMARY) is not None:
            self._story_by_python_docx(sec, kind, paragraph)  # a base template's own: reused
            return
        from docx.opc.constants import CONTENT_TYPE as CT
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml.parser import parse_xml
        from docx.parts.hdrftr import FooterPart, HeaderPart

        head, tail = _empty_story(kind)
        element = parse_xml(head + paragraph.encode("utf-8") + tail)
        doc_part = self.doc.part
        relate = getattr(doc_part, "relate_new", doc_part.relate_to)
        if kind == "header":
            made = HeaderPart(doc_part.package.next_partname("/word/header%d.xml"), CT.WML_HEADER, element,
                              doc_part.package)
            sect.add_headerReference(_PRIMARY, relate(made, RT.HEADER))
        else:
            made = FooterPart(doc_part.package.next_partname("/word/footer%d.xml"), CT.WML_FOOTER, element,
                              doc_part.package)
            sect.add_footerReference(_PRIMARY, relate(made, RT.FOOTER))

    @staticmethod
    def _story_by_python_docx(sec, kind: str, paragraph: str) -> None:
        """python-docx's way: its own new part (or the base template's), emptied, the paragraph appended."""
        part = sec.header if kind == "header" else sec.footer
        part.is_linked_to_previous = False
        el = part._element  # noqa: SLF001
        for child in list(el):
            el.remove(child)
        el.append(X.fragment(paragraph)[0])

    def append(self, xml: str | Callable[[], str], prefixes: frozenset[str] | None = None) -> None:
        """Add body-level XML at the end of the body; ``prefixes``: the namespace prefixes it uses
        (``prefixes_of``), when known.  ``xml`` may be a function that makes it while the document is written
        (``bytes``), so that a book holds one SOP's body at a time; its ``prefixes`` must then be given.

        The XML is not parsed into python-docx's tree (parsing, moving and re-serializing 400 KB of shapes per
        SOP was a third of the document's time): a comment marks its place, and ``bytes`` puts the text there
        in the serialized document.xml.  All text in it went through ``X.esc``, so it cannot contain a marker.
        """
        body = self.doc.element.body
        sect = body.sectPr
        mark = etree.Comment(f"{_SLOT}{len(self._slots)}")
        if callable(xml):
            if prefixes is None:
                raise ValueError("the prefixes of XML made later must be given")
            data: bytes | Callable[[], str] = xml
        else:
            data = xml.encode("utf-8")
        self._slots.append(data)
        self._prefixes |= prefixes_of(data) if prefixes is None else prefixes  # type: ignore[arg-type]
        if sect is not None:
            sect.addprevious(mark)
        else:
            body.append(mark)

    def _splice(self, document_xml: bytes) -> Iterator[bytes]:
        """Yield document.xml in pieces, each slot's XML where its marker stands: the whole text is never
        joined (a Dokumen SOP of 500 SOPs holds some 100 MB of it; the zip writer deflates the pieces)."""
        slots, at = self._slots, 0
        for m in _SLOT_RE.finditer(document_xml):
            yield document_xml[at:m.start()]
            slot = slots[int(m.group(1))]
            yield slot().encode("utf-8") if callable(slot) else slot  # type: ignore[misc]
            at = m.end()
        yield document_xml[at:]

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

    def bytes(self, title: str, when: dt.datetime, update_fields: bool = False) -> bytes:
        org = self.cat.organisasi.nama if self.cat.organisasi else ""
        used = {p: uri for p, uri in X.NS.items() if p in self._prefixes}
        return save(self.doc, title, org, when, top_ns=used, splice=self._splice, update_fields=update_fields)


def prefixes_of(xml: bytes) -> frozenset[str]:
    """Return the prefixes of X.NS that ``xml`` uses (in an element's or an attribute's name).  A book's SOP
    bodies carry theirs (``sop_body.Body``): looking for an unused one reads every body (10 MB: ~15 ms)."""
    return frozenset(p for p in X.NS if f"<{p}:".encode() in xml or f" {p}:".encode() in xml)


X_LINE8 = round(8 * 1.2 * 20)
_SLOT = "petaproses-slot-"
_SLOT_RE = re.compile(rb"<!--" + _SLOT.encode() + rb"(\d+)-->")


def _blank_dash(text: str) -> str:
    """An address written "-" (not known when the SOP was copied) prints nothing on the cover (review M)."""
    return "" if says_none(text) else text


def context(cat: Catalogue, doc: Sop | None = None, pd_id: str | None = None) -> dict:
    """Plain-text values for the Jinja2 templates (never re-evaluated: a '{{' in them stays literal)."""
    org = cat.organisasi
    pd_id = pd_id or (doc.perangkat_daerah if doc else None)
    pd = org.perangkat_daerah.get(pd_id) if org and pd_id else None
    # user text on one line and without control characters: the header/footer marks page fields with _FIELD
    ctx = {
        "organisasi": one_line(org.nama) if org else "",
        "kedudukan": seat(org),  # "Ditetapkan di ..."
        "alamat_organisasi": _blank_dash(one_line(org.alamat or "")) if org else "",
        "perangkat_daerah": one_line(pd.nama if pd else (pd_id or "")),
        "singkatan": one_line(pd.singkatan or "") if pd else "",
        "instansi_induk": one_line(cat.parent_body(pd_id)) if pd else "",  # a Kelurahan's Kecamatan, a UPTD's Dinas
        "alamat": _blank_dash(one_line(pd.alamat or (org.alamat if org else "") or "")) if pd else "",
        "halaman": f"{_FIELD}PAGE{_FIELD}",
        "jumlah_halaman": f"{_FIELD}NUMPAGES{_FIELD}",
    }
    if doc is not None:
        ctx["sop"] = {"kode": doc.kode, "nama": one_line(doc.nama), "nomor": one_line(doc.nomor),
                      "unit": one_line(cat.unit_name(doc) or "")}
        ctx["judul_sop"] = one_line(sop_title(doc.nama))
    return ctx


def sop_title(name: str) -> str:
    """"SOP <name>", unless the name says so already (real SOPs are named "SOP Penyusunan ...")."""
    said = re.match(r"(?i)(s\.?\s?o\.?\s?p\b\.?|standar(d)? operasional prosedur\b)", name.strip())
    return name if said else f"SOP {name}"  # "S.O.P PENGELOLAAN ..." too

