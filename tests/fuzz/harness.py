"""Running a target's examples and counting what the portal answered.

A target is one public route (its path and query parameters) or one public form
(its fields), with a strategy that draws requests (`Call`) and explicit boundary
examples that always run. Each example runs in a savepoint that is rolled back, so
examples are independent. The properties checked on every example:

- never a server error (the test client re-raises a view's exception; a 5xx
  response without one fails too);
- nothing half-written: a POST that is not accepted changes no row of the models
  the target names;
- at the end, at least `REACHED_SHARE` of the target's examples reached parameter or
  form validation.

"Reached validation" means: the path resolves to the target's own view (not a 404 of
a route that cannot match, e.g. a negative number in an `<int:…>` segment), and the
answer is not a CSRF refusal (403), a rate limit (429) or a refused method (405).
So it is one of: accepted (2xx/3xx), a form re-rendered with errors, a 400, a 404
*from the view itself* after it parsed the parameter (an id or a slug that names
nothing), or a 404 of a route whose bounded `<id:…>` converter refused an id beyond
64 bits (portal/converters.py: the route's own validation). The counts of each outcome
are printed at the end of the run.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from unittest import mock
from urllib.parse import quote

from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import translation
from hypothesis import example, given

from portal.converters import IdConverter

REACHED_SHARE = 0.8
REACHED = (
    "accepted",
    "form error",
    "rejected (400)",
    "not found (by the view)",
    "out of bounds (404)",
)


@dataclass(frozen=True)
class Call:
    """One request: method, language, path segments (quoted here) and parameters."""

    method: str
    segments: tuple[str, ...]
    params: dict = field(default_factory=dict)
    language: str = "ja"

    @property
    def path(self) -> str:
        prefix = "" if self.language == "ja" else f"/{self.language}"
        return prefix + "/" + "/".join(quote(part, safe="") for part in self.segments)

    @property
    def raw_path(self) -> str:
        """The path as the resolver sees it (unquoted)."""
        prefix = "" if self.language == "ja" else f"/{self.language}"
        return prefix + "/" + "/".join(self.segments)


@dataclass
class Tally:
    examples: int = 0
    outcomes: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)

    @property
    def reached(self) -> int:
        return sum(self.outcomes[name] for name in REACHED)

    @property
    def share(self) -> float:
        return self.reached / self.examples if self.examples else 0.0


#: Target name → its counts, printed by the terminal summary (conftest.py).
TALLIES: dict[str, Tally] = {}


def route_of(call: Call, url_name: str) -> str | None:
    """ "view" when the path resolves to the target's view; "bounds" when only a bounded
    converter refused it (`<id:…>` beyond 64 bits: the route's own validation, a 404);
    None when it cannot reach the target at all."""
    with translation.override(call.language):
        if _resolves(call.raw_path, url_name):
            return "view"
        with mock.patch.object(IdConverter, "to_python", lambda self, value: int(value)):
            if _resolves(call.raw_path, url_name):
                return "bounds"
    return None


def _resolves(path: str, url_name: str) -> bool:
    try:
        return resolve(path).view_name == url_name
    except Resolver404:
        return False


def form_errors(response) -> bool:
    context = getattr(response, "context", None)
    if not context:
        return False
    form = context.get("form")
    return bool(form is not None and form.is_bound and form.errors)


def classify(response, route: str | None) -> str:
    status = response.status_code
    if status >= 500:
        return "server error"
    if route is None:
        return "unrouted"
    if route == "bounds":
        return "out of bounds (404)" if status == 404 else f"out of bounds ({status})"
    if status == 403:
        return "refused (403)"
    if status == 429:
        return "rate limited"
    if status == 405:
        return "method not allowed"
    if status == 400:
        return "rejected (400)"
    if status == 404:
        return "not found (by the view)"
    if status >= 400:
        return f"other {status}"
    if form_errors(response):
        return "form error"
    return "accepted"


def csrf_token(client, path: str) -> str:
    """The token a browser would post: the one in the form of the page at `path`."""
    response = client.get(path)
    assert response.status_code == 200, path
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    assert match, f"no CSRF token in the form at {path}"
    return match.group(1)


@dataclass
class Target:
    """A public route or form under test.

    `calls` builds the strategy of requests (from the test's world: ids, tokens);
    `examples` the boundary requests that always run; `url_name` is the view the
    path must reach; `rows` counts what a rejected POST must leave unchanged;
    `accepted` tells a successful POST (its one status code) from a rejected one: a target
    with `rows` names it.
    """

    name: str
    url_name: str
    calls: Callable[[dict], object]
    examples: Callable[[dict], Iterable[Call]] = lambda world: ()
    rows: Callable[[], tuple] | None = None
    accepted: Callable[[object], bool] | None = None
    form_page: Callable[[dict], str] | None = None

    def __post_init__(self):
        assert self.rows is None or self.accepted is not None, f"{self.name}: no `accepted`"

    def __str__(self) -> str:
        return self.name


def exercise(target: Target, client, world: dict) -> Tally:
    """Run the target's examples (the loaded Hypothesis profile says how many)."""
    tally = TALLIES.setdefault(target.name, Tally())
    token = csrf_token(client, target.form_page(world)) if target.form_page else None

    def check(call: Call) -> None:
        params = dict(call.params)
        if token is not None and call.method == "POST":
            params.setdefault("csrfmiddlewaretoken", token)
        with transaction.atomic():
            before = target.rows() if target.rows else None
            if call.method == "POST":
                response = client.post(call.path, params)
            else:
                response = client.get(call.path, params)
            outcome = classify(response, route_of(call, target.url_name))
            tally.examples += 1
            tally.outcomes[outcome] += 1
            tally.statuses[response.status_code] += 1
            assert response.status_code < 500, (call, response.status_code)
            if before is not None and not (outcome == "accepted" and target.accepted(response)):
                assert target.rows() == before, f"a rejected post wrote rows: {call}"
            transaction.set_rollback(True)

    test = given(target.calls(world))(check)
    for call in reversed(list(target.examples(world))):
        test = example(call)(test)
    test()
    return tally
