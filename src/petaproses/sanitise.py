"""The one sanitiser for text that reaches a document: what a file may hold, and what every output takes.

Two sides of one policy:

- ``scan(doc)`` (for ``check``): every text of a loaded file, walked through the model, against its field's
  *kind*: no control characters anywhere (a YAML file can carry them as ``"\\v"`` escapes, but XML, .docx,
  Graphviz and the fonts refuse them), no line break where one line is printed (names, titles, numbers,
  labels, ids), and a length limit per kind: ids and codes become file and folder names, names become
  document titles and page headers, step texts become table cells.  The rules ``control-character``,
  ``multiline-text`` and ``text-too-long`` report what it finds.
- ``for_xml`` and ``one_line`` (for renderers): the same characters taken out, as a last line of defence
  for text that did not come through ``check`` (e.g. parts read back from the output folder).

Kinds are looked up by field name (the same name means the same thing in every kind of file); a field this
table does not know is treated as free text (line breaks allowed, the longest limit), so a new field is
still checked for control characters.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from .lazyre import Lazy

if TYPE_CHECKING:
    from pydantic import BaseModel


@dataclass(frozen=True)
class Kind:
    name: str  # for messages: what such a text is
    one_line: bool
    limit: int  # characters
    why: str  # why the limit, for the message
    total: int = 0  # a list of such texts: at most this many characters together (0: no cap on the sum)


ID = Kind("pengenal", True, 64, "pengenal dipakai sebagai nama folder, nama berkas dan rujukan")
KODE = Kind("kode", True, 100, "kode dipakai sebagai nama berkas keluaran")
SHORT = Kind("teks singkat", True, 100, "dicetak dalam satu baris tabel identitas")
LABEL = Kind("label", True, 120, "label dicetak di samping anak panah")
NAME = Kind("nama", True, 250, "nama dicetak sebagai judul, kepala halaman dan sel tabel", 3_000)
LEGAL = Kind("dasar hukum", True, 500, "setiap butir dicetak sebagai satu butir bernomor", 5_000)
STEP = Kind("teks kegiatan", False, 1_000, "dicetak dalam satu sel tabel SOP dan di dalam kotak diagram", 1_000)
NOTE = Kind("keterangan", False, 4_000, "dicetak dalam sel tabel SOP (baris panjang berlanjut ke halaman berikutnya)", 4_000)
LONG = Kind("teks", False, 3_000, "dicetak sebagai satu paragraf", 3_000)

# field name -> kind of its text (a list's items are each such a text)
FIELDS: dict[str, Kind] = {
    **dict.fromkeys(("id", "kepala", "perangkat_daerah", "unit", "pelaksana", "aplikasi", "ke", "dari",
                     "disahkan_oleh", "diperiksa_oleh", "dibuat_oleh", "diganti_oleh", "ketua", "anggota",
                     "diubah_oleh", "dicabut_oleh", "dasar_keputusan"), ID),
    **dict.fromkeys(("kode", "induk", "rincian"), KODE),
    **dict.fromkeys(("nomor", "singkatan", "nip", "pangkat", "waktu", "jenis", "kategori", "tanda_tangan",
                     "jumlah_waktu", "kedudukan", "nomor_keputusan"), SHORT),
    "label": LABEL,
    **dict.fromkeys(("nama", "jabatan", "alamat", "logo", "masukan", "keluaran", "keterkaitan",
                     "kualifikasi_pelaksana", "peralatan", "pembentuk", "tempat", "instansi_induk",
                     "unit_induk"), NAME),
    **dict.fromkeys(("dasar_hukum", "judul"), LEGAL),  # a regulation's title: one item of the Mengingat
    **dict.fromkeys(("uraian", "kelengkapan", "output"), STEP),
    "keterangan": NOTE,
    **dict.fromkeys(("pemilik", "fungsi", "url"), NAME),  # the application register (issue 13)
    "proses": KODE,  # a peta-relasi entry's maps and SOPs
}
# a field holding a map: the kind of its keys and of its text values (when they are not models)
KEYS: dict[str, Kind] = {"perangkat_daerah": ID, "pelaksana": ID, "pejabat": ID, "unit": ID, "cabang": LABEL,
                         "definisi": NAME, "peraturan": ID, "tugas": ID}
VALUES: dict[str, Kind] = {"unit": NAME, "pelaksana": NAME, "cabang": ID, "definisi": LONG, "tugas": LABEL}

# the size of one map or SOP: every step is drawn on one diagram and one table (rules too_many_*.py)
MAX_STEPS = 200  # one SOP of 200 steps builds in about 2-4 s here (bench/bench_scale.py)
MAX_ACTORS = 20  # pelaksana columns of the SOP table on one landscape page (at 30 the symbols do not fit)

LINE_BREAKS = "\n\r\x85\u2028\u2029"
# bidirectional overrides and isolates: invisible, and they reorder what a reader sees ("Trojan Source")
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# compiled when first used (lazyre): a class of characters beyond Latin-1 takes ~0.4 ms to compile, and a check
# whose texts are all printable (``_clean``) needs none of them
_NOT_XML = Lazy("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_HIDDEN_SET = f"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f{BIDI}\ud800-\udfff\ufffe\uffff"
_HIDDEN = Lazy(f"[{_HIDDEN_SET}]")
# format characters that print nothing: a text of nothing else (and spaces) is blank, though Python's strip and
# pydantic's min_length see a character (the property test: an SOP named "\ufeff", a BPMN pool without a name)
INVISIBLE = " \t\n\u00a0\u00ad\u200b\u200c\u200d\u2060\u3000\ufeff"
_BREAKS = Lazy("\r\n|[\r\x85\u2028\u2029]")
# any character that gives a text a finding (hidden, or a line break where not allowed): one search per text,
# since most texts have none (the scan of a 1,000-SOP catalogue is most of `check`'s rule time)
# the Private Use Area: a glyph of the font it was typed in (Word's Symbol/Wingdings bullets, pasted from a
# document or PDF); in any other font, ours included, a box
_PRIVATE = "\ue000-\uf8ff\U000f0000-\U0010fffd"
_FLAGGED = {True: Lazy(f"[{_HIDDEN_SET}{LINE_BREAKS}{_PRIVATE}]"),
            False: Lazy(f"[{_HIDDEN_SET}\r\x85\u2028\u2029{_PRIVATE}]")}
_PRIVATE_USE = Lazy(f"[{_PRIVATE}]")
# what Word's Symbol and Wingdings fonts show for the private characters pasted most (list bullets, arrows)
MEANT = {"\uf0b7": "\u2022", "\uf0a7": "\u25aa", "\uf06e": "\u25a0", "\uf0d8": "\u27a2", "\uf076": "\u2756",
          "\uf0fc": "\u2713", "\uf0e0": "\u2192", "\uf0a8": "\u25cb", "\uf02d": "-", "\uf0be": "\u2014"}

_NAMES = {"\x00": "NUL", "\x07": "bel", "\x08": "backspace", "\x0b": "tab vertikal", "\x0c": "form feed",
          "\x1b": "escape", "\x7f": "delete", "\r": "carriage return", "\x85": "NEL",
          "\u2028": "pemisah baris Unicode", "\u2029": "pemisah paragraf Unicode"}


# ----------------------------------------------------------------------------------------------- characters
def bad_characters(text: str, one_line: bool) -> list[tuple[int, str]]:
    """Return (index, character) of every character of ``text`` no document may hold.

    Allowed: printable text, tab, and in a text of several lines the newline ("\\n"; YAML turns the line ends
    of a block scalar into it).  Refused: C0/C1 control characters, lone surrogates, U+FFFE/U+FFFF (not
    XML), bidirectional overrides, and the other line break characters (carriage return, NEL, U+2028/2029:
    printed differently by every output) in texts of several lines; in a one-line text every line break is
    ``multiline-text``, not this.
    """
    found = []
    for m in _HIDDEN.finditer(text):
        found.append((m.start(), m.group()))
    if not one_line:
        found += [(i, ch) for i, ch in enumerate(text) if ch in "\r\x85\u2028\u2029"]
    return sorted(found)


def describe(ch: str) -> str:
    """Return how a message names a character: U+000B (tab vertikal)."""
    name = _NAMES.get(ch)
    if name is None:
        name = "kendali arah teks" if ch in BIDI else unicodedata.name(ch, "karakter kendali").lower()
    return f"U+{ord(ch):04X} ({name})"


def for_xml(text: str) -> str:
    """Return ``text`` without the characters XML 1.0 (.docx, BPMN, SVG, HTML) cannot hold."""
    return _NOT_XML.sub("", text)


_AS_MEANT = str.maketrans(MEANT)


def for_print(text: str) -> str:
    """Return ``text`` as a printed document (.docx) holds it: ``for_xml``, and a Word font's private character
    that ``MEANT`` knows as the character it shows there ("\uf0b7" a bullet, not a box; still warned by
    private-use-character, since the review site and the maps show it as written)."""
    text = for_xml(text)
    return text.translate(_AS_MEANT) if not text.isascii() and _PRIVATE_USE.search(text) else text


def one_line(text: str) -> str:
    """Return ``text`` as one printable line: hidden characters out, every run of white space one space."""
    return " ".join(_HIDDEN.sub("", text).split())


def spreadsheet_cell(value: object) -> object:
    """Return a CSV cell that a spreadsheet shows as text: a text starting with = + - @ (a formula when
    opened in Excel or LibreOffice Calc: "=HYPERLINK(...)") gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


