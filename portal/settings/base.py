"""Settings shared by every environment.

Everything that differs between a laptop and a city's servers comes from the
environment (see docs/operations.md, "Settings and environment variables").
"""

import datetime as dt
import ipaddress
import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def trusted_proxies_from_env(default: str | None = "none") -> list[str]:
    """TRUSTED_PROXIES: the load balancer's addresses or networks, comma-separated
    (`10.0.1.5,10.0.2.0/24`), or `none` for a server that faces the internet directly.

    The one setting for the proxies in front of the portal. Rate limits and the admin
    login lockout read the visitor's address from X-Forwarded-For only when the request
    comes from one of these (portal/ratelimit.py); gunicorn.conf.py gives gunicorn the
    same list (its FORWARDED_ALLOW_IPS) for X-Forwarded-Proto; production believes
    X-Forwarded-Proto only when there is a proxy. `default` None: the variable is
    required (production), since a wrong guess either way goes unnoticed.
    """
    value = os.environ.get("TRUSTED_PROXIES", default)
    if value is None or not value.strip():
        raise ImproperlyConfigured(
            "TRUSTED_PROXIES must be set in production: the load balancer's addresses or "
            "networks, comma-separated (e.g. 10.0.1.5,10.0.2.0/24), or none when this server "
            "faces the internet directly. Without the balancer's address every visitor seems "
            "to come from the balancer: rate limits and the admin login lockout would then "
            "count the whole city as one visitor."
        )
    if value.strip().lower() == "none":
        return []
    proxies = [item.strip() for item in value.split(",") if item.strip()]
    for item in proxies:
        try:
            ipaddress.ip_network(item)
        except ValueError as error:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {item!r} is not an address or a network "
                "(e.g. 10.0.1.5 or 10.0.2.0/24), nor none."
            ) from error
    return proxies


EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
}


def email_settings_from_url(url: str) -> dict:
    """EMAIL_URL -> Django's EMAIL_* settings.

    smtp://user:password@host:587 uses STARTTLS on port 587 (or with ?tls=1),
    smtps://user:password@host:465 implicit TLS; user and password are
    percent-encoded. console: and locmem: choose Django's development backends.
    """
    parts = urlsplit(url)
    if parts.scheme not in EMAIL_BACKENDS:
        raise ImproperlyConfigured(
            f"EMAIL_URL must start with one of {', '.join(EMAIL_BACKENDS)} "
            f"(e.g. smtp://user:password@mail.example.jp:587), not {parts.scheme or url!r}."
        )
    config = {"EMAIL_BACKEND": EMAIL_BACKENDS[parts.scheme]}
    if parts.scheme in ("smtp", "smtps"):
        port = parts.port or (465 if parts.scheme == "smtps" else 587)
        query = parse_qs(parts.query)
        starttls = query.get("tls", ["1" if port == 587 else "0"])[0].lower()
        config.update(
            EMAIL_HOST=parts.hostname or "localhost",
            EMAIL_PORT=port,
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_SSL=parts.scheme == "smtps",
            EMAIL_USE_TLS=parts.scheme == "smtp" and starttls in {"1", "true", "yes", "on"},
        )
    return config


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    # Our apps, top of the dependency chain first (see docs/architecture.md):
    # support -> volunteers, events -> places -> home -> portal; consult -> home.
    "support",
    "volunteers",
    "events",
    "places",
    "consult",
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
    "django_tasks_db",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files (and /favicon.ico) leave here: WhiteNoise serves its own compressed
    # copies, so nothing below touches them.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML, feeds, CSVs and GeoJSON are compressed when the client accepts gzip. Outside the
    # ETag and the page cache: the cache keeps one uncompressed copy for every client, the
    # ETag is computed on that copy (gzip turns it weak, and If-None-Match still matches
    # weakly), and every middleware below still sees the plain body. Django's gzip adds
    # random bytes to each response against BREACH (forms carry masked CSRF tokens anyway).
    # Text only: documents and images are compressed already (portal/compression.py).
    "portal.compression.TextGZipMiddleware",
    # Outside the page cache, so a cached page is answered with 304 when the browser has it.
    "django.middleware.http.ConditionalGetMiddleware",
    "portal.page_cache.AnonymousPageCacheMiddleware",
    # Wagtail looks the active locale up a dozen times a page: once is enough (portal/locales.py).
    "portal.locales.LocaleMemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "portal.admin_language.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Wagtail's Site for the host from this process's cache, not a query a request
    # (portal/routing.py); after CommonMiddleware, which refuses unknown hosts.
    "portal.routing.KnownSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.staff_login.StaffSessionMiddleware",
    "portal.two_factor.RequireTwoFactorMiddleware",
    # Page permissions in front of the admin views of Wagtail and plug-ins that forget them.
    "portal.admin_guards.AdminGuardMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.security.ContentSecurityPolicyMiddleware",
    "portal.security.SecurityHeadersMiddleware",
    "portal.security.NoStoreMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a lockout into its page.
    "axes.middleware.AxesMiddleware",
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
# LOCALE_PATHS is read last, so it wins: it holds the Japanese of Wagtail's own admin
# strings that Wagtail's catalog lacks (portal/admin_language.py).
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "portal" / "wagtail_locale"]
TIME_ZONE = "Asia/Tokyo"
USE_TZ = True

# --- Static and media ------------------------------------------------------------
# Every asset a page loads is served by the portal itself: no third-party CDN.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files served at the site's root by WhiteNoise: /favicon.ico, which browsers ask for
# on every page that names none (base.html names it too).
WHITENOISE_ROOT = BASE_DIR / "portal" / "root_files"
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
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]

