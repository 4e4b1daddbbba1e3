"""Events in the site search (portal/search.py), each result with its next date."""

from collections.abc import Sequence

from django.db.models import Min
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from portal import search

from .models import EventOccurrence, EventPage


def next_dates(page_ids: Sequence[int]) -> dict:
    """The next start of each event, in one query."""
    rows = (
        EventOccurrence.objects.filter(
            page_id__in=page_ids, start__gte=timezone.now(), cancelled=False
        )
        .values("page_id")
        .annotate(next_start=Min("start"))
    )
    return {row["page_id"]: row["next_start"] for row in rows}


search.register(
    EventPage,
    key="events",
    label=pgettext_lazy("search result type", "Events"),
    fields=[
        "summary",
        "body",
        "venue_name",
        "organiser",
        search.taxonomy_names("kind", "target_groups"),
    ],
    summary="summary",
    district=lambda page: page.get_parent(),
    next_dates=next_dates,
    order=30,
)
