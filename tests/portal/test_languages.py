"""`portal.languages` and `portal.municipality`: the active language, asked one way."""

from django.test import override_settings
from django.utils import translation

from portal.languages import current_language, is_english
from portal.municipality import city_name, site_title


def test_a_regional_english_code_counts_as_english():
    with translation.override("en-gb"):
        assert current_language() == "en"


def test_outside_a_request_the_sites_default_language_is_current():
    with translation.override(None):
        assert current_language() == "ja"


def test_japanese_is_not_english():
    with translation.override("ja"):
        assert is_english() is False


@override_settings(MUNICIPALITY={"name_ja": "安曇野市", "name_en": "Azumino City"})
def test_the_city_is_named_in_the_active_language():
    with translation.override("en"):
        assert city_name() == "Azumino City"


@override_settings(MUNICIPALITY={"name_ja": "安曇野市", "name_en": "Azumino City"})
def test_a_language_given_outright_wins_over_the_active_one():
    with translation.override("en"):
        assert city_name("ja") == "安曇野市"


def test_mails_are_signed_with_the_city_and_the_portal_in_japanese():
    with translation.override("ja"):
        assert site_title().startswith("松本市 ")
