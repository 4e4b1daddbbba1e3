"""A Redis cache that lets the site keep serving while Redis is down.

Django's RedisCache raises on a refused or timed-out connection, and every
page, session and rate limit touches the cache: one Redis outage would take
the whole portal down. This backend treats an unreachable Redis as an empty
cache instead:

* reads miss (pages are rendered, sessions come from the database);
* writes are dropped;
* `add` reports "not stored" and `incr` "no such key", so callers that count
  (rate limits) let the request through rather than refuse a resident;
* after a failure the process stops asking Redis for `RETRY_SECONDS`, so an
  outage costs one connection timeout per process every few seconds, not one
  per request;
* a warning is logged once per outage and process, without keys or values
  (keys can hold hashed addresses, values session data).

Use it like Django's: BACKEND "portal.cache.ResilientRedisCache", LOCATION the
Redis URL, OPTIONS the connection pool's (socket timeouts are set short by
default: a slow Redis must not hold a page).

`safe_key` makes every key that holds a URL or what a visitor typed.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("portal.cache")


def safe_key(prefix: str, *parts: object) -> str:
    """`prefix:` and a SHA-256 of `parts`: the key for anything cached by URL or user input.

    Never the parts themselves: Django warns about a key longer than 250 characters
    with the key in the message, so a raw URL put search words and addresses in the
    server log, and whoever reads the cache would read them too. The prefix (code's
    own words and numbers: a generation, a language) stays readable.
    """
    digest = hashlib.sha256("\0".join(str(part) for part in parts).encode()).hexdigest()
    return f"{prefix}:{digest}"


class VersionCounter:
    """A number in the shared cache that makes every key built on it stale when bumped.

    Keys that include `current()` (a map document, a calendar feed, the page
    cache's generation) are never deleted one by one: `bump()` moves every
    process to new keys at once, and the old entries expire on their own.
    """

    def __init__(self, key: str, alias: str = "default"):
        self.key = key
        self.alias = alias

    def current(self) -> int:
        return caches[self.alias].get_or_set(self.key, _fresh_number, timeout=None)

    def bump(self) -> None:
        try:
            caches[self.alias].incr(self.key)
        except ValueError:  # evicted or never read
            caches[self.alias].set(self.key, _fresh_number(), timeout=None)


def _fresh_number() -> int:
    """A counter's first value: the time in nanoseconds. A counter evicted and started
    again at a small number would meet the numbers it had before, and keys built on
    them (still cached, or still held by a process) would be current again; a start
    from the clock is above every number reached before (one bump takes more than a
    nanosecond), and fits a 64-bit integer (Redis's INCR) until the year 2262."""
    return time.time_ns()


#: Seconds a process leaves Redis alone after a failed call.
RETRY_SECONDS = 5.0
DEFAULT_POOL_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


class _Breaker:
    """Per-process circuit breaker: open for RETRY_SECONDS after a failure."""

    def __init__(self) -> None:
        self._open_until = 0.0
        self._warned = False
        self._lock = threading.Lock()

    def closed(self) -> bool:
        return time.monotonic() >= self._open_until

    def trip(self, error: Exception) -> None:
        with self._lock:
            self._open_until = time.monotonic() + RETRY_SECONDS
            if not self._warned:
                self._warned = True
                logger.warning(
                    "Redis unavailable (%s); serving without the shared cache.",
                    type(error).__name__,
                )

    def reset(self) -> None:
        if self._warned:  # cheap check first: this runs on every successful call
            with self._lock:
                if self._warned:
                    logger.warning("Redis answers again; the shared cache is back.")
                self._warned = False


def _missing_key():
    # What Django's caches raise for incr on a key that is not there.
    raise ValueError("Key not found (the shared cache is unavailable).")


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, degraded to an empty cache while Redis cannot be reached."""

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**DEFAULT_POOL_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._breaker = _Breaker()

    @property
    def available(self) -> bool:
        """False while the breaker is open (Redis failed within RETRY_SECONDS)."""
        return self._breaker.closed()

    def _guard(self, fallback, call):
        if not self._breaker.closed():
            return fallback()
        try:
            result = call()
        except RedisError as error:
            self._breaker.trip(error)
            return fallback()
        self._breaker.reset()
        return result

    def get(self, key, default=None, version=None):
        return self._guard(
            lambda: default, lambda: super(ResilientRedisCache, self).get(key, default, version)
        )

    def add(self, *args, **kwargs):
        return self._guard(
            lambda: False, lambda: super(ResilientRedisCache, self).add(*args, **kwargs)
        )

    def set(self, *args, **kwargs):
        return self._guard(
            lambda: None, lambda: super(ResilientRedisCache, self).set(*args, **kwargs)
        )

    def touch(self, *args, **kwargs):
        return self._guard(
            lambda: False, lambda: super(ResilientRedisCache, self).touch(*args, **kwargs)
        )

    def delete(self, *args, **kwargs):
        return self._guard(
            lambda: False, lambda: super(ResilientRedisCache, self).delete(*args, **kwargs)
        )

    def get_many(self, *args, **kwargs):
        return self._guard(dict, lambda: super(ResilientRedisCache, self).get_many(*args, **kwargs))

    def has_key(self, *args, **kwargs):
        return self._guard(
            lambda: False, lambda: super(ResilientRedisCache, self).has_key(*args, **kwargs)
        )

    def incr(self, *args, **kwargs):
        return self._guard(
            _missing_key, lambda: super(ResilientRedisCache, self).incr(*args, **kwargs)
        )

    def set_many(self, data, *args, **kwargs):
        # On failure every key counts as not stored, as Django's API reports it.
        return self._guard(
            lambda: list(data),
            lambda: super(ResilientRedisCache, self).set_many(data, *args, **kwargs),
        )

    def delete_many(self, *args, **kwargs):
        return self._guard(
            lambda: None, lambda: super(ResilientRedisCache, self).delete_many(*args, **kwargs)
        )

    def clear(self):
        return self._guard(lambda: False, lambda: super(ResilientRedisCache, self).clear())
