"""Browser tests and journeys: a real portal server in a subprocess, driven by Debian's chromium.

The fixtures here serve both `tests/browser/` and `tests/journeys/`: `tests/conftest.py`
loads this module as a plugin, so the session has one server whichever suites run
(a fixture imported by two conftests would be two fixtures, and start two servers).

These tests never touch the Django database from the test process (no
pytest-django db fixtures): they talk HTTP to one server started for the whole
session, on a fresh database of its own:

- SQLite (the default): a file in a temporary PORTAL_VAR_DIR, DATABASE_URL unset;
- PostgreSQL, when DATABASE_URL points at one (`make test-postgres`): a fresh
  database `portal_browser_<pid>` on that server, dropped at the end.

The server is `manage.py runserver --noreload` with `portal.settings.test`
(DEBUG off; whitenoise serves static files from the finders), after migrate,
load_districts, load_demo, a superuser for the admin tests and two staff users
(a 第二地区 district staff member and a coordinator) for the case workflow tests.
PORTAL_BASE_URL is the server's own address (canonical links, feeds, mails), and
mail is written to files in `PortalServer.mail_dir`, for the journeys to read.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

# Playwright's sync API runs an asyncio event loop in this thread; Django would
# then refuse synchronous ORM calls. These tests make none (they only speak HTTP
# to the subprocess), so the guard can be lifted for this process.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO_ROOT = Path(__file__).resolve().parents[2]
BROWSER_DIRS = [REPO_ROOT / "tests" / "browser", REPO_ROOT / "tests" / "journeys"]
SETTINGS = "portal.settings.test"
ADMIN_USERNAME = "browser-admin"
DISTRICT_STAFF_USERNAME = "browser-daini-staff"
COORDINATOR_USERNAME = "browser-coordinator"
STAFF_DISTRICT = "daini"
# The users, made in one `manage.py shell` (one Django start-up fewer than
# `createsuperuser` and then a shell): the superuser, and staff made like staff
# are (docs/staff-guide.md): a Wagtail user in the district's staff group, or in
# the coordinators' group. All share the generated DJANGO_SUPERUSER_PASSWORD.
CREATE_USERS = f"""
import os
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from home.models import DistrictPage
from home.permissions import COORDINATORS_GROUP

User = get_user_model()
password = os.environ["DJANGO_SUPERUSER_PASSWORD"]
User.objects.create_superuser("{ADMIN_USERNAME}", "{ADMIN_USERNAME}@example.jp", password)
district = DistrictPage.objects.get(
    slug="{STAFF_DISTRICT}", locale__language_code=settings.LANGUAGE_CODE
)
for username, group in [
    ("{DISTRICT_STAFF_USERNAME}", district.staff_group),
    ("{COORDINATOR_USERNAME}", Group.objects.get(name=COORDINATORS_GROUP)),
]:
    User.objects.create_user(username, f"{{username}}@example.jp", password).groups.add(group)
"""
SERVER_START_TIMEOUT = 60  # seconds
COMMAND_TIMEOUT = 300  # seconds, for each manage.py command
POSTGRES_SCHEMES = ("postgres", "postgresql", "pgsql")


def pytest_collection_modifyitems(config, items):
    """Skip every browser test, with one clear reason, when chromium is not installed."""
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(
        reason=f"{CHROMIUM} is not installed (`make chromium` installs Debian's chromium)"
    )
    for item in items:
        if set(BROWSER_DIRS) & set(Path(str(item.path)).resolve().parents):
            item.add_marker(skip)


@dataclass(frozen=True)
class PortalServer:
    url: str
    admin_username: str
    admin_password: str
    log_path: Path
    mail_dir: Path
    district_staff_username: str = DISTRICT_STAFF_USERNAME
    coordinator_username: str = COORDINATOR_USERNAME

    @property
    def staff_password(self) -> str:
        """The staff users share the superuser's (generated) password."""
        return self.admin_password

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def _fresh_database() -> Iterator[str | None]:
    """Yield the DATABASE_URL for the server (None: SQLite in PORTAL_VAR_DIR)."""
    url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(url)
    if parts.scheme not in POSTGRES_SCHEMES:
        yield None
        return

    import psycopg
    from psycopg import sql
    from psycopg.conninfo import make_conninfo

    name = f"portal_browser_{os.getpid()}"
    maintenance = make_conninfo(urlunsplit(parts._replace(scheme="postgresql")), dbname="postgres")

    def execute(statement):
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(statement)

    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    execute(drop)
    execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        execute(drop)


def _manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"manage.py {' '.join(args)} failed with exit code {result.returncode}:\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )


def _wait_until_up(process: subprocess.Popen, url: str, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"runserver exited with code {process.returncode}:\n"
                f"{log_path.read_text(errors='replace')[-3000:]}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(
        f"runserver did not answer {url} within {SERVER_START_TIMEOUT} s:\n"
        f"{log_path.read_text(errors='replace')[-3000:]}"
    )


