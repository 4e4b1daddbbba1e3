"""Sharing a case needs a recorded basis; the support meeting makes it confidential."""

import pytest

from support.access import can_see
from support.models import AuditEntry, CaseMember
from support.services import SharingRefused, add_member, escalate, take_up
from tests.factories import UserFactory

from .factories import SupportCaseFactory

pytestmark = pytest.mark.django_db


def test_staff_of_the_cases_district_join_without_more(daini, daini_staff):
    colleague = UserFactory(district=daini)
    case = SupportCaseFactory(district=daini)
    member = add_member(case, colleague, by=daini_staff)
    assert member.basis == "district"


def test_someone_from_an_agency_is_refused_without_a_basis(daini, daini_staff, agency_user):
    case = SupportCaseFactory(district=daini, consent_share=False)
    with pytest.raises(SharingRefused):
        add_member(case, agency_user, by=daini_staff)
    assert not CaseMember.objects.filter(case=case).exists()


def test_someone_from_an_agency_is_refused_on_consent_the_person_did_not_give(
    daini, daini_staff, agency_user
):
    case = SupportCaseFactory(district=daini, consent_share=False)
    with pytest.raises(SharingRefused):
        add_member(case, agency_user, by=daini_staff, basis="consent")


def test_a_refusal_is_audited(daini, daini_staff, agency_user):
    case = SupportCaseFactory(district=daini, consent_share=False)
    with pytest.raises(SharingRefused):
        add_member(case, agency_user, by=daini_staff, basis="consent")
    assert AuditEntry.objects.filter(case=case, action="refused", user=daini_staff).exists()


def test_staff_of_another_district_need_a_basis_too(daini, daisan_staff, daini_staff):
    case = SupportCaseFactory(district=daini, consent_share=False)
    with pytest.raises(SharingRefused):
        add_member(case, daisan_staff, by=daini_staff)


def test_with_the_persons_consent_an_agency_joins_and_the_basis_is_recorded(
    daini, daini_staff, agency_user
):
    case = SupportCaseFactory(district=daini, consent_share=True)
    case.consents.create(kind="share", given=True, method="form")
    member = add_member(
        case, agency_user, by=daini_staff, basis="consent", role="地域包括支援センター"
    )
    assert member.basis == "consent"
    assert member.basis_detail == "共有への同意（ウェブの申し込みで）"
    assert can_see(agency_user, case)


def test_the_support_meeting_basis_needs_the_meeting_to_have_taken_the_case_up(
    daini, coordinator, agency_user
):
    case = SupportCaseFactory(district=daini)
    with pytest.raises(SharingRefused):
        add_member(case, agency_user, by=coordinator, basis="support_meeting")


def test_district_staff_cannot_record_a_take_up(daini, daini_staff):
    case = SupportCaseFactory(district=daini)
    with pytest.raises(SharingRefused):
        take_up(case, by=daini_staff)


def test_taken_up_cases_are_confidential_to_the_meeting_and_coordinators(
    daini, daini_staff, coordinator, agency_user
):
    case = SupportCaseFactory(district=daini, lead=daini_staff)
    escalate(case, by=daini_staff, reason="複数の分野にまたがる課題があるため。")
    take_up(case, by=coordinator, members=[])
    case.refresh_from_db()
    assert case.confidential
    assert not can_see(daini_staff, case)
    assert can_see(coordinator, case)


def test_meeting_members_keep_sight_of_the_case(daini, daini_staff, coordinator, agency_user):
    case = SupportCaseFactory(district=daini, lead=daini_staff)
    take_up(case, by=coordinator, members=[daini_staff])
    add_member(case, agency_user, by=coordinator, basis="support_meeting", role="生活困窮の相談員")
    assert can_see(daini_staff, case)
    assert can_see(agency_user, case)


def test_other_members_lose_sight_of_a_confidential_case(
    daini, daini_staff, coordinator, agency_user
):
    case = SupportCaseFactory(district=daini, consent_share=True)
    add_member(case, agency_user, by=daini_staff, basis="consent")
    take_up(case, by=coordinator, members=[])
    assert not can_see(agency_user, case)


def test_only_meeting_members_can_be_added_to_a_confidential_case(daini, coordinator, agency_user):
    case = SupportCaseFactory(district=daini, consent_share=True)
    take_up(case, by=coordinator)
    with pytest.raises(SharingRefused):
        add_member(case, agency_user, by=coordinator, basis="consent")


def test_district_staff_cannot_add_members_to_a_confidential_case(
    daini, daini_staff, coordinator, agency_user
):
    case = SupportCaseFactory(district=daini)
    take_up(case, by=coordinator, members=[daini_staff])
    with pytest.raises(SharingRefused):
        add_member(case, agency_user, by=daini_staff, basis="support_meeting")


def test_escalation_notifies_the_coordinators_with_the_reference_only(
    daini, daini_staff, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    case = SupportCaseFactory(district=daini)
    with django_capture_on_commit_callbacks(execute=True):
        escalate(case, by=daini_staff, reason="家族の介護と生活費の課題が重なっている。")
    assert [m.to for m in mailoutbox] == [[coordinator.email]]
    body = mailoutbox[0].body
    assert case.reference in body
    assert case.name not in body and "介護" not in body


def test_the_refusal_is_shown_on_the_case_page(client, daini, daini_staff, agency_user):
    case = SupportCaseFactory(district=daini, consent_share=False)
    client.force_login(daini_staff)
    response = client.post(
        f"/admin/support/cases/{case.pk}/team/add/",
        {"member-user": agency_user.pk, "member-basis": "consent"},
    )
    assert response.status_code == 200
    assert not CaseMember.objects.filter(case=case).exists()
    assert "本人は、地区の外の人との共有に同意していません。" in response.content.decode()
