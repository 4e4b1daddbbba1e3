"""Which pages are public, read once until a purge (portal/privacy.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from places.models import PlacePage
from portal.privacy import public, restricted_paths

pytestmark = pytest.mark.django_db


def restrict(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="合言葉"
    )


def test_a_page_under_a_restricted_page_is_not_public(make_place, daini):
    place = make_place(title="本庄ふれあいサロン")
    restrict(daini)
    assert not public(PlacePage.objects.filter(pk=place.pk)).exists()


def test_the_restricted_paths_are_read_once_until_a_purge(daini):
    restricted_paths()
    with CaptureQueriesContext(connection) as captured:
        restricted_paths()
    assert len(captured) == 0


def test_a_restriction_set_after_a_read_hides_the_page_at_once(make_place):
    place = make_place(title="本庄ふれあいサロン")
    restricted_paths()
    restrict(place)
    assert not public(PlacePage.objects.filter(pk=place.pk)).exists()


def test_a_restriction_lifted_shows_the_page_again(make_place):
    place = make_place(title="本庄ふれあいサロン")
    restriction = restrict(place)
    restricted_paths()
    restriction.delete()
    assert public(PlacePage.objects.filter(pk=place.pk)).exists()


# --- Serving a page: Wagtail's restriction check without a query when none can apply ---


def test_serving_a_public_page_reads_no_view_restriction(client, make_place):
    place = make_place(title="本庄ふれあいサロン")
    client.get(place.url)  # the guarded paths are read once, then kept
    with CaptureQueriesContext(connection) as captured:
        client.get(place.url)
    assert not [q for q in captured if "wagtailcore_pageviewrestriction" in q["sql"]]


def test_a_restriction_set_after_a_page_was_served_asks_for_the_password(client, make_place):
    place = make_place(title="本庄ふれあいサロン")
    client.get(place.url)
    restrict(place)
    assert 'name="password"' in client.get(place.url).content.decode()


def test_an_alias_of_a_restricted_page_asks_for_the_password(client, make_place, daisan):
    place = make_place(title="本庄ふれあいサロン")
    restrict(place)
    client.get(place.url)  # the guarded paths are read before the alias is made
    alias = place.create_alias(parent=daisan)
    assert 'name="password"' in client.get(alias.url).content.decode()
