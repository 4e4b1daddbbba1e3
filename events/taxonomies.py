"""The kinds of event, seeded from `events/data/kinds.csv` on migrate."""

from __future__ import annotations

import csv
from pathlib import Path

from .models import EventKind

DATA_DIR = Path(__file__).resolve().parent / "data"


def seed_event_kinds(**kwargs) -> None:
    """Create the shipped kinds that are missing; never change what coordinators edited."""
    with (DATA_DIR / "kinds.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            EventKind.objects.get_or_create(
                slug=row["slug"],
                defaults={
                    "name_ja": row["name_ja"],
                    "name_en": row["name_en"],
                    "sort_order": int(row["sort_order"]),
                },
            )
