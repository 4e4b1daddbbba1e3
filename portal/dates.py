"""Dates the way residents read them: 2026年12月8日(火) 10:00〜11:30, or Tue 8 December 2026.

Django's date filters give 2026年12月8日 but no weekday in brackets and no
〜 between times, so the portal formats its own. The order of the parts and
the punctuation come from the catalogs (a msgctxt each), the names of months
and weekdays from Django's: each language writes dates its own way, and a new
locale brings its own. Times are Asia/Tokyo.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import pgettext

from .languages import is_english
from .punctuation import range_separator

#: The dates a public URL or form may name (list filters, calendar months, registration
#: keys): wide enough for any event, far from the ends of Python's dates, where adding a
#: day or converting 0001-01-01 from Tokyo time to UTC overflows.
EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)


def weekday_name(day: dt.date) -> str:
    """火曜日 / Tuesday."""
    return str(WEEKDAYS[day.weekday()])


def weekday_abbreviation(day: dt.date) -> str:
    """火 / Tue."""
    return str(WEEKDAYS_ABBR[day.weekday()])


def _parts(value: dt.date) -> dict:
    return {
        "weekday": weekday_abbreviation(value),
        "day": value.day,
        "month": MONTHS[value.month],
        "year": value.year,
    }


def is_bounded(value: dt.date) -> bool:
    """Whether a date from a URL or a form is one the portal works with."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return EARLIEST_DATE <= value <= LATEST_DATE


def format_date(value: dt.date) -> str:
    """2026年12月8日(火) / Tue 8 December 2026."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return pgettext("date with weekday", "%(weekday)s %(day)d %(month)s %(year)d") % _parts(value)


def format_month(value: dt.date) -> str:
    """2026年12月 / December 2026."""
    return pgettext("month and year", "%(month)s %(year)d") % _parts(value)


def format_day_of_month(value: dt.date) -> str:
    """8日(火) / Tue 8: a day within a month already named."""
    return pgettext("day of the month", "%(weekday)s %(day)d") % _parts(value)


def format_time(value: dt.time | dt.datetime) -> str:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value.hour}:{value.minute:02d}" if is_english() else value.strftime("%H:%M")


def format_hours(start: dt.time | dt.datetime, end: dt.time | dt.datetime) -> str:
    """10:00〜11:30 / 10:00–11:30."""
    return f"{format_time(start)}{range_separator()}{format_time(end)}"


def format_datetime(value: dt.datetime) -> str:
    return f"{format_date(value)} {format_time(value)}"


def format_time_range(start: dt.datetime, end: dt.datetime | None = None) -> str:
    """`2026年12月8日(火) 10:00〜11:30`; an end on another day is written in full."""
    text = format_datetime(start)
    if end is None:
        return text
    start_local = timezone.localtime(start) if timezone.is_aware(start) else start
    end_local = timezone.localtime(end) if timezone.is_aware(end) else end
    if start_local.date() == end_local.date():
        return f"{text}{range_separator()}{format_time(end_local)}"
    return f"{text}{range_separator()}{format_datetime(end_local)}"