# ----------------------------------------------------------------------------------------------- the walk
@dataclass(frozen=True)
class Finding:
    keys: tuple  # key path of the YAML node (a map key: its path, then "<key>")
    code: str  # control-character | private-use-character | multiline-text | text-too-long
    message: str


def scan(doc: BaseModel) -> list[Finding]:
    """Return every text of ``doc`` that breaks the policy, in file order of the model's fields."""
    BaseModel, walked = _models()
    if _clean(doc):
        return []
    out: list[Finding] = []
    todo: list[tuple[object, tuple, str, bool]] = [(doc, (), "", False)]
    while todo:  # depth first, in field order (the stack is filled in reverse)
        value, keys, field, in_map = todo.pop()
        if isinstance(value, str):
            kind = VALUES.get(field, NAME) if in_map else FIELDS.get(field, LONG)
            if len(value) > kind.limit or _FLAGGED[kind.one_line].search(value) is not None or _blank(value):
                out += _text(value, keys, kind, lambda keys=keys: f"'{_where(keys, doc)}'")
            continue
        more: list[tuple[object, tuple, str, bool]] = []
        if isinstance(value, BaseModel):  # values that hold no text (None, numbers, dates) are not walked
            # a model's __dict__ holds exactly its fields, in field order (extra keys are refused)
            more = [(v, keys + (name,), name, False) for name, v in value.__dict__.items() if isinstance(v, walked)]
        elif isinstance(value, dict):
            for k, v in value.items():
                if isinstance(k, str):
                    kind = KEYS.get(field, NAME)
                    out += _text(k, keys + (k, "<key>"), kind, lambda kind=kind, keys=keys: f"{kind.name} di '{_where(keys, doc)}'")
                if isinstance(v, walked):
                    more.append((v, keys + (k,), field, True))
        elif isinstance(value, (list, tuple)):
            more = [(v, keys + (i,), field, in_map) for i, v in enumerate(value) if isinstance(v, walked)]
            kind = VALUES.get(field, NAME) if in_map else FIELDS.get(field, LONG)
            if kind.total and len(value) > 1:
                out += _total(value, keys, kind)
        todo.extend(reversed(more))
    return out


