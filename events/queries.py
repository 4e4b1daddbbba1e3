"""Finding events: the occurrences every list, calendar, section and feed narrows (the
filters of the list, the calendar and the city feed are events.filters).

Everything reads the materialised `EventOccurrence` rows of live, public event
pages in the active language: a constant number of queries, paginated by the
database, whatever the number of series.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone
from wagtail.models import Locale

from portal.privacy import public

from .models import EventOccurrence, EventPage


def live_events(locale: Locale | None = None) -> QuerySet[EventPage]:
    return public(EventPage.objects.live().filter(locale=locale or Locale.get_active()))


def occurrences(
    locale: Locale | None = None, *, now: dt.datetime | None = None
) -> QuerySet[EventOccurrence]:
    """Occurrences of live events that have not ended yet (past ones leave every list),
    in order of start, with what a list item shows."""
    now = now or timezone.now()
    return with_pages(
        EventOccurrence.objects.filter(
            page_id__in=live_events(locale).values("pk"),
            end__gt=now,
        ).order_by("start", "page_id", "pk")
    )


def with_pages(queryset: QuerySet[EventOccurrence]) -> QuerySet[EventOccurrence]:
    """`queryset` joining what a list item shows of the event: its kind, district and venue
    (without their long texts)."""
    return queryset.select_related("page", "page__kind", "page__district", "page__venue").defer(
        "page__body", "page__venue__body", "page__district__intro"
    )


def with_details(queryset: QuerySet[EventOccurrence]) -> QuerySet[EventOccurrence]:
    return queryset.prefetch_related("page__target_groups")


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)
