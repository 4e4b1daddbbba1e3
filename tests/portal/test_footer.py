"""Every page names the department responsible for it; a CMS page says when it was last
published (portal/templates/base.html, the city's settings)."""

import datetime as dt

import pytest
from django.utils import timezone

from portal.models import CitySettings

pytestmark = pytest.mark.django_db


def footer_of(client, path: str) -> str:
    html = client.get(path).content.decode()
    return html[html.index('<footer class="site-footer">') :]


def test_a_page_names_the_department_responsible_for_it(client):
    assert "このページの担当：健康福祉部 福祉政策課" in footer_of(client, "/places/")


def test_an_english_page_names_the_department_in_english(client):
    assert "Welfare Policy Division" in footer_of(client, "/en/places/")


def test_a_cms_page_says_when_it_was_last_published(client, daini):
    daini.last_published_at = timezone.make_aware(dt.datetime(2026, 12, 4, 23, 30))
    daini.save(update_fields=["last_published_at"])
    assert "最終更新：2026年12月4日(金)" in footer_of(client, "/districts/daini/")


def test_a_department_changed_in_the_city_settings_is_named_at_once(client):
    client.get("/places/")
    settings_row = CitySettings.load()
    settings_row.department_ja = "健康福祉部 福祉政策課 地域共生担当"
    settings_row.save()
    assert "福祉政策課 地域共生担当" in footer_of(client, "/places/")
