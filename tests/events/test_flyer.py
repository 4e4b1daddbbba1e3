import datetime as dt

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from events.queries import add_months

from .factories import tokyo

pytestmark = pytest.mark.django_db


def test_flyer_lists_the_months_events_with_the_hubs_contact(client, make_event, daini):
    make_event(title="健康体操教室", start=tokyo(2030, 12, 10), end=tokyo(2030, 12, 10, 11, 30))
    make_event(title="翌月の会", start=tokyo(2031, 1, 10), end=tokyo(2031, 1, 10, 11, 30))
    response = client.get("/districts/daini/events/print/?month=2030-12")
    html = response.content.decode()
    assert response.status_code == 200
    assert "2030年12月の行事" in html
    assert "健康体操教室" in html and "翌月の会" not in html
    assert "10日(火)" in html and "10:00〜11:30" in html
    assert daini.hub_name in html and daini.contact_phone in html


def test_flyer_has_a_qr_code_to_the_district_page_as_inline_svg_without_style(client):
    html = client.get("/districts/daini/events/print/?month=2030-12").content.decode()
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert 'role="img"' in svg and "/districts/daini/" in svg
    assert " style=" not in html and "<style" not in html


def test_flyer_uses_a_print_stylesheet_for_one_a4_page(client):
    html = client.get("/districts/daini/events/print/").content.decode()
    assert "events/css/flyer.css" in html
    with open(finders.find("events/css/flyer.css"), encoding="utf-8") as file:
        css = file.read()
    assert "@page" in css and "size: A4" in css


def test_flyer_answers_in_english(client, make_event):
    make_event(start=tokyo(2030, 12, 10), end=tokyo(2030, 12, 10, 11, 30))
    response = client.get("/en/districts/daini/events/print/?month=2030-12")
    assert response.status_code == 200 and "Events in December 2030" in response.content.decode()


def test_flyer_marks_cancelled_dates(client, make_event):
    from events.recurrence import Frequency

    make_event(
        start=tokyo(2030, 12, 3),
        end=tokyo(2030, 12, 3, 11, 30),
        repeat=Frequency.WEEKLY,
        repeat_count=4,
        exceptions=[{"date": dt.date(2030, 12, 10)}],
    )
    html = client.get("/districts/daini/events/print/?month=2030-12").content.decode()
    assert "10日(火)（中止）" in html


def test_flyer_of_an_unknown_district_is_not_found(client):
    assert client.get("/districts/nowhere/events/print/").status_code == 404


def test_flyer_links_to_the_neighbouring_months(client):
    html = client.get("/districts/daini/events/print/?month=2030-12").content.decode()
    month = dt.date(2030, 12, 1)
    assert f"?month={add_months(month, 1):%Y-%m}" in html
    assert settings.TIME_ZONE == "Asia/Tokyo"
