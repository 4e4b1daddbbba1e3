"""What happens to a case: intake, the follow-up work, sharing, escalation.

Views call these functions and nothing else writes cases, so every rule
(allowed transitions, the basis for sharing, consent for health data, who may
decide what, the audit entry, the notice to the district) holds whichever
screen is used. Changing details, consents, status, lead, team, proposals and
escalating need `support.access.require_manage`: a team member from outside
the district only records contacts.
Log lines name the reference and codes only: never what a person wrote.
"""

from __future__ import annotations

import functools
import logging
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from home.permissions import COORDINATORS_GROUP
from portal.district_access import users_in_scope
from portal.outbox import queue_mail
from portal.signups import InvalidLink, link_token, read_link_token

from . import audit
from .access import admin_users, is_coordinator, require_manage
from .choices import (
    ENDED_STATUSES,
    TRANSITIONS,
    AuditAction,
    ConsentKind,
    ConsentMethod,
    SharingBasis,
    Source,
    Status,
)
from .mail_addresses import is_allowed
from .models import (
    CaseConsent,
    CaseContact,
    CaseMatch,
    CaseMember,
    CaseStatusChange,
    DistrictMailbox,
    IntakeReceipt,
    SupportCase,
    SupportIntakeSubmission,
)

logger = logging.getLogger("support")

#: No 0/O, 1/I: a reference is read out over the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 8

#: The case fields a person's intake fills (web form, or staff from a call or a visit).
PERSON_FIELDS = (
    "requester_type",
    "requester_name",
    "name",
    "furigana",
    "postcode",
    "address",
    "phone",
    "email",
    "contact_method",
    "contact_time",
    "interests",
    "difficulties",
    "health_needs",
    "health_details",
    "request_text",
)
CONSENT_FIELDS = {
    ConsentKind.CONTACT: "consent_contact",
    ConsentKind.SHARE: "consent_share",
    ConsentKind.SENSITIVE: "consent_sensitive",
}


def managers_only(function):
    """The service is a decision about the case: `by` must manage it (support.access).

    Checked before the service's transaction opens, so that the refusal's audit
    entry stays when the refusal propagates."""

    @functools.wraps(function)
    def checked(target, *args, by, **kwargs):
        require_manage(by, getattr(target, "case", target))
        return function(target, *args, by=by, **kwargs)

    return checked


class SharingRefused(ValidationError):
    """Adding this team member has no recorded basis: the portal refuses."""


class TransitionRefused(ValidationError):
    pass


def generate_reference() -> str:
    """A new reference: S- and 8 characters drawn by `secrets`, never in sequence."""
    return "S-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def _save_with_reference(case: SupportCase) -> SupportCase:
    for attempt in range(5):
        case.reference = generate_reference()
        try:
            with transaction.atomic():
                case.save()
            return case
        except IntegrityError:
            if attempt == 4:
                raise
    return case  # pragma: no cover


def default_locale_district(district):
    """A district page in the default locale (cases never point at a translation)."""
    if district is None:
        return None
    from home.models import DistrictPage

    if district.locale.language_code == settings.LANGUAGE_CODE:
        return district
    return DistrictPage.objects.get(
        translation_key=district.translation_key, locale__language_code=settings.LANGUAGE_CODE
    )


def _default_locale_page(page):
    if page is None:
        return None
    if page.locale.language_code == settings.LANGUAGE_CODE:
        return page
    from wagtail.models import Locale

    return page.get_translation_or_none(Locale.get_default()) or page


def _apply_person_data(case: SupportCase, data: dict) -> None:
    for field in PERSON_FIELDS:
        if field in data:
            value = data[field]
            setattr(case, field, list(value) if isinstance(value, list | tuple) else value or "")
    if not case.consent_sensitive:
        # 要配慮個人情報: without the person's consent it is not stored at all.
        case.health_needs = []
        case.health_details = ""


