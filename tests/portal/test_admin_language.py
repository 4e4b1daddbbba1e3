"""District staff meet the Wagtail admin in Japanese, whatever their browser's language."""

import json
from pathlib import Path

import polib
import pytest
import wagtail
import wagtail_localize
from django.conf import settings
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db

OVERRIDES = Path(settings.LOCALE_PATHS[0]) / "ja" / "LC_MESSAGES"


def test_the_staff_dashboard_counts_pages_in_japanese(daini_staff_client):
    html = daini_staff_client.get("/admin/").content.decode()
    assert 'ページ<span class="w-sr-only">' in html


def escaped(text: str) -> str:
    """`text` as the admin's scripts receive it (JSON with \\u escapes)."""
    return json.dumps(text)[1:-1]


def test_the_help_menu_is_in_japanese(daini_staff_client):
    # The sidebar is drawn by a script from JSON in the page.
    html = daini_staff_client.get("/admin/").content.decode()
    assert f'"name": "help", "label": "{escaped("ヘルプ")}"' in html


def test_the_admin_is_japanese_for_a_browser_set_to_english(daini_staff_client):
    response = daini_staff_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="ja"' in response.content.decode()


def test_a_staff_member_who_chose_english_gets_english(daini_staff_client, daini_staff):
    profile = UserProfile.get_for_user(daini_staff)
    profile.preferred_language = "en"
    profile.save()
    assert '<html lang="en"' in daini_staff_client.get("/admin/").content.decode()


def test_the_editor_says_autosave_is_paused_in_japanese(daini_staff_client, daini):
    html = daini_staff_client.get(f"/admin/pages/add/places/placepage/{daini.pk}/").content.decode()
    assert "自動保存は<span>一時停止中</span>です" in html


def test_the_admin_scripts_get_japanese_too(daini_staff_client):
    assert escaped("すべて折りたたむ") in daini_staff_client.get("/admin/jsi18n/").content.decode()


def wagtail_msgids(domain: str) -> set[str]:
    ids = set()
    for package in (wagtail, wagtail_localize):
        root = Path(package.__file__).parent
        for path in root.glob(f"**/locale/en/LC_MESSAGES/{domain}.po"):
            ids |= {entry.msgid for entry in polib.pofile(str(path))}
    return ids


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_override_catalog_holds_only_strings_wagtail_still_uses(domain):
    # After a Wagtail upgrade, an entry Wagtail no longer has is dead weight.
    ours = {entry.msgid for entry in polib.pofile(str(OVERRIDES / f"{domain}.po"))}
    assert ours - wagtail_msgids(domain) == set()


def test_the_override_catalog_never_overrides_the_portals_own_strings():
    portal = set()
    for path in settings.BASE_DIR.glob("*/locale/ja/LC_MESSAGES/django.po"):
        portal |= {entry.msgid for entry in polib.pofile(str(path))}
    ours = {entry.msgid for entry in polib.pofile(str(OVERRIDES / "django.po"))}
    assert ours & portal == set()


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_override_catalog_is_complete(domain):
    catalog = polib.pofile(str(OVERRIDES / f"{domain}.po"))
    assert catalog.untranslated_entries() == [] and catalog.fuzzy_entries() == []
