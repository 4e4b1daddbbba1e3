"""Registering for a session of an event: the form, the waiting list, cancelling, mails."""

import datetime as dt

import pytest
from django.core import mail
from wagtail.models import Locale

from events import registration
from events.registration_models import EventRegistration, EventRegistrationSlot
from portal.models import OutboxMessage
from portal.signups import SignupStatus, link_token
from portal.translation import publish_translations

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(make_event, soon):
    """いきいき体操 tomorrow at 10:00 in 第二地区: registration on, 10 places, ja and en."""
    page = make_event(
        title="いきいき体操",
        start=soon,
        end=soon + dt.timedelta(hours=1),
        registration_required=True,
        capacity=10,
    )
    publish_translations(page, {"いきいき体操": "Lively exercises"})
    return page


@pytest.fixture
def occurrence(event):
    return event.occurrences.get()


def form_url(event, occurrence, language=""):
    prefix = f"/{language}" if language else ""
    return f"{prefix}/events/{event.pk}/register/{registration.session_key(occurrence)}/"


def form_data(**changes) -> dict:
    data = {
        "name": "松本 花子",
        "furigana": "まつもと はなこ",
        "email": "hanako@example.jp",
        "phone": "0263-34-3000",
        "party_size": "1",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return data


def register(event, occurrence, name, email, party_size=1, **fields):
    return registration.register(
        event, occurrence, name=name, email=email, party_size=party_size, **fields
    ).signup


def cancel_url(signup, language=""):
    prefix = f"/{language}" if language else ""
    return f"{prefix}/events/registration/cancel/{link_token(signup, 'cancel')}/"


# --- The form --------------------------------------------------------------------------


def test_registration_form_answers_in_japanese(client, event, occurrence):
    response = client.get(form_url(event, occurrence))
    assert response.status_code == 200
    html = response.content.decode()
    assert "いきいき体操" in html and 'name="party_size"' in html and "csrfmiddlewaretoken" in html


def test_registration_form_answers_in_english(client, event, occurrence):
    english = event.get_translation(Locale.objects.get(language_code="en"))
    response = client.get(form_url(english, occurrence, "en"))
    assert response.status_code == 200
    assert "Lively exercises" in response.content.decode()


def test_a_valid_registration_is_confirmed_and_shown_on_a_thanks_page(client, event, occurrence):
    response = client.post(form_url(event, occurrence), form_data(party_size="2"))
    assert response.status_code == 302
    registered = EventRegistration.objects.get()
    assert registered.status == SignupStatus.CONFIRMED and registered.party_size == 2
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "お申し込みを受け付けました" in page.content.decode()


def test_the_thanks_page_answers_in_english_and_holds_nothing_personal_in_its_url(
    client, event, occurrence
):
    response = client.post(form_url(event, occurrence, "en"), form_data(furigana=""))
    location = response["Location"]
    assert location.startswith("/en/events/registration/thanks/")
    for personal in ("hanako", "example", "0263"):
        assert personal not in location
    page = client.get(location)
    assert page.status_code == 200
    assert "Thank you for registering" in page.content.decode()


def test_a_form_error_keeps_what_was_typed(client, event, occurrence):
    response = client.post(form_url(event, occurrence), form_data(furigana="松本 花子"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="松本 花子"' in html and 'value="hanako@example.jp"' in html
    assert "ひらがなかカタカナ" in html
    assert not EventRegistration.objects.exists()


def test_a_duplicate_gets_a_friendly_message_and_no_second_registration(client, event, occurrence):
    client.post(form_url(event, occurrence), form_data())
    response = client.post(form_url(event, occurrence), form_data(email="HANAKO@example.jp"))
    page = client.get(response["Location"])
    assert "すでにお申し込み" in page.content.decode()
    assert EventRegistration.objects.count() == 1


def test_a_full_session_offers_the_waiting_list(client, event, occurrence):
    register(event, occurrence, "中町 一郎", "ichiro@example.jp", party_size=10)
    html = client.get(form_url(event, occurrence)).content.decode()
    assert "キャンセル待ち" in html
    client.post(form_url(event, occurrence), form_data())
    assert EventRegistration.objects.get(name="松本 花子").status == SignupStatus.WAITLISTED


def test_registration_is_closed_for_a_cancelled_session(client, make_event, soon):
    event = make_event(
        start=soon,
        end=soon + dt.timedelta(hours=1),
        registration_required=True,
        capacity=10,
        exceptions=[{"date": soon.date()}],
    )
    occurrence = event.occurrences.get()
    response = client.post(form_url(event, occurrence), form_data())
    assert response.status_code == 200
    assert "中止" in response.content.decode()
    assert not EventRegistration.objects.exists()


def test_registration_is_closed_when_the_event_takes_none(client, make_event, soon):
    event = make_event(start=soon, end=soon + dt.timedelta(hours=1), registration_required=False)
    response = client.post(form_url(event, event.occurrences.get()), form_data())
    assert "受け付けていません" in response.content.decode()
    assert not EventRegistration.objects.exists()


def test_the_event_page_links_each_session_to_its_form(client, event, occurrence, daini):
    html = client.get(event.url).content.decode()
    assert f'href="{form_url(event, occurrence)}"' in html
    assert f'href="tel:{daini.contact_phone}"' in html


# --- Places and the waiting list ----------------------------------------------------------


def test_a_party_of_three_takes_three_places(event, occurrence):
    register(event, occurrence, "松本 花子", "hanako@example.jp", party_size=3)
    slot = EventRegistrationSlot.objects.get()
    assert slot.confirmed_count == 3 and slot.places_left == 7


def test_a_party_that_no_longer_fits_keeps_its_place_while_a_smaller_one_is_confirmed(
    event, occurrence
):
    first = register(event, occurrence, "松本 花子", "hanako@example.jp", party_size=8)
    register(event, occurrence, "中町 一郎", "ichiro@example.jp", party_size=2)
    party = register(event, occurrence, "大手 家族", "ote@example.jp", party_size=5)
    single = register(event, occurrence, "本町 三郎", "saburo@example.jp", party_size=2)
    assert party.status == single.status == SignupStatus.WAITLISTED
    registration.cancel_registration(first)  # 8 free: 5 fits, then 2 fits
    party.refresh_from_db()
    single.refresh_from_db()
    assert party.status == SignupStatus.CONFIRMED and single.status == SignupStatus.CONFIRMED


def test_a_party_too_big_for_the_freed_places_stays_first_in_line(event, occurrence):
    first = register(event, occurrence, "松本 花子", "hanako@example.jp", party_size=3)
    register(event, occurrence, "中町 一郎", "ichiro@example.jp", party_size=7)
    party = register(event, occurrence, "大手 家族", "ote@example.jp", party_size=5)
    later = register(event, occurrence, "本町 三郎", "saburo@example.jp", party_size=2)
    registration.cancel_registration(first)  # 3 free: the party of 5 does not fit
    party.refresh_from_db()
    later.refresh_from_db()
    assert party.status == SignupStatus.WAITLISTED
    assert later.status == SignupStatus.CONFIRMED
    assert registration.describe(party)["position"] == 1


def test_the_same_phone_number_written_differently_is_the_same_person(event, occurrence):
    registration.register(event, occurrence, name="松本 花子", phone="0263-34-3000")
    again = registration.register(event, occurrence, name="松本 花子", phone="０２６３３４３０００")
    assert again.duplicate
    assert EventRegistration.objects.count() == 1


# --- Cancelling --------------------------------------------------------------------------


def test_the_confirmation_mail_carries_the_cancel_link(
    client, event, occurrence, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_url(event, occurrence), form_data())
    assert len(mail.outbox) == 1
    assert "いきいき体操" in mail.outbox[0].body
    assert "http://127.0.0.1:8000/events/registration/cancel/" in mail.outbox[0].body


def test_opening_the_cancel_link_asks_first_and_cancels_nothing(client, event, occurrence):
    signup = register(event, occurrence, "松本 花子", "hanako@example.jp")
    response = client.get(cancel_url(signup))
    assert response.status_code == 200 and 'method="post"' in response.content.decode()
    signup.refresh_from_db()
    assert signup.status == SignupStatus.CONFIRMED


def test_cancelling_promotes_the_waiting_and_mails_them(
    client, event, occurrence, django_capture_on_commit_callbacks
):
    signup = register(event, occurrence, "松本 花子", "hanako@example.jp", party_size=10)
    waiting = register(event, occurrence, "中町 一郎", "ichiro@example.jp", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel_url(signup))
    assert "取り消しました" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == SignupStatus.CONFIRMED
    promoted = [m for m in mail.outbox if m.to == ["ichiro@example.jp"]]
    assert len(promoted) == 1 and "now confirmed" in promoted[0].subject
    assert "Lively exercises" in promoted[0].body


def test_a_tampered_cancel_link_is_refused_with_a_clear_page(client, event, occurrence):
    signup = register(event, occurrence, "松本 花子", "hanako@example.jp")
    response = client.post(cancel_url(signup)[:-6] + "xxxxx/")
    assert response.status_code == 400
    assert "このリンクは使えません" in response.content.decode()
    signup.refresh_from_db()
    assert signup.status == SignupStatus.CONFIRMED


def test_a_used_cancel_link_says_it_was_already_cancelled(client, event, occurrence):
    signup = register(event, occurrence, "松本 花子", "hanako@example.jp")
    client.post(cancel_url(signup))
    response = client.post(cancel_url(signup))
    assert response.status_code == 200
    assert "すでに取り消されています" in response.content.decode()


# --- Changes by staff ----------------------------------------------------------------------


def test_cancelling_a_session_mails_its_registrants(
    event, occurrence, soon, django_capture_on_commit_callbacks
):
    register(event, occurrence, "松本 花子", "hanako@example.jp")
    event.exceptions.create(date=soon.date(), change="cancelled", note="会場の点検のため")
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    assert [m.to for m in mail.outbox] == [["hanako@example.jp"]]
    assert "中止" in mail.outbox[0].subject
    assert "cancel/" not in mail.outbox[0].body


def test_republishing_without_changes_mails_nobody(event, occurrence):
    register(event, occurrence, "松本 花子", "hanako@example.jp")
    event.save_revision().publish()
    assert OutboxMessage.objects.filter(kind__startswith="event-session").count() == 0


def test_raising_the_capacity_confirms_the_waiting(event, occurrence):
    register(event, occurrence, "松本 花子", "hanako@example.jp", party_size=10)
    waiting = register(event, occurrence, "中町 一郎", "ichiro@example.jp", party_size=2)
    event.capacity = 12
    event.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.status == SignupStatus.CONFIRMED
    assert EventRegistrationSlot.objects.get().capacity == 12
