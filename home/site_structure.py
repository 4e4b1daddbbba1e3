"""The pages every portal has, whatever the city: home, the district index, policies.

`ensure_site_structure()` is idempotent: it creates what is missing, in Japanese
and in English, and never overwrites what staff have edited since.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from portal.municipality import city_name
from portal.translation import publish_translations

from .models import DistrictIndexPage, HomePage, StandardPage

PAGES_DIR = Path(__file__).resolve().parent / "data" / "pages"
POLICY_PAGES = ("accessibility", "privacy")
BLOCK_RE = re.compile(r"<(h2|h3|p|li)>(.*?)</\1>", re.S)


@dataclass(frozen=True)
class SiteStructure:
    home: HomePage
    district_index: DistrictIndexPage


def page_texts(name: str) -> dict:
    with (PAGES_DIR / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


def paired_blocks(source_html: str, translated_html: str) -> dict[str, str]:
    """Map each block of `source_html` to the block at the same place in `translated_html`.

    wagtail-localize translates rich text block by block (each heading,
    paragraph and list item is one segment), so two bodies written with the
    same structure give the translation of every segment.
    """
    source = [text.strip() for _tag, text in BLOCK_RE.findall(source_html)]
    translated = [text.strip() for _tag, text in BLOCK_RE.findall(translated_html)]
    if len(source) != len(translated):
        raise ValueError("The two bodies do not have the same blocks.")
    return dict(zip(source, translated, strict=True))


def ensure_locales() -> Locale:
    """One locale for each of settings.LANGUAGES; returns the default one."""
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    return Locale.objects.get(language_code=settings.LANGUAGE_CODE)


def ensure_home_page(default_locale: Locale) -> HomePage:
    """Make a HomePage the default site's root, replacing Wagtail's welcome page."""
    site = Site.objects.filter(is_default_site=True).first()
    existing = HomePage.objects.filter(locale=default_locale).first()
    if existing is not None:
        if site is not None and site.root_page_id != existing.pk:
            site.root_page = existing
            site.save()
        return existing
    texts = page_texts("structure")["home"]
    root = Page.get_first_root_node()
    if root is None:  # an empty database (Wagtail's migrations make one; a flush removes it)
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=default_locale))
    welcome = None
    if site is not None and type(site.root_page.specific) is Page and not site.root_page.numchild:
        # Wagtail's "Welcome to your new Wagtail site!" page: free its slug, then remove it.
        welcome = site.root_page
        welcome.slug = f"welcome-{welcome.pk}"
        welcome.save(update_fields=["slug"])
    home = HomePage(
        title=f"{city_name('ja')} {texts['title_ja']}",
        slug="home",
        intro=texts["intro_ja"],
        locale=default_locale,
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True
        )
    else:
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
    if welcome is not None:
        welcome.delete()
    return home


@transaction.atomic
def ensure_site_structure() -> SiteStructure:
    """Create the home page, the district index and the policy pages where missing."""
    default_locale = ensure_locales()
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    home = ensure_home_page(default_locale)
    texts = page_texts("structure")
    publish_translations(
        home,
        only_missing=True,
        english={
            home.title: f"{city_name('en')} {texts['home']['title_en']}",
            home.intro: texts["home"]["intro_en"],
        },
    )

    index = DistrictIndexPage.objects.child_of(home).first()
    if index is None:
        index = DistrictIndexPage(
            title=texts["districts"]["title_ja"],
            slug="districts",
            intro=texts["districts"]["intro_ja"],
        )
        home.add_child(instance=index)
        index.save_revision().publish()
        publish_translations(
            index,
            only_missing=True,
            english={
                texts["districts"]["title_ja"]: texts["districts"]["title_en"],
                texts["districts"]["intro_ja"]: texts["districts"]["intro_en"],
            },
        )

    for name in POLICY_PAGES:
        policy = page_texts(name)
        if StandardPage.objects.child_of(home).filter(slug=policy["slug"]).exists():
            continue
        page = StandardPage(
            title=policy["title_ja"],
            slug=policy["slug"],
            intro=policy["intro_ja"],
            body=policy["body_ja"].strip(),
            footer_role=policy["footer_role"],
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        publish_translations(
            page,
            only_missing=True,
            english={
                policy["title_ja"]: policy["title_en"],
                policy["intro_ja"]: policy["intro_en"],
                **paired_blocks(policy["body_ja"], policy["body_en"]),
            },
        )
    return SiteStructure(home=home, district_index=index)
