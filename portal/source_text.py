"""Text a translated page still shows in Japanese is marked so, and the reader is told.

wagtail-localize fills a segment nobody has translated yet with the source text
(its fallback): an English page then shows 100円（お茶代） or a Japanese
paragraph. Marking that text `lang="ja"` lets screen readers read it in Japanese
(WCAG 3.1.2) and lets the browser choose Japanese fonts; the page also says, in
the reader's language, that part of it is not translated yet.

The test is the script: text with kana, or with kanji on a page in a language
that does not write kanji, is Japanese. Nothing is marked on Japanese pages.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import SafeData, SafeString, mark_safe

from .japanese import KANJI
from .languages import current_language

KANA_RE = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
KANJI_RE = re.compile(f"[{KANJI}]")
#: Languages whose own script has kanji (hanzi, hanja): only kana marks Japanese there.
KANJI_LANGUAGES = ("zh", "ko")
#: Block elements of rich text that carry their own lang attribute.
BLOCK_RE = re.compile(r"<(p|li|h[1-6]|blockquote|dd|dt|td|th)((?:\s[^>]*)?)>(.*?)</\1>", re.S)


def is_japanese(text: str, language: str | None = None) -> bool:
    """Whether `text` is Japanese for a reader of `language` (the active language by default)."""
    if not text:
        return False
    if KANA_RE.search(text):
        return True
    return (language or current_language()) not in KANJI_LANGUAGES and bool(KANJI_RE.search(text))


def marks_needed() -> bool:
    """Whether the page being rendered is in another language than the source's."""
    return current_language() != settings.LANGUAGE_CODE


def mark_source_text(value) -> SafeString:
    """`value` with its Japanese marked `lang="ja"`, on pages in other languages.

    Plain text is escaped and wrapped in a span; HTML (rich text, linebreaksbr)
    gets the attribute on each block that is Japanese, or a span around it all
    when it has no blocks.
    """
    if value in (None, ""):
        return mark_safe("")
    if not marks_needed():
        return conditional_escape(value)
    if isinstance(value, SafeData):
        html = str(value)
        if BLOCK_RE.search(html):
            return mark_safe(BLOCK_RE.sub(_mark_block, html))
        return (
            format_html('<span lang="ja">{}</span>', value)
            if is_japanese(strip_tags(html))
            else value
        )
    text = str(value)
    return (
        format_html('<span lang="ja">{}</span>', text)
        if is_japanese(text)
        else conditional_escape(text)
    )


def _mark_block(match: re.Match) -> str:
    tag, attributes, inner = match.groups()
    if " lang=" in attributes or not is_japanese(strip_tags(inner)):
        return match.group(0)
    return f'<{tag}{attributes} lang="ja">{inner}</{tag}>'


def untranslated_fields(page) -> list[str]:
    """The translatable text fields of `page` still showing Japanese (none on a Japanese page)."""
    from wagtail_localize.fields import TranslatableField, get_translatable_fields

    if page is None or not marks_needed():
        return []
    names = []
    for field in get_translatable_fields(type(page)):
        if not isinstance(field, TranslatableField):
            continue
        value = getattr(page, field.field_name, None)
        if isinstance(value, str) and is_japanese(strip_tags(value)):
            names.append(field.field_name)
    return names
