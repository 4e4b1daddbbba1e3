"""The word lists places (and events) are filed under, seeded from `places/data/`."""

from __future__ import annotations

import csv
from pathlib import Path

from .models import AccessibilityFeature, PlaceKind, TargetGroup

DATA_DIR = Path(__file__).resolve().parent / "data"
SEEDS = {
    PlaceKind: "kinds.csv",
    TargetGroup: "target_groups.csv",
    AccessibilityFeature: "accessibility_features.csv",
}


def seed_taxonomies(**kwargs) -> None:
    """Create the shipped entries that are missing; never change what coordinators edited."""
    for model, filename in SEEDS.items():
        with (DATA_DIR / filename).open(encoding="utf-8") as file:
            for row in csv.DictReader(file):
                model.objects.get_or_create(
                    slug=row["slug"],
                    defaults={
                        "name_ja": row["name_ja"],
                        "name_en": row["name_en"],
                        "sort_order": int(row["sort_order"]),
                    },
                )
