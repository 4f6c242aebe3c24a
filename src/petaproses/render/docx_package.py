"""Saving a python-docx document reproducibly: fixed zip timestamps, fixed core properties, sorted entries."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

from docx.document import Document as DocxDocument
from lxml import etree

# declared once on w:document so that moved shapes carry no local xmlns (safer for Word)
TOP_NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
}
_ZIP_EPOCH = dt.datetime(1980, 1, 1)


def build_time(default: dt.date | None = None) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else ``default`` (e.g. the SOP's date), never 'now'."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    if default is not None:
        return dt.datetime(default.year, default.month, default.day)
    return dt.datetime(2000, 1, 1)


def save(doc: DocxDocument, title: str, author: str, when: dt.datetime) -> bytes:
    """Return the .docx bytes of ``doc``: byte-identical for identical content."""
    props = doc.core_properties
    props.title = title
    props.author = author
    props.last_modified_by = "petaproses"
    props.comments = ""
    props.revision = 1
    props.created = when
    props.modified = when
    props.last_printed = when
    etree.cleanup_namespaces(doc.element, top_nsmap=TOP_NS)
    raw = io.BytesIO()
    doc.save(raw)
    return rezip(raw.getvalue(), when)


def rezip(data: bytes, when: dt.datetime) -> bytes:
    stamp = max(when, _ZIP_EPOCH).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        # [Content_Types].xml first, as Office writes it; the rest in a stable order
        names.sort(key=lambda n: (n != "[Content_Types].xml", n))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, src.read(name))
    return out.getvalue()
