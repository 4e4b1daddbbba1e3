"""The city's names as readers see them, in the active language.

One place to ask, so that headers, page titles and the mails sign-ups send
name the city the same way.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from .languages import current_language


def city_name(language: str | None = None) -> str:
    """The city's name in `language` (the active one by default): 松本市 / Matsumoto City."""
    city = settings.MUNICIPALITY
    return city["name_en"] if (language or current_language()) == "en" else city["name_ja"]


def prefecture_name(language: str | None = None) -> str:
    """The prefecture's name in `language` (the active one by default)."""
    city = settings.MUNICIPALITY
    return (
        city["prefecture_en"] if (language or current_language()) == "en" else city["prefecture_ja"]
    )


def site_title() -> str:
    """The portal's name in the active language, as mails and feeds sign it."""
    return f"{city_name()} {_('Community participation portal')}"
