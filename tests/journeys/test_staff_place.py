"""Journey 5: district staff (第二地区's) at a desktop create a place with a Japanese title and
only an address in the Wagtail admin, publish it, translate its title into English as the
staff guide says (§4, §5), and see it on the place list and its map in both languages.

Staff type a Japanese title and no slug (the portal derives one), choose the kind, type the
address and no coordinates (the portal places it); a new place is not at once "may be out
of date" (最終確認日 defaults to today). On the way, the dashboard (in Japanese) lists the
district's places not confirmed for a year.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.journeys.conftest import sign_in

pytestmark = pytest.mark.journey

TITLE = "本庄ふれあい茶房"
TITLE_EN = "Honjo Friendship Tea Room"
ADDRESS = "長野県松本市本庄1-5-8"
OUTDATED = "この情報は古い可能性があります"
STALE_PLACE = "第二地区みんなの食堂"  # the demo's, last confirmed 2025-09-01


def open_district_in_explorer(journey, district: str) -> None:
    """ページ → 地区から探す → the district, through the sidebar's page explorer."""
    sidebar = journey.page.locator("#wagtail-sidebar")
    sidebar.get_by_role("button", name="ページ").click()
    sidebar.get_by_role("link", name=re.compile("参加支援ポータル'の子ページを閲覧する")).click()
    sidebar.get_by_role("link", name="'地区から探す'の子ページを閲覧する").click()
    journey.follow(sidebar.get_by_role("link", name=district, exact=True))


def create_place(journey) -> None:
    journey.follow(journey.page.get_by_role("link", name="子ページを追加"))
    journey.follow(journey.page.get_by_role("link", name="場所", exact=True))
    form = journey.page.locator("form#page-edit-form")
    form.locator("#id_title").fill(TITLE)
    form.locator("#id_kind").select_option(label="通いの場・サロン")
    form.locator("#id_address").fill(ADDRESS)
    journey.page.get_by_role("button", name="他のアクション").click()
    journey.follow(journey.page.get_by_role("button", name="公開"))


def translate_title_into_english(journey) -> None:
    """Translate this page → English → the title in English → Publish in English."""
    row = journey.page.locator("main tr", has_text=TITLE)
    row.get_by_role("button", name=re.compile(TITLE)).click()
    journey.follow(row.locator("a[href*='/admin/localize/submit/page/']"))
    journey.page.get_by_label("English").check()
    journey.follow(journey.page.locator("main [type=submit]").first)
    editor = journey.page.locator("main")
    editor.get_by_role("button", name=re.compile("^(Translate|翻訳)$")).first.click()
    editor.locator("textarea").first.fill(TITLE_EN)
    editor.get_by_role("button", name="保存").first.click()
    expect(editor).to_contain_text(TITLE_EN)
    # wagtail-localize's own words, in English until the portal gives them in Japanese.
    publish = re.compile(r"^(Publish in |公開する言語：)(English|英語)$")
    journey.follow(journey.page.get_by_role("button", name=publish))


def expect_on_list_and_map(journey, title: str) -> None:
    expect(journey.page.locator("main .card__title", has_text=title)).to_have_count(1)
    # The map's markers are data in its script (names are set as text when a marker opens).
    map_document = journey.page.locator("main iframe").first.element_handle().content_frame()
    assert title in map_document.content(), f"{title} is not on the map {map_document.url}"


def test_district_staff_create_a_place_with_a_japanese_title_and_see_it_in_both_languages(
    new_journey, portal_server
):
    journey = new_journey("ja", 1280)
    sign_in(journey, portal_server.district_staff_username, portal_server.staff_password)
    # The dashboard, in Japanese, lists the district's places to confirm (staff guide §6).
    expect(journey.page.locator("#wagtail-sidebar")).not_to_contain_text("Help")
    to_confirm = journey.page.locator("main section").filter(
        has=journey.page.get_by_role("heading", name="確認が必要な場所")
    )
    expect(to_confirm.last).to_contain_text(STALE_PLACE)
    open_district_in_explorer(journey, "第二地区")

    create_place(journey)
    expect(journey.page.locator(".messages")).to_contain_text(TITLE)
    expect(journey.page.locator("main tr", has_text=TITLE)).to_have_count(1)

    translate_title_into_english(journey)
    expect(journey.page.locator(".messages")).to_contain_text(TITLE_EN)
    journey.follow_into_new_tab(
        journey.page.locator("a[target=_blank][href^='/en/districts/']").filter(visible=True)
    )
    expect(journey.page.locator("main h1")).to_have_text(TITLE_EN)

    journey.follow(journey.page.locator("header nav a", has_text="Places"))
    expect_on_list_and_map(journey, TITLE_EN)
    journey.follow(journey.page.locator("header a[hreflang=ja]"))
    expect_on_list_and_map(journey, TITLE)
    journey.follow(journey.page.locator("main .card__title a", has_text=TITLE))
    expect(journey.main()).to_contain_text(ADDRESS)
    expect(journey.main()).not_to_contain_text(OUTDATED)
