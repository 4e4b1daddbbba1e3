"""Staff sign in to the Wagtail admin and reach the dashboard."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_superuser_logs_in_and_reaches_dashboard(page, portal_server):
    page.goto("/admin/login/")

    page.locator("#id_username").fill(portal_server.admin_username)
    page.locator("#id_password").fill(portal_server.admin_password)
    page.locator("form button[type='submit']").click()

    expect(page).to_have_url(f"{portal_server.url}/admin/")
    # The dashboard's welcome panel names the signed-in user.
    welcome = page.locator("main").get_by_role("heading", name=portal_server.admin_username)
    expect(welcome).to_be_visible()
    expect(page.locator("#id_password")).to_have_count(0)
