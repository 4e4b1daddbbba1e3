"""Finding a request's Wagtail Site and page, kept until a purge.

Before a page renders a line, Wagtail reads the request's Site (one query), the
site's home page as its own type (one more) and then walks down to the page. The
portal's home page finds the page in one query of the tree instead of two a level
(`HomePage.route`); what is left is kept here in each process, like the navigation
(`portal.page_cache.kept_until_purged`):

* the Site of a host and port, with its home page already of its own type, until
  the site's structure changes (saving a Site purges everything);
* which page a URL names: its id and type, until the structure changes; the page
  itself is still read, and checked against the URL, on every request, so a page
  moved, renamed, unpublished or deleted since is never served from here (its URL
  no longer matches, or it is gone, and the tree is searched again).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Site

from .page_cache import STRUCTURE, kept_until_purged


class KnownSiteMiddleware:
    """Gives the request Wagtail's Site for its host from this process's cache
    (`Site.find_for_request` answers from `request._wagtail_site`). After
    CommonMiddleware, which refuses a host outside ALLOWED_HOSTS first: only the
    portal's own hosts are kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not hasattr(request, "_wagtail_site"):
            try:
                request._wagtail_site = known_site(request)
            except Exception:
                # A database that does not answer is the view's to report (the health
                # check answers 503); Wagtail looks the site up again if it needs it.
                pass
        return self.get_response(request)


def known_site(request) -> Site | None:
    """Wagtail's Site for the request, its home page already specific (the route
    starts from it)."""

    def find() -> Site | None:
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        return site

    host = [request._get_raw_host(), request.get_port()]  # as Wagtail matches them
    return kept_until_purged("site", [STRUCTURE], host, find)


def deepest_page(root: Page, path_components: Sequence[str]) -> Page | None:
    """The deepest live or draft page under `root` whose URL the path starts with, as its
    own type; None when no page is. A path naming a page exactly is remembered (which
    page and of which type), so that serving it again reads just the page."""
    full_path = root.url_path + "".join(f"{part}/" for part in path_components)
    prefixes = [
        root.url_path + "".join(f"{part}/" for part in path_components[:length])
        for length in range(1, len(path_components) + 1)
    ]

    def find() -> tuple[int, int, str] | None:
        return (
            Page.objects.descendant_of(root)
            .filter(url_path__in=prefixes)
            .order_by("-depth")
            .values_list("pk", "content_type_id", "url_path")
            .first()
        )

    read_now = []

    def find_exact() -> tuple[int, int, str] | None:
        read_now.append(row := find())
        # Only exact matches are kept: a routable page's sub-paths and mistyped URLs
        # below a page would fill the cache with an entry each.
        return row if row is not None and row[2] == full_path else None

    row = kept_until_purged("route", [STRUCTURE], [root.pk, full_path], find_exact)
    if row is None:
        row = read_now[0] if read_now else find()
    page = _page_at(row)
    if page is None and not read_now:
        page = _page_at(find())  # kept, but moved, renamed or deleted since
    return page


def _page_at(row: tuple[int, int, str] | None) -> Page | None:
    """The page of a (pk, content type, URL path) row, as its own type, if it is still there."""
    if row is None:
        return None
    page_id, content_type_id, url_path = row
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    return model.objects.filter(pk=page_id, url_path=url_path).first()
