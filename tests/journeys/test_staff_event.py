"""Journey 6: district staff (第二地区's) change an event to 第2・第4火曜日 in the Wagtail admin and
publish; the Japanese page and, without anyone syncing the translation, the English page
show the same dates, all on the 2nd and 4th Tuesdays (a holiday aside).

The event is the demo's 第二地区 こどもプラザの日 (monthly on the 11th until March).
"""

import datetime as dt
import re

import jpholiday
import pytest
from playwright.sync_api import expect

from tests.journeys.conftest import sign_in
from tests.journeys.test_staff_place import open_district_in_explorer

pytestmark = pytest.mark.journey

EVENT = "第二地区 こどもプラザの日"
MONTHS = [dt.date(2026, month, 1).strftime("%B") for month in range(1, 13)]
JAPANESE_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
ENGLISH_DATE = re.compile(rf"(\d{{1,2}}) ({'|'.join(MONTHS)}) (\d{{4}})")


def dates_shown(journey) -> list[dt.date]:
    """The first date of each session in the event's list of next dates."""
    dates = []
    for text in journey.page.locator("main ul.event-dates > li").all_inner_texts():
        if match := JAPANESE_DATE.search(text):
            year, month, day = map(int, match.groups())
        else:
            match = ENGLISH_DATE.search(text)
            assert match, f"no date in {text!r}"
            day, year = int(match[1]), int(match[3])
            month = MONTHS.index(match[2]) + 1
        dates.append(dt.date(year, month, day))
    return dates


def is_second_or_fourth_tuesday(day: dt.date) -> bool:
    return day.weekday() == 1 and (day.day - 1) // 7 + 1 in (2, 4)


def first_second_or_fourth_tuesday(since: dt.date) -> dt.date:
    """The session a staff member would start the new rule on (not a national holiday)."""
    day = since
    while not is_second_or_fourth_tuesday(day) or jpholiday.is_holiday(day):
        day += dt.timedelta(days=1)
    return day


def change_to_second_and_fourth_tuesdays(journey) -> None:
    """The rule, and the first session moved to the first date the rule gives (the form
    asks for that: the start is the series' first session)."""
    journey.follow(journey.page.locator("main a", has_text=EVENT).first)
    form = journey.page.locator("form#page-edit-form")
    start, end = form.locator("#id_start"), form.locator("#id_end")
    old_start = dt.datetime.strptime(start.input_value(), "%Y-%m-%d %H:%M")
    new_day = first_second_or_fourth_tuesday(old_start.date()).isoformat()
    start.fill(f"{new_day} {start.input_value().split()[1]}")
    end.fill(f"{new_day} {end.input_value().split()[1]}")
    # A click outside closes the date pickers, which would cover the buttons below them.
    form.locator("label[for=id_repeat]").click()
    form.locator("#id_repeat").select_option(label="毎月 第◯◯曜日（例：第2火曜日）")
    form.get_by_label("火曜日", exact=True).check()
    form.get_by_label("第2", exact=True).check()
    form.get_by_label("第4", exact=True).check()
    journey.page.get_by_role("button", name="他のアクション").click()
    journey.follow(journey.page.get_by_role("button", name="公開"))


def test_staff_change_an_event_to_2nd_and_4th_tuesdays_and_english_shows_the_same_dates(
    new_journey, portal_server
):
    journey = new_journey("en", 1280)
    sign_in(journey, portal_server.district_staff_username, portal_server.staff_password)
    open_district_in_explorer(journey, "第二地区")

    change_to_second_and_fourth_tuesdays(journey)
    expect(journey.page.locator(".messages")).to_contain_text(EVENT)
    row = journey.page.locator("main tr", has_text=EVENT)
    journey.follow_into_new_tab(row.locator("a[target=_blank][href^='/districts/']"))
    japanese = dates_shown(journey)
    assert japanese, "the event shows no next dates"
    assert all(is_second_or_fourth_tuesday(day) for day in japanese), japanese

    journey.follow(journey.page.locator("header a[hreflang=en]"))
    expect(journey.page.locator("main .event__repeat")).to_contain_text("Tuesday")
    assert dates_shown(journey) == japanese
