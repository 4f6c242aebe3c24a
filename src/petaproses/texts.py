"""Indonesian wording shared by the renderers (dates, lists)."""

from __future__ import annotations

import datetime as _dt
import re
from typing import NamedTuple

from .lazyre import Lazy
from .sanitise import MEANT

BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember"]


def seat(org) -> str:
    """Return where the institution sits, for "Ditetapkan di": its ``kedudukan``, else its name without
    "Pemerintah Kota/Kabupaten/Provinsi" (a regency's or province's seat is often another town: the field says
    it, rule missing-seat)."""
    from .model import says_none
    from .sanitise import one_line

    if org is None:
        return ""
    if org.kedudukan and not says_none(org.kedudukan):
        return one_line(org.kedudukan)
    name = one_line(org.nama)
    for prefix in ("Pemerintah Kabupaten ", "Pemerintah Kota ", "Pemerintah Provinsi ", "Pemerintah "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def format_date(value: _dt.date | None, empty: str = "-") -> str:
    """Return a date the Indonesian way: 6 Januari 2025."""
    if value is None:
        return empty
    if getattr(value, "written", None):  # model.WrittenDate written with its month's name: as written
        return value.written
    if getattr(value, "year_only", False):  # model.WrittenDate written as YYYY
        return str(value.year)
    if getattr(value, "month_only", False):  # model.WrittenDate written as YYYY-MM
        return f"{BULAN[value.month - 1]} {value.year}"
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"


def revision_number(number: int) -> str:
    """A revision's number after "revisi": "ke-2" for the second; 0, the first version, as SOPs print it ("No.
    Revisi : 0"), a number: "revisi 0" (review V #9: "ke-0", "the zeroth", is no Indonesian)."""
    return f"ke-{number}" if number else str(number)


def format_revision(tanggal) -> str:
    """The Tanggal Revisi of an SOP: its date, with the revision's number where the SOP prints one
    (``revisi_ke``: "2 Juni 2016 (revisi ke-2)", or "Revisi 0" for a first version without a date)."""
    if tanggal.revisi_ke is None:
        return format_date(tanggal.revisi)
    if tanggal.revisi is None:
        return f"Revisi {revision_number(tanggal.revisi_ke)}"
    return f"{format_date(tanggal.revisi)} (revisi {revision_number(tanggal.revisi_ke)})"


def decimal(value: float, places: int = 1) -> str:
    """Return ``value`` with a decimal comma, as Indonesian writes it: 2,8 (detik), 42,9 (persen)."""
    return f"{value:.{places}f}".replace(".", ",")


HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]  # date.weekday() order
_SATUAN = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"]


def terbilang(n: int) -> str:
    """Return 0-999999 in Indonesian words, as official letters spell dates: 2026 -> dua ribu dua puluh enam."""
    if n < 0 or n > 999_999:
        raise ValueError(f"terbilang hanya untuk 0 sampai 999999, bukan {n}")
    if n == 0:
        return "nol"
    if n < 12:
        return _SATUAN[n]
    if n < 20:
        return f"{_SATUAN[n - 10]} belas"
    if n < 100:
        return f"{_SATUAN[n // 10]} puluh" + (f" {_SATUAN[n % 10]}" if n % 10 else "")
    if n < 1000:
        head = "seratus" if n < 200 else f"{_SATUAN[n // 100]} ratus"
        return head + (f" {terbilang(n % 100)}" if n % 100 else "")
    head = "seribu" if n < 2000 else f"{terbilang(n // 1000)} ribu"
    return head + (f" {terbilang(n % 1000)}" if n % 1000 else "")


def date_in_words(value: _dt.date) -> str:
    """Return a date as a berita acara opens: "hari Rabu tanggal dua puluh lima bulan November tahun dua ribu dua
    puluh enam"."""
    return (f"hari {HARI[value.weekday()]} tanggal {terbilang(value.day)} bulan {BULAN[value.month - 1]} "
            f"tahun {terbilang(value.year)}")


# the bullets an item may be written with ("• ATK", "- Renja", "➢ ..."), a space after them: printed once, as
# written, never numbered; Word's Symbol/Wingdings bullets pasted from a PDF (U+F0B7 ...) too, so a dasar hukum
# behind one is still read as its regulation (.docx prints them as the bullet meant: docx_xml.esc)
BULLETS = "•●◦○▪■□◆❖➢➤►▶✓✔·*-–—"
_PASTED_BULLETS = "".join(k for k, v in MEANT.items() if v in BULLETS)
# an item that carries its own list mark: "A. ...", "2) ...", "(b) ...", "iv. ..." (a transcribed SOP), or a bullet
_MARK = re.compile(r"(\(?(?:\d{1,2}|[A-Za-z]|[ivxIVX]{2,4})[.)]|[" + re.escape(BULLETS + _PASTED_BULLETS) +
                   r"])\s+(?=\S)")


