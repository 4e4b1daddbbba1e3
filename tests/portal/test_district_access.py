import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from home.models import DistrictPage
from home.permissions import COORDINATORS_GROUP
from portal.district_access import can_access, scope_filter, scope_queryset

pytestmark = pytest.mark.django_db
ROLE = "home.change_districtpage"


def user_in(group, with_role=True):
    user = get_user_model().objects.create_user(username=f"u{group.pk}", password="x")
    user.groups.add(group)
    if with_role:
        user.user_permissions.add(Permission.objects.get(codename="change_districtpage"))
    return user


def visible(user):
    return set(
        scope_queryset(DistrictPage.objects.all(), user, ROLE, "").values_list("slug", flat=True)
    )


def test_district_staff_see_only_their_district(daini):
    assert visible(user_in(daini.staff_group)) == {"daini"}


def test_coordinators_see_every_district():
    assert len(visible(user_in(Group.objects.get(name=COORDINATORS_GROUP)))) == 35


def test_without_the_role_nobody_sees_anything(daini):
    assert visible(user_in(daini.staff_group, with_role=False)) == set()


def test_a_user_in_no_group_sees_nothing():
    user = get_user_model().objects.create_user(username="nobody", password="x")
    user.user_permissions.add(Permission.objects.get(codename="change_districtpage"))
    assert visible(user) == set()


def test_can_access_follows_the_same_rule(daini, daisan):
    user = user_in(daini.staff_group)
    assert can_access(user, daini, ROLE, "")
    assert not can_access(user, daisan, ROLE, "")


def test_superusers_see_everything():
    admin = get_user_model().objects.create_superuser(username="root", password="x")
    assert str(scope_filter(admin)) == "(AND: )"
