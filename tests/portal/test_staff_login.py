"""Staff logins: locked after repeated failures, ended when idle or too old."""

import time

import pytest
from axes.models import AccessAttempt

from portal.staff_login import LAST_SEEN, STARTED
from tests.factories import UserFactory

LOGIN = "/admin/login/"
PASSWORD = "正しいパスワード-2026"


@pytest.fixture
def editor(db):
    return UserFactory(username="daini-shokuin", password=PASSWORD, admin_access=True)


def log_in(client, password, address="198.51.100.7", username="daini-shokuin"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_a_right_password_logs_in(client, editor):
    response = log_in(client, PASSWORD)

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_login_is_locked_after_five_failures_even_with_the_right_password(
    client, editor, settings
):
    settings.AXES_FAILURE_LIMIT = 5
    for _attempt in range(5):
        log_in(client, "まちがい")

    response = log_in(client, PASSWORD)

    assert response.status_code == 429
    assert "ログインを一時的に停止" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lockout_is_per_user_name_and_address(client, editor, settings):
    settings.AXES_FAILURE_LIMIT = 5
    for _attempt in range(5):
        log_in(client, "まちがい", address="198.51.100.7")

    response = log_in(client, PASSWORD, address="203.0.113.9")

    assert response.status_code == 302


def test_failed_logins_are_recorded_without_the_password(client, editor):
    log_in(client, "まちがい")

    attempt = AccessAttempt.objects.get()
    assert attempt.username == "daini-shokuin"
    assert "まちがい" not in str(attempt.post_data)


def test_a_session_idle_for_more_than_30_minutes_ends(client, editor):
    client.force_login(editor)
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 31 * 60
    session.save()

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in client.session


def test_a_session_in_use_stays_open(client, editor):
    client.force_login(editor)
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 29 * 60
    session.save()

    assert client.get("/admin/").status_code == 200
    assert client.session[LAST_SEEN] >= int(time.time()) - 5


def test_a_session_ends_12_hours_after_login_even_when_busy(client, editor):
    client.force_login(editor)
    session = client.session
    session[STARTED] = int(time.time()) - 12 * 3600 - 60
    session[LAST_SEEN] = int(time.time())
    session.save()

    response = client.get("/admin/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_ended_session_on_a_public_page_just_shows_the_page(client, editor, daini):
    client.force_login(editor)
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 31 * 60
    session.save()

    response = client.get(daini.url)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
