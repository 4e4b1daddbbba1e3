"""The production settings: refused without secrets, clean under `check --deploy`."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.settings.base import email_settings_from_url, tasks_from_env

ROOT = Path(__file__).resolve().parents[2]
# The settings module read as Python: no Django start-up (boto3, for S3, is an optional extra).
DUMP = """
import json
from portal.settings import production as settings
print(json.dumps({
    "cache": settings.CACHES["default"]["BACKEND"],
    "tasks": settings.TASKS["default"]["BACKEND"],
    "sessions": settings.SESSION_ENGINE,
    "two_factor": settings.TWO_FACTOR_REQUIRED,
    "conn_health_checks": settings.DATABASES["default"]["CONN_HEALTH_CHECKS"],
    "media": settings.STORAGES["default"]["BACKEND"],
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "email": [settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT],
}))
"""


def production_env(tmp_path, **extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        # DJANGO_ALLOW_ASYNC_UNSAFE: set by the browser tests for their own process only.
        if key
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "EMAIL_URL",
            "TASKS_BACKEND",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "portal.example.jp",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}",
            "PORTAL_VAR_DIR": str(tmp_path),
            **extra,
        }
    )
    return env


def manage(tmp_path, *args, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=production_env(tmp_path, **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing(tmp_path):
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = manage(tmp_path, "check", SECRET_KEY="")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("production")
    result = subprocess.run(
        [sys.executable, "-c", DUMP],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env=production_env(
            tmp_path,
            REDIS_URL="redis://127.0.0.1:6379/3",
            EMAIL_URL="smtp://portal:p%40ss@mail.example.jp:587",
            MEDIA_STORAGE="s3",
            MEDIA_S3_BUCKET="portal-media",
            MEDIA_S3_CUSTOM_DOMAIN="media.example.jp",
        ),
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_caches_in_redis_and_keeps_serving_without_it(production):
    assert production["cache"] == "portal.cache.ResilientRedisCache"


def test_production_runs_tasks_on_database_workers(production):
    assert production["tasks"] == "django_tasks_db.DatabaseBackend"


def test_production_keeps_sessions_in_the_database_behind_the_cache(production):
    assert production["sessions"] == "django.contrib.sessions.backends.cached_db"


def test_production_requires_two_factor_login(production):
    assert production["two_factor"] is True


def test_production_checks_database_connections_before_reuse(production):
    assert production["conn_health_checks"] is True


def test_production_can_keep_media_in_object_storage_and_allow_its_images(production):
    assert production["media"] == "storages.backends.s3.S3Storage"
    assert "https://media.example.jp" in production["img_src"]


def test_production_sends_mail_through_the_smtp_server_of_email_url(production):
    assert production["email"] == [
        "django.core.mail.backends.smtp.EmailBackend",
        "mail.example.jp",
        587,
    ]


def test_an_smtp_url_gives_host_port_credentials_and_starttls():
    config = email_settings_from_url("smtp://portal%40city:p%40ss@mail.example.jp:587")

    assert config["EMAIL_HOST"] == "mail.example.jp"
    assert config["EMAIL_PORT"] == 587
    assert config["EMAIL_HOST_USER"] == "portal@city"
    assert config["EMAIL_HOST_PASSWORD"] == "p@ss"
    assert config["EMAIL_USE_TLS"] and not config["EMAIL_USE_SSL"]


def test_an_smtps_url_uses_implicit_tls_on_465():
    config = email_settings_from_url("smtps://mail.example.jp")

    assert config["EMAIL_PORT"] == 465
    assert config["EMAIL_USE_SSL"] and not config["EMAIL_USE_TLS"]


def test_a_local_relay_on_port_25_is_plain_smtp():
    config = email_settings_from_url("smtp://127.0.0.1:25")

    assert not config["EMAIL_USE_TLS"] and not config["EMAIL_USE_SSL"]


def test_an_unknown_mail_scheme_says_what_to_write():
    with pytest.raises(ImproperlyConfigured, match="smtp://user:password@"):
        email_settings_from_url("mailto:portal@example.jp")


def test_an_unknown_task_backend_says_which_exist(monkeypatch):
    monkeypatch.setenv("TASKS_BACKEND", "celery")

    with pytest.raises(ImproperlyConfigured, match="immediate, database"):
        tasks_from_env("immediate")
