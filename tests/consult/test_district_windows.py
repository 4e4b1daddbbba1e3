"""Each district page shows where to ask, by field (consult/sections.py)."""

import pytest

from tests.consult.factories import ConsultationWindowFactory

pytestmark = pytest.mark.django_db


def test_a_district_page_shows_a_window_serving_it(client, daini):
    ConsultationWindowFactory(name_ja="第二地区担当センター", districts=[daini])
    assert "第二地区担当センター" in client.get("/districts/daini/").content.decode()


def test_a_district_page_leaves_out_a_window_of_another_district(client, daisan):
    ConsultationWindowFactory(name_ja="第三地区担当センター", districts=[daisan])
    assert "第三地区担当センター" not in client.get("/districts/daini/").content.decode()


def test_the_english_district_page_shows_the_windows_linked_to_the_japanese_one(client, daini):
    ConsultationWindowFactory(name_en="Daini support centre", districts=[daini])
    assert "Daini support centre" in client.get("/en/districts/daini/").content.decode()


@pytest.mark.usefixtures("page_cache_on")
def test_a_window_edited_after_the_page_was_cached_shows_at_once(client, daini):
    window = ConsultationWindowFactory(districts=[daini])
    client.get("/districts/daini/")
    window.phone = "0263-99-0000"
    window.save()
    assert "0263-99-0000" in client.get("/districts/daini/").content.decode()
