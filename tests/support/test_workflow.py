"""The follow-up work: statuses, the timeline, lead and follow-up date, matches, offline cases."""

import datetime as dt

import pytest
from django.utils import timezone

from support.choices import TRANSITIONS, Status
from support.models import CaseStatusChange, SupportCase
from support.services import (
    TransitionRefused,
    add_match,
    assign,
    change_status,
    record_contact,
    update_match,
)

from .factories import SupportCaseFactory

pytestmark = pytest.mark.django_db


def test_an_allowed_transition_is_recorded_with_who_when_from_and_to(daini, daini_staff):
    case = SupportCaseFactory(district=daini)
    change_status(case, Status.CONTACTED, by=daini_staff, note="電話で話しました。")
    change = CaseStatusChange.objects.get(case=case, from_status="received")
    assert (change.to_status, change.changed_by, change.note) == (
        "contacted",
        daini_staff,
        "電話で話しました。",
    )
    assert change.changed_at <= timezone.now()


def test_a_transition_that_is_not_allowed_is_refused(daini, daini_staff):
    case = SupportCaseFactory(district=daini)
    with pytest.raises(TransitionRefused):
        change_status(case, Status.PARTICIPATING, by=daini_staff)
    case.refresh_from_db()
    assert case.status == Status.RECEIVED
    assert not CaseStatusChange.objects.filter(case=case).exists()


@pytest.mark.parametrize("status", [s for s in Status.values])
def test_only_the_listed_transitions_are_accepted(daini, daini_staff, status):
    for target in Status.values:
        case = SupportCaseFactory(district=daini, status=status)
        allowed = target in TRANSITIONS[status]
        try:
            change_status(case, target, by=daini_staff)
            accepted = True
        except TransitionRefused:
            accepted = False
        assert accepted == allowed, (status, target)


def test_the_whole_path_to_closed(daini, daini_staff):
    case = SupportCaseFactory(district=daini)
    for status in ("contacted", "matching", "participating", "follow_up", "closed"):
        change_status(case, status, by=daini_staff)
    case.refresh_from_db()
    assert case.status == "closed" and case.closed_at is not None
    assert case.status_changes.count() == 5


def test_reopening_a_closed_case_clears_its_closing_date(daini, daini_staff):
    case = SupportCaseFactory(district=daini, status="closed", closed_at=timezone.now())
    change_status(case, Status.CONTACTED, by=daini_staff)
    case.refresh_from_db()
    assert case.closed_at is None


def test_a_withdrawn_case_counts_as_ended(daini, daini_staff):
    case = SupportCaseFactory(district=daini)
    change_status(case, Status.WITHDRAWN, by=daini_staff)
    case.refresh_from_db()
    assert case.closed_at is not None and not case.is_open


def test_the_first_contact_moves_a_new_case_to_contacted(daini, daini_staff):
    case = SupportCaseFactory(district=daini)
    when = timezone.now() - dt.timedelta(hours=3)
    record_contact(case, by=daini_staff, kind="phone", happened_at=when, notes="希望を聞いた。")
    case.refresh_from_db()
    assert case.status == Status.CONTACTED
    assert case.first_contacted_at == when
    assert case.contacts.get().notes == "希望を聞いた。"


def test_a_later_contact_does_not_change_the_status(daini, daini_staff):
    case = SupportCaseFactory(district=daini, status="matching")
    record_contact(case, by=daini_staff, kind="visit")
    case.refresh_from_db()
    assert case.status == Status.MATCHING


def test_lead_and_next_follow_up_are_saved(daini, daini_staff):
    case = SupportCaseFactory(district=daini)
    assign(case, by=daini_staff, lead=daini_staff, next_follow_up=dt.date(2027, 1, 15))
    case.refresh_from_db()
    assert case.lead == daini_staff and case.next_follow_up == dt.date(2027, 1, 15)


def test_a_past_follow_up_date_is_overdue(daini):
    case = SupportCaseFactory(
        district=daini,
        status="participating",
        next_follow_up=timezone.localdate() - dt.timedelta(days=1),
    )
    assert case.follow_up_overdue


