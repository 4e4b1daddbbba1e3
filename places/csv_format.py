"""The portal's own place format: what `/places/export.csv` writes and `import_places` reads.

One place a line, UTF-8 with a BOM (so that Japanese Excel opens it), the
columns below in this order. Lists (target groups, accessibility features)
are slugs separated by `|`; opening hours are `tue 10:00-12:00 第1・第3週`
entries separated by `|`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from django.conf import settings

from portal.csv_files import write_dict_csv

from .models import OrganiserType, PlacePage

COLUMNS = [
    "external_id",
    "district",
    "name",
    "name_en",
    "reading",
    "kind",
    "target_groups",
    "summary",
    "summary_en",
    "postcode",
    "address",
    "latitude",
    "longitude",
    "opening_hours",
    "opening_note",
    "fee",
    "booking_required",
    "accessibility",
    "accessibility_note",
    "phone",
    "email",
    "website",
    "organiser",
    "organiser_type",
    "how_to_join",
    "last_confirmed",
    "url",
]
WEEKDAY_CODES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
HOURS_RE = re.compile(
    r"^(?P<day>mon|tue|wed|thu|fri|sat|sun)\s+(?P<opens>\d{1,2}:\d{2})\s*-\s*(?P<closes>\d{1,2}:\d{2})(?:\s+(?P<note>.+))?$"
)
ORGANISER_TYPES = {choice.value for choice in OrganiserType}


def format_hours(rows) -> str:
    return "|".join(
        f"{WEEKDAY_CODES[row.weekday]} {row.opens:%H:%M}-{row.closes:%H:%M}"
        + (f" {row.note}" if row.note else "")
        for row in rows
    )


def parse_hours(text: str) -> list[tuple[int, dt.time, dt.time, str]]:
    """`tue 10:00-12:00 第1週|fri 13:30-15:00` -> rows; raises ValueError naming the bad entry."""
    hours = []
    for entry in filter(None, (part.strip() for part in text.split("|"))):
        match = HOURS_RE.match(entry)
        if not match:
            raise ValueError(entry)
        opens = dt.time.fromisoformat(match["opens"].zfill(5))
        closes = dt.time.fromisoformat(match["closes"].zfill(5))
        if closes <= opens:
            raise ValueError(entry)
        hours.append((WEEKDAY_CODES.index(match["day"]), opens, closes, match["note"] or ""))
    return hours


def export_rows(places: Iterable[PlacePage]) -> Iterator[dict[str, str]]:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for place in places:
        english = getattr(place, "english_title", "")
        yield {
            "external_id": place.external_id or f"portal-{place.translation_key}",
            "district": place.district.slug if place.district else "",
            "name": place.title,
            "name_en": english,
            "reading": place.reading,
            "kind": place.kind.slug,
            "target_groups": "|".join(group.slug for group in place.target_groups.all()),
            "summary": place.summary,
            "summary_en": getattr(place, "english_summary", ""),
            "postcode": place.postcode,
            "address": place.address,
            "latitude": "" if place.latitude is None else f"{place.latitude:.6f}",
            "longitude": "" if place.longitude is None else f"{place.longitude:.6f}",
            "opening_hours": format_hours(place.opening_hours.all()),
            "opening_note": place.opening_note,
            "fee": place.fee,
            "booking_required": "yes" if place.booking_required else "no",
            "accessibility": "|".join(f.slug for f in place.accessibility_features.all()),
            "accessibility_note": place.accessibility_note,
            "phone": place.phone,
            "email": place.email,
            "website": place.website,
            "organiser": place.organiser,
            "organiser_type": place.organiser_type,
            "how_to_join": place.how_to_join,
            "last_confirmed": place.last_confirmed.isoformat() if place.last_confirmed else "",
            "url": base + place.url if place.url else "",
        }


def write_csv(stream, rows: Iterable[dict[str, str]]) -> None:
    """The portal's place layout, through the one CSV writer (formula cells escaped)."""
    write_dict_csv(stream, COLUMNS, rows)
