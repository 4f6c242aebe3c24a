"""The style file a Pemda edits (templates/sop/gaya.yaml): every problem of it, each at its file:line:column.

`check` reports them all; `build` refuses a style file that has any before it writes anything (it once found
the first unknown key only after the maps were written, and left its running marker); the renderers
(render/docx_style.py) read one that has none.  Plain YAML, no model: `check` imports this module cheaply.
"""

from __future__ import annotations

import os
from pathlib import Path

from .problems import Problem, suggest

KEYS = ("kertas", "orientasi", "margin_mm", "jarak_kepala_mm", "jarak_kaki_mm", "huruf", "ukuran_huruf",
        "ukuran_huruf_tabel", "ukuran_huruf_label", "warna_judul_tabel", "nama_sop_kapital", "alamat_di_identitas",
        "kepala_halaman", "kaki_halaman", "kaki_halaman_buku")
MARGINS = ("atas", "kanan", "bawah", "kiri")
# sizes no page can hold are refused (a 200 mm margin made a build run out of memory; a negative type size failed
# in English, review W): key -> (lowest, highest, unit)
RANGES = {"margin_mm": (0, 60, "mm"), "jarak_kepala_mm": (0, 50, "mm"), "jarak_kaki_mm": (0, 50, "mm"),
          "ukuran_huruf": (5, 20, "pt"), "ukuran_huruf_tabel": (5, 20, "pt"), "ukuran_huruf_label": (5, 20, "pt")}
YES_NO = ("ya", "tidak", "true", "false")
CHOICES = {"kertas": ("A4", "F4"), "orientasi": ("lanskap", "potret"), "nama_sop_kapital": YES_NO,
           "alamat_di_identitas": YES_NO}
TEMPLATES = ("kepala_halaman", "kaki_halaman", "kaki_halaman_buku")  # Jinja2 texts


def style_file(templates: Path) -> Path:
    return templates / "sop" / "gaya.yaml"


def shown(path: Path) -> str:
    """The file's name as findings say it: relative to the current folder when inside it (as catalogue files)."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def folder_problems(templates: Path) -> list[Problem]:
    """Return the problems of ``templates``' gaya.yaml (none when it is absent: the defaults apply)."""
    path = style_file(templates)
    try:
        content = path.read_bytes()
    except OSError:
        return []
    return problems(shown(path), content)


def problems(path: str, content: bytes) -> list[Problem]:
    """Return every problem of the style file ``path`` holding ``content``."""
    import yaml

    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return [Problem(path, 1, 1, "encoding", "berkas gaya bukan UTF-8; simpan ulang sebagai UTF-8")]
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [Problem(path, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, "yaml-syntax",
                        "berkas gaya bukan YAML yang sah; periksa indentasi, tanda ':' dan tanda kutip")]
    if root is None:
        return []  # empty, or comments only: the defaults
    found: list[Problem] = []

    def at(node, code: str, message: str) -> None:
        found.append(Problem(path, node.start_mark.line + 1, node.start_mark.column + 1, code, message))

    if not isinstance(root, yaml.MappingNode):
        at(root, "type-mismatch", "isi berkas gaya harus berupa kumpulan kunci: nilai (mis. kertas: A4)")
        return found
    loader = yaml.SafeLoader("")
    for key, name, node, allowed in _pairs(root, at):
        if name not in allowed:
            hint = suggest(name, allowed) or f" (yang boleh: {', '.join(allowed)})"
            at(key, "unknown-key", f"kunci '{name}' tidak dikenal di berkas gaya{hint}")
            continue
        try:
            value = loader.construct_object(node, deep=True)
        except yaml.YAMLError:
            at(node, "invalid-value", f"nilai {name} tidak dapat dibaca; tulis satu nilai biasa")
            continue
        _value(name, node, value, at)
    return found


def _pairs(root, at):
    """Yield (key node, dotted name, value node, the names allowed there) of the style's keys and margins."""
    import yaml

    seen: set[str] = set()
    for key, node in root.value:
        name = str(key.value)
        if name in seen:
            at(key, "duplicate-key", f"kunci '{name}' ditulis dua kali di berkas gaya; hapus salah satu")
            continue
        seen.add(name)
        if name == "margin_mm" and isinstance(node, yaml.MappingNode):
            inner: set[str] = set()
            for side, value in node.value:
                if str(side.value) in inner:
                    at(side, "duplicate-key", f"kunci '{side.value}' ditulis dua kali di margin_mm; hapus salah satu")
                    continue
                inner.add(str(side.value))
                yield side, str(side.value), value, MARGINS
        elif name == "margin_mm" and not (isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null")):
            at(node, "type-mismatch", "margin_mm harus berupa kumpulan sisi: atas, kanan, bawah, kiri (mm)")
        elif name != "margin_mm":
            yield key, name, node, KEYS


def _value(name: str, node, value, at) -> None:
    """Report what is wrong with ``value`` of key ``name`` (a margin's side: its side's name)."""
    import yaml

    if name in MARGINS or name in RANGES:
        low, high, unit = RANGES["margin_mm" if name in MARGINS else name]
        label = f"margin_mm.{name}" if name in MARGINS else name
        try:
            number = float(value) if not isinstance(value, bool) else None
        except (TypeError, ValueError):
            number = None
        if number is None:
            at(node, "type-mismatch", f"{label} harus berupa angka ({unit}), bukan '{node.value}'")
        elif not low <= number <= high:
            at(node, "invalid-value", f"{label} harus {low} sampai {high} {unit}, bukan {number:g}")
    elif name in CHOICES:
        said = str(value).upper() if name == "kertas" else str(value).lower()
        if said not in CHOICES[name]:
            first, second = CHOICES[name][:2]
            at(node, "invalid-value", f"{name} harus {first} atau {second}, bukan '{value}'")
    elif name == "warna_judul_tabel":
        colour = str(value).lstrip("#")
        if len(colour) != 6 or any(c not in "0123456789abcdefABCDEF" for c in colour):
            at(node, "invalid-value", f"warna_judul_tabel harus 6 digit heksadesimal (mis. D9D9D9; angka saja "
                                      f"dalam tanda kutip: '000000'), bukan '{value}'")
    elif not isinstance(node, yaml.ScalarNode):
        at(node, "type-mismatch", f"{name} harus berupa teks satu baris")
    elif name in TEMPLATES:
        import jinja2

        try:
            jinja2.Environment().parse(str(value))
        except jinja2.TemplateSyntaxError as exc:
            at(node, "invalid-value", f"{name} bukan templat Jinja2 yang sah (tutup setiap {{{{ dengan }}}} dan "
                                      f"{{% dengan %}}): {exc.message}")
