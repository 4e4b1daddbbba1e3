"""Coordinators keep the directory of consultation windows; district staff do not."""

import pytest
from django.urls import reverse

from consult.models import ConsultationWindow

pytestmark = pytest.mark.django_db

ADD_URL = reverse("wagtailsnippets_consult_consultationwindow:add")


def form_data(daini, **overrides):
    return {
        "name_ja": "中央地域包括支援センター",
        "name_en": "",
        "field": "elderly",
        "for_whom_ja": "65歳以上の方と、その家族",
        "for_whom_en": "",
        "what_to_ask_ja": "介護保険の申請、もの忘れの心配。",
        "what_to_ask_en": "",
        "phone": "0263-34-3000",
        "hours_ja": "平日 8:30〜17:15",
        "hours_en": "",
        "address": "",
        "department_ja": "高齢福祉課",
        "department_en": "",
        "languages_ja": "日本語",
        "languages_en": "Japanese",
        "accessibility_ja": "",
        "accessibility_en": "",
        "districts": [daini.pk],
        "sort_order": "100",
        **overrides,
    }


def test_a_coordinator_adds_a_window_serving_a_district(client, coordinator, daini):
    client.force_login(coordinator)
    client.post(ADD_URL, form_data(daini))
    assert list(ConsultationWindow.objects.get().districts.all()) == [daini]


def test_a_window_without_its_phone_hours_is_refused_with_the_form_kept(client, coordinator, daini):
    client.force_login(coordinator)
    response = client.post(ADD_URL, form_data(daini, hours_ja=""))
    assert 'value="中央地域包括支援センター"' in response.content.decode()


def test_district_staff_cannot_open_the_windows_admin(client, daini_staff):
    client.force_login(daini_staff)
    assert client.get(ADD_URL).status_code == 302


def test_the_districts_offered_are_those_of_the_default_language(client, coordinator):
    client.force_login(coordinator)
    html = client.get(ADD_URL).content.decode()
    assert html.count('name="districts"') == 35
