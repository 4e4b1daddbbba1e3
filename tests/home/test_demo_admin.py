"""`manage.py create_demo_admin`: the laptop demo's administrator, whatever DEBUG says."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_the_demo_gets_its_administrator_with_debug_off(settings):
    settings.DEMO_SITE, settings.DEBUG = True, False

    call_command("create_demo_admin", stdout=io.StringIO())

    assert get_user_model().objects.get(username="admin").is_superuser


def test_other_settings_refuse_to_make_a_demo_administrator(settings):
    settings.DEMO_SITE = False

    with pytest.raises(CommandError, match="laptop demo only"):
        call_command("create_demo_admin")
