import pytest
from django.core.cache import cache

from .factories import agency_group, coordinators_group, make_user


@pytest.fixture(autouse=True)
def generous_rate_limit(settings):
    """Tests post the intake form many times: the limit has its own test."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "intake": "10000/h"}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    from home.models import HomePage

    return HomePage.objects.get(locale__language_code="ja")


@pytest.fixture
def intake_page(home):
    from support.pages import ensure_city_intake_page

    return ensure_city_intake_page(home)


@pytest.fixture
def english_intake_page(intake_page):
    from wagtail.models import Locale

    return intake_page.get_translation(Locale.objects.get(language_code="en"))


@pytest.fixture
def daini_staff(daini):
    return make_user("daini-hokenshi", daini.staff_group, email="daini-staff@example.jp")


@pytest.fixture
def daisan_staff(daisan):
    return make_user("daisan-hokenshi", daisan.staff_group, email="daisan-staff@example.jp")


@pytest.fixture
def coordinator(db):
    return make_user("fukushi-seisaku", coordinators_group(), email="coord@example.jp")


@pytest.fixture
def agency_user(db):
    return make_user("houkatsu-center", agency_group())
