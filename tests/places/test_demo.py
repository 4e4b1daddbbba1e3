"""The demo places as a city would show them: no place twice, each in its own district, every
kind of place the city's support system names, English where the demo has it."""

import csv
import io

import pytest
from django.test import override_settings
from django.utils import translation
from wagtail.models import Locale

from places.demo import demo_csv, load_demo_places
from places.models import PlacePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows():
    """Every row the demo loader imports (the whole city), without importing them."""
    return list(csv.DictReader(io.StringIO(demo_csv())))


def facilities(rows):
    return [row for row in rows if row["external_id"].startswith("demo-facility-")]


def hubs(rows):
    return [row for row in rows if row["external_id"].startswith("demo-hub-")]


@pytest.mark.parametrize("district", ["daisan", "chuo", "niimura"])
def test_a_districts_welfare_hub_is_listed_once(rows, district):
    named = [
        row["name"] for row in rows if row["district"] == district and "福祉ひろば" in row["name"]
    ]
    assert len(named) == 1, named


def test_no_facility_is_listed_again_at_a_hubs_address(rows):
    addresses = {row["address"] for row in hubs(rows)}
    assert [row["name"] for row in facilities(rows) if row["address"] in addresses] == []


def test_every_facility_is_filed_under_its_district_not_the_nearest_hub(rows):
    districts = {row["name"]: row["district"] for row in facilities(rows)}
    assert (districts["城東地区福祉ひろば"], districts["小宮こどもプラザ"]) == ("joto", "shimauchi")


def test_the_demo_has_community_activity_support_centres(rows):
    assert len([row for row in rows if row["kind"] == "activity-support"]) >= 5


@pytest.fixture
def loaded():
    with override_settings(DEMO_DISTRICTS="daini,joto"):
        list(load_demo_places())
    return PlacePage.objects.filter(locale=Locale.get_default())


def test_the_loaded_demo_files_jotos_welfare_hub_under_joto(loaded):
    assert loaded.get(title="城東地区福祉ひろば").get_parent().slug == "joto"


def test_the_loaded_demos_english_salon_shows_its_fee_in_english(loaded):
    english = PlacePage.objects.get(external_id="demo-salon-daini", locale__language_code="en")
    with translation.override("en"):
        assert english.fee == "100 yen (for tea)"
