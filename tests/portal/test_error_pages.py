"""The portal's own 404 and 500 pages: in Japanese (404 in English under /en/), within the
strict policy, and never Django's debug page."""

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def inline_code(html: str) -> bool:
    return "<script" in html or "<style" in html or " style=" in html


def test_the_not_found_page_is_in_japanese(client):
    response = client.get("/no-such-page/")

    assert "ページが見つかりません" in response.content.decode()


def test_the_not_found_page_is_in_english_under_en(client):
    response = client.get("/en/no-such-page/")

    assert "Page not found" in response.content.decode()


def test_the_not_found_page_carries_no_inline_code(client):
    assert not inline_code(client.get("/no-such-page/").content.decode())


@pytest.fixture
def failing():
    with override_settings(ROOT_URLCONF="tests.portal.error_urls"):
        yield Client(raise_request_exception=False)


def test_a_server_error_answers_500(failing):
    assert failing.get("/fail/").status_code == 500


def test_the_server_error_page_says_in_japanese_to_try_again_or_call(failing):
    html = failing.get("/fail/").content.decode()

    assert "しばらくしてから、もう一度お試しください" in html and "0263-34-3000" in html


def test_the_server_error_page_shows_nothing_of_the_failure(failing):
    html = failing.get("/fail/?q=認知症").content.decode()

    assert not any(word in html for word in ("RuntimeError", "Traceback", "認知症", "SECRET"))


def test_the_server_error_page_carries_no_inline_code(failing):
    assert not inline_code(failing.get("/fail/").content.decode())


def test_the_server_error_page_keeps_the_strict_policy(failing):
    policy = failing.get("/fail/")["Content-Security-Policy"]

    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_the_server_error_page_loads_the_portals_stylesheet(failing):
    assert "/static/portal/css/portal.css" in failing.get("/fail/").content.decode()


def test_a_form_refused_by_the_csrf_check_says_in_japanese_what_to_do(daini):
    client = Client(enforce_csrf_checks=True)

    html = client.post("/districts/daini/", {"q": "x"}).content.decode()

    assert "再読み込み" in html and not inline_code(html)
