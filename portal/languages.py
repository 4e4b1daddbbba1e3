"""The language a request is answered in, asked one way everywhere.

Django's `get_language()` gives a full code ("en", "ja", later perhaps "pt-br")
or None outside a request (commands, tasks); the portal decides on the base
language and falls back to the site's default, so every module asks here.
"""

from django.conf import settings
from django.utils.translation import get_language


def current_language() -> str:
    """The active base language code ("ja", "en"), the site's default outside a request."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def is_english() -> bool:
    """Whether the active language is English (pages keep English-specific wording)."""
    return current_language() == "en"
