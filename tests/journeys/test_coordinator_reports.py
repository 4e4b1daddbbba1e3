"""Journey 8: a coordinator (福祉政策課) at a desktop reads the participation-support report for
a period of their choosing and downloads it for Excel: the page's monthly counts add up to
its total, and the download holds the same counts.
"""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from tests.journeys.conftest import sign_in

pytestmark = pytest.mark.journey

MONTH = re.compile(r"^\d{4}-\d{2}$")
MONTHLY = "月別の申し込み数"


def monthly_counts_shown(journey) -> dict[str, int]:
    table = journey.page.locator("main table", has_text=MONTHLY).first
    counts = {}
    for row in table.locator("tbody tr").all():
        cells = row.locator("th, td").all_inner_texts()
        counts[cells[0].strip()] = int(cells[1])
    return counts


def test_a_coordinator_reads_the_report_for_a_period_and_downloads_it(new_journey, portal_server):
    journey = new_journey("ja", 1280)
    sign_in(journey, portal_server.coordinator_username, portal_server.staff_password)
    sidebar = journey.page.locator("#wagtail-sidebar")
    sidebar.get_by_role("button", name="参加支援").click()
    journey.follow(sidebar.get_by_role("link", name="集計", exact=True))
    months = list(monthly_counts_shown(journey))
    assert len(months) >= 4 and all(MONTH.match(month) for month in months), months

    period = journey.page.locator("main form").first
    period.get_by_label("開始月").fill(months[3])
    journey.follow(period.get_by_role("button", name="表示"))
    shown = monthly_counts_shown(journey)
    assert next(iter(shown)) == months[3]
    expect(journey.main()).to_contain_text(f"申し込み {sum(shown.values())} 件")

    with journey.page.expect_download() as download:
        journey.page.get_by_role("link", name=re.compile("CSV でダウンロード")).click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    downloaded = {row[3]: int(row[5]) for row in rows[1:] if row[0] == MONTHLY}
    assert downloaded == shown
