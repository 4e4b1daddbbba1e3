"""The case screens staff meet first: who can lead, the next status, and the list's default."""

import re

import pytest

from support.admin_forms import AssignForm
from support.services import lead_candidates, take_up
from tests.factories import UserFactory

from .factories import SupportCaseFactory

pytestmark = pytest.mark.django_db


# --- Lead ------------------------------------------------------------------------------------


def test_a_system_administrator_can_lead_when_the_district_has_no_staff(daini):
    admin = UserFactory(superuser=True)
    assert list(lead_candidates(SupportCaseFactory(district=daini))) == [admin]


def test_coordinators_can_lead_any_districts_case(daini, coordinator):
    assert coordinator in lead_candidates(SupportCaseFactory(district=daini))


def test_the_districts_staff_can_lead_its_cases(daini, daini_staff):
    assert daini_staff in lead_candidates(SupportCaseFactory(district=daini))


def test_another_districts_staff_cannot_lead(daini, daisan_staff):
    assert daisan_staff not in lead_candidates(SupportCaseFactory(district=daini))


def test_district_staff_cannot_lead_a_case_the_support_meeting_took_up(daini, daini_staff):
    case = SupportCaseFactory(district=daini, confidential=True)
    assert daini_staff not in lead_candidates(case)


def test_a_support_meeting_member_can_lead_its_confidential_case(daini, coordinator, agency_user):
    case = take_up(SupportCaseFactory(district=daini), by=coordinator, members=[agency_user])
    assert agency_user in lead_candidates(case)


def test_an_empty_lead_list_says_what_to_do(daini):
    form = AssignForm(case=SupportCaseFactory(district=daini), prefix="assign")
    assert "システム管理者に、担当する人のアカウントをそのグループに加えて" in str(
        form.fields["lead"].help_text
    )


# --- Next status -----------------------------------------------------------------------------


def status_select(html: str) -> str:
    return re.search(r'<select name="status-to_status".*?</select>', html, re.S).group(0)


def test_after_follow_up_no_next_status_is_preselected(client, daini, daini_staff):
    case = SupportCaseFactory(district=daini, status="follow_up")
    client.force_login(daini_staff)
    select = status_select(client.get(f"/admin/support/cases/{case.pk}/").content.decode())
    assert re.findall(r'<option value="([^"]*)" selected', select) == [""]


def test_sending_the_status_form_without_a_choice_changes_nothing(client, daini, daini_staff):
    case = SupportCaseFactory(district=daini, status="follow_up")
    client.force_login(daini_staff)
    client.post(f"/admin/support/cases/{case.pk}/status/", {"status-to_status": ""})
    case.refresh_from_db()
    assert case.status == "follow_up"


# --- The list --------------------------------------------------------------------------------


@pytest.fixture
def open_and_closed(daini):
    return (
        SupportCaseFactory(district=daini, status="matching"),
        SupportCaseFactory(district=daini, status="closed"),
    )


def test_the_list_opens_on_the_open_cases(client, daini_staff, open_and_closed):
    client.force_login(daini_staff)
    html = client.get("/admin/support/cases/").content.decode()
    assert [c.reference in html for c in open_and_closed] == [True, False]


def test_the_list_links_to_every_status(client, daini_staff, open_and_closed):
    client.force_login(daini_staff)
    html = client.get("/admin/support/cases/").content.decode()
    assert 'href="?status=all"' in html


def test_all_statuses_shows_closed_cases_too(client, daini_staff, open_and_closed):
    client.force_login(daini_staff)
    html = client.get("/admin/support/cases/?status=all").content.decode()
    assert [c.reference in html for c in open_and_closed] == [True, True]


def test_a_search_without_a_status_finds_a_closed_case(client, daini, daini_staff):
    closed = SupportCaseFactory(district=daini, status="closed", name="松本 次郎")
    client.force_login(daini_staff)
    html = client.post("/admin/support/cases/", {"q": "松本 次郎"}).content.decode()
    assert closed.reference in html
