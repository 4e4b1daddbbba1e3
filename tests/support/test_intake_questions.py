"""An intake page's questions and notices: no way around the special-care consent.

District staff could add a question of their own to their district's intake
page (asking about illness without the health consent) and send its notices
to any address. Questions are the coordinators'; a question flagged as
special-care is stored only with the consent; notices go only to the city's
mail domains or to staff accounts.
"""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from wagtail.models import Page

from support.models import (
    DistrictMailbox,
    SupportIntakeFormField,
    SupportIntakePage,
    SupportIntakeSubmission,
)
from support.services import notification_recipients, update_details
from tests.admin_forms import empty_formsets
from tests.factories import UserFactory

from .factories import SupportCaseFactory, intake_data

pytestmark = pytest.mark.django_db

CITY = "fukushi@city.matsumoto.nagano.jp"


@pytest.fixture
def district_page(daini):
    """第二地区's own intake page, with one special-care question (by the coordinators)."""
    page = SupportIntakePage(title="第二地区の相談", slug="soudan")
    page.form_fields.add(
        SupportIntakeFormField(
            clean_name="illness",
            label="持病",
            field_type="singleline",
            required=False,
            sensitive=True,
        )
    )
    page.form_fields.add(
        SupportIntakeFormField(
            clean_name="hobby", label="趣味", field_type="singleline", required=False
        )
    )
    daini.add_child(instance=page)
    page.save_revision().publish()
    return page


def edit_data(page, **changes) -> dict:
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": "第二地区の相談窓口です。",
        "thank_you_text": "",
        "notification_email": "",
        **empty_formsets(),
        # A question slipped in: ignored unless a coordinator sends it.
        "form_fields-TOTAL_FORMS": 1,
        "form_fields-INITIAL_FORMS": 0,
        "form_fields-MIN_NUM_FORMS": 0,
        "form_fields-MAX_NUM_FORMS": 1000,
        "form_fields-0-label": "病名を教えてください",
        "form_fields-0-field_type": "singleline",
        "form_fields-0-help_text": "",
        "form_fields-0-choices": "",
        "form_fields-0-default_value": "",
        "form_fields-0-ORDER": 1,
    }
    data.update(changes)
    return data


def latest_questions(page) -> list[str]:
    page = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    return [field.label for field in page.form_fields.all()]


def post(client, page, **changes):
    return client.post(f"/admin/pages/{page.pk}/edit/", edit_data(page, **changes))


# --- Who edits the questions ------------------------------------------------------------


def test_district_staff_edit_their_intake_pages_texts(client, district_page, daini_staff):
    client.force_login(daini_staff)
    post(client, district_page)
    page = Page.objects.get(pk=district_page.pk).specific.get_latest_revision_as_object()
    assert page.intro == "第二地区の相談窓口です。"


def test_district_staff_cannot_add_a_question(client, district_page, daini_staff):
    client.force_login(daini_staff)
    post(client, district_page)
    assert latest_questions(district_page) == ["持病", "趣味"]


def test_district_staff_see_the_questions_read_only(client, district_page, daini_staff):
    client.force_login(daini_staff)
    html = client.get(f"/admin/pages/{district_page.pk}/edit/").content.decode()
    assert "form_fields-TOTAL_FORMS" not in html and "持病" in html


def test_district_staff_creating_an_intake_page_get_no_questions(client, daini, daini_staff):
    client.force_login(daini_staff)
    client.post(
        f"/admin/pages/add/support/supportintakepage/{daini.pk}/",
        edit_data(Page(title="第二地区の受付", slug="uketsuke")),
    )
    page = SupportIntakePage.objects.get(slug="uketsuke")
    assert latest_questions(page) == []


def test_coordinators_add_a_question(client, district_page, coordinator):
    client.force_login(coordinator)
    response = post(
        client,
        district_page,
        **{
            "form_fields-TOTAL_FORMS": 3,
            "form_fields-INITIAL_FORMS": 2,
            **existing_questions(district_page),
            "form_fields-2-label": "よく行く場所",
            "form_fields-2-ORDER": 3,
        },
    )
    assert response.status_code == 302
    assert latest_questions(district_page) == ["持病", "趣味", "よく行く場所"]


