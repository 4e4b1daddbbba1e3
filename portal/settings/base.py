"""Settings shared by every environment.

Everything that differs between a laptop and a city's servers comes from the
environment (see README, "Settings and environment variables").
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    # Our apps, top of the dependency chain first (see DESIGN.md):
    # support -> volunteers, events -> places -> home -> portal.
    "support",
    "volunteers",
    "events",
    "places",
    "home",
    "portal",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.security.ContentSecurityPolicyMiddleware",
    "portal.security.SecurityHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.municipality",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
# DATABASE_URL selects the database; the embedded default is an SQLite file
# under var/. WAL lets readers work while one writer writes, the busy timeout
# and IMMEDIATE transactions make concurrent writers wait for the lock instead
# of failing with "database is locked" half-way through a transaction.
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": ("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"),
}


def database_from_env(default_sqlite_path: Path) -> dict:
    url = os.environ.get("DATABASE_URL", f"sqlite:///{default_sqlite_path}")
    config = dj_database_url.parse(url, conn_max_age=0)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    return config


DATABASES = {"default": database_from_env(VAR_DIR / "portal.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages and time -----------------------------------------------------
# Japanese is the default locale and has no URL prefix; English lives at /en/.
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Each app keeps its own catalogs in <app>/locale/ (found through INSTALLED_APPS).
USE_I18N = True
TIME_ZONE = "Asia/Tokyo"
USE_TZ = True

# --- Static and media ------------------------------------------------------------
# Every asset a page loads is served by the portal itself: no third-party CDN.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Wagtail -------------------------------------------------------------------
WAGTAIL_SITE_NAME = os.environ.get("PORTAL_SITE_NAME", "参加支援ポータル")
WAGTAILADMIN_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar avatars in the admin: the admin's img-src names no other host (the
# browser blocked them), and a hash of each staff member's e-mail address should
# not go to a third party. Wagtail shows its default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_FINDERS = []  # no oEmbed look-ups: the portal needs no network at run time
WAGTAIL_MODERATION_ENABLED = True
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]

# --- Background tasks -------------------------------------------------------
# Immediate by default; production runs django-tasks-db workers (issue #8).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Caching -----------------------------------------------------------------
# Per process by default; production points "default" at Redis (REDIS_URL).
# "page_local" is each process's small cache in front of the shared one.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "portal",
        "OPTIONS": {"MAX_ENTRIES": 10000},
    },
    "page_local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "page-local",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
# Anonymous public pages are cached whole and purged on publish (portal/page_cache.py).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_GENERATION_SECONDS = int(os.environ.get("PAGE_CACHE_GENERATION_SECONDS", "5"))

# --- Mail ------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@example.jp")

# --- Security --------------------------------------------------------------------
# Public pages carry no inline script or style, so script-src 'self' needs no
# per-response nonce and a whole page can be cached for everyone. The Wagtail
# admin still needs inline code: portal.security relaxes the policy there only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
LOGIN_URL = "wagtailadmin_login"

# --- The municipality --------------------------------------------------------------
# A city is data, never code: override these through the environment, and load
# its districts with `manage.py load_districts FILE.csv`.
MUNICIPALITY = {
    "code": os.environ.get("MUNICIPALITY_CODE", "202029"),
    "name_ja": os.environ.get("MUNICIPALITY_NAME_JA", "松本市"),
    "name_en": os.environ.get("MUNICIPALITY_NAME_EN", "Matsumoto City"),
    "prefecture_ja": os.environ.get("MUNICIPALITY_PREFECTURE_JA", "長野県"),
    "prefecture_en": os.environ.get("MUNICIPALITY_PREFECTURE_EN", "Nagano Prefecture"),
    "phone": os.environ.get("MUNICIPALITY_PHONE", "0263-34-3000"),
    "centre": (
        float(os.environ.get("MUNICIPALITY_LAT", "36.23805")),
        float(os.environ.get("MUNICIPALITY_LON", "137.97202")),
    ),
}
DISTRICTS_FILE = Path(
    os.environ.get("DISTRICTS_FILE", BASE_DIR / "home" / "data" / "matsumoto_districts.csv")
)

# Demo content only for these districts (comma-separated slugs); empty: every district.
DEMO_DISTRICTS = os.environ.get("DEMO_DISTRICTS", "")

# No log line carries a URL's query string: search words can be personal.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_query_strings": {"()": "portal.log_filters.RedactQueryStrings"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_query_strings"]}
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "portal": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# --- Places and maps -------------------------------------------------------------
# "offline" (the shipped gazetteer and postcodes; the default, no network) or
# "nominatim" (used by `manage.py geocode_places --network`, one request a second).
GEOCODER = os.environ.get("GEOCODER", "offline")
GEOCODER_USER_AGENT = os.environ.get(
    "GEOCODER_USER_AGENT", "community-participation-portal (city welfare policy division)"
)
# The map tiles: the one thing a resident's browser fetches from another host.
MAP_TILE_PROVIDERS = {
    "osm": {
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "attribution": '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
        "max_zoom": 19,
    },
    "gsi": {
        "url": "https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png",
        "attribution": '<a href="https://maps.gsi.go.jp/development/ichiran.html">地理院タイル</a>',
        "max_zoom": 18,
    },
}
MAP_TILES = os.environ.get("MAP_TILES", "osm")

# --- Public forms ---------------------------------------------------------------
# Per-client limits for public form posts ("count/period", period s, m, h or d).
RATE_LIMITS = {
    "default": os.environ.get("RATE_LIMIT_DEFAULT", "20/h"),
    "signup": os.environ.get("RATE_LIMIT_SIGNUP", "10/h"),
    "intake": os.environ.get("RATE_LIMIT_INTAKE", "5/h"),
}
# Reverse proxies whose X-Forwarded-For is believed (addresses or networks).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# --- Participation support (support/) ------------------------------------------
# Days a closed or withdrawn case is kept before `manage.py purge_expired_cases`
# anonymises it: five years by default, leap days included.
SUPPORT_RETENTION_DAYS = int(os.environ.get("SUPPORT_RETENTION_DAYS", str(5 * 365 + 2)))

# --- Open data ------------------------------------------------------------------------
# The licence of every data set on /opendata/ (the publisher is MUNICIPALITY).
OPENDATA_LICENCE = {
    "name": os.environ.get("OPENDATA_LICENCE_NAME", "CC BY 4.0"),
    "url": os.environ.get(
        "OPENDATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/deed.ja"
    ),
}
