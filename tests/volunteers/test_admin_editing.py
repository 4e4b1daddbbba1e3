"""Editing opportunities in the Wagtail admin never breaks what people signed up for."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from portal.signups import SignupStatus, sign_up
from volunteers.models import VolunteerOpportunityPage, VolunteerShift

from .conftest import publish_opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_page(daini):
    """One shift with one place: 松本 花子 confirmed, 中町 一郎 waiting."""
    page = publish_opportunity(daini, shifts=((5, 1),))
    shift = page.shifts.get()
    sign_up(shift, name="松本 花子", email="hanako@example.jp")
    sign_up(shift, name="中町 一郎", email="ichiro@example.jp")
    return page


def local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def edit_data(page, **shift_changes) -> dict:
    shift = page.shifts.get()
    shift_form = {
        "id": shift.pk,
        "start": local(shift.start),
        "end": local(shift.end),
        "capacity": shift.capacity,
        "ORDER": 1,
        "DELETE": "",
    }
    shift_form.update(shift_changes)
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "role": page.role,
            "description": page.description,
            "conditions": page.conditions,
            "venue_name": page.venue_name,
            "venue_address": page.venue_address,
            "latitude": page.latitude,
            "longitude": page.longitude,
            "contact_name": page.contact_name,
            "contact_phone": page.contact_phone,
            "contact_email": "",
            "online_signup": "on",
            "shifts": inline_formset([shift_form], initial=1),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )


def edit(client, page, **shift_changes):
    return client.post(f"/admin/pages/{page.pk}/edit/", edit_data(page, **shift_changes))


def test_district_staff_can_publish_an_edited_opportunity(daini_staff_client, busy_page):
    response = edit(daini_staff_client, busy_page, capacity=1)
    assert response.status_code == 302


def test_a_shift_people_signed_up_for_cannot_be_deleted_in_the_editor(
    daini_staff_client, busy_page
):
    response = edit(daini_staff_client, busy_page, DELETE="1")
    assert response.status_code == 200
    assert "申込があるため" in response.content.decode()
    assert busy_page.shifts.exists()


def test_places_cannot_be_lowered_below_the_confirmed(daini_staff_client, busy_page):
    VolunteerShift.objects.filter(page=busy_page).update(capacity=2)
    sign_up(busy_page.shifts.get(), name="城東 健", email="ken@example.jp")
    response = edit(daini_staff_client, busy_page, capacity=1)
    assert response.status_code == 200
    assert busy_page.shifts.get().capacity == 2


def test_adding_places_confirms_the_waiting_and_tells_them(
    daini_staff_client, busy_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edit(daini_staff_client, busy_page, capacity=2)
    shift = busy_page.shifts.get()
    assert shift.confirmed_count == 2
    assert shift.signups.get(name="中町 一郎").status == SignupStatus.CONFIRMED
    assert [m.to for m in mail.outbox] == [["ichiro@example.jp"]]


def test_publishing_a_draft_made_before_sign_ups_keeps_the_count(daini):
    page = publish_opportunity(daini, shifts=((5, 3),))
    draft = page.save_revision()
    shift = page.shifts.get()
    sign_up(shift, name="松本 花子", email="hanako@example.jp")
    sign_up(shift, name="中町 一郎", email="ichiro@example.jp")
    draft.publish()
    shift.refresh_from_db()
    assert shift.confirmed_count == 2


def test_a_page_with_people_signed_up_cannot_be_deleted(daini_staff_client, busy_page):
    response = daini_staff_client.post(f"/admin/pages/{busy_page.pk}/delete/")
    assert response.status_code == 302
    assert f"/admin/pages/{busy_page.pk}/edit/" in response["Location"]
    assert VolunteerOpportunityPage.objects.filter(pk=busy_page.pk).exists()


def test_a_page_without_coming_sign_ups_can_be_deleted(daini_staff_client, daini):
    page = publish_opportunity(daini, slug="quiet")
    daini_staff_client.post(f"/admin/pages/{page.pk}/delete/")
    assert not VolunteerOpportunityPage.objects.filter(pk=page.pk).exists()


def test_every_editable_field_has_japanese_help_text():
    for model in (VolunteerOpportunityPage, VolunteerShift):
        own = [
            f
            for f in model._meta.get_fields()
            if getattr(f, "editable", False)
            and getattr(f, "model", None) in (model, *model.__mro__)
            and f.concrete
            and not f.auto_created
            and f.name not in {"sort_order", "page"}
            and f.model.__module__.startswith(("volunteers", "portal"))
        ]
        assert own
        for field in own:
            assert any("\u3040" <= ch <= "\u30ff" for ch in str(field.help_text)), field.name


def test_staff_can_preview_an_opportunity_being_edited(daini_staff_client, busy_page):
    url = f"/admin/pages/{busy_page.pk}/edit/preview/"
    assert daini_staff_client.post(url, edit_data(busy_page)).json()["is_valid"]
    response = daini_staff_client.get(url)
    assert response.status_code == 200
    assert "ふれあいサロンのお手伝い" in response.content.decode()


def test_staff_can_preview_a_new_opportunity(daini_staff_client, daini):
    page = publish_opportunity(daini, slug="model")
    data = edit_data(page)
    data["slug"] = "brand-new"
    for key in [k for k in data if k.startswith("shifts-0-id")]:
        data[key] = ""
    data["shifts-INITIAL_FORMS"] = "0"
    url = f"/admin/pages/add/volunteers/volunteeropportunitypage/{daini.pk}/preview/"
    assert daini_staff_client.post(url, data).json()["is_valid"]
    assert daini_staff_client.get(url).status_code == 200
