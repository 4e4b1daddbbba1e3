import pytest
from django.utils import translation
from wagtail.models import Locale

from places.models import PlaceKind, PlaceOpeningHours, PlacePage
from portal.translation import publish_translations
from tests.admin_forms import empty_formsets
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_place_page_answers_in_both_languages_with_its_map(client, make_place):
    place = make_place(title="本庄ふれあいサロン")
    publish_translations(place, {"本庄ふれあいサロン": "Honjo Friendship Salon"})
    html = client.get(place.url).content.decode()
    assert "本庄ふれあいサロン" in html
    assert f'src="/maps/places/{place.pk}/"' in html
    english = place.get_translation(Locale.objects.get(language_code="en"))
    response = client.get(english.url)
    assert response.status_code == 200 and "Honjo Friendship Salon" in response.content.decode()
    assert client.get(f"/en/maps/places/{english.pk}/").status_code == 200


def test_place_knows_its_district_in_each_language(make_place):
    place = make_place()
    publish_translations(place, {})
    english = place.get_translation(Locale.objects.get(language_code="en"))
    assert place.district.locale.language_code == "ja"
    assert english.district.locale.language_code == "en"
    assert english.district.slug == "daini"


def test_district_page_lists_its_places_beside_its_map(client, make_place):
    make_place(title="本庄ふれあいサロン")
    html = client.get("/districts/daini/").content.decode()
    assert "本庄ふれあいサロン" in html
    assert 'src="/maps/districts/daini/"' in html


def test_home_page_answers_where_can_i_go(client):
    html = client.get("/").content.decode()
    assert "どこに行けますか？" in html and 'href="/places/"' in html


def test_approximate_place_is_marked_on_its_page(client, make_place):
    place = make_place(address="どこでもない場所", latitude=None, longitude=None)
    assert "地図の位置はおおよそです" in client.get(place.url).content.decode()


def test_place_not_confirmed_for_a_year_asks_to_call_first(client, make_place):
    place = make_place(last_confirmed=None)
    assert "お出かけの前にお電話で" in client.get(place.url).content.decode()


def add_form(**changes):
    data = {
        "title": "新しいサロン",
        "slug": "new-salon",
        "kind": PlaceKind.objects.get(slug="salon").pk,
        "address": "長野県松本市丸の内3番7号",
        **empty_formsets("opening_hours", "photos"),
        "action-publish": "action-publish",
    }
    data.update(changes)
    return data


def test_district_staff_can_add_and_publish_a_place_in_their_district(client, daini):
    client.force_login(UserFactory(district=daini))
    response = client.post(f"/admin/pages/add/places/placepage/{daini.pk}/", add_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    place = PlacePage.objects.get(slug="new-salon")
    assert place.live and place.district_id == daini.pk
    assert place.latitude == 36.23805  # geocoded from the address on save


def test_district_staff_cannot_add_a_place_in_another_district(client, daini, daisan):
    client.force_login(UserFactory(district=daini))
    response = client.post(f"/admin/pages/add/places/placepage/{daisan.pk}/", add_form())
    # Wagtail answers a refused admin view with a redirect to the dashboard (and a message).
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not PlacePage.objects.filter(slug="new-salon").exists()


def test_unplaceable_address_warns_the_staff_member(client, daini):
    client.force_login(UserFactory(district=daini))
    response = client.post(
        f"/admin/pages/add/places/placepage/{daini.pk}/",
        add_form(address="どこでもない場所"),
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("おおよその位置" in m for m in messages)


def test_a_place_moved_to_another_district_takes_that_district(make_place, daisan):
    place = make_place()
    place.move(daisan, pos="last-child")
    assert PlacePage.objects.get(pk=place.pk).district_id == daisan.pk


# --- Text not translated yet ------------------------------------------------------------------


def english_page_html(client, place) -> str:
    return client.get(
        place.get_translation(Locale.objects.get(language_code="en")).url
    ).content.decode()


def test_an_untranslated_fee_on_the_english_page_is_marked_japanese(client, make_place):
    place = make_place(title="本庄ふれあいサロン", fee="100円（お茶代）")
    publish_translations(place, {"本庄ふれあいサロン": "Honjo Friendship Salon"})
    assert '<span lang="ja">100円（お茶代）</span>' in english_page_html(client, place)


def test_the_english_page_says_part_is_not_translated(client, make_place):
    place = make_place(title="本庄ふれあいサロン", fee="100円（お茶代）")
    publish_translations(place, {"本庄ふれあいサロン": "Honjo Friendship Salon"})
    assert "Part of this page has not been translated yet" in english_page_html(client, place)


def test_a_fully_translated_page_says_nothing_of_translation(client, make_place):
    place = make_place(title="本庄ふれあいサロン", summary="", fee="100円")
    publish_translations(place, {"本庄ふれあいサロン": "Honjo Salon", "100円": "100 yen"})
    assert "not been translated" not in english_page_html(client, place)


def test_an_opening_names_its_weekday_in_english_on_english_pages():
    with translation.override("en"):
        assert PlaceOpeningHours(weekday=1).weekday_name == "Tuesday"


def test_an_opening_with_a_stored_value_that_is_no_weekday_shows_the_value():
    assert PlaceOpeningHours(weekday=9).weekday_name == "9"
