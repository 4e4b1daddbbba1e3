"""Registries that let pages show what feature apps provide without importing them.

`home/` must not import the feature apps (docs/architecture.md: dependencies run one way),
yet the home and district pages show their places, events and volunteering.
Each feature app registers its sections and links here in its
`AppConfig.ready()`; pages read the registries at render time, the way
Wagtail's own hooks work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class Section:
    """A block of a page, drawn by `template` from what `get_context` returns.

    `get_context(page, request)` returns the template's context, or None to
    leave the section out (a district with no places yet shows no places box).
    """

    name: str
    template: str
    get_context: Callable[[Any, HttpRequest], dict | None]
    order: int = 100


@dataclass(frozen=True)
class RenderedSection:
    name: str
    template: str
    context: dict


class SectionRegistry:
    """An ordered set of sections, keyed by name so that re-registering replaces."""

    def __init__(self) -> None:
        self._sections: dict[str, Section] = {}

    def register(self, section: Section) -> Section:
        self._sections[section.name] = section
        return section

    def unregister(self, name: str) -> None:
        self._sections.pop(name, None)

    def __iter__(self):
        return iter(sorted(self._sections.values(), key=lambda s: (s.order, s.name)))

    def __len__(self) -> int:
        return len(self._sections)

    def for_page(self, page: Any, request: HttpRequest) -> list[RenderedSection]:
        rendered = []
        for section in self:
            context = section.get_context(page, request)
            if context is not None:
                rendered.append(RenderedSection(section.name, section.template, context))
        return rendered


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class LinkSource:
    """A named provider of links for the header navigation or the footer."""

    name: str
    get_links: Callable[[HttpRequest], list[Link]]
    order: int = 100


class LinkRegistry:
    def __init__(self) -> None:
        self._sources: dict[str, LinkSource] = {}

    def register(self, source: LinkSource) -> LinkSource:
        self._sources[source.name] = source
        return source

    def links(self, request: HttpRequest) -> list[Link]:
        sources = sorted(self._sources.values(), key=lambda s: (s.order, s.name))
        return [link for source in sources for link in source.get_links(request)]


#: Sections of each district page (hub contact, places, events, volunteering, help).
district_sections = SectionRegistry()
#: Sections of the home page: the resident's questions, each answered by a feature app.
home_sections = SectionRegistry()
#: Sections of each place page (its next events, ...), drawn by
#: `{% include "portal/includes/sections.html" with registry="place" %}`.
place_sections = SectionRegistry()

#: Registries a template can draw by name (`portal/includes/sections.html`).
registries = {"district": district_sections, "home": home_sections, "place": place_sections}
#: Header navigation and footer links.
main_navigation = LinkRegistry()
footer_links = LinkRegistry()
