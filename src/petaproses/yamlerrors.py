"""libyaml's English syntax errors -> one located message in Bahasa Indonesia with the likely fix.

libyaml and PyYAML word some errors differently ("mapping values are not allowed in this context" /
"... here"), so hints match the stable part of the wording.  No English text reaches the user: an error
without a hint gets a general Indonesian message at its position.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_QUOTE_HINT = "beri tanda kutip pada teks yang mengandung ': ' atau ' #'"


def reader_message(exc: Any) -> str:
    """Message for a character libyaml refuses (control characters, non-characters)."""
    char = exc.character
    if isinstance(char, int):
        control = 0 <= char < 0x110000 and unicodedata.category(chr(char)) == "Cc"
        what = ("karakter kendali " if control else "karakter ") + f"U+{char:04X}"
        return (f"YAML tidak sah: {what} tidak boleh ada di berkas YAML (sering terbawa saat menyalin "
                "dari aplikasi lain); hapus karakter itu")
    return "YAML tidak sah: berkas berisi karakter yang tidak boleh ada; simpan ulang sebagai teks UTF-8"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous(lines: list[str], index: int) -> int | None:
    """Return the index of the nearest line above ``index`` that holds more than a comment."""
    for i in range(min(index, len(lines)) - 1, -1, -1):
        if lines[i].strip() and not lines[i].lstrip().startswith("#"):
            return i
    return None


def _colon_message(lines: list[str], line: int, column: int) -> tuple[int, int, str]:
    """A ':' where no key may start: text with ': ' in a value, or a line indented deeper than its key."""
    text = lines[line] if line < len(lines) else ""
    glued = _GLUED.match(text)
    if glued:
        return line + 1, glued.end(1) + 1, _glued_message(glued)
    before = text[:column]
    body = before.lstrip(" -")
    if ": " in body or body.endswith(":"):
        key, _, value = text.lstrip(" -").partition(": ")
        fixed = value.strip().replace('"', '\\"')
        return line + 1, column + 1, (f"YAML tidak sah: tanda ': ' di dalam nilai '{key.strip()}'; {_QUOTE_HINT}, "
                                      f'mis. {key.strip()}: "{fixed}"')
    prev = _previous(lines, line)
    if prev is not None and _indent(text) > _indent(lines[prev]):
        return line + 1, _indent(text) + 1, (
            f"YAML tidak sah: baris ini menjorok {_indent(text)} spasi, lebih dalam dari baris {prev + 1} "
            f"({_indent(lines[prev])} spasi), sehingga terbaca sebagai lanjutan nilai di baris {prev + 1}; "
            "sejajarkan kunci yang setingkat")
    return line + 1, column + 1, f"YAML tidak sah: tanda ':' di tempat yang salah; {_QUOTE_HINT} atau periksa indentasi"


_DASH = re.compile(r"^[ -]*([A-Za-z_][\w-]*):[ \t]+-[ \t]*(?:#.*)?$")  # "revisi: -"
_GLUED = re.compile(r"^[ -]*([A-Za-z_][\w-]*):(?=[^\s:/])(\S.*)$")  # "uraian:Memeriksa": no space after ':'


def _glued_message(m: re.Match) -> str:
    return f"YAML tidak sah: setelah ':' harus ada spasi; tulis '{m.group(1)}: {m.group(2).strip()}'"


def _misaligned(lines: list[str], line: int, column: int, context: Any) -> tuple[int, int, str]:
    """A line that fits no open block: text after a value, a dash among keys, a forgotten '- ', or indentation."""
    text = lines[line] if line < len(lines) else ""
    ind = _indent(text)
    opener = lines[context.line] if context is not None and context.line < len(lines) else ""
    if column > ind and text.strip():  # the value ended (a closing quote or bracket) and text goes on
        return line + 1, column + 1, ("YAML tidak sah: ada teks setelah nilai yang sudah selesai (mis. sesudah "
                                      "tanda kutip atau kurung penutup); beri tanda kutip pada seluruh nilai")
    if text.lstrip().startswith("-") and opener[context.column:context.column + 1] not in ("-", ""):
        return line + 1, ind + 1, (
            f"YAML tidak sah: butir daftar '- ' sejajar dengan kunci peta di baris {context.line + 1}; tulis "
            "butir di bawah kuncinya dan menjorok lebih dalam (mis. 'output:' lalu '  - ...')")
    if (context is not None and opener[context.column:context.column + 1] == "-" and ind == context.column
            and text.strip() and not text.lstrip().startswith("-")):
        return line + 1, ind + 1, (
            f"YAML tidak sah: baris ini sejajar dengan tanda '-' daftar di baris {context.line + 1} tetapi tidak "
            f"diawali '- '; bila ini butir baru tulis '{' ' * ind}- {text.strip()}', bila lanjutan butir sebelumnya "
            "sejajarkan dengan kunci butir itu")
    levels: list[tuple[int, int]] = []  # (indent, line index) of the blocks open above, innermost first
    i = _previous(lines, line)
    while i is not None and len(levels) < 2:
        if not levels or _indent(lines[i]) < levels[-1][0]:
            levels.append((_indent(lines[i]), i))
        i = _previous(lines, i)
    where = " atau ".join(f"{n} spasi seperti baris {i + 1}" for n, i in levels)
    return line + 1, ind + 1, (f"YAML tidak sah: indentasi tidak konsisten: baris ini menjorok {ind} spasi, tidak "
                               f"sejajar dengan tingkat di atasnya ({where}); sejajarkan kunci yang setingkat")


_HINTS = (
    ("nesting depth", "struktur bersarang terlalu dalam; peta dan SOP cukup beberapa tingkat"),
    ("found unexpected end of stream", "tanda kutip belum ditutup; tutup dengan tanda kutip yang sama"),
    ("found unknown escape character", "urutan '\\' tidak dikenal di dalam tanda kutip ganda; pakai kutip tunggal"),
    ("escape", "urutan '\\' tidak sah di dalam tanda kutip ganda; pakai kutip tunggal"),
    ("could not find expected ':'", "tanda ':' tidak ditemukan; setiap baris peta harus 'kunci: nilai', dan teks "
     "lanjutan harus menjorok lebih dalam dari kuncinya"),
    ("found character that cannot start any token", "karakter ini tidak boleh mengawali nilai (mis. '@', '`', '%' "
     "atau '|' dan '>' yang salah tempat); beri tanda kutip pada nilainya"),
    ("block sequence entries are not allowed", "tanda '- ' di tempat yang salah; butir daftar ditulis di baris sendiri "
     "di bawah kuncinya"),
    ("expected ',' or ']'", "daftar [ ... ] belum ditutup atau pemisah ',' hilang"),
    ("expected ',' or '}'", "peta { ... } belum ditutup atau pemisah ',' hilang"),
    ("did not find expected node content", "nilai tidak ditemukan; periksa kurung [ ] atau { } dan tanda kutip"),
    ("expected <document start>", "isi setelah akhir dokumen; satu berkas untuk satu peta atau SOP"),
    ("tag", "tag YAML ('!...') tidak sah; hapus tag itu"),
    ("directive", "baris yang diawali '%' hanya boleh di awal berkas; hapus atau beri tanda kutip"),
    ("anchor", "nama anchor/alias tidak sah; anchor dan alias (&nama, *nama) tidak didukung"),
    ("alias", "nama anchor/alias tidak sah; anchor dan alias (&nama, *nama) tidak didukung"),
    ("block scalar", "kepala teks blok '|' atau '>' tidak sah; tulis '|' atau '>' sendiri di akhir baris"),
    ("comment or line break", "ada teks setelah nilai yang sudah selesai; beri tanda kutip pada seluruh nilai"),
)


def syntax_message(exc: Any, lines: list[str]) -> tuple[int, int, str]:
    """Return (line, column, message) for a libyaml scanner or parser error (1-based positions)."""
    problem = exc.problem or ""
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:  # pragma: no cover - libyaml always marks
        return 1, 1, "YAML tidak sah; periksa indentasi, tanda ':' dan tanda kutip"
    line, column = mark.line, mark.column
    text = lines[line] if line < len(lines) else ""
    if "tab" in problem or "\t" in text[: len(text) - len(text.lstrip())]:
        return line + 1, column + 1, "YAML tidak sah: karakter tab tidak boleh dipakai untuk indentasi; ganti dengan spasi"
    if "end of stream" in problem and "quoted" in context and exc.context_mark is not None:
        start = exc.context_mark  # an unclosed quote: point where it opens, not at the end of the file
        return start.line + 1, start.column + 1, "YAML tidak sah: tanda kutip dibuka di sini tetapi tidak ditutup"
    if "could not find expected ':'" in problem and exc.context_mark is not None:
        start = exc.context_mark  # the line that began a key and never gave it a ': '
        text = lines[start.line] if start.line < len(lines) else ""
        glued = _GLUED.match(text)
        if glued:
            return start.line + 1, glued.end(1) + 1, _glued_message(glued)
        return start.line + 1, start.column + 1, ("YAML tidak sah: tanda ': ' tidak ditemukan di baris ini; setiap "
                                                  "baris peta harus 'kunci: nilai', dan teks lanjutan harus menjorok "
                                                  "lebih dalam dari kuncinya")
    if "mapping values are not allowed" in problem:
        return _colon_message(lines, line, column)
    if "did not find expected key" in problem:
        return _misaligned(lines, line, column, exc.context_mark)
    if "did not find expected '-' indicator" in problem:
        return _misaligned(lines, line, column, exc.context_mark)
    if "block sequence entries are not allowed" in problem and (dash := _DASH.match(text)):
        key = dash[1]  # "revisi: -" as in a Word table: a dash for "none"
        return line + 1, column + 1, (f"YAML tidak sah: '-' sebagai nilai '{key}' terbaca sebagai tanda butir daftar; "
                                      f"bila maksudnya tidak ada, kosongkan nilainya ('{key}:') atau tulis '{key}: "
                                      f"null'; bila tanda hubung itu isinya, beri tanda kutip: {key}: \"-\"")
    if "another document" in problem or "single document" in problem:
        return line + 1, column + 1, ("YAML tidak sah: berkas berisi lebih dari satu dokumen ('---'); satu berkas "
                                      "untuk satu peta atau SOP")
    for key, hint in _HINTS:
        if key in problem or key in context:
            return line + 1, column + 1, f"YAML tidak sah: {hint}"
    return line + 1, column + 1, "YAML tidak sah di sini; periksa indentasi, tanda ':' dan tanda kutip di sekitar baris ini"
