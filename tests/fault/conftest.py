"""Fault and load tests (marker `fault`): `make test-fault`, i.e. `pytest -m fault tests/fault`.

They need a minute or more and start servers of their own, so they run only when asked for
by `-m fault`: any other pytest run (`make test`, `make test-postgres`, `pytest tests`)
deselects them. One session fixture starts the whole stack once (stack.py): PostgreSQL,
Redis and an SMTP sink of the tests' own, then `migrate`, `load_districts` (two districts),
`load_demo` and `collectstatic`, then gunicorn with `portal.settings.production`.
"""

from __future__ import annotations

import re
import shutil
import signal
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest

from .load import Visitor
from .stack import Postgres, Redis, SMTPSink, Stack

FAULT_DIR = Path(__file__).resolve().parent


def _fault_selected(config) -> bool:
    expression = config.getoption("markexpr", "") or ""
    return "fault" in expression and "not fault" not in expression


def pytest_collection_modifyitems(config, items):
    """Deselect the fault tests unless `-m fault` asked for them."""
    if _fault_selected(config):
        return
    kept, dropped = [], []
    for item in items:
        in_fault_dir = FAULT_DIR in Path(str(item.path)).resolve().parents
        (dropped if in_fault_dir else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@dataclass
class Site:
    """The running stack and the paths a visitor uses."""

    stack: Stack
    reads: list[str]
    signup_paths: list[str]
    intake_path: str

    @property
    def url(self) -> str:
        return self.stack.url


def _discover(stack: Stack) -> Site:
    """Pages to read and forms to post, found like a visitor finds them: by following links."""
    visitor = Visitor(stack.url)
    links = set()
    for path in ("/places/", "/volunteer/"):
        page = visitor.get(path)
        assert page.status == 200, f"{path}: {page.status}\n{stack.log_tail()}"
        links |= set(re.findall(r'href="(/districts/[a-z0-9-]+/[a-z0-9-]+/)"', page.body))
    signup_paths, places = [], []
    for link in sorted(links):
        form = re.search(r'href="(/volunteer/\d+/signup/)"', visitor.get(link).body)
        if form and 'name="shifts"' in visitor.get(form.group(1)).body:
            signup_paths.append(form.group(1))
        else:
            places.append(link)
    assert signup_paths, "the demo has no volunteer opportunity with an open sign-up form"
    assert places, "the demo has no place pages"
    reads = [
        "/",
        "/districts/",
        "/districts/daini/",
        "/districts/daiichi/",
        "/places/",
        "/events/",
        "/events/calendar/",
        "/volunteer/",
        "/en/",
        "/search/?" + urlencode({"q": "体操"}),
        "/search/?" + urlencode({"q": "サロン"}),
        *places[:6],
    ]
    # Each page once, as a node that has been serving for a while has: the load measures
    # a warm portal, and a page that does not answer 200 fails here, not in the middle.
    for path in [*reads, *signup_paths, "/support/"]:
        status = visitor.get(path).status
        assert status == 200, f"{path}: {status}\n{stack.log_tail()}"
    return Site(stack, reads, signup_paths, "/support/")


def _interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    """The production stack, started once for every fault test and stopped at the end,
    also when starting it fails half-way."""
    # A CI timeout ends pytest with SIGTERM: turned into KeyboardInterrupt, it still runs
    # the finally below, so no server outlives the run.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    var_dir = Path(tempfile.mkdtemp(prefix="portal-fault-"))
    postgres = Postgres()
    redis = Redis(var_dir)
    smtp = SMTPSink()
    stack = Stack(postgres, redis, smtp, var_dir)
    try:
        postgres.init()
        redis.start()
        smtp.start()
        stack.write_districts_file()
        stack.manage("migrate", "--no-input", "-v", "0")
        stack.manage("load_districts")
        stack.manage("load_demo")
        stack.manage("collectstatic", "--no-input", "-v", "0")
        stack.start_gunicorn()
        stack.start_workers(2)
        yield _discover(stack)
    finally:
        stack.stop_workers()
        stack.stop_gunicorn()
        redis.stop()
        smtp.stop()
        postgres.destroy()
        shutil.rmtree(var_dir, ignore_errors=True)
        signal.signal(signal.SIGTERM, previous)
