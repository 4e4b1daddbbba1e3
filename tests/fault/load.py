"""Visitors for the fault tests: page reads and real form posts, like a browser.

Each `Visitor` keeps its own cookies (one jar per thread) and sends the CSRF cookie and
the form's token back, with the Origin a browser sends. The portal runs with
SESSION_COOKIE_SECURE/CSRF_COOKIE_SECURE behind what would be a TLS proxy; over the test's
plain HTTP a browser would drop such cookies, so the jar keeps them regardless.
"""

from __future__ import annotations

import http.client
import random
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
SHIFT = re.compile(r'name="shifts" value="(\d+)"')
TIMEOUT = 30  # seconds a visitor waits for an answer


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: str

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


class Visitor:
    """One browser: its own cookie jar; a new connection per request (gunicorn's sync
    workers close each connection anyway)."""

    def __init__(self, base_url: str):
        parts = urlsplit(base_url)
        self.origin = base_url
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {}
        self.requests = 0

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        self.requests += 1
        connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
        try:
            sent = {"Accept-Language": "ja", "User-Agent": "portal-fault-tests"}
            if self.cookies:
                sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            sent.update(headers or {})
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            raw = response.read()
            for header in response.headers.get_all("Set-Cookie") or ():
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return Response(
                response.status,
                {key.lower(): value for key, value in response.getheaders()},
                raw.decode("utf-8", "replace"),
            )
        finally:
            connection.close()

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, fields: list[tuple[str, str]]) -> Response:
        return self.request(
            "POST",
            path,
            body=urlencode(fields).encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": self.origin,
                "Referer": self.origin + path,
            },
        )


class FormUnavailable(Exception):
    """The form page itself did not load (its status is in args[0])."""


def volunteer_sign_up(visitor: Visitor, path: str, marker: str) -> Response:
    """GET the sign-up form, then post it for its first shift; the note and e-mail carry
    `marker`. Accepted: a redirect to /volunteer/thanks/…"""
    page = visitor.get(path)
    token, shift = TOKEN.search(page.body), SHIFT.search(page.body)
    if page.status != 200 or not token or not shift:
        raise FormUnavailable(page.status)
    return visitor.post(
        path,
        [
            ("csrfmiddlewaretoken", token.group(1)),
            ("shifts", shift.group(1)),
            ("name", "障害 試験"),
            ("furigana", "しょうがい しけん"),
            ("email", f"{marker}@example.jp"),
            ("phone", ""),
            ("note", marker),
            ("consent", "on"),
            ("website", ""),
        ],
    )


def sign_up_accepted(response: Response) -> bool:
    return response.status == 302 and "/volunteer/thanks/" in response.location


def intake(visitor: Visitor, path: str, marker: str) -> Response:
    """GET the participation-support intake form and post it; the request text carries
    `marker`. Accepted: a redirect to /support/thanks/… (the form's own token sent back)."""
    page = visitor.get(path)
    token, form_token = TOKEN.search(page.body), FORM_TOKEN.search(page.body)
    if page.status != 200 or not token or not form_token:
        raise FormUnavailable(page.status)
    return visitor.post(
        path,
        [
            ("csrfmiddlewaretoken", token.group(1)),
            ("form_token", form_token.group(1)),
            ("requester_type", "self"),
            ("name", "障害 試験"),
            ("furigana", "しょうがい しけん"),
            ("district", "unknown"),
            ("phone", "0263-99-0000"),
            ("email", ""),
            ("contact_method", "any"),
            ("interests", "salon"),
            ("request_text", marker),
            ("consent_contact", "on"),
            ("website", ""),
        ],
    )


def intake_accepted(response: Response) -> bool:
    return response.status == 302 and "/support/thanks/" in response.location


@dataclass
class Sample:
    started: float  # time.monotonic()
    kind: str  # "read", "signup", "intake"
    status: int  # 0: no answer (connection refused, reset, timeout)
    elapsed: float  # seconds, a form post's two requests together


