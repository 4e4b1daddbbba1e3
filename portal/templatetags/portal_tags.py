"""Template tags every page uses: language switcher, navigation, footer, dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from portal import punctuation, sections
from portal.dates import format_date, format_datetime, format_hours, format_time_range
from portal.page_cache import STRUCTURE, kept_until_purged, page_tag, tags_version
from portal.script_data import dumps_for_script

from ..languages import current_language

register = template.Library()


def translation_urls(request, page: Page) -> dict[str, str]:
    """The page's URL in each language it is live in, itself included, by language code.

    Asked by the language switcher and the hreflang links of every page: kept until
    the page is published or unpublished in any language (its tag is shared by its
    translations) or the structure changes."""

    def find() -> dict[str, str]:
        translations = page.get_translations(inclusive=True).live().select_related("locale")
        urls = {t.locale.language_code: t.get_url(request) for t in translations}
        return {code: url for code, url in urls.items() if url}

    return kept_until_purged(
        "translation-urls",
        [STRUCTURE, page_tag(page)],
        [page.pk, request.get_host()],
        find,
    )


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str


@register.simple_tag(takes_context=True)
def ancestor_crumbs(context, page: Page) -> list[Crumb]:
    """The page's ancestors below the tree's root, as breadcrumb links.

    Kept by the page's parent until the structure or a district changes: only the
    home page, the districts index and district pages have children, and publishing
    one purges the structure (the first two) or "districts" (a district page)."""
    request = context["request"]

    def find() -> list[Crumb]:
        ancestors = page.get_ancestors()[1:]
        return [Crumb(ancestor.title, ancestor.get_url(request) or "") for ancestor in ancestors]

    parent_path = page.path[: -page.steplen]
    return kept_until_purged(
        "crumbs", [STRUCTURE, "districts"], [parent_path, request.get_host()], find
    )


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """Links to this same page in every language of the site.

    A page Wagtail serves links to its translation (its slug may differ); any
    other view, including the sign-up forms that name a page by id, goes
    through Django's `translate_url`. A page with no translation yet falls
    back to the other language's home page rather than a dead link.
    """
    request = context["request"]
    current = current_language()
    page = context.get("page")
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != "wagtail_serve":
        page = None
    translations: dict[str, str] = {}
    if isinstance(page, Page) and page.pk:
        translations = translation_urls(request, page)
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code]
        elif isinstance(page, Page):
            url = "/" if code == settings.LANGUAGE_CODE else f"/{code}/"
        else:
            url = translate_url(request.get_full_path(), code)
        links.append(LanguageLink(code, name, url, code == current))
    return links


@register.simple_tag
def cache_version(*tags: str) -> str:
    """A part of a fragment cache key that changes when any of `tags` is purged (or the whole
    page cache is): `{% cache_version "districts" as version %}` (portal.page_cache)."""
    return tags_version(*tags)


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    """The home page in the active language."""
    request = context["request"]

    def find() -> str:
        site = Site.find_for_request(request)
        if site is None:
            return "/"
        return site.root_page.localized.get_url(request) or "/"

    # On every page, and changed only by publishing the home page (the structure).
    return kept_until_purged(
        "home-url", [STRUCTURE], [current_language(), request.get_host()], find
    )


@register.simple_tag(takes_context=True)
def navigation_links(context):
    return sections.links(sections.MAIN_NAVIGATION, context["request"])


@register.simple_tag(takes_context=True)
def footer_links(context):
    return sections.links(sections.FOOTER_LINKS, context["request"])


@register.simple_tag(takes_context=True)
def sections_for(context, hook_name: str):
    """The sections the apps registered for the Wagtail hook `hook_name`
    (`portal_place_sections`, portal/sections.py) that have something to show on this page."""
    return sections.sections_for(hook_name, context.get("page"), context["request"])


@register.filter
def localdate(value):
    """2026年12月8日(火) in Japanese, Tue 8 December 2026 in English; a moment (a page's
    last publish) on the day it was in Japan."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return format_date(value)


@register.filter
def localdatetime(value):
    if value is None:
        return ""
    return format_datetime(timezone.localtime(value) if timezone.is_aware(value) else value)


