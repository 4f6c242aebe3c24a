"""libyaml's English syntax errors -> one located message in Bahasa Indonesia with the likely fix.

libyaml and PyYAML word some errors differently ("mapping values are not allowed in this context" /
"... here"), so hints match the stable part of the wording.  No English text reaches the user: an error
without a hint gets a general Indonesian message at its position.  Also what the reader and the composer
share for their messages: lines and positions counted as libyaml counts them, numbers as Indonesian writes them.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from .lazyre import Lazy


# the list parts an SOP may print empty ("-"): written [] (empty_identity.PARTS that are lists, and the others)
EMPTY_LISTS = frozenset({"dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan", "aplikasi", "riwayat"})


def number(n: int) -> str:
    """Return ``n`` with Indonesian thousands separators (1.234.567)."""
    return f"{n:,}".replace(",", ".")


BREAK = Lazy("\r\n|[\r\n\x85\u2028\u2029]")  # the line breaks libyaml counts


def position(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column of character ``offset``, counting lines as libyaml does."""
    line, start = 1, 0
    for m in BREAK.finditer(text, 0, offset):
        line, start = line + 1, m.end()
    return line, offset - start + 1


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


_COMMENT = Lazy(r"[ \t]+#")  # where a comment begins after a plain value


def quoted_line(text: str) -> str:
    """Return ``text`` (one 'key: value' or '- value' line, unindented) with its value in double quotes and a
    trailing comment kept after the closing quote, where YAML still reads it as a comment."""
    body = text.lstrip(" ")
    dash = ""
    while body.startswith("- "):
        dash, body = dash + "- ", body[2:].lstrip(" ")
    key, sep, value = body.partition(": ")
    if not sep or key[:1] in "&*'\"":
        key, value = "", body
    cut = _COMMENT.search(value)
    value, comment = (value[:cut.start()], value[cut.start():].rstrip()) if cut else (value, "")
    value = value.strip().replace("\\", "\\\\").replace('"', '\\"')
    return f'{dash}{key + ": " if sep and key else ""}"{value}"{comment}'


# '&menerima berkas', '*) coret', '& x': words after the '&' or '*', so text, not an anchor or alias
_MARKED_TEXT = Lazy(r"[&*](?:[^\w\s]|[ \t]|\w[^\s,\[\]{}]*[ \t]+[^\s#\[{])")


def marked_text(lines: list[str], line: int, column: int) -> str | None:
    """Return the message for text starting with '&' or '*' at 0-based ``line``:``column``, or None when it
    looks like a real anchor or alias."""
    text = lines[line] if 0 <= line < len(lines) else ""
    if not _MARKED_TEXT.match(text, column):
        return None
    return (f"YAML tidak sah: teks yang diawali '{text[column]}' harus diberi tanda kutip; "
            f"tulis: {quoted_line(text)}")


def _colon_message(lines: list[str], line: int, column: int) -> tuple[int, int, str]:
    """A ':' where no key may start: text with ': ' in a value, or a line indented deeper than its key."""
    text = lines[line] if line < len(lines) else ""
    glued = _GLUED.match(text)
    if glued:
        return line + 1, glued.end(1) + 1, _glued_message(glued)
    before = text[:column]
    body = before.lstrip(" -")
    if ": " in body or body.endswith(":"):
        key = text.lstrip(" -").partition(": ")[0]
        return line + 1, column + 1, (f"YAML tidak sah: tanda ': ' di dalam nilai '{key.strip()}'; {_QUOTE_HINT}, "
                                      f"mis. {quoted_line(text)}")
    prev = _previous(lines, line)
    if prev is not None and (bare := _BARE_ITEM.match(lines[prev])) and _indent(text) > _indent(lines[prev]):
        return prev + 1, bare.start(1) + 1, (f"YAML tidak sah: tanda ':' tidak ada setelah '{bare[1]}'; "
                                             f"tulis '- {bare[1]}: {bare[2].strip()}'")  # "- id periksa"
    if prev is not None and _indent(text) > _indent(lines[prev]):
        return line + 1, _indent(text) + 1, (
            f"YAML tidak sah: baris ini menjorok {_indent(text)} spasi, lebih dalam dari baris {prev + 1} "
            f"({_indent(lines[prev])} spasi), sehingga terbaca sebagai lanjutan nilai di baris {prev + 1}; "
            "sejajarkan kunci yang setingkat")
    return line + 1, column + 1, f"YAML tidak sah: tanda ':' di tempat yang salah; {_QUOTE_HINT} atau periksa indentasi"


