"""Personal data stays in its district: every staff URL of cases and submissions.

Daini's staff try each URL on a case of Daisan: they get 403 or 404, and
nothing changes. Coordinators see every case; team members see theirs.
"""

import pytest
from django.utils import timezone

from support.models import AuditEntry, CaseMatch, CaseMember, SupportCase, SupportIntakeSubmission
from support.services import add_match, add_member, submit_intake
from tests.factories import UserFactory

from .factories import SupportCaseFactory, intake_data, today_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def daisan_case(daisan, daisan_staff):
    case = SupportCaseFactory(district=daisan, name="筑摩 次郎", phone="0263-77-0001")
    add_member(case, daisan_staff, by=daisan_staff)
    add_match(case, by=daisan_staff, label="第三地区 健康体操", outcome="proposed")
    return case


def snapshot(case: SupportCase) -> tuple:
    case.refresh_from_db()
    return (
        case.status,
        case.name,
        case.phone,
        case.district_id,
        case.lead_id,
        case.next_follow_up,
        case.escalation_requested_at,
        case.confidential,
        case.consent_share,
        case.contacts.count(),
        case.members.filter(removed_at__isnull=True).count(),
        case.matches.count(),
        tuple(case.matches.values_list("outcome", flat=True)),
        case.status_changes.count(),
    )


def edit_data(**changes):
    data = {
        "requester_type": "self",
        "name": "改ざん 太郎",
        "phone": "0263-00-0000",
        "contact_method": "any",
        "consent_contact": "on",
        "consent_method": "oral",
    }
    data.update(changes)
    return data


def staff_urls(case):
    member = case.members.first()
    match = case.matches.first()
    base = f"/admin/support/cases/{case.pk}"
    return [
        ("detail", "get", f"{base}/", {}),
        ("edit form", "get", f"{base}/edit/", {}),
        ("edit", "post", f"{base}/edit/", edit_data()),
        ("status", "post", f"{base}/status/", {"status-to_status": "contacted"}),
        ("assign", "post", f"{base}/assign/", {"assign-next_follow_up": "2030-01-01"}),
        (
            "timeline add",
            "post",
            f"{base}/contacts/add/",
            {"contact-kind": "phone", "contact-happened_at": today_at(10)},
        ),
        ("team add", "post", f"{base}/team/add/", {"member-user": case.lead_id or 1}),
        ("team remove", "post", f"{base}/team/{member.pk}/remove/", {}),
        (
            "match add",
            "post",
            f"{base}/matches/add/",
            {"match-label": "改ざん", "match-outcome": "proposed"},
        ),
        (
            "match update",
            "post",
            f"{base}/matches/{match.pk}/",
            {f"match-{match.pk}-outcome": "joined"},
        ),
        ("escalate", "post", f"{base}/escalate/", {"escalate-reason": "理由"}),
        ("take up", "post", f"{base}/take-up/", {}),
        ("district", "post", f"{base}/district/", {"district-district": case.district_id}),
        ("person export json", "get", f"{base}/export/?format=json", {}),
        ("person export csv", "get", f"{base}/export/?format=csv", {}),
    ]


# What staff of another district get: 404 for the case, as if it did not exist
# (support.access.get_case); the export of everything about a person is a coordinators'
# screen, refused with 403 before any case is looked up (SupportView.coordinators_only).
REFUSALS = {
    "detail": 404,
    "edit form": 404,
    "edit": 404,
    "status": 404,
    "assign": 404,
    "timeline add": 404,
    "team add": 404,
    "team remove": 404,
    "match add": 404,
    "match update": 404,
    "escalate": 404,
    "take up": 404,
    "district": 404,
    "person export json": 403,
    "person export csv": 403,
}


@pytest.mark.parametrize("name", REFUSALS)
def test_district_staff_cannot_reach_another_districts_case(client, daini_staff, daisan_case, name):
    _, method, url, data = next(u for u in staff_urls(daisan_case) if u[0] == name)
    before = snapshot(daisan_case)
    client.force_login(daini_staff)
    response = getattr(client, method)(url, data)
    assert response.status_code == REFUSALS[name]
    assert "筑摩 次郎" not in response.content.decode()
    assert snapshot(daisan_case) == before


@pytest.mark.parametrize("name", ["detail", "edit form", "status", "timeline add", "match update"])
def test_district_staff_reach_their_own_districts_case(client, daisan_staff, daisan_case, name):
    _, method, url, data = next(u for u in staff_urls(daisan_case) if u[0] == name)
    client.force_login(daisan_staff)
    response = getattr(client, method)(url, data)
    if method == "get":
        assert response.status_code == 200
    else:  # done, and back to the case's page
        assert response.status_code == 302
        assert response["Location"].startswith(f"/admin/support/cases/{daisan_case.pk}/#")


def test_the_list_shows_only_the_districts_cases(client, daini, daini_staff, daisan_case):
    own = SupportCaseFactory(district=daini)
    client.force_login(daini_staff)
    html = client.get("/admin/support/cases/").content.decode()
    assert own.reference in html
    assert daisan_case.reference not in html


