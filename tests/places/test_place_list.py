import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from places.models import AccessibilityFeature, PlaceKind, PlaceOpeningHours, TargetGroup

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [place.title for place in response.context["places"]]


def test_places_answer_in_both_languages(client, make_place):
    make_place(title="本庄いきいきサロン")
    assert "本庄いきいきサロン" in client.get("/places/").content.decode()
    assert client.get("/en/places/").status_code == 200


def test_list_filters_by_district(client, make_place, daisan):
    make_place(title="第二のサロン")
    make_place(title="第三のサロン", parent=daisan)
    assert titles(client.get("/places/?district=daisan")) == ["第三のサロン"]


def test_list_filters_by_kind_target_and_feature(client, make_place):
    dining = make_place(title="みんなの食堂", kind=PlaceKind.objects.get(slug="community-dining"))
    dining.target_groups.set([TargetGroup.objects.get(slug="children")])
    dining.accessibility_features.set([AccessibilityFeature.objects.get(slug="step-free")])
    dining.save()
    make_place(title="体操教室")
    assert titles(client.get("/places/?kind=community-dining")) == ["みんなの食堂"]
    assert titles(client.get("/places/?target=children")) == ["みんなの食堂"]
    assert titles(client.get("/places/?feature=step-free")) == ["みんなの食堂"]


def test_list_filters_by_weekday_open(client, make_place):
    tuesday = make_place(title="火曜サロン")
    PlaceOpeningHours.objects.create(page=tuesday, weekday=1, opens="10:00", closes="12:00")
    make_place(title="いつか開くサロン")
    assert titles(client.get("/places/?weekday=1")) == ["火曜サロン"]


def test_near_an_address_sorts_by_distance_and_shows_it(client, make_place):
    make_place(title="遠いサロン", latitude=36.35, longitude=137.99)
    make_place(title="近いサロン", latitude=36.2381, longitude=137.9721)
    response = client.get("/places/", {"near": "松本市役所 本庁舎"})
    assert titles(response) == ["近いサロン", "遠いサロン"]
    assert "0.0 km" in response.content.decode()


def test_near_browser_coordinates_sort_by_distance(client, make_place):
    make_place(title="遠いサロン", latitude=36.35, longitude=137.99)
    make_place(title="近いサロン", latitude=36.2381, longitude=137.9721)
    assert titles(client.get("/places/?lat=36.238&lon=137.972")) == ["近いサロン", "遠いサロン"]


def test_an_address_that_cannot_be_placed_gets_a_message_not_an_error(client, make_place):
    make_place()
    response = client.get("/places/", {"near": "火星オリンポス山"})
    assert response.status_code == 200
    assert "見つかりませんでした" in response.content.decode()


def test_list_embeds_the_map_with_the_same_filters(client, make_place):
    make_place()
    html = client.get("/places/?kind=salon").content.decode()
    assert '<iframe class="map-frame" src="/places/map/?kind=salon"' in html


def test_queries_do_not_grow_with_the_number_of_places(client, make_place, daini):
    for n in range(10):
        make_place(title=f"サロン{n}", slug=f"small-{n}")

    def count(path):
        client.get(path)  # warm Wagtail's cached site root paths, as on a running site
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    small = {path: count(path) for path in ("/places/", "/districts/daini/")}
    for n in range(290):
        make_place(title=f"サロン{n + 10}", slug=f"large-{n}")
    large = {path: count(path) for path in ("/places/", "/districts/daini/")}
    assert large == small


def test_near_a_postcode_says_which_town_it_matched(client, make_place):
    make_place(title="県のサロン")
    html = client.get("/places/", {"near": "３９０－０８１２"}).content.decode()
    assert '<span lang="ja">県</span>（390-0812）付近から近い順' in html


def test_near_a_postcode_says_what_it_matched_in_english(client, make_place):
    make_place(title="県のサロン")
    html = client.get("/en/places/", {"near": "3900812"}).content.decode()
    assert 'Nearest first from around <span lang="ja">県</span> (390-0812)' in html


def test_near_a_facility_says_its_name(client, make_place):
    make_place()
    html = client.get("/places/", {"near": "松本市役所本庁舎"}).content.decode()
    assert '<span lang="ja">松本市役所 本庁舎</span>付近から近い順' in html


def test_near_the_devices_position_says_so(client, make_place):
    make_place()
    assert "現在地から近い順" in client.get("/places/?lat=36.238&lon=137.972").content.decode()


@pytest.mark.parametrize("query", ["near=390-0812", "lat=36.238&lon=137.972", "near=火星"])
def test_a_near_me_list_is_private_and_never_stored(client, make_place, query):
    make_place()
    control = client.get(f"/places/?{query}")["Cache-Control"]
    assert {"private", "no-store"} <= {part.strip() for part in control.split(",")}


def test_a_near_me_list_stays_out_of_the_page_cache(client, make_place, settings):
    from portal import page_cache

    settings.PAGE_CACHE_ENABLED = True
    page_cache.generation.forget()
    make_place()
    client.get("/places/", {"near": "390-0812"})
    assert "X-Page-Cache" not in client.get("/places/", {"near": "390-0812"})
    page_cache.generation.forget()


def test_the_map_and_export_links_of_a_near_me_list_carry_no_address(client, make_place):
    make_place()
    html = client.get("/places/", {"kind": "salon", "near": "390-0812"}).content.decode()
    assert '<iframe class="map-frame" src="/places/map/?kind=salon"' in html
    assert 'href="/places/export.csv?kind=salon"' in html


def test_the_filter_form_lands_on_the_results_heading(client, make_place):
    make_place()
    html = client.get("/places/").content.decode()
    assert 'action="/places/#results"' in html
    assert '<h2 id="results">1 か所</h2>' in html


def test_a_place_card_shows_what_was_published_last(client, daini):
    from tests.places.factories import PlacePageFactory

    place = PlacePageFactory(parent=daini, title="ひだまりサロン")
    place.save_revision().publish()
    client.get("/places/")  # the card is now in the fragment cache
    place.title = "ひだまりサロン（移転しました）"
    place.save_revision().publish()
    assert "ひだまりサロン（移転しました）" in client.get("/places/").content.decode()
