"""Suggesting a district from a postcode or an address, offline."""

import pytest

from support.geo import suggest_district, town_from_address, town_from_postcode

pytestmark = pytest.mark.django_db


def test_a_postcode_gives_its_town():
    assert town_from_postcode("399-0034") == "野溝東"


def test_a_postcode_in_full_width_digits_gives_its_town():
    assert town_from_postcode("３９９００３４") == "野溝東"


def test_a_postcode_of_another_city_gives_nothing():
    assert town_from_postcode("100-0001") == ""


def test_an_unknown_postcode_gives_nothing():
    assert town_from_postcode("390-1234") == ""


def test_an_address_gives_its_town():
    assert town_from_address("長野県松本市島内4970") == "島内"


def test_the_nearest_hub_is_suggested_from_the_postcode():
    suggestion = suggest_district(postcode="399-0034")
    assert suggestion.district.slug == "yoshikawa"
    assert suggestion.method == "postcode"
    assert "職員が確認" in suggestion.note()


def test_the_nearest_hub_is_suggested_from_the_address():
    suggestion = suggest_district(address="梓川梓2285")
    assert suggestion.district.slug == "azusagawa"


def test_a_neighbourhood_association_name_names_its_district():
    suggestion = suggest_district(address="南松本1丁目のあたり")
    assert suggestion.district.slug == "shonan"
    assert suggestion.method == "association"


def test_nothing_is_suggested_without_a_clue():
    assert suggest_district(postcode="", address="わかりません") is None
