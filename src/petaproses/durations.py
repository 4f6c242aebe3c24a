"""Durations as staff write them -> working minutes, for metrics; the text itself is always printed as written.

Read: "15 menit", "2 jam", "1 hari kerja", "1-2 hari", "1 s.d. 3 jam", "0,5 jam" / "1,5 jam", "1 jam 30 menit", "30
menit - 1 jam", "2 jam kerja", "10x24 jam" (= 10 hari), "14 hari kalender", "1 (satu) hari", "tiga hari", "± 15
menit", "15 menit/berkas" and "15 menit per berkas" (per item), "paling lambat 17 hari kerja" and "maksimal 2 jam",
"dalam jangka waktu 1 bulan", "dalam waktu 3 hari kerja", "dalam 2 jam" (an upper bound); the short forms of real tables: "5 HK"
(hari kerja), "1 hr", "30 mnt", "30'" (minutes), "1/2 jam", "1½ jam"; a remark after the time, "1 hari (setelah
berkas lengkap)", "14 hari kerja sejak berkas diterima". Anything else is not a duration: ``parse_duration`` returns
None and ``not_duration_reason`` says why when it recognises the phrase ("setiap saat", "tentatif", "sesuai kontrak",
"pada hari dan jam kerja", "langsung", "1 bulan sekali"); metrics leave such steps out and say how many.

How metrics count them (README, "waktu"):
- a per-item time counts one item: metrics follow one case (one berkas, one permohonan) through the process;
- an upper bound counts at its bound on both the quickest and the slowest path (the SOP promises no more);
- a range counts its low end on the quickest path and its high end on the slowest.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .lazyre import Lazy

# One working day is 7.5 hours (07.30-16.00 less a break, PermenPAN-RB working hours: 37.5 hours a week).
DAY = 450
MINUTES = {
    "detik": 1 / 60,
    "menit": 1,
    "mnt": 1,
    "jam": 60,
    "jam kerja": 60,
    "hari": DAY,
    "hari kerja": DAY,
    "hari kalender": DAY * 5 / 7,  # 7 calendar days hold 5 working days
    "minggu": 5 * DAY,
    "pekan": 5 * DAY,
    "bulan": 22 * DAY,
    "tahun": 12 * 22 * DAY,
    # short forms of real SOP tables
    "dtk": 1 / 60,
    "jm": 60,
    "hr": DAY,
    "hk": DAY,  # hari kerja
    "mgg": 5 * DAY,
    "bln": 22 * DAY,
    "thn": 12 * 22 * DAY,
}
BARE = Lazy(r"\d+(?:[.,]\d+)?(?:\s*[-–]\s*\d+(?:[.,]\d+)?)?")  # a time without its unit: "5", "1-2"


def with_unit(text: str | None, unit: str | None) -> str | None:
    """A time as printed: written as a bare number ("35", "1-2"), with the map's ``satuan_waktu`` after it."""
    if text is not None and unit and BARE.fullmatch(text.strip()):
        return f"{text.strip()} {unit}"
    return text


LIMIT = 1000 * MINUTES["bulan"]  # beyond any procedure: a typo
WORDS = {"setengah": 0.5, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
         "delapan": 8, "sembilan": 9, "sepuluh": 10}
_UNIT = "|".join(sorted((re.escape(u) for u in MINUTES), key=len, reverse=True))
_NUM = r"\d+(?:[.,]\d+)?|" + "|".join(WORDS)
# one quantity: "3 hari", "1,5 jam", "10x24 jam", "1 x 24 jam"
_TERM = re.compile(rf"(?P<n>{_NUM})(?:\s*[x×]\s*(?P<m>\d+))?\s*(?P<unit>{_UNIT})\b\.?")
_RANGE = re.compile(r"\s*(?:-|–|—|s\.?\s?/?d\.?|sampai(?:\s+dengan)?|hingga)\s*")
# "dalam (jangka) waktu 1 bulan": the regulations' wording (UU 25/2009) of a promised limit, as "paling lambat";
# its short form "dalam 3 hari" only before a number, and what follows must still be a time ("dalam 1 berkas" is not)
_BOUND = re.compile(r"^(?:paling\s+(?:lambat|lama)|selambat-lambatnya|selama-lamanya|maksimal|maksimum|"
                    r"dalam\s+(?:(?:jangka\s+|kurun\s+)?waktu|(?=(?:\d|(?:" + "|".join(WORDS) + r")\b)))|"
                    r"maks\.?|max\.?|tidak\s+lebih\s+dari|kurang\s+dari|s\.?\s?/?d\.?|sampai(?:\s+dengan)?|"
                    r"<=|≤|<)\s*")
