"""The house style of SOP documents (templates/sop/gaya.yaml): loading it, its text templates, its font.

Page geometry and text measurement are the layout's (``layout.page``, ``layout.text``); this module adds what
only the .docx renderer needs.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml

from .. import gaya, gaya_j2, gaya_texts
from ..layout.page import PageStyle
from ..paths import REPO_TEMPLATES, search_path, templates_dir  # noqa: F401 - re-exported for the renderers
from ..problems import PetaprosesError


@dataclass
class Style(PageStyle):
    """The look of one document, built from gaya.yaml: the page and type (``PageStyle``, what the layout
    reads) and what only the renderer uses: header/footer, heading colour, text templates."""

    header_mm: float = 8
    footer_mm: float = 7
    heading_fill: str = "D9D9D9"
    header_text: str = ""
    footer_text: str = ""
    book_footer_text: str = ""
    templates: Path = REPO_TEMPLATES
    env: jinja2.Environment | None = None
    # text template source -> compiled: a book renders the same header and footer for each of its sections
    compiled: dict = field(default_factory=dict, repr=False, compare=False)


@functools.lru_cache(maxsize=16)
def _load_style(folder: Path, content: bytes) -> Style:
    path = gaya.style_file(folder)
    found = gaya.problems(gaya.shown(path), content)  # every problem at once (check reports the same ones)
    if found:
        raise PetaprosesError("\n".join(f"{p.path}:{p.line}:{p.column}: {p.message}" for p in found))
    raw = yaml.safe_load(content.decode("utf-8")) or {}
    style = Style(templates=folder)
    style.paper = str(raw.get("kertas", style.paper)).upper()
    style.landscape = str(raw.get("orientasi", "lanskap")).lower() == "lanskap"
    style.margins = {**style.margins, **{k: float(v) for k, v in (raw.get("margin_mm") or {}).items()}}
    style.header_mm = float(raw.get("jarak_kepala_mm", style.header_mm))
    style.footer_mm = float(raw.get("jarak_kaki_mm", style.footer_mm))
    style.font = str(raw.get("huruf") or style.font)
    style.size = float(raw.get("ukuran_huruf", style.size))
    style.table_size = float(raw.get("ukuran_huruf_tabel", style.table_size))
    style.label_size = float(raw.get("ukuran_huruf_label", style.label_size))
    style.heading_fill = str(raw.get("warna_judul_tabel", style.heading_fill)).lstrip("#").upper()
    style.title_upper = str(raw.get("nama_sop_kapital", True)).lower() in ("true", "ya")
    style.address = str(raw.get("alamat_di_identitas", False)).lower() in ("true", "ya")
    style.header_text = str(raw.get("kepala_halaman") or "")
    style.footer_text = str(raw.get("kaki_halaman") or "")
    style.book_footer_text = str(raw.get("kaki_halaman_buku", style.footer_text) or "")
    style.labels = gaya.label_texts(content)  # own headings (gaya.yaml: label), as written
    style.env = gaya_j2.sop_environment(folder)  # the one `check` compiles the copy's templates in
    return style


def load_style(folder: Path) -> Style:
    """Return the style of ``folder``/sop/gaya.yaml (defaults when absent); cached by content."""
    try:
        content = gaya.style_file(folder).read_bytes()
    except OSError:
        content = b""
    return _load_style(folder.resolve(), content)


def render_text(style: Style, source: str, **context) -> str:
    """Render a Jinja2 string from the style file; the values are plain text (escaped later as XML).  In the
    environment `check` tries each text in (gaya_texts): a text it passed fills here too."""
    try:
        template = style.compiled.get(source)
        if template is None:
            template = gaya_texts.environment().from_string(source)
            if len(style.compiled) < 64:  # the style file holds a handful of texts
                style.compiled[source] = template
        return template.render(**context)
    except Exception as exc:  # noqa: BLE001 - the user's text: said in Indonesian, never a traceback
        raise PetaprosesError(f"templat teks '{source}' gagal diisi: {gaya_texts.explain(exc)}") from None


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
