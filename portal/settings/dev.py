"""Settings for `make run`: the demo on a laptop, served as a city would see it.

DEBUG is off unless the environment says DEBUG=1 (`DEBUG=1 make run`, for development):
visitors get the portal's own 404 and 500 pages, never Django's debug page with the
environment and settings, and WhiteNoise serves the static files from the apps' folders
as it does in production. `make run` also starts runserver without the autoreloader
unless DEBUG is on: it polls every file of the virtualenv (about 14 % of a core, idle).
"""

import os

from .base import *  # noqa: F403
from .base import STATIC_ROOT, VAR_DIR, env_bool, env_list

DEBUG = env_bool("DEBUG", False)
# A development key is fine here and only here: production refuses to start without one.
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret-" + "x" * 40
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
WHITENOISE_USE_FINDERS = True
# Re-reading the static folders at each request is for someone editing them (DEBUG=1).
WHITENOISE_AUTOREFRESH = DEBUG
# The laptop demo, whatever DEBUG says: Django serves uploaded images itself (no web
# server in front, portal/urls.py), and `create_demo_admin` may make its administrator.
DEMO_SITE = True
VAR_DIR.mkdir(parents=True, exist_ok=True)
# WhiteNoise serves from the app folders here (USE_FINDERS) but expects the root to exist.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