class ListItem(NamedTuple):
    """One item of a printed list: its mark ("1.", "a.", "" for none) and text; ``lead``: a lead-in, printed
    flush left without a mark (an unmarked item that is not a lead-in continues the item above it)."""

    mark: str
    text: str
    lead: bool = False


def list_items(items: list[str]) -> list[ListItem]:
    """Each item of a printed list: numbered 1., 2., ... unless the list is written with marks of its own
    (``own_marks``), and then every item keeps what is written (a transcribed SOP's "A. Kompetensi" and "2."
    under it would otherwise print as "1. A. Kompetensi", "2. 2. ..."); there an unmarked item is a lead-in
    (``_leads``) or continues the one before it.  In a list numbered here, the author's list under an item
    ending ":" goes on under that item, unnumbered, each of its items with its mark in its text."""
    if own_marks(items):
        leads = _leads(items)
        return [ListItem(m.group(1), t[m.end():]) if (m := _MARK.match(t)) else ListItem("", t, k in leads)
                for k, t in enumerate(items)]
    # numbered here: an item written with its own number in that place ("2. Pimpinan ..." second) is not
    # numbered twice (RSUD Banjarnegara's notes, the first of them "Kebijakan: 1. ..."); other text stays
    out, i, inside = [], 0, False
    for k, t in enumerate(items):
        m = _MARK.match(t)
        # a list of the author's own under a numbered item ending ":" ("3. Untuk badan usaha:", "1. Akta"):
        # its items go on under that item, each with its own mark, not numbered ("4. 1. Akta", review X)
        inside = m is not None and (inside or k > 0 and not _MARK.match(items[k - 1]) and
                                    items[k - 1].rstrip().endswith(":") and _first_mark(m.group(1)))
        if inside:
            out.append(ListItem("", t))
            continue
        i += 1
        out.append(ListItem(f"{i}.", t[m.end():] if m and m.group(1).strip("().") == str(i) else t))
    return out


def list_marks(items: list[str]) -> list[tuple[str, str]]:
    """(mark, text) of each item of a printed list (``list_items``)."""
    return [(i.mark, i.text) for i in list_items(items)]


def split_mark(text: str) -> tuple[str, str]:
    """Return (the mark an item is written with, the rest): ("a.", "Peraturan ...") or ("", text)."""
    m = _MARK.match(text)
    return (m.group(1), text[m.end():]) if m else ("", text)


def _opening(items: list[str]) -> int:
    """How many items open the list as its lead-in: the unmarked ones before the first marked item, when each
    ends with ":" or every item after them, two or more, is marked ("Hambatan dapat saja terjadi :", "1. ...";
    NTB's Peringatan printed "1. Hambatan ...", "2. 1. Petugas ...", review T; two lead-ins printed the list
    numbered twice)."""
    k = next((k for k, t in enumerate(items) if _MARK.match(t)), len(items))
    colons = [t.rstrip().endswith(":") for t in items[:k]]
    # "KTP", "KK", "Untuk badan usaha:", "1. Akta": a list of ours, the last its item over the author's list
    if 0 < k < len(items) and (all(colons) or not any(colons) and
                               len(items) - k > 1 and all(_MARK.match(t) for t in items[k:])):
        return k
    return 0


def _first_mark(mark: str, before: str = "") -> bool:
    """Whether ``mark`` starts a list ("1.", "a)", "(A)", "i.", a bullet); an "i." after "h." goes on with the
    letters."""
    if len(mark) == 1 and not mark.isalnum():  # a bullet: every item's mark is the first one's
        return True
    key = mark.strip("().").lower()
    return key in ("1", "a") or key == "i" and before.strip("().").lower() != "h"


def _leads(items: list[str]) -> set[int]:
    """The items of an own-marked list that are lead-ins: its opening ones, and an unmarked item further on that
    ends with ":" where the next marked item starts a list again ("Untuk badan usaha:", "1. Akta": a second
    list under its own lead-in, not a line of the item above).  Without its ":" too when it opens a sentence
    and the item right after it numbers again from 1 or a (review V #8, Aru: "7. ...", "Bagi yang datang dari
    Luar Negeri persyaratan ditambah", "1. ..."), one line between the two lists; a line in lower case ("asli dan
    fotokopi") or before a bullet, which says no order, still continues the item above."""
    out = set(range(_opening(items)))
    before = ""
    for k, t in enumerate(items):
        if m := _MARK.match(t):
            before = m.group(1)
        elif k not in out and before and t.rstrip().endswith(":"):
            after = next((m for u in items[k + 1:] if (m := _MARK.match(u))), None)
            if after is not None and _first_mark(after.group(1), before):
                out.add(k)
        elif k and k not in out and t[:1].isupper() and _MARK.match(items[k - 1]) and k + 1 < len(items) and \
                (after := _MARK.match(items[k + 1])) and _restarts(after.group(1), before):
            out.add(k)
    return out


