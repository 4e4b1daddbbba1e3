"""Wagtail's user bar on public pages: for staff only, never in what anonymous visitors get."""

import pytest

pytestmark = pytest.mark.django_db


def test_staff_get_wagtails_user_bar_on_a_public_page(daini_staff_client):
    assert "<wagtail-userbar>" in daini_staff_client.get("/districts/daini/").content.decode()


def test_residents_get_no_user_bar(client):
    assert "wagtail-userbar" not in client.get("/districts/daini/").content.decode()


def test_a_page_with_the_user_bar_is_not_kept_by_shared_caches(daini_staff_client):
    response = daini_staff_client.get("/districts/daini/")
    assert "private" in response["Cache-Control"]