def _record_consents(case, data, method, by, *, only_changed_from=None) -> list[str]:
    changed = []
    for kind, field in CONSENT_FIELDS.items():
        given = bool(data.get(field, getattr(case, field)))
        if only_changed_from is not None and only_changed_from[field] == given:
            continue
        CaseConsent.objects.create(case=case, kind=kind, given=given, method=method, recorded_by=by)
        changed.append(field)
    return changed


def _suggest(case: SupportCase) -> None:
    from .geo import suggest_district

    suggestion = suggest_district(case.postcode, case.address)
    if suggestion is not None:
        case.suggested_district = suggestion.district
        case.district_suggestion_note = suggestion.note()


@transaction.atomic
def open_case(
    data: dict,
    *,
    source: str,
    consent_method: str,
    by=None,
    page=None,
    language: str = "",
) -> SupportCase:
    """Create a case from intake answers (the web form, or staff from a call or a visit)."""
    case = SupportCase(
        source=source,
        language=language,
        intake_page=_default_locale_page(page),
        district=default_locale_district(data.get("district")),
        consent_contact=bool(data.get("consent_contact")),
        consent_share=bool(data.get("consent_share")),
        consent_sensitive=bool(data.get("consent_sensitive")),
        created_by=by,
    )
    _apply_person_data(case, data)
    if case.district is None:
        _suggest(case)
    _save_with_reference(case)
    _record_consents(case, data, consent_method, by)
    CaseStatusChange.objects.create(case=case, from_status="", to_status=Status.RECEIVED)
    audit.record(by, AuditAction.CREATE, case, f"source={source}")
    logger.info(
        "Support case %s received (source %s, district %s)",
        case.reference,
        source,
        case.district.slug if case.district else "unassigned",
    )
    return case


def submit_intake(page, form) -> SupportIntakeSubmission:
    """A valid intake form: its submission, its case, its receipt and the district's notice,
    all or nothing, once per form token. The same form sent again (a double click, the
    browser re-posting, two posts at the same moment) gives back the first submission: the
    receipt's token is unique, so the second transaction fails whole and finds the first."""
    token = form.cleaned_data["form_token"]
    earlier = _submission_for(token)
    if earlier is not None:
        return earlier
    try:
        with transaction.atomic():
            case = open_case(
                form.cleaned_data,
                source=Source.WEB,
                consent_method=ConsentMethod.FORM,
                page=page,
                language=page.locale.language_code,
            )
            IntakeReceipt.objects.create(case=case, token=token)
            submission = SupportIntakeSubmission.objects.create(
                page=page, case=case, form_data=form.extra_answers()
            )
            notify_new_case(case, page)
    except IntegrityError:
        earlier = _submission_for(token)
        if earlier is None:
            raise
        logger.info("Intake form sent again: case %s kept", earlier.case.reference)
        return earlier
    return submission


def _submission_for(token: str) -> SupportIntakeSubmission | None:
    return (
        SupportIntakeSubmission.objects.filter(case__receipt__token=token)
        .select_related("case__receipt")
        .first()
    )


# --- The thanks page ----------------------------------------------------------------------------

THANKS = "thanks"
THANKS_HEALTH_WITHHELD = "thanks-health-withheld"
#: The thanks page shows the reference for a day (a shared computer keeps its history).
THANKS_MAX_AGE = 24 * 60 * 60


def thanks_token(receipt: IntakeReceipt, health_withheld: bool) -> str:
    """The signed token of the thanks page's URL: the receipt and its secret, nothing personal.
    Whether health answers were withheld is told by the purpose the token is signed for,
    not by its (readable) payload: the URL does not show that someone wrote about health."""
    return link_token(receipt, THANKS_HEALTH_WITHHELD if health_withheld else THANKS)


def read_thanks_token(token: str) -> tuple[IntakeReceipt, bool]:
    """(receipt, health_withheld) of a thanks token; raises InvalidLink (also after a day)."""
    for purpose, withheld in ((THANKS, False), (THANKS_HEALTH_WITHHELD, True)):
        try:
            receipts, _extra = read_link_token(
                IntakeReceipt, token, purpose, max_age=THANKS_MAX_AGE
            )
        except InvalidLink:
            continue
        return receipts[0], withheld
    raise InvalidLink


