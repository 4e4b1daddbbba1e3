"""How long a staff login lasts, and what a locked-out login sees.

Staff sessions end after STAFF_SESSION_IDLE_SECONDS without a request (30
minutes) and STAFF_SESSION_MAX_SECONDS after login (12 hours), whatever the
browser does with its cookie: a shared office PC left open must not stay a
door to residents' cases. Public visitors have no session and are not touched.
"""

from __future__ import annotations

import math
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.utils.translation import gettext as _

STARTED = "portal_login_started"
LAST_SEEN = "portal_last_seen"
#: Seconds between writes of the last-seen time: not one session write per request.
TOUCH_EVERY = 60


class StaffSessionMiddleware:
    """Log out sessions idle too long or too old; send admin requests to the login page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault(STARTED, now)
            last_seen = session.get(LAST_SEEN, now)
            idle = now - last_seen > settings.STAFF_SESSION_IDLE_SECONDS
            if idle or now - started > settings.STAFF_SESSION_MAX_SECONDS:
                logout(request)
                if request.path_info.startswith("/admin/"):
                    messages.warning(request, logout_message(idle))
                    return redirect_to_login(request.get_full_path())
            elif now - last_seen >= TOUCH_EVERY or LAST_SEEN not in session:
                session[LAST_SEEN] = now
        return self.get_response(request)


def logout_message(idle: bool) -> str:
    if idle:
        minutes = settings.STAFF_SESSION_IDLE_SECONDS // 60
        return _(
            "You were logged out after %(minutes)d minutes without activity. Please log in again."
        ) % {"minutes": minutes}
    hours = settings.STAFF_SESSION_MAX_SECONDS // 3600
    return _("You were logged out: a login lasts %(hours)d hours at most. Please log in again.") % {
        "hours": hours
    }


def locked_out(request, response, credentials):
    """django-axes' lockout page, with the wait in whole minutes (AXES_LOCKOUT_CALLABLE)."""
    minutes = math.ceil(float(settings.AXES_COOLOFF_TIME) * 60)
    return render(request, "portal/locked_out.html", {"minutes": minutes}, status=429)
