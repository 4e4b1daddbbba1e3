"""How an occurrence's time reads: 2026年12月8日(火) 10:00〜11:30, or the day and 終日."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from portal.dates import (
    format_date,
    format_day_of_month,
    format_hours,
    format_time,
    format_time_range,
)
from portal.punctuation import range_separator

from ..recurrence import to_local
from ..registration_models import SESSION_KEY_FORMAT

register = template.Library()


def _all_day_text(start, end) -> str:
    text = format_date(start)
    if to_local(end).date() != to_local(start).date():
        text = f"{text}{range_separator()}{format_date(end)}"
    return f"{text} {_('(all day)')}"


@register.simple_tag
def occurrence_time(occurrence) -> str:
    """The date and times of one occurrence."""
    if occurrence.page.all_day:
        return _all_day_text(occurrence.start, occurrence.end)
    return format_time_range(occurrence.start, occurrence.end)


@register.simple_tag
def occurrence_hours(occurrence) -> str:
    """Only the hours (10:00〜11:30), for lists already grouped by day."""
    if occurrence.page.all_day:
        return _("All day")
    start, end = to_local(occurrence.start), to_local(occurrence.end)
    if start.date() != end.date():
        return f"{format_time(start)}{range_separator()}{format_date(end)} {format_time(end)}"
    return format_hours(start, end)


@register.simple_tag
def event_hours(page) -> str:
    """The event's usual hours (10:00〜11:30), or 終日."""
    if page.all_day:
        return _("All day")
    return format_hours(to_local(page.start), to_local(page.end))


@register.simple_tag
def event_first_time(page) -> str:
    if page.all_day:
        return _all_day_text(page.start, page.end)
    return format_time_range(page.start, page.end)


@register.filter
def originaldate(occurrence) -> str:
    return format_date(to_local(occurrence.original_start))


@register.filter
def daylabel(occurrence) -> str:
    """8日(火) in Japanese, Tue 8 in English: the day within a month's flyer."""
    return format_day_of_month(to_local(occurrence.start).date())


@register.filter
def session_key(occurrence) -> str:
    """The session's name in its registration URL (its original start, Tokyo time)."""
    return to_local(occurrence.original_start).strftime(SESSION_KEY_FORMAT)
