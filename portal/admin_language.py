"""The admin speaks the city's language unless a staff member chose another.

Wagtail gives each user the language set in their account (アカウント設定), and
without one the language Django chose for the request, which follows the
browser's Accept-Language: an office PC or a test browser set to English got an
English admin, although the help texts and the staff guide are Japanese. So for
/admin/ the default is settings.LANGUAGE_CODE; a language chosen in the account
still wins (Wagtail applies it inside each admin view).

Wagtail's own Japanese catalog lacks many of the admin's strings (the dashboard's
page count, "Help", the autosave indicator, ...): `portal/wagtail_locale/`
supplies them. It is in LOCALE_PATHS, which Django reads last, so its entries
win over Wagtail's; it holds only Wagtail's msgids, never the portal's own.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

ADMIN_PREFIX = "/admin/"


class AdminLanguageMiddleware:
    """Under /admin/, the default language is the city's, not the browser's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(ADMIN_PREFIX):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)
