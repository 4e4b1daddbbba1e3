"""Volunteer opportunities in the site search (portal/search.py): each result's next shift (the
search type is registered in volunteers/wagtail_hooks.py)."""

from collections.abc import Sequence

from django.db.models import Min
from django.utils import timezone

from .models import VolunteerShift


def next_dates(page_ids: Sequence[int]) -> dict:
    """The next shift of each opportunity, in one query."""
    rows = (
        VolunteerShift.objects.filter(page_id__in=page_ids, start__gte=timezone.now())
        .values("page_id")
        .annotate(next_start=Min("start"))
    )
    return {row["page_id"]: row["next_start"] for row in rows}
