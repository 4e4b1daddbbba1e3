"""Which pages are public: Wagtail's page privacy (password, login, groups), read once.

Wagtail's `PageQuerySet.public()` reads every `PageViewRestriction` each time it is
called, and the lists, sections and search call it on every render. Restrictions
change only when staff set or lift a page's privacy, which purges the page cache
(`portal.page_cache.purge_on_change`); so the restricted paths are kept
until the next purge, like the navigation (up to PAGE_CACHE_GENERATION_SECONDS on
another process, the same window as the page cache itself).
"""

from __future__ import annotations

import functools
import operator

from django.db.models import Q, QuerySet

from .page_cache import kept_until_purged


def restricted_paths() -> list[str]:
    """The tree paths of the pages with a view restriction (each covers its subtree)."""
    from wagtail.models import PageViewRestriction

    return kept_until_purged(
        "restricted-paths",
        [],
        [],
        lambda: sorted(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def guarded_paths() -> list[str]:
    """The restricted paths and those of the aliases of restricted pages: Wagtail checks
    an alias against its source's restriction, wherever the alias is in the tree. (A new
    alias of a restricted page gets a copy of the restriction from Wagtail, whose save
    purges; a restriction set later on the source purges too.)"""
    from wagtail.models import Page, PageViewRestriction

    def find() -> list[str]:
        sources = PageViewRestriction.objects.values("page_id")
        aliases = Page.objects.filter(alias_of_id__in=sources).values_list("path", flat=True)
        return sorted({*restricted_paths(), *aliases})

    return kept_until_purged("guarded-paths", [], [], find)


class KnownRestrictionsPage:
    """Page model mixin: serving a page checks Wagtail's view restrictions (the
    `check_view_restrictions` hook) with no query when no restriction can apply.

    Wagtail reads the page's ancestors and then their restrictions on every serve,
    two queries on each page although almost no page of a portal is private. A
    page whose path is under no guarded path (restricted pages, and aliases of
    them) has no restriction; any other page is checked by Wagtail as before. A
    restriction set or lifted purges everything (`portal.page_cache.purge_on_change`),
    so the paths are read again: at once in this process, within
    PAGE_CACHE_GENERATION_SECONDS in the others, the window of the page cache itself.
    """

    def get_view_restrictions(self):
        from wagtail.models import PageViewRestriction

        if not any(self.path.startswith(path) for path in guarded_paths()):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def public(queryset: QuerySet, path_field: str = "path") -> QuerySet:
    """`queryset` without the pages behind a view restriction or under one;
    `path_field` is the page's path as seen from the queryset's model."""
    paths = restricted_paths()
    if not paths:
        return queryset
    under = (Q(**{f"{path_field}__startswith": path}) for path in paths)
    return queryset.exclude(functools.reduce(operator.or_, under))