def test_search_finds_nothing_in_another_district(client, daini_staff, daisan_case):
    client.force_login(daini_staff)
    html = client.post("/admin/support/cases/", {"q": daisan_case.reference}).content.decode()
    assert f"/admin/support/cases/{daisan_case.pk}/" not in html
    html = client.post("/admin/support/cases/", {"q": "筑摩"}).content.decode()
    assert "筑摩 次郎" not in html


def test_search_results_export_holds_only_the_districts_cases(
    client, daini, daini_staff, daisan_case
):
    SupportCaseFactory(district=daini, name="筑摩 三郎")
    client.force_login(daini_staff)
    response = client.post("/admin/support/cases/", {"q": "筑摩", "export": "csv"})
    body = response.content.decode("utf-8-sig")
    assert "筑摩 三郎" in body and "筑摩 次郎" not in body


def test_the_list_export_holds_only_the_districts_cases(client, daini, daini_staff, daisan_case):
    own = SupportCaseFactory(district=daini)
    client.force_login(daini_staff)
    body = client.get("/admin/support/cases/?export=csv").content.decode("utf-8-sig")
    assert own.reference in body
    assert daisan_case.reference not in body and "筑摩" not in body


def test_filtering_by_another_district_shows_nothing(client, daini_staff, daisan, daisan_case):
    client.force_login(daini_staff)
    html = client.get(f"/admin/support/cases/?district={daisan.pk}").content.decode()
    assert daisan_case.reference not in html


def test_the_dashboard_panel_shows_only_the_districts_cases(client, daini_staff, daisan_case):
    client.force_login(daini_staff)
    assert daisan_case.reference not in client.get("/admin/").content.decode()


def test_coordinators_see_every_districts_case(client, coordinator, daini, daisan_case):
    own = SupportCaseFactory(district=daini)
    unassigned = SupportCaseFactory(district=None)
    client.force_login(coordinator)
    html = client.get("/admin/support/cases/").content.decode()
    assert all(c.reference in html for c in (own, daisan_case, unassigned))


def test_unassigned_cases_are_for_coordinators_only(client, daini_staff):
    unassigned = SupportCaseFactory(district=None)
    client.force_login(daini_staff)
    assert client.get(f"/admin/support/cases/{unassigned.pk}/").status_code == 404


def test_a_team_member_from_an_agency_sees_the_case_they_are_on(
    client, daisan_staff, daisan_case, agency_user
):
    daisan_case.consent_share = True
    daisan_case.save()
    add_member(daisan_case, agency_user, by=daisan_staff, basis="consent")
    client.force_login(agency_user)
    assert client.get(f"/admin/support/cases/{daisan_case.pk}/").status_code == 200
    html = client.get("/admin/support/cases/").content.decode()
    assert daisan_case.reference in html


def test_an_agency_user_sees_no_other_case(client, daisan_case, agency_user):
    client.force_login(agency_user)
    # On no case, the support screens are not for them at all: 403 (access.uses_support).
    assert client.get(f"/admin/support/cases/{daisan_case.pk}/").status_code == 403


def test_a_removed_member_no_longer_sees_the_case(client, daisan_staff, daisan_case, agency_user):
    daisan_case.consent_share = True
    daisan_case.save()
    member = add_member(daisan_case, agency_user, by=daisan_staff, basis="consent")
    member.removed_at = timezone.now()
    member.save()
    client.force_login(agency_user)
    # Removed from their only case: the support screens are no longer for them, 403.
    assert client.get(f"/admin/support/cases/{daisan_case.pk}/").status_code == 403


def test_without_the_role_district_staff_see_nothing(client, daini, daini_staff):
    from django.contrib.auth.models import Permission

    case = SupportCaseFactory(district=daini)
    daini.staff_group.permissions.remove(Permission.objects.get(codename="view_supportcase"))
    daini.staff_group.permissions.remove(Permission.objects.get(codename="change_supportcase"))
    staff = type(daini_staff).objects.get(pk=daini_staff.pk)  # no cached permissions
    client.force_login(staff)
    # Without the case role (and on no team) the support screens are not for them: 403.
    assert client.get(f"/admin/support/cases/{case.pk}/").status_code == 403


