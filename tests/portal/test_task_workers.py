"""Production's tasks: queued in the database, run once by `manage.py db_worker`."""

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from portal.models import OutboxMessage
from portal.outbox import queue_mail

# The worker closes database connections between tasks, as it should in production:
# these tests commit for real instead of running inside one rolled-back transaction.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def queue() -> OutboxMessage:
    return queue_mail(to="yamada@example.jp", subject="確認", body="本文", kind="test")


def test_a_mail_waits_in_the_database_for_a_worker():
    queue()

    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert mail.outbox == []


def test_a_worker_sends_the_queued_mail():
    message = queue()

    run_worker()

    assert [sent.to for sent in mail.outbox] == [["yamada@example.jp"]]
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_second_worker_run_sends_nothing_again():
    queue()
    run_worker()

    run_worker()

    assert len(mail.outbox) == 1


def test_the_task_worker_starts_again_after_a_database_outage(monkeypatch):
    from django.db.utils import OperationalError
    from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

    runs, pauses = [], []

    def handle(self, **options):
        runs.append(options)
        if len(runs) < 3:
            raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(DBWorkerCommand, "handle", handle)
    monkeypatch.setattr("portal.management.commands.task_worker.time.sleep", pauses.append)

    call_command("task_worker", batch=True, no_startup_delay=True, verbosity=0)

    assert len(runs) == 3
    assert pauses == [1.0, 2.0]
