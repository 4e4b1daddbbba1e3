import pytest

from portal import page_cache
from tests.places.factories import PlacePageFactory


@pytest.fixture
def make_place(daini):
    """Create and publish a place (by default in 第二地区): published pages are indexed."""

    def make(parent=None, **fields):
        place = PlacePageFactory(parent=parent or daini, **fields)
        place.save_revision().publish()
        return place

    return make


@pytest.fixture
def page_cache_on(settings):
    """The whole-page cache, off in the test settings, on for one test."""
    settings.PAGE_CACHE_ENABLED = True
    page_cache.generation.forget()
    page_cache.clock.known.clear()
    yield
    page_cache.generation.forget()
    page_cache.clock.known.clear()
