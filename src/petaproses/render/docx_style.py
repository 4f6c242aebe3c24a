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

from ..layout.page import PAPER, PageStyle
from ..paths import REPO_TEMPLATES, templates_dir  # noqa: F401 - re-exported for the renderers
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
    _known_keys(path, content, raw)
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
        upper = raw.get("nama_sop_kapital", True)
        if str(upper).lower() not in ("true", "false", "ya", "tidak"):
            raise ValueError(f"nama_sop_kapital harus ya atau tidak, bukan '{upper}'")
        style.title_upper = str(upper).lower() in ("true", "ya")
        address = raw.get("alamat_di_identitas", False)
        if str(address).lower() not in ("true", "false", "ya", "tidak"):
            raise ValueError(f"alamat_di_identitas harus ya atau tidak, bukan '{address}'")
        style.address = str(address).lower() in ("true", "ya")
        style.header_text = str(raw.get("kepala_halaman", ""))
        style.footer_text = str(raw.get("kaki_halaman", ""))
        style.book_footer_text = str(raw.get("kaki_halaman_buku", style.footer_text))
        _in_range(style)
    except (TypeError, ValueError) as exc:
        raise PetaprosesError(f"{path}: {exc}") from None
    style.env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder / "sop")),
                                   undefined=jinja2.StrictUndefined, keep_trailing_newline=False,
                                   trim_blocks=True, lstrip_blocks=True, autoescape=False)
    return style


def _in_range(style: Style) -> None:
    """Refuse sizes no page can hold (a 200 mm margin made a build run out of memory; a negative type size failed
    in English, review W)."""
    for side, value in style.margins.items():
        if not 0 <= value <= 60:
            raise ValueError(f"margin_mm.{side} harus 0 sampai 60 mm, bukan {value:g}")
    for key, value in (("jarak_kepala_mm", style.header_mm), ("jarak_kaki_mm", style.footer_mm)):
        if not 0 <= value <= 50:
            raise ValueError(f"{key} harus 0 sampai 50 mm, bukan {value:g}")
    for key, value in (("ukuran_huruf", style.size), ("ukuran_huruf_tabel", style.table_size),
                       ("ukuran_huruf_label", style.label_size)):
        if not 5 <= value <= 20:
            raise ValueError(f"{key} harus 5 sampai 20 pt, bukan {value:g}")


KEYS = ("kertas", "orientasi", "margin_mm", "jarak_kepala_mm", "jarak_kaki_mm", "huruf", "ukuran_huruf",
        "ukuran_huruf_tabel", "ukuran_huruf_label", "warna_judul_tabel", "nama_sop_kapital", "alamat_di_identitas",
        "kepala_halaman", "kaki_halaman", "kaki_halaman_buku")
MARGINS = ("atas", "kanan", "bawah", "kiri")


def _known_keys(path: Path, content: bytes, raw: dict) -> None:
    """Refuse a key the style does not read, at its line (a misspelt 'ukuran_hurf' was silently the default,
    review U)."""
    from ..problems import suggest

    margins = raw.get("margin_mm")
    wrong = [((k,), KEYS) for k in raw if k not in KEYS] + \
        [(("margin_mm", k), MARGINS) for k in (margins if isinstance(margins, dict) else ()) if k not in MARGINS]
    if not wrong:
        return
    keys, allowed = wrong[0]
    node, line, col = yaml.compose(content.decode("utf-8")), 1, 1
    for k in keys:  # the key's place, for the editor's jump to it
        pair = next(((kn, vn) for kn, vn in getattr(node, "value", ()) if getattr(kn, "value", None) == k), None)
        if pair is None:
            break
        line, col, node = pair[0].start_mark.line + 1, pair[0].start_mark.column + 1, pair[1]
    hint = suggest(str(keys[-1]), allowed) or f" (yang boleh: {', '.join(allowed)})"
    raise PetaprosesError(f"{path}:{line}:{col}: kunci '{keys[-1]}' tidak dikenal di berkas gaya{hint}")


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
        template = style.compiled.get(source)
        if template is None:
            template = style.env.from_string(source)  # type: ignore[union-attr]
            if len(style.compiled) < 64:  # the style file holds a handful of texts
                style.compiled[source] = template
        return template.render(**context)
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
