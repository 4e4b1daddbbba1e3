"""Team members from outside the district record contacts; deciding stays with the district.

An agency's staff member (地域包括支援センター) on a case of 第二地区 sees it and
adds contact notes; the person's details and consents, the status, the lead,
the team, the proposed places and escalation are for the district's staff
and the coordinators (support.access.managed_cases).
"""

import pytest
from django.core.exceptions import PermissionDenied

from support.access import can_manage, can_work
from support.models import AuditEntry, CaseMember
from support.services import (
    add_match,
    add_member,
    assign,
    change_status,
    escalate,
    remove_member,
    update_details,
)
from tests.factories import UserFactory

from .factories import SupportCaseFactory, today_at

pytestmark = pytest.mark.django_db

#: The details and consents form as posted, the share consent left out (withdrawn).
EDIT = {
    "requester_type": "self",
    "name": "梓川 花子",
    "phone": "0263-11-0000",
    "contact_method": "any",
    "consent_contact": "on",
    "consent_method": "oral",
}


@pytest.fixture
def case(daini, daini_staff, agency_user):
    case = SupportCaseFactory(district=daini, consent_share=True, name="梓川 花子")
    add_member(case, agency_user, by=daini_staff, basis="consent", role="地域包括支援センター")
    return case


def detail(case) -> str:
    return f"/admin/support/cases/{case.pk}/"


def test_an_agency_member_works_the_case_they_are_on(case, agency_user):
    assert can_work(agency_user, case)


def test_an_agency_member_does_not_manage_it(case, agency_user):
    assert not can_manage(agency_user, case)


def test_district_staff_manage_their_districts_case(case, daini_staff):
    assert can_manage(daini_staff, case)


def test_an_agency_member_records_a_contact(client, case, agency_user):
    client.force_login(agency_user)
    response = client.post(
        f"{detail(case)}contacts/add/",
        {"contact-kind": "phone", "contact-happened_at": today_at(), "contact-notes": "電話した。"},
    )
    assert response.status_code == 302
    assert case.contacts.get().recorded_by == agency_user


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("status/", {"status-to_status": "withdrawn"}),
        ("assign/", {"assign-next_follow_up": "2030-01-01"}),
        ("team/add/", {"member-basis": "consent"}),
        ("matches/add/", {"match-label": "体操", "match-outcome": "proposed"}),
        ("escalate/", {"escalate-reason": "理由"}),
        ("edit/", EDIT),
    ],
)
def test_an_agency_member_is_refused_a_decision(client, case, agency_user, action, data):
    client.force_login(agency_user)
    assert client.post(f"{detail(case)}{action}", data).status_code == 403


def test_a_refused_withdrawal_leaves_the_status(client, case, agency_user):
    client.force_login(agency_user)
    client.post(f"{detail(case)}status/", {"status-to_status": "withdrawn"})
    case.refresh_from_db()
    assert case.status == "received"


def test_a_refused_consent_change_leaves_the_consents(client, case, agency_user):
    client.force_login(agency_user)
    client.post(f"{detail(case)}edit/", EDIT)
    case.refresh_from_db()
    assert case.consent_share and not case.consents.exists()


def test_an_agency_member_cannot_remove_anyone_from_the_team(client, case, agency_user):
    member = case.members.get(user=agency_user)
    client.force_login(agency_user)
    client.post(f"{detail(case)}team/{member.pk}/remove/")
    member.refresh_from_db()
    assert member.active


@pytest.mark.parametrize(
    "call",
    [
        lambda case, user: change_status(case, "withdrawn", by=user),
        lambda case, user: update_details(
            case, {"consent_share": False}, by=user, consent_method="oral"
        ),
        lambda case, user: assign(case, by=user, lead=None, next_follow_up=None),
        lambda case, user: add_match(case, by=user, label="体操"),
        lambda case, user: escalate(case, by=user, reason="理由"),
        lambda case, user: remove_member(case.members.get(user=user), by=user),
    ],
)
def test_the_services_refuse_an_agency_member_a_decision(case, agency_user, call):
    with pytest.raises(PermissionDenied):
        call(case, agency_user)


def test_a_service_refusal_is_audited(case, agency_user):
    with pytest.raises(PermissionDenied):
        change_status(case, "withdrawn", by=agency_user)
    assert AuditEntry.objects.filter(
        case=case, user=agency_user, action="refused", detail="manage"
    ).exists()


def test_the_first_contact_by_an_agency_member_still_marks_the_case_contacted(
    client, case, agency_user
):
    client.force_login(agency_user)
    client.post(
        f"{detail(case)}contacts/add/",
        {"contact-kind": "visit", "contact-happened_at": today_at(), "contact-notes": ""},
    )
    case.refresh_from_db()
    assert case.status == "contacted"


def test_the_case_page_gives_an_agency_member_the_contact_form_only(client, case, agency_user):
    client.force_login(agency_user)
    html = client.get(detail(case)).content.decode()
    assert 'name="contact-kind"' in html
    assert 'name="status-to_status"' not in html and 'name="member-user"' not in html


def test_the_case_page_lists_no_staff_accounts_to_an_agency_member(
    client, daisan, case, agency_user
):
    UserFactory(district=daisan, last_name="波田")
    client.force_login(agency_user)
    assert "波田" not in client.get(detail(case)).content.decode()


def test_the_member_chooser_offers_only_accounts_that_can_use_the_admin(client, case, daini_staff):
    UserFactory(last_name="島内")  # an account without admin access
    client.force_login(daini_staff)
    html = client.get(detail(case)).content.decode()
    assert "島内" not in html


def test_district_staff_add_another_agency_member(client, case, daini_staff):
    colleague = UserFactory(agency=True)
    client.force_login(daini_staff)
    client.post(
        f"{detail(case)}team/add/", {"member-user": colleague.pk, "member-basis": "consent"}
    )
    assert CaseMember.objects.filter(case=case, user=colleague).exists()
