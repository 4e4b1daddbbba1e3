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

    from portal import page_cache

    for cache in caches.all():
        cache.clear()
    page_cache.clock.known.clear()  # this process's copy of the purge times in the cache
    page_cache.generation.forget()  # and of the generation number


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
def page_cache_on(settings):
    """The whole-page cache, off in the test settings, on for one test."""
    from portal import page_cache

    settings.PAGE_CACHE_ENABLED = True
    page_cache.generation.forget()
    page_cache.clock.known.clear()
    yield
    page_cache.generation.forget()
    page_cache.clock.known.clear()


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


# --- People: one fixture per role, all made by tests.factories.UserFactory -------------


@pytest.fixture
def daini_staff(daini):
    """A member of 第二地区's staff group."""
    from tests.factories import UserFactory

    return UserFactory(district=daini)


@pytest.fixture
def daisan_staff(daisan):
    """A member of 第三地区's staff group."""
    from tests.factories import UserFactory

    return UserFactory(district=daisan)


@pytest.fixture
def coordinator(db):
    """A member of the coordinators' group (コーディネーター（福祉政策課）)."""
    from tests.factories import UserFactory

    return UserFactory(coordinator=True)


@pytest.fixture
def agency_user(db):
    """Staff of a related agency: admin access through their group, no case role."""
    from tests.factories import UserFactory

    return UserFactory(agency=True)


@pytest.fixture
def daini_staff_client(client, daini_staff):
    """The test client, logged in as `daini_staff`."""
    client.force_login(daini_staff)
    return client


class BrokenMailServer(Exception):
    """What a refusing mail server raises; its message carries an address and a
    name, as real SMTP errors do, so tests can check they reach no log."""


@pytest.fixture
def broken_mail(monkeypatch):
    """Every mail send fails; `broken_mail.undo()` mends the server."""

    def send(self, *args, **kwargs):
        raise BrokenMailServer("550 hanako@example.jp 松本 花子 unknown")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", send)
    return monkeypatch
