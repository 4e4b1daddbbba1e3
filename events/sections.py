"""What `events/` shows on the home, district and place pages, and its navigation link
(registered in events/wagtail_hooks.py)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.page_cache import depends_on
from portal.sections import Link

#: How many next occurrences a section shows.
NEXT_LIMIT = 5


def _next(request, locale, card: dict, **narrowed_by) -> list:
    """The next occurrences narrowed by `narrowed_by`, with what their cards show where a
    card is not kept; `card`: the flags the section's template gives each card."""
    from .cards import light, with_cards
    from .queries import occurrences

    rows = list(light(occurrences(locale).filter(**narrowed_by))[:NEXT_LIMIT])
    return with_cards(request, rows, **card)


def district_events(page, request) -> dict:
    today = timezone.localdate()
    return {
        "district": page,
        "occurrences": _next(
            request, page.locale, {"show_date": True, "level": 3}, page__district__slug=page.slug
        ),
        "all_url": reverse("events:list") + f"?district={page.slug}",
        "calendar_url": reverse("events:calendar") + f"?district={page.slug}",
        "feed_url": reverse("events:district_feed", kwargs={"slug": page.slug}),
        "flyer_url": reverse("events:flyer", kwargs={"slug": page.slug}) + f"?month={today:%Y-%m}",
    }


def home_events(page, request) -> dict:
    depends_on("events")  # the home page shows the city's next events
    return {
        "occurrences": _next(
            request, page.locale, {"show_date": True, "show_district": True, "level": 3}
        ),
        "list_url": reverse("events:list"),
        "calendar_url": reverse("events:calendar"),
    }


def place_events(page, request) -> dict | None:
    """A place's next events (those held there); nothing when there are none."""
    if page is None or getattr(page, "pk", None) is None:
        return None
    upcoming = _next(request, page.locale, {"show_date": True, "level": 3}, page__venue_id=page.pk)
    if not upcoming:
        return None
    return {"place": page, "occurrences": upcoming}


def events_link(request) -> list[Link]:
    return [Link(str(_("Events")), reverse("events:list"))]
