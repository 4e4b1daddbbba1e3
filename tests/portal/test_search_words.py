"""Site search finds what the lists show: type and kind names, organisers, variant
spellings, word forms, phrases, romaji and plurals; a postcode or town offers near-me."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from events.models import EventKind
from portal.translation import publish_translation
from tests.events.factories import EventPageFactory
from tests.volunteers.factories import VolunteerOpportunityPageFactory

pytestmark = pytest.mark.django_db


def titles(client, query, path="/search/", **params):
    response = client.get(path, {"q": query, **params})
    assert response.status_code == 200
    return sorted(item["title"] for item in response.context["items"])


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def make_opportunity(daini):
    def make(**fields):
        return publish(VolunteerOpportunityPageFactory(parent=daini, **fields))

    return make


@pytest.fixture
def make_event(daini):
    def make(**fields):
        return publish(EventPageFactory(parent=daini, **fields))

    return make


# --- Names of types and kinds, organisers ---------------------------------------------------


def test_the_word_naming_a_type_finds_every_page_of_that_type(client, make_opportunity):
    make_opportunity(title="お茶出しのお手伝い", role="お茶出し")
    make_opportunity(title="会場の準備と片付け", role="片付け")
    assert titles(client, "ボランティア") == ["お茶出しのお手伝い", "会場の準備と片付け"]


def test_an_event_is_found_by_the_name_of_its_kind(client, make_event):
    make_event(title="いきいき教室", summary="", kind=EventKind.objects.get(slug="salon"))
    assert titles(client, "お茶会") == ["いきいき教室"]


def test_an_event_is_found_by_its_organiser(client, make_event):
    make_event(title="秋の交流会", summary="", organiser="第二地区社会福祉協議会")
    assert titles(client, "社会福祉協議会") == ["秋の交流会"]


def test_a_volunteer_opportunity_is_found_by_who_runs_it(client, make_opportunity):
    make_opportunity(title="受付のお手伝い", contact_name="NPO法人ひだまり")
    assert titles(client, "ひだまり") == ["受付のお手伝い"]


# --- Spellings that readers take as one ------------------------------------------------------


def test_kodomo_in_kanji_finds_it_written_with_kana(client, make_place):
    make_place(title="子ども食堂あおぞら", summary="")
    make_place(title="こどもプラザ本庄", summary="")
    assert titles(client, "子供") == ["こどもプラザ本庄", "子ども食堂あおぞら"]


def test_kodomo_with_kana_finds_it_written_in_kanji(client, make_place):
    make_place(title="本庄子供会", summary="")
    assert titles(client, "子ども") == ["本庄子供会"]


@pytest.mark.parametrize("query", ["蟻ヶ崎", "蟻ケ崎", "蟻が崎", "ありがさき"])
def test_the_small_ke_of_a_place_name_is_one_letter(client, make_place, query):
    make_place(title="蟻ケ崎ふれあいサロン", summary="")
    assert titles(client, query) == ["蟻ケ崎ふれあいサロン"]


def test_full_width_digits_find_a_number_written_in_kanji(client):
    assert titles(client, "第２地区", type="districts") == ["第二地区"]


def test_a_number_in_kanji_finds_it_written_in_digits(client, make_place):
    make_place(title="本庄2丁目サロン", summary="")
    assert titles(client, "本庄二丁目") == ["本庄2丁目サロン"]


# --- Word forms, phrases ---------------------------------------------------------------------


def test_a_word_finds_its_longer_form(client, make_place):
    make_place(title="高齢者サロン", summary="")
    assert titles(client, "高齢") == ["高齢者サロン"]


def test_a_word_with_its_ending_finds_the_word_without_it(client, make_place):
    make_place(title="高齢の方の体操教室", summary="")
    assert titles(client, "高齢者") == ["高齢の方の体操教室"]


def test_a_phrase_in_quotes_must_occur_as_typed(client, make_place):
    make_place(title="お茶 会の集い", summary="")
    make_place(title="お茶と体操の会", summary="")
    assert titles(client, "“お茶 会”") == ["お茶 会の集い"]


def test_the_same_words_without_quotes_may_stand_apart(client, make_place):
    make_place(title="お茶 会の集い", summary="")
    make_place(title="お茶と体操の会", summary="")
    assert titles(client, "お茶 会") == ["お茶 会の集い", "お茶と体操の会"]


# --- Romaji and English ----------------------------------------------------------------------


def test_romaji_finds_kanji_through_its_reading(client, make_place):
    make_place(title="健康体操教室", summary="")
    assert titles(client, "taisou") == ["健康体操教室"]


def test_romaji_without_its_long_vowels_finds_kanji(client, make_place):
    make_place(title="本庄公民館", summary="")
    assert titles(client, "kominkan", type="places") == ["本庄公民館"]


def test_an_english_plural_finds_the_singular(client, make_place):
    place = make_place(title="ひだまりサロン", summary="")
    publish_translation(
        place, Locale.objects.get(language_code="en"), {"ひだまりサロン": "Hidamari salon"}
    )
    assert titles(client, "salons", path="/en/search/") == ["Hidamari salon"]


def test_an_english_singular_finds_a_plural_in_ies(client, make_place):
    place = make_place(title="家族のつどい", summary="")
    publish_translation(
        place, Locale.objects.get(language_code="en"), {"家族のつどい": "Gathering for families"}
    )
    assert titles(client, "family", path="/en/search/") == ["Gathering for families"]


# --- Postcodes and towns lead to near-me -----------------------------------------------------


def shortcut_links(client, query, path="/search/"):
    response = client.get(path, {"q": query})
    return [(link.url, str(link.label)) for link in response.context["shortcuts"]]


def test_a_postcode_offers_the_places_near_it(client):
    assert shortcut_links(client, "３９０－０８１２") == [
        (
            "/places/?near=390-0812#results",
            '<span lang="ja">県</span>（390-0812）付近の場所を近い順に見る',
        )
    ]


def test_a_town_name_offers_the_places_near_it_in_english(client):
    assert shortcut_links(client, "本庄", path="/en/search/") == [
        (
            "/en/places/?near=%E6%9C%AC%E5%BA%84#results",
            'Places near <span lang="ja">本庄</span>, nearest first',
        )
    ]


def test_a_town_name_keeps_its_search_results_under_the_link(client, make_place):
    make_place(title="本庄公民館", summary="")
    response = client.get("/search/", {"q": "本庄"})
    html = response.content.decode()
    assert html.index('href="/places/?near=') < html.index("本庄公民館</a>")


def test_an_ordinary_word_offers_no_near_me(client):
    assert shortcut_links(client, "体操") == []


# --- Cost ------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["taisou", "高齢者 サロン", "“お茶 会”"])
def test_query_count_does_not_grow_with_the_results_whatever_the_forms(client, make_place, query):
    def count():
        client.get("/search/", {"q": query})  # warm Wagtail's cached site root paths
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/search/", {"q": query}).status_code == 200
        return len(queries)

    make_place(title="高齢者サロン お茶 会 体操", slug="few-0")
    few = count()
    for n in range(20):
        make_place(title=f"高齢者サロン お茶 会 体操{n}", slug=f"many-{n}")
    assert count() == few