def existing_questions(page) -> dict:
    data = {}
    for index, field in enumerate(page.form_fields.all()):
        data.update(
            {
                f"form_fields-{index}-id": field.pk,
                f"form_fields-{index}-label": field.label,
                f"form_fields-{index}-field_type": field.field_type,
                f"form_fields-{index}-help_text": "",
                f"form_fields-{index}-choices": "",
                f"form_fields-{index}-default_value": "",
                f"form_fields-{index}-sensitive": "on" if field.sensitive else "",
                f"form_fields-{index}-ORDER": index + 1,
            }
        )
    data.update(
        {
            "form_fields-2-field_type": "singleline",
            "form_fields-2-help_text": "",
            "form_fields-2-choices": "",
            "form_fields-2-default_value": "",
        }
    )
    return data


# --- Special-care questions ---------------------------------------------------------------


def test_a_special_care_answer_without_the_consent_is_not_stored(client, district_page, daini):
    client.post("/districts/daini/soudan/", intake_data(daini, illness="糖尿病", hobby="囲碁"))
    assert SupportIntakeSubmission.objects.get().form_data == {"hobby": "囲碁"}


def test_a_special_care_answer_with_the_consent_is_stored(client, district_page, daini):
    client.post(
        "/districts/daini/soudan/",
        intake_data(daini, illness="糖尿病", hobby="囲碁", consent_sensitive="on"),
    )
    assert SupportIntakeSubmission.objects.get().form_data == {
        "illness": "糖尿病",
        "hobby": "囲碁",
    }


def test_the_person_is_told_a_special_care_answer_was_not_stored(client, district_page, daini):
    response = client.post(
        "/districts/daini/soudan/", intake_data(daini, illness="糖尿病"), follow=True
    )
    assert "保存していません" in response.content.decode()


def test_a_special_care_question_is_asked_with_the_health_questions(client, district_page):
    html = client.get("/districts/daini/soudan/").content.decode()
    health = html.split('id="section-health"', 1)[1].split("</section>", 1)[0]
    assert 'name="illness"' in health and 'name="hobby"' not in health


def test_withdrawing_the_health_consent_removes_special_care_answers(
    client, district_page, daini, daini_staff
):
    client.post(
        "/districts/daini/soudan/",
        intake_data(daini, illness="糖尿病", hobby="囲碁", consent_sensitive="on"),
    )
    submission = SupportIntakeSubmission.objects.get()
    update_details(
        submission.case, {"consent_sensitive": False}, by=daini_staff, consent_method="oral"
    )
    submission.refresh_from_db()
    assert submission.form_data == {"hobby": "囲碁"}


# --- Notification addresses ---------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    ["someone@gmail.example", "fukushi@city.matsumoto.nagano.jp.example", "x@evilcity.nagano.jp"],
)
def test_a_notification_address_outside_the_city_is_refused(district_page, address):
    district_page.notification_email = address
    with pytest.raises(ValidationError):
        district_page.full_clean()


@pytest.mark.parametrize("address", [CITY, "daini@fukushi.city.matsumoto.nagano.jp"])
def test_a_notification_address_of_the_city_is_accepted(district_page, address):
    district_page.notification_email = address
    district_page.full_clean()


def test_a_staff_accounts_address_is_accepted(district_page, daini_staff):
    district_page.notification_email = daini_staff.email
    district_page.full_clean()


def test_an_account_without_admin_access_is_not_a_staff_address(district_page):
    resident = UserFactory()
    district_page.notification_email = resident.email
    with pytest.raises(ValidationError):
        district_page.full_clean()


@override_settings(PORTAL_MAIL_DOMAINS=["city.example.lg.jp"])
def test_the_city_domains_are_a_setting(district_page):
    district_page.notification_email = "fukushi@city.example.lg.jp"
    district_page.full_clean()


def test_the_refusal_is_a_form_error_in_japanese(client, district_page, daini_staff):
    client.force_login(daini_staff)
    response = post(client, district_page, notification_email="me@gmail.example")
    assert "市のメール" in response.content.decode()


def test_a_districts_shared_address_outside_the_city_is_refused(daini):
    with pytest.raises(ValidationError):
        DistrictMailbox(district=daini, email="hiroba@gmail.example").full_clean()


def test_an_outside_address_saved_around_the_admin_gets_no_notice(district_page, coordinator):
    SupportIntakePage.objects.filter(pk=district_page.pk).update(
        notification_email="someone@gmail.example"
    )
    district_page.refresh_from_db()
    case = SupportCaseFactory(district=None)
    assert notification_recipients(case, district_page) == [coordinator.email]
