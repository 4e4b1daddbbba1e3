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
    CaseContact,
    CaseMatch,
    CaseStatusChange,
    SupportCase,
    SupportIntakeSubmission,
)

logger = logging.getLogger("support")

ANONYMISED_NAME = "（匿名化済み）"
CLEARED_FIELDS = {
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
}


def expired_cases(now: dt.datetime | None = None):
    cutoff = (now or timezone.now()) - dt.timedelta(days=retention_days())
    return SupportCase.objects.filter(
        status__in=ENDED_STATUSES, closed_at__lt=cutoff, anonymised_at__isnull=True
    )


@transaction.atomic
def anonymise(case: SupportCase) -> None:
    for name, value in CLEARED_FIELDS.items():
        setattr(case, name, value)
    case.name = ANONYMISED_NAME
    case.anonymised_at = timezone.now()
    case.save()
    CaseContact.objects.filter(case=case).update(notes="")
    CaseStatusChange.objects.filter(case=case).update(note="")
    CaseMatch.objects.filter(case=case).update(note="")
    SupportIntakeSubmission.objects.filter(case=case).update(form_data={})
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
