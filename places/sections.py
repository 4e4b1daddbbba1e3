"""What `places/` shows on the home and district pages, and its navigation link
(registered in places/wagtail_hooks.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.sections import Link

DISTRICT_LIST_LIMIT = 50


def district_places(page, request) -> dict:
    from .cards import light, with_cards
    from .queries import live_places

    rows = light(live_places(page.locale).filter(district=page)).order_by("title")
    places = with_cards(request, list(rows[:DISTRICT_LIST_LIMIT]), show_district=False)
    return {
        "district": page,
        "places": places,
        "map_url": reverse("places:district_map", kwargs={"slug": page.slug}),
        "all_url": reverse("places:list") + f"?district={page.slug}",
    }


def which_district(page, request) -> dict:
    from .views import WhichDistrictForm

    return {"form": WhichDistrictForm()}


def home_places(page, request) -> dict:
    return {"list_url": reverse("places:list"), "map_url": reverse("places:districts_map")}


def places_link(request) -> list[Link]:
    return [Link(str(_("Places to go")), reverse("places:list"))]
