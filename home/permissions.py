"""Who may edit which district: one staff group per district, one for coordinators.

Wagtail's page permissions apply to a page and everything below it, so a group
given permissions on a district page covers that district's places, events and
volunteer opportunities, and nothing of any other district. Each locale has its
own tree, so the permissions are given on the district page in every locale.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

COORDINATORS_GROUP = "コーディネーター（福祉政策課）"
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
IMAGE_PERMISSIONS = (("wagtailimages", "add_image"), ("wagtailimages", "choose_image"))
DOCUMENT_PERMISSIONS = (("wagtaildocs", "add_document"), ("wagtaildocs", "choose_document"))
GLOBAL_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
)


def district_group_name(page: Page) -> str:
    return f"地区職員：{page.title}（{page.slug}）"


def _permissions(pairs) -> list[Permission]:
    query = Q()
    for app_label, codename in pairs:
        query |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.filter(query))


def grant_page_permissions(group: Group, page: Page) -> None:
    """Give `group` the editing permissions on `page` (and so its subtree) in every locale.

    Call it again after a new translation of `page` is created.
    """
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
    )
    for translation in page.get_translations(inclusive=True):
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=translation, permission=permission
            )
    group.permissions.add(*_permissions(GLOBAL_PERMISSIONS))
    root_collection = Collection.get_first_root_node()
    for permission in _permissions(IMAGE_PERMISSIONS + DOCUMENT_PERMISSIONS):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=permission
        )


def ensure_district_group(page: Page) -> Group:
    """The district's staff group, created on first load and kept when the district is renamed.

    Its page permissions are given by `grant_page_permissions`, once the
    district's translations exist."""
    group = page.staff_group
    if group is None:
        group, _ = Group.objects.get_or_create(name=district_group_name(page))
    elif group.name != district_group_name(page):
        group.name = district_group_name(page)
        group.save(update_fields=["name"])
    return group


#: Coordinators keep the city's own facts too (portal.models.CitySettings) and the
#: directory of consultation windows (consult.ConsultationWindow: named by label, so
#: that home imports no app above it).
COORDINATOR_PERMISSIONS = (
    ("portal", "change_citysettings"),
    ("consult", "add_consultationwindow"),
    ("consult", "change_consultationwindow"),
    ("consult", "delete_consultationwindow"),
)


def ensure_coordinators_group(district_index: Page) -> Group:
    """Coordinators (福祉政策課) edit every district (permissions on the district index)
    and the city settings."""
    group, _ = Group.objects.get_or_create(name=COORDINATORS_GROUP)
    grant_page_permissions(group, district_index)
    group.permissions.add(*_permissions(COORDINATOR_PERMISSIONS))
    return group
