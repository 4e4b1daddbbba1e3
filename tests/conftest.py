"""Fixtures shared by the whole suite.

The municipality's districts are loaded once per test session (the loader is
what a city runs, so every test sees the real 35 districts); each test then
runs inside a transaction that is rolled back.
"""

import pytest
from django.conf import settings
from django.core.management import call_command

# The portal server and browser fixtures of tests/browser/ and tests/journeys/: one
# plugin, so both suites share one server (session-scoped fixtures are started lazily).
pytest_plugins = ["tests.browser.server"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_districts", settings.DISTRICTS_FILE, verbosity=0)


@pytest.fixture(autouse=True)
def empty_caches():
    """Caches outlive each test's rolled-back transaction: start every test with none."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the site's default language (Japanese), whatever the test before
    it activated: the request cycle and `translation.override` restore it, a bare
    `translation.activate` does not, and with pytest-xdist the test before is any test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def district_index(db):
    from home.models import DistrictIndexPage

    return DistrictIndexPage.objects.get(locale__language_code="ja")


@pytest.fixture
def daini(db):
    from home.models import DistrictPage

    return DistrictPage.objects.get(slug="daini", locale__language_code="ja")


@pytest.fixture
def daisan(db):
    from home.models import DistrictPage

    return DistrictPage.objects.get(slug="daisan", locale__language_code="ja")


@pytest.fixture
def daini_staff_client(client, daini):
    """The test client, logged in as `daini-staff` of 第二地区's staff group."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username="daini-staff", password="x")
    user.groups.add(daini.staff_group)
    client.force_login(user)
    return client
