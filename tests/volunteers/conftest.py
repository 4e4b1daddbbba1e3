"""Fixtures of the volunteering tests: an opportunity in 第二地区, published in both languages."""

import pytest
from django.core.cache import cache

from portal.translation import publish_translations

from .factories import VolunteerOpportunityPageFactory, VolunteerShiftFactory, days_ahead

ENGLISH = {
    "ふれあいサロンのお手伝い": "Helping at the community salon",
    "受付・お茶出し・片付け": "Reception, tea and tidying up",
    "第二地区公民館": "Daini District Community Hall",
}


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counts live in the cache: every test starts with none."""
    cache.clear()


def publish_opportunity(
    district, *, title="ふれあいサロンのお手伝い", slug="salon-helper", shifts=((7, 3),), **fields
):
    """An opportunity under `district` with shifts (days ahead, places), in ja and en."""
    page = VolunteerOpportunityPageFactory(parent=district, title=title, slug=slug, **fields)
    for days, capacity in shifts:
        VolunteerShiftFactory(page=page, start=days_ahead(days), capacity=capacity)
    page.save_revision().publish()
    publish_translations(page, {**ENGLISH, title: ENGLISH.get(title, f"{slug} (English)")})
    page.refresh_from_db()
    return page


@pytest.fixture
def opportunity(daini):
    return publish_opportunity(daini)


@pytest.fixture
def shift(opportunity):
    return opportunity.shifts.get()