def test_a_user_without_admin_access_is_sent_to_the_login(client, daini):
    case = SupportCaseFactory(district=daini)
    user = UserFactory()
    client.force_login(user)
    response = client.get(f"/admin/support/cases/{case.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# --- The form builder's own submissions screens ------------------------------------------


@pytest.fixture
def two_submissions(intake_page, daini, daisan):
    forms = []
    for district, name in ((daini, "本庄 花子"), (daisan, "筑摩 次郎")):
        form = intake_page.get_form(intake_data(district, name=name, heard_about="インターネット"))
        assert form.is_valid(), form.errors
        forms.append(submit_intake(intake_page, form))
    return forms


def test_the_submissions_list_shows_only_the_districts_submissions(
    client, intake_page, daini_staff, two_submissions
):
    daini_submission, daisan_submission = two_submissions
    client.force_login(daini_staff)
    response = client.get(f"/admin/forms/submissions/{intake_page.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert daini_submission.case.reference in html
    assert daisan_submission.case.reference not in html


def test_the_submissions_export_holds_only_the_districts_submissions(
    client, intake_page, daini_staff, two_submissions
):
    daini_submission, daisan_submission = two_submissions
    client.force_login(daini_staff)
    response = client.get(f"/admin/forms/submissions/{intake_page.pk}/?export=csv")
    body = (
        b"".join(response.streaming_content).decode("utf-8-sig")
        if response.streaming
        else (response.content.decode("utf-8-sig"))
    )
    assert daini_submission.case.reference in body
    assert daisan_submission.case.reference not in body


def test_editors_of_a_district_intake_page_see_only_their_districts_submissions(
    client, daini, daini_staff, daisan
):
    """A district's own intake page: its editors may edit it, yet see only their cases."""
    from support.models import SupportIntakePage

    page = SupportIntakePage(title="第二地区の相談", slug="soudan")
    daini.add_child(instance=page)
    page.save_revision().publish()
    form = page.get_form(intake_data(daisan, name="筑摩 次郎"))
    assert form.is_valid()
    other = submit_intake(page, form)
    client.force_login(daini_staff)
    html = client.get(f"/admin/forms/submissions/{page.pk}/").content.decode()
    assert other.case.reference not in html


def test_submissions_of_an_intake_page_cannot_be_deleted(
    client, intake_page, daini_staff, coordinator, two_submissions
):
    for user in (daini_staff, coordinator):
        client.force_login(user)
        ids = "&".join(f"selected-submissions={s.pk}" for s in two_submissions)
        url = f"/admin/forms/submissions/{intake_page.pk}/delete/?{ids}"
        # Wagtail's own view: its PermissionDenied becomes a redirect to the dashboard.
        response = client.post(url)
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert SupportIntakeSubmission.objects.count() == 2


def test_intake_pages_are_not_listed_among_wagtails_forms(client, intake_page, coordinator):
    client.force_login(coordinator)
    assert (
        f"/admin/forms/submissions/{intake_page.pk}/"
        not in client.get("/admin/forms/").content.decode()
    )


def test_people_without_a_case_role_cannot_open_the_submissions(
    client, intake_page, agency_user, two_submissions
):
    client.force_login(agency_user)
    assert client.get(f"/admin/forms/submissions/{intake_page.pk}/").status_code == 403


def test_looking_at_the_submissions_is_audited(client, intake_page, daini_staff, two_submissions):
    client.force_login(daini_staff)
    client.get(f"/admin/forms/submissions/{intake_page.pk}/")
    assert AuditEntry.objects.filter(user=daini_staff, action="submissions").exists()


# --- Coordinators-only screens ----------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["/admin/support/reports/", "/admin/support/reports/?export=csv", "/admin/support/audit/"],
)
def test_coordinator_screens_are_refused_to_district_staff(client, daini_staff, url):
    client.force_login(daini_staff)
    assert client.get(url).status_code == 403


def test_district_staff_cannot_export_everything_about_a_person_of_their_district(
    client, daini, daini_staff
):
    case = SupportCaseFactory(district=daini)
    client.force_login(daini_staff)
    assert client.get(f"/admin/support/cases/{case.pk}/export/?format=json").status_code == 403


def test_district_staff_cannot_open_a_case_in_another_district(client, daini_staff, daisan):
    client.force_login(daini_staff)
    data = {**edit_data(name="架空 次郎"), "source": "phone", "district": daisan.pk}
    response = client.post("/admin/support/cases/new/", data)
    assert response.status_code == 200  # the form again, with an error
    assert not SupportCase.objects.filter(name="架空 次郎").exists()


def test_match_objects_of_another_case_cannot_be_changed_through_ones_own(
    client, daini, daini_staff, daisan_case
):
    own = SupportCaseFactory(district=daini)
    match = CaseMatch.objects.get(case=daisan_case)
    client.force_login(daini_staff)
    response = client.post(
        f"/admin/support/cases/{own.pk}/matches/{match.pk}/",
        {f"match-{match.pk}-outcome": "joined"},
    )
    assert response.status_code == 404
    match.refresh_from_db()
    assert match.outcome == "proposed"


def test_members_of_another_case_cannot_be_removed_through_ones_own(
    client, daini, daini_staff, daisan_case
):
    own = SupportCaseFactory(district=daini)
    member = CaseMember.objects.get(case=daisan_case)
    client.force_login(daini_staff)
    response = client.post(f"/admin/support/cases/{own.pk}/team/{member.pk}/remove/")
    assert response.status_code == 404
    member.refresh_from_db()
    assert member.removed_at is None
