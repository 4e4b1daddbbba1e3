import datetime as dt
import json
import re

import pytest
from django.utils import translation
from wagtail.models import Locale

from events.models import EventKind, EventOccurrence, EventPage
from events.recurrence import Frequency
from places.models import TargetGroup
from portal.translation import publish_translations
from tests.factories import UserFactory
from tests.places.factories import PlacePageFactory

from .factories import tokyo

pytestmark = pytest.mark.django_db


def english():
    return Locale.objects.get(language_code="en")


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_event_page_answers_in_both_languages(client, make_event, soon):
    event = make_event(title="本庄ふれあいサロン", start=soon, end=soon + dt.timedelta(hours=2))
    publish_translations(event, {"本庄ふれあいサロン": "Honjo Friendship Salon"})
    assert "本庄ふれあいサロン" in client.get(event.url).content.decode()
    translated = event.get_translation(english())
    response = client.get(translated.url)
    assert response.status_code == 200
    assert "Honjo Friendship Salon" in response.content.decode()


def test_event_page_shows_the_time_the_japanese_way(client, make_event):
    event = make_event(start=tokyo(2030, 12, 10, 10, 0), end=tokyo(2030, 12, 10, 11, 30))
    assert "2030年12月10日(火) 10:00〜11:30" in client.get(event.url).content.decode()


def test_event_knows_its_district_in_each_language(make_event):
    event = make_event()
    publish_translations(event, {})
    translated = event.get_translation(english())
    assert event.district.slug == "daini" and event.district.locale.language_code == "ja"
    assert translated.district.locale.language_code == "en"


def test_event_page_carries_schema_org_event_data(client, make_event):
    event = make_event(
        title="健康体操教室",
        start=tokyo(2030, 12, 10, 10, 0),
        end=tokyo(2030, 12, 10, 11, 30),
        repeat=Frequency.WEEKLY,
        repeat_count=4,
    )
    data = json_ld(client.get(event.url).content.decode())
    assert data["@type"] == "Event" and data["name"] == "健康体操教室"
    assert data["startDate"] == "2030-12-10T10:00+09:00"
    assert data["eventSchedule"]["repeatFrequency"] == "P1W"
    assert data["eventSchedule"]["byDay"] == ["https://schema.org/Tuesday"]
    assert data["location"]["name"] == event.district.hub_name


def test_json_ld_cannot_be_closed_by_editor_text(client, make_event):
    event = make_event(summary="</script><script>alert(1)</script>")
    html = client.get(event.url).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block
    assert json.loads(block)["description"] == "</script><script>alert(1)</script>"


def test_event_page_links_its_own_calendar_file(client, make_event):
    event = make_event()
    assert f'href="/events/{event.pk}.ics"' in client.get(event.url).content.decode()


def test_registration_required_asks_to_call_the_hub(client, make_event, daini):
    event = make_event(registration_required=True, capacity=12)
    html = client.get(event.url).content.decode()
    assert "申込が必要" in html
    assert daini.hub_name in html and f'href="tel:{daini.contact_phone}"' in html
    assert "12人" in html


def test_cancelled_event_says_so_with_its_reason(client, make_event):
    event = make_event(cancelled=True, cancellation_reason="会場の工事のため中止します。")
    html = client.get(event.url).content.decode()
    assert "この行事は中止です" in html and "会場の工事のため中止します。" in html


def test_occurrences_are_written_on_publish(make_event):
    event = make_event(start=tokyo(2030, 12, 3), repeat=Frequency.WEEKLY, repeat_count=5)
    assert EventOccurrence.objects.filter(page=event).count() == 5


def test_a_draft_change_does_not_change_the_public_dates(make_event):
    event = make_event(start=tokyo(2030, 12, 3), repeat=Frequency.WEEKLY, repeat_count=5)
    event.repeat_count = 2
    event.save_revision()  # not published
    assert EventOccurrence.objects.filter(page=event).count() == 5


def test_unpublishing_removes_the_occurrences(make_event):
    event = make_event(start=tokyo(2030, 12, 3), repeat=Frequency.WEEKLY, repeat_count=5)
    event.unpublish()
    assert not EventOccurrence.objects.filter(page=event).exists()


