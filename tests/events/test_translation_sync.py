"""Translations follow their source: staff publish in Japanese, /en/ follows without a sync."""

import datetime as dt

import pytest
from django.utils import translation
from wagtail.models import Locale
from wagtail_localize.models import Translation

from events.models import EventOccurrence
from events.recurrence import Frequency
from portal import translation as portal_translation
from portal.dates import format_date
from portal.translation import publish_translations

from .factories import tokyo
from .test_event_pages import add_form

pytestmark = pytest.mark.django_db

SECOND_AND_FOURTH_TUESDAYS = [
    dt.date(2030, 12, 10),
    dt.date(2030, 12, 24),
    dt.date(2031, 1, 14),
    dt.date(2031, 1, 28),
]


@pytest.fixture
def thursday_class(make_event):
    """A weekly Thursday class, translated into English."""
    event = make_event(
        title="健康体操教室",
        slug="kenko-taiso",
        start=tokyo(2030, 12, 5),
        end=tokyo(2030, 12, 5, 11, 30),
        repeat=Frequency.WEEKLY,
        repeat_weekdays="3",
        repeat_until=dt.date(2031, 1, 31),
    )
    publish_translations(event, {"健康体操教室": "Health exercise class"})
    return event


def english(page):
    return page.get_translation(Locale.objects.get(language_code="en"))


def move_to_second_and_fourth_tuesdays(
    client, event, django_capture_on_commit_callbacks, **changes
):
    data = add_form(
        title=event.title,
        slug=event.slug,
        start="2030-12-10 10:00",
        end="2030-12-10 11:30",
        repeat="monthly_weekday",
        repeat_weekdays=["1"],
        repeat_nths=["2", "4"],
        repeat_until="2031-01-31",
        **changes,
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/pages/{event.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_the_english_event_takes_the_new_rule_when_staff_publish(
    daini_staff_client, thursday_class, django_capture_on_commit_callbacks
):
    move_to_second_and_fourth_tuesdays(
        daini_staff_client, thursday_class, django_capture_on_commit_callbacks
    )
    dates = EventOccurrence.objects.filter(page=english(thursday_class)).order_by("start")
    assert [o.local_date for o in dates] == SECOND_AND_FOURTH_TUESDAYS


def test_the_english_page_shows_the_new_dates(
    client, daini_staff_client, thursday_class, django_capture_on_commit_callbacks
):
    move_to_second_and_fourth_tuesdays(
        daini_staff_client, thursday_class, django_capture_on_commit_callbacks
    )
    html = client.get(english(thursday_class).url).content.decode()
    with translation.override("en"):
        assert format_date(dt.date(2030, 12, 24)) in html


def test_the_english_title_already_translated_is_kept(
    daini_staff_client, thursday_class, django_capture_on_commit_callbacks
):
    move_to_second_and_fourth_tuesdays(
        daini_staff_client, thursday_class, django_capture_on_commit_callbacks
    )
    assert english(thursday_class).title == "Health exercise class"


def test_a_cached_english_page_is_fresh_after_the_sync(
    client, settings, daini_staff_client, thursday_class, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    url = english(thursday_class).url
    client.get(url)  # now in the page cache
    move_to_second_and_fourth_tuesdays(
        daini_staff_client, thursday_class, django_capture_on_commit_callbacks
    )
    with translation.override("en"):
        assert format_date(dt.date(2030, 12, 24)) in client.get(url).content.decode()


def test_publishing_the_english_page_starts_no_sync(
    thursday_class, monkeypatch, django_capture_on_commit_callbacks
):
    calls = []
    monkeypatch.setattr(portal_translation, "update_translations", calls.append)
    with django_capture_on_commit_callbacks(execute=True):
        english(thursday_class).save_revision().publish()
    assert calls == []


def test_a_translation_whose_sync_was_stopped_is_left_alone(
    daini_staff_client, thursday_class, django_capture_on_commit_callbacks
):
    Translation.objects.filter(source__object_id=thursday_class.translation_key).update(
        enabled=False
    )
    move_to_second_and_fourth_tuesdays(
        daini_staff_client, thursday_class, django_capture_on_commit_callbacks
    )
    dates = EventOccurrence.objects.filter(page=english(thursday_class)).order_by("start")
    assert dates.first().local_date == dt.date(2030, 12, 5)


def test_a_publish_without_changes_leaves_the_translations_alone(thursday_class, monkeypatch):
    # The loaders publish their translations themselves: nothing is left to do.
    published = []
    monkeypatch.setattr(portal_translation, "_save_and_publish", lambda t, p: published.append(p))
    portal_translation.update_translations(thursday_class)
    assert published == []


def test_a_new_japanese_summary_shows_on_the_english_page_marked_japanese(
    client, daini_staff_client, thursday_class, django_capture_on_commit_callbacks
):
    move_to_second_and_fourth_tuesdays(
        daini_staff_client,
        thursday_class,
        django_capture_on_commit_callbacks,
        summary="第2・第4火曜日に変わりました。",
    )
    html = client.get(english(thursday_class).url).content.decode()
    assert '<span lang="ja">第2・第4火曜日に変わりました。</span>' in html
