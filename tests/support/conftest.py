import pytest
from django.core.cache import cache


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
