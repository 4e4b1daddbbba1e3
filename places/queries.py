"""Finding places: the live places of a language, with what a list item shows, and their
distances from a point (the filters of the list, its map and the export are places.filters)."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.models import Locale

from portal.privacy import public

from .geocoding import distance_km
from .models import PlacePage


def live_places(locale: Locale | None = None) -> QuerySet[PlacePage]:
    return public(
        PlacePage.objects.live()
        .filter(locale=locale or Locale.get_active())
        .select_related("kind", "district")
    )


def with_details(queryset: QuerySet[PlacePage]) -> QuerySet[PlacePage]:
    """What a list item shows, fetched in a constant number of queries."""
    return queryset.prefetch_related("target_groups", "accessibility_features", "opening_hours")


def ids_by_distance(
    queryset: QuerySet[PlacePage], latitude: float, longitude: float
) -> list[tuple[int, float]]:
    """(page id, km) nearest first: one query for the positions, sorted in Python
    (a city has thousands of places, not millions)."""
    rows = queryset.filter(latitude__isnull=False).values_list("pk", "latitude", "longitude")
    distances = [(pk, distance_km(latitude, longitude, lat, lon)) for pk, lat, lon in rows]
    return sorted(distances, key=lambda item: item[1])
