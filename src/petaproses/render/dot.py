"""Running Graphviz: ``neato -n2`` writes every format of a drawing at once (a worker's drawings one after
another in one process, ``Session``), ``dot -Tjson`` for layouts.

PNG (``svg_png``): Graphviz writes SVG and PDF, and the PDF page is rasterised in process (PDFium) and written by
Pillow.  Graphviz's own PNG writer (cairo: RGBA, libpng's slowest filter search) took 70-85 % of a diagram's time;
the PDF costs it little and the PDF's embedded fonts are the glyphs cairo chose, so the picture keeps its text.
"""

from __future__ import annotations

import atexit
import functools
import io
import json
import math
import multiprocessing
import multiprocessing.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from ..problems import PetaprosesError


@functools.lru_cache(maxsize=None)
def _guard() -> tuple[str, ...]:
    """Return the prefix that makes Graphviz die with the process that runs it (Linux: util-linux setpriv).

    A build killed with ``kill -9`` takes its workers with it (workers.py); this takes their ``dot`` too.
    """
    exe = shutil.which("setpriv") if sys.platform.startswith("linux") else None
    if exe is None:
        return ()
    try:  # setpriv older than util-linux 2.33 has no --pdeathsig
        ok = subprocess.run([exe, "--pdeathsig", "KILL", "--", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    return (exe, "--pdeathsig", "KILL", "--") if ok else ()


def _dot() -> str:
    exe = shutil.which("dot")
    if exe is None:
        raise PetaprosesError("gagal menjalankan 'dot': pasang Graphviz (paket 'graphviz') dan pastikan ada di PATH")
    return exe


def run_dot(dot_source: str, formats: list[str], extra: tuple[str, ...] = (), engine: str | None = None) -> dict[str, bytes]:
    """Return ``{format: bytes}`` from one ``neato -n2`` process writing every format (``extra``: more args);
    ``engine`` (e.g. "dot"): let that Graphviz engine place the drawing instead."""
    with tempfile.TemporaryDirectory(prefix="petaproses-dot-") as tmp:
        args = [*_guard(), _dot(), f"-K{engine}"] if engine else [*_guard(), _dot(), "-Kneato", "-n2"]
        args += list(extra)
        for fmt in formats:
            args += [f"-T{fmt}", "-o", str(Path(tmp) / f"out.{fmt}")]
        proc = subprocess.run(args, input=dot_source.encode("utf-8"), capture_output=True, check=False)
        if proc.returncode != 0:
            msg = proc.stderr.decode("utf-8", "replace").strip()
            raise PetaprosesError(f"Graphviz gagal menggambar diagram: {msg}")
        return {fmt: (Path(tmp) / f"out.{fmt}").read_bytes() for fmt in formats}


def layout_json(dot_source: str) -> dict:
    """Return ``dot``'s layout of ``dot_source`` (positions and splines) as parsed -Tjson."""
    proc = subprocess.run([*_guard(), _dot(), "-Tjson"], input=dot_source.encode("utf-8"), capture_output=True, check=False)
    if proc.returncode != 0:
        raise PetaprosesError(f"Graphviz gagal menata diagram: {proc.stderr.decode('utf-8', 'replace').strip()}")
    return json.loads(proc.stdout)


PNG_DPI = 96  # Graphviz's own PNG resolution: the pixel size stays what it was
PDF_MARGIN_PT = 36.0  # cairo's PDF page has a half-inch margin around the drawing; the PNG has none
PNG_LEVEL = 3  # zlib level: 6 costs about twice the time for 20 % fewer bytes on these mostly-white pictures
# a picture larger than this (with cairo's margin) is drawn at a lower resolution: a map of 60 long steps over 12
# actors was 275 million pixels, which Pillow refuses as a decompression bomb (the SVG keeps every detail)
MAX_PNG_PIXELS = 40_000_000
_VIEWBOX = re.compile(rb'<svg [^>]*viewBox="[-0-9.]+ [-0-9.]+ ([0-9.]+) ([0-9.]+)"')
_PAINTS = (re.compile(rb'fill="([^"]*)"'), re.compile(rb'stroke="([^"]*)"'))  # one literal each: searched fast
_GREY_NAMES = {b"none", b"transparent", b"white", b"black"}
_GREY_RAMP = [v for i in range(256) for v in (i, i, i)]


def svg_png(dot_source: str, extra: tuple[str, ...] = (), engine: str | None = None) -> tuple[bytes, bytes]:
    """Return (SVG, PNG at ``PNG_DPI``) of one drawing from one Graphviz process (see the module doc)."""
    drawn = Session.draw(dot_source) if not extra and engine is None else None
    out = drawn if drawn is not None else run_dot(dot_source, ["svg", "pdf"], extra, engine)
    m = _VIEWBOX.search(out["svg"])
    if m is None:  # Graphviz always writes a viewBox; a missing one is a bug, not bad input
        raise PetaprosesError("Graphviz menulis SVG tanpa viewBox: gambar PNG tidak dapat dibuat")
    return out["svg"], pdf_png(out["pdf"], float(m.group(1)), float(m.group(2)), grey=is_grey(out["svg"]))


def warm() -> None:
    """Import the PDF rasteriser and Pillow's image plugins now, in a process whose forks will draw (``siaga``,
    a build of several diagrams): a fork imports them again otherwise, ~30 ms each (pypdfium2 loads PDFium)."""
    import pypdfium2  # noqa: F401
    import pypdfium2.raw  # noqa: F401
    from PIL import Image

    Image.preinit()


def is_grey(svg: bytes) -> bool:
    """True when every fill and stroke of ``svg`` is a grey (#rrggbb with r = g = b, or a grey name)."""
    for paint in (p for pattern in _PAINTS for p in pattern.findall(svg)):
        if paint in _GREY_NAMES:
            continue
        if not (len(paint) == 7 and paint[:1] == b"#" and paint[1:3].lower() == paint[3:5].lower() == paint[5:7].lower()):
            return False
    return True


def _px(points: float, dpi: float = PNG_DPI) -> int:
    return int(points * dpi / 72 + 0.5)  # Graphviz's ROUND: the size its own PNG had


def pdf_png(pdf: bytes, width_pt: float, height_pt: float, grey: bool) -> bytes:
    """Rasterise page 1 of Graphviz's ``pdf`` (a drawing of ``width_pt`` x ``height_pt`` inside cairo's margin)
    at ``PNG_DPI`` on opaque white.  ``grey`` (most maps): drawn in 8-bit grey and written as a palette of the
    256 greys, the same pixels as a grey PNG but without the per-row filter search Pillow does for those."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
    from PIL import Image

    page = (width_pt + 2 * PDF_MARGIN_PT) * (height_pt + 2 * PDF_MARGIN_PT) * (PNG_DPI / 72) ** 2
    dpi = PNG_DPI if page <= MAX_PNG_PIXELS else PNG_DPI * (MAX_PNG_PIXELS / page) ** 0.5
    edge, width, height = _px(PDF_MARGIN_PT, dpi), _px(width_pt, dpi), _px(height_pt, dpi)
    doc = pdfium.PdfDocument(pdf)
    try:
        bitmap = _render_white(doc[0], dpi / 72, grey)
    finally:
        doc.close()
    # (rasterising only the part inside the margin, pdfium's crop, moved a few pixels by one grey level)
    stride = bitmap.stride
    at = edge * stride + edge * (1 if grey else 3)
    if grey and edge + width <= bitmap.width and at + height * stride <= len(bitmap.buffer):
        # the drawing inside cairo's margin, read in place (no copy), its grey levels as palette indexes
        view = memoryview(bitmap.buffer).cast("B")[at:]
        image = Image.frombuffer("P", (width, height), view, "raw", "P", stride, 1)
        image.putpalette(_GREY_RAMP)
    else:
        image = bitmap.to_pil().crop((edge, edge, edge + width, edge + height))  # past the page: black
        if grey:
            image = image.convert("L") if image.mode != "L" else image
            image.putpalette(_GREY_RAMP)
        elif image.mode != "RGB":
            image = image.convert("RGB")
    buf = io.BytesIO()
    image.save(buf, "PNG", compress_level=PNG_LEVEL)
    return buf.getvalue()


def _render_white(page, scale: float, grey: bool):
    """Return the whole ``page`` rasterised at ``scale`` on opaque white, as pypdfium2's ``PdfPage.render`` does
    (grey: 8-bit grey; else RGB), its bitmap made of bytes already white instead of zeroed and then filled."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    width, height = math.ceil(page.get_width() * scale), math.ceil(page.get_height() * scale)
    channels = 1 if grey else 3
    white = (ctypes.c_ubyte * (width * channels * height)).from_buffer(bytearray(b"\xff") * (width * channels * height))
    fmt, flags = (pdfium_c.FPDFBitmap_Gray, pdfium_c.FPDF_GRAYSCALE) if grey else \
        (pdfium_c.FPDFBitmap_BGR, pdfium_c.FPDF_REVERSE_BYTE_ORDER)
    bitmap = pdfium.PdfBitmap.new_native(width, height, fmt, rev_byteorder=not grey, buffer=white)
    pdfium_c.FPDF_RenderPageBitmap(bitmap, page, 0, 0, width, height, 0, flags | pdfium_c.FPDF_ANNOT)
    return bitmap


_CLUSTER = re.compile(r"subgraph\s+\"?cluster")
_PAGE_ID = re.compile(rb'id="page\d+,\d+_')  # Graphviz 2.4x: ids of every graph after a process's first
_PDF_END = re.compile(rb"startxref\r?\n(\d+)\r?\n%%EOF\r?\n$")
_SVG_END = b"</svg>\n"


class Session:
    """One ``neato -n2 -Tsvg -Tpdf`` that draws a worker's diagrams one after another (read from its stdin).

    Starting Graphviz (fonts, plugins) costs some 25 ms of a 35 ms drawing; a process that stays spares it.
    Its output is what a process of its own writes, byte for byte: a graph with clusters is never sent (Graphviz
    orders clusters by memory address, which differs in a process that drew before), and the page prefix that
    Graphviz 2.4x gives the ids of later graphs is taken out.  Anything unexpected (a message on stderr, an
    exit, no answer) ends the session and that drawing is made by a process of its own, which reports the error.
    POSIX only (it waits on pipes with ``select``); a forked worker starts its own.
    """

    _current: "Session | None" = None
    _failures = 0
    _lock = threading.Lock()  # one drawing at a time: the pipe carries one graph's answer after another
    TIMEOUT = 60.0  # seconds without output: Graphviz is stuck

    def __init__(self) -> None:
        self.pid = os.getpid()
        args = [*_guard(), _dot(), "-Kneato", "-n2", "-Tsvg", "-Tpdf"]
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if multiprocessing.parent_process() is not None:  # a build worker: it ends without running atexit
            multiprocessing.util.Finalize(self, self.close, kwargs={"graceful": True}, exitpriority=0)

    @classmethod
    def draw(cls, dot_source: str) -> dict[str, bytes] | None:
        """Return ``{"svg": ..., "pdf": ...}`` of ``dot_source``, or None when it must be drawn on its own."""
        if sys.platform == "win32" or cls._failures >= 2 or _CLUSTER.search(dot_source):
            return None
        _dot()  # Graphviz gone: the same clear error as without a session
        with cls._lock:
            return cls._draw_locked(dot_source)

    @classmethod
    def _draw_locked(cls, dot_source: str) -> dict[str, bytes] | None:
        session = cls._current
        if session is None or session.pid != os.getpid():  # a fork's inherited session belongs to its parent
            try:
                session = cls._current = Session()
            except OSError:
                cls._failures = 2
                return None
        out = session._draw(dot_source.encode("utf-8"))
        if out is None:
            cls._failures += 1
            session.close()
            cls._current = None
        return out

    def _draw(self, source: bytes) -> dict[str, bytes] | None:
        import select

        proc = self.proc
        try:
            proc.stdin.write(source + b"\n")
            proc.stdin.flush()
        except OSError:
            return None
        buf = bytearray()
        out, err = proc.stdout.fileno(), proc.stderr.fileno()
        while True:
            ready, _, _ = select.select([out, err], [], [], self.TIMEOUT)
            if not ready or err in ready:
                return None
            chunk = os.read(out, 1 << 16)
            if not chunk:
                return None
            buf += chunk
            if buf.endswith(b"\n") and (found := _split(bytes(buf))) is not None:
                return found

    def close(self, graceful: bool = False) -> None:
        """End Graphviz: ``graceful``, by closing its input and waiting for it (so that it is reaped here and
        its CPU time counts as this process's children's), else killed."""
        try:
            if graceful:
                self.proc.stdin.close()
                try:
                    self.proc.wait(timeout=5)
                    return self._close_streams()
                except subprocess.TimeoutExpired:
                    pass
            self.proc.kill()
            self.proc.wait(timeout=5)
        except (OSError, subprocess.SubprocessError):
            pass
        self._close_streams()

    def _close_streams(self) -> None:
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                stream.close()
            except OSError:
                pass


def _split(buf: bytes) -> dict[str, bytes] | None:
    """Return the SVG and the PDF of one drawing once ``buf`` holds both whole, else None."""
    end = buf.find(_SVG_END)
    if end < 0:
        return None
    svg, pdf = buf[:end + len(_SVG_END)], buf[end + len(_SVG_END):]
    m = _PDF_END.search(pdf)
    if not pdf.startswith(b"%PDF-") or m is None:
        return None
    at = int(m.group(1))
    if not (pdf.startswith(b"xref", at) or re.match(rb"\d+ \d+ obj", pdf[at:at + 32])):
        return None  # "%%EOF" inside a compressed stream: the PDF goes on
    return {"svg": _PAGE_ID.sub(b'id="', svg), "pdf": pdf}


def _after_fork() -> None:  # a fork while another thread drew would inherit the lock held
    Session._lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)


@atexit.register
def _end_session() -> None:
    if Session._current is not None and Session._current.pid == os.getpid():
        Session._current.close(graceful=True)

