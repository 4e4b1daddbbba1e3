from django.test import RequestFactory

from portal.sections import Section, SectionRegistry


def test_sections_render_in_order_and_skip_those_with_nothing_to_show():
    registry = SectionRegistry()
    registry.register(Section("events", "e.html", lambda page, request: {"n": 2}, order=30))
    registry.register(Section("hub", "h.html", lambda page, request: {"n": 1}, order=10))
    registry.register(Section("empty", "x.html", lambda page, request: None, order=20))
    rendered = registry.for_page(object(), RequestFactory().get("/"))
    assert [s.name for s in rendered] == ["hub", "events"]
    assert rendered[1].context == {"n": 2}


def test_registering_a_section_again_replaces_it():
    registry = SectionRegistry()
    registry.register(Section("hub", "old.html", lambda page, request: {}))
    registry.register(Section("hub", "new.html", lambda page, request: {}))
    assert [s.template for s in registry] == ["new.html"]
