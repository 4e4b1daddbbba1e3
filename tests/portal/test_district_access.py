import pytest
from django.contrib.auth.models import Permission

from home.models import DistrictPage
from portal.district_access import can_access, scope_filter, scope_queryset
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ROLE = "home.change_districtpage"


def with_role(user):
    user.user_permissions.add(Permission.objects.get(codename="change_districtpage"))
    return user


def visible(user):
    return set(
        scope_queryset(DistrictPage.objects.all(), user, ROLE, "").values_list("slug", flat=True)
    )


def test_district_staff_see_only_their_district(daini):
    assert visible(with_role(UserFactory(district=daini))) == {"daini"}


def test_coordinators_see_every_district():
    assert len(visible(with_role(UserFactory(coordinator=True)))) == 35


def test_without_the_role_nobody_sees_anything(daini):
    assert visible(UserFactory(district=daini)) == set()


def test_a_user_in_no_group_sees_nothing():
    assert visible(with_role(UserFactory())) == set()


def test_can_access_follows_the_same_rule(daini, daisan):
    user = with_role(UserFactory(district=daini))
    assert can_access(user, daini, ROLE, "")
    assert not can_access(user, daisan, ROLE, "")


def test_superusers_see_everything():
    admin = UserFactory(superuser=True)
    assert str(scope_filter(admin)) == "(AND: )"