_WALKED: list[tuple] = []  # (pydantic's BaseModel, the types a walk enters): the limits above need no pydantic (impor)


def _models() -> tuple:
    if not _WALKED:
        from pydantic import BaseModel

        _WALKED.append((BaseModel, (str, BaseModel, dict, list, tuple)))
    return _WALKED[0]


def _clean(doc: BaseModel) -> bool:
    """Return whether ``scan`` would find nothing, said by the same walk without key paths (most files: a
    third of the scan's time); False as soon as a text or list gives a finding.  The texts' characters are
    searched once per kind of line (joined by tabs, which neither search flags), not once per text, and a
    model's fields that hold no text are passed over by their type: 1,000 SOPs ~107 -> ~63 ms."""
    BaseModel, walked = _models()
    fields, values, keys_of = FIELDS, VALUES, KEYS
    one: list[str] = []  # texts printed on one line
    many: list[str] = []  # and the others

    def take(text: str, kind: Kind) -> bool:
        """File ``text`` with the texts of its kind's line policy; False when it is longer than the kind allows."""
        if len(text) > kind.limit or not text.isascii() and not text.strip(INVISIBLE):
            return False
        (one if kind.one_line else many).append(text)
        return True

    models: list = [doc]
    rest: list[tuple[object, str, bool]] = []  # (list, tuple or dict, its field, inside a map)
    while models or rest:
        while models:
            for name, v in models.pop().__dict__.items():
                if isinstance(v, str):  # a str or a subclass of it (a date as written)
                    if not take(v, fields.get(name, LONG)):
                        return False
                elif v is None or type(v) is bool or type(v) is int:
                    continue
                elif isinstance(v, BaseModel):
                    models.append(v)
                elif isinstance(v, walked):
                    rest.append((v, name, False))
        while rest:
            value, field, in_map = rest.pop()
            if isinstance(value, dict):
                kind, of_value = keys_of.get(field, NAME), values.get(field, NAME)
                for k, v in value.items():
                    if isinstance(k, str) and not take(k, kind):
                        return False
                    if isinstance(v, str):
                        if not take(v, of_value):
                            return False
                    elif isinstance(v, BaseModel):
                        models.append(v)
                    elif isinstance(v, walked):
                        rest.append((v, field, True))
                continue
            kind = values.get(field, NAME) if in_map else fields.get(field, LONG)
            if kind.total and len(value) > 1 and sum(len(t) for t in value if isinstance(t, str)) > kind.total:
                return False
            for v in value:
                if isinstance(v, str):
                    if not take(v, kind):
                        return False
                elif isinstance(v, BaseModel):
                    models.append(v)
                elif isinstance(v, walked):
                    rest.append((v, field, in_map))
    return _printable(one, True) and _printable(many, False)


