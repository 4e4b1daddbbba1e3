"""The city's facts: the coordinators' settings screen wins over the environment that seeds it."""

import pytest
from django.utils import translation

from portal import page_cache
from portal.models import CitySettings
from portal.municipality import city, city_name

pytestmark = pytest.mark.django_db

URL = "/admin/settings/portal/citysettings/"


def _saved(**changes) -> CitySettings:
    row = CitySettings.load()
    for name, value in changes.items():
        setattr(row, name, value)
    row.save()
    return row


def test_without_saved_settings_the_environment_names_the_city(settings):
    settings.MUNICIPALITY = {**settings.MUNICIPALITY, "name_ja": "安曇野市"}
    assert city().name_ja == "安曇野市"


def test_saved_settings_win_over_the_environment(settings):
    _saved(name_en="Azumino City")
    settings.MUNICIPALITY = {**settings.MUNICIPALITY, "name_en": "Matsumoto City"}
    with translation.override("en"):
        assert city_name() == "Azumino City"


def test_saving_the_settings_is_seen_at_once_although_the_answer_is_cached():
    assert city().phone == "0263-34-3000"  # cached now
    _saved(phone="0263-48-0000")
    assert city().phone == "0263-48-0000"


def test_saving_the_settings_makes_every_cached_page_stale():
    row = CitySettings.load()
    before = page_cache.GENERATION.current()
    row.save()
    assert page_cache.GENERATION.current() == before + 1


def test_a_new_main_number_shows_on_hubs_without_their_own(client):
    _saved(phone="0263-48-0000")
    assert 'href="tel:0263-48-0000"' in client.get("/districts/daini/").content.decode()


def test_the_screen_opens_with_the_environments_values(client, coordinator):
    client.force_login(coordinator)
    assert "0263-34-3000" in client.get(URL, follow=True).content.decode()


def test_coordinators_save_a_new_english_name(client, coordinator):
    client.force_login(coordinator)
    client.post(_edit_url(), _form_data(name_en="Matsumoto"))
    assert CitySettings.objects.get().name_en == "Matsumoto"


def test_a_wrong_phone_number_is_refused_in_japanese_and_what_was_typed_is_kept(
    client, coordinator
):
    client.force_login(coordinator)
    data = _form_data(phone="34-3000", name_en="Matsumoto")
    html = client.post(_edit_url(), data).content.decode()
    assert "市外局番" in html and 'value="Matsumoto"' in html


def test_district_staff_cannot_open_the_city_settings(client, daini_staff):
    client.force_login(daini_staff)
    assert client.get(URL).status_code == 302


def test_a_number_typed_full_width_is_kept_half_width(client, coordinator):
    client.force_login(coordinator)
    client.post(_edit_url(), _form_data(phone="０２６３－３４－３０００"))
    assert CitySettings.objects.get().phone == "0263-34-3000"


def _edit_url() -> str:
    return f"{URL}{CitySettings.load().pk}/"


def _form_data(**changes) -> dict:
    data = {
        "name_ja": "松本市",
        "name_en": "Matsumoto City",
        "prefecture_ja": "長野県",
        "prefecture_en": "Nagano Prefecture",
        "code": "202029",
        "phone": "0263-34-3000",
        "department_ja": "健康福祉部 福祉政策課",
        "department_en": "Welfare Policy Division",
        "latitude": "36.23805",
        "longitude": "137.97202",
        "licence_name": "CC BY 4.0",
        "licence_url": "https://creativecommons.org/licenses/by/4.0/deed.ja",
    }
    data.update(changes)
    return data
