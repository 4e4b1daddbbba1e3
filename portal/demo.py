"""Demo content, contributed by each app and loaded by `manage.py load_demo`.

Each app registers its loader through a Wagtail hook in its `wagtail_hooks.py`:

`portal_demo_loaders`
    `fn() -> DemoLoader`: a named loader, called by `manage.py load_demo` in
    `order` (districts 10, places 20, events 30, volunteering 40, support 90),
    each in its own transaction. `load()` yields (or returns None) lines of
    progress, and must be idempotent: `make run` calls it on every start. A
    later registration of the same name replaces the earlier.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.conf import settings

from .extension_points import contributions


@dataclass(frozen=True)
class DemoLoader:
    name: str
    load: Callable[[], Iterator[str] | None]
    order: int = 100


def demo_district_slugs() -> set[str] | None:
    """The districts demo content is made for: DEMO_DISTRICTS (comma-separated slugs), or all.

    Loading a city's worth of demo pages takes a while; the browser tests need
    a few districts' only.
    """
    slugs = {slug.strip() for slug in settings.DEMO_DISTRICTS.split(",") if slug.strip()}
    return slugs or None


def demo_loaders() -> list[DemoLoader]:
    """The loaders registered for `portal_demo_loaders`, in order."""
    return contributions("portal_demo_loaders", key="name")
