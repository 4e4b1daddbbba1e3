"""manage.py sync_site: the Wagtail Site follows PORTAL_BASE_URL and PORTAL_SITE_NAME."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Site

pytestmark = pytest.mark.django_db


def default_site() -> Site:
    return Site.objects.get(is_default_site=True)


def test_the_command_sets_the_sites_host_and_port(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.jp"
    call_command("sync_site", verbosity=0)
    assert (default_site().hostname, default_site().port) == ("portal.example.jp", 443)


def test_the_command_sets_the_sites_name(settings):
    settings.WAGTAIL_SITE_NAME = "松本市 参加支援ポータル"
    call_command("sync_site", verbosity=0)
    assert default_site().site_name == "松本市 参加支援ポータル"


def test_a_port_other_than_the_default_is_kept(settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    call_command("sync_site", verbosity=0)
    assert default_site().root_url == "http://127.0.0.1:8000"


def test_an_https_address_on_another_port_is_refused(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.jp:8443"
    with pytest.raises(CommandError, match="port 443"):
        call_command("sync_site", verbosity=0)


def test_a_database_without_a_site_is_told_to_load_the_districts_first():
    Site.objects.all().delete()
    with pytest.raises(CommandError, match="load_districts"):
        call_command("sync_site", verbosity=0)
