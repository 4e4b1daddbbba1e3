"""Every route the URL resolver knows: the one walk the route-coverage tests share.

The permission table (tests/permissions/), the HEAD test (tests/test_head.py) and the
fuzz targets (tests/fuzz/) each fail when a route has no row, example or target; they
read the routes from here, so that a route counts the same way in all three.

A route's key is its name with its namespaces (`wagtailadmin_pages:edit`); a route
without a name is keyed by its pattern (`admin/^.*/$`). A name given to several routes
(with and without an optional id) is one key.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern

ADMIN_PREFIX = "admin/"


@dataclass(frozen=True)
class Route:
    key: str
    name: str | None
    pattern: str
    #: Under the language prefix (`i18n_patterns`): served at `/…` and at `/en/…`.
    localised: bool


def _walk(resolver, prefix: str = "", namespace: str | None = None, localised: bool = False):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(
                entry,
                prefix + str(entry.pattern),
                inner,
                localised or isinstance(entry.pattern, LocalePrefixPattern),
            )
        elif isinstance(entry, URLPattern):
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            pattern = prefix + str(entry.pattern)
            yield Route(key=name or pattern, name=name, pattern=pattern, localised=localised)


def all_routes() -> list[Route]:
    """Wagtail's routes, its plug-ins' and ours, in resolver order."""
    return list(_walk(get_resolver()))


def admin_routes() -> list[Route]:
    return [route for route in all_routes() if route.pattern.startswith(ADMIN_PREFIX)]


def public_routes() -> list[Route]:
    return [route for route in all_routes() if not route.pattern.startswith(ADMIN_PREFIX)]


def admin_route_keys() -> set[str]:
    return {route.key for route in admin_routes()}


def public_route_keys() -> set[str]:
    return {route.key for route in public_routes()}
