"""What district staff meet when they keep their district's places in the admin."""

import datetime as dt

import pytest
from django.utils import timezone

from .factories import PlacePageFactory
from .test_place_pages import add_form

pytestmark = pytest.mark.django_db


def place_form(**changes):
    """A new place whose address the geocoder cannot place."""
    new_place = {"title": "本庄ふれあいサロン", "slug": "", "address": "どこでもない場所"}
    return add_form(**{**new_place, **changes})


def autosave_form(**changes):
    """What the editor's autosave sends: the form, no action button."""
    data = place_form(**changes)
    del data["action-publish"]
    return data


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- Last confirmed ---------------------------------------------------------------------------


def test_a_new_place_is_confirmed_today_unless_staff_say_otherwise(daini_staff_client, daini):
    html = daini_staff_client.get(f"/admin/pages/add/places/placepage/{daini.pk}/").content.decode()
    assert f'name="last_confirmed" value="{timezone.localdate():%Y-%m-%d}"' in html


def test_editing_a_place_keeps_its_confirmation_date(daini_staff_client, daini):
    place = PlacePageFactory(parent=daini, last_confirmed=dt.date(2025, 4, 1))
    html = daini_staff_client.get(f"/admin/pages/{place.pk}/edit/").content.decode()
    assert 'name="last_confirmed" value="2025-04-01"' in html


# --- The dashboard panel ------------------------------------------------------------------------


def test_district_staff_see_their_places_to_confirm(daini_staff_client, daini):
    PlacePageFactory(parent=daini, title="古いサロン", last_confirmed=dt.date(2020, 1, 1))
    assert "古いサロン" in daini_staff_client.get("/admin/").content.decode()


def test_the_panel_leaves_out_another_districts_places(daini_staff_client, daisan):
    PlacePageFactory(parent=daisan, title="よその古いサロン", last_confirmed=dt.date(2020, 1, 1))
    assert "よその古いサロン" not in daini_staff_client.get("/admin/").content.decode()


def test_the_panel_leaves_out_places_confirmed_this_year(daini_staff_client, daini):
    PlacePageFactory(parent=daini, title="確認済みのサロン", last_confirmed=timezone.localdate())
    assert "確認済みのサロン" not in daini_staff_client.get("/admin/").content.decode()


# --- The approximate-position warning ---------------------------------------------------------


def test_the_warning_names_the_place(daini_staff_client, daini):
    response = daini_staff_client.post(
        f"/admin/pages/add/places/placepage/{daini.pk}/",
        place_form(),
        follow=True,
    )
    assert any("「本庄ふれあいサロン」" in message for message in messages_of(response))


def test_the_warning_is_shown_once(daini_staff_client, daini):
    response = daini_staff_client.post(
        f"/admin/pages/add/places/placepage/{daini.pk}/",
        place_form(),
        follow=True,
    )
    messages_of(response)  # shown on the page the publish leads to
    assert not any("おおよその位置" in m for m in messages_of(daini_staff_client.get("/admin/")))


def test_an_autosave_leaves_no_warning_for_a_later_screen(daini_staff_client, daini):
    place = PlacePageFactory(
        parent=daini, address="どこでもない場所", latitude=None, longitude=None
    )
    daini_staff_client.post(
        f"/admin/pages/{place.pk}/edit/",
        autosave_form(title=place.title, slug=place.slug),
        HTTP_ACCEPT="application/json",
    )
    assert not any("おおよその位置" in m for m in messages_of(daini_staff_client.get("/admin/")))