@transaction.atomic
def open_case_by_staff(data: dict, *, by) -> SupportCase:
    """A case opened by staff from a phone call, a visit or a referral."""
    return open_case(
        data,
        source=data.get("source") or Source.PHONE,
        consent_method=data.get("consent_method") or ConsentMethod.ORAL,
        by=by,
    )


# --- Notices ----------------------------------------------------------------------------------


def admin_url(case: SupportCase) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "support_cases:detail", args=[case.pk]
    )


def _group_addresses(group) -> list[str]:
    if group is None:
        return []
    return sorted(
        set(group.user_set.filter(is_active=True).exclude(email="").values_list("email", flat=True))
    )


def _coordinator_addresses() -> list[str]:
    from django.contrib.auth.models import Group

    return _group_addresses(Group.objects.filter(name=COORDINATORS_GROUP).first())


def notification_recipients(case: SupportCase, page=None) -> list[str]:
    """Where a new case's notice goes (docs/architecture.md, "Participation support").

    The district's shared address (DistrictMailbox), else the addresses of
    its staff group; a case with no district, or a district with neither, goes
    to the intake page's notification address, else to the coordinators."""
    if case.district_id:
        mailbox = DistrictMailbox.objects.filter(district_id=case.district_id).first()
        if mailbox is not None and _allowed_address(mailbox.email, case):
            return [mailbox.email]
        addresses = _group_addresses(case.district.staff_group)
        if addresses:
            return addresses
    if page is not None and page.notification_email:
        if _allowed_address(page.notification_email, case):
            return [page.notification_email]
    return _coordinator_addresses()


def _allowed_address(address: str, case: SupportCase) -> bool:
    """An address saved before the rule of `support.mail_addresses` (or written around
    the admin) is passed over: the notice then goes to the next in line."""
    if is_allowed(address):
        return True
    logger.warning("Notification address outside the city skipped for %s", case.reference)
    return False


def notify_new_case(case: SupportCase, page=None):
    """Queue the notice of a new case: its reference and the admin link, nothing personal."""
    recipients = notification_recipients(case, page)
    if not recipients:
        logger.warning("No notification address for support case %s", case.reference)
        return None
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[Participation support] New request %(reference)s") % {
            "reference": case.reference
        }
        body = _(
            "A new participation-support request has arrived.\n\n"
            "Reference: %(reference)s\n"
            "Open it in the admin: %(url)s\n\n"
            "This mail holds no personal data; please read the request in the admin."
        ) % {"reference": case.reference, "url": admin_url(case)}
    return queue_mail(to=recipients, subject=subject, body=body, kind="support-intake")


def _notify_coordinators_of_escalation(case: SupportCase):
    recipients = _coordinator_addresses()
    if not recipients:
        logger.warning("No coordinator address for the escalation of %s", case.reference)
        return None
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[Participation support] Escalation %(reference)s") % {
            "reference": case.reference
        }
        body = _(
            "A case has been escalated to the support meeting.\n\n"
            "Reference: %(reference)s\n"
            "Open it in the admin: %(url)s\n\n"
            "This mail holds no personal data; please read the case in the admin."
        ) % {"reference": case.reference, "url": admin_url(case)}
    return queue_mail(to=recipients, subject=subject, body=body, kind="support-escalation")


# --- The follow-up work --------------------------------------------------------------------


def _locked(case: SupportCase) -> SupportCase:
    """The case row, locked for this transaction (PostgreSQL; SQLite writes one at a time)."""
    return SupportCase.objects.select_for_update().get(pk=case.pk)


def allowed_transitions(case: SupportCase) -> tuple[str, ...]:
    return TRANSITIONS.get(case.status, ())


@managers_only
@transaction.atomic
def change_status(case: SupportCase, to_status: str, *, by, note: str = "") -> SupportCase:
    return _set_status(case, to_status, by=by, note=note)


