"""A date as SOPs are dated: a day (2025-01-06), a month only (2023-08) or a year only (2022), for the model's
date fields."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated, Any, Optional

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, WithJsonSchema
from pydantic_core import core_schema

from .lazyre import Lazy


# month names and the abbreviations SOPs use (Pebruari, Nopember: older spellings still printed)
BULAN = {name: k for k, names in enumerate((
    ("januari", "jan"), ("februari", "pebruari", "feb", "peb"), ("maret", "mar"), ("april", "apr"), ("mei",),
    ("juni", "jun"), ("juli", "jul"), ("agustus", "agu", "agt", "ags", "agus"), ("september", "sep", "sept"),
    ("oktober", "okt"), ("november", "nopember", "nov", "nop"), ("desember", "des")), 1) for name in names}
# "17 Agustus 2023", and as some SOPs print it: "16-Pebruari-2016", "16/Feb/2016"
_WRITTEN = Lazy(r"(?:([0-9]{1,2})(?:\s+|\s*[-/]\s*))?([A-Za-z]+)\.?(?:\s+|\s*[-/]\s*)([0-9]{4})")


def days_in_month(year: int, month: int) -> int:
    """``calendar.monthrange(year, month)[1]`` for a month 1-12, without importing calendar (and locale, which it
    imports: ~6 M instructions of a check)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


_DAY_FIRST = Lazy(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})")  # 06/01/2025, 6-1-2025: as staff write
FORMS = ("YYYY-MM-DD (mis. 2025-01-06), bulan YYYY-MM (mis. 2023-08), tahun YYYY (mis. 2022), '6 Januari 2025', "
         "'16-Pebruari-2016', '07-04-2014' atau 'Agustus 2023'")
_NAMES = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")


