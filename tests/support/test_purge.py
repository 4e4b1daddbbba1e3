"""Closed cases are anonymised after the retention period; figures for reports stay."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from support.models import AuditEntry, CaseContact, SupportCase
from support.purge import ANONYMISED_NAME, CLEARED, KEPT
from support.services import add_match, record_contact

from .factories import SupportCaseFactory

pytestmark = pytest.mark.django_db

LONG_AGO = dt.timedelta(days=5 * 365 + 10)


@pytest.fixture
def expired(daini, daini_staff):
    case = SupportCaseFactory(
        district=daini,
        status="closed",
        closed_at=timezone.now() - LONG_AGO,
        name="本庄 花子",
        furigana="ほんじょう はなこ",
        phone="0263-55-0001",
        email="hanako@example.jp",
        postcode="390-0812",
        address="本庄2丁目",
        consent_sensitive=True,
        health_needs=["mobility"],
        health_details="膝の手術をしました。",
        interests=["exercise", "salon"],
        requester_type="family",
        requester_name="本庄 一郎",
    )
    record_contact(case, by=daini_staff, kind="phone", notes="娘さんと話した。")
    add_match(
        case, by=daini_staff, label="第二地区 健康体操", outcome="joined", note="楽しんでいる。"
    )
    SupportCase.objects.filter(pk=case.pk).update(
        status="closed", closed_at=timezone.now() - LONG_AGO
    )
    return SupportCase.objects.get(pk=case.pk)


def purge(*args) -> str:
    out = StringIO()
    call_command("purge_expired_cases", *args, stdout=out)
    return out.getvalue()


def test_personal_fields_are_replaced(expired):
    purge()
    expired.refresh_from_db()
    assert expired.name == ANONYMISED_NAME
    assert (expired.furigana, expired.phone, expired.email, expired.address, expired.postcode) == (
        "",
        "",
        "",
        "",
        "",
    )
    assert expired.requester_name == "" and expired.request_text == ""
    assert expired.health_needs == [] and expired.health_details == ""
    assert expired.anonymised_at is not None


def test_timeline_and_match_notes_are_cleared(expired):
    purge()
    assert set(CaseContact.objects.filter(case=expired).values_list("notes", flat=True)) == {""}
    assert expired.matches.get().note == ""


def test_figures_for_reports_are_kept(expired, daini):
    closed_at = expired.closed_at
    purge()
    expired.refresh_from_db()
    assert (expired.district, expired.status, expired.closed_at) == (daini, "closed", closed_at)
    assert expired.interests == ["exercise", "salon"]
    assert expired.requester_type == "family"
    assert expired.matches.get().outcome == "joined"
    assert expired.first_contacted_at is not None


def test_a_recently_closed_case_is_kept(daini):
    case = SupportCaseFactory(
        district=daini, status="closed", closed_at=timezone.now() - dt.timedelta(days=30)
    )
    purge()
    case.refresh_from_db()
    assert case.anonymised_at is None and case.name.startswith("松本")


def test_an_open_case_is_kept_however_old(daini):
    case = SupportCaseFactory(district=daini, status="follow_up")
    SupportCase.objects.filter(pk=case.pk).update(created_at=timezone.now() - LONG_AGO * 2)
    purge()
    case.refresh_from_db()
    assert case.anonymised_at is None


def test_a_withdrawn_case_is_anonymised_too(daini):
    case = SupportCaseFactory(
        district=daini, status="withdrawn", closed_at=timezone.now() - LONG_AGO
    )
    purge()
    case.refresh_from_db()
    assert case.name == ANONYMISED_NAME


def test_a_dry_run_changes_nothing(expired):
    entries = AuditEntry.objects.count()
    output = purge("--dry-run")
    expired.refresh_from_db()
    assert expired.name == "本庄 花子" and expired.anonymised_at is None
    assert expired.reference in output
    assert AuditEntry.objects.count() == entries


def test_the_period_is_a_setting(daini, settings):
    settings.SUPPORT_RETENTION_DAYS = 10
    case = SupportCaseFactory(
        district=daini, status="closed", closed_at=timezone.now() - dt.timedelta(days=11)
    )
    purge()
    case.refresh_from_db()
    assert case.anonymised_at is not None


def test_purging_is_audited_and_idempotent(expired):
    purge()
    purge()
    assert AuditEntry.objects.filter(case=expired, action="purge").count() == 1


def test_the_intake_answers_of_an_anonymised_case_are_cleared(client, intake_page, daini):
    from .factories import intake_data

    client.post("/support/", intake_data(daini, heard_about="インターネット"))
    case = SupportCase.objects.get()
    SupportCase.objects.filter(pk=case.pk).update(
        status="closed", closed_at=timezone.now() - LONG_AGO
    )
    purge()
    case.refresh_from_db()
    assert case.submission.form_data == {}


def _case_records():
    """The case and every model that holds records of a case (a key to SupportCase)."""
    related = {rel.related_model for rel in SupportCase._meta.related_objects}
    return [SupportCase, *sorted(related, key=lambda model: model.__name__)]


@pytest.mark.parametrize("model", _case_records(), ids=lambda model: model.__name__)
def test_every_field_of_a_cases_records_is_either_cleared_or_kept_on_purpose(model):
    assert model in KEPT, f"{model.__name__} holds case records: add it to KEPT in support/purge.py"
    if KEPT[model] is None:  # kept whole, with the reason beside it
        return
    fields = {field.name for field in model._meta.concrete_fields}
    declared = set(CLEARED.get(model, {})) | KEPT[model]
    assert fields == declared, "decide in support/purge.py whether these are personal"


@pytest.mark.parametrize("model", list(CLEARED), ids=lambda model: model.__name__)
def test_no_field_is_both_cleared_and_kept(model):
    assert not set(CLEARED[model]) & (KEPT[model] or set())