_ABOUT = re.compile(r"^(?:±|\+/-|\+-|kurang\s+lebih|lebih\s+kurang|kira-kira|sekitar|rata-rata|"
                    r"paling\s+cepat|minimal|sedikitnya|proses|diproses|waktu\s+proses|lama(?:nya)?)\s*")
# the item may hold digits: "30 menit/SP2D" (read lower-cased)
_PER = re.compile(r"\s*(?:/|\bper\b|\bsetiap\b|\btiap\b)\s*(?P<item>[a-z][a-z0-9]*(?:\s+[a-z][a-z0-9]*)?)\s*$")
_SPELLED = re.compile(r"(\d)\s*\(\s*[a-z ]+\s*\)")  # "1 (satu) hari": the number spelled out in brackets
_PRIME = re.compile(r"(\d)\s*['’′](?!['’′])")  # "30'": minutes, as tables write them
_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75}
_FRACTION = re.compile(r"(?<![\d.,/])(?:(\d+)\s*(?:\s|(?=[½¼¾])))?(?:([½¼¾])|(\d+)/(\d+))(?![\d/])")
# a remark after the time: "(setelah berkas lengkap)", "sejak berkas diterima"
_REMARK = re.compile(r"\s*(?:\([^()]*\)|\b(?:setelah|sesudah|sejak|terhitung|dihitung)\b.*)$")


@dataclass(frozen=True)
class Duration:
    low: float  # working minutes
    high: float
    text: str
    per_item: str | None = None  # "berkas" in "15 menit/berkas": metrics count one item
    upper_bound: bool = False  # "paling lambat ...": counted at the bound


def _number(text: str) -> float:
    return WORDS[text] if text in WORDS else float(text.replace(",", "."))


def _amount(text: str) -> tuple[float | None, str | None]:
    """Return (minutes, None) for a sum of quantities ("1 jam 30 menit"), (number, "bare") for a unit-less
    number ("1" of "1-2 hari"), or (None, None)."""
    text = text.strip()
    if re.fullmatch(_NUM, text):
        return _number(text), "bare"
    total, pos, found = 0.0, 0, False
    while pos < len(text):
        m = _TERM.match(text, pos)
        if m is None:
            return None, None
        unit = re.sub(r"\s+", " ", m["unit"])
        n = _number(m["n"])
        if m["m"]:  # "10x24 jam": ten times 24 hours, which the regulations mean as ten days
            times = float(m["m"])
            total += n * DAY if unit == "jam" and times == 24 else n * times * MINUTES[unit]
        else:
            total += n * MINUTES[unit]
        found = True
        pos = m.end()
        sep = re.compile(r"\s*(?:dan\s+|,\s*)?").match(text, pos)
        pos = sep.end() if sep else pos
    return (total, None) if found else (None, None)


def _unit_of(text: str) -> float | None:
    """Return the minutes of the first unit written in ``text`` ("2 hari" -> a day)."""
    m = _TERM.search(text)
    return MINUTES[re.sub(r"\s+", " ", m["unit"])] if m else None


def _decimal(m: re.Match) -> str:
    """ "1/2" -> "0,5", "1 1/2" and "1½" -> "1,5"; a fraction over nothing is left for the parser to refuse."""
    whole, vulgar, num, den = m.groups()
    if vulgar is None and int(den) == 0:
        return m.group()
    part = _VULGAR[vulgar] if vulgar else int(num) / int(den)
    return f"{int(whole or 0) + part:g}".replace(".", ",")


