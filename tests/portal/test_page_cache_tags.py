"""Purging by tag: a publish empties only what shows the page (portal/page_cache.py)."""

import time

import pytest
from django.test import override_settings

from portal import page_cache
from tests.events.factories import EventPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def cached(client, path: str) -> bool:
    return client.get(path)["X-Page-Cache"] == "hit"


@pytest.fixture
def two_districts(daini, daisan, make_place):
    """A place in each of 第二 and 第三, every page of both read once (so stored)."""
    places = {"daini": make_place(daini, slug="daini-salon"), "daisan": make_place(daisan)}
    return places


def paths_of(places) -> list[str]:
    return ["/", "/places/", "/districts/daini/", "/districts/daisan/"] + [
        place.url for place in places.values()
    ]


def test_publishing_a_place_leaves_every_page_of_other_districts_cached(
    client, two_districts, make_place, daini
):
    for path in paths_of(two_districts):
        client.get(path)
    make_place(daini, slug="new-salon")
    assert [cached(client, "/districts/daisan/"), cached(client, two_districts["daisan"].url)] == [
        True,
        True,
    ]


def test_publishing_a_place_renews_its_district_and_the_place_list(
    client, two_districts, make_place, daini
):
    for path in paths_of(two_districts):
        client.get(path)
    make_place(daini, slug="new-salon")
    assert [cached(client, "/districts/daini/"), cached(client, "/places/")] == [False, False]


def test_publishing_a_place_leaves_the_home_page_cached(client, two_districts, make_place, daini):
    client.get("/")
    make_place(daini, slug="new-salon")
    assert cached(client, "/")


def test_a_page_that_names_no_tag_goes_with_any_publish(client, two_districts, make_place, daisan):
    client.get("/sitemap.xml")
    make_place(daisan, slug="another-salon")
    assert not cached(client, "/sitemap.xml")


def test_publishing_an_event_renews_its_venues_page(client, two_districts, daini):
    venue = two_districts["daini"]
    client.get(venue.url)
    event = EventPageFactory(parent=daini, district=daini, venue=venue)
    event.save_revision().publish()
    assert not cached(client, venue.url)


def test_a_policy_page_published_renews_every_page_for_the_footer(client, two_districts):
    from home.models import StandardPage

    client.get("/districts/daisan/")
    StandardPage.objects.live().first().save_revision().publish()
    assert not cached(client, "/districts/daisan/")


def test_a_publish_during_a_rendering_leaves_that_rendering_stale():
    rendering_began = time.time()
    page_cache.clock.purge({"places"})
    assert not page_cache._fresh((rendering_began, frozenset({"places"}), None))


def test_a_tag_with_no_time_stored_counts_as_purged_now():
    built = time.time() - 1
    assert not page_cache._fresh((built, frozenset({"never-seen"}), None))


@override_settings(PAGE_CACHE_GENERATION_SECONDS=3600)
def test_a_purge_on_another_node_is_seen_once_this_node_reads_the_times_again():
    this_node, other_node = page_cache.PurgeClock(), page_cache.PurgeClock()
    this_node.started({"events"}, at=time.time())
    before = this_node.purged_at({"events"})["events"]
    other_node.purge({"events"})
    trusted = this_node.purged_at({"events"})["events"]
    this_node.known.clear()  # its trust has run out
    assert (trusted, this_node.purged_at({"events"})["events"] > before) == (before, True)


@override_settings(PAGE_CACHE_GENERATION_SECONDS=3600)
def test_a_tag_time_lost_from_the_shared_cache_is_stored_again():
    from django.core.cache import cache

    first = page_cache.clock.version("structure")
    cache.clear()  # evicted, or Redis restarted
    page_cache.clock.known["structure"] = (first, float("-inf"))  # this node's trust ran out
    again = page_cache.clock.version("structure")
    assert page_cache.clock.version("structure") == again > first


def test_a_page_that_first_gives_a_tag_its_time_is_kept(client, daini):
    # /places/ reads the "districts" tag's time for its filter's districts while it
    # renders; a time set to "now" then would make the page stale as it is stored.
    page_cache.clock.known.clear()
    client.get("/places/")
    assert cached(client, "/places/")


def test_a_page_made_private_is_no_longer_served_from_the_cache(client, make_place):
    from wagtail.models import PageViewRestriction

    place = make_place(title="本庄ふれあいサロン")
    client.get(place.url)
    PageViewRestriction.objects.create(
        page=place, restriction_type=PageViewRestriction.PASSWORD, password="合言葉"
    )
    assert "本庄ふれあいサロン</h1>" not in client.get(place.url).content.decode()


def test_saving_the_site_purges_everything(daini):
    from wagtail.models import Site

    before = page_cache.GENERATION.current()
    Site.objects.get(is_default_site=True).save()
    assert page_cache.GENERATION.current() != before
