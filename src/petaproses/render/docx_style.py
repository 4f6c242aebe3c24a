"""The house style of SOP documents (templates/sop/gaya.yaml) and text measurement with the real font.

Rows of the flowchart table get exact heights, so text must be measured with the font LibreOffice/Word will
use: fontconfig picks the file (Arial -> Liberation Sans, same metrics), PIL measures it.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml
from PIL import ImageFont

from ..paths import REPO_TEMPLATES, templates_dir  # noqa: F401 - re-exported for the renderers
from ..problems import PetaprosesError

TWIPS_PER_MM = 1440 / 25.4
PAPER = {"A4": (210, 297), "F4": (215, 330)}  # width, height in mm (portrait)
_FALLBACK_FONTS = {
    False: "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    True: "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
}


def mm(value: float) -> int:
    return round(value * TWIPS_PER_MM)


@dataclass
class Style:
    """The look of one document, in twips and points; built from gaya.yaml."""

    paper: str = "A4"
    landscape: bool = True
    margins: dict = field(default_factory=lambda: {"atas": 20, "kanan": 15, "bawah": 15, "kiri": 15})
    header_mm: float = 8
    footer_mm: float = 7
    font: str = "Arial"
    size: float = 10  # pt, body text and identity table
    table_size: float = 8  # pt, flowchart table
    label_size: float = 7  # pt, branch labels
    heading_fill: str = "D9D9D9"
    header_text: str = ""
    footer_text: str = ""
    book_footer_text: str = ""
    templates: Path = REPO_TEMPLATES
    env: jinja2.Environment | None = None

    @property
    def page(self) -> tuple[int, int]:
        w, h = PAPER[self.paper]
        if self.landscape:
            w, h = h, w
        return mm(w), mm(h)

    def margin(self, side: str) -> int:
        return mm(self.margins[side])

    @property
    def body_width(self) -> int:
        return self.page[0] - self.margin("kiri") - self.margin("kanan")

    @property
    def body_height(self) -> int:
        return self.page[1] - self.margin("atas") - self.margin("bawah")

    def line(self, size: float) -> int:
        """Exact line pitch in twips for ``size`` pt: every paragraph uses it, so heights are predictable."""
        return round(size * 1.2 * 20)

    def measure(self, text: str, size: float, bold: bool = False) -> float:
        """Return the width of ``text`` in twips."""
        return _length(self.font, bold, text) * size * 20 / 1000

    def wrap(self, text: str, width: float, size: float, bold: bool = False) -> int:
        """Return the number of lines ``text`` takes in ``width`` twips (explicit newlines respected)."""
        total = 0
        space = self.measure(" ", size, bold)
        for para in text.split("\n"):
            lines, used = 1, 0.0
            for word in para.split():
                w = self.measure(word, size, bold)
                while w > width:  # a word wider than the column is broken by the renderer too
                    if used:
                        lines, used = lines + 1, 0.0
                    lines += 1
                    w -= width
                need = w if not used else used + space + w
                if need <= width:
                    used = need
                else:
                    lines, used = lines + 1, w
            total += lines
        return total


@functools.lru_cache(maxsize=None)
def _font_file(name: str, bold: bool) -> str:
    if shutil.which("fc-match"):
        try:
            out = subprocess.run(["fc-match", "-f", "%{file}", f"{name}:bold" if bold else name],
                                 capture_output=True, text=True, timeout=10, check=True).stdout.strip()
            if out:
                return out
        except (OSError, subprocess.SubprocessError):
            pass
    return _FALLBACK_FONTS[bold]


@functools.lru_cache(maxsize=None)
def _font(name: str, bold: bool) -> ImageFont.FreeTypeFont:
    try:
        return ImageFont.truetype(_font_file(name, bold), 1000)
    except OSError:
        return ImageFont.load_default(1000)


@functools.lru_cache(maxsize=65536)
def _length(name: str, bold: bool, text: str) -> float:
    """Width of ``text`` at 1000 pt; cached, since the same words come back in every row and document."""
    return _font(name, bold).getlength(text)


@functools.lru_cache(maxsize=16)
def _load_style(folder: Path, content: bytes) -> Style:
    path = folder / "sop" / "gaya.yaml"
    try:
        raw = yaml.safe_load(content.decode("utf-8")) or {}
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise PetaprosesError(f"{where}: berkas gaya bukan YAML UTF-8 yang sah; periksa indentasi dan tanda kutip") \
            from None
    if not isinstance(raw, dict):
        raise PetaprosesError(f"{path}: isi berkas gaya harus berupa pemetaan kunci: nilai")
    style = Style(templates=folder)
    try:
        paper = str(raw.get("kertas", style.paper)).upper()
        if paper not in PAPER:
            raise ValueError(f"kertas harus A4 atau F4, bukan '{raw.get('kertas')}'")
        style.paper = paper
        orient = str(raw.get("orientasi", "lanskap")).lower()
        if orient not in ("lanskap", "potret"):
            raise ValueError(f"orientasi harus lanskap atau potret, bukan '{orient}'")
        style.landscape = orient == "lanskap"
        style.margins = {**style.margins, **{k: float(v) for k, v in (raw.get("margin_mm") or {}).items()}}
        style.header_mm = float(raw.get("jarak_kepala_mm", style.header_mm))
        style.footer_mm = float(raw.get("jarak_kaki_mm", style.footer_mm))
        style.font = str(raw.get("huruf", style.font))
        style.size = float(raw.get("ukuran_huruf", style.size))
        style.table_size = float(raw.get("ukuran_huruf_tabel", style.table_size))
        style.label_size = float(raw.get("ukuran_huruf_label", style.label_size))
        style.heading_fill = str(raw.get("warna_judul_tabel", style.heading_fill)).lstrip("#").upper()
        style.header_text = str(raw.get("kepala_halaman", ""))
        style.footer_text = str(raw.get("kaki_halaman", ""))
        style.book_footer_text = str(raw.get("kaki_halaman_buku", style.footer_text))
    except (TypeError, ValueError) as exc:
        raise PetaprosesError(f"{path}: {exc}") from None
    style.env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder / "sop")),
                                   undefined=jinja2.StrictUndefined, keep_trailing_newline=False,
                                   trim_blocks=True, lstrip_blocks=True, autoescape=False)
    return style


def load_style(folder: Path) -> Style:
    """Return the style of ``folder``/sop/gaya.yaml (defaults when absent); cached by content."""
    path = folder / "sop" / "gaya.yaml"
    try:
        content = path.read_bytes()
    except OSError:
        content = b""
    return _load_style(folder.resolve(), content)


def render_text(style: Style, source: str, **context) -> str:
    """Render a Jinja2 string from the style file; the values are plain text (escaped later as XML)."""
    try:
        return style.env.from_string(source).render(**context)  # type: ignore[union-attr]
    except jinja2.TemplateError as exc:
        raise PetaprosesError(f"templat teks '{source}' tidak valid: {exc}") from None


def render_template(style: Style, name: str, **context) -> str:
    try:
        return style.env.get_template(name).render(**context)  # type: ignore[union-attr]
    except jinja2.TemplateNotFound:
        raise PetaprosesError(f"templat {style.templates / 'sop' / name} tidak ditemukan") from None
    except jinja2.TemplateError as exc:
        raise PetaprosesError(f"templat {name} tidak valid: {exc}") from None


def apply_font(document, style: Style) -> None:
    """Set the house font on the Normal style and the document defaults (the template's are theme fonts)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    normal = document.styles["Normal"]
    normal.font.name = style.font
    normal.font.size = Pt(style.size)
    fonts = normal.element.get_or_add_rPr().find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), style.font)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    dfonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}") if defaults is not None else None
    if dfonts is not None:
        for key in list(dfonts.attrib):
            del dfonts.attrib[key]
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            dfonts.set(qn(attr), style.font)
