"""Per-client rate limits for public forms.

    @rate_limit("signup")
    def sign_up(request, ...): ...

counts POSTs per client address in the cache (Redis in production, so every
web node counts together) over a fixed window, and answers 429 with a page in
the visitor's language once the limit is passed. Limits are settings:
RATE_LIMITS = {"signup": "10/h", ...}. The client address is REMOTE_ADDR,
unless that is one of TRUSTED_PROXIES (addresses or networks); then the last
X-Forwarded-For entry that is not a trusted proxy. A client cannot spoof its
address by sending the header itself, since the header is read only from a
trusted proxy.
"""

from __future__ import annotations

import functools
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

from .cache import safe_key

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
DEFAULT_LIMITS = {"default": "20/h"}


def parse_rate(rate: str) -> tuple[int, int]:
    """'10/h' -> (10, 3600)."""
    count, _, period = rate.partition("/")
    return int(count), PERIODS[period.strip().lower()[0]]


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for network in getattr(settings, "TRUSTED_PROXIES", ()):
        if ip in ipaddress.ip_network(network, strict=False):
            return True
    return False


def client_ip(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    if not _trusted(address):
        return address
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    for hop in reversed(forwarded):
        if not _trusted(hop):
            return hop
    return address


def limit_for(scope: str) -> tuple[int, int]:
    limits = {**DEFAULT_LIMITS, **getattr(settings, "RATE_LIMITS", {})}
    return parse_rate(limits.get(scope, limits["default"]))


def is_limited(request, scope: str) -> bool:
    """Count this request against the client's limit for `scope`; True once it is over."""
    count, period = limit_for(scope)
    window = int(time.time() // period)
    # The address is hashed: cache keys are not a place for personal data.
    key = safe_key(f"ratelimit:{scope}:{window}", client_ip(request))
    if cache.add(key, 1, timeout=period + 1):
        return False
    try:
        return cache.incr(key) > count
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=period + 1)
        return False


def rate_limit(scope: str, methods: tuple[str, ...] = ("POST",)):
    """Decorate a view so that `methods` requests beyond the scope's limit get a 429 page."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods and is_limited(request, scope):
                return render(request, "portal/429.html", status=429)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
