"""The Dokumen SOP of a Perangkat Daerah: cover, keputusan, daftar isi, penjelasan, then its SOPs.

The wording comes from the Jinja2 text templates beside gaya.yaml (``buku-*.j2``), turned into paragraphs by
``markup``; the SOP bodies are the ones the SOP documents were made with (``sop_body.Body``).

User text never becomes markup: every ``{{ value }}`` of a template is rendered as a token (``_mark``), the
markup is read from the template's own text and the tokens, and only then is each token replaced by its value,
as one line of literal text.  A name holding "\n# HEADING" or "[[tanda_tangan|...]]" stays that text, whatever
the template (the Pemda may change them) and whatever ``check`` let through.
"""

from __future__ import annotations

import functools
import re
import zlib
from typing import Mapping

import jinja2
from docx.enum.section import WD_SECTION

from ..catalogue import Catalogue
from ..layout import text as tx
from ..layout.page import mm
from ..layout.sop_identity import printed_name
from ..model import Sop
from ..problems import PetaprosesError
from ..sanitise import one_line
from ..texts import format_date, printed_nip, in_region, running_case
from . import docx_xml as X
from . import relasi_buku
from .docx_package import build_time
from .docx_style import Style, render_text
from .docx_writer import Writer, context
from .sop_body import Body
from .sop_keputusan import keputusan_context, labelled


