"""Marking the Japanese a translated page still shows (portal/source_text.py)."""

from django import template
from django.template.loader import render_to_string

from portal.source_text import mark_source_text, untranslated_fields

register = template.Library()


@register.filter
def source_lang(value):
    """`{{ page.fee|source_lang }}`, `{{ page.body|richtext|source_lang }}`: Japanese text
    on a page in another language, marked lang="ja"."""
    return mark_source_text(value)


@register.simple_tag
def untranslated_notice(page):
    """On a translated page with text still in Japanese, say that part is not translated yet."""
    if not untranslated_fields(page):
        return ""
    return render_to_string("portal/includes/untranslated_notice.html")
