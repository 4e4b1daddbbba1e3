"""Whole-page caching for anonymous visitors, purged by what changed.

Public pages carry no per-response nonce and set no cookie, so one rendering
serves everyone. A response is stored when the request is an anonymous GET
(no session cookie) outside the admin, and the response is a 200 that sets
no cookie and does not say `private` or `no-store` (forms set the CSRF
cookie, so a page with a form is never stored).

Keys hold a hash of the path and query string, never the URL itself (`safe_key`:
search words and addresses stay out of the cache and the log).

**Purging by tag.** District staff publish all day in 35 districts; emptying
the whole cache at each publish left little cached. So each response lists the
tags of what it was built from (`depends_on`, called by views, page models and
sections while they render): `page:<translation key>` for a page in either
language, `district:<translation key>`, `places`, `events`, `volunteers`,
`districts` (the lists of districts), `structure` (the header's navigation and
the footer: on every page) and `pages` (anything published: search, sitemap,
open data; also a response that named no tag). Publishing or unpublishing a page
purges the page's own tags (`purge_tags`), after the commit. A purge writes the
tag's time in the shared cache (`PurgeClock`); a stored response is fresh while
every one of its tags was last purged before its rendering began, so a publish
during a rendering leaves that rendering stale. Each process trusts the times it
has read for PAGE_CACHE_GENERATION_SECONDS (default 5), so a hit usually costs
no network round trip, and a purge reaches every node within that time. A tag
whose time is missing (never stored, or evicted) counts as purged now.

Moving or deleting a page, changing a page's privacy, saving the city's settings,
or a feature app calling `purge()` still empties everything, by the generation
number every key carries.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Iterable
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import InvalidCacheBackendError
from django.db import transaction

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

#: On every response: the header's navigation, the footer, the site's structure.
STRUCTURE = "structure"
#: Bumped by every purge: search results, the sitemap, open data, and untagged responses.
ANY_PAGE = "pages"

_tags: ContextVar[set[str] | None] = ContextVar("portal_page_cache_tags", default=None)
#: When the response being rendered for the page cache began (None outside one).
_began: ContextVar[float | None] = ContextVar("portal_page_cache_began", default=None)


def depends_on(*tags: str) -> None:
    """Say that the response being built shows what these tags stand for.

    Outside a cached request (the admin, a command, a logged-in visitor) it does nothing."""
    collected = _tags.get()
    if collected is not None:
        collected.update(tag for tag in tags if tag)


def collecting_tags() -> bool:
    """Whether the response being built goes to the page cache (`depends_on` records):
    when it does not, what tags it would have need not be worked out."""
    return _tags.get() is not None


def tagged(*tags: str):
    """For a view: what it shows is of these tags (`depends_on`, before the view runs)."""

    def decorate(view):
        @functools.wraps(view)
        def tagged_view(request, *args, **kwargs):
            depends_on(*tags)
            return view(request, *args, **kwargs)

        return tagged_view

    return decorate


def page_tag(page) -> str:
    """The tag of one page in every language."""
    return f"page:{page.translation_key}"


def district_tag(district) -> str:
    """The tag of everything shown under one district, in every language ("" for none)."""
    return f"district:{district.translation_key}" if district is not None else ""


class PurgeClock:
    """When each tag was last purged, as a time in the shared cache.

    Every process reads the times through its own clock and trusts what it read for
    PAGE_CACHE_GENERATION_SECONDS; two clocks on one shared cache behave as two web
    nodes do."""

    PREFIX = "pagecache:purged:"

    def __init__(self, alias: str = "default"):
        self.alias = alias
        self.known: dict[str, tuple[float, float]] = {}

    def _key(self, tag: str) -> str:
        return safe_key(self.PREFIX, tag)

    def purged_at(self, tags: Iterable[str]) -> dict[str, float]:
        """The last purge of each tag; a tag with no time stored counts as purged now."""
        tags = set(tags)
        ttl = getattr(settings, "PAGE_CACHE_GENERATION_SECONDS", 5)
        now = time.monotonic()
        stale = [tag for tag in tags if now - self.known.get(tag, (0, float("-inf")))[1] >= ttl]
        if stale:
            found = caches[self.alias].get_many([self._key(tag) for tag in stale])
            for tag in stale:
                value = found.get(self._key(tag))
                if value is None:  # never stored, or evicted: stale by default, not trusted
                    self.known.pop(tag, None)
                    return {tag: time.time() for tag in tags}
                self.known[tag] = (value, now)
        return {tag: self.known[tag][0] for tag in tags}

    def version(self, tag: str) -> float:
        """The tag's last purge, for a key of something cached by tag: stored as now
        when the tag has no time yet."""
        at = self.purged_at([tag])[tag]
        if tag in self.known:
            return at
        # Within a page being rendered for the cache, just before its rendering began
        # (as `started` does): "now" would make the page stale as soon as it is stored.
        began = _began.get()
        first = min(at, began - 0.001) if began is not None else at
        caches[self.alias].add(self._key(tag), first, timeout=None)
        return self.purged_at([tag])[tag]

    def started(self, tags: Iterable[str], at: float) -> None:
        """Give a time to the tags that have none, just before a rendering began at `at`,
        so that what it stores is fresh and nothing stored before it is."""
        cache = caches[self.alias]
        keys = {self._key(tag): tag for tag in tags}
        found = cache.get_many(list(keys))
        for key in keys.keys() - found.keys():
            cache.add(key, at - 0.001, timeout=None)

    def purge(self, tags: Iterable[str]) -> None:
        tags = set(tags)
        caches[self.alias].set_many({self._key(tag): time.time() for tag in tags}, timeout=None)
        for tag in tags:
            self.known.pop(tag, None)


clock = PurgeClock()


def tags_version(*tags: str) -> str:
    """A part of a cache key that changes when any of `tags` is purged, or everything is."""
    return ".".join([str(generation.current()), *(repr(clock.version(tag)) for tag in tags)])


#: How long something kept until a purge is kept at most (a purge usually comes first).
KEPT_SECONDS = 3600


def kept_until_purged(name: str, tags: Iterable[str], parts: Iterable[object], compute):
    """`compute()`, kept in this process's cache until any of `tags` is purged.

    For what many pages show and only a publish changes (navigation links, a list
    filter's districts, the home page's address): the key carries the tags' purge
    times (`tags_version`), so a purge on any node reaches this process within
    PAGE_CACHE_GENERATION_SECONDS without a message to it. `parts` (the language, the
    host) tell apart what differs between requests; `None` is never kept.
    """
    cache = _local() or _shared()
    key = safe_key(f"kept:{name}", *parts, tags_version(*tags))
    found = cache.get(key)
    if found is None:
        found = compute()
        if found is not None:
            cache.set(key, found, KEPT_SECONDS)
    return found


def purge_tags(tags: Iterable[str]) -> None:
    """Make every stored response built from any of `tags` stale: now, and again after
    the commit (a rendering between the two read the data as it was before)."""
    tags = {*tags, ANY_PAGE}

    def now():
        try:
            clock.purge(tags)
        except Exception:
            logger.warning("Shared cache unavailable; could not purge the page cache.")

    now()
    transaction.on_commit(now)


def purge_tags_of(page) -> set[str]:
    """What publishing or unpublishing `page` makes stale: the page itself and what the
    page type says shows it (`purge_tags()`: its list, its district); a page type that
    says nothing is part of the site's structure, shown everywhere."""
    specific = page.specific
    own = specific.purge_tags() if hasattr(specific, "purge_tags") else {STRUCTURE}
    return {page_tag(page), *own} - {""}


