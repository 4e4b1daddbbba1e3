"""Security headers sent with every response."""

import functools

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.utils.cache import patch_cache_control

# Wagtail's admin still relies on inline scripts and styles. Public pages must
# not, so only these paths get the relaxed policy.
ADMIN_PREFIXES = ("/admin/",)
ADMIN_POLICY_UPDATE = {
    "script-src": ["'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
}
# The page editor's live preview frames a page rendered under /admin/.
ADMIN_POLICY_REPLACE = {"frame-ancestors": ["'self'"]}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's exception in one place."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIXES):
            parts.update = {**ADMIN_POLICY_UPDATE, **(parts.update or {})}
            parts.replace = {**ADMIN_POLICY_REPLACE, **(parts.replace or {})}
        return parts


DEFAULT_PERMISSIONS_POLICY = "camera=(), microphone=(), payment=(), usb=()"


def allow_geolocation(view):
    """Let the page of this view ask for the visitor's location (the near-me button).

    Every other response denies geolocation, so a script injected into any other
    page cannot prompt for it. The view's module imports this, not the other way
    round: portal knows nothing of the feature apps. The mark is read by
    SecurityHeadersMiddleware, which runs inside the page cache, so a cached
    copy keeps the header it was stored with.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.allow_geolocation = True
        return response

    return wrapped


def permissions_policy(geolocation: bool) -> str:
    """The Permissions-Policy header: the configured features, and geolocation as marked.

    A geolocation entry in the PERMISSIONS_POLICY setting is ignored: which
    pages may use it is decided per view, by allow_geolocation.
    """
    configured = getattr(settings, "PERMISSIONS_POLICY", DEFAULT_PERMISSIONS_POLICY)
    features = [
        part.strip()
        for part in configured.split(",")
        if part.strip() and not part.strip().startswith("geolocation=")
    ]
    features.append("geolocation=(self)" if geolocation else "geolocation=()")
    return ", ".join(features)


class SecurityHeadersMiddleware:
    """Headers Django does not set itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault(
            "Permissions-Policy",
            permissions_policy(geolocation=getattr(response, "allow_geolocation", False)),
        )
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class NoStoreMiddleware:
    """`Cache-Control: no-store` on anything personal: staff pages, forms, posts.

    A page with a form carries a CSRF token, and a page for a logged-in user
    or an answer to a post can show what someone typed: neither may be kept
    by the browser's history cache, a shared PC's disk or a proxy. Public
    pages without a form stay cacheable (and set no cookie).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            request.method not in ("GET", "HEAD")
            or request.path_info.startswith(ADMIN_PREFIXES)
            or (user is not None and user.is_authenticated)
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        ):
            patch_cache_control(response, no_store=True, private=True)
        return response
