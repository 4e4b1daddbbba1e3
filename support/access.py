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
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from portal.district_access import scope_queryset

from .choices import SharingBasis
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


def get_case(user, pk, *, work: bool = False) -> SupportCase:
    """The case `pk` if `user` may see it (or work on it): else 404, as if it did not exist."""
    cases = workable_cases(user) if work else visible_cases(user)
    case = cases.select_related("district", "lead").filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def can_see(user, case: SupportCase) -> bool:
    return visible_cases(user).filter(pk=case.pk).exists()


def can_work(user, case: SupportCase) -> bool:
    return workable_cases(user).filter(pk=case.pk).exists()


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
