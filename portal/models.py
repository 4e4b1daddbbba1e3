"""Models of the shared machinery: the mail outbox and the search index."""

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


class SearchDocument(models.Model):
    """One live page as the site search sees it (see portal/search.py).

    Written when a page of a registered type is published, deleted when it is
    unpublished or deleted (with the page, by the cascade), rebuilt by
    `manage.py rebuild_search`. `text` is the folded text and readings of
    everything searchable (portal/japanese.py); `title_text` the same for the
    title alone, to rank title hits first. Its bigrams are rows of
    `SearchToken`, so a query finds its candidates through an index.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    doc_type = models.CharField(_("type"), max_length=50)
    district = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    title_text = models.TextField(blank=True)
    text = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        indexes = [models.Index(fields=["locale", "doc_type"], name="portal_searchdoc_locale_type")]

    def __str__(self) -> str:
        return self.title


class SearchToken(models.Model):
    """One bigram of one document: (token, document) is the key, so the key's index
    finds every document holding a bigram."""

    pk = models.CompositePrimaryKey("token", "document")
    token = models.CharField(max_length=2)
    # Deleted with their document by one statement (portal.search.delete_tokens, on
    # pre_delete): the ORM's cascade would select them all and delete them pair by pair.
    document = models.ForeignKey(SearchDocument, on_delete=models.DO_NOTHING, related_name="tokens")

    class Meta:
        verbose_name = _("search token")
        verbose_name_plural = _("search tokens")

    def __str__(self) -> str:
        return self.token