def book_document(cat: Catalogue, pd_id: str, sops: list[Sop], style: Style,
                  parts: Mapping[str, bytes] | None = None) -> bytes:
    """Return the Dokumen SOP of a Perangkat Daerah: cover, keputusan, daftar isi, penjelasan, the SOPs.

    ``parts``: the SOPs' ``.<kode>.isi`` bodies, reused when current (see ``Body.load``)."""
    w = Writer(cat, style)
    ctx = context(cat, pd_id=pd_id)
    org = cat.organisasi
    pd = org.perangkat_daerah.get(pd_id) if org else None
    kepala = org.pejabat.get(pd.kepala) if org and pd and pd.kepala else None
    # the year the book is issued: that of the decree it is the attachment of, when the set is decreed (a cover's
    # "TAHUN 2025" stood beside a decree of 2015); else its SOPs' latest date, a revision's too (review Q: revised
    # in 2026, "TAHUN 2025"); every SOP printed its dates blank: no year to print
    dates = [d for s in sops for d in (s.tanggal.pembuatan, s.tanggal.efektif, s.tanggal.revisi) if d is not None]
    decreed = pd.tanggal_keputusan if pd else None
    ctx.update({
        "tahun": decreed.year if decreed else max(dates).year if dates else "",
        # a post written with a closing stop ("... Provinsi NTB.") is followed by "TENTANG" and "," here
        # the department where it is, for the decree's title ("di lingkungan"), and its head's post as running
        # text prints it (a post written in capitals printed so inside sentences)
        "lingkungan": in_region(" ".join(filter(None, (ctx["perangkat_daerah"], ctx["instansi_induk"]))),
                                org.nama if org else ""),
        # a set already decreed prints its number and date (review V: "36.a/2020", edited into every build's .docx)
        "keputusan": {"nomor": (pd.nomor_keputusan or "") if pd else "",
                      "tanggal": format_date(pd.tanggal_keputusan, "") if pd else ""},
        "kepala": {"jabatan": running_case(kepala.jabatan.rstrip(" .,;:")) if kepala else
                   "Kepala " + ctx["perangkat_daerah"],
                   "nama": printed_name(kepala.nama) if kepala else "",
                   "nip": (kepala.nip or "") if kepala else "",
                   "nip_cetak": printed_nip(kepala.nip) if kepala else "",  # "NIP. ...", an NRP as written
                   "pangkat": (kepala.pangkat or "") if kepala else ""},
        "sops": [{"kode": s.kode, "nomor": s.nomor, "nama": s.nama, "deskripsi": " ".join((s.deskripsi or "").split()),
                  "unit": cat.unit_name(s) or "", "jumlah_kegiatan": len(s.kegiatan)} for s in sops],
    })
    ctx.update(keputusan_context(cat, sops))  # Mengingat in the legal hierarchy; Menimbang letters
    # SOP bodies first: their page counts feed the table of contents.  Each takes its place (shape ids) now;
    # its XML is made when the document is written, one body at a time (500 SOPs: ~65 MB of it, never all held)
    bodies = []
    for s in sops:
        body = Body.load(w, s, parts or {})
        bodies.append((body, s, *body.reserve(w)))
    front = {}
    for part in ("sampul", "keputusan", "penjelasan"):
        front[part] = render_marked(style, f"buku-{part}.j2", ctx)
    w._book_sops = sops  # type: ignore[attr-defined]
    fw = style.page[1] if style.landscape else style.page[0]  # front matter is portrait
    front_xml = {k: markup(w, text, fw - style.margin("kiri") - style.margin("kanan"), values)
                 for k, (text, values) in front.items()}
    # page numbers: cover, keputusan, daftar isi, penjelasan each start a page
    fh = (style.page[0] if style.landscape else style.page[1]) - style.margin("atas") - style.margin("bawah")
    pages_of = {k: max(1, -(-h // fh)) for k, (_x, h) in front_xml.items()}
    toc_rows = len(sops) + relasi_buku.wanted(cat, pd_id)
    toc_pages = max(1, -(-(toc_rows * 500 + 2000) // fh))
    start = pages_of["sampul"] + pages_of["keputusan"] + toc_pages + pages_of["penjelasan"] + 1
    first_pages = []
    for body, *_ in bodies:
        first_pages.append(start)
        start += body.pages
    toc = daftar_isi(w, sops, first_pages, fw - style.margin("kiri") - style.margin("kanan"),
                     pages_of["sampul"] + pages_of["keputusan"] + toc_pages,
                     start if relasi_buku.wanted(cat, pd_id) else None)
    brk = X.para(line=20, size=1, page_break=True)
    w.append(front_xml["sampul"][0] + brk + front_xml["keputusan"][0] + brk + toc + brk
             + X.bookmarked(front_xml["penjelasan"][0], _PENJELASAN, len(sops) + 1))
    footer = render_text(style, style.book_footer_text, **ctx)
    w.section(w.doc.sections[0], False, "", footer)
    for i, s in enumerate(sops):
        sec = _new_section(w)
        sctx = context(cat, s)
        w.section(sec, style.landscape, render_text(style, style.header_text, **sctx),
                  render_text(style, style.book_footer_text, **sctx))
        body, doc, step, logo = bodies[i]
        w.append(functools.partial(_placed, w, body, doc, step, logo, i + 1), body.prefixes)
    if relasi_buku.wanted(cat, pd_id):  # issue 13: the department's peta relasi as the last part, landscape
        sec = _new_section(w)
        w.section(sec, True, "", footer)
        lw, lh = max(style.page), min(style.page)
        w.append(X.bookmarked(relasi_buku.appendix(w, cat, pd_id, lw - style.margin("kiri") - style.margin("kanan"),
                                                   lh - style.margin("atas") - style.margin("bawah")),
                              _APPENDIX, len(sops) + 2))
    w.doc.sections[0].different_first_page_header_footer = True  # the cover: no footer (no first-page part)
    # the contents' page numbers are estimates until a word processor lays the book out: Word updates them on
    # opening (LibreOffice always does; Word showed the estimates, a page short after a 2-page keputusan, review N)
    return w.bytes(f"Dokumen SOP {ctx['perangkat_daerah']}", build_time(max(dates) if dates else None),
                   update_fields=True)



_TINY = '<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
_TINY_RUN = '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>'


def _new_section(w: Writer):
    """Start a new section on a new page.  The paragraph that ends the one before (it holds that section's
    properties) is 1 pt high: at normal size it spilled from an SOP's full last page onto a blank page of its own
    (review N: the Disdukcapil book's page 9)."""
    sec = w.doc.add_section(WD_SECTION.NEW_PAGE)
    ended = w.doc.element.body[-2]  # the paragraph add_section added (the body's own sectPr comes last)
    ppr = ended.get_or_add_pPr()
    ppr.insert(0, X.fragment(_TINY)[0])
    ppr.insert(len(ppr) - 1, X.fragment(_TINY_RUN)[0])  # before its sectPr, as the schema orders them
    return sec

def _placed(w: Writer, body: Body, doc: Sop, step: tuple[int, int], logo: str | None, number: int) -> str:
    """Return the body's XML in its place (``Body.reserve``), marked for the table of contents; made again
    from the SOP when its part's XML does not unpack although its digest matched (a part written so on
    purpose: its place is kept)."""
    try:
        xml = body.placed(step, logo)
    except (ValueError, zlib.error):
        xml = Body.render(w, doc).placed(step, logo)
    return X.bookmarked(xml, f"{_SOP}{number}", number)


# the table of contents' page numbers are PAGEREF fields to these bookmarks: the word processor puts the page
# it laid the part out on (LibreOffice on load, Word when fields are updated), the estimate is their cached text
_SOP, _PENJELASAN, _APPENDIX = "sop_", "penjelasan", "lampiran_relasi"


def daftar_isi(w: Writer, sops: list[Sop], pages: list[int], width: int, penjelasan_page: int,
               appendix_page: int | None = None) -> str:
    """The table of contents: the penjelasan, each SOP (number, name, first page), the peta relasi appendix."""
    st = w.style
    size, line = st.size, st.line(st.size)
    widest = max(st.measure(s.nomor, size) for s in sops) + 2 * 108 + 60  # numbers do not wrap when possible
    cw = [mm(10), int(min(max(widest, width * 0.2), width * 0.4)), 0, mm(20)]
    cw[2] = width - cw[0] - cw[1] - cw[3]
    head = "".join(X.cell(X.para(t, size=size, bold=True, align="center", line=line, before=60, after=60), c,
                          fill=st.heading_fill) for t, c in zip(("No", "Nomor SOP", "Nama SOP", "Halaman"), cw))

    def page(number: int, mark: str) -> str:
        return X.cell(X.para(size=size, align="center", line=line, before=60,
                             extra=X.field(f"PAGEREF {mark} \\h", size, str(number))), cw[3])
    rows = X.row(head, header=True)
    rows += X.row(X.cell(X.para("", size=size), cw[0]) + X.cell(X.para("Penjelasan Singkat Penggunaan", size=size,
                  line=line, before=60, after=60), cw[1] + cw[2], span=2) + page(penjelasan_page + 1, _PENJELASAN))
    for i, (s, p) in enumerate(zip(sops, pages), 1):
        cells = [(str(i), "center"), (s.nomor, None), (s.nama, None)]
        rows += X.row("".join(X.cell(X.para(t, size=size, align=a, line=line, before=60, after=60), c)
                              for (t, a), c in zip(cells, cw)) + page(p, f"{_SOP}{i}"))
    if appendix_page is not None:
        rows += X.row(X.cell(X.para("", size=size), cw[0]) + X.cell(X.para("Lampiran: Peta Relasi", size=size,
                      line=line, before=60, after=60), cw[1] + cw[2], span=2) + page(appendix_page, _APPENDIX))
    title = X.para("DAFTAR ISI", size=st.size + 2, bold=True, align="center", line=st.line(st.size + 2), after=240)
    return title + X.table(cw, rows, 108)


# ----------------------------------------------------------------------------------------------- markup
_TOKEN = re.compile("\ue000([0-9]+)\ue001")  # private-use marks: a value's place in the rendered template
_VALUES = "_petaproses_nilai"


@jinja2.pass_context
def _mark(context: jinja2.runtime.Context, value: object) -> str:
    """Jinja2 ``finalize``: keep the value aside and put its token in the text."""
    values = context.get(_VALUES)
    if values is None:  # a template rendered without the list (never by this module): plain text
        return one_line(str(value))
    values.append(one_line(str(value)))
    return f"\ue000{len(values) - 1}\ue001"


_MARKING: dict[int, tuple[jinja2.Environment, jinja2.Environment]] = {}


def _marking_env(env: jinja2.Environment) -> jinja2.Environment:
    """Return ``env`` with ``_mark`` as its finalize (own template cache: templates are compiled with it)."""
    found = _MARKING.get(id(env))
    if found is None or found[0] is not env:
        found = (env, env.overlay(finalize=_mark, cache_size=50))
        _MARKING[id(env)] = found
    return found[1]


def render_marked(style: Style, name: str, ctx: dict) -> tuple[str, list[str]]:
    """Render text template ``name`` with every value as a token; return (text, the values by token)."""
    values: list[str] = []
    try:
        text = _marking_env(style.env).get_template(name).render(**ctx, **{_VALUES: values})  # type: ignore[arg-type]
    except jinja2.TemplateNotFound:
        raise PetaprosesError(f"templat {style.templates / 'sop' / name} tidak ditemukan") from None
    except jinja2.TemplateError as exc:
        raise PetaprosesError(f"templat {name} tidak valid: {exc}") from None
    return text, values


def markup(w: Writer, text: str, width: int, values: list[str] | None = None) -> tuple[str, int]:
    """Turn a rendered text template into paragraphs; returns (xml, estimated height).

    One line = one paragraph.  "# " big centred title, "## " bold heading, "^ " centred, "> " indented,
    "- " numbered item, "[[logo]]", "[[spasi]]", "[[tanda_tangan]]" (the head's signature block),
    "[[daftar_sop]]" (table of the SOPs), "[[halaman_baru]]" (a new page), ">> " text in the right half
    (a lampiran's heading).  "@ Label" or "@ Label | text" starts a labelled part of a keputusan
    ("Menimbang : ..."); the "* " (a, b, c) and "- " (1, 2, 3) items after it belong to it
    (sop_keputusan.labelled).  The markup is read before the tokens of ``values`` (see ``render_marked``) are
    replaced, so a value is always literal text; text is escaped as XML.
    """
    st = w.style
    size = st.size
    line = st.line(size)
    out, height, number = [], 0, 0
    held = values or []

    def lit(piece: str) -> str:
        return _TOKEN.sub(lambda m: held[int(m.group(1))] if int(m.group(1)) < len(held) else "", piece)
    page_h = (st.page[0] if st.landscape else st.page[1]) - st.margin("atas") - st.margin("bawah")
    block: list[str] = []
    for raw in text.splitlines() + [""]:
        s = raw.strip()
        if block and (s.startswith(("@ ", "* ", "- ")) or (s and not s.startswith(("#", "^", "[[", ">")))):
            block.append(s)  # still inside a labelled part
            continue
        if block:
            xml, h = labelled(w, block, width, lit, keep_last=s.startswith("[[tanda_tangan"))
            out.append(xml)
            height += h
            block = []
        if s.startswith("@ "):
            block = [s]
            continue
        if not s:
            continue
        if not s.startswith("- "):
            number = 0
        if s == "[[halaman_baru]]":
            out.append(X.para(line=20, size=1, page_break=True))
            height = -(-height // page_h) * page_h
        elif s.startswith(">> "):
            x = mm(95) if width > mm(120) else width // 2
            t = lit(s[3:])
            out.append(X.para(t, size=size, line=line, indent=x))
            height += st.wrap(t, width - x, size) * line
        elif s == "[[logo]]":
            logo = w.logo_xml(mm(35))
            if logo:
                out.append(X.para(align="center", after=240, extra=logo))
                height += mm(35) + 240
        elif s == "[[spasi_kecil]]":
            out.append(X.para(line=mm(6)))
            height += mm(6)
        elif s == "[[spasi]]":
            out.append(X.para(line=mm(25)))
            height += mm(25)
        elif s.startswith("# "):
            big, t = size + 4, tx.keep_place(lit(s[2:]))
            out.append(X.para(t, size=big, bold=True, align="center", line=st.line(big), after=120))
            height += st.wrap(t, width, big, True) * st.line(big) + 120
        elif s.startswith("## "):
            t = lit(s[3:])
            out.append(X.para(t, size=size, bold=True, line=line, before=200, after=80, keep_next=True))
            height += st.wrap(t, width, size, True) * line + 280
        elif s.startswith("^ "):
            t = tx.keep_place(lit(s[2:]))
            out.append(X.para(t, size=size, align="center", line=line, after=60))
            height += st.wrap(t, width, size) * line + 60
        elif s.startswith("> "):
            t = lit(s[2:])
            out.append(X.para(t, size=size, align="both", line=line, indent=567, after=60))
            height += st.wrap(t, width - 567, size) * line + 60
        elif s.startswith("- "):
            number += 1
            t = lit(s[2:])
            out.append(X.para(f"{number}.\t{t}", size=size, align="both", line=line, indent=907,
                              hanging=340, after=40))
            height += st.wrap(t, width - 907, size) * line + 40
        elif s.startswith("[[tanda_tangan") and s.endswith("]]"):
            marked = [p.strip() for p in s[2:-2].split("|")[1:]]
            parts = [lit(p).strip() for p in marked]
            x = mm(95) if width > mm(120) else width // 2
            # the name follows the position ("KEPALA DINAS ...,": the template's comma, never a value's)
            name = next((i + 1 for i, p in enumerate(marked[:-1]) if p.endswith(",")), len(parts) - 2)
            # one block, never split over pages (a name and NIP alone on a page): each line keeps with the next,
            # the last diktum with it (``labelled``).  The estimate is a line off either way at times: the table
            # of contents' PAGEREF fields give the pages laid out, the estimate only their cached text
            block_h = mm(20) * (0 <= name < len(parts)) + line * len(parts)
            if height % page_h and height % page_h + block_h > page_h:
                height = -(-height // page_h) * page_h  # the block starts the next page
            for i, p in enumerate(parts):
                last = i == len(parts) - 1
                if i == name:
                    out.append(X.para(line=mm(20), keep_next=True))
                out.append(X.para(p, size=size, bold=(i == name), line=line, indent=x, keep_next=not last))
            height += block_h
        elif s == "[[daftar_sop]]":
            xml, h = _sop_list(w, width)
            out.append(xml)
            height += h
        else:
            s = lit(s)
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

