"""Locale look-ups once per request.

Wagtail's `Locale.get_active()` and `Locale.get_default()` query the database on
every call, and a public page calls them a dozen times (serving the page, each
`.localized` link, the language switcher, the navigation, the lists' filters):
as many identical queries, each built by the ORM anew. Locales change only when
an administrator adds a language, so within one request the answer for a
language code cannot change; `LocaleMemoMiddleware` keeps a memo for the length
of the request, and `LocaleManager.get_for_language` (which both of Wagtail's
methods go through) reads it, and fills it from what this process keeps until a
purge (`portal.page_cache.kept_until_purged`; saving or deleting a locale purges
everything, `PortalConfig.ready`). Outside a request (commands, tasks, tests that
call code directly) nothing is memoised; saving or deleting a locale empties the
memo of the request doing it.
"""

from __future__ import annotations

from contextvars import ContextVar

from wagtail.models.i18n import LocaleManager

from .page_cache import STRUCTURE, kept_until_purged

_memo: ContextVar[dict | None] = ContextVar("portal_locale_memo", default=None)


class LocaleMemoMiddleware:
    """Opens the request's memo of locales and closes it with the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


def forget_locales(**kwargs) -> None:
    """A locale was saved or deleted: the request that did it looks again."""
    memo = _memo.get()
    if memo is not None:
        memo.clear()


def attach_known_locale(page) -> None:
    """Give a served page the locale this request has already read (its language's),
    so that `page.locale` costs no query of its own (the `before_serve_page` hook)."""
    memo = _memo.get()
    if not memo or page._state.fields_cache.get("locale") is not None:
        return
    for locale in memo.values():
        if getattr(locale, "pk", None) == page.locale_id:
            page.locale = locale
            return


def memoise_locale_lookups() -> None:
    """Route Wagtail's locale look-ups through the request's memo (PortalConfig.ready)."""
    original = LocaleManager.get_for_language
    if getattr(original, "memoised", False):
        return

    def get_for_language(self, language_code):
        memo = _memo.get()
        if memo is None:
            return original(self, language_code)
        key = (self.model, language_code)
        if key not in memo:
            memo[key] = kept_until_purged(
                "locale",
                [STRUCTURE],
                [self.model._meta.label, language_code],
                lambda: original(self, language_code),
            )
        return memo[key]

    get_for_language.memoised = True
    LocaleManager.get_for_language = get_for_language
