"""Finding events: one filter for the list, the calendar, the sections and the feeds.

Everything reads the materialised `EventOccurrence` rows of live, public event
pages in the active language: a constant number of queries, paginated by the
database, whatever the number of series.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from wagtail.models import Locale

from .models import EventOccurrence, EventPage


def live_events(locale: Locale | None = None) -> QuerySet[EventPage]:
    return EventPage.objects.live().public().filter(locale=locale or Locale.get_active())


def occurrences(
    locale: Locale | None = None, *, now: dt.datetime | None = None
) -> QuerySet[EventOccurrence]:
    """Occurrences of live events that have not ended yet (past ones leave every list),
    in order of start, with what a list item shows."""
    now = now or timezone.now()
    return (
        EventOccurrence.objects.filter(
            page_id__in=live_events(locale).values("pk"),
            end__gt=now,
        )
        .select_related("page", "page__kind", "page__district", "page__venue")
        .defer("page__body", "page__venue__body", "page__district__intro")
        .order_by("start", "page_id", "pk")
    )


def with_details(queryset: QuerySet[EventOccurrence]) -> QuerySet[EventOccurrence]:
    return queryset.prefetch_related("page__target_groups")


@dataclass(frozen=True)
class EventFilters:
    district: str = ""
    kind: str = ""
    target: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    free: bool = False
    place: int | None = None

    def apply(self, queryset: QuerySet[EventOccurrence]) -> QuerySet[EventOccurrence]:
        if self.district:
            queryset = queryset.filter(page__district__slug=self.district)
        if self.kind:
            queryset = queryset.filter(page__kind__slug=self.kind)
        if self.target:
            queryset = queryset.filter(page__target_groups__slug=self.target)
        if self.date_from:
            queryset = queryset.filter(local_date__gte=self.date_from)
        if self.date_to:
            queryset = queryset.filter(local_date__lte=self.date_to)
        if self.free:
            queryset = queryset.filter(page__is_free=True)
        if self.place:
            queryset = queryset.filter(page__venue_id=self.place)
        return queryset

    def apply_to_events(self, queryset: QuerySet[EventPage]) -> QuerySet[EventPage]:
        """The same filters on event pages (for the calendar feeds)."""
        if self.district:
            queryset = queryset.filter(district__slug=self.district)
        if self.kind:
            queryset = queryset.filter(kind__slug=self.kind)
        if self.target:
            queryset = queryset.filter(target_groups__slug=self.target)
        if self.free:
            queryset = queryset.filter(is_free=True)
        return queryset.distinct() if self.target else queryset


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)
