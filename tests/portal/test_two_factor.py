"""Two-factor login for coordinators and everyone who can read cases."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail import hooks

from portal.two_factor import needs_two_factor
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def test_case_readers_and_superusers_need_two_factor_but_agency_staff_do_not(db, daini):
    assert needs_two_factor(UserFactory(coordinator=True))
    assert needs_two_factor(UserFactory(district=daini))
    assert needs_two_factor(UserFactory(superuser=True))
    assert not needs_two_factor(UserFactory(agency=True))


def test_an_app_can_require_two_factor_for_its_users_through_the_hook(db):
    user = UserFactory(agency=True)
    with hooks.register_temporarily("portal_two_factor_required", lambda user: True):
        assert needs_two_factor(user)


def test_without_a_device_the_admin_sends_a_case_reader_to_setup(client, coordinator):
    client.force_login(coordinator)

    response = client.get("/admin/support/cases/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/setup/")


def test_setup_shows_a_qr_code_and_confirms_the_device_with_a_code(client, coordinator):
    client.force_login(coordinator)
    page = client.get("/admin/two-factor/setup/?next=/admin/support/cases/")
    assert "data:image/svg+xml" in page.content.decode()
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)

    response = client.post(
        "/admin/two-factor/setup/", {"code": current_code(device), "next": "/admin/support/cases/"}
    )

    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    codes = StaticDevice.objects.get(user=coordinator).token_set.values_list("token", flat=True)
    assert len(codes) == 10
    assert all(code in response.content.decode() for code in codes)
    assert client.get("/admin/support/cases/").status_code == 200


def test_a_wrong_setup_code_keeps_the_device_unconfirmed_and_says_so(client, coordinator):
    client.force_login(coordinator)
    client.get("/admin/two-factor/setup/")

    response = client.post("/admin/two-factor/setup/", {"code": "000000x"})

    assert "正しくありません" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()


def test_with_a_device_the_admin_asks_for_the_code_once_per_session(client, coordinator):
    device = confirmed_device(coordinator)
    client.force_login(coordinator)
    assert client.get("/admin/").headers["Location"].startswith("/admin/two-factor/verify/")

    response = client.post(
        "/admin/two-factor/verify/", {"code": current_code(device), "next": "/admin/support/cases/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/support/cases/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_does_not_open_the_admin(client, coordinator):
    confirmed_device(coordinator)
    client.force_login(coordinator)

    response = client.post("/admin/two-factor/verify/", {"code": "123456"})

    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_verify_never_redirects_to_another_site(client, coordinator):
    device = confirmed_device(coordinator)
    client.force_login(coordinator)

    response = client.post(
        "/admin/two-factor/verify/",
        {"code": current_code(device), "next": "https://evil.example/"},
    )

    assert response["Location"] == "/admin/"


def test_without_the_setting_nobody_is_asked(client, coordinator, settings):
    settings.TWO_FACTOR_REQUIRED = False
    client.force_login(coordinator)

    assert client.get("/admin/").status_code == 200


def test_the_page_asked_for_is_kept_whole_through_the_code_page(client, coordinator):
    device = confirmed_device(coordinator)
    client.force_login(coordinator)
    asked = "/admin/support/cases/?status=received&district=daini"

    code_page = client.get(asked)["Location"]
    response = client.post(code_page, {"code": current_code(device)})

    assert response["Location"] == asked


def test_a_user_admin_resets_a_lost_phone_and_the_next_login_sets_up_again(client, coordinator):
    confirmed_device(coordinator)
    admin = UserFactory(superuser=True)
    client.force_login(admin)
    session = client.session
    session["otp_device_id"] = confirmed_device(admin).persistent_id
    session.save()

    response = client.post(f"/admin/two-factor/reset/{coordinator.pk}/")

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    client.force_login(coordinator)
    assert client.get("/admin/").headers["Location"].startswith("/admin/two-factor/setup/")


def test_the_user_list_offers_the_reset_only_for_users_with_a_device(client, coordinator, settings):
    settings.TWO_FACTOR_REQUIRED = False  # the admin's own second step is not what is tested
    confirmed_device(coordinator)
    UserFactory()  # no device
    client.force_login(UserFactory(superuser=True))
    TWO_FACTOR = "/admin/two-factor/reset/"

    html = client.get("/admin/users/").content.decode()

    assert f"{TWO_FACTOR}{coordinator.pk}/" in html
    assert html.count(TWO_FACTOR) == 1


def test_staff_who_cannot_edit_users_cannot_reset(client, coordinator, daini_staff, settings):
    settings.TWO_FACTOR_REQUIRED = False
    confirmed_device(coordinator)
    client.force_login(daini_staff)

    response = client.post(f"/admin/two-factor/reset/{coordinator.pk}/")

    # Wagtail answers a refused admin view with its dashboard and a message.
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert TOTPDevice.objects.filter(user=coordinator).exists()