def test_venue_place_is_the_places_translation_on_the_english_page(make_event, daini):
    place = PlacePageFactory(parent=daini, title="本庄ふれあいサロン")
    place.save_revision().publish()
    publish_translations(place, {})
    event = make_event(venue=place)
    publish_translations(event, {})
    translated = event.get_translation(english())
    assert translated.venue_id == place.get_translation(english()).pk


def test_event_page_shows_the_venue_place_and_its_map(client, make_event, daini):
    place = PlacePageFactory(parent=daini, title="本庄ふれあいサロン")
    place.save_revision().publish()
    html = client.get(make_event(venue=place).url).content.decode()
    assert "本庄ふれあいサロン" in html and f'src="/maps/places/{place.pk}/"' in html


def test_address_venue_is_geocoded_like_a_place(make_event):
    event = make_event(venue_name="本庄公民館", address="長野県松本市本庄2-3-23", postcode="")
    assert event.has_location and event.location_source == "geocoder"


def test_event_at_the_hub_uses_the_hubs_address_and_position(make_event, daini):
    event = make_event()
    assert event.at_hub
    assert event.venue_address == daini.hub_address
    assert event.venue_position == (daini.latitude, daini.longitude)


def test_changes_to_single_dates_are_copied_to_the_english_page(make_event):
    event = make_event(
        start=tokyo(2030, 12, 3),
        repeat=Frequency.WEEKLY,
        repeat_count=3,
        exceptions=[{"date": dt.date(2030, 12, 10)}],
    )
    publish_translations(event, {})
    translated = event.get_translation(english())
    assert [e.date for e in translated.exceptions.all()] == [dt.date(2030, 12, 10)]
    cancelled = EventOccurrence.objects.filter(page=translated, cancelled=True)
    assert [o.local_date for o in cancelled] == [dt.date(2030, 12, 10)]


def test_target_groups_are_shown(client, make_event):
    event = make_event(target_groups=[TargetGroup.objects.get(slug="children")])
    assert "子ども・子育て世帯" in client.get(event.url).content.decode()


# --- The admin --------------------------------------------------------------------


def add_form(**changes):
    data = {
        "title": "健康体操教室",
        "slug": "kenko-taiso",
        "kind": EventKind.objects.get(slug="exercise").pk,
        "start": "2030-12-03 10:00",
        "end": "2030-12-03 11:30",
        "repeat": "weekly",
        "repeat_interval": 1,
        "repeat_weekdays": ["1"],
        "repeat_until": "2031-03-31",
        "skip_holidays": "on",
        "is_free": "on",
        "exceptions-TOTAL_FORMS": 0,
        "exceptions-INITIAL_FORMS": 0,
        "exceptions-MIN_NUM_FORMS": 0,
        "exceptions-MAX_NUM_FORMS": 1000,
        "comments-TOTAL_FORMS": 0,
        "comments-INITIAL_FORMS": 0,
        "comments-MIN_NUM_FORMS": 0,
        "comments-MAX_NUM_FORMS": 1000,
        "action-publish": "action-publish",
    }
    data.update(changes)
    return data


def with_exception(data, **fields):
    data = dict(data, **{"exceptions-TOTAL_FORMS": 1})
    defaults = {"change": "cancelled", "new_start": "", "new_end": "", "note": "休み", "ORDER": 1}
    for key, value in {**defaults, **fields}.items():
        data[f"exceptions-0-{key}"] = value
    return data


def post_add(client, district, data):
    return client.post(f"/admin/pages/add/events/eventpage/{district.pk}/", data)


