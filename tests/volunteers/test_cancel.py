"""Cancelling through the link in the mail: confirm on GET, cancel on POST, promote."""

import re

import pytest
from django.core import mail

from portal.signups import SignupStatus, link_token, read_link_token, sign_up
from volunteers.models import ShiftSignup

from .conftest import publish_opportunity

pytestmark = pytest.mark.django_db


def cancel_url(signup, language=""):
    prefix = f"/{language}" if language else ""
    return f"{prefix}/volunteer/cancel/{link_token(signup, 'cancel')}/"


@pytest.fixture
def full_shift(daini):
    """One place: 松本 花子 confirmed, 中町 一郎 waiting."""
    shift = publish_opportunity(daini, shifts=((5, 1),)).shifts.get()
    sign_up(shift, name="松本 花子", email="hanako@example.jp")
    sign_up(shift, name="中町 一郎", email="ichiro@example.jp", language="en")
    return shift


def confirmed(shift):
    return shift.signups.get(status=SignupStatus.CONFIRMED)


def test_opening_the_link_asks_for_confirmation_and_cancels_nothing(client, full_shift):
    signup = confirmed(full_shift)
    response = client.get(cancel_url(signup))
    html = response.content.decode()
    assert response.status_code == 200
    assert "お申し込みを取り消しますか" in html and 'method="post"' in html
    signup.refresh_from_db()
    assert signup.status == SignupStatus.CONFIRMED


def test_confirming_cancels_and_promotes_the_first_waiting(client, full_shift):
    signup = confirmed(full_shift)
    response = client.post(cancel_url(signup))
    assert response.status_code == 200
    assert "取り消しました" in response.content.decode()
    signup.refresh_from_db()
    assert signup.status == SignupStatus.CANCELLED and signup.cancelled_by == "person"
    assert confirmed(full_shift).name == "中町 一郎"


def test_the_promoted_volunteer_is_mailed_in_their_language(
    client, full_shift, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel_url(confirmed(full_shift)))
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {"hanako@example.jp", "ichiro@example.jp"}
    promoted = by_recipient["ichiro@example.jp"]
    assert "now confirmed" in promoted.subject
    assert "/en/volunteer/cancel/" in promoted.body
    assert "取り消しました" in by_recipient["hanako@example.jp"].subject


def test_a_second_use_of_the_link_says_it_was_already_cancelled(client, full_shift):
    url = cancel_url(confirmed(full_shift))
    client.post(url)
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 200
        assert "すでに取り消されています" in response.content.decode()
    assert full_shift.signups.filter(status=SignupStatus.CONFIRMED).count() == 1


def test_an_altered_link_is_refused_with_a_clear_page(client, full_shift):
    url = cancel_url(confirmed(full_shift))
    response = client.post(url.replace("/volunteer/cancel/", "/volunteer/cancel/x"))
    assert response.status_code == 400
    assert "このリンクは使えません" in response.content.decode()
    assert full_shift.signups.filter(status=SignupStatus.CONFIRMED).count() == 1


def test_a_link_of_the_confirmation_page_cannot_cancel(client, full_shift):
    token = link_token(confirmed(full_shift), "thanks")
    assert client.post(f"/volunteer/cancel/{token}/").status_code == 400


def test_the_english_cancel_page_is_in_english(client, full_shift):
    html = client.get(cancel_url(confirmed(full_shift), "en")).content.decode()
    assert "Cancel your sign-up" in html and '<html lang="en">' in html


def test_a_shift_that_has_started_can_no_longer_be_cancelled_online(client, full_shift):
    signup = confirmed(full_shift)
    url = cancel_url(signup)
    type(full_shift).objects.filter(pk=full_shift.pk).update(
        start=full_shift.start.replace(year=2020), end=full_shift.end.replace(year=2020)
    )
    response = client.post(url)
    assert "すでに始まっています" in response.content.decode()
    signup.refresh_from_db()
    assert signup.status == SignupStatus.CONFIRMED


def test_the_confirmation_page_links_the_cancel_page(client, full_shift):
    signup = ShiftSignup.objects.get(name="中町 一郎")
    html = client.get(f"/volunteer/thanks/{link_token(signup, 'thanks')}/").content.decode()
    # Tokens carry the second they were signed in: compare what they name, not their text.
    tokens = re.findall(r'href="/volunteer/cancel/([^/"]+)/"', html)
    assert [read_link_token(ShiftSignup, token, "cancel")[0] for token in tokens] == [[signup]]


def test_pages_that_carry_a_cancel_link_are_never_cached(client, full_shift):
    signup = confirmed(full_shift)
    for url in (cancel_url(signup), f"/volunteer/thanks/{link_token(signup, 'thanks')}/"):
        assert "no-store" in client.get(url)["Cache-Control"]
