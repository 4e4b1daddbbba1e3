"""Locale sync through wagtail-localize: translations follow their source.

Editors translate in the admin; the district loader and the demo loader have
their translations in data files. Both end in the same place: wagtail-localize's
translation memory (StringTranslation rows) and a published translated page, so
an editor who opens the translation later sees the loader's English and can
change it.

wagtail-localize updates a translation only when someone presses "sync
translated pages": staff changed an event to 第2・第4火曜日, published, and
/en/ kept the Thursdays. So publishing a page of the default locale updates its
existing translations after the commit (`sync_translations_on_publish`): the
source is read again, each enabled translation is saved from it (strings not yet
translated fall back to the source text) and published, and what shows the page
is purged from the page cache once. The translations' own publishes do not start another round.
"""

from __future__ import annotations

import logging

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

logger = logging.getLogger(__name__)


@transaction.atomic
def publish_translation(page: Page, locale: Locale, strings: dict[str, str]) -> Page:
    """Create or update `page`'s translation into `locale` and publish it.

    `strings` maps source text to its translation; source strings without an
    entry keep the source text (wagtail-localize's fallback). The source page
    must be published: translations follow the published source.
    """
    # The stored row, not the caller's copy (whose live_revision is stale after a
    # publish): the source then matches what `update_translations` reads after commit.
    page = page.specific_class.objects.get(pk=page.pk)
    source, _ = TranslationSource.update_or_create_from_instance(page)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = strings.get(segment.string.data)
        if text:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": text,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )
    return _save_and_publish(translation, page)


def _save_and_publish(translation: Translation, page: Page) -> Page:
    """Save `translation`'s target page from its source and translation memory, and publish it."""
    # save_target(publish=True) would publish on commit, from a revision taken
    # now: inside a longer transaction (a loader's) that revision is stale by
    # then and its tree fields (numchild) overwrite the children added since.
    # Publish now.
    translation.save_target(publish=False)
    target = page.get_translation(translation.target_locale)
    target.get_latest_revision().publish()
    return target


def publish_translations(
    page: Page, english: dict[str, str], *, only_missing: bool = False
) -> None:
    """Publish `page` in every other locale of the site.

    Only English texts ship with the portal; another configured locale starts
    as a copy of the source for its editors to translate (strings they have
    already translated are kept).
    """
    for locale in Locale.objects.exclude(pk=page.locale_id):
        if only_missing and page.has_translation(locale):
            continue
        publish_translation(page, locale, english if locale.language_code == "en" else {})


def update_translations(page: Page) -> list[Page]:
    """Update and publish every existing, enabled translation of `page` from its stored content.

    A translation already published since its source last changed is left alone
    (the loaders publish their translations themselves). Returns the pages
    published; one that fails is logged and the others still go ahead.
    """
    page = page.specific_class.objects.get(pk=page.pk)
    stored = TranslationSource.objects.filter(
        object_id=page.translation_key, locale_id=page.locale_id
    ).first()
    if stored is None:
        return []  # never translated
    source, _ = TranslationSource.update_or_create_from_instance(page)
    changed = source.content_json != stored.content_json
    published = []
    for translation in Translation.objects.filter(source=source, enabled=True).select_related(
        "target_locale"
    ):
        target = page.get_translation_or_none(translation.target_locale)
        if target is None:
            continue
        if not changed and target.live and _published_since(target, source):
            continue
        try:
            with transaction.atomic():
                published.append(_save_and_publish(translation, page))
        except Exception:
            logger.exception(
                "The %s translation of page %s could not be updated from its source.",
                translation.target_locale.language_code,
                page.pk,
            )
    return published


def _published_since(target: Page, source: TranslationSource) -> bool:
    return bool(target.last_published_at and target.last_published_at >= source.last_updated_at)


def sync_translations_on_publish(sender, instance, **kwargs) -> None:
    """`page_published` receiver: a default-locale page carries its translations along.

    After the commit, so that the source is read as published and a failed
    translation never undoes the publish; the translations' own publishes are
    of another locale and are ignored.
    """
    if instance.locale_id != Locale.get_default().pk:
        return
    page_id = instance.pk
    transaction.on_commit(lambda: _sync_after_commit(page_id), robust=True)


def _sync_after_commit(page_id: int) -> None:
    from .page_cache import purge_tags, purge_tags_of

    page = Page.objects.filter(pk=page_id, live=True).first()
    if page is not None and update_translations(page):
        purge_tags(purge_tags_of(page))


def live_translation(page: Page, language: str) -> Page:
    """The page in `language` where it is translated and live, else the page as it is.

    For what is sent to a person in their language (a mail, a confirmation): a
    translation not yet published is never shown in place of a live original.
    """
    if page.locale.language_code == language:
        return page
    locale = Locale.objects.filter(language_code=language).first()
    translated = page.get_translation_or_none(locale) if locale else None
    return translated.specific if translated is not None and translated.live else page


class SourcePageMixin:
    """For pages whose translations share the source's own rows (an event's
    sessions, an opportunity's shifts): sign-ups always go to the source's."""

    def source_page(self) -> Page:
        """This page in the default locale (itself when it is the source)."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return (
            type(self).objects.filter(translation_key=self.translation_key, locale=default).first()
            or self
        )