@register.simple_tag
def time_range(start, end=None):
    return format_time_range(start, end)


@register.simple_tag
def hours(start, end):
    """10:00〜11:30 / 10:00–11:30 (two times of one day)."""
    return format_hours(start, end)


# --- Punctuation of the page's language (portal/punctuation.py) --------------------------


@register.filter
def join_list(items, attribute: str = ""):
    """`{{ groups|join_list:"name" }}`: 高齢の方、どなたでも / Older people, Anyone."""
    if attribute:
        items = (getattr(item, attribute) for item in items)
    return punctuation.join_list(items)


@register.filter
def parenthesised(text):
    """`{{ note|parenthesised }}`: （第1週） / (1st week); the text is escaped."""
    return mark_safe(punctuation.parenthesised(conditional_escape(text)))


@register.simple_tag
def meta_separator() -> str:
    """Between the facts of a card's meta line: ` ・ ` / ` · `."""
    return punctuation.meta_separator()


@register.simple_tag
def range_separator() -> str:
    return punctuation.range_separator()


@register.simple_tag
def labelled(label, text):
    """地区：第二地区 / District: Daini District (both escaped)."""
    return mark_safe(punctuation.labelled(conditional_escape(label), conditional_escape(text)))


@register.tag("parenthesised")
def do_parenthesised(parser, token):
    """`{% parenthesised %}<span lang="ja">…</span>{% endparenthesised %}`: brackets of the
    page's language around markup (what is inside is rendered, and so escaped, as usual)."""
    nodelist = parser.parse(("endparenthesised",))
    parser.delete_first_token()
    return ParenthesisedNode(nodelist)


class ParenthesisedNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        return mark_safe(punctuation.parenthesised(self.nodelist.render(context)))


# --- Meta data for search engines and link previews -------------------------------------

#: og:locale wants language_TERRITORY.
OG_LOCALES = {"ja": "ja_JP", "en": "en_US"}
DESCRIPTION_LENGTH = 160


def absolute(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _page_description(page) -> str:
    for text in (
        page.search_description,
        getattr(page, "summary", ""),
        getattr(page, "intro", ""),
    ):
        if text and text.strip():
            return Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH)
    return ""


@register.inclusion_tag("portal/includes/meta.html", takes_context=True)
def page_meta(context):
    """Description, canonical address, hreflang alternates and OpenGraph for any page.

    A Wagtail page gives its own title, description and translations; any other
    view sets `meta_title` (and optionally `meta_description`) in its context.
    Addresses are PORTAL_BASE_URL's, the one public address of the portal.
    """
    request = context["request"]
    page = context.get("page")
    current = current_language()
    alternates: dict[str, str] = {}
    if isinstance(page, Page) and page.pk:
        title = page.seo_title or page.title
        description = _page_description(page)
        for code, url in translation_urls(request, page).items():
            alternates[code] = absolute(url)
    else:
        title = str(context.get("meta_title") or settings.WAGTAIL_SITE_NAME)
        description = str(context.get("meta_description") or "")
        for code, _name in settings.LANGUAGES:
            alternates[code] = absolute(translate_url(request.path, code))
    if not description:
        description = _("Places to go, things to do and ways to help in your district.")
    if len(alternates) < 2:
        alternates = {}
    return {
        "title": title,
        "description": description,
        "url": absolute(request.path),
        "type": context.get("og_type", "website"),
        "site_name": context.get("municipality", {}).get("name", "")
        + " "
        + str(_("Community participation portal")),
        "locale": OG_LOCALES.get(current, current),
        "other_locales": [OG_LOCALES.get(code, code) for code in alternates if code != current],
        "alternates": [
            (code, alternates[code]) for code, _name in settings.LANGUAGES if code in alternates
        ],
        "x_default": alternates.get(settings.LANGUAGE_CODE, ""),
    }


@register.simple_tag
def json_ld(data) -> str:
    """A schema.org JSON-LD data block. Browsers do not execute it, so CSP allows it;
    `<`, `>` and `&` are escaped so that no text can close the script element."""
    if not data:
        return ""
    text = dumps_for_script(data)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
