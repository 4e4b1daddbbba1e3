"""Anonymising cases at the end of their retention period.

A case closed or withdrawn more than `SUPPORT_RETENTION_DAYS` ago (five years
by default) loses everything that says who the person is or what they told
us: names, contact details, address, free text, health answers, the notes of
its timeline and matches, the answers to the intake page's extra questions.
What reports count stays: district, status and its dates, who asked (the
category), how it came, interests, general difficulties, consents given,
matches and their outcomes. Idempotent: an anonymised case is not touched again.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone

from . import audit
from .choices import ENDED_STATUSES, AuditAction
from .conf import retention_days
from .models import (
    AuditEntry,
    CaseConsent,
    CaseContact,
    CaseMatch,
    CaseMember,
    CaseStatusChange,
    IntakeReceipt,
    SupportCase,
    SupportIntakeSubmission,
)

logger = logging.getLogger("support")

ANONYMISED_NAME = "（匿名化済み）"

#: What anonymising writes over, by model: every field that says who the person is or
#: what they or staff wrote about them. Every other field of a case's records is in
#: KEPT, with the reason; a field in neither fails tests/support/test_purge.py, so
#: whoever adds a field decides here whether it is personal.
CLEARED = {
    SupportCase: {
        "name": ANONYMISED_NAME,
        "requester_name": "",
        "furigana": "",
        "postcode": "",
        "address": "",
        "phone": "",
        "email": "",
        "contact_time": "",
        "request_text": "",
        "health_needs": [],
        "health_details": "",
        "escalation_reason": "",
        "district_suggestion_note": "",
    },
    CaseContact: {"notes": ""},
    CaseStatusChange: {"note": ""},
    CaseMatch: {"note": ""},
    SupportIntakeSubmission: {"form_data": {}},
}
#: What stays, by model. Reports count these (district, status and dates, who asked as
#: a category, how it came, interests, general difficulties, consents, matches and their
#: outcomes); the rest are keys, staff accounts and bookkeeping, nothing the person said.
KEPT = {
    SupportCase: {
        "id", "reference", "source", "language", "intake_page", "district",
        "suggested_district", "requester_type", "contact_method", "interests",
        "difficulties", "consent_contact", "consent_share", "consent_sensitive", "status",
        "status_changed_at", "first_contacted_at", "closed_at", "lead", "next_follow_up",
        "escalation_requested_at", "escalation_requested_by", "support_meeting_at",
        "confidential", "anonymised_at", "is_demo", "created_at", "created_by", "updated_at",
    },
    CaseContact: {"id", "case", "kind", "happened_at", "recorded_by", "created_at"},
    CaseStatusChange: {"id", "case", "from_status", "to_status", "changed_at", "changed_by"},
    CaseMatch: {
        "id", "case", "page", "label", "outcome", "recorded_by", "created_at", "updated_at",
    },
    SupportIntakeSubmission: {"id", "page", "submit_time", "case"},
    # A random token and secret: nothing personal, and the thanks link dies with the case.
    IntakeReceipt: {"id", "case", "token", "secret", "created_at"},
    CaseConsent: {"id", "case", "kind", "given", "method", "recorded_at", "recorded_by"},
    CaseMember: None,  # staff accounts and the recorded basis for sharing: all kept
    AuditEntry: None,  # append-only, never personal by its own rule (support.audit)
}  # fmt: skip


def expired_cases(now: dt.datetime | None = None):
    cutoff = (now or timezone.now()) - dt.timedelta(days=retention_days())
    return SupportCase.objects.filter(
        status__in=ENDED_STATUSES, closed_at__lt=cutoff, anonymised_at__isnull=True
    )


@transaction.atomic
def anonymise(case: SupportCase) -> None:
    """Write over everything CLEARED names, on the case and its records; audited."""
    for name, value in CLEARED[SupportCase].items():
        setattr(case, name, value)
    case.anonymised_at = timezone.now()
    case.save()
    for model, values in CLEARED.items():
        if model is not SupportCase:
            model.objects.filter(case=case).update(**values)
    audit.record(None, AuditAction.PURGE, case, f"retention_days={retention_days()}")


def purge_expired_cases(*, dry_run: bool = False) -> list[str]:
    """Anonymise every expired case (or, with dry_run, only say which); returns references."""
    references = []
    for case in expired_cases().order_by("closed_at"):
        references.append(case.reference)
        if not dry_run:
            anonymise(case)
    if not dry_run and references:
        logger.info("Anonymised %s support case(s) after the retention period", len(references))
    return references
