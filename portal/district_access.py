"""The one permission layer for personal data: who may see which district's records.

Two conditions, both required:

* **role**: a Django model permission (e.g. `volunteers.view_shiftsignup`,
  `support.view_supportcase`), given to the staff groups that need it;
* **scope**: the districts the user's groups may edit in the page tree. A
  district's staff group has page permissions on its district page, the
  coordinators on the district index (so on every district): one source of
  truth, Wagtail's page permissions, decides both who edits a district's pages
  and whose personal data they may see.

Every view, export, chooser and API over personal data filters through
`scope_queryset` (lists) or `can_access` (one object). Records point at their
district's page in the default locale; staff groups hold their permission on
every locale's copy, so the default-locale path matches.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from wagtail.models import GroupPagePermission

SCOPE_PERMISSION = "change_page"
_CACHE_ATTRIBUTE = "_portal_district_paths"


def scope_paths(user) -> list[str]:
    """Tree paths under which `user` may see personal data (cached on the user object)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = sorted(
            set(
                GroupPagePermission.objects.filter(
                    group__user=user,
                    permission__codename=SCOPE_PERMISSION,
                    permission__content_type__app_label="wagtailcore",
                ).values_list("page__path", flat=True)
            )
        )
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def scope_filter(user, district_field: str = "district") -> Q:
    """A Q that keeps the rows whose district is in the user's scope (nothing if none).

    `district_field` names the foreign key to the district page; "" filters pages themselves.
    """
    if getattr(user, "is_superuser", False) and user.is_active:
        return Q()
    paths = scope_paths(user)
    if not paths:
        return Q(pk__in=[])
    lookup = f"{district_field}__path__startswith" if district_field else "path__startswith"
    query = Q()
    for path in paths:
        query |= Q(**{lookup: path})
    return query


def scope_queryset(queryset: QuerySet, user, permission: str, district_field: str = "district"):
    """`queryset` limited to what `user` may see: nothing without the role `permission`
    (an `app_label.codename`), else the rows of the districts in the user's scope."""
    if not user.has_perm(permission):
        return queryset.none()
    return queryset.filter(scope_filter(user, district_field))


def users_in_scope(page) -> QuerySet:
    """The active users whose scope covers `page` (a district page): the inverse of
    `scope_paths`, through a permission on the page or any page above it."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    above = [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__page_permissions__permission__codename=SCOPE_PERMISSION,
            groups__page_permissions__permission__content_type__app_label="wagtailcore",
            groups__page_permissions__page__path__in=above,
        )
        .distinct()
    )


def can_access(user, obj, permission: str, district_field: str = "district") -> bool:
    """Whether `user` may see `obj` (one record), by the same rule as `scope_queryset`."""
    model = type(obj)
    return scope_queryset(
        model._default_manager.filter(pk=obj.pk), user, permission, district_field
    ).exists()
