"""Demo content, contributed by each app and loaded by `manage.py load_demo`.

Each app registers a loader in its `AppConfig.ready()`; loaders run in
`order` (districts before places, places before events) and must be
idempotent: `make run` calls them on every start.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class DemoLoader:
    name: str
    load: Callable[[], Iterator[str] | None]
    order: int = 100


_loaders: dict[str, DemoLoader] = {}


def demo_district_slugs() -> set[str] | None:
    """The districts demo content is made for: DEMO_DISTRICTS (comma-separated slugs), or all.

    Loading a city's worth of demo pages takes a while; the browser tests need
    a few districts' only.
    """
    slugs = {slug.strip() for slug in settings.DEMO_DISTRICTS.split(",") if slug.strip()}
    return slugs or None


def register_demo_loader(name: str, load: Callable[[], Iterator[str] | None], order: int = 100):
    _loaders[name] = DemoLoader(name, load, order)


def demo_loaders() -> list[DemoLoader]:
    return sorted(_loaders.values(), key=lambda loader: (loader.order, loader.name))
