"""Settings for the test suite (`make test`).

The database still comes from DATABASE_URL, so the same suite runs on SQLite
(the default) and on PostgreSQL (`make test-postgres`, CI's second pass).
"""

import os

from .base import *  # noqa: F403
from .base import DATABASES, STATIC_ROOT, VAR_DIR

DEBUG = False
SECRET_KEY = "test-only-not-secret-" + "x" * 40
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
WHITENOISE_USE_FINDERS = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The browser tests' server (tests/browser/server.py) runs in another process, whose
# memory no test can read: it writes its mails as files there, for the journeys to read.
if os.environ.get("PORTAL_TEST_MAIL_DIR"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["PORTAL_TEST_MAIL_DIR"]
# Tests see fresh pages; tests/portal/test_page_cache.py turns the page cache on.
PAGE_CACHE_ENABLED = False

# A file, not :memory:, so concurrency tests see real locking (see docs/architecture.md).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {
        "NAME": str(VAR_DIR / f"test_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.sqlite3")
    }
VAR_DIR.mkdir(parents=True, exist_ok=True)
# WhiteNoise serves from the app folders here (USE_FINDERS) but expects the root to exist.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
