"""The append-only audit log of participation-support cases.

    record(request.user, AuditAction.VIEW, case)

Every view and change of a case goes through here. `detail` says what kind of
thing happened (field names, status codes, counts), never a value a person
typed: the log is read by coordinators and kept longer than the cases.
"""

from __future__ import annotations

from .choices import AuditAction
from .models import AuditEntry, SupportCase


def record(user, action: AuditAction | str, case: SupportCase | None = None, detail: str = ""):
    authenticated = bool(user is not None and getattr(user, "is_authenticated", False))
    return AuditEntry.objects.create(
        user=user if authenticated else None,
        username=user.get_username() if authenticated else "",
        action=str(action),
        case=case,
        reference=case.reference if case is not None else "",
        detail=detail[:255],
    )
