import os
import subprocess
import sys

import pytest
from django.conf import settings

from portal import page_cache
from portal.security import permissions_policy

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/en/", "/districts/", "/districts/daini/", "/privacy/"])
def test_public_pages_send_a_strict_content_security_policy(client, path):
    policy = client.get(path)["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert "unsafe" not in policy


def test_not_found_pages_send_the_policy_too(client):
    assert "script-src 'self'" in client.get("/no-such-page/")["Content-Security-Policy"]


def test_admin_gets_its_relaxed_policy_and_nothing_else_does(client):
    admin_policy = client.get("/admin/login/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in admin_policy
    assert "'unsafe-inline'" not in client.get("/administration/")["Content-Security-Policy"]


def test_public_pages_set_no_cookie(client):
    assert not client.get("/districts/daini/").cookies


def test_security_headers_are_sent(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def features(response) -> dict[str, str]:
    return dict(part.strip().split("=", 1) for part in response["Permissions-Policy"].split(","))


@pytest.mark.parametrize("path", ["/", "/districts/daini/", "/privacy/", "/en/", "/no-such-page/"])
def test_geolocation_is_denied_where_there_is_no_near_me_button(client, path):
    assert features(client.get(path))["geolocation"] == "()"


@pytest.mark.parametrize("path", ["/places/", "/en/places/", "/places/?kind=salon"])
def test_the_places_list_with_its_near_me_button_may_ask_for_the_location(client, path):
    policy = features(client.get(path))
    assert policy["geolocation"] == "(self)"
    assert policy["camera"] == "()"


def test_the_map_documents_of_the_places_list_may_not_ask_for_the_location(client):
    assert features(client.get("/places/map/"))["geolocation"] == "()"


def test_a_cached_places_list_keeps_its_geolocation_permission(client, settings):
    settings.PAGE_CACHE_ENABLED = True
    page_cache.generation.forget()
    try:
        first = client.get("/places/")
        second = client.get("/places/")
        other = client.get("/districts/daini/")
        again = client.get("/districts/daini/")
    finally:
        page_cache.generation.forget()
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert features(second)["geolocation"] == "(self)"
    assert again["X-Page-Cache"] == "hit"
    assert features(other)["geolocation"] == features(again)["geolocation"] == "()"


def test_a_configured_geolocation_permission_is_not_sent_to_every_page(settings):
    settings.PERMISSIONS_POLICY = "camera=(), geolocation=(self)"
    assert permissions_policy(geolocation=False) == "camera=(), geolocation=()"
    assert permissions_policy(geolocation=True) == "camera=(), geolocation=(self)"


def test_public_pages_load_no_inline_script_or_style(client):
    html = client.get("/districts/daini/").content.decode()
    assert "<script>" not in html and "<style" not in html and " style=" not in html


def _import_production_settings(**env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "TRUSTED_PROXIES")
    }
    environment.setdefault("TRUSTED_PROXIES", "none")
    environment.update(env, DJANGO_SETTINGS_MODULE="portal.settings.production")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _import_production_settings(ALLOWED_HOSTS="portal.example.jp")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _import_production_settings(SECRET_KEY="s" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_starts_with_both():
    result = _import_production_settings(SECRET_KEY="s" * 50, ALLOWED_HOSTS="portal.example.jp")
    assert result.returncode == 0, result.stderr