def _set_status(case: SupportCase, to_status: str, *, by, note: str = "") -> SupportCase:
    current = _locked(case)
    if to_status not in allowed_transitions(current):
        new = Status(to_status).label if to_status in Status.values else to_status
        raise TransitionRefused(
            _("A case that is “%(current)s” cannot become “%(new)s”.")
            % {"current": Status(current.status).label, "new": new}
        )
    now = timezone.now()
    from_status = current.status
    current.status = to_status
    current.status_changed_at = now
    if to_status == Status.CONTACTED and current.first_contacted_at is None:
        current.first_contacted_at = now
    current.closed_at = now if to_status in ENDED_STATUSES else None
    current.save(
        update_fields=[
            "status",
            "status_changed_at",
            "first_contacted_at",
            "closed_at",
            "updated_at",
        ]
    )
    CaseStatusChange.objects.create(
        case=current, from_status=from_status, to_status=to_status, changed_by=by, note=note
    )
    audit.record(by, AuditAction.STATUS, current, f"{from_status}->{to_status}")
    _copy_state(current, case)
    return case


def _copy_state(source: SupportCase, target: SupportCase) -> None:
    if source is not target:
        for field in source._meta.concrete_fields:
            setattr(target, field.attname, getattr(source, field.attname))


@transaction.atomic
def record_contact(case: SupportCase, *, by, kind: str, happened_at=None, notes: str = ""):
    """Add a contact to the timeline. The first contact with a new case marks it contacted."""
    happened_at = happened_at or timezone.now()
    contact = CaseContact.objects.create(
        case=case, kind=kind, happened_at=happened_at, notes=notes, recorded_by=by
    )
    current = _locked(case)
    if current.first_contacted_at is None or happened_at < current.first_contacted_at:
        current.first_contacted_at = happened_at
        current.save(update_fields=["first_contacted_at", "updated_at"])
    audit.record(by, AuditAction.CONTACT, current, f"kind={kind}")
    _copy_state(current, case)
    if case.status == Status.RECEIVED:
        # The first contact is a fact, whoever on the team made it: not a decision.
        _set_status(case, Status.CONTACTED, by=by)
    return contact


@managers_only
@transaction.atomic
def assign(case: SupportCase, *, by, lead, next_follow_up) -> SupportCase:
    changed = []
    if case.lead_id != (lead.pk if lead else None):
        changed.append("lead")
    if case.next_follow_up != next_follow_up:
        changed.append("next_follow_up")
    case.lead = lead
    case.next_follow_up = next_follow_up
    case.save(update_fields=["lead", "next_follow_up", "updated_at"])
    audit.record(by, AuditAction.ASSIGN, case, "fields=" + ",".join(changed))
    return case


@transaction.atomic
def set_district(case: SupportCase, district, *, by) -> SupportCase:
    """Coordinators place a case in a district (confirming the suggestion, or not)."""
    if by is not None and not is_coordinator(by):
        raise PermissionDenied
    case.district = default_locale_district(district)
    case.save(update_fields=["district", "updated_at"])
    audit.record(by, AuditAction.DISTRICT, case, f"district={district.slug if district else ''}")
    return case


@managers_only
@transaction.atomic
def update_details(case: SupportCase, data: dict, *, by, consent_method: str) -> SupportCase:
    """Staff correct the person's details or record a consent given later (orally, in writing)."""
    before = {field: getattr(case, field) for field in (*PERSON_FIELDS, *CONSENT_FIELDS.values())}
    for field in CONSENT_FIELDS.values():
        if field in data:
            setattr(case, field, bool(data[field]))
    _apply_person_data(case, data)
    case.save()
    if before["consent_sensitive"] and not case.consent_sensitive:
        _drop_sensitive_answers(case)
    consents = _record_consents(case, data, consent_method, by, only_changed_from=before)
    changed = [field for field in PERSON_FIELDS if before[field] != getattr(case, field)]
    audit.record(by, AuditAction.UPDATE, case, "fields=" + ",".join(changed + consents))
    if consents:
        audit.record(by, AuditAction.CONSENT, case, "consents=" + ",".join(consents))
    return case


