"""Days the city's halls and hubs are closed: national holidays and 年末年始.

National holidays (振替休日 included) are computed offline by `jpholiday`; the
New Year closure is the city's setting `PORTAL_YEAR_END_CLOSURE` (12-29..01-03
by default, across the year's end). Event series and volunteer shift series
skip these days when staff ask them to: this module is the one place that says
which days they are.
"""

from __future__ import annotations

import datetime as dt

import jpholiday
from django.conf import settings
from django.utils.dates import MONTHS
from django.utils.translation import pgettext

from .punctuation import range_separator


def holiday_name(day: dt.date) -> str | None:
    """The national holiday's name (元日, 振替休日, ...) or None."""
    return jpholiday.is_holiday_name(day)


def holidays_between(first: dt.date, last: dt.date) -> dict[dt.date, str]:
    return dict(jpholiday.between(first, last))


def year_end_closure() -> tuple[tuple[int, int], tuple[int, int]] | None:
    """((first month, day), (last month, day)) of 年末年始, or None where the city has none."""
    return getattr(settings, "PORTAL_YEAR_END_CLOSURE", None)


def in_year_end_closure(day: dt.date) -> bool:
    closure = year_end_closure()
    if closure is None:
        return False
    first, last = closure
    key = (day.month, day.day)
    if first <= last:
        return first <= key <= last
    return key >= first or key <= last  # across the year's end: 12-29..01-03


def is_closed(day: dt.date, *, holidays: bool = True, year_end: bool = True) -> bool:
    """Whether a series that skips holidays and/or 年末年始 skips `day`."""
    return bool((holidays and holiday_name(day)) or (year_end and in_year_end_closure(day)))


def _day_of_year(month: int, day: int) -> str:
    return pgettext("day of the year", "%(day)d %(month)s") % {
        "day": day,
        "month": MONTHS[month],
    }


def year_end_closure_text() -> str:
    """12月29日〜1月3日 / 29 December–3 January ("" where the city has no closure)."""
    closure = year_end_closure()
    if closure is None:
        return ""
    (first_month, first_day), (last_month, last_day) = closure
    return (
        _day_of_year(first_month, first_day)
        + range_separator()
        + _day_of_year(last_month, last_day)
    )
