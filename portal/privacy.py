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


def public(queryset: QuerySet, path_field: str = "path") -> QuerySet:
    """`queryset` without the pages behind a view restriction or under one;
    `path_field` is the page's path as seen from the queryset's model."""
    paths = restricted_paths()
    if not paths:
        return queryset
    under = (Q(**{f"{path_field}__startswith": path}) for path in paths)
    return queryset.exclude(functools.reduce(operator.or_, under))