def test_a_closed_case_is_never_overdue(daini):
    case = SupportCaseFactory(
        district=daini, status="closed", next_follow_up=timezone.localdate() - dt.timedelta(days=9)
    )
    assert not case.follow_up_overdue


def test_a_match_points_at_a_page_and_records_its_outcome(daini, daini_staff):
    case = SupportCaseFactory(district=daini, status="matching")
    match = add_match(case, by=daini_staff, page=daini, label="", outcome="proposed")
    update_match(match, by=daini_staff, outcome="did_not_suit", note="時間が合わなかった。")
    match.refresh_from_db()
    assert (match.page.specific, match.outcome) == (daini, "did_not_suit")
    assert str(match) == daini.title


def test_the_status_form_offers_only_allowed_transitions(client, daini, daini_staff):
    case = SupportCaseFactory(district=daini)
    client.force_login(daini_staff)
    html = client.get(f"/admin/support/cases/{case.pk}/").content.decode()
    assert 'value="contacted"' in html and 'value="participating"' not in html


def test_posting_a_refused_transition_shows_an_error_and_changes_nothing(
    client, daini, daini_staff
):
    case = SupportCaseFactory(district=daini)
    client.force_login(daini_staff)
    response = client.post(
        f"/admin/support/cases/{case.pk}/status/", {"status-to_status": "closed"}
    )
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == "received"


def test_staff_open_a_case_from_a_phone_call(client, daini, daini_staff):
    client.force_login(daini_staff)
    response = client.post(
        "/admin/support/cases/new/",
        {
            "source": "phone",
            "district": daini.pk,
            "requester_type": "family",
            "requester_name": "松本 一郎",
            "name": "松本 ハル",
            "phone": "0263-12-3456",
            "contact_method": "phone",
            "interests": ["salon"],
            "consent_contact": "on",
            "consent_share": "on",
            "consent_method": "oral",
        },
    )
    case = SupportCase.objects.get(name="松本 ハル")
    assert response.status_code == 302 and response["Location"].endswith(f"/{case.pk}/")
    assert (case.source, case.created_by, case.district) == ("phone", daini_staff, daini)
    assert set(case.consents.values_list("kind", "method")) == {
        ("contact", "oral"),
        ("share", "oral"),
        ("sensitive", "oral"),
    }


def test_the_new_case_form_offers_staff_only_their_district(client, daini, daisan, daini_staff):
    client.force_login(daini_staff)
    html = client.get("/admin/support/cases/new/").content.decode()
    assert f'value="{daini.pk}"' in html and f'value="{daisan.pk}"' not in html


def test_staff_record_a_consent_given_later(client, daini, daini_staff):
    case = SupportCaseFactory(district=daini, consent_share=False)
    client.force_login(daini_staff)
    client.post(
        f"/admin/support/cases/{case.pk}/edit/",
        {
            "requester_type": "self",
            "name": case.name,
            "phone": case.phone,
            "contact_method": "any",
            "consent_contact": "on",
            "consent_share": "on",
            "consent_method": "written",
        },
    )
    case.refresh_from_db()
    consent = case.consents.get(kind="share")
    assert case.consent_share
    assert (consent.given, consent.method, consent.recorded_by) == (True, "written", daini_staff)


def test_withdrawing_the_health_consent_deletes_the_health_answers(client, daini, daini_staff):
    case = SupportCaseFactory(
        district=daini,
        consent_sensitive=True,
        health_needs=["mobility"],
        health_details="杖を使っています。",
    )
    client.force_login(daini_staff)
    client.post(
        f"/admin/support/cases/{case.pk}/edit/",
        {
            "requester_type": "self",
            "name": case.name,
            "phone": case.phone,
            "contact_method": "any",
            "consent_contact": "on",
            "health_needs": ["mobility"],
            "health_details": "杖を使っています。",
            "consent_method": "oral",
        },
    )
    case.refresh_from_db()
    assert not case.consent_sensitive
    assert case.health_needs == [] and case.health_details == ""


def test_the_participating_status_reads_as_taking_part_now_in_japanese():
    """The event form's heading `Taking part` has another context: each its own Japanese."""
    from django.utils import translation

    with translation.override("ja"):
        assert str(Status.PARTICIPATING.label) == "参加中"
