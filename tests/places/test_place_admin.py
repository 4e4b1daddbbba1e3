"""What district staff meet when they keep their district's places in the admin."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from places.models import PlaceKind
from tests.admin_forms import empty_formsets

from .factories import PlacePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, daini):
    user = get_user_model().objects.create_user(username="daini-staff", password="x")
    user.groups.add(daini.staff_group)
    client.force_login(user)
    return client


def place_form(**changes):
    return {
        "title": "本庄ふれあいサロン",
        "slug": "",
        "kind": PlaceKind.objects.get(slug="salon").pk,
        "address": "どこでもない場所",
        **empty_formsets("opening_hours", "photos"),
        **changes,
    }


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- Last confirmed ---------------------------------------------------------------------------


def test_a_new_place_is_confirmed_today_unless_staff_say_otherwise(staff_client, daini):
    html = staff_client.get(f"/admin/pages/add/places/placepage/{daini.pk}/").content.decode()
    assert f'name="last_confirmed" value="{timezone.localdate():%Y-%m-%d}"' in html


def test_editing_a_place_keeps_its_confirmation_date(staff_client, daini):
    place = PlacePageFactory(parent=daini, last_confirmed=dt.date(2025, 4, 1))
    html = staff_client.get(f"/admin/pages/{place.pk}/edit/").content.decode()
    assert 'name="last_confirmed" value="2025-04-01"' in html


# --- The dashboard panel ------------------------------------------------------------------------


def test_district_staff_see_their_places_to_confirm(staff_client, daini):
    PlacePageFactory(parent=daini, title="古いサロン", last_confirmed=dt.date(2020, 1, 1))
    assert "古いサロン" in staff_client.get("/admin/").content.decode()


def test_the_panel_leaves_out_another_districts_places(staff_client, daisan):
    PlacePageFactory(parent=daisan, title="よその古いサロン", last_confirmed=dt.date(2020, 1, 1))
    assert "よその古いサロン" not in staff_client.get("/admin/").content.decode()


def test_the_panel_leaves_out_places_confirmed_this_year(staff_client, daini):
    PlacePageFactory(parent=daini, title="確認済みのサロン", last_confirmed=timezone.localdate())
    assert "確認済みのサロン" not in staff_client.get("/admin/").content.decode()


# --- The approximate-position warning ---------------------------------------------------------


def test_the_warning_names_the_place(staff_client, daini):
    response = staff_client.post(
        f"/admin/pages/add/places/placepage/{daini.pk}/",
        place_form(**{"action-publish": "action-publish"}),
        follow=True,
    )
    assert any("「本庄ふれあいサロン」" in message for message in messages_of(response))


def test_the_warning_is_shown_once(staff_client, daini):
    response = staff_client.post(
        f"/admin/pages/add/places/placepage/{daini.pk}/",
        place_form(**{"action-publish": "action-publish"}),
        follow=True,
    )
    messages_of(response)  # shown on the page the publish leads to
    assert not any("おおよその位置" in m for m in messages_of(staff_client.get("/admin/")))


def test_an_autosave_leaves_no_warning_for_a_later_screen(staff_client, daini):
    place = PlacePageFactory(
        parent=daini, address="どこでもない場所", latitude=None, longitude=None
    )
    staff_client.post(
        f"/admin/pages/{place.pk}/edit/",
        place_form(title=place.title, slug=place.slug),
        HTTP_ACCEPT="application/json",
    )
    assert not any("おおよその位置" in m for m in messages_of(staff_client.get("/admin/")))
