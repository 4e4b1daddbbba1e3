"""Serving a URL finds its page in one query (HomePage.route)."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from home.models import HomePage
from tests.places.factories import PlacePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def salon(daini):
    place = PlacePageFactory(parent=daini, title="本庄ふれあいサロン", slug="honjo-salon")
    place.save_revision().publish()
    return place


def route(path: str):
    home = HomePage.objects.get(locale__language_code="ja")
    return home.route(RequestFactory().get(path), [part for part in path.split("/") if part])


def test_a_place_page_is_found_by_its_url(salon):
    assert route("/districts/daini/honjo-salon/").page.pk == salon.pk


def test_finding_a_place_page_costs_the_same_queries_as_a_page_one_level_down(salon):
    with CaptureQueriesContext(connection) as deep:
        route("/districts/daini/honjo-salon/")
    with CaptureQueriesContext(connection) as shallow:
        route("/districts/")
    assert len(deep) == len(shallow)


def test_a_path_below_a_page_without_such_a_child_is_not_found(client, daini):
    assert client.get("/districts/daini/no-such-place/").status_code == 404


def test_a_draft_place_is_not_served(client, daini):
    PlacePageFactory(parent=daini, slug="draft-salon", live=False)
    assert client.get("/districts/daini/draft-salon/").status_code == 404
