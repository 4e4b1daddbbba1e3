"""Every view and change of a case is in an append-only audit log, without personal data."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import NoReverseMatch, reverse

from support.models import AuditEntry

from .factories import SupportCaseFactory, today_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(daini):
    return SupportCaseFactory(district=daini, name="本庄 花子", phone="0263-55-0001")


def test_opening_a_case_is_recorded(client, case, daini_staff):
    client.force_login(daini_staff)
    client.get(f"/admin/support/cases/{case.pk}/")
    entry = AuditEntry.objects.get(action="view", case=case)
    assert (entry.user, entry.username, entry.reference) == (
        daini_staff,
        daini_staff.username,
        case.reference,
    )


def test_a_status_change_is_recorded_with_codes(client, case, daini_staff):
    client.force_login(daini_staff)
    client.post(f"/admin/support/cases/{case.pk}/status/", {"status-to_status": "contacted"})
    entry = AuditEntry.objects.get(action="status", case=case)
    assert entry.detail == "received->contacted"


def test_an_edit_is_recorded_with_the_field_names_only(client, case, daini_staff):
    client.force_login(daini_staff)
    client.post(
        f"/admin/support/cases/{case.pk}/edit/",
        {
            "requester_type": "self",
            "name": "本庄 花子",
            "phone": "0263-55-0002",
            "contact_method": "any",
            "consent_contact": "on",
            "consent_method": "oral",
        },
    )
    entry = AuditEntry.objects.get(action="update", case=case)
    assert "phone" in entry.detail
    assert "0263-55-0002" not in entry.detail and "0263-55-0001" not in entry.detail


def test_a_recorded_contact_is_audited(client, case, daini_staff):
    client.force_login(daini_staff)
    client.post(
        f"/admin/support/cases/{case.pk}/contacts/add/",
        {
            "contact-kind": "visit",
            "contact-happened_at": today_at(14),
            "contact-notes": "自宅を訪問。",
        },
    )
    entry = AuditEntry.objects.get(action="contact", case=case)
    assert entry.detail == "kind=visit"


def test_searching_the_list_is_recorded_without_the_search_words(client, case, daini_staff):
    client.force_login(daini_staff)
    client.post("/admin/support/cases/", {"q": "本庄"})
    entry = AuditEntry.objects.get(action="list")
    assert "本庄" not in entry.detail and "search" in entry.detail


def test_a_public_intake_is_recorded_as_created_by_nobody(client, intake_page, daini):
    from .factories import intake_data

    client.post("/support/", intake_data(daini))
    entry = AuditEntry.objects.get(action="create")
    assert entry.user is None and entry.username == ""


def test_no_audit_entry_holds_personal_data(client, case, daini_staff, coordinator):
    client.force_login(daini_staff)
    client.get(f"/admin/support/cases/{case.pk}/")
    client.post("/admin/support/cases/", {"q": "本庄", "export": "csv"})
    client.force_login(coordinator)
    client.get(f"/admin/support/cases/{case.pk}/export/?format=json")
    text = " ".join(AuditEntry.objects.values_list("detail", flat=True))
    assert "本庄" not in text and "0263-55-0001" not in text


def test_an_entry_cannot_be_changed(case, daini_staff):
    entry = AuditEntry.objects.create(action="view", case=case, username=daini_staff.username)
    entry.detail = "改ざん"
    with pytest.raises(PermissionError):
        entry.save()


def test_an_entry_cannot_be_deleted(case):
    entry = AuditEntry.objects.create(action="view", case=case)
    with pytest.raises(PermissionError):
        entry.delete()


def test_entries_cannot_be_changed_or_deleted_in_bulk(case):
    AuditEntry.objects.create(action="view", case=case)
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().update(detail="x")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


def test_there_is_no_permission_to_change_or_delete_entries():
    codenames = set(
        Permission.objects.filter(content_type__model="auditentry").values_list(
            "codename", flat=True
        )
    )
    assert codenames == {"view_auditentry"}


def test_the_admin_has_no_edit_view_for_entries():
    for name in ("support_cases:audit_edit", "support_cases:audit_delete"):
        with pytest.raises(NoReverseMatch):
            reverse(name, args=[1])


def test_coordinators_read_the_log(client, case, coordinator, daini_staff):
    client.force_login(daini_staff)
    client.get(f"/admin/support/cases/{case.pk}/")
    client.force_login(coordinator)
    html = client.get(f"/admin/support/audit/?reference={case.reference}").content.decode()
    assert daini_staff.username in html and case.reference in html


def test_removing_a_staff_account_leaves_the_log_unchanged(client, case, daini_staff):
    client.force_login(daini_staff)
    client.get(f"/admin/support/cases/{case.pk}/")
    client.logout()
    entry = AuditEntry.objects.get(action="view")
    username = daini_staff.username
    daini_staff.delete()
    assert AuditEntry.objects.get(pk=entry.pk).username == username


def test_a_refused_look_at_another_districts_case_is_recorded(client, case, daisan_staff):
    client.force_login(daisan_staff)
    client.get(f"/admin/support/cases/{case.pk}/")
    entry = AuditEntry.objects.get(action="refused", case=case)
    assert (entry.username, entry.reference, entry.detail) == (
        daisan_staff.username,
        case.reference,
        "view",
    )


def test_a_refused_change_to_another_districts_case_is_recorded(client, case, daisan_staff):
    client.force_login(daisan_staff)
    client.post(f"/admin/support/cases/{case.pk}/status/", {"status-to_status": "withdrawn"})
    assert AuditEntry.objects.get(action="refused", case=case).detail == "manage"


def test_a_request_for_a_case_that_does_not_exist_records_nothing(client, daisan_staff):
    client.force_login(daisan_staff)
    client.get("/admin/support/cases/999999/")
    assert not AuditEntry.objects.filter(action="refused").exists()
