"""Factories used by the tests of more than one app: the user accounts of every role.

One way to make a staff member (per-app factories stay in tests/<app>/factories.py):

    UserFactory()                          # an account with no role and no admin access
    UserFactory(district=daini)            # 第二地区's staff (its staff group)
    UserFactory(coordinator=True)          # コーディネーター（福祉政策課）
    UserFactory(agency=True)               # 関係機関: admin access through a group, no role
    UserFactory(admin_access=True)         # admin access only (the permission, no group)
    UserFactory(superuser=True)            # a system administrator
    UserFactory(groups=[group])            # any other group a test sets up itself

Roles combine (`UserFactory(district=daini, coordinator=True)`). The groups are the
project's own: a district's staff group and the coordinators' group as `load_districts`
makes them (home.permissions), never copies of their permissions. Every account has a
Japanese name, `<username>@example.jp` and the password `PASSWORD` (for tests that log in
through the login form; the others use `client.force_login`).
"""

from __future__ import annotations

import factory
from django.conf import settings
from django.contrib.auth.models import Group, Permission

from home.permissions import (
    COORDINATORS_GROUP,
    ensure_coordinators_group,
    ensure_district_group,
    grant_page_permissions,
)

PASSWORD = "松本市-職員-2026"
#: Staff of a related agency (e.g. 地域包括支援センター) are given admin access through a
#: group of their own (docs/staff-guide.md: 管理画面に入れるグループ), and no case role.
AGENCY_GROUP = "関係機関（地域包括支援センター）"


def admin_access_permission() -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def district_staff_group(district) -> Group:
    """`district`'s staff group; a district made by a test's factory gets one the way
    `load_districts` gives it (saving the page grants the support roles, post_save)."""
    if district.staff_group_id is None:
        district.staff_group = ensure_district_group(district)
        district.save(update_fields=["staff_group"])
        grant_page_permissions(district.staff_group, district)
    return district.staff_group


def coordinators_group() -> Group:
    """The coordinators' group `load_districts` made (or makes, on a database without it)."""
    group = Group.objects.filter(name=COORDINATORS_GROUP).first()
    if group is None:
        from home.models import DistrictIndexPage

        group = ensure_coordinators_group(
            DistrictIndexPage.objects.get(locale__language_code=settings.LANGUAGE_CODE)
        )
    return group


def agency_group() -> Group:
    group, created = Group.objects.get_or_create(name=AGENCY_GROUP)
    if created:
        group.permissions.add(admin_access_permission())
    return group


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"shokuin-{n:03d}")
    last_name = factory.Iterator(["佐藤", "鈴木", "高橋", "渡辺", "伊藤"])
    first_name = factory.Iterator(["翔太", "美咲", "健一", "由美", "大輔"])
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.jp")
    password = factory.django.Password(PASSWORD)

    class Meta:
        model = settings.AUTH_USER_MODEL
        skip_postgeneration_save = True

    class Params:
        superuser = factory.Trait(is_superuser=True, is_staff=True)

    @factory.post_generation
    def district(user, create, district, **kwargs):
        """`district=<DistrictPage>`: a member of that district's staff group."""
        if district is not None:
            user.groups.add(district_staff_group(district))

    @factory.post_generation
    def coordinator(user, create, extracted, **kwargs):
        if extracted:
            user.groups.add(coordinators_group())

    @factory.post_generation
    def agency(user, create, extracted, **kwargs):
        if extracted:
            user.groups.add(agency_group())

    @factory.post_generation
    def admin_access(user, create, extracted, **kwargs):
        if extracted:
            user.user_permissions.add(admin_access_permission())

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        if extracted:
            user.groups.add(*extracted)
