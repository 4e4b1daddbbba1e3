import datetime as dt

import jpholiday
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from events.models import EventKind
from events.queries import add_months
from events.recurrence import Frequency
from places.models import TargetGroup
from portal.translation import publish_translations
from tests.places.factories import PlacePageFactory

from .factories import tokyo

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [occurrence.page.title for occurrence in response.context["occurrences"]]


def days_from_now(days: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return tokyo(day.year, day.month, day.day, hour, minute)


def next_month() -> dt.date:
    return add_months(timezone.localdate().replace(day=1), 1)


def test_events_answer_in_both_languages(client, make_event, soon):
    event = make_event(title="健康体操教室", start=soon, end=soon + dt.timedelta(hours=1))
    publish_translations(event, {"健康体操教室": "Health exercise class"})
    assert "健康体操教室" in client.get("/events/").content.decode()
    response = client.get("/en/events/")
    assert response.status_code == 200 and "Health exercise class" in response.content.decode()


def test_past_occurrences_leave_the_list(client, make_event):
    yesterday = days_from_now(-1)
    make_event(title="先週の体操", start=yesterday, end=yesterday + dt.timedelta(hours=1))
    make_event(title="来週の体操", start=days_from_now(7), end=days_from_now(7, 11))
    assert titles(client.get("/events/")) == ["来週の体操"]


def test_past_dates_of_a_running_series_leave_the_list(client, make_event):
    start = days_from_now(-21)
    make_event(
        start=start, end=start + dt.timedelta(hours=1), repeat=Frequency.WEEKLY, repeat_count=5
    )
    listed = [o.local_date for o in client.get("/events/").context["occurrences"]]
    today = timezone.localdate()
    assert all(day >= today for day in listed)  # today's goes once it has ended
    assert listed[-1] == today + dt.timedelta(days=7)


def test_list_is_in_order_of_time(client, make_event):
    make_event(title="午後の会", start=days_from_now(3, 14), end=days_from_now(3, 15))
    make_event(title="午前の会", start=days_from_now(3, 9), end=days_from_now(3, 10))
    make_event(title="明日の会", start=days_from_now(1, 16), end=days_from_now(1, 17))
    assert titles(client.get("/events/")) == ["明日の会", "午前の会", "午後の会"]


def test_list_filters_by_district(client, make_event, daisan, soon):
    make_event(title="第二の体操", start=soon, end=soon + dt.timedelta(hours=1))
    make_event(title="第三の体操", parent=daisan, start=soon, end=soon + dt.timedelta(hours=1))
    assert titles(client.get("/events/?district=daisan")) == ["第三の体操"]


def test_list_filters_by_kind(client, make_event, soon):
    make_event(
        title="出張相談会",
        kind=EventKind.objects.get(slug="consultation"),
        start=soon,
        end=soon + dt.timedelta(hours=1),
    )
    make_event(title="健康体操", start=soon, end=soon + dt.timedelta(hours=1))
    assert titles(client.get("/events/?kind=consultation")) == ["出張相談会"]


def test_list_filters_by_target_group(client, make_event, soon):
    children = TargetGroup.objects.get(slug="children")
    make_event(
        title="こどもプラザの日",
        target_groups=[children],
        start=soon,
        end=soon + dt.timedelta(hours=1),
    )
    make_event(title="健康体操", start=soon, end=soon + dt.timedelta(hours=1))
    assert titles(client.get("/events/?target=children")) == ["こどもプラザの日"]


def test_list_filters_free_of_charge(client, make_event, soon):
    make_event(title="無料の体操", is_free=True, start=soon, end=soon + dt.timedelta(hours=1))
    make_event(
        title="お茶会", is_free=False, fee="100円", start=soon, end=soon + dt.timedelta(hours=1)
    )
    assert titles(client.get("/events/?free=on")) == ["無料の体操"]


def test_list_filters_by_date_range(client, make_event):
    start = days_from_now(2)
    make_event(
        title="体操",
        start=start,
        end=start + dt.timedelta(hours=1),
        repeat=Frequency.WEEKLY,
        repeat_count=5,
    )
    date_from, date_to = (
        (start + dt.timedelta(days=7)).date(),
        (start + dt.timedelta(days=14)).date(),
    )
    response = client.get(f"/events/?date_from={date_from}&date_to={date_to}")
    assert [o.local_date for o in response.context["occurrences"]] == [date_from, date_to]


def test_a_reversed_date_range_gets_a_message_not_an_error(client, make_event, soon):
    make_event(start=soon, end=soon + dt.timedelta(hours=1))
    response = client.get("/events/?date_from=2030-12-31&date_to=2030-12-01")
    assert response.status_code == 200
    assert "終わりの日付" in response.content.decode()


def test_list_is_paginated(client, make_event):
    start = days_from_now(1)
    make_event(
        start=start, end=start + dt.timedelta(hours=1), repeat=Frequency.WEEKLY, repeat_count=25
    )
    first = client.get("/events/")
    assert len(first.context["occurrences"]) == 20
    assert len(client.get("/events/?page=2").context["occurrences"]) == 5
    assert 'rel="next"' in first.content.decode()


def test_cancelled_dates_stay_in_the_list_marked_cancelled(client, make_event):
    start = days_from_now(1)
    second = (start + dt.timedelta(days=7)).date()
    make_event(
        start=start,
        end=start + dt.timedelta(hours=1),
        repeat=Frequency.WEEKLY,
        repeat_count=3,
        exceptions=[{"date": second, "note": "点検のため休み"}],
    )
    html = client.get("/events/").content.decode()
    assert html.count("badge--cancelled") == 1 and "点検のため休み" in html


def test_an_event_at_23_30_is_listed_under_its_tokyo_date(client, make_event):
    start = days_from_now(5, 23, 30)
    make_event(title="夜の星空観察会", start=start, end=start + dt.timedelta(minutes=60))
    response = client.get("/events/")
    [(day, items)] = response.context["days"]
    assert day == start.date() and items[0].page.title == "夜の星空観察会"
    assert "23:30" in response.content.decode()


def test_query_count_does_not_grow_with_the_number_of_events(client, make_event):
    kinds = list(EventKind.objects.all())
    groups = list(TargetGroup.objects.all())

    def add(count, offset):
        for n in range(count):
            start = days_from_now(1 + n % 6, 9 + n % 8)
            make_event(
                title=f"行事{offset + n}",
                slug=f"event-q-{offset + n}",
                start=start,
                end=start + dt.timedelta(hours=1),
                kind=kinds[n % len(kinds)],
                target_groups=groups[: 1 + n % 3],
                repeat=Frequency.WEEKLY,
                repeat_count=4,
            )

    def count(path):
        client.get(path)  # warm Wagtail's cached site root paths, as on a running site
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    paths = (
        "/events/",
        "/events/calendar/",
        "/events/?free=on&target=elderly",
        "/districts/daini/",
    )
    add(3, 0)
    small = {path: count(path) for path in paths}
    add(12, 100)
    large = {path: count(path) for path in paths}
    assert small == large


# --- The month calendar -------------------------------------------------------------


def test_calendar_is_an_accessible_table_with_month_links(client, make_event):
    month = next_month()
    start = tokyo(month.year, month.month, 8, 10, 0)
    make_event(title="健康体操教室", start=start, end=start + dt.timedelta(hours=1))
    response = client.get(f"/events/calendar/?month={month:%Y-%m}")
    html = response.content.decode()
    assert "<caption" in html and '<th scope="col"><abbr title="火曜日">火</abbr></th>' in html
    assert f"{month.year}年{month.month}月" in html
    previous = add_months(month, -1)
    following = add_months(month, 1)
    assert f"?month={previous:%Y-%m}" in html and f"?month={following:%Y-%m}" in html
    assert "健康体操教室" in html


def test_calendar_puts_an_event_at_23_30_on_its_tokyo_day(client, make_event):
    month = next_month()
    start = tokyo(month.year, month.month, 8, 23, 30)
    make_event(title="夜の星空観察会", start=start, end=start + dt.timedelta(minutes=60))
    weeks = client.get(f"/events/calendar/?month={month:%Y-%m}").context["weeks"]
    days = {day.date: day for week in weeks for day in week}
    assert [o.page.title for o in days[dt.date(month.year, month.month, 8)].occurrences] == [
        "夜の星空観察会"
    ]
    assert not days.get(dt.date(month.year, month.month, 9)).occurrences


def test_calendar_marks_national_holidays(client):
    month = next_month()
    day, name = jpholiday.between(month, add_months(month, 12))[0]  # computed offline
    html = client.get(f"/events/calendar/?month={day:%Y-%m}").content.decode()
    assert name in html and "calendar__day--holiday" in html


def test_calendar_answers_in_english(client):
    response = client.get("/en/events/calendar/")
    assert response.status_code == 200
    assert '<abbr title="Tuesday">Tue</abbr>' in response.content.decode()


def test_calendar_keeps_the_filters_in_its_month_links(client):
    html = client.get(
        f"/events/calendar/?month={next_month():%Y-%m}&district=daini"
    ).content.decode()
    assert "district=daini" in html.split('rel="next"')[0].rsplit("href=", 1)[1]


def test_calendar_does_not_go_back_before_this_month(client):
    response = client.get("/events/calendar/?month=2000-01")
    assert response.context["month"] == timezone.localdate().replace(day=1)
    assert response.context["previous_url"] is None


def test_calendar_leaves_past_occurrences_out(client, make_event):
    yesterday = days_from_now(-1)
    make_event(title="昨日の体操", start=yesterday, end=yesterday + dt.timedelta(hours=1))
    month = yesterday.date().replace(day=1)
    html = client.get(f"/events/calendar/?month={month:%Y-%m}").content.decode()
    assert "昨日の体操" not in html


# --- Sections on other pages ---------------------------------------------------------


def test_district_page_shows_its_next_events(client, make_event, daisan, soon):
    make_event(title="第二の体操", start=soon, end=soon + dt.timedelta(hours=1))
    make_event(title="第三の体操", parent=daisan, start=soon, end=soon + dt.timedelta(hours=1))
    html = client.get("/districts/daini/").content.decode()
    assert "第二の体操" in html and "第三の体操" not in html
    assert 'href="/districts/daini/events.ics"' in html
    assert 'href="/districts/daini/events/print/?month=' in html


def test_home_page_answers_whats_on(client, make_event, soon):
    make_event(title="健康体操教室", start=soon, end=soon + dt.timedelta(hours=1))
    html = client.get("/").content.decode()
    assert "どんな行事がありますか？" in html and "健康体操教室" in html


def test_place_page_shows_the_next_events_held_there(client, make_event, daini, soon):
    place = PlacePageFactory(parent=daini, title="本庄ふれあいサロン")
    place.save_revision().publish()
    make_event(title="サロンの日", venue=place, start=soon, end=soon + dt.timedelta(hours=1))
    make_event(title="別の会場の会", start=soon, end=soon + dt.timedelta(hours=1))
    html = client.get(place.url).content.decode()
    assert "サロンの日" in html and "別の会場の会" not in html


def test_main_navigation_links_to_events(client):
    assert '<a href="/events/">行事</a>' in client.get("/").content.decode()


@pytest.mark.parametrize("path", ["/events/", "/events/calendar/", "/en/events/"])
def test_event_lists_carry_no_inline_script_or_style(client, path):
    html = client.get(path).content.decode()
    assert "<script>" not in html and "<style" not in html and " style=" not in html


def test_event_page_has_no_executable_inline_script(client, make_event):
    html = client.get(make_event().url).content.decode()
    scripts = [part.split(">", 1)[0] for part in html.split("<script")[1:]]
    assert all('type="application/ld+json"' in s or "src=" in s for s in scripts)
    assert " style=" not in html


def test_locale_is_respected_in_the_list(client, make_event, soon):
    event = make_event(title="健康体操教室", start=soon, end=soon + dt.timedelta(hours=1))
    publish_translations(event, {"健康体操教室": "Health exercise class"})
    english = titles(client.get("/en/events/"))
    assert english == ["Health exercise class"]
    assert Locale.objects.filter(language_code="en").exists()


def test_a_busy_calendar_day_links_to_the_rest_of_its_list(client, make_event):
    month = next_month()
    for hour in range(8, 14):
        start = tokyo(month.year, month.month, 8, hour, 0)
        make_event(
            title=f"{hour}時の会",
            slug=f"busy-{hour}",
            start=start,
            end=start + dt.timedelta(minutes=30),
        )
    response = client.get(f"/events/calendar/?month={month:%Y-%m}")
    days = {day.date: day for week in response.context["weeks"] for day in week}
    busy = days[dt.date(month.year, month.month, 8)]
    assert [o.page.title for o in busy.occurrences] == [
        "8時の会",
        "9時の会",
        "10時の会",
        "11時の会",
    ]
    assert busy.more == 2
    day = busy.date
    assert f'href="/events/?date_from={day}&amp;date_to={day}"' in response.content.decode()
    assert response.context["count"] == 6
