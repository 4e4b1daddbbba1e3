"""Place cards in lists: a place is loaded in full only for the cards that are not
already in the fragment cache (portal/cards.py, the events' way too).

A card (places/includes/place_item.html) is kept by `{% wagtailcache %}`, keyed by
`PlacePage.card_key` and `show_district`. A list of thirty cards, all kept, needs
none of their kinds, districts, opening hours, target groups or accessibility
features; so the lists read light rows (`light`) and `with_cards` loads the
missing ones with all they show.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.cache.utils import make_template_fragment_key
from django.db.models import QuerySet

from portal.cards import cards_to_build

from .models import PlacePage
from .queries import with_details

#: The fragment's name, as the card template gives it to `{% wagtailcache %}`.
CARD_FRAGMENT = "place-card"
#: What `PlacePage.card_key` reads of the page (Wagtail's `Page.cache_key`).
KEY_FIELDS = ("url_path", "last_published_at")


def light(queryset: QuerySet[PlacePage]) -> QuerySet[PlacePage]:
    """`queryset` reading only what the places' card keys need."""
    return queryset.select_related(None).only(*KEY_FIELDS)


def card_fragment_key(place: PlacePage, show_district: bool) -> str:
    """The key `{% wagtailcache 600 "place-card" place.card_key show_district %}` uses."""
    return make_template_fragment_key(CARD_FRAGMENT, [place.card_key, show_district])


def with_cards(request, places: Sequence[PlacePage], *, show_district: bool) -> list[PlacePage]:
    """`places` (light rows, in order), each one whose card is not in the cache replaced by
    the place with its kind, district and details. Call it after setting `distance_km`,
    which is part of the key."""
    keyed = {card_fragment_key(place, show_district): place for place in places}
    missing = {place.pk: place for place in cards_to_build(request, keyed)}
    if not missing:
        return list(places)
    full = with_details(PlacePage.objects.select_related("kind", "district")).in_bulk(list(missing))
    for pk, place in full.items():
        place.distance_km = getattr(missing[pk], "distance_km", None)
    return [full.get(place.pk, place) for place in places]
