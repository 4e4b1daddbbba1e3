"""Security headers sent with every response."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

# Wagtail's admin still relies on inline scripts and styles. Public pages must
# not, so only these paths get the relaxed policy.
ADMIN_PREFIXES = ("/admin/",)
ADMIN_POLICY_UPDATE = {
    "script-src": ["'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's exception in one place."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIXES):
            parts.update = {**ADMIN_POLICY_UPDATE, **(parts.update or {})}
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
