"""Public pages stay cacheable and cookie-free; staff pages are never stored."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/en/", "/districts/daini/", "/places/", "/events/"])
def test_a_public_page_sets_no_cookie_and_may_be_cached(client, daini, path):
    response = client.get(path)

    assert response.status_code == 200
    assert not response.cookies
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_public_page_seen_by_a_logged_in_user_is_not_stored(client, daini):
    client.force_login(UserFactory())

    response = client.get("/districts/daini/")

    assert "no-store" in response["Cache-Control"]


def test_the_admin_login_page_is_not_stored(client):
    response = client.get("/admin/login/")

    assert "no-store" in response["Cache-Control"]


def test_a_public_page_has_an_etag_and_a_repeat_visit_gets_304(client, daini):
    first = client.get("/districts/daini/")

    again = client.get("/districts/daini/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
