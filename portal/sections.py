"""What pages show of the feature apps without importing them: sections and links.

`home/` must not import the feature apps (docs/architecture.md: dependencies run one
way), yet the home and district pages show their places, events and volunteering.
Each app registers, in its `wagtail_hooks.py`, functions for these Wagtail hooks;
pages call them at each render (portal/extension_points.py):

`portal_home_sections`, `portal_district_sections`, `portal_place_sections`
    `fn() -> Section`: a block of the home page, of each district page, of each
    place page (a place's next events). Drawn in `order`, then by name; a section's
    `get_context(page, request)` returning None leaves it out for that page (a
    district with no places yet shows no places box). A later registration of the
    same name replaces the section.
`portal_main_navigation`, `portal_footer_links`
    `fn() -> LinkSource`: links of the header navigation, of every page's footer.
    The sources in `order`, then by name; each gives its links for the request
    (none, when its page is not published yet).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from .extension_points import contributions
from .languages import current_language
from .page_cache import STRUCTURE, kept_until_purged

#: The names of the hooks this module reads.
DISTRICT_SECTIONS = "portal_district_sections"
HOME_SECTIONS = "portal_home_sections"
DISTRICT_INDEX_SECTIONS = "portal_district_index_sections"
PLACE_SECTIONS = "portal_place_sections"
MAIN_NAVIGATION = "portal_main_navigation"
FOOTER_LINKS = "portal_footer_links"


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


def sections(hook_name: str) -> list[Section]:
    """The sections registered for `hook_name`, in order (a later one replaces one of its name)."""
    return contributions(hook_name, key="name")


def sections_for(hook_name: str, page: Any, request: HttpRequest) -> list[RenderedSection]:
    """The sections of `hook_name` that have something to show on `page`, with their context."""
    rendered = []
    for section in sections(hook_name):
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


def links(hook_name: str, request: HttpRequest) -> list[Link]:
    """The links of every source registered for `hook_name`, the sources in order.

    The same on every page of a language, so they are kept in the cache until a page
    of the site's structure is published (the `structure` tag of `portal.page_cache`),
    which saves every page its navigation's and footer's queries."""
    return kept_until_purged(
        f"links:{hook_name}",
        [STRUCTURE],
        [current_language(), request.get_host()],
        lambda: [
            link
            for source in contributions(hook_name, key="name")
            for link in source.get_links(request)
        ],
    )
