"""From a resident's request to a closed case, through the test client, in both languages.

received → contacted → matching → participating → follow_up → closed
"""

import pytest
from django.test import Client

from support.models import AuditEntry, SupportCase

from .factories import intake_data, today_at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "language", "extra"),
    [("/support/", "ja", "インターネット"), ("/en/support/", "en", "The internet")],
)
def test_a_request_is_followed_up_to_the_end(
    english_intake_page, daini, daini_staff, path, language, extra
):
    resident = Client()
    response = resident.post(
        path, intake_data(daini, heard_about=extra, consent_share="on"), follow=True
    )
    assert response.status_code == 200
    case = SupportCase.objects.get()
    assert case.reference in response.content.decode()
    assert (case.status, case.language, case.district) == ("received", language, daini)

    staff = Client()
    staff.force_login(daini_staff)
    detail = f"/admin/support/cases/{case.pk}/"
    assert case.reference in staff.get("/admin/support/cases/?status=received").content.decode()
    page = staff.get(detail).content.decode()
    assert "松本 花子" in page and extra in page

    # First call: recording it moves the case to "contacted".
    staff.post(
        f"{detail}contacts/add/",
        {
            "contact-kind": "phone",
            "contact-happened_at": today_at(10),
            "contact-notes": "体操に興味あり。",
        },
    )
    staff.post(
        f"{detail}assign/",
        {"assign-lead": daini_staff.pk, "assign-next_follow_up": "2026-12-01"},
    )
    staff.post(f"{detail}status/", {"status-to_status": "matching"})
    staff.post(
        f"{detail}matches/add/",
        {"match-page": daini.pk, "match-label": "健康体操教室", "match-outcome": "proposed"},
    )
    match = case.matches.get()
    staff.post(f"{detail}matches/{match.pk}/", {f"match-{match.pk}-outcome": "tried"})
    staff.post(f"{detail}status/", {"status-to_status": "participating"})
    staff.post(f"{detail}matches/{match.pk}/", {f"match-{match.pk}-outcome": "joined"})
    staff.post(f"{detail}status/", {"status-to_status": "follow_up"})
    staff.post(
        f"{detail}contacts/add/",
        {"contact-kind": "visit", "contact-happened_at": today_at(14)},
    )
    response = staff.post(f"{detail}status/", {"status-to_status": "closed"})
    assert response.status_code == 302

    case.refresh_from_db()
    assert case.status == "closed" and case.closed_at is not None
    assert case.lead == daini_staff
    assert list(case.status_changes.values_list("to_status", flat=True)) == [
        "received",
        "contacted",
        "matching",
        "participating",
        "follow_up",
        "closed",
    ]
    assert case.contacts.count() == 2
    assert case.matches.get().outcome == "joined"
    assert AuditEntry.objects.filter(case=case, action="status").count() == 5
