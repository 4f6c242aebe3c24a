"""The style file a Pemda edits (templates/sop/gaya.yaml): every problem of it, each at its file:line:column.

`check` reports them all; `build` refuses a style file that has any before it writes anything (it once found
the first unknown key only after the maps were written, and left its running marker); the renderers
(render/docx_style.py) read one that has none.  Plain YAML, no model: `check` imports this module cheaply.
"""

from __future__ import annotations

import os
from pathlib import Path

from .gaya_labels import LABELS, LONGEST
from .problems import Problem, suggest

KEYS = ("kertas", "orientasi", "margin_mm", "jarak_kepala_mm", "jarak_kaki_mm", "huruf", "ukuran_huruf",
        "ukuran_huruf_tabel", "ukuran_huruf_label", "warna_judul_tabel", "nama_sop_kapital", "alamat_di_identitas",
        "kepala_halaman", "kaki_halaman", "kaki_halaman_buku", "label")
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


def base_file(templates: Path) -> Path:
    return templates / "sop" / "dasar.docx"


def folder_problems(templates: Path) -> list[Problem]:
    """Return the problems of ``templates``' gaya.yaml (none when it is absent: the defaults apply) and of its
    dasar.docx (none when absent: python-docx's own base)."""
    path = style_file(templates)
    try:
        content = path.read_bytes()
    except OSError:
        found = []
    else:
        found = problems(shown(path), content)
    return found + base_problems(base_file(templates))


def base_problems(path: Path) -> list[Problem]:
    """Return the problem of the base document ``path`` when the build could not open it as its renderers do."""
    if not path.exists():
        return []
    try:
        import docx

        document = docx.Document(str(path))
        document.styles["Normal"]  # noqa: B018 - the renderers set the house font on it
    except Exception:  # noqa: BLE001 - whatever python-docx raises, the file is no usable base
        return [Problem(shown(path), 1, 1, "invalid-value",
                        "dasar.docx bukan dokumen Word (.docx) yang dapat dibaca atau tidak punya gaya Normal; simpan "
                        "ulang dari Word sebagai .docx, atau hapus berkas itu agar gaya bawaan dipakai")]
    return []


def problems(path: str, content: bytes) -> list[Problem]:
    """Return every problem of the style file ``path`` holding ``content``."""
    import yaml

    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return [Problem(path, 1, 1, "encoding", "berkas gaya bukan UTF-8; simpan ulang sebagai UTF-8")]
    found: list[Problem] = []
    try:
        # anchors and aliases are refused before anything is composed, as in catalogue files: nested aliases
        # ("billion laughs") made a check run out of memory (review Z)
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                found.append(Problem(path, event.start_mark.line + 1, event.start_mark.column + 1, "yaml-alias",
                                     "anchor/alias YAML (&nama, *nama) tidak didukung; tulis nilainya langsung"))
                break  # the first, as in catalogue files (yamlcompose): the rest say the same
        root = None if found else yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [Problem(path, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, "yaml-syntax",
                        "berkas gaya bukan YAML yang sah; periksa indentasi, tanda ':' dan tanda kutip")]
    if root is None:
        return found  # empty, or comments only: the defaults

    def at(node, code: str, message: str) -> None:
        found.append(Problem(path, node.start_mark.line + 1, node.start_mark.column + 1, code, message))

    if not isinstance(root, yaml.MappingNode):
        at(root, "type-mismatch", "isi berkas gaya harus berupa kumpulan kunci: nilai (mis. kertas: A4)")
        return found
    loader = yaml.SafeLoader("")
    texts = {}
    written = {str(key.value) for key, _node in root.value if isinstance(key, yaml.ScalarNode)}
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
        if name in TEMPLATES and isinstance(node, yaml.ScalarNode) and value is not None:
            texts[name] = (node, str(value))
        else:
            _value(name, node, value, at)
    from .gaya_texts import problems as text_problems

    for name, (node, value) in texts.items():
        # the book's front pages have no SOP: their footer is kaki_halaman_buku, else kaki_halaman
        front = name == "kaki_halaman_buku" or (name == "kaki_halaman" and "kaki_halaman_buku" not in written)
        for message in text_problems(name, value, front):
            at(node, "invalid-value", message)
    return found


