"""Every user-facing string has its Japanese and English translation."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGS = sorted(settings.BASE_DIR.glob("*/locale/*/LC_MESSAGES/django.po"))


def test_every_app_with_strings_has_both_catalogs():
    apps = {path.parts[-5] for path in CATALOGS}
    for app in apps:
        for language in ("ja", "en"):
            assert (
                settings.BASE_DIR / app / "locale" / language / "LC_MESSAGES/django.po"
            ).exists()


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(Path(*p.parts[-5:])))
def test_catalog_is_complete(path):
    catalog = polib.pofile(str(path))
    assert catalog.untranslated_entries() == []
    assert catalog.fuzzy_entries() == []
