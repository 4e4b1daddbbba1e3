"""The demo loader, the "Ask for help" links and the roles of the staff groups."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from home.permissions import COORDINATORS_GROUP
from support.demo import DEMO_NOTE, load_demo_support
from support.models import SupportCase

pytestmark = pytest.mark.django_db


def test_the_demo_loads_thirty_fictional_cases(intake_page):
    list(load_demo_support())
    cases = SupportCase.objects.filter(is_demo=True)
    assert cases.count() == 30
    assert all(case.name.startswith("架空") for case in cases)
    assert all(DEMO_NOTE in case.request_text for case in cases)
    assert len(set(cases.values_list("status", flat=True))) == 7
    assert cases.values("district").distinct().count() > 10


def test_loading_the_demo_again_adds_nothing(intake_page):
    list(load_demo_support())
    list(load_demo_support())
    assert SupportCase.objects.filter(is_demo=True).count() == 30


def test_the_demo_creates_the_intake_page_in_both_languages(client, home):
    list(load_demo_support())
    assert client.get("/support/").status_code == 200
    assert client.get("/en/support/").status_code == 200


def test_every_district_page_links_to_the_intake(client, intake_page):
    html = client.get("/districts/daisan/").content.decode()
    assert 'href="/support/?district=daisan"' in html


def test_english_district_pages_link_to_the_english_intake(client, english_intake_page):
    html = client.get("/en/districts/daisan/").content.decode()
    assert 'href="/en/support/?district=daisan"' in html


def test_the_home_page_has_an_ask_for_help_section_and_link(client, intake_page):
    html = client.get("/").content.decode()
    assert 'id="home-support-heading"' in html
    assert html.count('href="/support/"') >= 2  # the navigation and the section


def test_without_an_intake_page_there_is_no_link(client):
    assert "/support/" not in client.get("/districts/daini/").content.decode()


def test_public_intake_pages_carry_no_inline_script_or_style(client, intake_page, daini):
    from .factories import intake_data

    for html in (
        client.get("/support/").content.decode(),
        client.post("/support/", intake_data(daini)).content.decode(),
        client.post("/support/", intake_data(daini, name="")).content.decode(),
    ):
        assert "<script" not in html and "<style" not in html and " style=" not in html


def test_district_staff_groups_have_the_case_roles(daini):
    codenames = set(daini.staff_group.permissions.values_list("codename", flat=True))
    assert {"view_supportcase", "add_supportcase", "change_supportcase"} <= codenames
    assert "coordinate_supportcase" not in codenames


def test_coordinators_have_the_coordination_role():
    group = Group.objects.get(name=COORDINATORS_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"coordinate_supportcase", "view_auditentry", "view_supportcase"} <= codenames


def test_the_grant_command_restores_the_roles(daini):
    role = Permission.objects.get(codename="view_supportcase")
    daini.staff_group.permissions.remove(role)
    call_command("grant_support_permissions", verbosity=0)
    assert daini.staff_group.permissions.filter(pk=role.pk).exists()


def test_coordinators_can_edit_the_city_wide_intake_page(client, intake_page, coordinator):
    client.force_login(coordinator)
    assert client.get(f"/admin/pages/{intake_page.pk}/edit/").status_code == 200


def test_district_staff_cannot_edit_the_city_wide_intake_page(client, intake_page, daini_staff):
    client.force_login(daini_staff)
    # Wagtail answers a refused admin view with a redirect to the dashboard (and a message).
    response = client.get(f"/admin/pages/{intake_page.pk}/edit/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
