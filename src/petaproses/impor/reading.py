"""Read a BPMN file safely: bounded size, regular files only, hardened XML parser, messages in Bahasa Indonesia.

Files that are not BPMN 2.0 XML (a Bizagi ``.bpm`` project, Visio, Visual Paradigm, draw.io, XPDL, a picture)
are recognised from their first bytes and answered with what to export instead.
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
import zipfile
from pathlib import Path

from lxml import etree

from ..texts import decimal

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"

MAX_BYTES = 16 * 1024 * 1024  # a real map is well under 1 MB; the MIWG suite's largest file is 0.3 MB


class ReadError(Exception):
    """A file impor cannot read; ``str(exc)`` is the whole message, starting with the file path."""


def read_bpmn(path: Path) -> etree._Element:
    """Return the root of the BPMN 2.0 document at ``path``; raise ReadError with a located message."""
    raw = _read_bounded(path)
    hint = _not_bpmn_hint(path, raw)
    if hint:
        raise ReadError(f"{path}: {hint}")
    # no entity expansion, no DTD or network access, libxml2's default depth and size limits (huge_tree off)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        raise ReadError(_xml_error(path, exc)) from None
    if root.tag != f"{{{BPMN}}}definitions":
        name = etree.QName(root).localname if isinstance(root.tag, str) else "?"
        hint = _xml_root_hint(root)
        raise ReadError(f"{path}:{root.sourceline or 1}:1: bukan berkas BPMN 2.0: elemen akarnya <{name}>, "
                        f"seharusnya <definitions> dalam namespace {BPMN}" + (f"; {hint}" if hint else ""))
    return root


def _read_bounded(path: Path) -> bytes:
    """Return the bytes of ``path``: regular files of at most MAX_BYTES, checked before reading them."""
    try:
        st = os.stat(path)  # stat, not open: opening a FIFO would block until a writer appears
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
        if not stat.S_ISREG(st.st_mode):
            raise ReadError(f"{path}: bukan berkas biasa (mis. perangkat, pipa atau soket); impor hanya membaca "
                            "berkas .bpmn yang tersimpan di disk")
        if st.st_size > MAX_BYTES:
            raise ReadError(f"{path}: berkas terlalu besar ({decimal(st.st_size / 1048576)} MB); batasnya "
                            f"{MAX_BYTES // 1048576} MB. Peta proses sebesar itu sebaiknya dibagi menjadi "
                            "beberapa peta")
        with open(path, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # replaced between stat and open
                raise ReadError(f"{path}: bukan berkas biasa")
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ReadError(_os_error(path, exc)) from None
    if len(raw) > MAX_BYTES:  # grew while being read
        raise ReadError(f"{path}: berkas terlalu besar; batasnya {MAX_BYTES // 1048576} MB")
    return raw


BIZAGI = ("berkas proyek Bizagi Modeler (.bpm), bukan BPMN 2.0 XML. Buka di Bizagi Modeler lalu ekspor: "
          "File > Export > BPMN 2.0, dan impor berkas .bpmn hasilnya")
VISIO = ("berkas Microsoft Visio. Visio menyimpan gambar, bukan model BPMN 2.0 XML; buka gambar ini di alat "
         "pemodelan BPMN yang dapat membaca Visio (atau gambar ulang di Bizagi Modeler atau Camunda Modeler), "
         "ekspor sebagai BPMN 2.0 (.bpmn), lalu impor berkas itu")
VPP = ("berkas proyek Visual Paradigm (.vpp), bukan BPMN 2.0 XML. Di Visual Paradigm, ekspor diagram proses "
       "bisnisnya sebagai BPMN 2.0 XML (.bpmn), lalu impor berkas itu")
EXPORT = "ekspor diagramnya sebagai BPMN 2.0 (.bpmn) dari alat pemodelannya, lalu impor berkas itu"


def _not_bpmn_hint(path: Path, raw: bytes) -> str | None:
    """Return what ``raw`` is and what to do, when it is clearly not BPMN XML; None otherwise."""
    suffix = Path(path).suffix.lower()
    head = raw[:8]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        try:  # the names only (the central directory); nothing is decompressed
            names = zipfile.ZipFile(io.BytesIO(raw)).namelist()
        except (zipfile.BadZipFile, ValueError, OSError):
            names = []
        if any(n.startswith("visio/") for n in names) or suffix in (".vsdx", ".vsdm", ".vssx"):
            return VISIO
        if suffix == ".bpm":
            return BIZAGI
        if any(n.startswith(("word/", "xl/", "ppt/")) for n in names):
            return "dokumen Microsoft Office, bukan BPMN 2.0 XML; " + EXPORT
        if suffix == ".vpp":
            return VPP
        return "arsip ZIP, bukan BPMN 2.0 XML; bila ini proyek alat pemodelan, " + EXPORT
    if suffix == ".bpm":
        return BIZAGI
    if suffix in (".vsd", ".vsdx", ".vdx", ".vsdm"):
        return VISIO
    if suffix == ".vpp":
        return VPP
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: .vsd, .doc, .xls
        return "berkas biner Microsoft Office/Visio lama, bukan BPMN 2.0 XML; " + EXPORT
    if head.startswith(b"SQLite format 3"):
        return "basis data SQLite (mis. proyek alat pemodelan), bukan BPMN 2.0 XML; " + EXPORT
    if head.startswith(b"%PDF"):
        return "berkas PDF (gambar), bukan model BPMN; " + EXPORT
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "berkas gambar, bukan model BPMN; " + EXPORT
    return None


def _xml_root_hint(root: etree._Element) -> str | None:
    name = etree.QName(root).localname if isinstance(root.tag, str) else ""
    ns = etree.QName(root).namespace if isinstance(root.tag, str) else None
    if name in ("mxfile", "mxGraphModel"):
        return "ini gambar draw.io/diagrams.net; gambar BPMN-nya perlu dibuat di alat BPMN lalu " + EXPORT
    if name == "Package" and ns and "wfmc" in ns:
        return "ini XPDL, bukan BPMN 2.0; " + EXPORT
    if name == "VisioDocument":
        return VISIO
    if name == "svg":
        return "ini gambar SVG, bukan model BPMN; " + EXPORT
    if name == "definitions" and ns and "BPMN" in ns.upper():
        return f"namespace '{ns}' bukan namespace BPMN 2.0; ekspor ulang sebagai BPMN 2.0"
    return None


# libxml2's messages (English) -> Bahasa Indonesia; groups are reused with {1}, {2}, ...
XML_ERRORS: list[tuple[str, str]] = [
    (r"Document is empty", "berkas kosong"),
    (r"Start tag expected, '<' not found", "tag pembuka tidak ditemukan (isi berkas tidak diawali '<')"),
    (r"Premature end of data in tag (\S+) line (\d+)",
     "berkas berakhir sebelum tag <{1}> (dibuka di baris {2}) ditutup"),
    (r"Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)",
     "tag penutup </{3}> tidak cocok dengan tag pembuka <{1}> di baris {2}"),
    (r"Couldn't find end of Start Tag (\S+)", "tag pembuka <{1}> tidak ditutup dengan '>'"),
    (r"Extra content at the end of the document", "ada isi tambahan sesudah elemen akar ditutup"),
    (r"AttValue: \S+ or ' expected", "nilai atribut harus diapit tanda petik (\" atau ')"),
    (r"AttValue: ' expected", "nilai atribut tidak ditutup dengan tanda petik (berkas terpotong?)"),
    (r"invalid character in attribute value", "karakter tidak sah di nilai atribut"),
    (r"xmlParseCharRef: invalid xmlChar value (\d+)", "&#{1}; bukan karakter yang sah dalam XML"),
    (r"EndTag: '</' not found", "tag penutup tidak ditemukan (berkas terpotong?)"),
    (r"Premature end of data", "berkas berakhir di tengah jalan (terpotong?)"),
    (r"expected '>'", "tag tidak ditutup dengan '>' (berkas terpotong?)"),
    (r"Failed to parse QName '(\S*)'", "nama elemen atau atribut '{1}' tidak lengkap (berkas terpotong?)"),
    (r"Unescaped '<' not allowed in attributes values",
     "tanda '<' tidak boleh ada di nilai atribut (atau tanda petik nilai atribut tidak ditutup)"),
    (r"Specification mandates value for attribute (\S+)", "atribut '{1}' tidak memiliki nilai"),
    (r"Attribute (\S+) redefined", "atribut '{1}' ditulis dua kali pada elemen yang sama"),
    (r"attributes construct error", "penulisan atribut salah (mis. tanpa spasi di antara dua atribut)"),
    (r"Namespace prefix (\S+)", "awalan namespace '{1}' belum dideklarasikan (tidak ada xmlns:{1})"),
    (r"Detected an entity reference loop|entity.*loop", "entitas XML saling merujuk (ditolak)"),
    (r"Attribute references external entity '(.+?)'", "atribut merujuk entitas eksternal '&{1};' (ditolak)"),
    (r"Entity '(.+?)' not defined", "entitas '&{1};' tidak dikenal"),
    (r"xmlParseEntityRef: no name", "tanda '&' harus ditulis sebagai &amp;"),
    (r"EntityRef: expecting ';'", "referensi entitas tidak diakhiri ';'"),
    (r"StartTag: invalid element name", "nama elemen tidak sah sesudah '<'"),
    (r"Invalid bytes in character encoding|Input is not proper UTF-8",
     "byte tidak sah untuk penyandian (encoding) berkas; simpan ulang sebagai UTF-8"),
    (r"Unsupported encoding:? *(\S+)", "penyandian (encoding) '{1}' tidak didukung"),
    (r"invalid Char|Char 0x[0-9A-Fa-f]+ out of allowed range", "karakter tidak sah dalam XML"),
    (r"Comment not terminated", "komentar <!-- tidak ditutup dengan -->"),
    (r"CData section not finished", "bagian CDATA tidak ditutup dengan ]]>"),
    (r"PI (\S+) never end", "instruksi <?{1} tidak ditutup dengan ?>"),
    (r"XML declaration allowed only at the start", "deklarasi <?xml ...?> hanya boleh di awal berkas"),
    (r"Excessive depth|Huge input lookup|huge text node|xmlSAX2Characters",
     "berkas terlalu besar atau bersarang terlalu dalam"),
    (r"[Aa]mplification", "entitas XML mengembang terlalu besar (ditolak)"),
]


def _xml_error(path: Path, exc: etree.XMLSyntaxError) -> str:
    """Return ``exc`` as 'FILE:line:column: ...' in Bahasa Indonesia."""
    line, col = exc.position if exc.position else (exc.lineno or 1, 1)
    loc = f"{path}:{line}:{col}"
    text = re.sub(r",? line \d+, column \d+\s*$", "", (exc.msg or "").strip())  # lxml appends the position
    for pattern, desc in XML_ERRORS:
        m = re.search(pattern, text)
        if m:
            for k, g in enumerate(m.groups(), 1):
                desc = desc.replace(f"{{{k}}}", g or "")
            return f"{loc}: bukan XML yang sah: {desc}"
    return f"{loc}: XML tidak sah (baris {line}, kolom {col})"


def _os_error(path: Path, exc: OSError) -> str:
    """Return ``exc`` (reading ``path``) as 'FILE: ...' in Bahasa Indonesia."""
    if isinstance(exc, IsADirectoryError):
        return f"{path}: adalah folder, bukan berkas"
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return f"{path}: berkas tidak ditemukan"
    if isinstance(exc, PermissionError):
        return f"{path}: berkas tidak dapat dibaca: izin ditolak"
    if exc.errno == errno.ENAMETOOLONG:
        return f"{path}: nama berkas terlalu panjang"
    name = errno.errorcode.get(exc.errno or 0)
    return f"{path}: berkas tidak dapat dibaca" + (f" (galat sistem {name})" if name else "")
