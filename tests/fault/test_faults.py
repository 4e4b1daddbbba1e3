"""The portal under load and when PostgreSQL, Redis or the mail server fail.

Run with `make test-fault` (about three minutes; FAULT_LOAD_SECONDS shortens the load test,
60 by default). Every figure is printed (`-s` or the captured output of a failure) so that a
run can be compared with docs/testing.md's.
"""

from __future__ import annotations

import os
import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .load import (
    Visitor,
    intake,
    intake_accepted,
    run_load,
    sign_up_accepted,
    volunteer_sign_up,
)

pytestmark = pytest.mark.fault

LOAD_SECONDS = float(os.environ.get("FAULT_LOAD_SECONDS", "60"))
CONCURRENCY = 20
# After PostgreSQL is back, the first requests of each gunicorn worker may still meet the
# connection that broke: CONN_HEALTH_CHECKS replaces it at the next request. A few seconds
# is generous for that.
RECOVERY_SECONDS = 5


def stored_markers(site, prefix: str) -> set[str]:
    """The markers of the sign-ups and intakes that are in the database."""
    pattern = prefix + "%"
    rows = site.stack.postgres.query(
        "SELECT note FROM volunteers_shiftsignup WHERE note LIKE %s "
        "UNION ALL SELECT request_text FROM support_supportcase WHERE request_text LIKE %s",
        (pattern, pattern),
    )
    return {row[0] for row in rows}


def load(site, marker: str, seconds: float, concurrency: int = CONCURRENCY):
    return run_load(
        site.url,
        seconds=seconds,
        concurrency=concurrency,
        reads=site.reads,
        signup_paths=site.signup_paths,
        intake_path=site.intake_path,
        marker=marker,
    )


def assert_every_accepted_form_stored(site, result, marker: str) -> None:
    accepted = set(result.accepted["signup"]) | set(result.accepted["intake"])
    assert accepted, f"no form was accepted: {result.summary()}"
    lost = accepted - stored_markers(site, marker)
    assert not lost, f"{len(lost)} accepted forms are not in the database: {sorted(lost)[:5]}"


def marker() -> str:
    return f"fault-{secrets.token_hex(4)}"


def test_mixed_load_gives_no_server_error_and_stores_every_accepted_form(site):
    mark = marker()
    result = load(site, mark, LOAD_SECONDS)
    print(f"\nLoad, concurrency {CONCURRENCY}: {result.summary()}")

    assert result.failures() == [], result.summary() + "\n" + site.stack.log_tail()
    assert result.accepted["signup"] and result.accepted["intake"], result.summary()
    assert_every_accepted_form_stored(site, result, mark)


