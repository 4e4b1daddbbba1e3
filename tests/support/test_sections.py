"""The "Ask for help" section of the district pages (support/sections.py)."""

import pytest

from support.models import SupportIntakePage

pytestmark = pytest.mark.django_db


def test_a_district_page_links_to_the_citys_form_with_its_district(client, intake_page, daini):
    html = client.get("/districts/daini/").content.decode()
    assert f'href="{intake_page.url}?district=daini"' in html


def test_a_district_page_links_to_its_own_form_once_published(client, intake_page, daini):
    client.get("/districts/daini/")  # the city's form, kept until an intake page is published
    own = SupportIntakePage(title="第二地区の相談", slug="soudan", locale=daini.locale)
    daini.add_child(instance=own)
    own.save_revision().publish()
    assert 'href="/districts/daini/soudan/"' in client.get("/districts/daini/").content.decode()
