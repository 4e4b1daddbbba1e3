"""Who sees the volunteer rosters: the district staff groups and the coordinators.

The roster is personal data, so it goes through `portal.district_access`:
the role is `volunteers.view_shiftsignup` (to see) and
`volunteers.change_shiftsignup` (to record attendance and cancel), the scope
is the district pages a group may edit. The role is given here, from this app,
so that `home/` (which makes the groups) never needs to know about volunteering:

* whenever a group is given `change_page` on a district page or on the
  district index (what the district loader does for each district's staff
  group and for the coordinators), it gets the roster permissions too;
* after `migrate`, every such group that exists already gets them (a site
  whose districts were loaded before this app was installed).
"""

from __future__ import annotations

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from home.models import DistrictIndexPage, DistrictPage

VIEW_ROSTER = "volunteers.view_shiftsignup"
CHANGE_ROSTER = "volunteers.change_shiftsignup"
ROSTER_CODENAMES = ("view_shiftsignup", "change_shiftsignup")
SCOPE_CODENAME = "change_page"


def roster_permissions() -> list[Permission]:
    return list(
        Permission.objects.filter(
            content_type__app_label="volunteers", codename__in=ROSTER_CODENAMES
        )
    )


def _district_content_types() -> list[ContentType]:
    return list(ContentType.objects.get_for_models(DistrictPage, DistrictIndexPage).values())


def grant_roster_on_scope(sender, instance, created, raw=False, **kwargs):
    """post_save of GroupPagePermission: a district scope brings the roster role."""
    if raw or not created:
        return
    if instance.permission.codename != SCOPE_CODENAME:
        return
    if not Page.objects.filter(
        pk=instance.page_id, content_type__in=_district_content_types()
    ).exists():
        return
    instance.group.permissions.add(*roster_permissions())


def grant_roster_permissions_after_migrate(sender, app_config=None, using="default", **kwargs):
    """post_migrate: give the roster role to every group that has a district scope."""
    create_permissions(sender, verbosity=0, using=using)
    permissions = roster_permissions()
    if not permissions:
        return
    groups = Group.objects.filter(
        page_permissions__permission__codename=SCOPE_CODENAME,
        page_permissions__page__content_type__in=_district_content_types(),
    ).distinct()
    for group in groups:
        group.permissions.add(*permissions)
