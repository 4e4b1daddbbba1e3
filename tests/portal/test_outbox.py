import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from portal.models import OutboxMessage
from portal.outbox import queue_mail, send_due

pytestmark = pytest.mark.django_db


def test_mail_is_sent_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_mail(to="yamada@example.jp", subject="確認", body="本文", kind="test")
        assert mail.outbox == []
    assert [m.to for m in mail.outbox] == [["yamada@example.jp"]]
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT


def test_nothing_is_sent_for_a_rolled_back_transaction(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue_mail(to="yamada@example.jp", subject="確認", body="本文", kind="test")
    # The test's transaction is rolled back: the callbacks never run.
    assert len(callbacks) == 1 and mail.outbox == []


def test_failed_mail_is_kept_for_a_retry_without_personal_data(
    broken_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_mail(to="yamada@example.jp", subject="確認", body="本文", kind="test")
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1
    assert message.next_attempt_at > timezone.now()
    assert message.last_error == "BrokenMailServer"


def test_send_outbox_retries_what_is_due(monkeypatch):
    message = queue_mail(to="yamada@example.jp", subject="確認", body="本文", kind="test")
    OutboxMessage.objects.filter(pk=message.pk).update(
        attempts=2, next_attempt_at=timezone.now() - dt.timedelta(seconds=1)
    )
    out = StringIO()
    call_command("send_outbox", stdout=out)
    assert "1 sent" in out.getvalue()
    assert len(mail.outbox) == 1


def test_mail_not_yet_due_waits():
    message = queue_mail(to="yamada@example.jp", subject="確認", body="本文", kind="test")
    OutboxMessage.objects.filter(pk=message.pk).update(
        next_attempt_at=timezone.now() + dt.timedelta(minutes=5)
    )
    assert send_due() == (0, 0)


def test_a_message_is_sent_once_however_often_send_outbox_runs():
    queue_mail(to="yamada@example.jp", subject="確認", body="本文", kind="test")
    send_due()
    send_due()
    assert len(mail.outbox) == 1


def test_mail_is_given_up_after_the_last_backoff(broken_mail):
    message = queue_mail(to="yamada@example.jp", subject="確認", body="本文", kind="test")
    for _ in range(10):
        OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
        send_due()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == 7
