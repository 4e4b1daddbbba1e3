"""The staff roster: a district's own staff only, through portal.district_access."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from home.permissions import COORDINATORS_GROUP
from portal.signups import SignupStatus, sign_up
from tests.factories import UserFactory

from .conftest import publish_opportunity

pytestmark = pytest.mark.django_db
ROSTER = "/admin/volunteers/roster/"


@pytest.fixture
def daini_shift(daini):
    """第二地区's shift with one place: 松本 花子 confirmed, 中町 一郎 waiting."""
    shift = publish_opportunity(daini, shifts=((3, 1),)).shifts.get()
    sign_up(shift, name="松本 花子", furigana="まつもと はなこ", email="hanako@example.jp")
    sign_up(shift, name="中町 一郎", phone="0263-00-1234", note='=HYPERLINK("x")')
    return shift


def signed_in(client, user):
    client.force_login(user)
    return client


def test_district_staff_groups_and_coordinators_have_the_roster_role(daini):
    assert daini.staff_group.permissions.filter(codename="view_shiftsignup").exists()
    coordinators = Group.objects.get(name=COORDINATORS_GROUP)
    assert coordinators.permissions.filter(codename="change_shiftsignup").exists()


def test_district_staff_see_their_shift_in_the_list(client, daini_staff, daini_shift):
    html = signed_in(client, daini_staff).get(ROSTER).content.decode()
    assert f'href="{ROSTER}{daini_shift.pk}/"' in html


def test_the_admin_menu_shows_the_roster_to_district_staff(client, daini_staff):
    assert ROSTER in signed_in(client, daini_staff).get("/admin/").content.decode()


def test_another_districts_staff_do_not_see_the_shift_in_the_list(
    client, daisan_staff, daini_shift
):
    html = signed_in(client, daisan_staff).get(ROSTER).content.decode()
    assert f'href="{ROSTER}{daini_shift.pk}/"' not in html


def test_another_districts_staff_cannot_filter_the_list_by_that_district(
    client, daisan_staff, daini, daini_shift
):
    assert signed_in(client, daisan_staff).get(f"{ROSTER}?district={daini.pk}").status_code == 404


@pytest.mark.parametrize("suffix", ["", "export/"])
def test_another_districts_staff_get_404_for_the_roster(client, daisan_staff, daini_shift, suffix):
    response = signed_in(client, daisan_staff).get(f"{ROSTER}{daini_shift.pk}/{suffix}")
    assert response.status_code == 404
    assert "松本" not in response.content.decode()


def test_another_districts_staff_cannot_record_attendance(client, daisan_staff, daini_shift):
    signup = daini_shift.signups.get(status=SignupStatus.CONFIRMED)
    response = signed_in(client, daisan_staff).post(
        f"{ROSTER}{daini_shift.pk}/", {f"s{signup.pk}-attended": "no", f"s{signup.pk}-hours": "9"}
    )
    assert response.status_code == 404
    signup.refresh_from_db()
    assert signup.attended is None and signup.hours is None


def test_another_districts_staff_cannot_cancel(client, daisan_staff, daini_shift):
    signup = daini_shift.signups.get(status=SignupStatus.CONFIRMED)
    response = signed_in(client, daisan_staff).post(f"{ROSTER}signup/{signup.pk}/cancel/")
    assert response.status_code == 404
    signup.refresh_from_db()
    assert signup.status == SignupStatus.CONFIRMED
    assert not mail.outbox


@pytest.mark.parametrize("suffix", ["", "{shift}/", "{shift}/export/"])
def test_admin_users_without_the_roster_role_are_turned_away(client, daini_shift, suffix):
    user = UserFactory(admin_access=True)
    response = signed_in(client, user).get(ROSTER + suffix.format(shift=daini_shift.pk))
    # Wagtail answers PermissionDenied in its admin with a redirect to the dashboard.
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_coordinators_see_every_district(client, daini_shift, daisan, coordinator):
    daisan_shift = publish_opportunity(daisan, slug="driving").shifts.get()
    signed_in(client, coordinator)
    assert client.get(f"{ROSTER}{daini_shift.pk}/").status_code == 200
    assert client.get(f"{ROSTER}{daisan_shift.pk}/export/").status_code == 200


def test_the_roster_shows_confirmed_and_waiting_people(client, daini_staff, daini_shift):
    html = signed_in(client, daini_staff).get(f"{ROSTER}{daini_shift.pk}/").content.decode()
    confirmed, waiting = html.split('id="waiting-heading"', 1)
    assert "松本 花子" in confirmed and "松本 花子" not in waiting
    assert "中町 一郎" in waiting and "0263-00-1234" in waiting


def test_staff_record_attendance_and_hours(client, daini_staff, daini_shift):
    signup = daini_shift.signups.get(status=SignupStatus.CONFIRMED)
    response = signed_in(client, daini_staff).post(
        f"{ROSTER}{daini_shift.pk}/",
        {f"s{signup.pk}-attended": "yes", f"s{signup.pk}-hours": "1.5"},
    )
    assert response.status_code == 302
    signup.refresh_from_db()
    assert signup.attended is True and str(signup.hours) == "1.5"


def test_staff_cancel_on_someones_behalf_and_the_next_is_promoted_and_told(
    client, daini_staff, daini_shift, django_capture_on_commit_callbacks
):
    signup = daini_shift.signups.get(status=SignupStatus.CONFIRMED)
    signed_in(client, daini_staff)
    assert client.get(f"{ROSTER}signup/{signup.pk}/cancel/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{ROSTER}signup/{signup.pk}/cancel/")
    assert response.status_code == 302
    signup.refresh_from_db()
    assert signup.status == SignupStatus.CANCELLED and signup.cancelled_by == "staff"
    assert daini_shift.signups.get(status=SignupStatus.CONFIRMED).name == "中町 一郎"
    assert [m.to for m in mail.outbox] == [["hanako@example.jp"]]  # 中町 gave only a phone


def test_the_csv_export_opens_in_japanese_excel(client, daini_staff, daini_shift):
    response = signed_in(client, daini_staff).get(f"{ROSTER}{daini_shift.pk}/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    content = response.content
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][4] == "名前"
    assert rows[1][4] == "松本 花子" and rows[1][2] == "確定"
    assert rows[2][4] == "中町 一郎" and rows[2][3] == "1"


def test_the_csv_export_never_starts_a_cell_with_a_formula(client, daini_staff, daini_shift):
    response = signed_in(client, daini_staff).get(f"{ROSTER}{daini_shift.pk}/export/")
    assert "'=HYPERLINK" in response.content.decode("utf-8-sig")


def test_exports_and_changes_are_audited_without_names(client, daini_staff, daini_shift):
    from wagtail.models import ModelLogEntry

    signed_in(client, daini_staff).get(f"{ROSTER}{daini_shift.pk}/export/")
    entry = ModelLogEntry.objects.get(action="volunteers.roster.export")
    assert entry.user_id == daini_staff.pk
    assert "松本" not in entry.label


def test_signed_out_visitors_are_sent_to_the_login(client, daini_shift):
    response = client.get(f"{ROSTER}{daini_shift.pk}/export/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_group_given_a_page_outside_the_districts_gets_no_roster_role(daini):
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupPagePermission, Page

    group = Group.objects.create(name="お知らせ担当")
    GroupPagePermission.objects.create(
        group=group,
        page=Page.objects.get(depth=2, locale__language_code="ja"),
        permission=Permission.objects.get(codename="change_page"),
    )
    assert not group.permissions.filter(codename="view_shiftsignup").exists()
