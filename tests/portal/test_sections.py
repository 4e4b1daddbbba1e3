"""Sections and links: what the apps register for the portal's hooks (portal/sections.py)."""

from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import get_language
from wagtail import hooks

from portal.page_cache import purge
from portal.sections import Link, LinkSource, Section, links, sections, sections_for

HOOK = "portal_test_sections"


def test_sections_render_in_order_and_skip_those_with_nothing_to_show():
    registered = [
        ("events", lambda: Section("events", "e.html", lambda page, request: {"n": 2}, order=30)),
        ("hub", lambda: Section("hub", "h.html", lambda page, request: {"n": 1}, order=10)),
        ("empty", lambda: Section("empty", "x.html", lambda page, request: None, order=20)),
    ]
    with hooks.register_temporarily([(HOOK, fn) for _name, fn in registered]):
        rendered = sections_for(HOOK, object(), RequestFactory().get("/"))
    assert [s.name for s in rendered] == ["hub", "events"]
    assert rendered[1].context == {"n": 2}


def test_a_section_registered_again_under_its_name_replaces_it():
    with hooks.register_temporarily(
        [
            (HOOK, lambda: Section("hub", "old.html", lambda page, request: {})),
            (HOOK, lambda: Section("hub", "new.html", lambda page, request: {})),
        ]
    ):
        assert [s.template for s in sections(HOOK)] == ["new.html"]


def test_links_come_in_the_order_of_their_sources():
    with hooks.register_temporarily(
        [
            (HOOK, lambda: LinkSource("later", lambda request: [Link("B", "/b/")], order=20)),
            (HOOK, lambda: LinkSource("first", lambda request: [Link("A", "/a/")], order=10)),
        ]
    ):
        assert [link.label for link in links(HOOK, RequestFactory().get("/"))] == ["A", "B"]


def test_every_app_registers_its_district_section_in_order():
    assert [s.name for s in sections("portal_district_sections")] == [
        "hub",
        "windows",
        "places",
        "events",
        "volunteering",
        "support",
    ]


def counting_source(calls: list):
    def get_links(request):
        calls.append(get_language())
        return [Link("お知らせ", "/news/")]

    return lambda: LinkSource("counted", get_links)


def test_links_are_built_once_until_the_next_publish():
    calls = []
    request = RequestFactory().get("/")
    with hooks.register_temporarily([(HOOK, counting_source(calls))]):
        links(HOOK, request)
        links(HOOK, request)
        purge()
        links(HOOK, request)
    assert len(calls) == 2


def test_links_are_kept_for_each_language_apart():
    calls = []
    request = RequestFactory().get("/")
    with hooks.register_temporarily([(HOOK, counting_source(calls))]):
        links(HOOK, request)
        with translation.override("en"):
            links(HOOK, request)
    assert calls == ["ja", "en"]