@pytest.fixture(scope="session")
def portal_server(tmp_path_factory) -> Iterator[PortalServer]:
    """One portal server for the whole session, on a fresh database with the demo content."""
    var_dir = tmp_path_factory.mktemp("portal_var")
    log_path = var_dir / "runserver.log"
    mail_dir = var_dir / "mail"
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    password = secrets.token_urlsafe(16)
    with _fresh_database() as database_url:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "PORTAL_VAR_DIR": str(var_dir),
            "MEDIA_ROOT": str(var_dir / "media"),
            "PYTHONUNBUFFERED": "1",
            "DJANGO_SUPERUSER_PASSWORD": password,
            # Every page type needs only a few districts' demo content; all 35
            # districts are still loaded (the home page lists them).
            "DEMO_DISTRICTS": "daiichi,daini,daisan",
            # The intake tests post the form more often than a resident may
            # (5 an hour from one address by default).
            "RATE_LIMIT_INTAKE": "1000/h",
            # Likewise the volunteer sign-up and event registration forms (10 an
            # hour, one count for both): the CSP test sends each several times.
            "RATE_LIMIT_SIGNUP": "1000/h",
            # Links in pages, feeds and mails name the address the browser uses.
            "PORTAL_BASE_URL": url,
            # Mails as files (portal/settings/test.py), which the journeys read.
            "PORTAL_TEST_MAIL_DIR": str(mail_dir),
        }
        env.pop("DATABASE_URL", None)
        if database_url:
            env["DATABASE_URL"] = database_url

        # Translation catalogs are compiled by `make`; without them the pages
        # show the English msgids, which these tests tolerate.
        _manage(env, "migrate", "--no-input", "-v", "0")
        _manage(env, "load_districts")
        _manage(env, "sync_site")
        _manage(env, "load_demo")
        _manage(env, "shell", "-c", CREATE_USERS)

        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                cwd=REPO_ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            _wait_until_up(process, f"{url}/", log_path)
            yield PortalServer(url, ADMIN_USERNAME, password, log_path, mail_dir)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


@pytest.fixture(scope="session")
def playwright_driver():
    """Playwright, started once: its sync API cannot run twice at once in one process."""
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        yield playwright
    finally:
        playwright.stop()


def launch_chromium(playwright_driver, *args: str):
    """Debian's chromium, headless, with `args` added to the suite's own."""
    return playwright_driver.chromium.launch(
        executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, *args], headless=True
    )


@pytest.fixture(scope="session")
def browser(playwright_driver):
    """Debian's chromium, headless, launched once for the session."""
    browser = launch_chromium(playwright_driver)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def new_context(browser, portal_server) -> Iterator[Callable]:
    """Make a browser context on the portal (base_url set), closed after the test.

    Contexts default to a Japanese resident's browser; pass Playwright's
    `new_context` options (viewport, java_script_enabled, bypass_csp…) to change that.
    Requests to any other host (map tiles: docs/architecture.md says no test depends on
    them) are aborted at once, so the suite stays offline and fast; the
    `request` event still reports them.
    """
    contexts = []
    # Any http(s) URL not on the portal. A pattern, not a Python predicate: Playwright
    # matches a pattern in the browser, while a predicate makes every request of
    # every page (each admin page loads some twenty scripts) wait for a round trip
    # to this process; the pattern made admin pages about a fifth faster.
    is_third_party = re.compile(rf"^https?://(?!{re.escape(urlsplit(portal_server.url).netloc)}/)")

    def make(**options):
        options = {"base_url": portal_server.url, "locale": "ja-JP", **options}
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        context.route(is_third_party, lambda route: route.abort("blockedbyclient"))
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A page in a normal context: the site's Content-Security-Policy applies."""
    return new_context().new_page()


@pytest.fixture
def axe_page(new_context):
    """A page whose context ignores the site's CSP, so that axe-core can be injected."""
    return new_context(bypass_csp=True).new_page()


def load_frames_of(page) -> list:
    """Make every iframe of a page load (map iframes are `loading="lazy"`) and return them.

    Hidden iframes (the admin's preview panel, closed) are left as they are; the page is
    scrolled back to where it was (a page opened at an #anchor stays there).
    """
    scrolled = page.evaluate("() => [window.scrollX, window.scrollY]")
    frames = []
    for element in page.locator("iframe").element_handles():
        if not element.is_visible():
            continue
        element.scroll_into_view_if_needed()
        frame = element.content_frame()
        if frame is not None:
            frame.wait_for_load_state("load")
            # Leaflet's fades (clusters, tiles) leave half-transparent text for
            # a moment; what a reader and axe judge is the settled map.
            frame.wait_for_function(
                "() => document.getAnimations().every(a => a.playState !== 'running')"
            )
            frames.append(frame)
    page.evaluate("([x, y]) => window.scrollTo(x, y)", scrolled)
    return frames


@pytest.fixture
def load_frames() -> Callable:
    """`load_frames_of`, for the tests that take it as a fixture."""
    return load_frames_of
