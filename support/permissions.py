"""The role permissions of participation support, given to the groups that work cases.

`portal.district_access` needs two things for personal data: a role and a
scope. The scope comes from the district groups' page permissions (`home/`);
the role is given here, from the support app, so that `home/` never imports
us:

* each district's staff group (DistrictPage.staff_group): view, add and change
  cases (of their district, by the scope);
* the coordinators (コーディネーター（福祉政策課）): the same, plus
  `coordinate_supportcase` (every district, the unassigned queue, reports,
  exports of one person's data), reading the audit log, and managing the
  districts' notification addresses.

It runs after `migrate` (post_migrate), whenever a district page is saved
with its staff group (so `manage.py load_districts` grants it as it creates
the groups), from the demo loader, and by hand with
`manage.py grant_support_permissions`. It only adds; it never removes a
permission an administrator gave.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from home.permissions import COORDINATORS_GROUP

DISTRICT_STAFF_PERMISSIONS = ("view_supportcase", "add_supportcase", "change_supportcase")
COORDINATOR_PERMISSIONS = (
    *DISTRICT_STAFF_PERMISSIONS,
    "coordinate_supportcase",
    "view_auditentry",
    "view_districtmailbox",
    "add_districtmailbox",
    "change_districtmailbox",
    "delete_districtmailbox",
)


def _permissions(codenames) -> list[Permission]:
    return list(
        Permission.objects.filter(content_type__app_label="support", codename__in=codenames)
    )


def grant_district_staff(group: Group) -> None:
    group.permissions.add(*_permissions(DISTRICT_STAFF_PERMISSIONS))


def grant_coordinators(group: Group) -> None:
    group.permissions.add(*_permissions(COORDINATOR_PERMISSIONS))


def grant_support_permissions() -> tuple[int, bool]:
    """Give every district staff group and the coordinators their roles.

    Returns (district groups, whether the coordinators group exists)."""
    from home.models import DistrictPage

    group_ids = set(
        DistrictPage.objects.exclude(staff_group=None).values_list("staff_group_id", flat=True)
    )
    for group in Group.objects.filter(pk__in=group_ids):
        grant_district_staff(group)
    coordinators = Group.objects.filter(name=COORDINATORS_GROUP).first()
    if coordinators is not None:
        grant_coordinators(coordinators)
    return len(group_ids), coordinators is not None


def district_page_saved(sender, instance, **kwargs) -> None:
    """post_save of DistrictPage: its staff group (and the coordinators) get their roles."""
    if kwargs.get("raw"):
        return
    if instance.staff_group_id:
        grant_district_staff(instance.staff_group)
    coordinators = Group.objects.filter(name=COORDINATORS_GROUP).first()
    if (
        coordinators is not None
        and not coordinators.permissions.filter(
            Q(content_type__app_label="support", codename="coordinate_supportcase")
        ).exists()
    ):
        grant_coordinators(coordinators)


def after_migrate(sender, **kwargs) -> None:
    grant_support_permissions()
