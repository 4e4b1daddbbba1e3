"""Journey 7: a resident asks for help on the intake form; district staff (第二地区's) at a
desktop find the request in the case list and work it from 受付 (received) to
フォローアップ (follow-up): they become its lead, then move it one status at a time.

The case list opens on the open cases; after フォローアップ the next status is not chosen for
them (one careless click must not close a case).
"""

import pytest
from playwright.sync_api import expect

from tests.journeys.conftest import sign_in

pytestmark = pytest.mark.journey

#: received → contacted → matching → participating → follow_up (support/choices.py).
TO_FOLLOW_UP = [
    ("contacted", "連絡済み"),
    ("matching", "参加先の調整"),
    ("participating", "参加中"),
    ("follow_up", "フォローアップ"),
]


def ask_for_help(journey) -> str:
    """A resident of 第二地区 sends the intake form; the reference the thanks page shows."""
    journey.start()
    journey.follow(journey.page.locator("main a[href='/support/']").first)
    form = journey.page.locator("main form.intake-form")
    form.get_by_label("本人", exact=True).check()
    form.get_by_label("参加したい方（ご本人）のお名前").fill("架空 春子")
    form.get_by_label("お名前のよみがな").fill("かくう はるこ")
    form.get_by_label("ご本人が住んでいる地区").select_option(label="第二地区")
    form.get_by_label("電話番号").fill("090-0000-2468")
    form.get_by_label("電話", exact=True).check()
    form.get_by_label("体操・健康づくり").check()
    form.get_by_label("この申し込みについて、地区の職員から連絡を受けることに同意します。").check()
    journey.follow(form.get_by_role("button", name="申し込む"))
    return journey.page.locator("main .reference-box__number").inner_text()


def shown_status(journey):
    """The case page's summary: Reference, then Status."""
    return journey.page.locator("main .support-summary .support-facts > dd").nth(1)


def test_staff_work_a_case_from_received_to_follow_up(new_journey, portal_server):
    reference = ask_for_help(new_journey("ja", 1280))

    journey = new_journey("ja", 1280)
    sign_in(journey, portal_server.district_staff_username, portal_server.staff_password)
    sidebar = journey.page.locator("#wagtail-sidebar")
    sidebar.get_by_role("button", name="参加支援").click()
    journey.follow(sidebar.get_by_role("link", name="ケース一覧"))
    filters = journey.page.locator("main form.support-filters")
    expect(filters.locator("select[name=status]")).to_have_value("open")

    search = journey.page.locator("main form[role=search]")
    search.locator("input[name=q]").fill(reference)
    journey.follow(search.get_by_role("button", name="探す"))
    journey.follow(journey.page.locator("main table.support-table a", has_text=reference))
    expect(shown_status(journey)).to_have_text("受付")

    assign = journey.page.locator("main section#assign")
    assign.get_by_label("主担当").select_option(label=portal_server.district_staff_username)
    journey.follow(assign.get_by_role("button", name="保存"))
    expect(assign.get_by_label("主担当")).to_have_value(
        assign.get_by_label("主担当")
        .locator("option", has_text=portal_server.district_staff_username)
        .get_attribute("value")
    )

    status = journey.page.locator("main section#status")
    for value, label in TO_FOLLOW_UP:
        status.get_by_label("新しい状態").select_option(value)
        status.get_by_label("メモ").fill(f"{label}にしました。")
        journey.follow(status.get_by_role("button", name="状態を変える"))
        expect(shown_status(journey)).to_have_text(label)

    expect(status.get_by_label("新しい状態")).not_to_have_value("closed")
