"""List cards kept in the fragment cache: which cards of a list must be built.

The lists of places and events (places/cards.py, events/cards.py) keep each card in
each process's fragment cache with Wagtail's preview-aware `{% wagtailcache %}`.
A list first reads light rows (what a card's key needs), asks here which cards
are missing, with the key the template tag computes, and loads only those in full:
building twenty full Wagtail pages for twenty kept cards was most of a warm list's
time (docs/benchmarks.md).
"""

from __future__ import annotations

from typing import TypeVar

from django.core.cache import caches

#: The cache the card templates name (`{% wagtailcache ... using="page_local" %}`).
CARD_CACHE = "page_local"

T = TypeVar("T")


def cards_to_build(request, keyed: dict[str, T]) -> list[T]:
    """The items of `keyed` (fragment key -> item) whose card is not in the cache: all of
    them in a preview, which bypasses the cache."""
    if not keyed or getattr(request, "is_preview", False):
        return list(keyed.values())
    found = caches[CARD_CACHE].get_many(list(keyed))
    return [item for key, item in keyed.items() if key not in found]
