"""/consult/: where to ask about what, by field and district."""

import pytest

from consult.models import Field
from tests.consult.factories import ConsultationWindowFactory

pytestmark = pytest.mark.django_db


def html_of(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_window_shows_its_phone_and_hours(client):
    ConsultationWindowFactory(name_ja="中央地域包括支援センター", phone="0263-00-1111")
    assert 'href="tel:0263-00-1111"' in html_of(client, "/consult/")


def test_a_window_shows_its_phone_hours(client):
    ConsultationWindowFactory(hours_ja="平日 9:00〜16:00")
    assert "平日 9:00〜16:00" in html_of(client, "/consult/")


def test_a_window_names_the_department_responsible_for_it(client):
    ConsultationWindowFactory(department_ja="高齢福祉課")
    assert "高齢福祉課" in html_of(client, "/consult/")


def test_the_english_page_shows_the_english_name(client):
    ConsultationWindowFactory(name_ja="中央地域包括支援センター", name_en="Chuo support centre")
    assert "Chuo support centre" in html_of(client, "/en/consult/")


def test_choosing_a_district_shows_its_hub_first(client, daini):
    ConsultationWindowFactory()
    html = html_of(client, "/consult/", district="daini")
    answers = html[html.index('id="answers"') :]
    assert answers.index(daini.hub_name) < answers.index("地域包括支援センター")


def test_choosing_a_district_leaves_out_windows_of_other_districts(client, daisan):
    ConsultationWindowFactory(name_ja="第三地区担当センター", districts=[daisan])
    assert "第三地区担当センター" not in html_of(client, "/consult/", district="daini")


def test_choosing_a_district_shows_its_own_windows(client, daini):
    ConsultationWindowFactory(name_ja="第二地区担当センター", districts=[daini])
    assert "第二地区担当センター" in html_of(client, "/consult/", district="daini")


def test_choosing_a_district_keeps_the_city_wide_windows(client):
    ConsultationWindowFactory(name_ja="まいさぽ松本", field=Field.HARDSHIP)
    assert "まいさぽ松本" in html_of(client, "/consult/", district="daini")


def test_choosing_a_field_shows_only_its_windows(client):
    ConsultationWindowFactory(name_ja="まいさぽ松本", field=Field.HARDSHIP)
    assert "まいさぽ松本" not in html_of(client, "/consult/", field="elderly")


def test_a_field_that_does_not_exist_gets_a_message(client):
    html = html_of(client, "/consult/", field="unknown")
    assert "error-summary" in html


def test_a_demo_window_is_marked_as_demo(client):
    ConsultationWindowFactory(is_demo=True)
    assert "デモ" in html_of(client, "/consult/")


def test_a_window_serving_some_districts_names_them(client, daini):
    ConsultationWindowFactory(districts=[daini])
    assert "<dt>担当地区</dt><dd>第二地区</dd>" in html_of(client, "/consult/")


def test_the_english_page_names_the_districts_in_english(client, daini):
    ConsultationWindowFactory(districts=[daini])
    assert "<dt>Area</dt><dd>Daini District</dd>" in html_of(client, "/en/consult/")


def test_the_page_says_whom_to_call_when_it_cannot_wait(client):
    assert 'href="tel:189"' in html_of(client, "/consult/")
