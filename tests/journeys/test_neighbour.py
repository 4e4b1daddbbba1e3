"""Journey 4: a neighbour on a phone, in Japanese, asks for help for someone else through the
intake form, then reloads the thank-you page: the page shows the same reference again, so
the reload made no second case.

The neighbour does not know the district and gives the postcode and town instead (the
portal finds the district from them: a postcode look-up on the server).
"""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.journey

REFERENCE = "main .reference-box__number"


def test_a_neighbour_asks_for_help_for_someone_else_and_reloads_the_thanks_page(new_journey):
    journey = new_journey("ja", 390)
    journey.start()
    journey.follow(journey.page.locator("main a[href='/support/']").first)

    form = journey.page.locator("main form.intake-form")
    form.get_by_label("近所・知人").check()
    form.get_by_label("ご本人以外の方が申し込むときは、あなたのお名前").fill("架空 一郎")
    form.get_by_label("参加したい方（ご本人）のお名前").fill("架空 ハナ")
    form.get_by_label("お名前のよみがな").fill("かくう はな")
    form.get_by_label("ご本人が住んでいる地区").select_option(label="わからない")
    form.get_by_label("郵便番号").fill("390-0814")
    form.get_by_label("住所").fill("本庄2丁目")
    form.get_by_label("電話番号").fill("090-0000-5678")
    form.get_by_label("電話", exact=True).check()
    form.get_by_label("サロン・お茶会").check()
    form.get_by_label("この申し込みについて、地区の職員から連絡を受けることに同意します。").check()
    journey.follow(form.get_by_role("button", name="申し込む"))
    expect(journey.page.locator("main h1")).to_contain_text("受け付けました")
    reference = journey.page.locator(REFERENCE).inner_text()

    journey.reload()

    expect(journey.page.locator(REFERENCE)).to_have_text(reference)
