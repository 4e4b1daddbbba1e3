"""Every admin route the URL resolver knows, by the key the permission table uses.

The key is the route's name with its namespaces (`wagtailadmin_pages:edit`);
a route without a name is keyed by its pattern (`admin/^.*/$`). A name given
to several routes (with and without an optional id) is one key: its row
lists the variants to request.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

ADMIN_PREFIX = "admin/"


@dataclass(frozen=True)
class Route:
    key: str
    name: str | None
    pattern: str


def _walk(resolver, prefix="", namespace=None):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield prefix + str(entry.pattern), name


def admin_routes() -> list[Route]:
    """The admin's routes, Wagtail's, its plug-ins' and ours, in resolver order."""
    routes = []
    for pattern, name in _walk(get_resolver()):
        if pattern.startswith(ADMIN_PREFIX):
            routes.append(Route(key=name or pattern, name=name, pattern=pattern))
    return routes


def admin_route_keys() -> set[str]:
    return {route.key for route in admin_routes()}
