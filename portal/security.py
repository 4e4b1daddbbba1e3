"""Security headers sent with every response."""

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


class SecurityHeadersMiddleware:
    """Headers Django does not set itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault(
            "Permissions-Policy",
            getattr(
                settings,
                "PERMISSIONS_POLICY",
                "camera=(), microphone=(), payment=(), usb=(), geolocation=(self)",
            ),
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