def _restarts(mark: str, before: str) -> bool:
    """Whether ``mark`` numbers a list again from its start ("1.", "a)") after ``before`` ("7."): neither is a
    bullet, and "i." after "h." goes on with the letters."""
    return all(m.strip("()")[:1].isalnum() for m in (mark, before)) and _first_mark(mark, before)


def own_marks(items: list[str]) -> bool:
    """Whether ``items`` print with the marks they are written with (``list_items``): the first after the
    lead-in (``_opening``) is written with a list's first mark ("1.", "a)", "(A)", "i." ...), not a name's
    initial ("H. Ahmad ...", review S tester)."""
    items = items[_opening(items):]
    m = _MARK.match(items[0]) if items else None
    return m is not None and _first_mark(m.group(1))


def marked_lines(value: str | list[str] | None) -> list[str]:
    """A text-or-list field as the list it reads as: a text of several lines the author numbered himself
    ("1. ...", "7. ...", "Bagi yang datang ... ditambah", "1. ...") as its lines, so that its marks and lead-ins
    are read as those of a list written item by item (``list_items``); any other text as one item."""
    if value is None:
        return []
    if not isinstance(value, str):
        return list(value)
    lines = [line.strip() for line in value.splitlines() if line.strip()]
    return lines if len(lines) > 1 and own_marks(lines) else [value]


def printed_marks(items: list[str]) -> bool:
    """Whether a list prints marks as written, not only ours: its own (``own_marks``), or the author's list under
    one of our items ("3. Untuk badan usaha:", "1. Akta"); the review site lists those as the document prints them."""
    return own_marks(items) or any(not i.mark for i in list_items(items))


def bulleted(items: list[str]) -> bool:
    """Whether ``items`` print with the author's bullets ("• ATK"): marks that, unlike "a." or "1.", say no
    order (a dasar hukum so written is printed in hierarchy order, its bullets kept)."""
    items = items[_opening(items):]
    m = _MARK.match(items[0]) if items else None
    return m is not None and len(m.group(1)) == 1 and not m.group(1).isalnum()


def printed_nip(nip: str | None) -> str:
    """``id_label`` of an official's number, "" when there is none or it is written blank ("-": the signed
    original leaves the NIP line empty, review Y)."""
    nip = (nip or "").strip()
    blank = ("-", "\u2013", "\u2014")  # dates.BLANK: texts imports nothing of the model
    return "" if not nip or nip in blank else id_label(nip)


def id_label(number: str) -> str:
    """The official's number as printed under the name: "NIP. <digits>"; a number written with its own label
    (Polri's and TNI's "NRP 76071092", a lecturer's "NIDN 0012...", "NIPPPK ...", or "NIP. ..." itself) as
    written."""
    number = number.strip()
    return number if number[:1].isalpha() else f"NIP. {number}"


_SMALL_WORDS = frozenset({"dan", "serta", "atau", "di", "ke", "dari", "untuk", "pada", "yang"})
_REGION_WORDS = ("Kabupaten", "Kota", "Provinsi")
_SAYS_REGION = Lazy(r"(?i)\b(?:kabupaten|kab\.|kota|provinsi|prov\.|pemprov|pemkab|pemkot)(?=\s|$)")


def running_case(text: str) -> str:
    """A post written in capitals, as a heading prints it ("SEKRETARIS DPRD KAB. PANGANDARAN"), as running text
    prints it ("Sekretaris DPRD Kab. Pangandaran"): a word of four letters or more with two vowels or more, or
    one with a stop ("KAB."), in title case, an acronym ("DPRD", "PUPR", "BPKAD", "KUA") kept, a conjunction in
    lower case;
    any other text as written (review T: "Keputusan SEKRETARIS DPRD ... tentang")."""
    if not text.isupper():
        return text
    out = []
    for word in text.split(" "):
        letters = re.sub(r"[^A-Za-z]", "", word)
        if letters.lower() in _SMALL_WORDS and out:
            out.append(word.lower())
        elif len(letters) > 3 and len(re.findall("[AIUEO]", letters)) > 1 or word.endswith(".") and len(letters) > 1:
            out.append(word[:1] + word[1:].lower())
        else:
            out.append(word)
    return " ".join(out)


def in_region(name: str, org_name: str) -> str:
    """A department's name with its region ("Sekretariat DPRD" -> "Sekretariat DPRD Kabupaten Pangandaran"),
    as a decree's title and "di lingkungan" print it, unless the name already says where (review T: "DI
    LINGKUNGAN SEKRETARIAT DPRD", no regency)."""
    region = org_name.removeprefix("Pemerintah ").strip()
    words = region.split()
    if not region.startswith(_REGION_WORDS) or len(words) < 2 or words[-1].casefold() in name.casefold() or \
            _SAYS_REGION.search(name):  # "... Prov. NTB", "... Kab. Bima": it says where already
        return name
    return f"{name} {region}"