@dataclass
class LoadResult:
    seconds: float
    samples: list[Sample] = field(default_factory=list)
    accepted: dict[str, list[str]] = field(default_factory=lambda: {"signup": [], "intake": []})
    rejected_posts: int = 0
    errors: Counter = field(default_factory=Counter)
    http_requests: int = 0

    @property
    def per_second(self) -> float:
        """HTTP requests a second (a form post is two: the form, then the post)."""
        return self.http_requests / self.seconds

    def statuses(self) -> Counter:
        return Counter(sample.status for sample in self.samples)

    def failures(self, after: float = 0.0) -> list[Sample]:
        return [s for s in self.samples if s.started >= after and (s.status >= 500 or not s.status)]

    def percentile(self, kind: str, share: float) -> float:
        times = sorted(s.elapsed for s in self.samples if s.kind == kind)
        return times[min(len(times) - 1, int(len(times) * share))] if times else 0.0

    def summary(self) -> str:
        latency = (
            f"page reads p50 {self.percentile('read', 0.5) * 1000:.0f} ms, "
            f"p95 {self.percentile('read', 0.95) * 1000:.0f} ms; "
        )
        counts = ", ".join(f"{status or 'no answer'}: {n}" for status, n in self.statuses().items())
        return (
            f"{self.http_requests} HTTP requests in {self.seconds:.1f} s "
            f"({self.per_second:.1f}/s); {len(self.samples)} page reads and form posts: "
            f"{counts}; {latency}accepted sign-ups {len(self.accepted['signup'])}, "
            f"intakes {len(self.accepted['intake'])}; posts not accepted {self.rejected_posts}"
            + (f"; client errors {dict(self.errors)}" if self.errors else "")
        )


def run_load(
    base_url: str,
    *,
    seconds: float,
    concurrency: int,
    reads: list[str],
    signup_paths: list[str],
    intake_path: str,
    marker: str,
    post_share: float = 0.15,
) -> LoadResult:
    """`concurrency` visitors for `seconds`: reads, and a form post in `post_share` of
    their turns (sign-ups and intakes alike). Every request's time and status is kept."""
    result = LoadResult(seconds)
    lock = threading.Lock()
    counter = iter(range(10**9))
    deadline = time.monotonic() + seconds

    def note(error: Exception) -> None:
        with lock:
            result.errors[type(error).__name__] += 1

    def record(kind, status, started):
        with lock:
            result.samples.append(Sample(started, kind, status, time.monotonic() - started))

    def visit(number: int) -> None:
        rng = random.Random(number)
        visitor = Visitor(base_url)
        while time.monotonic() < deadline:
            started = time.monotonic()
            if rng.random() >= post_share:
                try:
                    status = visitor.get(rng.choice(reads)).status
                except Exception as error:  # no answer: refused, reset, timed out
                    status = 0
                    note(error)
                record("read", status, started)
                continue
            kind = "signup" if rng.random() < 0.5 else "intake"
            with lock:
                mark = f"{marker}-{next(counter)}"
            try:
                if kind == "signup":
                    response = volunteer_sign_up(visitor, rng.choice(signup_paths), mark)
                    accepted = sign_up_accepted(response)
                else:
                    response = intake(visitor, intake_path, mark)
                    accepted = intake_accepted(response)
                status = response.status
            except FormUnavailable as error:
                status, accepted = error.args[0], False
            except Exception as error:  # no answer: refused, reset, timed out
                status, accepted = 0, False
                note(error)
            record(kind, status, started)
            with lock:
                if accepted:
                    result.accepted[kind].append(mark)
                else:
                    result.rejected_posts += 1
        with lock:
            result.http_requests += visitor.requests

    threads = [threading.Thread(target=visit, args=(n,), daemon=True) for n in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + TIMEOUT * 3)
    result.seconds = time.monotonic() - started
    return result