# --- Background tasks -------------------------------------------------------
# TASKS_BACKEND "immediate" (the embedded default: a task runs in the request
# that enqueued it, after commit) or "database" (production's default: tasks
# wait in the database for `manage.py task_worker` processes on any node; a
# worker claims a task with SELECT ... FOR UPDATE SKIP LOCKED, so none runs twice).
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def tasks_from_env(default: str) -> dict:
    name = os.environ.get("TASKS_BACKEND", default)
    if name not in TASK_BACKENDS:
        raise ImproperlyConfigured(
            f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}, not {name!r}."
        )
    return {"default": {"BACKEND": TASK_BACKENDS[name]}}


TASKS = tasks_from_env("immediate")

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

# Sessions live in the database, read through the cache: a Redis restart logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Mail ------------------------------------------------------------------------
# EMAIL_URL (smtp://user:password@host:587?tls=1, smtps://…:465, console:, locmem:)
# chooses how mail leaves; the embedded default prints mails to the console.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@example.jp")
_email = email_settings_from_url(os.environ.get("EMAIL_URL", "console:"))
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
# Seconds an SMTP connection may hang before the send fails (and is retried by the outbox).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))

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
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No page may be framed, by us or anyone: map documents (places/views.py) and the
# admin's preview (portal/security.py, Wagtail's own decorator) say otherwise.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
LOGIN_URL = "wagtailadmin_login"

# Staff sessions end after 30 minutes without a request and 12 hours in all
# (portal/staff_sessions.py); the cookie never outlives the 12 hours.
STAFF_SESSION_IDLE_SECONDS = int(os.environ.get("STAFF_SESSION_IDLE_SECONDS", str(30 * 60)))
STAFF_SESSION_MAX_SECONDS = int(os.environ.get("STAFF_SESSION_MAX_SECONDS", str(12 * 3600)))
SESSION_COOKIE_AGE = STAFF_SESSION_MAX_SECONDS

# The admin login is locked for a user name from an address after repeated
# failures (django-axes); the address is read as the rate limits read it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "portal.ratelimit.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.staff_login.locked_out"
# Failed attempts are kept (for the audit of break-in attempts), successful logins are not.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Two-factor login (django-otp, TOTP apps) for coordinators and anyone who can
# read cases (portal/two_factor.py). Production requires it; `make run` does not.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", False)
OTP_TOTP_ISSUER = os.environ.get("PORTAL_SITE_NAME", "参加支援ポータル")

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
    # The department responsible for the portal, named in every page's footer: in
    # Matsumoto the participation-support pillar is coordinated by 福祉政策課.
    "department_ja": os.environ.get("MUNICIPALITY_DEPARTMENT_JA", "健康福祉部 福祉政策課"),
    "department_en": os.environ.get(
        "MUNICIPALITY_DEPARTMENT_EN", "Welfare Policy Division, Health and Welfare Department"
    ),
    "centre": (
        float(os.environ.get("MUNICIPALITY_LAT", "36.23805")),
        float(os.environ.get("MUNICIPALITY_LON", "137.97202")),
    ),
}
DISTRICTS_FILE = Path(
    os.environ.get("DISTRICTS_FILE", BASE_DIR / "home" / "data" / "matsumoto_districts.csv")
)


def closure_from_env(name: str, default: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """`12-29..01-03` -> ((12, 29), (1, 3)); empty: the city has no such closing days."""
    value = os.environ.get(name, default).strip()
    if not value:
        return None
    try:
        first, last = (tuple(int(part) for part in end.split("-")) for end in value.split(".."))
        for month, day in (first, last):
            dt.date(2000, month, day)  # a leap year: 02-29 is a day of some years
    except ValueError as error:
        raise ImproperlyConfigured(
            f"{name} is written MM-DD..MM-DD (e.g. 12-29..01-03), not {value!r}"
        ) from error
    return first, last


# 年末年始: the days the city's halls and hubs close over the New Year (MM-DD..MM-DD,
# across the year's end; empty: none). Event and volunteer shift series can skip them.
PORTAL_YEAR_END_CLOSURE = closure_from_env("PORTAL_YEAR_END_CLOSURE", "12-29..01-03")

# True only in portal.settings.dev (`make run`): the demo on a laptop.
DEMO_SITE = False
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
# Reverse proxies whose X-Forwarded-For is believed (addresses or networks); none by
# default, required in production (see trusted_proxies_from_env).
TRUSTED_PROXIES = trusted_proxies_from_env()

# --- Participation support (support/) ------------------------------------------
# Days a closed or withdrawn case is kept before `manage.py purge_expired_cases`
# anonymises it: five years by default, leap days included.
SUPPORT_RETENTION_DAYS = int(os.environ.get("SUPPORT_RETENTION_DAYS", str(5 * 365 + 2)))
# The city's mail domains (subdomains included): an intake page's notification address
# and a district's shared address must be in one of them, or be a staff account's.
PORTAL_MAIL_DOMAINS = env_list("PORTAL_MAIL_DOMAINS", "city.matsumoto.nagano.jp")

# --- Open data ------------------------------------------------------------------------
# The licence of every data set on /opendata/ (the publisher is MUNICIPALITY).
OPENDATA_LICENCE = {
    "name": os.environ.get("OPENDATA_LICENCE_NAME", "CC BY 4.0"),
    "url": os.environ.get(
        "OPENDATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/deed.ja"
    ),
}
