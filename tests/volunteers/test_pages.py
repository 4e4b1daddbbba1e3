"""Public pages of volunteering: the list, the opportunity page, the district section."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from home.models import DistrictPage
from portal.signups import sign_up
from volunteers.models import VolunteerOpportunityPage

from .conftest import publish_opportunity

pytestmark = pytest.mark.django_db


def html_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/volunteer/",
        "/en/volunteer/",
        "/districts/daini/salon-helper/",
        "/en/districts/daini/salon-helper/",
        "/volunteer/{id}/signup/",
        "/en/volunteer/{id}/signup/",
    ],
)
def test_public_pages_answer_in_both_languages(client, opportunity, url):
    html = html_of(client, url.format(id=opportunity.pk))
    assert f'<html lang="{"en" if url.startswith("/en/") else "ja"}">' in html


@pytest.mark.parametrize(
    "url",
    ["/volunteer/", "/districts/daini/salon-helper/", "/volunteer/{id}/signup/"],
)
def test_public_pages_carry_no_inline_script_or_style(client, opportunity, url):
    html = html_of(client, url.format(id=opportunity.pk))
    assert "<script" not in html and "<style" not in html and " style=" not in html


def test_the_opportunity_page_shows_its_shift_places_and_contact(client, opportunity, shift):
    html = html_of(client, opportunity.url)
    assert "受付・お茶出し・片付け" in html
    assert "残り3名" in html
    assert 'href="tel:0263-00-0000"' in html
    assert f'href="/volunteer/{opportunity.pk}/signup/"' in html


def test_the_english_page_is_translated_and_shows_the_same_shift(client, opportunity, shift):
    sign_up(shift, name="松本 花子", email="hanako@example.jp")
    html = html_of(client, "/en/districts/daini/salon-helper/")
    assert "Helping at the community salon" in html
    assert "2 places left" in html


def test_the_opportunity_page_sets_no_cookie(client, opportunity):
    assert not client.get(opportunity.url).cookies


def test_a_full_shift_offers_the_waiting_list(client, daini):
    page = publish_opportunity(daini, slug="full", shifts=((5, 1),))
    sign_up(page.shifts.get(), name="松本 花子", email="hanako@example.jp")
    assert "満員" in html_of(client, page.url)


def test_the_list_shows_open_opportunities_of_every_district(client, daini, daisan):
    publish_opportunity(daini, title="こどもプラザの読み聞かせ", slug="story-time")
    publish_opportunity(daisan, title="送迎ボランティア", slug="driving")
    html = html_of(client, "/volunteer/")
    assert "こどもプラザの読み聞かせ" in html and "送迎ボランティア" in html
    assert "第二地区" in html and "第三地区" in html


def test_the_list_leaves_out_opportunities_with_only_past_shifts(client, daini):
    publish_opportunity(daini, title="終わった活動", slug="over", shifts=((-3, 5),))
    assert "終わった活動" not in html_of(client, "/volunteer/")


def test_the_list_filters_by_district(client, daini, daisan):
    publish_opportunity(daini, title="こどもプラザの読み聞かせ", slug="story-time")
    publish_opportunity(daisan, title="送迎ボランティア", slug="driving")
    html = html_of(client, "/volunteer/?district=daisan")
    assert "送迎ボランティア" in html and "こどもプラザの読み聞かせ" not in html


def test_the_list_filters_by_date_range(client, daini):
    publish_opportunity(daini, title="来週の活動", slug="next-week", shifts=((7, 3),))
    publish_opportunity(daini, title="来月の活動", slug="next-month", shifts=((40, 3),))
    from tests.volunteers.factories import days_ahead

    start = days_ahead(30).date().isoformat()
    end = days_ahead(50).date().isoformat()
    html = html_of(client, f"/volunteer/?date_from={start}&date_to={end}")
    assert "来月の活動" in html and "来週の活動" not in html


def test_the_list_filters_by_keyword_inside_japanese_words(client, daini):
    publish_opportunity(daini, title="こどもプラザの読み聞かせ", slug="story-time")
    publish_opportunity(daini, title="送迎ボランティア", slug="driving")
    html = html_of(client, "/volunteer/?q=読み聞かせ")
    assert "こどもプラザの読み聞かせ" in html and "送迎ボランティア" not in html


def test_the_english_list_finds_english_keywords(client, daini):
    publish_opportunity(daini, title="ふれあいサロンのお手伝い", slug="salon")
    html = html_of(client, "/en/volunteer/?q=community+salon")
    assert "Helping at the community salon" in html


def test_an_invalid_filter_date_is_reported_beside_the_field(client, opportunity):
    html = html_of(client, "/volunteer/?date_from=yesterday")
    assert 'id="id_date_from_error"' in html
    assert "ふれあいサロンのお手伝い" in html  # the other conditions still apply


def test_the_main_navigation_links_the_volunteer_list(client, opportunity):
    assert 'href="/volunteer/"' in html_of(client, "/")
    assert 'href="/en/volunteer/"' in html_of(client, "/en/")


def test_the_language_switcher_of_the_list_leads_to_the_english_list(client):
    assert 'href="/en/volunteer/" lang="en"' in html_of(client, "/volunteer/")


def test_the_language_switcher_of_the_sign_up_form_keeps_the_form(client, opportunity):
    html = html_of(client, f"/volunteer/{opportunity.pk}/signup/")
    assert f'href="/en/volunteer/{opportunity.pk}/signup/" lang="en"' in html


def test_the_english_sign_up_form_shows_the_english_page(client, opportunity):
    html = html_of(client, f"/en/volunteer/{opportunity.pk}/signup/")
    assert "Helping at the community salon" in html


def test_the_sign_up_forms_old_address_redirects_to_the_form_for_good(client, opportunity):
    response = client.get("/districts/daini/salon-helper/signup/")
    assert (response.status_code, response["Location"]) == (
        301,
        f"/volunteer/{opportunity.pk}/signup/",
    )


def test_the_sign_up_form_of_an_unpublished_opportunity_is_not_found(client, opportunity):
    opportunity.unpublish()
    assert client.get(f"/volunteer/{opportunity.pk}/signup/").status_code == 404


def test_the_sign_up_form_of_a_private_opportunity_is_not_found(client, opportunity):
    PageViewRestriction.objects.create(
        page=opportunity, restriction_type=PageViewRestriction.PASSWORD, password="合言葉"
    )
    assert client.get(f"/volunteer/{opportunity.pk}/signup/").status_code == 404


def test_another_page_type_has_no_sign_up_form(client, daini):
    assert client.get(f"/volunteer/{daini.pk}/signup/").status_code == 404


def test_the_district_page_lists_its_opportunities(client, opportunity):
    html = html_of(client, "/districts/daini/")
    assert 'href="/districts/daini/salon-helper/"' in html
    assert 'href="/volunteer/?district=daini"' in html


def test_a_district_without_opportunities_shows_no_volunteering_section(client):
    assert 'id="volunteering-heading"' not in html_of(client, "/districts/daisan/")


def test_the_home_page_points_to_volunteering(client):
    assert 'id="home-volunteering-heading"' in html_of(client, "/")


def test_opportunities_may_only_be_created_under_a_district():
    assert VolunteerOpportunityPage.parent_page_types == ["home.DistrictPage"]
    assert VolunteerOpportunityPage.can_create_at(DistrictPage.objects.first())


def count_list_queries(client, url="/volunteer/") -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/volunteer/", "/en/volunteer/"])
def test_the_list_costs_the_same_queries_for_2_and_12_opportunities(client, url):
    districts = list(DistrictPage.objects.filter(locale__language_code="ja").order_by("path"))
    for n in range(2):
        publish_opportunity(districts[n], slug=f"op-{n}", shifts=((5, 2), (12, 2), (19, 2)))
    client.get(url)  # warm caches (site root paths)
    small = count_list_queries(client, url)
    for n in range(2, 12):
        publish_opportunity(districts[n], slug=f"op-{n}", shifts=((5, 2), (12, 2), (19, 2)))
    client.get(url)  # publishing emptied the cached navigation: warm it again
    assert count_list_queries(client, url) == small
    assert len(re.findall(r'class="opportunity-card"', client.get(url).content.decode())) == 12


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("purpose", ["thanks", "cancel"])
def test_the_confirmation_and_cancel_pages_answer_in_both_languages(client, shift, prefix, purpose):
    from portal.signups import link_token

    signup = sign_up(shift, name="松本 花子", email="hanako@example.jp").signup
    html = html_of(client, f"{prefix}/volunteer/{purpose}/{link_token(signup, purpose)}/")
    assert f'<html lang="{"en" if prefix else "ja"}">' in html
    assert "<script" not in html and " style=" not in html
