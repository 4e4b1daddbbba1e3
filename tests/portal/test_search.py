"""Site search in Japanese: /search/ over places and districts, each language its own pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from portal.models import SearchDocument, SearchToken
from portal.translation import publish_translation

pytestmark = pytest.mark.django_db


def titles(client, query, path="/search/", **params):
    response = client.get(path, {"q": query, **params})
    assert response.status_code == 200
    return [item["title"] for item in response.context["items"]]


def test_a_word_inside_a_longer_word_is_found(client, make_place):
    make_place(title="健康体操教室")
    assert titles(client, "体操") == ["健康体操教室"]


def test_the_hiragana_reading_finds_kanji(client, make_place):
    make_place(title="健康体操教室")
    assert titles(client, "たいそう") == ["健康体操教室"]


def test_half_width_katakana_finds_kanji(client, make_place):
    make_place(title="健康体操教室")
    assert titles(client, "ﾀｲｿｳ") == ["健康体操教室"]


def test_katakana_inside_a_word_is_found(client, make_place):
    make_place(title="コミュニティカフェ", summary="どなたでも立ち寄れます。")
    assert titles(client, "カフェ") == ["コミュニティカフェ"]


def test_full_width_latin_and_case_do_not_matter(client, make_place):
    make_place(title="ＮＰＯ法人ひだまり", summary="")
    assert titles(client, "npo") == ["ＮＰＯ法人ひだまり"]


def test_a_district_is_found_by_its_reading(client):
    assert titles(client, "だいにちく", type="districts") == ["第二地区"]


def test_the_summary_is_searched_too(client, make_place):
    make_place(title="ひまわりの会", summary="毎週火曜日に体操とお茶会をしています。")
    assert titles(client, "お茶会") == ["ひまわりの会"]


def test_every_word_must_match(client, make_place):
    make_place(title="健康体操教室", summary="")
    make_place(title="健康料理教室", summary="")
    assert titles(client, "健康 体操") == ["健康体操教室"]


def test_bigrams_found_apart_are_not_a_match(client, make_place):
    make_place(title="かふか文庫", summary="ふぇすてぃばるの会場")
    assert titles(client, "かふぇ") == []


def test_a_single_kanji_is_searched(client, make_place):
    make_place(title="みんなの畑", summary="")
    assert titles(client, "畑") == ["みんなの畑"]


def test_a_single_kana_asks_for_more(client, make_place):
    make_place(title="のびのび広場")
    response = client.get("/search/", {"q": "の"})
    assert response.context["state"] == "too_short"
    assert "もう少し" in response.content.decode()


def test_an_empty_query_shows_how_to_search(client):
    response = client.get("/search/")
    assert response.context["state"] == "empty"
    assert "検索のしかた" in response.content.decode()


def test_title_hits_come_first(client, make_place):
    make_place(title="ひだまりサロン", summary="体操もします。")
    make_place(title="体操クラブ", summary="")
    assert titles(client, "体操") == ["体操クラブ", "ひだまりサロン"]


def test_a_place_is_found_with_its_district_name(client, make_place, daisan):
    make_place(title="体操クラブ本庄", summary="")
    make_place(title="体操クラブ中央", summary="", parent=daisan)
    assert titles(client, "体操 第三地区") == ["体操クラブ中央"]


def test_unpublished_pages_are_not_found(client, make_place):
    place = make_place(title="健康体操教室")
    place.unpublish()
    assert titles(client, "体操") == []


def test_drafts_are_not_found(client, make_place):
    place = make_place(title="健康体操教室")
    place.title = "ヨガ教室"
    place.save_revision()
    assert titles(client, "ヨガ") == []
    assert titles(client, "体操") == ["健康体操教室"]


def test_deleting_a_page_removes_it_from_the_index(client, make_place):
    place = make_place(title="健康体操教室")
    place.delete()
    assert not SearchDocument.objects.filter(pk=place.pk).exists()
    assert not SearchToken.objects.filter(document_id=place.pk).exists()


def test_each_language_searches_its_own_pages(client, make_place):
    place = make_place(title="健康体操教室", summary="")
    publish_translation(
        place, Locale.objects.get(language_code="en"), {"健康体操教室": "Health exercise class"}
    )
    assert titles(client, "exercise", path="/en/search/") == ["Health exercise class"]
    assert titles(client, "exercise") == []


def test_results_are_filtered_by_type(client, make_place):
    make_place(title="第二地区ふれあいサロン")
    assert titles(client, "第二地区", type="places") == ["第二地区ふれあいサロン"]


def test_results_are_filtered_by_district(client, make_place, daisan):
    make_place(title="体操クラブ本庄")
    make_place(title="体操クラブ中央", parent=daisan)
    assert titles(client, "体操", district="daisan") == ["体操クラブ中央"]


def test_results_show_their_type_and_district(client, make_place):
    make_place(title="健康体操教室")
    html = client.get("/search/", {"q": "体操"}).content.decode()
    assert "場所" in html and ">第二地区</a>" in html


def test_a_search_again_reads_no_page_for_its_district_filter(client, make_place):
    make_place(title="健康体操教室")
    client.get("/search/", {"q": "体操"})
    with CaptureQueriesContext(connection) as captured:
        client.get("/search/", {"q": "体操"})
    assert not [q for q in captured if q["sql"].startswith('SELECT "wagtailcore_page"')]


def test_the_district_filter_offers_a_district_whose_first_page_was_published_after_a_search(
    client, make_place, daisan
):
    from portal.models import SearchDocument

    SearchDocument.objects.filter(district=daisan).delete()  # daisan has no page indexed
    client.get("/search/", {"q": "体操"})
    make_place(title="体操クラブ中央", parent=daisan)
    assert titles(client, "体操", district="daisan") == ["体操クラブ中央"]


def test_a_next_date_hook_is_shown(client, make_place):
    import datetime as dt
    from dataclasses import replace

    from wagtail import hooks

    from portal import search

    place = make_place(title="健康体操教室")
    entry = search.type_for(place)
    dated = replace(entry, next_dates=lambda ids: {pk: dt.date(2026, 12, 8) for pk in ids})
    # Registered later under the same key, it replaces the places app's type.
    with hooks.register_temporarily("portal_search_types", lambda: dated):
        html = client.get("/search/", {"q": "体操"}).content.decode()
    assert "2026年12月8日(火)" in html


def test_results_are_paginated(client, make_place):
    for n in range(25):
        make_place(title=f"体操の会{n}", slug=f"taiso-{n}")
    response = client.get("/search/", {"q": "体操", "page": 2})
    assert len(response.context["items"]) == 5


def test_query_count_does_not_grow_with_the_results(client, make_place):
    def count():
        client.get("/search/", {"q": "体操"})  # warm Wagtail's cached site root paths
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/search/", {"q": "体操"}).status_code == 200
        return len(queries)

    for n in range(3):
        make_place(title=f"体操の会{n}", slug=f"few-{n}")
    few = count()
    for n in range(30):
        make_place(title=f"体操クラブ{n}", slug=f"many-{n}")
    assert count() == few


def test_the_search_page_is_not_stored_by_shared_caches(client):
    response = client.get("/search/", {"q": "体操"})
    assert "no-store" in response["Cache-Control"]


def test_the_query_is_not_logged(client, make_place, caplog):
    make_place(title="健康体操教室")
    with caplog.at_level("DEBUG"):
        client.get("/search/", {"q": "認知症の相談"})
    assert "認知症" not in caplog.text


def test_the_search_form_has_a_label(client):
    html = client.get("/search/").content.decode()
    assert '<label class="field__label" for="id_q">' in html


def test_log_lines_never_carry_a_query_string():
    import logging

    from portal.log_filters import RedactQueryStrings

    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"%s" %s %s',
        ("GET /search/?q=%E8%AA%8D%E7%9F%A5%E7%97%87 HTTP/1.1", "200", "512"), None,
    )  # fmt: skip
    RedactQueryStrings().filter(record)
    assert record.getMessage() == '"GET /search/?… HTTP/1.1" 200 512'


def test_type_counts_follow_the_district_filter(client, make_place, daisan):
    make_place(title="体操クラブ本庄")
    make_place(title="体操クラブ中央", parent=daisan)
    response = client.get("/search/", {"q": "体操", "district": "daisan"})
    assert [(f["key"], f["count"]) for f in response.context["type_facets"]] == [("places", 1)]


def test_the_apps_register_their_page_types_in_order():
    from portal import search

    keys = [entry.key for entry in search.searchable_types()]
    assert keys == ["districts", "places", "events", "volunteering"]
