"""Reports for the city: aggregates only, as tables, bars and CSV."""

import datetime as dt

import pytest
from django.utils import timezone

from support.models import AuditEntry, CaseMatch
from support.reports import build_report

from .factories import SupportCaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(daini, daisan):
    now = timezone.now()
    made = [
        SupportCaseFactory(district=daini, status="received", requester_type="self"),
        SupportCaseFactory(
            district=daini,
            status="contacted",
            requester_type="family",
            interests=["salon", "meals"],
            first_contacted_at=now + dt.timedelta(days=2),
        ),
        SupportCaseFactory(
            district=daisan,
            status="participating",
            requester_type="family",
            interests=["exercise"],
            first_contacted_at=now + dt.timedelta(days=4),
        ),
        SupportCaseFactory(
            district=None,
            status="received",
            requester_type="neighbour",
            first_contacted_at=now + dt.timedelta(days=9),
        ),
    ]
    for case in made:
        case.created_at = now
        case.save()
    CaseMatch.objects.create(case=made[2], label="体操", outcome="joined")
    CaseMatch.objects.create(case=made[1], label="食事会", outcome="did_not_suit")
    return made


def this_month():
    today = timezone.localdate().replace(day=1)
    return build_report(today, today)


def test_cases_are_counted_by_district_and_status(cases):
    rows = {district: counts for district, counts, total in this_month().district_rows}
    statuses = [code for code, label in this_month().statuses]
    assert rows["第二地区"][statuses.index("received")] == 1
    assert rows["第二地区"][statuses.index("contacted")] == 1
    assert rows["第三地区"][statuses.index("participating")] == 1


def test_cases_without_a_district_have_their_own_row(cases):
    report = this_month()
    assert any(
        total == 1 and district not in ("第二地区", "第三地区")
        for district, _, total in report.district_rows
    )


def test_counts_by_who_asked_and_by_interest(cases):
    report = this_month()
    requester = {str(bar.label): bar.count for bar in report.by_requester}
    interests = {str(bar.label): bar.count for bar in report.by_interest}
    assert sum(requester.values()) == 4
    assert max(requester.values()) == 2
    assert sum(interests.values()) == 4 + 1  # factory default ["salon"] x2, salon+meals, exercise


def test_days_to_first_contact_median_and_mean(cases):
    report = this_month()
    assert report.first_contact_count == 3
    assert report.first_contact_median == 4.0
    assert report.first_contact_mean == 5.0


def test_outcomes_of_matches_are_counted(cases):
    outcomes = {str(bar.label): bar.count for bar in this_month().outcomes}
    assert sorted(outcomes.values()) == [0, 0, 1, 1]


def test_the_report_page_draws_bars_without_scripts(client, cases, coordinator):
    client.force_login(coordinator)
    html = client.get("/admin/support/reports/").content.decode()
    assert "<meter" in html and "第二地区" in html


def test_the_csv_is_utf8_with_a_bom_and_holds_no_names(client, cases, coordinator):
    client.force_login(coordinator)
    response = client.get("/admin/support/reports/?export=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    body = response.content.decode("utf-8-sig")
    assert "第二地区" in body
    assert all(case.name not in body and case.phone not in body for case in cases)


def test_reports_are_audited(client, cases, coordinator):
    client.force_login(coordinator)
    client.get("/admin/support/reports/?export=csv")
    assert AuditEntry.objects.filter(action="report", user=coordinator).exists()


def test_a_wrong_month_falls_back_to_the_last_twelve_months(client, cases, coordinator):
    client.force_login(coordinator)
    assert client.get("/admin/support/reports/?start=2026-13").status_code == 200
