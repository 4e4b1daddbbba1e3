"""Models of the shared machinery: the mail outbox."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """A mail to send, written in the same transaction as what it is about.

    A sign-up or a case is never lost because a mail server failed, and a
    mail is never sent for something that was rolled back: the row commits
    with its cause, a task sends it after commit, and `manage.py send_outbox`
    retries what failed, with backoff. Only the class of an error is kept,
    never its text (it may quote an address).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Gave up")

    kind = models.CharField(
        _("kind"), max_length=50, help_text="メールの種類です（例：申込の確認）。"
    )
    to = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.CharField(_("last error"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.kind} #{self.pk} ({self.status})"
