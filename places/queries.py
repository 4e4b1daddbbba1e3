"""Finding places: the one filter used by the list, its map and the export."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from wagtail.models import Locale

from .geocoding import distance_km
from .models import PlacePage


def live_places(locale: Locale | None = None) -> QuerySet[PlacePage]:
    return (
        PlacePage.objects.live()
        .public()
        .filter(locale=locale or Locale.get_active())
        .select_related("kind", "district")
    )


def with_details(queryset: QuerySet[PlacePage]) -> QuerySet[PlacePage]:
    """What a list item shows, fetched in a constant number of queries."""
    return queryset.prefetch_related("target_groups", "accessibility_features", "opening_hours")


@dataclass(frozen=True)
class PlaceFilters:
    district: str = ""
    kind: str = ""
    target: str = ""
    feature: str = ""
    weekday: int | None = None

    def apply(self, queryset: QuerySet[PlacePage]) -> QuerySet[PlacePage]:
        if self.district:
            queryset = queryset.filter(district__slug=self.district)
        if self.kind:
            queryset = queryset.filter(kind__slug=self.kind)
        if self.target:
            queryset = queryset.filter(target_groups__slug=self.target)
        if self.feature:
            queryset = queryset.filter(accessibility_features__slug=self.feature)
        if self.weekday is not None:
            queryset = queryset.filter(opening_hours__weekday=self.weekday)
        return queryset.distinct()


def ids_by_distance(
    queryset: QuerySet[PlacePage], latitude: float, longitude: float
) -> list[tuple[int, float]]:
    """(page id, km) nearest first: one query for the positions, sorted in Python
    (a city has thousands of places, not millions)."""
    rows = queryset.filter(latitude__isnull=False).values_list("pk", "latitude", "longitude")
    distances = [(pk, distance_km(latitude, longitude, lat, lon)) for pk, lat, lon in rows]
    return sorted(distances, key=lambda item: item[1])
