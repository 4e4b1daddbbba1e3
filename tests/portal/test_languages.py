"""`portal.languages`: the active language, asked one way."""

from django.utils import translation

from portal.languages import current_language, is_english
from portal.municipality import site_title


def test_a_regional_english_code_counts_as_english():
    with translation.override("en-gb"):
        assert current_language() == "en"


def test_outside_a_request_the_sites_default_language_is_current():
    with translation.override(None):
        assert current_language() == "ja"


def test_japanese_is_not_english():
    with translation.override("ja"):
        assert is_english() is False


def test_mails_are_signed_with_the_city_and_the_portal_in_japanese(db):
    with translation.override("ja"):
        assert site_title().startswith("松本市 ")
