"""Models of the shared machinery: the mail outbox, the search index, the city's settings."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .validators import normalise_phone_number, normalise_text, validate_phone_number


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


@deconstructible
class FromEnvironment:
    """A field default: the environment's value of one of the city's facts
    (`portal.municipality.City.from_environment`), read when the row is made."""

    def __init__(self, attribute: str, index: int | None = None):
        self.attribute = attribute
        self.index = index

    def __call__(self):
        from .municipality import City

        value = getattr(City.from_environment(), self.attribute)
        return value if self.index is None else value[self.index]

    def __eq__(self, other):
        return isinstance(other, FromEnvironment) and (self.attribute, self.index) == (
            other.attribute,
            other.index,
        )


@register_setting(icon="site")
class CitySettings(BaseGenericSetting):
    """The city's facts as readers see them: names, code, main phone, centre, data licence.

    The environment (MUNICIPALITY_*, OPENDATA_LICENCE_*) seeds the row when a
    coordinator first opens the screen; from then on the database wins. Read it
    through `portal.municipality.city()` (cached; saving it empties that cache
    and the page cache).
    """

    name_ja = models.CharField(
        _("city name (Japanese)"),
        max_length=50,
        default=FromEnvironment("name_ja"),
        help_text="ページの見出し・フッター・メールに出る市の名前です（例：松本市）。",
    )
    name_en = models.CharField(
        _("city name (English)"),
        max_length=80,
        default=FromEnvironment("name_en"),
        help_text="英語のページに出る市の名前です（例：Matsumoto City）。",
    )
    prefecture_ja = models.CharField(
        _("prefecture (Japanese)"),
        max_length=20,
        default=FromEnvironment("prefecture_ja"),
        help_text="都道府県名です（例：長野県）。オープンデータの公開者名にも使います。",
    )
    prefecture_en = models.CharField(
        _("prefecture (English)"),
        max_length=40,
        default=FromEnvironment("prefecture_en"),
        help_text="英語の都道府県名です（例：Nagano Prefecture）。",
    )
    code = models.CharField(
        _("local government code"),
        max_length=6,
        default=FromEnvironment("code"),
        validators=[RegexValidator(r"^\d{6}$", _("Write the six digits of the code."))],
        help_text="全国地方公共団体コード（検査数字を含む6桁、例：202029）です。オープンデータの各行に入ります。",
    )
    phone = models.CharField(
        _("main phone number"),
        max_length=20,
        default=FromEnvironment("phone"),
        validators=[validate_phone_number],
        help_text="市役所の代表番号です。電話番号のない地区の拠点には、この番号を表示します。",
    )
    department_ja = models.CharField(
        _("responsible department"),
        max_length=100,
        default=FromEnvironment("department_ja"),
        help_text="ポータルを担当する部署です。すべてのページの下に「このページの担当」として表示します"
        "（例：健康福祉部 福祉政策課）。",
    )
    department_en = models.CharField(
        _("responsible department (English)"),
        max_length=100,
        blank=True,
        default=FromEnvironment("department_en"),
        help_text="英語の部署名です。空欄なら日本語を表示します。",
    )
    latitude = models.FloatField(
        _("latitude of the centre"),
        default=FromEnvironment("centre", 0),
        validators=[MinValueValidator(20), MaxValueValidator(46)],
        help_text="地図の中心（市役所など）の緯度です。場所が分からないときの地図の中心になります。",
    )
    longitude = models.FloatField(
        _("longitude of the centre"),
        default=FromEnvironment("centre", 1),
        validators=[MinValueValidator(122), MaxValueValidator(154)],
        help_text="地図の中心の経度です。",
    )
    licence_name = models.CharField(
        _("open data licence"),
        max_length=80,
        default=FromEnvironment("licence_name"),
        help_text="オープンデータのページに表示するライセンス名です（例：CC BY 4.0）。",
    )
    licence_url = models.URLField(
        _("open data licence address"),
        default=FromEnvironment("licence_url"),
        help_text="ライセンスの説明ページのアドレスです。",
    )

    panels = [
        HelpPanel(
            content=(
                "<p>市の基本情報です。最初は設定ファイル（環境変数）の値が入っています。"
                "ここで保存した後は、この画面の値が使われます。保存すると、公開ページの"
                "キャッシュが消え、すべてのページに新しい値が出ます。</p>"
            )
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("name_ja"), FieldPanel("name_en")]),
                FieldRowPanel([FieldPanel("prefecture_ja"), FieldPanel("prefecture_en")]),
                FieldRowPanel([FieldPanel("code"), FieldPanel("phone")]),
                FieldRowPanel([FieldPanel("department_ja"), FieldPanel("department_en")]),
            ],
            heading=_("The city"),
        ),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Map centre")),
        FieldRowPanel(
            [FieldPanel("licence_name"), FieldPanel("licence_url")], heading=_("Open data")
        ),
    ]

    def clean(self):
        # Typed on a Japanese keyboard: ０２６３－３４－３０００ is kept as 0263-34-3000,
        # the form a tel: link and the open-data columns need.
        super().clean()
        self.phone = normalise_phone_number(self.phone)
        self.code = normalise_text(self.code)

    class Meta:
        verbose_name = _("city settings")
        verbose_name_plural = _("city settings")
