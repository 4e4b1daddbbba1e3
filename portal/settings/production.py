"""Settings for a city's servers: every web node, worker and cron job runs with these.

Configured by the environment only (docs/operations.md, "Production"). Refuses to start
without SECRET_KEY, ALLOWED_HOSTS and TRUSTED_PROXIES.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    CACHES,
    CONTENT_SECURITY_POLICY,
    DATABASES,
    STORAGES,
    env_bool,
    env_list,
    tasks_from_env,
    trusted_proxies_from_env,
)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment in production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set in the environment in production (comma-separated)."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The load balancer's addresses, or "none": required, never guessed (docs/operations.md, "Layout").
TRUSTED_PROXIES = trusted_proxies_from_env(default=None)

DEBUG = False

# --- Database: persistent connections, checked before reuse -------------------------
# A connection that died with a database restart is noticed and replaced at the
# start of the next request, so the app recovers without being restarted.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# --- Tasks: django-tasks-db, run by `manage.py task_worker` on any node--------------
TASKS = tasks_from_env("database")

# --- Cache: Redis shared by every node; the site keeps serving while it is down -----
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "portal.cache.ResilientRedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
    }

# --- Static files and media ---------------------------------------------------------
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
# MEDIA_STORAGE "filesystem" (MEDIA_ROOT, shared between nodes, e.g. over NFS) or
# "s3" (any S3-compatible object storage; `pip install -e ".[s3]"`).
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE == "s3":
    if not os.environ.get("MEDIA_S3_BUCKET"):
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs MEDIA_S3_BUCKET (the bucket's name).")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("MEDIA_S3_BUCKET", ""),
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "custom_domain": os.environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
            # Public pages are cached whole: their image URLs must not expire.
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        },
    }
    _media_host = (
        os.environ.get("MEDIA_S3_CUSTOM_DOMAIN")
        or urlsplit(os.environ.get("MEDIA_S3_ENDPOINT_URL", "https://s3.amazonaws.com")).netloc
    )
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] = [
        *CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
        f"https://{_media_host}",
    ]
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be filesystem or s3, not {MEDIA_STORAGE!r}.")

# --- HTTPS and cookies --------------------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# X-Forwarded-Proto is the balancer's word; a server facing the internet itself (no
# proxy) knows its scheme and believes no header a client could send.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXIES else None
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Allows (does not make) a submission to the browsers' HSTS preload list.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)

# --- Staff login --------------------------------------------------------------------
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", True)
