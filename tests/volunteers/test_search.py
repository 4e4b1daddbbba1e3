import pytest

pytestmark = pytest.mark.django_db


def test_a_volunteer_opportunity_is_found_by_part_of_its_title(client, opportunity):
    html = client.get("/search/", {"q": "サロン"}).content.decode()
    assert "ふれあいサロンのお手伝い" in html
