"""Links every page shows, kept until a purge (portal/templatetags/portal_tags.py): the
same page in the other language, and the breadcrumbs."""

import re

import pytest
from wagtail.models import Locale

from portal.translation import publish_translations

pytestmark = pytest.mark.django_db

ENGLISH_URL = '/en/districts/daini/honjo-salon/"'


@pytest.fixture
def salon(make_place):
    return make_place(title="本庄ふれあいサロン", slug="honjo-salon")


def test_a_translation_published_after_a_page_was_served_is_linked(client, salon):
    client.get(salon.url)
    publish_translations(salon, {"本庄ふれあいサロン": "Honjo Salon"})
    assert ENGLISH_URL in client.get(salon.url).content.decode()


def test_a_translation_unpublished_after_a_page_was_served_is_no_longer_linked(client, salon):
    publish_translations(salon, {"本庄ふれあいサロン": "Honjo Salon"})
    client.get(salon.url)
    salon.get_translation(Locale.objects.get(language_code="en")).unpublish()
    assert ENGLISH_URL not in client.get(salon.url).content.decode()


def test_a_district_renamed_after_a_place_was_served_has_its_new_name_in_the_breadcrumbs(
    client, salon, daini
):
    client.get(salon.url)
    daini.title = "第二地区（本庄・旭町）"
    daini.save_revision().publish()
    html = client.get(salon.url).content.decode()
    breadcrumbs = re.search(r'<nav class="breadcrumbs.*?</nav>', html, re.S).group()
    assert "第二地区（本庄・旭町）</a>" in breadcrumbs