class HealthPoller:
    """GET /healthz every 50 ms in a thread; keeps (time, status), 0 for no answer."""

    def __init__(self, url: str):
        self.url = url
        self.samples: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        visitor = Visitor(self.url)
        while not self._stop.is_set():
            try:
                status = visitor.get("/healthz").status
            except OSError:
                status = 0
            self.samples.append((time.monotonic(), status))
            time.sleep(0.05)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=30)

    def wait_for(self, status: int, after: float, timeout: float = 15) -> float:
        """The time of the first `status` answer after `after`; fails after `timeout`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for at, seen in list(self.samples):
                if at >= after and seen == status:
                    return at
            time.sleep(0.02)
        raise AssertionError(f"/healthz never answered {status}: {self.samples[-10:]}")


def test_postgres_restart_during_load_recovers_without_restarting_gunicorn(site):
    """PostgreSQL goes down in the middle of a load and comes back (what `pg_ctl restart -m
    fast` does, in its two steps so that /healthz can be seen answering 503 in between)."""
    mark = marker()
    gunicorn_pid = site.stack.gunicorn.pid
    outcome = {}
    loader = threading.Thread(
        target=lambda: outcome.setdefault("result", load(site, mark, 25)), daemon=True
    )
    with HealthPoller(site.url) as health:
        loader.start()
        time.sleep(6)
        stopped_at = time.monotonic()
        site.stack.postgres.stop("fast")
        health.wait_for(503, after=stopped_at)
        time.sleep(2)  # requests meet a database that is down for a moment
        site.stack.postgres.start()
        started_at = time.monotonic()
        healthy_at = health.wait_for(200, after=started_at)
        loader.join(timeout=120)
    result = outcome["result"]
    recovered = healthy_at - started_at
    failures = result.failures()
    late = result.failures(after=started_at + RECOVERY_SECONDS)
    last_failure = max((f.started for f in failures), default=started_at) - started_at
    print(
        f"\nPostgreSQL down {started_at - stopped_at:.1f} s; /healthz 200 again "
        f"{recovered:.2f} s after it started; last failed request "
        f"{max(last_failure, 0):.2f} s after; {len(failures)} failed requests; "
        f"{result.summary()}"
    )

    assert site.stack.gunicorn.poll() is None and site.stack.gunicorn.pid == gunicorn_pid
    assert recovered < RECOVERY_SECONDS
    assert late == [], f"{len(late)} requests failed after recovery:\n{site.stack.log_tail()}"
    assert_every_accepted_form_stored(site, result, mark)
    assert Visitor(site.url).get("/healthz").status == 200


def test_pages_and_forms_work_while_redis_is_down(site):
    site.stack.redis.stop()
    try:
        mark = marker()
        result = load(site, mark, min(LOAD_SECONDS, 10), concurrency=5)
        print(f"\nRedis down: {result.summary()}")
        assert result.failures() == [], result.summary() + "\n" + site.stack.log_tail()
        assert result.accepted["signup"] and result.accepted["intake"], result.summary()
        assert_every_accepted_form_stored(site, result, mark)
    finally:
        site.stack.redis.start()
    assert Visitor(site.url).get("/").status == 200
    assert Visitor(site.url).get("/healthz").status == 200


def test_sign_up_while_the_mail_server_is_down_is_mailed_by_send_outbox_later(site):
    postgres, smtp = site.stack.postgres, site.stack.smtp
    mark = marker()
    address = f"{mark}@example.jp"
    smtp.stop()
    try:
        response = volunteer_sign_up(Visitor(site.url), site.signup_paths[0], mark)
        assert sign_up_accepted(response), (response.status, site.stack.log_tail())
        assert stored_markers(site, mark) == {mark}
        status = postgres.query(
            'SELECT status FROM portal_outboxmessage WHERE "to"::text LIKE %s', (f"%{address}%",)
        )
        assert status == [("pending",)]
        # A task worker tries at once and fails; only then is the mail server back.
        wait_until(
            lambda: (
                postgres.query(
                    'SELECT attempts FROM portal_outboxmessage WHERE "to"::text LIKE %s',
                    (f"%{address}%",),
                )
                == [(1,)]
            ),
            "a worker to try the mail",
            site.stack.workers_report,
        )
    finally:
        smtp.start()
    assert not smtp.received(address)

    # A failed send waits a minute before its retry (portal.outbox.BACKOFF_MINUTES); the
    # test makes it due now instead of waiting for cron's next run.
    postgres.query(
        'UPDATE portal_outboxmessage SET next_attempt_at = now() WHERE "to"::text LIKE %s '
        "AND status = 'pending' RETURNING id",
        (f"%{address}%",),
    )
    output = site.stack.manage("send_outbox", "--limit", "100000")

    assert smtp.received(address), output
    assert postgres.query(
        'SELECT status FROM portal_outboxmessage WHERE "to"::text LIKE %s', (f"%{address}%",)
    ) == [("sent",)]


def wait_until(condition, what: str, report=lambda: "", timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout} s for {what}\n{report()}")
        time.sleep(0.2)


def test_two_task_workers_send_each_mail_exactly_once(site):
    """Sign-ups queue their confirmation mails as django-tasks-db tasks; the stack's two
    `db_worker` processes share them, and each mail reaches the mail server once."""
    postgres, smtp = site.stack.postgres, site.stack.smtp
    mark = marker()
    markers = [f"{mark}-{n}" for n in range(20)]
    paths = site.signup_paths
    with ThreadPoolExecutor(max_workers=10) as pool:
        responses = list(
            pool.map(
                lambda n: volunteer_sign_up(Visitor(site.url), paths[n % len(paths)], markers[n]),
                range(len(markers)),
            )
        )
    assert all(sign_up_accepted(response) for response in responses)

    def pending() -> int:
        return postgres.query(
            "SELECT count(*) FROM portal_outboxmessage "
            "WHERE \"to\"::text LIKE %s AND status <> 'sent'",
            (f"%{mark}-%",),
        )[0][0]

    wait_until(lambda: pending() == 0, "the workers to send every mail", site.stack.workers_report)
    deliveries = {
        item: sum(1 for recipients, _raw in smtp.messages if f"{item}@example.jp" in recipients)
        for item in markers
    }
    runs = postgres.query(
        "SELECT worker_ids::text, count(*) FROM django_tasks_database_dbtaskresult "
        "WHERE status = 'SUCCESSFUL' GROUP BY 1 ORDER BY 1"
    )
    print(f"\nTasks run per worker: {runs}")

    assert set(deliveries.values()) == {1}, deliveries
    assert all(worker_ids.count(",") == 0 for worker_ids, _count in runs)


def test_backup_while_serving_and_restore_on_postgres(site, tmp_path: Path):
    stack = site.stack
    before = marker()
    response = volunteer_sign_up(Visitor(site.url), site.signup_paths[0], before)
    assert sign_up_accepted(response)
    counts_before = stack.postgres.query("SELECT count(*) FROM wagtailcore_page")

    # Backed up while gunicorn keeps serving (pg_dump reads one snapshot).
    with HealthPoller(site.url) as health:
        print("\n" + stack.manage("backup", str(tmp_path / "backup")).strip())
    assert {status for _, status in health.samples} == {200}

    after = marker()
    assert sign_up_accepted(volunteer_sign_up(Visitor(site.url), site.signup_paths[0], after))
    assert stored_markers(site, after) == {after}

    print(stack.manage("restore", str(tmp_path / "backup"), "--no-input").strip())

    assert stored_markers(site, before) == {before}
    assert stored_markers(site, after) == set()
    assert stack.postgres.query("SELECT count(*) FROM wagtailcore_page") == counts_before
    # The workers' connections survived the restore (the server was never restarted).
    visitor = Visitor(site.url)
    assert visitor.get("/").status == 200
    assert visitor.get("/healthz").status == 200
    assert intake_accepted(intake(visitor, site.intake_path, marker()))
