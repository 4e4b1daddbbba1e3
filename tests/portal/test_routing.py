"""Which Site and which page a URL names, kept until a purge (portal/routing.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.places.factories import PlacePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def salon(make_place):
    return make_place(title="本庄ふれあいサロン", slug="honjo-salon")


def test_the_site_is_read_once(client):
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    assert not [q for q in captured if "wagtailcore_site" in q["sql"]]


def test_a_page_renamed_after_it_was_served_is_not_found_at_its_old_url(client, salon):
    old_url = salon.url
    client.get(old_url)
    salon.slug = "honjo-salon-2"
    salon.save_revision().publish()
    assert client.get(old_url).status_code == 404


def test_a_page_renamed_after_it_was_served_is_found_at_its_new_url(client, salon):
    client.get(salon.url)
    salon.slug = "honjo-salon-2"
    salon.save_revision().publish()
    salon.refresh_from_db()
    assert client.get(salon.url).status_code == 200


def test_a_page_moved_after_it_was_served_is_found_in_its_new_district(client, salon, daisan):
    client.get(salon.url)
    salon.move(daisan, pos="last-child")
    salon.refresh_from_db()
    assert client.get(salon.url).status_code == 200


def test_a_page_unpublished_after_it_was_served_is_not_found(client, salon):
    client.get(salon.url)
    salon.unpublish()
    assert client.get(salon.url).status_code == 404


def test_a_page_deleted_after_it_was_served_is_not_found(client, salon):
    url = salon.url
    client.get(url)
    salon.delete()
    assert client.get(url).status_code == 404


def test_a_new_page_at_the_url_of_a_deleted_one_is_served(client, salon, daini):
    url = salon.url
    client.get(url)
    salon.delete()
    newcomer = PlacePageFactory(parent=daini, title="本庄なかよし広場", slug="honjo-salon")
    newcomer.save_revision().publish()
    assert "本庄なかよし広場" in client.get(url).content.decode()
