"""Renderer "sop_docx": one SOP AP document (.docx) per SOP, and a Dokumen SOP book per Perangkat Daerah.

The look (paper, orientation, margins, font, header/footer text) comes from ``templates/sop/gaya.yaml``;
the wording of the book (cover, keputusan, penjelasan) from Jinja2 text templates beside it.  python-docx
provides the package, styles, sections and header/footer (``docx_writer``); tables and shapes are written as
XML strings (``docx_xml``, ``docx_flowchart``) from the layout (``layout.sop_chart``), see
docs/docx-flowchart.md, approach A1.  The body of an SOP (``sop_body``) is shared with the book
(``sop_book``) as the part ``.<kode>.isi``.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..catalogue import Catalogue
from ..model import Sop
from ..problems import PetaprosesError
from .docx_package import build_time
from .docx_style import Style, load_style, render_text, templates_dir
from .docx_writer import Writer, context, sop_title
from .sop_body import Body, dasar_hukum, isi_name, sop_body, tanggal  # noqa: F401 - part of the API
from .sop_book import book_document


def applies(doc) -> bool:
    return isinstance(doc, Sop)


# ----------------------------------------------------------------------------------------------- entry points
def render(cat: Catalogue, doc: Sop, templates_dir: str | None = None, pdf: bool = False,
           **_options) -> dict[str, bytes]:
    """Return the SOP's .docx (and .pdf), and the part ``.<kode>.isi``: its body for the book (see ``Body``)."""
    style = load_style(_templates(templates_dir))
    body: list[Body] = []
    data = sop_document(cat, doc, style, keep=body)
    files = {f"{doc.kode}.docx": data, isi_name(doc): body[0].dump()}
    if pdf:
        files[f"{doc.kode}.pdf"] = to_pdf({f"{doc.kode}.docx": data})[f"{doc.kode}.pdf"]
    return files


def render_department(cat: Catalogue, pd_id: str, parts: dict[str, bytes] | None = None,
                      templates_dir: str | None = None, pdf: bool = False, **_options) -> dict[str, bytes]:
    """Return the Dokumen SOP book of one Perangkat Daerah (none when it has no SOP).

    ``parts``: what ``render`` returned under names starting with "." for the department's SOPs (the build
    keeps them); a body is reused when its key still matches, else rendered again, so the book is the same
    either way; nothing is read back from the output folder.
    """
    sops = [m for m in cat.maps if isinstance(m, Sop) and m.perangkat_daerah == pd_id]
    if not sops:
        return {}
    style = load_style(_templates(templates_dir))
    files = {f"Dokumen-SOP-{pd_id}.docx": book_document(cat, pd_id, sops, style, parts or {})}
    if pdf:  # --pdf: the book as well as each SOP
        files.update(to_pdf(files))
    return files


def render_catalogue(cat: Catalogue, templates_dir: str | None = None, **_options) -> dict[str, bytes]:
    """Return every department's book (paths relative to output/)."""
    out = {}
    for pd_id in sorted({m.perangkat_daerah for m in cat.maps if isinstance(m, Sop)}):
        for name, data in render_department(cat, pd_id, templates_dir=templates_dir).items():
            out[f"{pd_id}/{name}"] = data
    return out


def _templates(option: str | None) -> Path:
    return templates_dir(option)


def sop_document(cat: Catalogue, doc: Sop, style: Style, keep: list | None = None) -> bytes:
    """Return the SOP's .docx; ``keep`` (a list) receives its ``Body``, for the book."""
    w = Writer(cat, style)
    ctx = context(cat, doc)
    w.section(w.doc.sections[0], style.landscape, render_text(style, style.header_text, **ctx),
              render_text(style, style.footer_text, **ctx))
    body = Body.render(w, doc)
    if keep is not None:
        keep.append(body)
    w.append(body.place(w), body.prefixes)
    return w.bytes(sop_title(doc.nama), build_time(doc.tanggal.efektif or doc.tanggal.pembuatan))


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

