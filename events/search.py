"""Events in the site search (portal/search.py): each result's next date (the search type is
registered in events/wagtail_hooks.py)."""

from collections.abc import Sequence

from django.db.models import Min
from django.utils import timezone

from .models import EventOccurrence


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
