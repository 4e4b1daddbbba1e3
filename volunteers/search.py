"""Volunteer opportunities in the site search (portal/search.py), with their next shift."""

from collections.abc import Sequence

from django.db.models import Min
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from portal import search

from .models import VolunteerOpportunityPage, VolunteerShift


def next_dates(page_ids: Sequence[int]) -> dict:
    """The next shift of each opportunity, in one query."""
    rows = (
        VolunteerShift.objects.filter(page_id__in=page_ids, start__gte=timezone.now())
        .values("page_id")
        .annotate(next_start=Min("start"))
    )
    return {row["page_id"]: row["next_start"] for row in rows}


search.register(
    VolunteerOpportunityPage,
    key="volunteering",
    label=pgettext_lazy("search result type", "Volunteering"),
    fields=["role", "description", "conditions", "venue_name", "contact_name"],
    summary="role",
    district=lambda page: page.get_parent(),
    next_dates=next_dates,
    order=40,
)