def test_staff_create_a_weekly_event_from_simple_fields(client, daini):
    client.force_login(UserFactory(district=daini))
    response = post_add(client, daini, add_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    event = EventPage.objects.get(slug="kenko-taiso")
    assert event.live and event.district_id == daini.pk
    assert event.rrule == "FREQ=WEEKLY;BYDAY=TU;UNTIL=20310331T145959Z"
    # 17 Tuesdays, less 建国記念の日 (Tuesday 11 February 2031): holidays are skipped.
    assert EventOccurrence.objects.filter(page=event).count() == 16


def test_a_start_that_does_not_fit_the_weekdays_is_refused(client, daini):
    client.force_login(UserFactory(district=daini))
    response = post_add(client, daini, add_form(repeat_weekdays=["3"]))  # 木曜日, start is Tue
    assert response.status_code == 200
    assert "最初の回" in response.content.decode()
    assert not EventPage.objects.filter(slug="kenko-taiso").exists()


def test_a_change_to_a_date_the_event_does_not_happen_on_is_refused(client, daini):
    client.force_login(UserFactory(district=daini))
    response = post_add(client, daini, with_exception(add_form(), date="2030-12-04"))
    assert response.status_code == 200
    assert "開催日ではありません" in response.content.decode()
    assert not EventPage.objects.filter(slug="kenko-taiso").exists()


def test_staff_cancel_one_date_of_a_series(client, daini):
    client.force_login(UserFactory(district=daini))
    response = post_add(client, daini, with_exception(add_form(), date="2030-12-10"))
    assert response.status_code == 302, response.content.decode()[:3000]
    event = EventPage.objects.get(slug="kenko-taiso")
    assert EventOccurrence.objects.get(page=event, local_date=dt.date(2030, 12, 10)).cancelled


def test_staff_cannot_add_an_event_in_another_district(client, daini, daisan):
    client.force_login(UserFactory(district=daini))
    response = post_add(client, daisan, add_form())
    # Wagtail answers a refused admin view with a redirect to the dashboard (and a message).
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not EventPage.objects.filter(slug="kenko-taiso").exists()


def test_the_add_form_offers_weekdays_as_check_boxes(client, daini):
    client.force_login(UserFactory(district=daini))
    html = client.get(f"/admin/pages/add/events/eventpage/{daini.pk}/").content.decode()
    assert '<input type="checkbox" name="repeat_weekdays" value="1"' in html
    assert "最初の回の日時" in html  # Japanese help text for staff


def test_the_edit_form_shows_the_chosen_weeks(client, daini, make_event):
    event = make_event(
        start=tokyo(2030, 12, 10),
        repeat=Frequency.MONTHLY_WEEKDAY,
        repeat_nths="2,4",
        repeat_count=4,
    )
    client.force_login(UserFactory(district=daini))
    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    boxes = re.findall(
        r'<input type="checkbox" name="repeat_nths" value="(-?\d)"[^>]*?( checked)?>', html
    )
    assert [value for value, checked in boxes if checked] == ["2", "4"]


def test_staff_are_warned_when_the_venue_address_cannot_be_placed(client, daini):
    client.force_login(UserFactory(district=daini))
    response = client.post(
        f"/admin/pages/add/events/eventpage/{daini.pk}/",
        add_form(venue_name="どこかの集会所", address="どこでもない場所"),
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("おおよそ" in m for m in messages)


def test_a_preview_shows_the_dates_being_edited(rf, make_event):
    event = make_event(start=tokyo(2030, 12, 3), repeat=Frequency.WEEKLY, repeat_count=5)
    event.repeat_count = 2  # changed in the editor, not published
    request = rf.get("/")
    request.is_preview = True
    assert len(event.get_context(request)["upcoming"]) == 2


def test_occurrences_are_stored_in_utc_with_their_tokyo_date(make_event):
    event = make_event(start=tokyo(2030, 12, 9, 0, 30), end=tokyo(2030, 12, 9, 1, 30))
    row = EventOccurrence.objects.get(page=event)
    assert row.start.astimezone(dt.UTC) == dt.datetime(2030, 12, 8, 15, 30, tzinfo=dt.UTC)
    assert row.local_date == dt.date(2030, 12, 9)


def test_the_edit_form_heads_the_fee_section_as_about_taking_part(client, daini):
    """`Taking part` is also a case status (参加中): the form's heading has its own context."""
    client.force_login(UserFactory(district=daini))
    html = client.get(f"/admin/pages/add/events/eventpage/{daini.pk}/").content.decode()
    assert re.findall(r">\s*(参加について|参加中)\s*<", html) == ["参加について"]


def test_the_page_says_a_series_skips_holidays_and_the_new_year(client, make_event):
    event = make_event(
        start=tokyo(2030, 12, 3),
        repeat=Frequency.WEEKLY,
        repeat_count=6,
        skip_holidays=True,
        skip_year_end=True,
    )
    html = client.get(event.url).content.decode()
    assert "祝日と年末年始（12月29日〜1月3日）はお休みです。" in html


def test_the_english_page_says_when_the_new_year_holidays_are(client, make_event):
    event = make_event(
        start=tokyo(2030, 12, 3), repeat=Frequency.WEEKLY, repeat_count=6, skip_year_end=True
    )
    with translation.override("en"):
        assert (
            event.closure_note == "No session over the New Year holidays (29 December–3 January)."
        )