_GLUED_DASH = Lazy(r"^ *-[^\s\-0-9]")  # "-id: periksa"
_BARE_ITEM = Lazy(r"^ *- +([a-z_][a-z0-9_]*) +([^\s:#][^:#]*?)\s*(?:#.*)?$")  # "- id periksa"
_EMPTY_KEY = Lazy(r"^ *(?:- +)?(:)(?:[ \t]|$)")  # ": setujui"
_DASH = Lazy(r"^[ -]*([A-Za-z_][\w-]*):[ \t]+-[ \t]*(?:#.*)?$")  # "revisi: -"
_DASH_TEXT = Lazy(r"^[ -]*([A-Za-z_][\w-]*):[ \t]+-[ \t]+[^\s#]")  # "uraian: - Melakukan ..."
_GLUED = Lazy(r"^[ -]*([A-Za-z_][\w-]*):(?=[^\s:/])(\S.*)$")  # "uraian:Memeriksa": no space after ':'


def _glued_message(m: re.Match) -> str:
    return f"YAML tidak sah: setelah ':' harus ada spasi; tulis '{m.group(1)}: {m.group(2).strip()}'"


def _misaligned(lines: list[str], line: int, column: int, context: Any) -> tuple[int, int, str]:
    """A line that fits no open block: text after a value, a dash among keys, a forgotten '- ', or indentation."""
    text = lines[line] if line < len(lines) else ""
    ind = _indent(text)
    if _GLUED_DASH.match(text):  # "-id: periksa": read as text, not as a list item
        return line + 1, ind + 1, f"YAML tidak sah: setelah tanda '-' harus ada spasi; tulis '{' ' * ind}- {text.strip()[1:]}'"
    opener = lines[context.line] if context is not None and context.line < len(lines) else ""
    if column > ind and text.strip():  # the value ended (a closing quote or bracket) and text goes on
        return line + 1, column + 1, ("YAML tidak sah: ada teks setelah nilai yang sudah selesai (mis. sesudah "
                                      "tanda kutip atau kurung penutup); beri tanda kutip pada seluruh nilai")
    if text.lstrip().startswith("-") and opener[context.column:context.column + 1] not in ("-", ""):
        return line + 1, ind + 1, (
            f"YAML tidak sah: butir daftar '- ' sejajar dengan kunci di baris {context.line + 1}; tulis "
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
    if any(n == ind for n, _ in levels):  # aligned, yet not readable at that level: do not say "not aligned"
        return line + 1, ind + 1, (f"YAML tidak sah: baris ini tidak dapat dibaca di tingkatnya ({where}); "
                                   "periksa tanda '- ', tanda ':' dan indentasi baris ini dan baris di atasnya")
    return line + 1, ind + 1, (f"YAML tidak sah: indentasi tidak konsisten: baris ini menjorok {ind} spasi, tidak "
                               f"sejajar dengan tingkat di atasnya ({where}); sejajarkan kunci yang setingkat")


_HINTS = (
    ("nesting depth", "struktur bersarang terlalu dalam; peta dan SOP cukup beberapa tingkat"),
    ("found unexpected end of stream", "tanda kutip belum ditutup; tutup dengan tanda kutip yang sama"),
    ("found unknown escape character", "urutan '\\' tidak dikenal di dalam tanda kutip ganda; pakai kutip tunggal"),
    ("escape", "urutan '\\' tidak sah di dalam tanda kutip ganda; pakai kutip tunggal"),
    ("could not find expected ':'", "tanda ':' tidak ditemukan; setiap baris isian harus 'kunci: nilai', dan teks "
     "lanjutan harus menjorok lebih dalam dari kuncinya"),
    ("found character that cannot start any token", "karakter ini tidak boleh mengawali nilai (mis. '@', '`', '%' "
     "atau '|' dan '>' yang salah tempat); beri tanda kutip pada nilainya"),
    ("block sequence entries are not allowed", "tanda '- ' di tempat yang salah; butir daftar ditulis di baris sendiri "
     "di bawah kuncinya"),
    ("expected ',' or ']'", "daftar [ ... ] belum ditutup atau pemisah ',' hilang"),
    ("expected ',' or '}'", "kumpulan { ... } belum ditutup atau pemisah ',' hilang"),
    ("did not find expected node content", "nilai tidak ditemukan; periksa kurung [ ] atau { } dan tanda kutip"),
    ("expected <document start>", "isi setelah akhir dokumen; satu berkas untuk satu peta atau SOP"),
    ("tag", "tag YAML ('!...') tidak sah; hapus tag itu"),
    ("directive", "baris yang diawali '%' hanya boleh di awal berkas; hapus atau beri tanda kutip"),
    ("anchor", "nama anchor/alias tidak sah; anchor dan alias (&nama, *nama) tidak didukung"),
    ("alias", "nama anchor/alias tidak sah; anchor dan alias (&nama, *nama) tidak didukung"),
    ("block scalar", "kepala teks blok '|' atau '>' tidak sah; tulis '|' atau '>' sendiri di akhir baris"),
    ("comment or line break", "ada teks setelah nilai yang sudah selesai; beri tanda kutip pada seluruh nilai"),
)


# U+00A0 copied from Word: YAML reads it as text, not as a space, in indentation or after a key's ':'
_NBSP = Lazy("^[ \u00a0]*\u00a0|^ *(?:- +)*[^\\s:#'\"][^:#]*:\u00a0")


def _nbsp(lines: list[str], line: int, start: Any) -> tuple[int, int, str] | None:
    """Return the finding for a non-breaking space at the start of a line or after a key, on the error's line
    or just above it (the line it made unreadable is often the next one)."""
    first = max(0, line - 2, start.line if start is not None and start.line <= line else 0)
    for i in range(min(line, len(lines) - 1), first - 1, -1):
        if _NBSP.match(lines[i]):
            col = lines[i].index("\u00a0")
            return i + 1, col + 1, ("YAML tidak sah: baris ini memuat spasi tak terputus (U+00A0, biasanya terbawa "
                                    "saat menyalin dari Word) di kolom ini; hapus dan ketik ulang sebagai spasi biasa")
    return None


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
    if "\u00a0" in "".join(lines[max(0, line - 2):line + 1]) and (found := _nbsp(lines, line, exc.context_mark)):
        return found
    if empty := _EMPTY_KEY.match(text):
        return line + 1, empty.start(1) + 1, ("YAML tidak sah: label atau kunci di depan ':' kosong; tulis labelnya, "
                                              f"mis. 'Ya{text[empty.start(1):].rstrip()}'")
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
                                                  "baris isian harus 'kunci: nilai', dan teks lanjutan harus menjorok "
                                                  "lebih dalam dari kuncinya")
    if "mapping values are not allowed" in problem:
        return _colon_message(lines, line, column)
    if "did not find expected key" in problem:
        return _misaligned(lines, line, column, exc.context_mark)
    if "did not find expected '-' indicator" in problem:
        return _misaligned(lines, line, column, exc.context_mark)
    if "block sequence entries are not allowed" in problem and (dash := _DASH.match(text)):
        key = dash[1]  # "revisi: -" as in a Word table: a dash for "none"
        if key in EMPTY_LISTS:  # a list part printed "-": written empty, [] (type-mismatch says the same)
            return line + 1, column + 1, (f"YAML tidak sah: '-' sebagai nilai '{key}' terbaca sebagai tanda butir "
                                          f"daftar; bila tidak ada isinya (tercetak '-'), tulis daftar kosong: "
                                          f"{key}: []")
        return line + 1, column + 1, (f"YAML tidak sah: '-' sebagai nilai '{key}' terbaca sebagai tanda butir daftar; "
                                      f"bila maksudnya tidak ada, kosongkan nilainya ('{key}:') atau tulis '{key}: "
                                      f"null'; bila tanda hubung itu isinya, beri tanda kutip: {key}: \"-\"")
    if "block sequence entries are not allowed" in problem and (lead := _DASH_TEXT.match(text)):
        key = lead[1]  # "uraian: - Melakukan ...", as a numbered SOP writes its steps
        return line + 1, column + 1, (f"YAML tidak sah: teks '{key}' yang diawali '- ' terbaca sebagai butir daftar; "
                                      f"beri tanda kutip: {quoted_line(text)}, atau hapus tanda '-' itu")
    if "another document" in problem or "single document" in problem:
        return line + 1, column + 1, ("YAML tidak sah: berkas berisi lebih dari satu dokumen ('---'); satu berkas "
                                      "untuk satu peta atau SOP")
    if ("anchor" in problem or "alias" in problem or "anchor" in context or "alias" in context) and (
            start := exc.context_mark or mark) and (said := marked_text(lines, start.line, start.column)):
        return start.line + 1, start.column + 1, said
    for key, hint in _HINTS:
        if key in problem or key in context:
            return line + 1, column + 1, f"YAML tidak sah: {hint}"
    return line + 1, column + 1, "YAML tidak sah di sini; periksa indentasi, tanda ':' dan tanda kutip di sekitar baris ini"
