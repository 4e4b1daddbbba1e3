import pytest

from tests.places.factories import PlacePageFactory


@pytest.fixture
def make_place(daini):
    """Create and publish a place (by default in 第二地区): published pages are indexed."""

    def make(parent=None, **fields):
        place = PlacePageFactory(parent=parent or daini, **fields)
        place.save_revision().publish()
        return place

    return make
