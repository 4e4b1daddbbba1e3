"""District staff edit and publish their own district, and nothing of another."""

import pytest
from wagtail.models import Locale

from home.models import DistrictPage
from tests.admin_forms import empty_formsets

pytestmark = pytest.mark.django_db


def edit_form(page: DistrictPage, **changes) -> dict:
    data = {
        "title": page.title,
        "slug": page.slug,
        "reading": page.reading,
        "intro": page.intro,
        "hub_name": page.hub_name,
        "hub_postcode": page.hub_postcode,
        "hub_address": page.hub_address,
        "hub_phone": page.hub_phone,
        "hub_verified": "on" if page.hub_verified else "",
        "latitude": page.latitude,
        "longitude": page.longitude,
        **empty_formsets(),
        "action-publish": "action-publish",
    }
    data.update(changes)
    return data


def test_district_staff_can_edit_and_publish_their_district(client, daini, daini_staff):
    client.force_login(daini_staff)
    response = client.post(
        f"/admin/pages/{daini.pk}/edit/", edit_form(daini, intro="毎週火曜日はサロンの日です。")
    )
    assert response.status_code == 302
    daini.refresh_from_db()
    assert daini.intro == "毎週火曜日はサロンの日です。"
    assert daini.live and not daini.has_unpublished_changes


def test_district_staff_can_edit_their_district_in_english(client, daini, daini_staff):
    english = daini.get_translation(Locale.objects.get(language_code="en"))
    client.force_login(daini_staff)
    assert client.get(f"/admin/pages/{english.pk}/edit/").status_code == 200


def test_district_staff_cannot_open_another_districts_editor(client, daisan, daini_staff):
    client.force_login(daini_staff)
    response = client.get(f"/admin/pages/{daisan.pk}/edit/")
    # Wagtail answers a refused admin view with a redirect to the dashboard (and a message).
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_district_staff_cannot_change_another_district(client, daisan, daini_staff):
    client.force_login(daini_staff)
    response = client.post(f"/admin/pages/{daisan.pk}/edit/", edit_form(daisan, intro="改ざん"))
    # Wagtail answers a refused admin view with a redirect to the dashboard (and a message).
    assert response.status_code == 302 and response["Location"] == "/admin/"
    daisan.refresh_from_db()
    assert daisan.intro != "改ざん"
    assert daisan.get_latest_revision().content.get("intro") != "改ざん"


def test_district_staff_cannot_add_pages_under_another_district(client, daisan, daini_staff):
    client.force_login(daini_staff)
    response = client.get(f"/admin/pages/{daisan.pk}/add_subpage/")
    # Wagtail answers a refused admin view with a redirect to the dashboard (and a message).
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_district_staff_cannot_unpublish_another_district(client, daisan, daini_staff):
    client.force_login(daini_staff)
    response = client.post(f"/admin/pages/{daisan.pk}/unpublish/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    daisan.refresh_from_db()
    assert daisan.live


def test_permission_tester_limits_staff_to_their_subtree(daini, daisan, daini_staff):
    assert daini.permissions_for_user(daini_staff).can_publish()
    assert daini.permissions_for_user(daini_staff).can_add_subpage() is not None
    assert not daisan.permissions_for_user(daini_staff).can_edit()
    assert not daisan.permissions_for_user(daini_staff).can_publish()


def test_coordinators_can_edit_every_district(client, daini, daisan, coordinator):
    client.force_login(coordinator)
    for page in (daini, daisan):
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert daisan.permissions_for_user(coordinator).can_publish()