def _printable(texts: list[str], one_line: bool) -> bool:
    """Return whether no text of ``texts`` holds a character ``_FLAGGED[one_line]`` flags.  Every such character
    is one ``str.isprintable`` refuses (a control, format, surrogate, private or unassigned character, a line or
    paragraph separator), so texts that are printable but for the tabs (and line breaks) their lines allow need
    no search: most catalogues' texts, and the pattern is then never compiled."""
    joined = "".join(texts).replace("\t", "")
    if (joined if one_line else joined.replace("\n", "")).isprintable():
        return True
    return _FLAGGED[one_line].search(joined) is None


def _blank(text: str) -> bool:
    """Whether ``text`` is only invisible characters (``INVISIBLE``; ``_clean`` tests the same inline)."""
    return not text.isascii() and not text.strip(INVISIBLE)


def _text(text: str, keys: tuple, kind: Kind, where_of) -> list[Finding]:
    """``where_of()`` names the text for a message: made only when there is a finding (most texts have none)."""
    out: list[Finding] = []
    blank = _blank(text)
    if len(text) <= kind.limit and _FLAGGED[kind.one_line].search(text) is None and not blank:
        return out
    bad = bad_characters(text, kind.one_line)
    multiline = kind.one_line and any(ch in LINE_BREAKS for ch in text)
    if not bad and not multiline and len(text) <= kind.limit and not blank and not _PRIVATE_USE.search(text):
        return out
    where = where_of()
    if blank:
        shown = describe(text.strip(" \t\n")[0])
        out.append(Finding(keys, "control-character",
                           f"{where} hanya berisi karakter tak terlihat ({shown}): teksnya kosong; isi teksnya, "
                           "atau tulis \"-\" bila SOP aslinya mencetaknya kosong"))
    if bad:
        i, ch = bad[0]
        more = f" dan {len(bad) - 1} karakter lain" if len(bad) > 1 else ""
        out.append(Finding(keys, "control-character",
                           f"{where} memuat karakter kendali {describe(ch)} pada karakter ke-{i + 1}{more}; "
                           "karakter ini tidak dapat dicetak di dokumen (biasanya terbawa saat menyalin dari PDF "
                           "atau aplikasi lain): hapus"))
    private = _PRIVATE_USE.search(text)
    if private is not None:
        ch = private.group()
        meant = MEANT.get(ch)
        # one the .docx knows prints there as meant (for_print); the site, maps and BPMN show a box
        shown = (f"dokumen .docx mencetaknya sebagai '{meant}', tetapi situs reviu, peta dan BPMN menampilkannya "
                 f"sebagai kotak; ganti dengan '{meant}' atau hapus") if meant else \
            "di dokumen tercetak sebagai kotak; ganti dengan karakter yang dimaksud atau hapus"
        out.append(Finding(keys, "private-use-character",
                           f"{where} memuat karakter U+{ord(ch):04X} pada karakter ke-{private.start() + 1} (karakter "
                           f"khusus fon Word seperti Symbol/Wingdings, terbawa saat menyalin dari Word atau PDF): "
                           f"{shown}"))
    if multiline:
        out.append(Finding(keys, "multiline-text",
                           f"{where} harus satu baris ({kind.name}), tetapi memuat baris baru; tulis dalam satu "
                           "baris (tanpa '|' atau tanda kutip yang memuat '\\n')"))
    if len(text) > kind.limit:
        out.append(Finding(keys, "text-too-long",
                           f"{where} terlalu panjang: {thousands(len(text))} karakter, batasnya {thousands(kind.limit)} "
                           f"untuk {kind.name} ({kind.why}); singkatkan"))
    return out


