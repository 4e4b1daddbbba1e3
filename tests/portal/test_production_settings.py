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
    "trusted_proxies": settings.TRUSTED_PROXIES,
    "proxy_ssl_header": settings.SECURE_PROXY_SSL_HEADER,
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
            "TRUSTED_PROXIES",
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
            "TRUSTED_PROXIES": "10.0.1.5,10.0.2.0/24",
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


def test_production_refuses_to_start_without_the_trusted_proxies(tmp_path):
    result = manage(tmp_path, "check", TRUSTED_PROXIES="")

    assert "TRUSTED_PROXIES must be set in production" in result.stderr


def test_production_refuses_a_proxy_that_is_not_an_address(tmp_path):
    result = manage(tmp_path, "check", TRUSTED_PROXIES="10.0.1.5,balancer.example.jp")

    assert "'balancer.example.jp' is not an address or a network" in result.stderr


def dump(tmp_path, **env) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", DUMP],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env=production_env(tmp_path, **env),
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    return dump(
        tmp_path_factory.mktemp("production"),
        REDIS_URL="redis://127.0.0.1:6379/3",
        EMAIL_URL="smtp://portal:p%40ss@mail.example.jp:587",
        MEDIA_STORAGE="s3",
        MEDIA_S3_BUCKET="portal-media",
        MEDIA_S3_CUSTOM_DOMAIN="media.example.jp",
    )


def test_production_believes_forwarded_addresses_only_from_the_named_balancers(production):
    assert production["trusted_proxies"] == ["10.0.1.5", "10.0.2.0/24"]


def test_production_behind_a_balancer_takes_the_scheme_from_it(production):
    assert production["proxy_ssl_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_a_server_facing_the_internet_directly_believes_no_forwarded_header(tmp_path):
    settings = dump(tmp_path, TRUSTED_PROXIES="none")

    assert (settings["trusted_proxies"], settings["proxy_ssl_header"]) == ([], None)


def gunicorn_config(tmp_path, **env) -> str:
    return subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--print-config", "x:y"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env=production_env(tmp_path, **env),
    ).stdout


def test_gunicorn_trusts_the_same_balancers_for_the_scheme(tmp_path):
    config = gunicorn_config(tmp_path, FORWARDED_ALLOW_IPS="*")

    assert "forwarded_allow_ips                = ['10.0.1.5', '10.0.2.0/24']" in config


def test_gunicorn_trusts_no_one_for_a_server_facing_the_internet(tmp_path):
    config = gunicorn_config(tmp_path, TRUSTED_PROXIES="none")

    assert "forwarded_allow_ips                = []" in config


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
