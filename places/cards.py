"""Place cards in lists: what a card shows is fetched only for the cards that are not
already in the fragment cache.

A card (places/includes/place_item.html) is kept in each process's fragment cache
by Wagtail's preview-aware `{% wagtailcache %}`, keyed by `PlacePage.card_key` and
`show_district`. A list of twenty cards, all kept, needs none of their opening
hours, target groups or accessibility features; prefetching them anyway was a
quarter of the places list's time (docs/benchmarks.md). So the lists ask here which
cards are missing, with the same key the tag computes, and prefetch for those only.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.db.models import prefetch_related_objects

from .models import PlacePage

#: The fragment's name and cache, as the card template gives them to `{% wagtailcache %}`.
CARD_FRAGMENT = "place-card"
CARD_CACHE = "page_local"
#: What a card shows beyond the page's own fields (its kind and district are joined).
CARD_DETAILS = ("target_groups", "accessibility_features", "opening_hours")


def card_fragment_key(place: PlacePage, show_district: bool) -> str:
    """The key `{% wagtailcache 600 "place-card" place.card_key show_district %}` uses."""
    return make_template_fragment_key(CARD_FRAGMENT, [place.card_key, show_district])


def with_card_details(
    request, places: Sequence[PlacePage], *, show_district: bool
) -> Sequence[PlacePage]:
    """`places`, with what a card shows prefetched for each card not in the cache (all
    of them in a preview, which bypasses the cache). Call it after setting
    `distance_km`, which is part of the key."""
    missing = list(places)
    if missing and not getattr(request, "is_preview", False):
        keys = {card_fragment_key(place, show_district): place for place in places}
        found = caches[CARD_CACHE].get_many(list(keys))
        missing = [place for key, place in keys.items() if key not in found]
    if missing:
        prefetch_related_objects(missing, *CARD_DETAILS)
    return places
