"""Whole-page caching for anonymous visitors, purged when anything public changes.

Public pages carry no per-response nonce and set no cookie, so one rendering
serves everyone. A response is stored when the request is an anonymous GET
(no session cookie) outside the admin, and the response is a 200 that sets
no cookie and does not say `private` or `no-store` (forms set the CSRF
cookie, so a page with a form is never stored).

Keys hold a hash of the path and query string, never the URL itself (`safe_key`:
search words and addresses stay out of the cache and the log).

Invalidation is by generation: every key carries the current generation
number, and publishing, unpublishing, moving or deleting a page (or a
feature app calling `purge()`) increments it. With several web nodes the
number lives in the shared cache (Redis); each node trusts its copy for
PAGE_CACHE_GENERATION_SECONDS (default 5) so that a hit usually costs no
network round trip, and pages are kept in a small per-process cache in front
of the shared one. A purge reaches every node within that many seconds.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import InvalidCacheBackendError

from .cache import VersionCounter, safe_key

logger = logging.getLogger("portal.page_cache")

GENERATION = VersionCounter("pagecache:generation")
SKIP_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/", "/healthz")
UNCACHEABLE = ("private", "no-store", "no-cache")


def _shared():
    return caches["default"]


def _local():
    try:
        return caches["page_local"]
    except InvalidCacheBackendError:
        return None


class Generation:
    """The current generation number, re-read from the shared cache at most every few seconds."""

    def __init__(self):
        self.value: int | None = None
        self.read_at = 0.0

    def current(self) -> int:
        ttl = getattr(settings, "PAGE_CACHE_GENERATION_SECONDS", 5)
        now = time.monotonic()
        if self.value is None or now - self.read_at >= ttl:
            try:
                self.value = GENERATION.current()
            except Exception:
                logger.warning("Shared cache unavailable; serving without the page cache.")
                return 0
            self.read_at = now
        return self.value

    def forget(self) -> None:
        self.value = None


generation = Generation()


def purge() -> None:
    """Make every cached page stale (on this node now, on others within the generation TTL)."""
    try:
        GENERATION.bump()
    except Exception:
        logger.warning("Shared cache unavailable; could not purge the page cache.")
    generation.forget()


def purge_on_page_change(sender, instance=None, **kwargs) -> None:
    """Signal receiver: any page published, unpublished, moved or deleted purges the cache."""
    from wagtail.models import Page

    if isinstance(instance, Page):
        purge()


def _cacheable_request(request) -> bool:
    return (
        getattr(settings, "PAGE_CACHE_ENABLED", True)
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path_info.startswith(SKIP_PREFIXES)
    )


def _cacheable_response(response) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in control for word in UNCACHEABLE)
    )


class AnonymousPageCacheMiddleware:
    """Serve anonymous GETs from the page cache; store what may be shared."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        number = generation.current()
        if number == 0:
            return self.get_response(request)
        key = safe_key(f"pagecache:{number}", request.method, request.get_full_path())
        local = _local()
        response = local.get(key) if local is not None else None
        if response is None:
            try:
                response = _shared().get(key)
            except Exception:
                response = None
            if response is not None and local is not None:
                local.set(key, response, timeout=settings.PAGE_CACHE_SECONDS)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(response):
            response["X-Page-Cache"] = "miss"
            if hasattr(response, "render") and callable(response.render):
                response.render()
            try:
                _shared().set(key, response, timeout=settings.PAGE_CACHE_SECONDS)
            except Exception:
                pass
            if local is not None:
                local.set(key, response, timeout=settings.PAGE_CACHE_SECONDS)
        return response