@functools.lru_cache(maxsize=4096, typed=True)  # a catalogue writes the same few times thousands of times
def parse_duration(text: str) -> Duration | None:
    """Return the duration written in ``text``, or None when it is not one (a Duration is immutable)."""
    s = " ".join(str(text).lower().split())
    s = _PRIME.sub(r"\1 menit", _FRACTION.sub(_decimal, _SPELLED.sub(r"\1", s)))
    m = _REMARK.search(s)
    if m and m.start() > 0 and not any(pattern.search(m.group()) for pattern, _ in _NOT_DURATION):
        s = s[:m.start()]  # "2 jam (tentatif)" keeps its remark: the time is not fixed
    bound = False
    while True:  # "± 15 menit", "paling lambat 3 hari", in any order
        if m := _BOUND.match(s):
            bound, s = True, s[m.end():]
        elif m := _ABOUT.match(s):
            s = s[m.end():]
        else:
            break
    item = None
    if (m := _PER.search(s)) and m.start() > 0 and m["item"].split()[0] not in MINUTES:  # "2 jam/hari": a rate
        item, s = m["item"], s[:m.start()]
    parts = _RANGE.split(s, maxsplit=1)
    if len(parts) == 2 and not bound:
        lo, lo_kind = _amount(parts[0])
        hi, hi_kind = _amount(parts[1])
        if lo is None or hi is None or hi_kind == "bare":
            return None
        if lo_kind == "bare":  # "1-2 hari": the first number takes the second's unit
            unit = _unit_of(parts[1])
            lo = lo * unit if unit else None
    else:
        lo, kind = _amount(s)
        hi = lo
        if kind == "bare":
            return None
    if lo is None or hi is None or hi < lo or hi > LIMIT or hi <= 0:
        return None
    return Duration(hi if bound else lo, hi, str(text), item, bound)


_NOT_DURATION = (  # (pattern, why), for the warning: the author meant something other than a length of time
    (Lazy(r"^(setiap|tiap)\b"), "menyatakan kapan atau seberapa sering, bukan berapa lama"),
    (Lazy(r"^(pada|selama)\s+(hari|jam)\b|^(hari|jam)\s+kerja$"), "menyatakan kapan, bukan berapa lama"),
    (Lazy(r"^(sesuai|menurut|mengikuti|berdasarkan)\b"), "mengikuti ketentuan lain, bukan lama waktu"),
    (Lazy(r"tentatif|menyesuaikan|bervariasi|tergantung|kondisional|insidental"),
     "tidak tetap, bukan lama waktu"),
    (Lazy(r"^(langsung|segera|seketika|saat itu juga|pada saat itu|real ?time)\b"),
     "menyatakan segera, bukan berapa lama"),
    (Lazy(r"\b(sekali|kali)\b|^per\s"), "menyatakan seberapa sering, bukan berapa lama"),
)


def not_duration_reason(text: str) -> str | None:
    """Return why ``text`` is not a duration when it is a phrase SOPs use for that ("setiap saat"), else None."""
    s = " ".join(str(text).lower().split())
    if parse_duration(s) is not None:
        return None
    return next((why for pattern, why in _NOT_DURATION if pattern.search(s)), None)


def format_minutes(minutes: float) -> str:
    """Return working minutes as Indonesian text ("1 hari 2 jam 30 menit")."""
    minutes = round(minutes)
    parts = []
    for name, size in (("hari", DAY), ("jam", 60), ("menit", 1)):
        count, minutes = divmod(minutes, size)
        if count:
            parts.append(f"{count} {name}")
    return " ".join(parts) or "0 menit"


EXAMPLES = "'15 menit', '2 jam', '1 jam 30 menit', '1 hari kerja', '1-2 hari', '15 menit/berkas', 'paling lambat 3 hari'"
