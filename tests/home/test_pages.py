import pytest
from django.conf import settings

from home.models import DistrictPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_district_page_shows_its_hub_name_address_and_phone(client, language):
    pages = DistrictPage.objects.filter(locale__language_code=language).live()
    assert pages.count() == 35
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert page.hub_name in html
        assert (page.hub_address or settings.MUNICIPALITY["phone"]) in html
        assert f'href="tel:{page.contact_phone}"' in html


def test_district_urls_are_the_same_slug_in_both_languages(client):
    assert client.get("/districts/daini/").status_code == 200
    assert client.get("/en/districts/daini/").status_code == 200


def test_hub_without_phone_shows_the_city_main_number(client):
    html = client.get("/districts/daini/").content.decode()
    assert 'href="tel:0263-34-3000"' in html
    assert "市役所の代表番号" in html


def test_hub_with_its_own_phone_shows_it(client):
    html = client.get("/districts/daisan/").content.decode()
    assert 'href="tel:0263-36-7040"' in html


def test_unverified_hub_is_marked_as_being_confirmed(client):
    assert "確認中" in client.get("/districts/daiichi/").content.decode()
    assert "Being confirmed" in client.get("/en/districts/daiichi/").content.decode()
    assert "確認中" not in client.get("/districts/daini/").content.decode()


def test_home_links_every_district(client):
    html = client.get("/").content.decode()
    for page in DistrictPage.objects.filter(locale__language_code="ja"):
        assert f'href="{page.url}"' in html


def test_home_is_japanese_and_english_home_is_english(client):
    ja = client.get("/").content.decode()
    en = client.get("/en/").content.decode()
    assert '<html lang="ja">' in ja and "お住まいの地区から探す" in ja
    assert '<html lang="en">' in en and "Find your district" in en
    assert 'href="/en/districts/daini/"' in en


def test_language_switcher_leads_to_the_same_district_in_english(client):
    html = client.get("/districts/daini/").content.decode()
    assert 'href="/en/districts/daini/" lang="en" hreflang="en"' in html


def test_district_index_lists_35_districts(client):
    html = client.get("/districts/").content.decode()
    assert "35 の地区があります。" in html


@pytest.mark.parametrize("path", ["/", "/en/", "/districts/daini/", "/en/districts/"])
def test_every_footer_links_both_policy_pages(client, path):
    html = client.get(path).content.decode()
    prefix = "/en" if path.startswith("/en/") else ""
    assert f'href="{prefix}/accessibility/"' in html
    assert f'href="{prefix}/privacy/"' in html


def test_accessibility_policy_names_the_standard_in_both_languages(client):
    assert "JIS X 8341-3:2016" in client.get("/accessibility/").content.decode()
    assert "level AA" in client.get("/en/accessibility/").content.decode()


def test_unknown_page_answers_404_in_the_page_language(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
