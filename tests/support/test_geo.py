"""Suggesting a district from a postcode or an address, offline (through places/geocoding.py)."""

import pytest

from support.geo import suggest_district

pytestmark = pytest.mark.django_db


def test_a_postcode_names_its_town_in_the_suggestion():
    assert suggest_district(postcode="399-0034").town == "野溝東"


def test_a_postcode_in_full_width_digits_names_its_town():
    assert suggest_district(postcode="３９９００３４").town == "野溝東"


def test_a_postcode_of_another_city_suggests_nothing():
    assert suggest_district(postcode="100-0001") is None


def test_an_unknown_postcode_suggests_nothing():
    assert suggest_district(postcode="390-1234") is None


def test_an_address_names_its_town_in_the_suggestion():
    suggestion = suggest_district(address="長野県松本市島内4970")
    assert (suggestion.town, suggestion.method) == ("島内", "address")


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
