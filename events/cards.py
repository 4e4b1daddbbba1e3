"""Event cards in lists and sections: an occurrence's event, district, venue and target
groups are fetched only for the cards that are not already in the fragment cache
(portal/cards.py, the places' way too).

A card (events/includes/occurrence_item.html) is kept by `{% wagtailcache %}`, keyed
by `EventOccurrence.card_key` and the flags the including template passes. Building
the event, district and venue pages of twenty occurrences (three Wagtail page
objects each) was 40 % of a warm `/events/` although every card was kept
(docs/benchmarks.md). So the lists read light rows first (`light`: the occurrence
and what its key needs) and load in full only the occurrences of missing cards.
"""

from __future__ import annotations

from django.core.cache.utils import make_template_fragment_key
from django.db.models import QuerySet

from portal.cards import cards_to_build

from .models import EventOccurrence
from .queries import with_details, with_pages

#: The fragment's name, as the card template gives it to `{% wagtailcache %}`.
CARD_FRAGMENT = "event-card"
#: What `EventOccurrence.card_key` reads of the event (Wagtail's `Page.cache_key`).
KEY_FIELDS = ("page__url_path", "page__last_published_at")


def light(queryset: QuerySet[EventOccurrence]) -> QuerySet[EventOccurrence]:
    """`queryset` reading only the occurrences and what their cards' keys need."""
    own = [field.attname for field in EventOccurrence._meta.concrete_fields]
    return queryset.select_related(None).select_related("page").only(*own, *KEY_FIELDS)


def card_fragment_key(occurrence: EventOccurrence, **flags) -> str:
    """The key `{% wagtailcache 600 event-card occurrence.card_key show_date show_district
    with_ics level %}` uses; a flag the including template does not pass is ""."""
    parts = [flags.get(name, "") for name in ("show_date", "show_district", "with_ics", "level")]
    return make_template_fragment_key(CARD_FRAGMENT, [occurrence.card_key, *parts])


def with_cards(request, occurrences: list[EventOccurrence], **flags) -> list[EventOccurrence]:
    """`occurrences` (light rows, in order), each one whose card is not in the cache (all of
    them in a preview, which bypasses the cache) replaced by the occurrence with its event,
    district, venue, kind and target groups. `flags` are those the template passes to
    the card: show_date, show_district, with_ics, level."""
    keyed = {card_fragment_key(occurrence, **flags): occurrence for occurrence in occurrences}
    missing = {occurrence.pk: occurrence for occurrence in cards_to_build(request, keyed)}
    if not missing:
        return occurrences
    # Straight from the table (the rows are already chosen): no filter to repeat.
    full = with_details(with_pages(EventOccurrence.objects.all())).in_bulk(list(missing))
    return [full.get(occurrence.pk, occurrence) for occurrence in occurrences]
