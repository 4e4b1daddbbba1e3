"""Signing up through the public form, without JavaScript."""

import pytest
from django.core import mail
from django.test import Client, override_settings

from portal.models import OutboxMessage
from portal.signups import SignupStatus, sign_up
from volunteers.models import ShiftSignup, VolunteerOpportunityPage

from .conftest import publish_opportunity

pytestmark = pytest.mark.django_db


def form_url(shift) -> str:
    """The sign-up form of the shift's opportunity (its page id names it)."""
    return f"/volunteer/{shift.page_id}/signup/"


def form_data(shift, **changes) -> dict:
    data = {
        "shifts": [shift.pk],
        "name": "松本 花子",
        "furigana": "まつもと はなこ",
        "email": "hanako@example.jp",
        "phone": "0263-34-3000",
        "note": "車いすを使っています。",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return data


def post(client, shift, url=None, **changes):
    return client.post(url or form_url(shift), form_data(shift, **changes))


def test_a_valid_sign_up_is_confirmed_and_shown_on_a_confirmation_page(client, shift):
    response = post(client, shift)
    assert response.status_code == 302
    signup = ShiftSignup.objects.get()
    assert signup.status == SignupStatus.CONFIRMED and signup.language == "ja"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "お申し込みを受け付けました" in page.content.decode()


def test_the_form_page_is_not_stored_by_browsers_or_proxies(client, shift):
    response = client.get(form_url(shift))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_confirmation_url_holds_nothing_personal(client, shift):
    location = post(client, shift)["Location"]
    assert location.startswith("/volunteer/thanks/")
    for personal in ("hanako", "example", "0263", "松本"):
        assert personal not in location


def test_the_confirmation_mail_carries_the_cancel_link(
    client, shift, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, shift)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hanako@example.jp"]
    assert "ふれあいサロンのお手伝い" in message.body
    assert "http://127.0.0.1:8000/volunteer/cancel/" in message.body
    assert "車いす" not in message.body  # the note is for staff, not repeated in mail


def test_the_mail_is_written_to_the_outbox_with_the_sign_up(client, shift):
    post(client, shift)
    assert OutboxMessage.objects.filter(kind="volunteer-confirmation").count() == 1


def test_someone_who_gives_only_a_phone_number_gets_no_mail(client, shift):
    post(client, shift, email="")
    assert ShiftSignup.objects.get().phone == "0263-34-3000"
    assert not OutboxMessage.objects.exists()


def test_signing_up_in_english_mails_in_english(client, shift, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, shift, url="/en" + form_url(shift), furigana="")
    assert response["Location"].startswith("/en/volunteer/thanks/")
    assert ShiftSignup.objects.get().language == "en"
    assert "Helping at the community salon" in mail.outbox[0].body
    assert "http://127.0.0.1:8000/en/volunteer/cancel/" in mail.outbox[0].body


def test_a_sign_up_on_the_english_page_counts_on_the_one_shift(client, opportunity, shift):
    post(client, shift, url="/en" + form_url(shift))
    shift.refresh_from_db()
    assert shift.confirmed_count == 1
    english = VolunteerOpportunityPage.objects.get(
        locale__language_code="en", translation_key=opportunity.translation_key
    )
    assert english.shifts.exists()  # wagtail-localize's copies, never signed up for
    assert not english.shifts.filter(signups__isnull=False).exists()


def test_a_full_shift_puts_the_volunteer_on_the_waiting_list(client, daini):
    page = publish_opportunity(daini, shifts=((5, 1),))
    shift = page.shifts.get()
    sign_up(shift, name="先着 一郎", email="first@example.jp")
    response = post(client, shift)
    assert ShiftSignup.objects.get(email="hanako@example.jp").status == SignupStatus.WAITLISTED
    assert "キャンセル待ち（1番目）" in client.get(response["Location"]).content.decode()


def test_one_form_can_sign_up_for_several_dates(client, daini, django_capture_on_commit_callbacks):
    page = publish_opportunity(daini, shifts=((5, 2), (12, 2)))
    shifts = list(page.shifts.order_by("start"))
    with django_capture_on_commit_callbacks(execute=True):
        post(client, shifts[0], shifts=[s.pk for s in shifts])
    assert ShiftSignup.objects.filter(status=SignupStatus.CONFIRMED).count() == 2
    assert len(mail.outbox) == 1 and mail.outbox[0].body.count("/volunteer/cancel/") == 2


def test_signing_up_twice_gets_a_friendly_message_and_no_second_sign_up(client, shift):
    post(client, shift)
    response = post(client, shift, email="HANAKO@example.jp ")
    html = client.get(response["Location"]).content.decode()
    assert "すでにお申し込み" in html
    assert ShiftSignup.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_errors_keep_what_was_typed(client, shift):
    response = post(client, shift, name="", email="hanako@example")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert 'id="id_name_error"' in html and 'id="id_email_error"' in html
    assert 'value="hanako@example"' in html
    assert 'value="まつもと はなこ"' in html
    assert "車いすを使っています。" in html
    assert "checked" in html  # the chosen date and the consent stay ticked
    assert not ShiftSignup.objects.exists()


def test_an_email_address_or_a_phone_number_is_needed(client, shift):
    html = post(client, shift, email="", phone="").content.decode()
    assert "メールアドレスか電話番号" in html
    assert not ShiftSignup.objects.exists()


def test_consent_to_the_privacy_policy_is_needed_and_linked(client, shift):
    data = form_data(shift)
    del data["consent"]
    html = client.post(form_url(shift), data).content.decode()
    assert 'id="id_consent_error"' in html
    assert 'href="/privacy/"' in html
    assert not ShiftSignup.objects.exists()


def test_furigana_in_kanji_is_refused(client, shift):
    html = post(client, shift, furigana="松本 花子").content.decode()
    assert 'id="id_furigana_error"' in html


def test_furigana_in_latin_letters_is_taken_from_residents_without_a_kana_name(client, shift):
    post(client, shift, furigana="Nguyen Van An")
    assert ShiftSignup.objects.get().furigana == "Nguyen Van An"


def test_a_filled_honeypot_signs_nobody_up(client, shift):
    post(client, shift, website="http://spam.example")
    assert not ShiftSignup.objects.exists()


def test_the_form_needs_its_csrf_token(shift):
    client = Client(enforce_csrf_checks=True)
    assert client.post(form_url(shift), form_data(shift)).status_code == 403
    assert not ShiftSignup.objects.exists()


@override_settings(RATE_LIMITS={"default": "20/h", "signup": "2/h"})
def test_too_many_sign_ups_from_one_connection_get_a_429_page(client, shift):
    statuses = [post(client, shift, email=f"p{n}@example.jp").status_code for n in range(3)]
    assert statuses == [302, 302, 429]


def test_an_opportunity_that_takes_no_online_sign_ups_says_to_call(client, daini):
    page = publish_opportunity(daini, slug="phone-only", online_signup=False)
    html = client.get(page.signup_url).content.decode()
    assert "0263-00-0000" in html and "<form" not in html.split('id="main"')[1]


def test_a_shift_that_is_gone_from_the_choices_is_refused_with_a_message(client, daini, shift):
    other = publish_opportunity(daini, slug="other").shifts.get()
    html = post(client, other, url=form_url(shift)).content.decode()
    assert 'id="id_shifts_error"' in html
    assert not ShiftSignup.objects.exists()