def _total(items: list | tuple, keys: tuple, kind: Kind) -> list[Finding]:
    """A list printed in one place (a table cell, a block of the identity table) has a cap on its sum."""
    texts = [t for t in items if isinstance(t, str)]
    size = sum(len(t) for t in texts)
    if not kind.total or len(texts) < 2 or size <= kind.total:
        return []
    return [Finding(keys, "text-too-long",
                    f"'{_where(keys)}' terlalu panjang: {thousands(size)} karakter dalam {len(texts)} butir, batasnya "
                    f"{thousands(kind.total)} untuk semua butirnya bersama ({kind.why}); singkatkan atau kurangi butirnya")]


def _where(keys: tuple, doc: object = None) -> str:
    """Return a key path as the user reads it (kegiatan ke-2 (periksa).uraian), long or odd keys shortened."""
    from .scalars import label

    shown = [k if isinstance(k, int) or k == "<key>" else one_line(str(k)) for k in keys]
    return label(tuple(k if not isinstance(k, str) or len(k) <= 40 else k[:30] + "…" for k in shown),
                 doc if shown == list(keys) else None)  # ids looked up only by the keys as written


def thousands(n: int) -> str:
    """``n`` with Indonesian thousands dots (1.000)."""
    return f"{n:,}".replace(",", ".")


def findings_of(doc: BaseModel, code: str) -> Iterator[Finding]:
    """Return the findings of one code (each rule module asks for its own)."""
    return (f for f in scan(doc) if f.code == code)


__all__ = ["MAX_STEPS", "MAX_ACTORS", "thousands", "Kind", "FIELDS", "KEYS", "VALUES", "Finding", "scan", "findings_of", "bad_characters", "describe",
           "for_xml", "one_line", "spreadsheet_cell"]
