"""Durations as staff write them ("15 menit", "2 jam", "1 hari kerja", "1-2 hari") -> working minutes."""

from __future__ import annotations

import re
from dataclasses import dataclass

# One working day is 7.5 hours (07.30-16.00 less a break, PermenPAN-RB working hours: 37.5 hours a week).
MINUTES = {
    "detik": 1 / 60,
    "menit": 1,
    "jam": 60,
    "hari": 450,
    "hari kerja": 450,
    "minggu": 5 * 450,
    "pekan": 5 * 450,
    "bulan": 22 * 450,
}
_UNIT = "|".join(sorted((re.escape(u) for u in MINUTES), key=len, reverse=True))
_NUM = r"\d+(?:[.,]\d+)?"
_RE = re.compile(
    rf"^\s*(?P<lo>{_NUM})\s*(?:(?:-|–|s\.?\s?d\.?|sampai(?:\s+dengan)?)\s*(?P<hi>{_NUM}))?\s*(?P<unit>{_UNIT})\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Duration:
    low: float  # working minutes
    high: float
    text: str


def parse_duration(text: str) -> Duration | None:
    """Return the duration written in ``text``, or None when it does not parse."""
    m = _RE.match(str(text))
    if not m:
        return None
    unit = MINUTES[re.sub(r"\s+", " ", m["unit"].lower())]
    lo = float(m["lo"].replace(",", ".")) * unit
    hi = float(m["hi"].replace(",", ".")) * unit if m["hi"] else lo
    if hi < lo or hi > 1000 * MINUTES["bulan"]:  # beyond any procedure: a typo
        return None
    return Duration(lo, hi, str(text))


def format_minutes(minutes: float) -> str:
    """Return working minutes as Indonesian text ("1 hari 2 jam 30 menit")."""
    minutes = round(minutes)
    parts = []
    for name, size in (("hari", 450), ("jam", 60), ("menit", 1)):
        count, minutes = divmod(minutes, size)
        if count:
            parts.append(f"{count} {name}")
    return " ".join(parts) or "0 menit"


EXAMPLES = "'15 menit', '2 jam', '1 hari', '1 hari kerja', '1-2 hari'"