def _drop_sensitive_answers(case: SupportCase) -> None:
    """The special-care consent withdrawn: the answers to special-care extra questions go,
    as the health answers do (`_apply_person_data`)."""
    submission = SupportIntakeSubmission.objects.filter(case=case).select_related("page").first()
    if submission is None or submission.page is None:
        return
    names = submission.page.specific.get_form_class().sensitive_field_names
    if any(name in submission.form_data for name in names):
        submission.form_data = {
            key: value for key, value in submission.form_data.items() if key not in names
        }
        submission.save(update_fields=["form_data"])


# --- The team and the basis for sharing -------------------------------------------------------


def _in_group(user, group_id) -> bool:
    return bool(group_id) and user.groups.filter(pk=group_id).exists()


def sharing_basis_for(case: SupportCase, user, requested: str | None) -> str:
    """The basis on which `user` may join `case`'s team, or SharingRefused.

    District staff of the case's own district need none; coordinators see
    every case already. Anyone else (another district, another field or
    agency) needs the person's consent to sharing, or the case taken up by
    the support meeting, whose members share a statutory duty of confidentiality.
    """
    if case.confidential:
        if requested != SharingBasis.SUPPORT_MEETING:
            raise SharingRefused(
                _("This case is handled by the support meeting: add members as its members only.")
            )
        return SharingBasis.SUPPORT_MEETING
    if case.district_id and _in_group(user, case.district.staff_group_id):
        return SharingBasis.DISTRICT
    if is_coordinator(user):
        return SharingBasis.COORDINATOR
    if requested == SharingBasis.CONSENT:
        if not case.consent_share:
            raise SharingRefused(
                _(
                    "The person has not consented to sharing with people outside the district. "
                    "Record their consent first, or escalate the case to the support meeting."
                )
            )
        return SharingBasis.CONSENT
    if requested == SharingBasis.SUPPORT_MEETING:
        raise SharingRefused(_("The support meeting has not taken up this case."))
    raise SharingRefused(
        _(
            "This person is not on the district's staff: choose the basis for sharing "
            "(the person's consent or the support meeting)."
        )
    )


def describe_basis(case: SupportCase, basis: str) -> str:
    """The basis as the record keeps it, in the default language (Japanese)."""
    with translation.override(settings.LANGUAGE_CODE):
        if basis == SharingBasis.CONSENT:
            consent = case.consents.filter(kind=ConsentKind.SHARE, given=True).last()
            method = ConsentMethod(consent.method).label if consent else ""
            return _("Consent to sharing (%(method)s)") % {"method": method}
        return str(SharingBasis(basis).label)


@managers_only
def add_member(case: SupportCase, user, *, by, basis: str | None = None, role: str = ""):
    """Add `user` to the case's team, recording the basis for sharing; else SharingRefused.

    A refusal is audited in the caller's transaction (it is not rolled back with the member)."""
    try:
        if case.members.filter(user=user, removed_at__isnull=True).exists():
            raise SharingRefused(_("This person is already on the team."))
        if not user.is_active:
            raise SharingRefused(_("This account is not active."))
        if case.confidential and not is_coordinator(by):
            raise SharingRefused(_("Only coordinators add members to a support-meeting case."))
        basis = sharing_basis_for(case, user, basis)
    except SharingRefused:
        audit.record(by, AuditAction.REFUSED, case, f"team_add user={user.pk}")
        raise
    with transaction.atomic():
        member = CaseMember.objects.create(
            case=case,
            user=user,
            basis=basis,
            basis_detail=describe_basis(case, basis),
            role=role,
            added_by=by,
        )
        audit.record(by, AuditAction.TEAM_ADD, case, f"user={user.pk} basis={basis}")
    return member