def _pairs(root, at):
    """Yield (key node, dotted name, value node, the names allowed there) of the style's keys and margins."""
    import yaml

    seen: set[str] = set()
    for key, node in root.value:
        if not isinstance(key, yaml.ScalarNode):
            at(key, "type-mismatch", "kunci berkas gaya harus berupa nama biasa (mis. kertas), bukan daftar atau "
                                     "kumpulan")
            continue
        name = str(key.value)
        if name in seen:
            at(key, "duplicate-key", f"kunci '{name}' ditulis dua kali di berkas gaya; hapus salah satu")
            continue
        seen.add(name)
        if name == "margin_mm" and isinstance(node, yaml.MappingNode):
            inner: set[str] = set()
            for side, value in node.value:
                if not isinstance(side, yaml.ScalarNode):
                    at(side, "type-mismatch", "kunci margin_mm harus berupa nama sisi: atas, kanan, bawah atau kiri")
                    continue
                if str(side.value) in inner:
                    at(side, "duplicate-key", f"kunci '{side.value}' ditulis dua kali di margin_mm; hapus salah satu")
                    continue
                inner.add(str(side.value))
                yield side, str(side.value), value, MARGINS
        elif name == "margin_mm" and not (isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null")):
            at(node, "type-mismatch", "margin_mm harus berupa kumpulan sisi: atas, kanan, bawah, kiri (mm)")
        elif name == "label":
            _labels(node, at)
        elif name != "margin_mm":
            yield key, name, node, KEYS


def _labels(node, at) -> None:
    """Report what is wrong with the ``label:`` mapping (heading key -> own text)."""
    import yaml

    if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null"):
        return  # `label:` alone: the defaults
    if not isinstance(node, yaml.MappingNode):
        at(node, "type-mismatch", "label harus berupa kumpulan judul: kunci: teks (mis. waktu: WAKTU (Menit))")
        return
    seen: set[str] = set()
    for key, value in node.value:
        name = str(key.value) if isinstance(key, yaml.ScalarNode) else ""
        if name in seen:
            at(key, "duplicate-key", f"kunci '{name}' ditulis dua kali di label; hapus salah satu")
            continue
        seen.add(name)
        if name not in LABELS:
            near = suggest(name, LABELS) if name else ""
            at(key, "unknown-key", f"kunci '{name}' tidak dikenal di label berkas gaya (yang boleh: "
                                   f"{', '.join(LABELS)}){near}")
        elif not isinstance(value, yaml.ScalarNode):
            at(value, "type-mismatch", f"label.{name} harus berupa satu teks, bukan daftar atau kumpulan")
        elif not value.value.strip() or (value.style is None and value.value in ("~", "null")):
            at(value, "invalid-value", f"label.{name} kosong; tulis judulnya (bawaan: {LABELS[name]}), atau hapus "
                                       "barisnya agar judul bawaan dipakai")
        elif len(value.value.strip()) > LONGEST:
            at(value, "invalid-value", f"label.{name} terlalu panjang ({len(value.value.strip())} huruf); judul "
                                       f"paling banyak {LONGEST} huruf")


def label_texts(content: bytes) -> dict[str, str]:
    """The headings a style file (without problems) renames: key -> text as written (``Ket.``, ``yes`` too)."""
    import yaml

    root = yaml.compose(content.decode("utf-8"), Loader=yaml.SafeLoader) if content.strip() else None
    if not isinstance(root, yaml.MappingNode):
        return {}
    found = [node for key, node in root.value if isinstance(key, yaml.ScalarNode) and key.value == "label"]
    if not found or not isinstance(found[0], yaml.MappingNode):
        return {}
    return {str(k.value): v.value.strip() for k, v in found[0].value}


def _value(name: str, node, value, at) -> None:
    """Report what is wrong with ``value`` of key ``name`` (a margin's side: its side's name), quoting it as written."""
    import yaml

    label = f"margin_mm.{name}" if name in MARGINS else name
    blank = value is None or (isinstance(value, str) and not value.strip())  # `huruf: ""` too (review Z)
    if blank and (name in MARGINS or name in _WANTED):
        wanted = "tulis angka (mm)" if name in MARGINS else _WANTED[name]
        at(node, "invalid-value", f"{label} kosong; {wanted}, atau hapus barisnya agar nilai bawaan dipakai")
    elif not isinstance(node, yaml.ScalarNode):
        at(node, "type-mismatch", f"{label} harus berupa satu nilai, bukan daftar atau kumpulan")
    elif name in MARGINS or name in RANGES:
        low, high, unit = RANGES["margin_mm" if name in MARGINS else name]
        try:
            number = float(value) if not isinstance(value, bool) else None
        except (TypeError, ValueError):
            number = None
        if number is None:
            at(node, "type-mismatch", f"{label} harus berupa angka ({unit}), bukan '{node.value}'")
        elif not low <= number <= high:
            at(node, "invalid-value", f"{label} harus {low} sampai {high} {unit}, bukan {node.value}")
    elif name in CHOICES:
        said = str(value).upper() if name == "kertas" else str(value).lower()
        if said not in CHOICES[name]:
            first, second = CHOICES[name][:2]
            at(node, "invalid-value", f"{name} harus {first} atau {second}, bukan '{node.value}'")
    elif name == "warna_judul_tabel":
        colour = str(value).lstrip("#")
        if len(colour) != 6 or any(c not in "0123456789abcdefABCDEF" for c in colour):
            at(node, "invalid-value", f"warna_judul_tabel harus 6 digit heksadesimal (mis. D9D9D9; angka saja "
                                      f"dalam tanda kutip: '000000'), bukan '{node.value}'")


# what an empty value's finding asks for
_WANTED = {"kertas": "tulis A4 atau F4", "orientasi": "tulis lanskap atau potret", "nama_sop_kapital": "tulis ya atau "
           "tidak", "alamat_di_identitas": "tulis ya atau tidak", "warna_judul_tabel": "tulis 6 digit heksadesimal "
           "(mis. D9D9D9)", "huruf": "tulis nama huruf yang terpasang (mis. Arial)",
           **{k: f"tulis angka ({unit})" for k, (_low, _high, unit) in RANGES.items()}}
