"""Explicit locale sync through wagtail-localize, for loaders and tests.

Editors translate in the admin; the district loader and the demo loader have
their translations in data files. Both end in the same place: wagtail-localize's
translation memory (StringTranslation rows) and a published translated page, so
an editor who opens the translation later sees the loader's English and can
change it.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)


@transaction.atomic
def publish_translation(page: Page, locale: Locale, strings: dict[str, str]) -> Page:
    """Create or update `page`'s translation into `locale` and publish it.

    `strings` maps source text to its translation; source strings without an
    entry keep the source text (wagtail-localize's fallback). The source page
    must be published: translations follow the published source.
    """
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
    # save_target(publish=True) would publish on commit, from a revision taken
    # now: inside a longer transaction (a loader's) that revision is stale by
    # then and its tree fields overwrite the children added since. Publish now.
    translation.save_target(publish=False)
    target = page.get_translation(locale)
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
