"""What volunteering shows through the portal's hooks (volunteers/wagtail_hooks.py): a
district section, a home-page section and the "Volunteer" link of the main navigation."""

from __future__ import annotations

from collections import defaultdict

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from portal.sections import Link

DISTRICT_LIMIT = 6


def list_url(**params) -> str:
    url = reverse("volunteers:list")
    return f"{url}?{urlencode(params)}" if params else url


def district_context(page, request) -> dict | None:
    """The district's opportunities with their next date; None when it has none."""
    from .models import VolunteerOpportunityPage, VolunteerShift

    opportunities = list(
        VolunteerOpportunityPage.objects.live().child_of(page).order_by("path")[:DISTRICT_LIMIT]
    )
    if not opportunities:
        return None
    upcoming = defaultdict(list)
    shifts = VolunteerShift.objects.filter(
        page__locale=Locale.get_default(),
        page__translation_key__in=[o.translation_key for o in opportunities],
        start__gt=timezone.now(),
    ).values_list("page__translation_key", "start", "end")
    for key, start, end in shifts.order_by("start"):
        upcoming[key].append((start, end))
    items = []
    for opportunity in opportunities:
        dates = upcoming.get(opportunity.translation_key, [])
        items.append(
            {
                "page": opportunity,
                "next": dates[0] if dates else None,
                "count": len(dates),
            }
        )
    items.sort(key=lambda item: (item["next"] is None, item["next"] or (0, 0)))
    return {"items": items, "list_url": list_url(district=page.slug)}


def home_context(page, request) -> dict:
    return {"list_url": list_url()}


def navigation_links(request) -> list[Link]:
    return [Link(str(_("Volunteer")), list_url())]
