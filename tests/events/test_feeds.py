"""The iCalendar feeds: valid RFC 5545, read by libraries the way /events/ lists it."""

import datetime as dt
import re

import jpholiday
import pytest
import recurring_ical_events
from django.utils import timezone
from icalendar import Calendar

from events.models import EventPage
from events.recurrence import Frequency, to_local

from .factories import tokyo

pytestmark = pytest.mark.django_db


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def vevents(calendar: Calendar) -> list:
    return [c for c in calendar.walk("VEVENT")]


def day(offset: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    value = timezone.localdate() + dt.timedelta(days=offset)
    return tokyo(value.year, value.month, value.day, hour, minute)


def next_holiday(after_days: int) -> dt.date:
    first = timezone.localdate() + dt.timedelta(days=after_days)
    return jpholiday.between(first, first + dt.timedelta(days=400))[0][0]


def test_feed_is_valid_icalendar_with_a_tokyo_vtimezone(client, make_event, soon):
    make_event(start=soon, end=soon + dt.timedelta(hours=1))
    calendar = parse(client.get("/events/feed.ics"))
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Asia/Tokyo"
    [event] = vevents(calendar)
    assert event["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert event["DTSTAMP"] and event["UID"]


def test_uids_are_stable_across_requests_and_edits(client, make_event, soon):
    event = make_event(start=soon, end=soon + dt.timedelta(hours=1))
    first = vevents(parse(client.get("/events/feed.ics")))[0]["UID"]
    event.title = "健康体操教室（改）"
    event.save_revision().publish()
    second = vevents(parse(client.get("/events/feed.ics")))[0]["UID"]
    assert first == second and str(event.translation_key) in str(first)


def test_series_has_its_rrule_exdates_and_moved_overrides(client, make_event):
    start = tokyo(2030, 12, 3)
    event = make_event(
        start=start,
        end=start + dt.timedelta(minutes=90),
        repeat=Frequency.WEEKLY,
        repeat_count=5,
        exceptions=[
            {"date": dt.date(2030, 12, 10)},
            {
                "date": dt.date(2030, 12, 17),
                "change": "moved",
                "new_start": tokyo(2030, 12, 18, 13, 0),
                "new_end": tokyo(2030, 12, 18, 14, 0),
            },
        ],
    )
    [master, moved] = vevents(parse(client.get(f"/events/{event.pk}.ics")))
    assert master["RRULE"].to_ical() == b"FREQ=WEEKLY;COUNT=5;BYDAY=TU"
    assert [d.dt for d in master["EXDATE"].dts] == [tokyo(2030, 12, 10)]
    assert moved["UID"] == master["UID"]
    assert moved["RECURRENCE-ID"].dt == tokyo(2030, 12, 17)
    assert moved["DTSTART"].dt == tokyo(2030, 12, 18, 13, 0)


def test_holidays_skipped_by_a_series_are_exdates(client, make_event):
    holiday = next_holiday(10)
    start = tokyo(holiday.year, holiday.month, holiday.day) - dt.timedelta(days=7)
    make_event(
        start=start,
        end=start + dt.timedelta(hours=1),
        repeat=Frequency.WEEKLY,
        repeat_count=3,
        skip_holidays=True,
    )
    [master] = vevents(parse(client.get("/events/feed.ics")))
    assert [to_local(d.dt).date() for d in master["EXDATE"].dts] == [holiday]


def test_feed_occurrences_match_the_list_for_the_same_window(client, make_event):
    holiday = next_holiday(10)
    weekly_start = tokyo(holiday.year, holiday.month, holiday.day, 10, 0) - dt.timedelta(days=7)
    second = weekly_start + dt.timedelta(days=14)
    third = weekly_start + dt.timedelta(days=21)
    make_event(
        title="健康体操教室",
        start=weekly_start,
        end=weekly_start + dt.timedelta(minutes=90),
        repeat=Frequency.WEEKLY,
        repeat_count=6,
        skip_holidays=True,
        exceptions=[
            {"date": second.date()},
            {
                "date": third.date(),
                "change": "moved",
                "new_start": third + dt.timedelta(days=1, hours=3),
            },
        ],
    )
    monthly_start = day(3, 13, 30)
    make_event(
        title="ふれあいサロン",
        start=monthly_start,
        end=monthly_start + dt.timedelta(hours=2),
        repeat=Frequency.MONTHLY_WEEKDAY,
        repeat_count=3,
    )
    make_event(title="夜の星空観察会", start=day(4, 23, 30), end=day(5, 0, 30))
    make_event(title="中止の行事", start=day(6), end=day(6, 11), cancelled=True)

    window_start, window_end = (
        timezone.localdate() + dt.timedelta(days=1),
        weekly_start.date() + dt.timedelta(days=70),
    )
    listed = set()
    page = 1
    while True:
        response = client.get(f"/events/?date_from={window_start}&date_to={window_end}&page={page}")
        listed |= {
            (o.page.title, to_local(o.start))
            for o in response.context["occurrences"]
            if not o.cancelled
        }
        if not response.context["page_obj"].has_next():
            break
        page += 1

    calendar = parse(client.get("/events/feed.ics"))
    found = recurring_ical_events.of(calendar).between(
        window_start, window_end + dt.timedelta(days=1)
    )
    in_feed = {
        (str(e["SUMMARY"]), to_local(e["DTSTART"].dt))
        for e in found
        if str(e.get("STATUS", "")) != "CANCELLED"
    }
    assert in_feed == listed
    assert len(listed) >= 7


def test_an_event_at_23_30_is_on_its_tokyo_date_in_the_feed(client, make_event):
    start = day(5, 23, 30)
    make_event(start=start, end=start + dt.timedelta(minutes=60))
    [event] = vevents(parse(client.get("/events/feed.ics")))
    assert event.to_ical().decode().count(f"DTSTART;TZID=Asia/Tokyo:{start:%Y%m%d}T233000") == 1
    found = recurring_ical_events.of(parse(client.get("/events/feed.ics"))).at(start.date())
    assert len(found) == 1


def test_all_day_events_are_dates(client, make_event):
    event = make_event(start=tokyo(2030, 12, 10, 9, 0), end=tokyo(2030, 12, 11, 9, 0), all_day=True)
    [vevent] = vevents(parse(client.get(f"/events/{event.pk}.ics")))
    assert vevent["DTSTART"].dt == dt.date(2030, 12, 10)
    assert vevent["DTEND"].dt == dt.date(2030, 12, 12)  # exclusive


def test_cancelled_event_stays_in_the_feed_as_cancelled(client, make_event, soon):
    make_event(start=soon, end=soon + dt.timedelta(hours=1), cancelled=True)
    [event] = vevents(parse(client.get("/events/feed.ics")))
    assert event["STATUS"] == "CANCELLED"


def test_feed_covers_the_next_twelve_months_only(client, make_event, soon):
    make_event(title="来年の体操", start=soon, end=soon + dt.timedelta(hours=1))
    late = day(500)
    make_event(title="再来年の体操", start=late, end=late + dt.timedelta(hours=1))
    past = day(-3)
    make_event(title="終わった体操", start=past, end=past + dt.timedelta(hours=1))
    summaries = [str(e["SUMMARY"]) for e in vevents(parse(client.get("/events/feed.ics")))]
    assert summaries == ["来年の体操"]


def test_district_feed_has_only_its_districts_events(client, make_event, daisan, soon):
    make_event(title="第二の体操", start=soon, end=soon + dt.timedelta(hours=1))
    make_event(title="第三の体操", parent=daisan, start=soon, end=soon + dt.timedelta(hours=1))
    calendar = parse(client.get("/districts/daisan/events.ics"))
    assert [str(e["SUMMARY"]) for e in vevents(calendar)] == ["第三の体操"]
    assert "第三地区" in str(calendar["X-WR-CALNAME"])


def test_unknown_district_feed_is_not_found(client):
    assert client.get("/districts/nowhere/events.ics").status_code == 404


def test_one_events_file(client, make_event, soon):
    event = make_event(title="健康体操教室", start=soon, end=soon + dt.timedelta(hours=1))
    [vevent] = vevents(parse(client.get(f"/events/{event.pk}.ics")))
    assert vevent["SUMMARY"] == "健康体操教室"
    assert str(vevent["URL"]).endswith(event.url)


def test_draft_events_have_no_calendar_file(client, daini):
    from .factories import EventPageFactory

    draft = EventPageFactory(parent=daini, live=False)
    assert client.get(f"/events/{draft.pk}.ics").status_code == 404


@pytest.mark.parametrize(
    "path", ["/en/events/feed.ics", "/en/districts/daini/events.ics", "/districts/daini/events.ics"]
)
def test_feeds_answer_in_both_languages(client, make_event, soon, path):
    make_event(start=soon, end=soon + dt.timedelta(hours=1))
    parse(client.get(path))


def test_cached_feed_follows_a_publication(client, make_event, soon):
    event = make_event(title="健康体操教室", start=soon, end=soon + dt.timedelta(hours=1))
    parse(client.get("/events/feed.ics"))
    event.title = "健康体操教室（会場変更）"
    event.save_revision().publish()
    [vevent] = vevents(parse(client.get("/events/feed.ics")))
    assert vevent["SUMMARY"] == "健康体操教室（会場変更）"


# --- The subscription follows the filters ----------------------------------------------


def childcare():
    from events.models import EventKind

    return EventKind.objects.get(slug="childcare")


def test_the_list_subscribes_to_a_feed_with_its_filters(client, make_event, soon):
    make_event(title="子育てひろば", kind=childcare(), start=soon, end=soon + dt.timedelta(hours=1))
    html = client.get("/events/?district=daini&kind=childcare&date_from=2030-01-01").content
    assert 'href="/events/feed.ics?district=daini&amp;kind=childcare"' in html.decode()


def test_the_month_calendar_subscribes_to_a_feed_with_its_filters(client):
    html = client.get("/events/calendar/?kind=childcare&free=on").content.decode()
    assert 'href="/events/feed.ics?kind=childcare&amp;free=on"' in html


def test_a_filtered_feed_holds_exactly_the_filtered_series(client, make_event, daisan, soon):
    hour = dt.timedelta(hours=1)
    make_event(title="第二の子育てひろば", kind=childcare(), start=soon, end=soon + hour)
    make_event(title="第二の体操", start=soon, end=soon + hour)
    make_event(
        title="第三の子育てひろば", parent=daisan, kind=childcare(), start=soon, end=soon + hour
    )
    calendar = parse(client.get("/events/feed.ics?district=daini&kind=childcare"))
    assert [str(e["SUMMARY"]) for e in vevents(calendar)] == ["第二の子育てひろば"]


def test_a_filtered_feed_is_named_for_its_filters(client, make_event, soon):
    make_event(kind=childcare(), start=soon, end=soon + dt.timedelta(hours=1))
    calendar = parse(client.get("/events/feed.ics?district=daini&kind=childcare"))
    assert str(calendar["X-WR-CALNAME"]) == "松本市の行事：第二地区、子育て"


def test_a_feed_filter_the_portal_does_not_know_is_refused(client):
    response = client.get("/events/feed.ics?district=nowhere")
    assert response.status_code == 400


def test_the_city_feed_is_not_served_for_another_filters_cache(client, make_event, soon):
    make_event(title="第二の体操", start=soon, end=soon + dt.timedelta(hours=1))
    parse(client.get("/events/feed.ics?kind=childcare"))
    summaries = [str(e["SUMMARY"]) for e in vevents(parse(client.get("/events/feed.ics")))]
    assert summaries == ["第二の体操"]


# --- One session, or the whole series ----------------------------------------------------


def weekly(make_event, **fields):
    return make_event(
        title="毎週の体操",
        start=day(1),
        end=day(1, 11),
        repeat=Frequency.WEEKLY,
        repeat_count=4,
        **fields,
    )


def test_one_session_is_one_vevent_without_a_rule(client, make_event):
    event = weekly(make_event)
    session = to_local(day(8)).strftime("%Y%m%dT%H%M")
    [vevent] = vevents(parse(client.get(f"/events/{event.pk}.ics?session={session}")))
    assert (vevent.get("RRULE"), vevent["DTSTART"].dt) == (None, to_local(day(8)))


def test_a_session_has_a_uid_of_its_own(client, make_event):
    event = weekly(make_event)
    session = to_local(day(8)).strftime("%Y%m%dT%H%M")
    [series] = vevents(parse(client.get(f"/events/{event.pk}.ics")))
    [one] = vevents(parse(client.get(f"/events/{event.pk}.ics?session={session}")))
    assert one["UID"] != series["UID"]


def test_a_moved_session_is_where_it_was_moved_to(client, make_event):
    moved = day(9, 14)
    event = weekly(
        make_event,
        exceptions=[
            {"date": day(8).date(), "change": "moved", "new_start": moved, "new_end": day(9, 15)}
        ],
    )
    session = to_local(day(8)).strftime("%Y%m%dT%H%M")
    [vevent] = vevents(parse(client.get(f"/events/{event.pk}.ics?session={session}")))
    assert vevent["DTSTART"].dt == to_local(moved)


def test_a_session_that_is_not_a_date_of_the_event_is_not_found(client, make_event):
    event = weekly(make_event)
    session = to_local(day(9)).strftime("%Y%m%dT%H%M")
    assert client.get(f"/events/{event.pk}.ics?session={session}").status_code == 404


def test_a_session_key_that_is_not_a_date_is_refused(client, make_event):
    event = weekly(make_event)
    assert client.get(f"/events/{event.pk}.ics?session=tomorrow").status_code == 400


def test_the_event_page_offers_each_date_and_the_whole_series(client, make_event):
    event = weekly(make_event)
    html = client.get(event.url).content.decode()
    sessions = re.findall(rf'href="/events/{event.pk}\.ics\?session=(\d{{8}}T\d{{4}})"', html)
    assert (len(sessions), f'href="/events/{event.pk}.ics"' in html) == (4, True)


def test_the_list_offers_each_session_for_a_calendar(client, make_event):
    event = weekly(make_event)
    html = client.get("/events/").content.decode()
    assert len(re.findall(rf'href="/events/{event.pk}\.ics\?session=', html)) == 4


# --- Titles with line breaks ---------------------------------------------------------------


def test_a_title_with_a_line_break_makes_a_valid_file(client, make_event, soon):
    event = make_event(title="健康体操\r\n教室", start=soon, end=soon + dt.timedelta(hours=1))
    [vevent] = vevents(parse(client.get(f"/events/{event.pk}.ics")))
    assert vevent["SUMMARY"] == "健康体操 教室"


def test_a_title_with_a_line_break_keeps_the_city_feed_valid(client, make_event, soon):
    make_event(title="健康体操\n教室\r", start=soon, end=soon + dt.timedelta(hours=1))
    [vevent] = vevents(parse(client.get("/events/feed.ics")))
    assert vevent["SUMMARY"] == "健康体操 教室"


def test_new_year_holidays_skipped_by_a_series_are_exdates(client, make_event):
    # Mondays from 22 December 2031: 29 December is in 年末年始.
    make_event(
        start=tokyo(2031, 12, 22),
        end=tokyo(2031, 12, 22, 11),
        repeat=Frequency.WEEKLY,
        repeat_count=3,
        skip_year_end=True,
    )
    [master] = vevents(parse(client.get(f"/events/{EventPage.objects.get().pk}.ics")))
    assert [to_local(d.dt).date() for d in master["EXDATE"].dts] == [dt.date(2031, 12, 29)]


def test_a_session_key_in_year_one_is_refused(client, make_event):
    event = weekly(make_event)
    assert client.get(f"/events/{event.pk}.ics?session=00010101T0000").status_code == 400
