"""What checking a CSV line gives, whatever its layout: a PlaceRow to write or a
RejectedRow with its reasons, the ImportReport, the error for a file that cannot
be imported; and the checks both layouts make (required values, coordinates,
validated cells, the districts and word lists a line is checked against).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from wagtail.models import Locale

from home.models import DistrictPage
from portal.csv_files import unescape_cell

from ..geocoding import distance_km
from ..models import AccessibilityFeature, PlaceKind, TargetGroup

#: What a row can set on a place (PlaceRow.fields names those it does set).
ALL_FIELDS = frozenset(
    {
        "title", "reading", "kind", "district", "target_groups", "summary", "body", "postcode",
        "address", "location", "opening_hours", "opening_note", "fee", "booking_required",
        "accessibility_features", "accessibility_note", "phone", "email", "website",
        "organiser", "organiser_type", "how_to_join", "last_confirmed",
    }
)  # fmt: skip


class PlaceImportError(Exception):
    """A file that cannot be imported at all."""


@dataclass
class PlaceRow:
    line: int
    external_id: str
    district: DistrictPage
    name: str
    name_en: str
    kind: PlaceKind
    target_groups: list[TargetGroup]
    summary: str
    summary_en: str
    postcode: str
    address: str
    latitude: float | None
    longitude: float | None
    opening_hours: list[tuple[int, dt.time, dt.time, str]]
    opening_note: str
    fee: str
    booking_required: bool
    accessibility: list[AccessibilityFeature]
    accessibility_note: str
    phone: str
    email: str
    website: str
    organiser: str
    organiser_type: str
    how_to_join: str
    last_confirmed: dt.date | None
    reading: str = ""
    body: str = ""
    #: The fields this row sets; a place being updated keeps the others.
    fields: frozenset[str] = ALL_FIELDS
    #: A 公共施設一覧 row: what the lossy columns were, to leave a place's richer
    #: opening hours and address alone when the file did not change them.
    facility_hours: tuple[str, str, str, str] | None = None
    facility_address: tuple[str, str] | None = None

    def sets(self, name: str) -> bool:
        return name in self.fields


@dataclass
class RejectedRow:
    line: int
    reasons: list[str]

    def __str__(self) -> str:
        return _("Line %(line)d: %(reasons)s") % {
            "line": self.line,
            "reasons": " ".join(self.reasons),
        }


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)


class WordLists:
    """The database's districts and word lists, read once for a whole file."""

    def __init__(self):
        locale = Locale.get_default()
        self.districts = {d.slug: d for d in DistrictPage.objects.filter(locale=locale)}
        self.kinds = {k.slug: k for k in PlaceKind.objects.all()}
        self.groups = {g.slug: g for g in TargetGroup.objects.all()}
        self.features = {f.slug: f for f in AccessibilityFeature.objects.all()}
        self.features_by_name = {f.name_ja: f for f in self.features.values()}

    def nearest_district(self, latitude: float, longitude: float) -> DistrictPage | None:
        located = [d for d in self.districts.values() if d.latitude is not None]
        return min(
            located,
            key=lambda d: distance_km(latitude, longitude, d.latitude, d.longitude),
            default=None,
        )


def check_required(values: dict[str, str], columns: set[str], reasons: list[str]) -> None:
    """A reason for each of `columns` left empty."""
    for column in sorted(columns):
        if not values[column]:
            reasons.append(_("%(column)s: a value is required.") % {"column": column})


def check_coordinates(
    lat: str, lon: str, reasons: list[str]
) -> tuple[float, float] | tuple[None, None]:
    """Latitude and longitude as numbers in Japan; (None, None) when not given or wrong."""
    if not (lat or lon):
        return None, None
    try:
        latitude, longitude = float(lat), float(lon)
        if not (20 <= latitude <= 46 and 122 <= longitude <= 154):
            raise ValueError
    except ValueError:
        reasons.append(_("latitude/longitude: give both, as decimal degrees in Japan."))
        return None, None
    return latitude, longitude


def check_valid(
    column: str, value: str, validator: Callable[[str], None], reasons: list[str]
) -> None:
    """A reason when a value is given and `validator` (Django's) refuses it."""
    if value:
        try:
            validator(value)
        except Exception:
            reasons.append(_("%(column)s: not valid.") % {"column": column})


def cell(record: dict, column: str) -> str:
    """A cell as typed: without the formula escape the portal's own export adds."""
    return unescape_cell(record.get(column) or "").strip()
