import pytest

pytestmark = pytest.mark.django_db


def test_an_event_is_found_inside_a_word_with_its_next_date(client, make_event, soon):
    make_event(title="健康体操教室", start=soon, end=soon.replace(hour=11))
    response = client.get("/search/", {"q": "たいそう"})
    html = response.content.decode()
    assert "健康体操教室" in html
    assert f"{soon.month}月{soon.day}日" in html
