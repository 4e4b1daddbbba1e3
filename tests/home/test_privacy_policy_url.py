"""`StandardPage.privacy_policy_url`: the one link consent texts give to the privacy policy."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from home.models import HomePage, StandardPage
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_():
    return RequestFactory().get("/")


@pytest.fixture
def renamed_policy():
    """The city's own privacy page under another address, the loader's one withdrawn."""
    for page in StandardPage.objects.filter(footer_role=StandardPage.FOOTER_PRIVACY):
        page.unpublish()
    home = HomePage.objects.get(locale__language_code="ja")
    return StandardPageFactory(
        parent=home,
        title="個人情報の取扱い",
        slug="kojin-joho",
        footer_role=StandardPage.FOOTER_PRIVACY,
    )


def test_the_link_is_the_live_policy_page(renamed_policy, request_):
    assert StandardPage.privacy_policy_url(request_) == "/kojin-joho/"


def test_english_readers_get_the_english_policy_page(request_):
    with translation.override("en"):
        assert StandardPage.privacy_policy_url(request_) == "/en/privacy/"


def test_without_a_live_policy_the_link_is_the_loaders_address(request_):
    for page in StandardPage.objects.filter(footer_role=StandardPage.FOOTER_PRIVACY):
        page.unpublish()
    assert StandardPage.privacy_policy_url(request_) == "/privacy/"
