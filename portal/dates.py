"""Dates the way Japanese residents read them: 2026年12月8日(火) 10:00〜11:30.

Django's date filters give 2026年12月8日 but no weekday in brackets and no
〜 between times, so the portal formats its own. Times are Asia/Tokyo.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import get_language

#: The dates a public URL or form may name (list filters, calendar months, registration
#: keys): wide enough for any event, far from the ends of Python's dates, where adding a
#: day or converting 0001-01-01 from Tokyo time to UTC overflows.
EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)

JA_WEEKDAYS = "月火水木金土日"
EN_WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
EN_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


def _is_japanese() -> bool:
    return not (get_language() or "ja").startswith("en")


def is_bounded(value: dt.date) -> bool:
    """Whether a date from a URL or a form is one the portal works with."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return EARLIEST_DATE <= value <= LATEST_DATE


def format_date(value: dt.date) -> str:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    if _is_japanese():
        return f"{value.year}年{value.month}月{value.day}日({JA_WEEKDAYS[value.weekday()]})"
    return f"{EN_WEEKDAYS[value.weekday()]} {value.day} {EN_MONTHS[value.month - 1]} {value.year}"


def format_time(value: dt.time | dt.datetime) -> str:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value.hour}:{value.minute:02d}" if not _is_japanese() else value.strftime("%H:%M")


def format_datetime(value: dt.datetime) -> str:
    return f"{format_date(value)} {format_time(value)}"


def format_time_range(start: dt.datetime, end: dt.datetime | None = None) -> str:
    """`2026年12月8日(火) 10:00〜11:30`; an end on another day is written in full."""
    text = format_datetime(start)
    if end is None:
        return text
    start_local = timezone.localtime(start) if timezone.is_aware(start) else start
    end_local = timezone.localtime(end) if timezone.is_aware(end) else end
    separator = "〜" if _is_japanese() else "–"
    if start_local.date() == end_local.date():
        return f"{text}{separator}{format_time(end_local)}"
    return f"{text}{separator}{format_datetime(end_local)}"
