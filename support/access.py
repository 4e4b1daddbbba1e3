"""Who may see and work which participation-support case: the one place that decides.

Every view of cases and intake submissions (list, detail, each change, the
timeline, team, matches, search, exports, the dashboard panel, the form
builder's submissions list) gets its cases from `visible_cases` /
`workable_cases` or its case from `get_case`. The district rule itself is
`portal.district_access` (role permission + scope from Wagtail page
permissions); the rules of this file add what only cases have:

* **coordinators** (`support.coordinate_supportcase`, the group
  コーディネーター（福祉政策課）) see every case, unassigned ones included;
* **district staff** (role `support.view_supportcase` / `change_supportcase`
  and their district in scope) see their district's cases;
* **team members** see the cases they are on (added with a recorded basis,
  `support.services.add_member`);
* a **confidential** case (taken up by the support meeting, 支援会議) is seen
  only by the coordinators and the members added on the meeting's basis:
  district staff and other members lose sight of it.

Seeing and working a case are not the same as deciding about it. Team members
from outside the district (agency staff, another field) record contact notes
on the cases they are on; changing the person's details and consents, the
status, the lead, the team, the proposed places and escalating stay with the
district's staff and the coordinators (`managed_cases`). A request for a case
out of reach answers 404, as if it did not exist, and is written to the audit
log as refused (who, which reference, when).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from portal.district_access import scope_queryset

from . import audit
from .choices import AuditAction, SharingBasis
from .models import CaseMember, SupportCase

VIEW = "support.view_supportcase"
CHANGE = "support.change_supportcase"
ADD = "support.add_supportcase"
COORDINATE = "support.coordinate_supportcase"
VIEW_AUDIT = "support.view_auditentry"


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_coordinator(user) -> bool:
    return _active(user) and (user.is_superuser or user.has_perm(COORDINATE))


def _memberships(user, meeting_only: bool = False) -> QuerySet:
    memberships = CaseMember.objects.filter(user=user, removed_at__isnull=True)
    if meeting_only:
        memberships = memberships.filter(basis=SharingBasis.SUPPORT_MEETING)
    return memberships.values("case_id")


def _cases(user, permission: str) -> QuerySet:
    cases = SupportCase.objects.all()
    if not _active(user):
        return cases.none()
    if is_coordinator(user):
        return cases
    district = scope_queryset(SupportCase.objects.all(), user, permission).filter(
        confidential=False
    )
    return cases.filter(
        Q(pk__in=district.values("pk"))
        | Q(pk__in=_memberships(user), confidential=False)
        | Q(pk__in=_memberships(user, meeting_only=True))
    )


def visible_cases(user) -> QuerySet:
    """The cases `user` may see."""
    return _cases(user, VIEW)


def workable_cases(user) -> QuerySet:
    """The cases `user` may work on (status, timeline, team, matches, details).

    District staff need the change role; team members work the cases they are on."""
    return _cases(user, CHANGE)


def managed_cases(user) -> QuerySet:
    """The cases whose details, consents, status, lead, team and proposals `user` may change.

    Coordinators: every case. District staff (change role, their district in scope):
    their district's cases, and a confidential one if they are among its meeting
    members. A team member from outside the district manages none: they add contact
    notes (`workable_cases`)."""
    if not _active(user):
        return SupportCase.objects.none()
    if is_coordinator(user):
        return SupportCase.objects.all()
    district = scope_queryset(SupportCase.objects.all(), user, CHANGE)
    return district.filter(Q(confidential=False) | Q(pk__in=_memberships(user, meeting_only=True)))


def get_case(user, pk, *, work: bool = False, manage: bool = False) -> SupportCase:
    """The case `pk` if `user` may see it (work on it, manage it). A case they may see but
    not change this way: PermissionDenied; any other: 404, as if it did not exist. A
    refused request for an existing case is audited (never what was sent)."""
    if manage:
        cases = managed_cases(user)
    else:
        cases = workable_cases(user) if work else visible_cases(user)
    case = cases.select_related("district", "lead").filter(pk=pk).first()
    if case is None:
        refused = SupportCase.objects.filter(pk=pk).first()
        if refused is None:
            raise Http404
        audit.record(user, AuditAction.REFUSED, refused, _refusal(manage, work))
        if (manage or work) and can_see(user, refused):
            raise PermissionDenied
        raise Http404
    return case


def _refusal(manage: bool, work: bool) -> str:
    return "manage" if manage else "work" if work else "view"


def can_see(user, case: SupportCase) -> bool:
    return visible_cases(user).filter(pk=case.pk).exists()


def can_work(user, case: SupportCase) -> bool:
    return workable_cases(user).filter(pk=case.pk).exists()


def can_manage(user, case: SupportCase) -> bool:
    return managed_cases(user).filter(pk=case.pk).exists()


def require_manage(user, case: SupportCase) -> None:
    """For the services: PermissionDenied (audited) unless `user` may manage `case`.

    `user` None is the portal itself (intake, the demo loader, purges)."""
    if user is None or can_manage(user, case):
        return
    audit.record(user, AuditAction.REFUSED, case, "manage")
    raise PermissionDenied


def admin_users() -> QuerySet:
    """Active accounts that can use the admin (staff of the city and its agencies)."""
    User = get_user_model()
    access_admin = {"codename": "access_admin", "content_type__app_label": "wagtailadmin"}
    can_use_admin = (
        Q(is_superuser=True)
        | Q(**{f"groups__permissions__{key}": value for key, value in access_admin.items()})
        | Q(**{f"user_permissions__{key}": value for key, value in access_admin.items()})
    )
    return User.objects.filter(is_active=True).filter(can_use_admin).distinct()


def uses_support(user) -> bool:
    """Whether the participation-support menu and dashboard are for this user at all."""
    if not _active(user):
        return False
    if user.is_superuser or user.has_perm(VIEW) or user.has_perm(COORDINATE):
        return True
    return CaseMember.objects.filter(user=user, removed_at__isnull=True).exists()


def can_open_cases(user) -> bool:
    """Staff who may open a case from a call or a visit: the add role and a district in scope."""
    return _active(user) and user.has_perm(ADD)
