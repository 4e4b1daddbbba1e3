"""The public intake form: from a resident's post to a case, in either language."""

import re

import pytest
from django.test import Client, override_settings
from django.views.debug import SafeExceptionReporterFilter

from support.models import SupportCase, SupportIntakeSubmission

from .factories import intake_data

pytestmark = pytest.mark.django_db


def test_the_form_page_is_served_in_japanese(client, intake_page):
    response = client.get("/support/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "相談" in html and 'name="requester_type"' in html and 'name="consent_contact"' in html


def test_the_form_page_is_served_in_english(client, english_intake_page):
    response = client.get("/en/support/")
    assert response.status_code == 200
    assert "Who is filling in this form?" in response.content.decode()


def test_the_form_page_is_not_stored_by_browsers_or_proxies(client, intake_page):
    response = client.get("/support/")

    assert "no-store" in response["Cache-Control"]


def test_core_fields_have_clean_english_names(intake_page):
    form = intake_page.get_form(page=intake_page)
    assert {"requester_type", "district", "name", "furigana", "consent_sensitive"} <= set(
        form.fields
    )
    assert all(name.isascii() for name in form.fields)


def test_a_valid_post_creates_one_case_and_shows_its_reference(client, intake_page, daini):
    response = client.post("/support/", intake_data(daini), follow=True)
    assert response.status_code == 200
    case = SupportCase.objects.get()
    assert case.reference in response.content.decode()
    assert case.status == "received"
    assert case.district == daini


def test_a_valid_post_is_sent_on_to_the_thanks_page(client, intake_page, daini):
    response = client.post("/support/", intake_data(daini))

    assert response["Location"].startswith("/support/thanks/")


def test_the_thanks_page_is_not_cached(client, intake_page, daini):
    response = client.post("/support/", intake_data(daini), follow=True)

    assert "no-store" in response["Cache-Control"]


def test_the_submission_and_the_case_are_linked(client, intake_page, daini):
    client.post("/support/", intake_data(daini, heard_about="広報まつもと"))
    submission = SupportIntakeSubmission.objects.get()
    assert submission.case == SupportCase.objects.get()
    assert submission.form_data == {"heard_about": "広報まつもと"}


def test_core_answers_are_stored_in_the_case_not_in_the_submission(client, intake_page, daini):
    client.post("/support/", intake_data(daini))
    submission = SupportIntakeSubmission.objects.get()
    assert "松本 花子" not in str(submission.form_data)
    assert submission.case.name == "松本 花子"
    assert submission.case.interests == ["exercise", "salon"]


def test_an_error_keeps_what_was_typed(client, intake_page, daini):
    response = client.post("/support/", intake_data(daini, consent_contact=None))
    html = response.content.decode()
    assert SupportCase.objects.count() == 0
    assert 'value="松本 花子"' in html
    assert 'value="0263-99-1234"' in html
    assert "膝が悪くても参加できる体操を探しています。" in html
    assert re.search(r'<input[^>]*value="salon"[^>]*checked', html)


def test_errors_are_in_the_summary_and_beside_the_field(client, intake_page, daini):
    html = client.post("/support/", intake_data(daini, consent_contact=None)).content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_consent_contact"' in html
    assert 'id="id_consent_contact_error"' in html
    assert "連絡することに同意してください。" in html


def test_errors_are_in_english_on_the_english_page(client, english_intake_page, daini):
    html = client.post("/en/support/", intake_data(daini, consent_contact=None)).content.decode()
    assert "Please agree to be contacted" in html


def test_a_phone_number_or_an_email_address_is_needed(client, intake_page, daini):
    response = client.post(
        "/support/", intake_data(daini, phone="", email="", contact_method="any")
    )
    assert SupportCase.objects.count() == 0
    assert 'id="id_phone_error"' in response.content.decode()


def test_an_email_alone_is_enough(client, intake_page, daini):
    client.post("/support/", intake_data(daini, phone="", contact_method="email"))
    assert SupportCase.objects.get().email == "hanako@example.jp"


def test_full_width_digits_are_accepted(client, intake_page, daini):
    client.post(
        "/support/", intake_data(daini, phone="０２６３－９９－１２３４", postcode="３９００８１２")
    )
    case = SupportCase.objects.get()
    assert case.phone == "0263-99-1234"
    assert case.postcode == "390-0812"


def test_health_answers_without_consent_are_not_stored(client, intake_page, daini):
    response = client.post(
        "/support/",
        intake_data(daini, health_needs=["mobility"], health_details="膝の手術をしました。"),
        follow=True,
    )
    case = SupportCase.objects.get()
    assert case.health_needs == [] and case.health_details == ""
    assert not case.consent_sensitive
    assert "保存していません" in response.content.decode()


def test_health_answers_with_consent_are_stored(client, intake_page, daini):
    client.post(
        "/support/",
        intake_data(
            daini,
            consent_sensitive="on",
            health_needs=["mobility"],
            health_details="膝の手術をしました。",
        ),
    )
    case = SupportCase.objects.get()
    assert case.health_needs == ["mobility"]
    assert case.health_details == "膝の手術をしました。"


def test_consents_are_recorded_with_how_they_were_given(client, intake_page, daini):
    client.post("/support/", intake_data(daini, consent_share="on"))
    case = SupportCase.objects.get()
    assert case.consent_share
    assert {(c.kind, c.given, c.method) for c in case.consents.all()} == {
        ("contact", True, "form"),
        ("share", True, "form"),
        ("sensitive", False, "form"),
    }


def test_a_filled_honeypot_creates_no_case(client, intake_page, daini):
    client.post("/support/", intake_data(daini, website="http://spam.example"))
    assert SupportCase.objects.count() == 0


def test_posts_beyond_the_rate_limit_get_429(client, intake_page, daini, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "intake": "2/h"}
    statuses = [client.post("/support/", intake_data(daini)).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert SupportCase.objects.count() == 2


def test_the_form_needs_a_csrf_token(intake_page, daini):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/support/", intake_data(daini)).status_code == 403
    assert SupportCase.objects.count() == 0


def test_posted_values_are_hidden_from_error_reports(rf, intake_page, daini):
    request = rf.post("/support/", intake_data(daini))
    request.LANGUAGE_CODE = "ja"
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    intake_page.serve(request)
    parameters = SafeExceptionReporterFilter().get_post_parameters(request)
    assert "松本 花子" not in str(parameters)


def test_an_unknown_district_waits_unassigned_with_a_suggestion(client, intake_page):
    client.post("/support/", intake_data(None, postcode="399-0034", address="野溝東2丁目"))
    case = SupportCase.objects.get()
    assert case.district is None
    assert case.suggested_district.slug == "yoshikawa"
    assert "野溝東" in case.district_suggestion_note


def test_the_district_can_be_preselected_by_its_slug(client, intake_page, daini):
    html = client.get("/support/?district=daini").content.decode()
    assert f'<option value="{daini.pk}" selected>' in html


def test_district_choices_show_english_titles_on_the_english_page(
    client, english_intake_page, daini
):
    html = client.get("/en/support/").content.decode()
    assert f'<option value="{daini.pk}">Daini District</option>' in html


def test_a_case_from_the_english_form_is_the_same_as_from_the_japanese(
    client, english_intake_page, daini
):
    client.post("/en/support/", intake_data(daini, heard_about="The internet"))
    case = SupportCase.objects.get()
    assert case.district == daini  # the default-locale district page
    assert case.language == "en"
    assert case.intake_page_id == english_intake_page.get_translation(daini.locale).pk
    assert case.submission.page_id == english_intake_page.pk


def test_the_submissions_of_both_languages_are_one_list(
    client, intake_page, english_intake_page, daini
):
    client.post("/support/", intake_data(daini))
    client.post("/en/support/", intake_data(daini))
    assert intake_page.get_submissions().count() == 2
    assert english_intake_page.get_submissions().count() == 2


@override_settings(LANGUAGE_CODE="ja")
def test_a_district_intake_page_preselects_its_district(client, daini):
    from support.models import SupportIntakePage

    page = SupportIntakePage(title="第二地区の相談", slug="soudan")
    daini.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/districts/daini/soudan/").content.decode()
    assert f'<option value="{daini.pk}" selected>' in html


def test_an_optional_extra_drop_down_starts_unanswered(client, intake_page, daini):
    html = client.get("/support/").content.decode()
    assert re.search(r'<select name="heard_about"[^>]*>\s*<option value="" selected>', html)
    client.post("/support/", intake_data(daini))
    assert SupportIntakeSubmission.objects.get().form_data == {"heard_about": ""}


def test_the_form_page_says_whom_to_call_before_the_form(client, intake_page):
    html = client.get("/support/").content.decode()
    assert html.index('href="tel:110"') < html.index('<form method="post"')


def test_the_form_page_gives_the_hours_of_the_city_office_number(client, intake_page):
    assert "平日 8:30〜17:15" in client.get("/support/").content.decode()
