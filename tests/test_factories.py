"""UserFactory's roles are the project's groups, and each gives what its name says."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from home.permissions import COORDINATORS_GROUP
from tests.factories import AGENCY_GROUP, PASSWORD, UserFactory
from tests.home.factories import DistrictPageFactory

pytestmark = pytest.mark.django_db


def test_an_account_without_a_role_has_no_group_and_no_admin_access():
    user = UserFactory()
    assert not user.groups.exists() and not user.has_perm("wagtailadmin.access_admin")
    assert user.email == f"{user.username}@example.jp" and user.last_name


def test_usernames_are_unique():
    assert UserFactory().username != UserFactory().username


def test_district_staff_are_in_the_districts_own_group(daini, daisan):
    user = UserFactory(district=daini)
    assert list(user.groups.all()) == [daini.staff_group]
    assert daini.permissions_for_user(user).can_publish()
    assert not daisan.permissions_for_user(user).can_edit()
    assert user.has_perm("support.view_supportcase")


def test_staff_of_a_district_a_test_made_get_a_group_as_the_loader_gives_it(daini):
    district = DistrictPageFactory(parent=daini.get_parent(), slug="heiwa", title="平和地区")
    user = UserFactory(district=district)
    district.refresh_from_db()
    assert list(user.groups.all()) == [district.staff_group]
    assert district.permissions_for_user(user).can_publish()
    assert not daini.permissions_for_user(user).can_edit()
    assert user.has_perm("support.change_supportcase")


def test_coordinators_are_in_the_coordinators_group(daisan):
    user = UserFactory(coordinator=True)
    assert list(user.groups.values_list("name", flat=True)) == [COORDINATORS_GROUP]
    assert daisan.permissions_for_user(user).can_publish()
    assert user.has_perm("support.coordinate_supportcase")


def test_agency_staff_have_admin_access_through_their_group_and_no_role():
    user = UserFactory(agency=True)
    assert list(user.groups.values_list("name", flat=True)) == [AGENCY_GROUP]
    assert user.get_all_permissions() == {"wagtailadmin.access_admin"}


def test_admin_access_only_is_the_one_permission_and_no_group():
    user = UserFactory(admin_access=True)
    assert not user.groups.exists()
    assert user.get_all_permissions() == {"wagtailadmin.access_admin"}


def test_a_superuser():
    assert UserFactory(superuser=True).is_superuser


def test_any_other_group():
    group = Group.objects.create(name="見学者")
    assert list(UserFactory(groups=[group]).groups.all()) == [group]


def test_the_password_logs_in_through_the_form():
    user = UserFactory(admin_access=True)
    client = Client()
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
