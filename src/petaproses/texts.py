"""Indonesian wording shared by the renderers (dates, lists)."""

from __future__ import annotations

import datetime as _dt

BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember"]


def format_date(value: _dt.date | None, empty: str = "-") -> str:
    """Return a date the Indonesian way: 6 Januari 2025."""
    if value is None:
        return empty
    if getattr(value, "month_only", False):  # model.WrittenDate written as YYYY-MM
        return f"{BULAN[value.month - 1]} {value.year}"
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"
