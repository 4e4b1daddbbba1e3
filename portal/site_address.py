"""The Wagtail Site follows the portal's public address (PORTAL_BASE_URL).

Wagtail builds absolute links (`Page.full_url`: calendar feeds, event JSON-LD,
mails) from the default Site's hostname and port, not from the request. A Site
left at Wagtail's `localhost:80` makes every such link point at
http://localhost/. `manage.py sync_site` sets it from settings; `make run` and
each deployment run it (docs/operations.md). It is a command, not a start-up side effect:
a web process should never write to the database as it starts.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


def absolute_url(path: str) -> str:
    """The public address of `path` (PORTAL_BASE_URL: the one the city publishes).

    For links that leave the request behind: mails, robots.txt, feeds.
    """
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def site_address(base_url: str) -> tuple[str, int]:
    """(hostname, port) of `base_url`, as a Wagtail Site stores them.

    Wagtail derives the scheme from the port (443 https, anything else http),
    so an https address on another port cannot be expressed and is refused.
    """
    parts = urlsplit(base_url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ImproperlyConfigured(
            f"PORTAL_BASE_URL must be an http(s) address such as https://portal.example.jp, "
            f"not {base_url!r}."
        )
    port = parts.port or DEFAULT_PORTS[parts.scheme]
    if parts.scheme == "https" and port != 443:
        raise ImproperlyConfigured(
            f"PORTAL_BASE_URL {base_url!r}: Wagtail writes https links only for port 443."
        )
    return parts.hostname, port


def sync_default_site() -> Site:
    """Set the default Site's hostname, port and name from settings; return it."""
    hostname, port = site_address(settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port, site.site_name = hostname, port, settings.WAGTAIL_SITE_NAME
    site.save()  # Wagtail's signal clears its cached site root paths
    return site