class WrittenDate(_dt.date):
    """A date as SOPs are dated: a day (2025-01-06), a month only (2023-08, printed "Agustus 2023") or a year
    only (2022, as some signed SOPs are dated).

    A month-only date is the first of its month, a year-only one the first of its year, for sorting and
    arithmetic; ``month_only`` and ``year_only`` say how to print it.  ``written``: the text of a date written
    with its month's name ("13 Pebruari 2019", "09 Mei 2014", "18 APRIL 2015"), printed as written (reviews J and
    K: a signed SOP's date re-spelled is no longer as printed) and kept through the check cache.
    """

    month_only: bool
    year_only: bool
    written: str | None

    def __new__(cls, year: int, month: int | None, day: int | None = None, written: str | None = None) -> "WrittenDate":
        self = super().__new__(cls, year, month or 1, day or 1)
        self.year_only = month is None
        self.month_only = day is None and month is not None
        self.written = written
        return self

    def __reduce__(self):  # pickle/copy: date's own reduce would call __new__ with its packed bytes
        return (type(self), (self.year, None if self.year_only else self.month,
                              None if self.month_only or self.year_only else self.day, self.written))

    def isoformat(self) -> str:
        if self.year_only:
            return f"{self.year:04d}"
        return f"{self.year:04d}-{self.month:02d}" if self.month_only else super().isoformat()

    __str__ = isoformat

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.isoformat()!r})"

    @classmethod
    def parse(cls, text: str) -> "WrittenDate | None":
        """Return the date ``text`` names in YYYY-MM-DD or YYYY-MM form, or as SOPs write it in Indonesian
        ("Agustus 2023", "17 Agustus 2023", "Agt. 2023", day first "07-04-2014", "7/4/2014"), or None."""
        if re.fullmatch(r"(19|20)[0-9]{2}", text.strip()):
            return cls(int(text.strip()), None)
        m = re.fullmatch(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?", text)
        written = None
        if m is not None:
            year, month, day = int(m[1]), int(m[2]), int(m[3]) if m[3] else None
        elif (m := _DAY_FIRST.fullmatch(text.strip())) is not None:  # "07-04-2014", day first: printed so too
            year, month, day = int(m[4]), int(m[3]), int(m[1])  # (a decreed SOP's date re-spelled, review V)
            if not (month and day and year >= 1900):  # "00-00-2000" is no date (0 would read as "whole month")
                return None
            written = text.strip()
        else:
            m = _WRITTEN.fullmatch(text.strip())
            if m is None or m[2].casefold() not in BULAN:
                return None
            year, month, day = int(m[3]), BULAN[m[2].casefold()], int(m[1]) if m[1] else None
            written = " ".join(text.split())  # printed so: "13 Pebruari 2019", "18 APRIL 2015"
        try:
            return cls(year, month, day, written)
        except ValueError:
            return None

    @staticmethod
    def hint(text: str) -> str:
        """Return why ``text`` is no date when that can be said better than "not a date", else ""."""
        m = _DAY_FIRST.fullmatch(text.strip())
        if m is not None:  # day/month/year, the Indonesian order (never month first): a date when it exists
            year, month = int(m[4]), int(m[3])
            if not 1 <= month <= 12:
                return f"tanggal {text.strip()} tidak ada: bulan {month} tidak ada (hari/bulan/tahun)"
            last = days_in_month(year, month) if year >= 1 else 31
            return f"tanggal {text.strip()} tidak ada: {_NAMES[month - 1]} {year} hanya {last} hari"
        bare = text.strip().rstrip(" .,;:")
        if bare != text.strip() and WrittenDate.parse(bare) is not None:  # "15 Mei 2016 ." as printed
            return f"; tulis tanpa tanda baca di akhir: '{bare}'"
        m = _WRITTEN.fullmatch(text.strip())
        if m is not None and m[1] and m[2].casefold() in BULAN:
            year, month = int(m[3]), BULAN[m[2].casefold()]
            last = days_in_month(year, month) if year >= 1 else 31
            if not 1 <= int(m[1]) <= last:
                return f"tanggal {text.strip()} tidak ada: {_NAMES[month - 1]} {year} hanya {last} hari"
        return ""

    @classmethod
    def _validate(cls, value: Any) -> "WrittenDate":
        if isinstance(value, WrittenDate):
            return value
        if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2099:
            return cls(value, None)  # "pembuatan: 2022" reads as a number in YAML
        if isinstance(value, str) and (found := cls.parse(value)) is not None:
            return found
        raise ValueError(f"harus berupa tanggal {FORMS}")

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls._validate, serialization=core_schema.plain_serializer_function_ser_schema(
                lambda d: getattr(d, "written", None) or d.isoformat()))  # read back as written

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> dict:
        sep = r"( +| *[-/] *)"
        return {"anyOf": [{"type": "string", "pattern": rf"^([0-9]{{4}}(-[0-9]{{2}}(-[0-9]{{2}})?)?|([0-9]{{1,2}}{sep})?"
                                                     rf"[A-Za-z]+\.?{sep}[0-9]{{4}}|[0-9]{{1,2}}([/.-])[0-9]{{1,2}}\7[0-9]{{4}})$"},
                          {"type": "integer", "minimum": 1900, "maximum": 2099}],
                "description": "Tanggal YYYY-MM-DD, atau bulan saja YYYY-MM (dicetak mis. 'Agustus 2023'), atau "
                               "tahun saja YYYY; juga ditulis '17 Agustus 2023', 'Agustus 2023' atau hari dulu '07-04-2014' (dicetak seperti ditulis)."}


