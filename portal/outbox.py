"""The mail outbox: every mail the portal sends goes through here.

    queue_mail(to=[...], subject=..., body=..., kind="volunteer-confirmation")

writes an OutboxMessage in the caller's transaction and, once that
transaction commits, enqueues a django-tasks task that sends it. django-tasks
has no retries and its immediate backend swallows failures, so a failed send
stays pending with a later `next_attempt_at`; `manage.py send_outbox` (cron
or a timer, every minute) sends whatever is due. Sending claims a row by a
conditional UPDATE, so two workers never send the same message.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from .models import OutboxMessage

logger = logging.getLogger("portal.outbox")

#: Minutes to wait after the 1st, 2nd, ... failed attempt; then the message is given up.
BACKOFF_MINUTES = (1, 5, 15, 60, 180, 720)
#: A claim older than this is taken to be a crashed sender's and may be retried.
CLAIM_TIMEOUT = dt.timedelta(minutes=10)


def queue_mail(*, to: Iterable[str] | str, subject: str, body: str, kind: str) -> OutboxMessage:
    """Write a mail to the outbox in the current transaction; it is sent after commit."""
    recipients = [to] if isinstance(to, str) else [address for address in to if address]
    message = OutboxMessage.objects.create(kind=kind, to=recipients, subject=subject, body=body)
    transaction.on_commit(lambda: send_outbox_message.enqueue(message.pk))
    return message


@task()
def send_outbox_message(message_id: int) -> bool:
    return send_message(message_id)


def _claim(message_id: int, now: dt.datetime) -> bool:
    """Take the message for sending: one worker wins, the others see 0 rows updated."""
    return bool(
        OutboxMessage.objects.filter(
            pk=message_id,
            status=OutboxMessage.Status.PENDING,
            next_attempt_at__lte=now,
        ).update(next_attempt_at=now + CLAIM_TIMEOUT, attempts=F("attempts") + 1)
    )


def send_message(message_id: int) -> bool:
    """Send one due message now; True when it went out. Failures are recorded for retry."""
    now = timezone.now()
    if not _claim(message_id, now):
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=message.to,
        ).send()
    except Exception as error:
        _record_failure(message, error)
        return False
    message.status = OutboxMessage.Status.SENT
    message.sent_at = timezone.now()
    message.last_error = ""
    message.save(update_fields=["status", "sent_at", "last_error"])
    return True


def _record_failure(message: OutboxMessage, error: Exception) -> None:
    # The class name only: an SMTP error's text can quote the recipient.
    message.last_error = type(error).__name__
    if message.attempts > len(BACKOFF_MINUTES):
        message.status = OutboxMessage.Status.FAILED
    else:
        delay = BACKOFF_MINUTES[message.attempts - 1]
        message.next_attempt_at = timezone.now() + dt.timedelta(minutes=delay)
    message.save(update_fields=["last_error", "status", "next_attempt_at"])
    logger.warning(
        "Outbox message %s (%s) failed on attempt %s: %s",
        message.pk,
        message.kind,
        message.attempts,
        message.last_error,
    )


def send_due(limit: int = 100) -> tuple[int, int]:
    """Send up to `limit` due messages; returns (sent, failed)."""
    due = OutboxMessage.objects.filter(
        status=OutboxMessage.Status.PENDING, next_attempt_at__lte=timezone.now()
    ).order_by("next_attempt_at", "pk")
    sent = failed = 0
    for message_id in due.values_list("pk", flat=True)[:limit]:
        if send_message(message_id):
            sent += 1
        else:
            failed += 1
    return sent, failed
