"""Saving a python-docx document reproducibly: fixed zip timestamps, fixed core properties, sorted entries.

The package is written here rather than by python-docx's ``save`` (which compresses every part, after
which the parts had to be re-read and re-compressed to fix timestamps and order): the parts are collected
from python-docx and zipped once.  The parts that every document shares (styles.xml alone is 350 KB) are
compressed once per process and reused, keyed by their exact bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import struct
import zlib
from collections import OrderedDict
from typing import TYPE_CHECKING

from lxml import etree

from ..sanitise import one_line

# declared once on w:document so that moved shapes carry no local xmlns (safer for Word); r always, even when
# unused (forms): readers such as docx2python expect it on the root of every document.xml
TOP_NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
if TYPE_CHECKING:  # python-docx is imported by the functions that make documents: the zip writer needs none
    from docx.document import Document as DocxDocument

_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def base_document(path: str | None = None) -> DocxDocument:
    """Return a new python-docx document (from ``path``, a Pemda's base, when given), corrected for Word.

    python-docx's own base (and Word 2010 files) carry ``stylesWithEffects.xml``, a copy of the styles that
    Word 2010 reads instead of styles.xml.  Every change to styles.xml (the house font in docDefaults, the
    Header and Footer styles python-docx adds with a header) leaves that copy behind, and Word then repairs
    the file (openxml-audit: "docDefaults differ", "styles not in stylesWithEffects").  Without the copy,
    every Word reads styles.xml, so the part is left out.
    """
    import docx

    return _without_styles_with_effects(docx.Document(path))


def _without_styles_with_effects(document: DocxDocument) -> DocxDocument:
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype == _STYLES_WITH_EFFECTS:
            del document.part.rels[rid]
    return document


# (template bytes' digest, what preparing depends on) -> (the template read, {partname: prepared part bytes})
_PREPARED: OrderedDict[tuple, tuple] = OrderedDict()
_FROZEN_TYPES = {  # parts the writers change only while preparing (the house font, the compatibility mode)
    "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
}


def prepared_document(path: str | None, key: tuple, prepare) -> DocxDocument:
    """Return ``base_document(path)`` after ``prepare(document)``, without parsing and changing the same
    template again for every document: the first call does it and keeps the styles, settings and numbering
    parts it left (350 KB of styles alone) as bytes; later calls load the template with those parts as they
    were left, never parsed.  ``key``: everything ``prepare`` depends on besides the template's bytes.  The
    parts kept are final: a writer must not touch styles, settings or numbering after ``prepare``."""
    import hashlib

    import docx
    from docx.opc.package import Unmarshaller
    from docx.opc.part import Part, PartFactory
    from docx.opc.pkgreader import PackageReader
    from docx.package import Package

    source = path if path is not None else docx.api._default_docx_path()
    with open(source, "rb") as fh:
        data = fh.read()
    cache_key = (hashlib.sha256(data).hexdigest(), key)
    hit = _PREPARED.get(cache_key)
    if hit is None:
        document = base_document(path)
        prepare(document)
        frozen = {str(part.partname): part.blob for part in document.part.package.iter_parts()
                  if part.content_type in _FROZEN_TYPES}
        hit = _PREPARED[cache_key] = (PackageReader.from_file(io.BytesIO(data)), frozen)
        if len(_PREPARED) > 8:
            _PREPARED.popitem(last=False)
        return document
    reader, frozen = hit

    def make_part(partname, content_type, reltype, blob, package):
        kept = frozen.get(str(partname))
        if kept is not None:
            return Part.load(partname, content_type, kept, package)
        return PartFactory(partname, content_type, reltype, blob, package)

    package = Package()
    Unmarshaller.unmarshal(reader, package, make_part)
    return _without_styles_with_effects(package.main_document_part.document)


_ZIP_EPOCH = dt.datetime(1980, 1, 1)
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def build_time(default: dt.date | None = None) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else ``default`` (e.g. the SOP's date), never 'now'."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    if default is not None:
        return dt.datetime(default.year, default.month, default.day)
    return dt.datetime(2000, 1, 1)


def _property(text: str) -> str:
    text = one_line(text)
    return text if len(text) <= 255 else text[:254] + "\u2026"


def save(doc: DocxDocument, title: str, author: str, when: dt.datetime,
         top_ns: dict[str, str] | None = None, splice=None, update_fields: bool = False) -> bytes:
    """Return the .docx bytes of ``doc``: byte-identical for identical content.

    ``top_ns`` are declared on the root of document.xml (kept even when the tree does not use them);
    ``splice(xml_bytes)`` may rewrite the serialized document.xml, as bytes or as pieces of bytes that are
    deflated one after another (see ``docx_writer.Writer``).  ``update_fields``: Word updates the fields (a
    contents' page references) when it opens the file, as LibreOffice does (settings.xml's ``w:updateFields``).
    """
    from docx.opc.pkgwriter import PackageWriter

    props = doc.core_properties
    props.title = _property(title)  # the package's core properties hold 255 characters at most
    props.author = _property(author)
    props.last_modified_by = "petaproses"
    props.comments = ""
    props.revision = 1
    props.created = when
    props.modified = when
    props.last_printed = when
    nsmap = {**TOP_NS, **(top_ns or {})}
    keep = ["r", *(top_ns or ())]
    # prefixes named in mc:Ignorable must stay declared, or Word reports the file as unreadable
    ignorable = doc.element.get(f"{{{_MC}}}Ignorable") or ""
    for prefix in ignorable.split():
        uri = doc.element.nsmap.get(prefix)
        if uri:
            nsmap[prefix] = uri
            keep.append(prefix)
    etree.cleanup_namespaces(doc.element, top_nsmap=nsmap, keep_ns_prefixes=keep)
    package = doc.part.package
    for part in package.iter_parts():
        part.before_marshal()
    collected = _Collector()
    PackageWriter._write_content_types_stream(collected, package.parts)
    PackageWriter._write_pkg_rels(collected, package.rels)
    PackageWriter._write_parts(collected, package.parts)
    entries = collected.entries
    if splice is not None:
        entries["word/document.xml"] = splice(entries["word/document.xml"])
    if update_fields:  # settings.xml is shared by every document (``prepared_document``): changed in the copy
        settings = entries["word/settings.xml"]
        at = settings.index(b"<w:compat")  # the schema puts updateFields right before compat (here)
        entries["word/settings.xml"] = settings[:at] + b'<w:updateFields w:val="true"/>' + settings[at:]
    return write_zip(entries, when)


class _Collector:
    """Stands in for python-docx's zip writer: keeps ``{member name: bytes}``."""

    def __init__(self):
        self.entries: dict[str, bytes] = {}

    def write(self, pack_uri, blob: bytes) -> None:
        self.entries[pack_uri.membername] = blob


_CACHE: OrderedDict[bytes, tuple[int, bytes]] = OrderedDict()
_CACHE_SIZE = 64
_UNIQUE = {"word/document.xml"}  # different in every document: never kept


def _deflate_pieces(pieces) -> tuple[int, int, bytes]:
    """Return (crc32, size, raw deflate stream) of the bytes ``pieces`` make one after another: the same
    stream as deflating them joined (zlib's output does not depend on how its input is cut)."""
    comp = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    crc, size, out = 0, 0, []
    for piece in pieces:
        crc = zlib.crc32(piece, crc)
        size += len(piece)
        out.append(comp.compress(piece))
    out.append(comp.flush())
    return crc, size, b"".join(out)


def _deflate(name: str, data: bytes) -> tuple[int, bytes]:
    """Return (crc32, raw deflate stream) of ``data``, as zipfile's ZIP_DEFLATED writes it."""
    hit = _CACHE.get(data) if name not in _UNIQUE else None
    if hit is not None:
        _CACHE.move_to_end(data)
        return hit
    comp = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    out = (zlib.crc32(data), comp.compress(data) + comp.flush())
    if name not in _UNIQUE:
        _CACHE[data] = out
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return out


def write_zip(entries: dict, when: dt.datetime) -> bytes:
    """Return a zip of ``entries`` ([Content_Types].xml first, the rest sorted), every member deflated and
    stamped ``when``: the same bytes zipfile.ZipFile would write for these ZipInfo settings.  A member is
    bytes, or an iterable of the pieces of bytes it is made of (deflated as they come)."""
    y, mo, d, h, mi, s = max(when, _ZIP_EPOCH).timetuple()[:6]
    dosdate = (y - 1980) << 9 | mo << 5 | d
    dostime = h << 11 | mi << 5 | (s // 2)
    names = sorted(entries, key=lambda n: (n != "[Content_Types].xml", n))
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name in names:
        data = entries[name]
        if isinstance(data, (bytes, bytearray)):
            crc, comp = _deflate(name, data)
            size = len(data)
        else:  # pieces (a spliced document.xml): never joined
            crc, size, comp = _deflate_pieces(data)
        fname = name.encode("ascii") if name.isascii() else name.encode("utf-8")
        flags = 0 if name.isascii() else 0x800
        local = struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, flags, 8, dostime, dosdate, crc, len(comp),
                            size, len(fname), 0)
        central.append(struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 0, 20, 0, flags, 8, dostime, dosdate, crc,
                                   len(comp), size, len(fname), 0, 0, 0, 0, 0o644 << 16, offset) + fname)
        chunks += (local, fname, comp)
        offset += len(local) + len(fname) + len(comp)
    cd = b"".join(central)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(names), len(names), len(cd), offset, 0)
    return b"".join(chunks) + cd + end
