"""Everything the portal holds about one person (one case), for a disclosure request.

Coordinators download it as JSON or CSV from the case page; each download is
in the audit log. It includes the audit entries of the case (who opened and
changed it), since a person may ask that too.
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder

from .models import SupportCase
from .services import CONSENT_FIELDS, PERSON_FIELDS

CASE_FIELDS = [
    "reference",
    "source",
    "language",
    "created_at",
    "status",
    "status_changed_at",
    "first_contacted_at",
    "closed_at",
    *PERSON_FIELDS,
    *CONSENT_FIELDS.values(),
    "next_follow_up",
    "escalation_requested_at",
    "escalation_reason",
    "support_meeting_at",
    "confidential",
    "anonymised_at",
]


def _user(user) -> str:
    return user.get_username() if user else ""


def case_data(case: SupportCase) -> dict:
    data = {name: getattr(case, name) for name in CASE_FIELDS}
    data["district"] = case.district.title if case.district else ""
    data["lead"] = _user(case.lead)
    submission = getattr(case, "submission", None)
    data["extra_answers"] = submission.form_data if submission is not None else {}
    data["consents"] = [
        {
            "kind": c.kind,
            "given": c.given,
            "method": c.method,
            "recorded_at": c.recorded_at,
            "recorded_by": _user(c.recorded_by),
        }
        for c in case.consents.select_related("recorded_by")
    ]
    data["status_changes"] = [
        {
            "from": c.from_status,
            "to": c.to_status,
            "at": c.changed_at,
            "by": _user(c.changed_by),
            "note": c.note,
        }
        for c in case.status_changes.select_related("changed_by")
    ]
    data["contacts"] = [
        {"kind": c.kind, "at": c.happened_at, "notes": c.notes, "by": _user(c.recorded_by)}
        for c in case.contacts.select_related("recorded_by")
    ]
    data["matches"] = [
        {
            "page": m.page.title if m.page_id else "",
            "label": m.label,
            "outcome": m.outcome,
            "note": m.note,
            "recorded_at": m.created_at,
        }
        for m in case.matches.select_related("page")
    ]
    data["team"] = [
        {
            "user": _user(m.user),
            "role": m.role,
            "basis": m.basis,
            "basis_detail": m.basis_detail,
            "added_at": m.added_at,
            "removed_at": m.removed_at,
        }
        for m in case.members.select_related("user")
    ]
    data["access_log"] = [
        {"at": e.at, "user": e.username, "action": e.action, "detail": e.detail}
        for e in case.audit_entries.order_by("at", "pk")
    ]
    return data


def case_as_json(case: SupportCase) -> str:
    return json.dumps(case_data(case), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def _flat(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    return str(value)


def case_as_csv(case: SupportCase, writer) -> None:
    """Rows of (part, field, value): one per field, one per timeline entry."""
    writer.writerow(["part", "field", "value"])
    data = case_data(case)
    for name, value in data.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            for index, item in enumerate(value, start=1):
                for key, item_value in item.items():
                    writer.writerow([f"{name}[{index}]", key, _flat(item_value)])
        else:
            writer.writerow(["case", name, _flat(value)])
