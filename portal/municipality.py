"""The city's facts as readers see them, in the active language: one place to ask.

Headers, footers, page titles, open data, maps and the mails sign-ups send all
name the city through `city()`: the coordinators' "city settings" screen
(`portal.models.CitySettings`) where a row has been saved, else the environment
(settings.MUNICIPALITY and OPENDATA_LICENCE), which also seeds that screen.
The answer is kept in the shared cache until the settings are saved.

The 500 page alone reads the environment directly: it must render when the
database is what failed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from .languages import current_language

CACHE_KEY = "portal:city-settings"


@dataclass(frozen=True)
class City:
    """The city's facts (see the module docstring for where they come from)."""

    name_ja: str
    name_en: str
    prefecture_ja: str
    prefecture_en: str
    code: str
    phone: str
    centre: tuple[float, float]
    licence_name: str
    licence_url: str
    #: The department responsible for the portal (every page's footer).
    department_ja: str = ""
    department_en: str = ""

    @classmethod
    def from_environment(cls) -> City:
        env = settings.MUNICIPALITY
        licence = settings.OPENDATA_LICENCE
        return cls(
            name_ja=env["name_ja"],
            name_en=env["name_en"],
            prefecture_ja=env["prefecture_ja"],
            prefecture_en=env["prefecture_en"],
            code=env["code"],
            phone=env["phone"],
            centre=tuple(env["centre"]),
            licence_name=licence["name"],
            licence_url=licence["url"],
            department_ja=env.get("department_ja", ""),
            department_en=env.get("department_en", ""),
        )

    @classmethod
    def from_settings_row(cls, row) -> City:
        return cls(
            name_ja=row.name_ja,
            name_en=row.name_en,
            prefecture_ja=row.prefecture_ja,
            prefecture_en=row.prefecture_en,
            code=row.code,
            phone=row.phone,
            centre=(row.latitude, row.longitude),
            licence_name=row.licence_name,
            licence_url=row.licence_url,
            department_ja=row.department_ja,
            department_en=row.department_en,
        )


def city() -> City:
    """The city's facts: the saved settings, else the environment's (cached)."""
    found = cache.get(CACHE_KEY)
    if found is None:
        from .models import CitySettings

        row = CitySettings.objects.first()
        found = City.from_settings_row(row) if row is not None else City.from_environment()
        cache.set(CACHE_KEY, found, timeout=None)
    return found


def city_settings_saved(sender, **kwargs) -> None:
    """Signal receiver: every process reads the settings again, every cached page is stale."""
    from .page_cache import purge

    cache.delete(CACHE_KEY)
    purge()


def city_name(language: str | None = None) -> str:
    """The city's name in `language` (the active one by default): 松本市 / Matsumoto City."""
    facts = city()
    return facts.name_en if (language or current_language()) == "en" else facts.name_ja


def department_name(language: str | None = None) -> str:
    """The department responsible for the portal in `language` (the active one by default)."""
    facts = city()
    if (language or current_language()) == "en" and facts.department_en:
        return facts.department_en
    return facts.department_ja


def prefecture_name(language: str | None = None) -> str:
    """The prefecture's name in `language` (the active one by default)."""
    facts = city()
    return facts.prefecture_en if (language or current_language()) == "en" else facts.prefecture_ja


def site_title() -> str:
    """The portal's name in the active language, as mails and feeds sign it."""
    return f"{city_name()} {_('Community participation portal')}"
