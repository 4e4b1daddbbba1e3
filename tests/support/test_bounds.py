"""Edge input on the case screens: a form error or a 404, never a 500, and nothing half-written.

A contact dated 9999-12-31 once turned the mean days to first contact into
104,007: contact dates run from the day the case was received to today.
"""

import datetime as dt

import pytest
from django.utils import timezone

from support.models import CaseContact

from .factories import SupportCaseFactory, today_at

pytestmark = pytest.mark.django_db

BEYOND_64_BITS = "99999999999999999999999"


@pytest.fixture
def case(daini):
    return SupportCaseFactory(district=daini)


def post_contact(client, case, when: str):
    return client.post(
        f"/admin/support/cases/{case.pk}/contacts/add/",
        {"contact-kind": "phone", "contact-happened_at": when, "contact-notes": "電話した。"},
    )


@pytest.mark.parametrize("when", ["9999-12-31 10:00", "0001-01-01 00:00"])
def test_a_contact_date_beyond_any_case_is_a_form_error(client, case, daini_staff, when):
    client.force_login(daini_staff)
    response = post_contact(client, case, when)
    assert "受け付けた日" in response.content.decode()


def test_a_refused_contact_date_records_nothing(client, case, daini_staff):
    client.force_login(daini_staff)
    post_contact(client, case, "9999-12-31 10:00")
    assert not CaseContact.objects.filter(case=case).exists()


def test_a_contact_tomorrow_is_refused(client, case, daini_staff):
    client.force_login(daini_staff)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    post_contact(client, case, f"{tomorrow:%Y-%m-%d} 10:00")
    assert not CaseContact.objects.filter(case=case).exists()


def test_a_contact_before_the_case_was_received_is_refused(client, daini, daini_staff):
    case = SupportCaseFactory(district=daini, created_at=timezone.now() - dt.timedelta(days=3))
    client.force_login(daini_staff)
    before = timezone.localdate() - dt.timedelta(days=4)
    post_contact(client, case, f"{before:%Y-%m-%d} 10:00")
    assert not CaseContact.objects.filter(case=case).exists()


def test_a_contact_today_is_recorded(client, case, daini_staff):
    client.force_login(daini_staff)
    assert post_contact(client, case, today_at(9)).status_code == 302


def test_the_refused_date_is_kept_in_the_form(client, case, daini_staff):
    client.force_login(daini_staff)
    response = post_contact(client, case, "9999-12-31 10:00")
    assert "9999-12-31" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["start=0001-01&end=9999-12", "start=0001-01", "end=9999-12", "start=2000-01&end=2099-12"],
)
def test_a_report_period_beyond_the_bounds_is_a_form_error(client, coordinator, query):
    client.force_login(coordinator)
    response = client.get(f"/admin/support/reports/?{query}")
    assert response.context["form"].errors


def test_a_report_period_beyond_the_bounds_answers_200(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/admin/support/reports/?start=0001-01&end=9999-12").status_code == 200


def test_an_invalid_period_is_not_exported(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/admin/support/reports/?start=0001-01&export=csv")
    assert response["Content-Type"].startswith("text/html")


def test_ten_years_is_a_report(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/admin/support/reports/?start=2017-01&end=2026-12")
    assert not response.context["form"].errors


def test_a_district_filter_beyond_64_bits_is_a_form_error(client, daini_staff):
    client.force_login(daini_staff)
    response = client.get(f"/admin/support/cases/?district={BEYOND_64_BITS}")
    assert response.context["filter_form"].errors


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "{big}/"),
        ("get", "{big}/edit/"),
        ("post", "{case}/team/{big}/remove/"),
        ("post", "{case}/matches/{big}/"),
    ],
)
def test_ids_beyond_64_bits_in_case_routes_are_not_found(client, case, daini_staff, method, path):
    client.force_login(daini_staff)
    url = "/admin/support/cases/" + path.format(big=BEYOND_64_BITS, case=case.pk)
    assert getattr(client, method)(url).status_code == 404


@pytest.mark.parametrize(
    ("action", "field"),
    [("assign/", "assign-lead"), ("team/add/", "member-user"), ("matches/add/", "match-page")],
)
def test_a_posted_id_beyond_64_bits_is_a_form_error(client, case, daini_staff, action, field):
    client.force_login(daini_staff)
    response = client.post(
        f"/admin/support/cases/{case.pk}/{action}",
        {field: BEYOND_64_BITS, "match-label": "体操", "match-outcome": "proposed"},
    )
    assert response.status_code == 200


def test_the_submissions_list_takes_dates_at_the_ends_of_the_calendar(
    client, coordinator, intake_page
):
    client.force_login(coordinator)
    response = client.get(
        f"/admin/forms/submissions/{intake_page.pk}/?date_after=0001-01-01&date_before=9999-12-31"
    )
    assert response.status_code == 200