@managers_only
@transaction.atomic
def remove_member(member: CaseMember, *, by) -> CaseMember:
    member.removed_at = timezone.now()
    member.removed_by = by
    member.save(update_fields=["removed_at", "removed_by"])
    audit.record(by, AuditAction.TEAM_REMOVE, member.case, f"user={member.user_id}")
    return member


def _with_permission(codename: str):
    """Active users holding `support.<codename>` through a group or themselves (superusers too)."""
    permission = Permission.objects.filter(codename=codename, content_type__app_label="support")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=permission)
            | Q(user_permissions__in=permission)
        )
    )


def lead_candidates(case: SupportCase):
    """Who may lead a case: whoever may work it (the rule of `support.access`).

    Coordinators (and system administrators) always; staff with the case role
    whose scope covers the case's district, unless the support meeting has taken
    the case up, when its meeting members take their place.
    """
    User = get_user_model()
    who = Q(pk__in=_with_permission("coordinate_supportcase").values("pk"))
    if case.confidential:
        meeting = case.members.filter(removed_at__isnull=True, basis=SharingBasis.SUPPORT_MEETING)
        who |= Q(pk__in=meeting.values("user_id"))
    elif case.district_id:
        role = _with_permission("change_supportcase").values("pk")
        who |= Q(pk__in=role) & Q(pk__in=users_in_scope(case.district).values("pk"))
    return User.objects.filter(is_active=True).filter(who).order_by("username")


def member_candidates(case: SupportCase):
    """Accounts that may be proposed as team members: active ones that can use the admin.

    The basis for sharing is checked on adding; the list is shown only to those who
    manage the case (district staff and coordinators), never to agency members."""
    current = case.members.filter(removed_at__isnull=True).values("user_id")
    return admin_users().exclude(pk__in=current).order_by("username")


# --- Matched resources ------------------------------------------------------------------------


@managers_only
@transaction.atomic
def add_match(case: SupportCase, *, by, page=None, label="", outcome="proposed", note=""):
    match = CaseMatch.objects.create(
        case=case, page=page, label=label, outcome=outcome, note=note, recorded_by=by
    )
    audit.record(by, AuditAction.MATCH, case, f"match={match.pk} outcome={outcome}")
    return match


@managers_only
@transaction.atomic
def update_match(match: CaseMatch, *, by, outcome: str, note: str) -> CaseMatch:
    match.outcome = outcome
    match.note = note
    match.recorded_by = by
    match.save(update_fields=["outcome", "note", "recorded_by", "updated_at"])
    audit.record(by, AuditAction.MATCH, match.case, f"match={match.pk} outcome={outcome}")
    return match


# --- The support meeting (支援会議) ---------------------------------------------------------------


@managers_only
@transaction.atomic
def escalate(case: SupportCase, *, by, reason: str) -> SupportCase:
    case.escalation_requested_at = timezone.now()
    case.escalation_requested_by = by
    case.escalation_reason = reason
    case.save(
        update_fields=[
            "escalation_requested_at",
            "escalation_requested_by",
            "escalation_reason",
            "updated_at",
        ]
    )
    audit.record(by, AuditAction.ESCALATE, case)
    _notify_coordinators_of_escalation(case)
    return case


@transaction.atomic
def take_up(case: SupportCase, *, by, members: Iterable = ()) -> SupportCase:
    """The support meeting takes the case up: it becomes confidential to the meeting.

    `members` (users) become its members for this case, on the meeting's basis;
    everyone else but the coordinators loses sight of it."""
    if not is_coordinator(by):
        raise SharingRefused(_("Only coordinators record that the support meeting took a case up."))
    case.support_meeting_at = timezone.now()
    case.confidential = True
    case.save(update_fields=["support_meeting_at", "confidential", "updated_at"])
    audit.record(by, AuditAction.TAKE_UP, case)
    for user in members:
        existing = case.members.filter(user=user, removed_at__isnull=True).first()
        if existing is not None:
            if existing.basis == SharingBasis.SUPPORT_MEETING:
                continue
            remove_member(existing, by=by)
        add_member(case, user, by=by, basis=SharingBasis.SUPPORT_MEETING)
    return case
