"""Place cards: what a card shows is fetched only for cards missing from the fragment cache."""

import datetime as dt

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from places.cards import card_fragment_key
from places.models import PlaceOpeningHours, PlacePage
from portal.cards import CARD_CACHE


def place_with_hours(make_place, **fields):
    place = make_place(**fields)
    PlaceOpeningHours.objects.create(
        page=place, weekday=1, opens=dt.time(10), closes=dt.time(12), note="第1・第3週"
    )
    return place


def sql_of(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return " ".join(query["sql"] for query in queries)


def test_a_list_whose_cards_are_all_kept_fetches_none_of_their_details(client, make_place):
    place_with_hours(make_place, title="本庄ふれあいサロン")
    client.get("/places/")
    assert "places_placeopeninghours" not in sql_of(client, "/places/")


def test_a_list_whose_cards_are_all_kept_reads_no_kind_of_place(client, make_place):
    make_place(title="本庄ふれあいサロン")
    client.get("/places/")
    assert "places_placekind" not in sql_of(client, "/places/")


def test_a_card_missing_from_the_cache_fetches_its_details(client, make_place):
    place_with_hours(make_place, title="本庄ふれあいサロン")
    assert "places_placeopeninghours" in sql_of(client, "/places/")


def test_a_card_fetched_for_a_miss_shows_its_opening_hours(client, make_place):
    place_with_hours(make_place, title="本庄ふれあいサロン")
    assert "第1・第3週" in client.get("/places/").content.decode()


def test_the_list_stores_each_card_under_the_key_the_list_checks(client, make_place):
    place = make_place(title="本庄ふれあいサロン")
    client.get("/places/")
    listed = PlacePage.objects.get(pk=place.pk)
    listed.distance_km = None
    assert caches[CARD_CACHE].get(card_fragment_key(listed, True)) is not None


def test_a_kept_card_shows_the_summary_published_after_it(client, make_place):
    place = make_place(title="本庄ふれあいサロン", summary="毎週火曜日に集まります。")
    client.get("/places/")
    place.summary = "毎週木曜日に集まります。"
    place.save_revision().publish()
    assert "毎週木曜日に集まります。" in client.get("/places/").content.decode()


def test_a_district_page_keeps_its_place_cards_without_their_details(client, make_place):
    place_with_hours(make_place, title="本庄ふれあいサロン")
    client.get("/districts/daini/")
    assert "places_placeopeninghours" not in sql_of(client, "/districts/daini/")


def test_a_place_page_shown_again_reads_none_of_its_opening_hours(client, make_place):
    place = place_with_hours(make_place, title="本庄ふれあいサロン")
    place.save_revision().publish()
    client.get(place.url)
    assert "places_placeopeninghours" not in sql_of(client, place.url)


def test_a_place_page_shows_the_opening_note_published_after_it_was_kept(client, make_place):
    place = make_place(title="本庄ふれあいサロン", opening_note="祝日はお休みです。")
    client.get(place.url)
    place.opening_note = "祝日も開いています。"
    place.save_revision().publish()
    assert "祝日も開いています。" in client.get(place.url).content.decode()


def test_a_preview_of_a_kept_place_page_shows_the_draft(client, make_place):
    place = make_place(title="本庄ふれあいサロン", summary="毎週火曜日に集まります。")
    client.get(place.url)
    place = PlacePage.objects.get(pk=place.pk)  # as published: the kept fragment's cache_key
    place.summary = "下書き：毎週木曜日に集まります。"
    assert "下書き：毎週木曜日に集まります。" in place.make_preview_request().content.decode()


def test_a_card_names_the_weekday_of_its_opening_hours_in_the_page_language(client, make_place):
    place_with_hours(make_place, title="本庄ふれあいサロン")
    assert "火曜日 " in client.get("/places/").content.decode()