DAY_FORMS = "YYYY-MM-DD (mis. 2026-04-07), hari dulu '07-04-2026' atau '7 April 2026'"
_ISO_DAY = Lazy(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


class Day(WrittenDate):
    """A date that names its day (an evaluation session's, a revision date given on the command line), read in
    the forms an SOP's day is (2026-04-07, day first "07-04-2026", "7 April 2026") and printed as written."""

    forms = DAY_FORMS  # what the check's message lists (scalars.py)
    day_only = True

    @classmethod
    def parse(cls, text: str) -> "Day | None":
        found = super().parse(text)
        day = found is not None and not (found.month_only or found.year_only)
        return found if day else None  # type: ignore[return-value]

    @staticmethod
    def hint(text: str) -> str:
        text = str(text).strip()
        if (iso := _ISO_DAY.fullmatch(text)) is not None:  # as scalars.parse_date says it
            year, month = int(iso[1]), int(iso[2])
            if not 1 <= month <= 12:
                return f"bulan {iso[2]} tidak ada; bulan ditulis 01 sampai 12 (YYYY-MM-DD)"
            if year >= 1:
                last = days_in_month(year, month)
                return f"tanggal {text} tidak ada: {_NAMES[month - 1]} {year} hanya {last} hari"
        if WrittenDate.parse(text) is not None:  # "2026-04", "April 2026", 2026: no day
            return f"'{text}' hanya bulan atau tahun; tulis tanggal lengkap dengan harinya: {DAY_FORMS}"
        return WrittenDate.hint(text)

    @classmethod
    def why(cls, text: str) -> str:
        """Return why ``text`` is no day, in Indonesian (for the command line's --tanggal)."""
        hint = cls.hint(text)
        if hint and not hint.startswith(";"):
            return hint
        return f"tanggal harus {DAY_FORMS}, bukan '{str(text).strip()}'" + hint  # a ";" hint follows the forms

    @classmethod
    def _validate(cls, value: Any) -> "Day":
        if isinstance(value, str):
            if (found := cls.parse(value)) is None:
                raise ValueError(cls.why(value))
            return found
        if (isinstance(value, WrittenDate) and (value.month_only or value.year_only)
                or isinstance(value, int) and not isinstance(value, bool)):
            raise ValueError(cls.hint(str(value)) or cls.why(str(value)))
        return super()._validate(value)  # type: ignore[return-value]

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> dict:
        sep = r"( +| *[-/] *)"
        return {"type": "string", "pattern": rf"^([0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}|[0-9]{{1,2}}{sep}[A-Za-z]+\.?{sep}"
                                             rf"[0-9]{{4}}|[0-9]{{1,2}}([/.-])[0-9]{{1,2}}\4[0-9]{{4}})$",
                "description": "Tanggal YYYY-MM-DD, atau ditulis '7 April 2026' atau hari dulu '07-04-2026' "
                               "(dicetak seperti ditulis)."}


# "4-6 Mei 2018", "4 s.d. 6 Mei 2018": a few days within one month, as a real SOP prints its creation date
_SEP = r"(?:-|\u2013|\u2014|s\.?\s?/?d\.?|sampai(?:\s+dengan)?|hingga)"
_RANGE = re.compile(rf"([0-9]{{1,2}})\s*{_SEP}\s*([0-9]{{1,2}})\s+([A-Za-z]+)\.?\s+([0-9]{{4}})")
# "30 April - 2 Mei 2018", "28 Desember 2017 s.d. 3 Januari 2018": across months or years (the first year
# may be left to the last's)
_SPAN = re.compile(rf"([0-9]{{1,2}})\s+([A-Za-z]+)\.?(?:\s+([0-9]{{4}}))?\s*{_SEP}\s*([0-9]{{1,2}})\s+([A-Za-z]+)\.?"
                   r"\s+([0-9]{4})")
_SEP_PATTERN = r"(-|\u2013|\u2014|s\.? ?/?d\.?|sampai( +dengan)?|hingga)"
RANGE_PATTERN = (rf"([0-9]{{1,2}} *{_SEP_PATTERN} *[0-9]{{1,2}} +[A-Za-z]+\.? +[0-9]{{4}}|"
                 rf"[0-9]{{1,2}} +[A-Za-z]+\.?( +[0-9]{{4}})? *{_SEP_PATTERN} *[0-9]{{1,2}} +[A-Za-z]+\.? +[0-9]{{4}})")


def _day(year: int, month: int, day: int) -> _dt.date | None:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


class IdentityDate(WrittenDate):
    """A date of an SOP's identity, which may also be a range of days ("4-6 Mei 2018", Disdukcapil Aceh Barat,
    review V #5; "30 April - 2 Mei 2018" across months or years): printed as written, its first day used wherever
    dates are compared or sorted."""

    forms = FORMS.replace(" atau 'Agustus 2023'", ", 'Agustus 2023' atau rentang hari '4-6 Mei 2018', "
                                                  "'30 April - 2 Mei 2018'")

    @classmethod
    def parse(cls, text: str) -> "WrittenDate | None":
        if (m := _SPAN.fullmatch(text.strip())) is not None:
            first, last = cls._span(m)
            if first is None or last is None or not first < last or first.year < 1900:
                return None
            return cls(first.year, first.month, first.day, " ".join(text.split()))
        m = _RANGE.fullmatch(text.strip())
        if m is None:
            return super().parse(text)
        first, last, month, year = int(m[1]), int(m[2]), BULAN.get(m[3].casefold()), int(m[4])
        if month is None or not first < last <= days_in_month(year, month) or year < 1900:
            return None
        return cls(year, month, first, " ".join(text.split()))

    @staticmethod
    def _span(m: re.Match) -> tuple[_dt.date | None, _dt.date | None]:
        """The first and last day of a range across months; None for a day that does not exist."""
        m1, m2 = BULAN.get(m[2].casefold()), BULAN.get(m[5].casefold())
        if m1 is None or m2 is None:
            return None, None
        year = int(m[6])
        return _day(int(m[3] or year), m1, int(m[1])), _day(year, m2, int(m[4]))

    @staticmethod
    def hint(text: str) -> str:
        if (span := _SPAN.fullmatch(text.strip())) is not None:
            return IdentityDate._span_hint(text.strip(), span)
        m = _RANGE.fullmatch(text.strip())
        if m is None or m[3].casefold() not in BULAN or int(m[4]) < 1900:
            return WrittenDate.hint(text)
        first, last, month, year = int(m[1]), int(m[2]), BULAN[m[3].casefold()], int(m[4])
        days = days_in_month(year, month)
        name = f"{_NAMES[month - 1]} {year}"
        if not 1 <= first <= days or not 1 <= last <= days:
            return (f"rentang tanggal '{text.strip()}' tidak ada: {name} hanya {days} hari; tulis hari seperti "
                    f"tercetak, mis. '4-6 {name}'")
        if first == last:
            return f"rentang tanggal '{text.strip()}' hanya satu hari; tulis '{first} {name}'"
        return (f"rentang tanggal '{text.strip()}' terbalik: tulis hari pertama lebih dulu, "
                f"'{last}-{first} {name}'")

    @staticmethod
    def _span_hint(text: str, m: re.Match) -> str:
        if m[2].casefold() not in BULAN or m[5].casefold() not in BULAN or int(m[6]) < 1900:
            return ""  # the forms the message lists say it
        first, last = IdentityDate._span(m)
        year = int(m[6])
        for day, month, y in ((m[1], m[2], int(m[3] or year)), (m[4], m[5], year)):
            number = BULAN[month.casefold()]
            if _day(y, number, int(day)) is None:
                days = days_in_month(y, number)
                return f"rentang tanggal '{text}' tidak ada: {_NAMES[number - 1]} {y} hanya {days} hari"
        assert first is not None and last is not None
        if first == last:
            return f"rentang tanggal '{text}' hanya satu hari; tulis '{m[4]} {m[5]} {m[6]}'"
        earlier = _day(year - 1, first.month, first.day)
        if m[3] is None and earlier is not None and last - earlier < first - last:  # "28 Desember - 3 Januari 2018"
            return (f"rentang tanggal '{text}' terbalik: bila hari pertamanya tahun sebelumnya, tulis tahunnya, "
                    f"'{m[1]} {m[2]} {year - 1} - {m[4]} {m[5]} {year}'")
        start = f"{m[4]} {m[5]}" + (f" {m[6]}" if m[3] else "")
        return (f"rentang tanggal '{text}' terbalik: tulis hari pertama lebih dulu, "
                f"'{start} - {m[1]} {m[2]} {m[3] or year}'")


BLANK = ("-", "\u2013", "\u2014")  # a field an SOP prints blank ("Tanggal Revisi -", a signer's name): as none
# an optional date of the identity, which the editor's schema lets be written "-" as check reads it
BlankableDate = Annotated[Optional[IdentityDate], WithJsonSchema({
    "anyOf": [*WrittenDate.__get_pydantic_json_schema__(None, None)["anyOf"],  # type: ignore[arg-type]
              {"type": "string", "pattern": f"^{RANGE_PATTERN}$"}, {"enum": list(BLANK)}, {"type": "null"}],
    "description": "Tanggal (seperti tanggal pembuatan), atau rentang hari ('4-6 Mei 2018', '30 April - 2 Mei "
                   "2018', dicetak seperti ditulis), atau '-' bila SOP mencetaknya kosong."})]