def render_tags_of(page) -> set[str]:
    """What a served page shows: itself and what its type says (`cache_tags()`)."""
    own = page.cache_tags() if hasattr(page, "cache_tags") else set()
    return {page_tag(page), *own} - {""}


def purge() -> None:
    """Make every cached page stale (on this node now, on others within the generation TTL)."""
    try:
        GENERATION.bump()
    except Exception:
        logger.warning("Shared cache unavailable; could not purge the page cache.")
    generation.forget()


def purge_on_page_change(sender, instance=None, **kwargs) -> None:
    """Signal receiver: a page moved or deleted purges everything."""
    from wagtail.models import Page

    if isinstance(instance, Page):
        purge()


def purge_on_change(sender, instance=None, **kwargs) -> None:
    """Signal receiver for what changes every page without a publish: a page's privacy
    (Wagtail's PageViewRestriction covers the page's subtree, and a page made private
    must not go on being served from the cache), a word-list entry (cards, filters and
    pages name kinds and target groups), the Wagtail Site (every URL). Purges
    everything, now and after the commit."""
    purge()
    transaction.on_commit(purge)


def purge_on_publish(sender, instance=None, **kwargs) -> None:
    """Signal receiver: a page published or unpublished purges what shows it."""
    from wagtail.models import Page

    if isinstance(instance, Page):
        purge_tags(purge_tags_of(instance))


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


def _fresh(entry) -> bool:
    built_at, tags, _response = entry
    try:
        purged = clock.purged_at(tags)
    except Exception:
        return False
    return all(at < built_at for at in purged.values())


class AnonymousPageCacheMiddleware:
    """Serve anonymous GETs from the page cache; store what may be shared, with its tags."""

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
        entry = local.get(key) if local is not None else None
        if entry is None:
            try:
                entry = _shared().get(key)
            except Exception:
                entry = None
            if entry is not None and local is not None:
                local.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
        if entry is not None and _fresh(entry):
            response = entry[2]
            response["X-Page-Cache"] = "hit"
            return response
        built_at = time.time()
        try:
            # Before rendering: the navigation's cache reads this tag's time (sections.links).
            clock.started({STRUCTURE}, built_at)
        except Exception:
            pass
        token = _tags.set({STRUCTURE})
        began = _began.set(built_at)
        try:
            response = self.get_response(request)
            if _cacheable_response(response) and hasattr(response, "render"):
                response.render()  # templates run now, and name their tags
            tags = _tags.get()
        finally:
            _tags.reset(token)
            _began.reset(began)
        if _cacheable_response(response):
            response["X-Page-Cache"] = "miss"
            if tags == {STRUCTURE}:
                tags.add(ANY_PAGE)  # a response that named nothing goes with any publish
            entry = (built_at, frozenset(tags), response)
            try:
                clock.started(tags, built_at)
                _shared().set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
            except Exception:
                pass
            if local is not None:
                local.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
        return response
