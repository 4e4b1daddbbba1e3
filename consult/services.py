"""Which windows answer "where do I ask about X in my district?"."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from home.models import DistrictPage

from .models import FIELD_ORDER, ConsultationWindow, Field


@dataclass
class FieldWindows:
    """The windows of one field, for the page's headings."""

    field: str
    label: str
    windows: list[ConsultationWindow] = field(default_factory=list)


def windows_for(district: DistrictPage | None = None, field: str = "") -> QuerySet:
    """The windows serving `district` (those linked to it in any language, and those
    serving the whole city), or every window without a district; of `field` if given."""
    windows = ConsultationWindow.objects.annotate(served=Count("districts"))
    if district is not None:
        windows = windows.filter(
            Q(served=0) | Q(districts__translation_key=district.translation_key)
        ).distinct()
    if field:
        windows = windows.filter(field=field)
    return windows.order_by("sort_order", "pk")


def with_areas(windows: list[ConsultationWindow]) -> list[ConsultationWindow]:
    """`windows`, each with `area`: the names of the districts it serves in the active
    language (empty: the whole city). Districts share their slug across languages."""
    from home.filters import district_choices

    titles = dict(district_choices())
    for window in windows:
        window.area = [titles.get(d.slug, d.title) for d in window.districts.all()]
    return windows


def by_field(windows) -> list[FieldWindows]:
    """`windows` grouped by field in the city's order, fields without a window left out."""
    groups = {value: FieldWindows(value, str(Field(value).label)) for value in FIELD_ORDER}
    for window in windows:
        groups[window.field].windows.append(window)
    return [group for group in groups.values() if group.windows]
