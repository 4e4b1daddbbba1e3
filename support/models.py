"""Participation support: intake pages, the cases they start, and the follow-up work.

Personal data lives in `SupportCase` and its children, and is reached only
through `support.access` (built on `portal.district_access`). The form
builder's own submission rows keep only the answers to the extra questions
staff add to an intake page, and each points at its case.

The intake page is served by Wagtail's own `FormMixin.serve`; the page overrides only
its hooks: `get_form_class` and `get_form_parameters` (the fixed questions, the staff's,
the single-use form token), `process_form_submission` (the case, written by
`support.services`) and `render_landing_page` (the redirect to the thanks page,
`support.views.intake_thanks`). What Wagtail's serve does not do (error reports without
posted values, no caching of answers to posts, the rate limit, the preselected district)
is wrapped around `serve`.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField, AbstractFormSubmission
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from portal.privacy import KnownRestrictionsPage
from portal.ratelimit import rate_limit
from portal.signups import new_secret
from portal.slugs import RomajiSlugPage

from .choices import (
    AuditAction,
    ConsentKind,
    ConsentMethod,
    ContactKind,
    ContactMethod,
    MatchOutcome,
    RequesterType,
    SharingBasis,
    Source,
    Status,
)
from .mail_addresses import validate_notification_address
from .page_forms import IntakePageForm, QuestionsPanel

# --- The intake page (Wagtail form builder) ---------------------------------------------------


def never_cache_posts(view):
    """Answers to a post (the form again with what was typed, the 429 page, the redirect) are
    never cached; the form itself is kept out of caches by its CSRF cookie
    (`portal.security.NoStoreMiddleware`)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method == "POST":
            add_never_cache_headers(response)
        return response

    return wrapped


class SupportIntakeFormField(TranslatableMixin, AbstractFormField):
    """An extra question the coordinators add to an intake page.

    Translatable with wagtail-localize (label, help text and choices are
    translated); `clean_name`, the field type and the special-care flag are
    synchronised, so every language's page stores its answers under the same
    key and by the same rule. The answer to a special-care (`sensitive`)
    question is stored only when the person gave the special-care consent.
    """

    page = ParentalKey("SupportIntakePage", on_delete=models.CASCADE, related_name="form_fields")
    sensitive = models.BooleanField(
        _("special-care question"),
        default=False,
        help_text="健康・障がい・病歴など、要配慮個人情報を聞く質問ならチェックします。"
        "チェックした質問の回答は、本人が「健康・障がいの情報の保存」に同意したときだけ保存され、"
        "申込画面では健康・障がいの欄に表示されます。",
    )

    panels = [*AbstractFormField.panels, FieldPanel("sensitive")]
    override_translatable_fields = [
        SynchronizedField("clean_name"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
        SynchronizedField("sensitive"),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("extra question")
        verbose_name_plural = _("extra questions")


class SupportIntakePage(KnownRestrictionsPage, RomajiSlugPage, AbstractForm):
    """ "Ask for help": the form that starts a participation-support case.

    The core questions (who asks, district, contact, interests, difficulties,
    health with its own consent, consents) are fixed in `support.forms.IntakeForm`;
    staff word the page and may add extra questions below them. A valid
    submission becomes a `SupportCase` in the same transaction (`support.services`),
    and the browser is sent to the thanks page (`/support/thanks/<signed token>/`,
    support/urls.py): reloading it shows the same reference and sends nothing again.
    """

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text="フォームの上に表示する案内文です。誰が、何のために使えるフォームかを、やさしい言葉で書いてください。",
    )
    thank_you_text = models.TextField(
        _("thank-you text"),
        blank=True,
        help_text="送信後の画面に、受付番号と一緒に表示する文です（例：3日以内に地区の職員から連絡します）。",
    )
    notification_email = models.EmailField(
        _("notification address for unassigned requests"),
        blank=True,
        validators=[validate_notification_address],
        help_text="地区が「わからない」の申し込みと、通知先が決まっていない地区の申し込みを知らせる"
        "メールアドレスです（例：福祉政策課の共用アドレス）。市のドメインのアドレスか、"
        "管理画面を使う職員のアドレスだけを入力できます。メールには受付番号と管理画面の"
        "リンクだけが書かれ、個人情報は含まれません。",
    )

    parent_page_types = ["home.HomePage", "home.DistrictPage"]
    subpage_types: list[str] = []
    base_form_class = IntakePageForm
    template = "support/support_intake_page.html"
    landing_page_template = "support/support_intake_page_landing.html"

    content_panels = [
        *AbstractForm.content_panels,
        FieldPanel("intro"),
        QuestionsPanel(
            "form_fields",
            label=_("Extra questions"),
            help_text="決まった質問（相談者・地区・連絡先・やりたいこと・困りごと・同意）は"
            "自動で表示されます。ここでは、それ以外に聞きたいことだけを追加します（コーディネーターのみ）。"
            "健康や障がいについて聞く質問には「要配慮の質問」をチェックします。回答は本人の同意が"
            "あるときだけ保存されます。",
        ),
        FieldPanel("thank_you_text"),
        MultiFieldPanel([FieldPanel("notification_email")], heading=_("Notifications")),
    ]
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("notification_email"),
    ]

    class Meta:
        verbose_name = _("support intake page")

    # --- form ---------------------------------------------------------------
    def get_form_class(self):
        """Wagtail's hook for the form: the fixed questions (`support.forms.IntakeForm`, with
        its single-use form token and the honeypot), then the questions staff added."""
        from .forms import build_intake_form_class

        return build_intake_form_class(self.get_form_fields())

    def get_form_parameters(self):
        """Wagtail's hook for the form's keyword arguments: every form of the page is given the
        page, also where the caller (a test, a staff tool) leaves it out."""
        return {"page": self}

    def get_data_fields(self):
        return [
            ("submit_time", _("Submission date")),
            ("reference", _("Reference")),
            *[(field.clean_name, field.label) for field in self.get_form_fields()],
        ]

    # --- submissions --------------------------------------------------------
    def get_submission_class(self):
        return SupportIntakeSubmission

    def get_submissions(self):
        """The submissions of this page in every language: one list, as the cases are one."""
        return SupportIntakeSubmission.objects.filter(
            page__in=self.get_translations(inclusive=True)
        ).select_related("case")

    def process_form_submission(self, form):
        """Wagtail's hook for a valid form: the case, its receipt and the submission are
        written by `support.services.submit_intake` (the one writer of cases), once per
        form token; the same form sent again gives back the first submission."""
        from .services import submit_intake

        submission = submit_intake(self, form)
        submission.health_withheld = form.health_withheld
        return submission

    def get_submissions_list_view_class(self):
        from .submissions import IntakeSubmissionsListView

        return IntakeSubmissionsListView

    # --- serving ------------------------------------------------------------
    @method_decorator(sensitive_post_parameters())
    @method_decorator(never_cache_posts)
    @method_decorator(rate_limit("intake"))
    def serve(self, request, *args, **kwargs):
        """Wagtail's `FormMixin.serve`, through the hooks above and below, with what it does
        not do as decorators: no posted value in Django's error reports (names, health
        answers), no answer to a post cached, posts beyond the "intake" rate limit answered
        429 (`portal.ratelimit`); and the form of a GET starts on the preselected district.
        """
        response = super().serve(request, *args, **kwargs)
        if request.method != "POST":
            # Wagtail's TemplateResponse is not rendered yet: its form can still be told.
            district = self.preselected_district(request)
            if district is not None:
                response.context_data["form"].initial["district"] = str(district.pk)
        return response

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        """After a valid post, the redirect to the thanks page (`/support/thanks/<signed
        token>/`, support/urls.py, in the page's language), so that reloading it posts
        nothing again. Without a submission (the admin's "landing page" preview, Wagtail's
        `serve_preview`), the thanks page itself, without a case."""
        from .services import thanks_token
        from .views import render_intake_landing

        if form_submission is None:
            return render_intake_landing(self, request)
        token = thanks_token(form_submission.case.receipt, form_submission.health_withheld)
        return redirect(reverse("support:thanks", args=[token]))

    def preselected_district(self, request):
        """The district the form starts on: the page's own (`default_district`), else
        `?district=<slug>` (the city's page, linked from a district's page)."""
        from home.models import DistrictPage

        district = self.default_district()
        slug = request.GET.get("district", "")
        if district is None and slug:
            district = DistrictPage.objects.filter(
                slug=slug[:100], locale__language_code=settings.LANGUAGE_CODE
            ).first()
        return district

    def default_district(self):
        """The district of a district's own intake page (its parent), in the default locale."""
        from home.models import DistrictPage

        parent = self.get_parent()
        if parent is None or parent.specific_class is not DistrictPage:
            return None
        return DistrictPage.objects.filter(
            translation_key=parent.translation_key, locale__language_code=settings.LANGUAGE_CODE
        ).first()


class SupportIntakeSubmission(AbstractFormSubmission):
    """The form builder's record of a submission: the extra questions' answers only.

    The core answers are the case's own fields; keeping them once, in the case,
    means one place to protect, export and anonymise.
    """

    #: Health answers were given without the special-care consent, so not stored: set by
    #: `SupportIntakePage.process_form_submission` for the thanks page, never saved.
    health_withheld = False

    case = models.OneToOneField(
        "SupportCase",
        on_delete=models.PROTECT,
        related_name="submission",
        verbose_name=_("case"),
    )

    class Meta:
        verbose_name = _("intake submission")
        verbose_name_plural = _("intake submissions")

    def get_data(self):
        return {**self.form_data, "reference": self.case.reference, "submit_time": self.submit_time}

    def __str__(self):
        return self.case.reference


class IntakeReceipt(models.Model):
    """One intake form sent: its single-use form token, and the case it made.

    The form carries a signed random token (`support.services.new_form_token`). The
    first post with it makes the case and this row, in one transaction; the token is
    unique, so a second post of the same form (a double click, a reload of the answer,
    even at the same moment) makes no second case and is shown the first one's thanks
    page. That page is reached by a signed link naming this row and its `secret`
    (`portal.signups.link_token`). Nothing personal.
    """

    case = models.OneToOneField(
        "SupportCase", on_delete=models.CASCADE, related_name="receipt", verbose_name=_("case")
    )
    token = models.CharField(_("form token"), max_length=64, unique=True)
    secret = models.CharField(_("link secret"), max_length=64, default=new_secret)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("intake receipt")
        verbose_name_plural = _("intake receipts")

    def __str__(self):
        return self.case.reference


# --- Cases ------------------------------------------------------------------------------------


class SupportCase(models.Model):
    """One person's participation-support case, from intake to follow-up."""

    reference = models.CharField(
        _("reference"),
        max_length=12,
        unique=True,
        editable=False,
        help_text="受付番号です（例：S-7KQ2M9XD）。本人への連絡や問い合わせでは、この番号を使います。",
    )
    source = models.CharField(
        _("how the request came"),
        max_length=10,
        choices=Source.choices,
        default=Source.WEB,
        help_text="申し込みの経路です（ウェブ・電話・来所・関係機関からの紹介）。",
    )
    language = models.CharField(
        _("language used"),
        max_length=10,
        blank=True,
        help_text="申し込みに使われた言語です。連絡するときの参考にします。",
    )
    intake_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("intake page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    district = models.ForeignKey(
        "home.DistrictPage",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_cases",
        help_text="本人が住む地区です。空欄のケースは、コーディネーターの「地区未定」の一覧で待ちます。",
    )
    suggested_district = models.ForeignKey(
        "home.DistrictPage",
        verbose_name=_("suggested district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text="地区が「わからない」とき、郵便番号・住所から推定した地区です。職員が確認してから決めます。",
    )
    district_suggestion_note = models.CharField(
        _("how the district was suggested"), max_length=255, blank=True, editable=False
    )

    # Who asks, and the person.
    requester_type = models.CharField(
        _("who is asking"),
        max_length=12,
        choices=RequesterType.choices,
        help_text="申し込んだのは誰か（本人・家族・近所・知人・支援者・関係機関）です。",
    )
    requester_name = models.CharField(
        _("name of the person asking"),
        max_length=100,
        blank=True,
        help_text="本人以外が申し込んだときの、申し込んだ人の名前です。",
    )
    name = models.CharField(_("name"), max_length=100, help_text="支援を受ける本人の名前です。")
    furigana = models.CharField(
        _("furigana"), max_length=100, blank=True, help_text="名前のよみがなです。"
    )
    postcode = models.CharField(
        _("postcode"), max_length=8, blank=True, help_text="郵便番号（例：390-0812）。任意です。"
    )
    address = models.CharField(
        _("address"),
        max_length=255,
        blank=True,
        help_text="住所です。町名・丁目までで十分です。任意です。",
    )
    phone = models.CharField(
        _("phone"),
        max_length=30,
        blank=True,
        help_text="電話番号です。電話かメールのどちらかは必須です。",
    )
    email = models.EmailField(
        _("email"), blank=True, help_text="メールアドレスです。電話かメールのどちらかは必須です。"
    )
    contact_method = models.CharField(
        _("preferred way of contact"),
        max_length=10,
        choices=ContactMethod.choices,
        default=ContactMethod.ANY,
        help_text="本人が希望する連絡方法です。",
    )
    contact_time = models.CharField(
        _("preferred time of contact"),
        max_length=100,
        blank=True,
        help_text="連絡してよい時間帯です（例：平日の午前中）。",
    )

    # The request.
    interests = models.JSONField(
        _("what they would like to do"),
        default=list,
        blank=True,
        help_text="やってみたいこと（体操・サロン・趣味・ボランティアなど）です。複数選べます。",
    )
    difficulties = models.JSONField(
        _("what makes it hard"),
        default=list,
        blank=True,
        help_text="参加を難しくしていること（移動手段・言葉・介護や子育て・費用など）です。",
    )
    health_needs = models.JSONField(
        _("health and disability"),
        default=list,
        blank=True,
        help_text="要配慮個人情報です。本人の同意（下の「健康・障がいの情報の保存」）があるときだけ記録します。",
    )
    health_details = models.TextField(
        _("health and disability, in their words"),
        blank=True,
        help_text="要配慮個人情報です。同意があるときだけ記録します。ログやメールには決して書きません。",
    )
    request_text = models.TextField(
        _("what they told us"),
        blank=True,
        help_text="本人（または申し込んだ人）が書いた、相談したいことや希望です。",
    )

    # Consents (the current state; every change is a CaseConsent row).
    consent_contact = models.BooleanField(
        _("consent to be contacted"),
        default=False,
        help_text="職員から連絡することへの同意です。申し込みには必須です。",
    )
    consent_share = models.BooleanField(
        _("consent to share with related agencies"),
        default=False,
        help_text="地区の外の職員や関係機関（地域包括支援センターなど）と情報を共有することへの同意です。"
        "チーム員を地区の外から加えるには、この同意か支援会議での取り扱いが必要です。",
    )
    consent_sensitive = models.BooleanField(
        _("consent to store health and disability answers"),
        default=False,
        help_text="健康や障がいについての回答（要配慮個人情報）を保存することへの同意です。"
        "同意がなければ、それらの回答は保存しません。",
    )

    # The work.
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=Status.choices,
        default=Status.RECEIVED,
        help_text="受付→連絡済み→参加先の調整→参加中→フォローアップ→終了（または取り下げ）と進みます。",
    )
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    first_contacted_at = models.DateTimeField(_("first contact"), null=True, blank=True)
    closed_at = models.DateTimeField(
        _("closed"),
        null=True,
        blank=True,
        help_text="終了または取り下げた日時です。保存期間（既定5年）はここから数えます。",
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="このケースの主担当の職員です。",
    )
    next_follow_up = models.DateField(
        _("next follow-up"),
        null=True,
        blank=True,
        help_text="次に本人の様子を確かめる予定日です。過ぎると「期限切れ」の一覧に出ます。",
    )

    # Escalation to the support meeting (支援会議).
    escalation_requested_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    escalation_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("escalated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    escalation_reason = models.TextField(
        _("reason for escalation"),
        blank=True,
        help_text="支援会議（全世代型個別支援会議）に諮る理由です。",
    )
    support_meeting_at = models.DateTimeField(
        _("taken up by the support meeting"), null=True, blank=True
    )
    confidential = models.BooleanField(
        _("confidential (support meeting)"),
        default=False,
        help_text="支援会議で取り扱うケースです。支援会議の構成員として登録された人と"
        "コーディネーターだけが見られます。",
    )

    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo case"), default=False, editable=False)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("support case")
        verbose_name_plural = _("support cases")
        ordering = ["-created_at"]
        # Cases are never deleted, only anonymised after the retention period.
        default_permissions = ("add", "change", "view")
        permissions = [
            (
                "coordinate_supportcase",
                "Can coordinate support cases (every district, unassigned, reports, audit)",
            )
        ]
        indexes = [
            models.Index(fields=["status", "next_follow_up"]),
            models.Index(fields=["district", "status"]),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_open(self) -> bool:
        from .choices import OPEN_STATUSES

        return self.status in OPEN_STATUSES

    @property
    def follow_up_overdue(self) -> bool:
        return bool(
            self.is_open and self.next_follow_up and self.next_follow_up < timezone.localdate()
        )

    def get_status_label(self):
        return Status(self.status).label


class CaseConsent(models.Model):
    """One consent given or withdrawn: what, how, when, recorded by whom."""

    case = models.ForeignKey(SupportCase, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(_("consent"), max_length=10, choices=ConsentKind.choices)
    given = models.BooleanField(_("given"))
    method = models.CharField(_("how"), max_length=10, choices=ConsentMethod.choices)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["recorded_at", "pk"]

    def __str__(self):
        # The reference only: a model's text can end up in logs and error reports.
        return f"{self.case_id}: {self.kind}={self.given}"


class CaseStatusChange(models.Model):
    """A status transition: who, when, from, to."""

    case = models.ForeignKey(SupportCase, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=15, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=15, choices=Status.choices)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.case_id}: {self.from_status}->{self.to_status}"


class CaseContact(models.Model):
    """One entry of the case's timeline: a call, a visit, a meeting, a referral."""

    case = models.ForeignKey(SupportCase, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(
        _("kind of contact"),
        max_length=10,
        choices=ContactKind.choices,
        help_text="電話・訪問・会議・紹介（つなぎ）などの種類です。",
    )
    happened_at = models.DateTimeField(
        _("when"), default=timezone.now, help_text="連絡や訪問をした日時です。"
    )
    notes = models.TextField(
        _("notes"),
        blank=True,
        help_text="話した内容や次にすることです。事実を簡潔に書き、本人が読んでも困らない書き方にします。",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["happened_at", "pk"]

    def __str__(self):
        return f"{self.case_id}: {self.kind} {self.happened_at:%Y-%m-%d}"


class CaseMatch(models.Model):
    """A place, event, activity or opportunity proposed to the person, and how it went."""

    case = models.ForeignKey(SupportCase, on_delete=models.CASCADE, related_name="matches")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page on the portal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="ポータルに載っている場所・行事・ボランティアのページを選びます（ない場合は空欄）。",
    )
    label = models.CharField(
        _("name"),
        max_length=255,
        blank=True,
        help_text="つないだ先の名前です（ページを選んだときは空欄で構いません）。",
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=15,
        choices=MatchOutcome.choices,
        default=MatchOutcome.PROPOSED,
        help_text="提案した・試した・参加している・合わなかった、のどれかです。",
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("matched resource")
        verbose_name_plural = _("matched resources")
        ordering = ["created_at", "pk"]

    def __str__(self):
        if self.page_id and not self.label:
            return self.page.title
        return self.label


class CaseMember(models.Model):
    """A member of the case's team, with the recorded basis for sharing the case with them."""

    case = models.ForeignKey(SupportCase, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="support_memberships",
    )
    basis = models.CharField(
        _("basis for sharing"),
        max_length=20,
        choices=SharingBasis.choices,
        help_text="この人とケースを共有してよい根拠です。地区の外の人には、本人の同意か支援会議が必要です。",
    )
    basis_detail = models.CharField(_("basis, in detail"), max_length=255, blank=True)
    role = models.CharField(
        _("role or agency"),
        max_length=100,
        blank=True,
        help_text="所属や役割です（例：地域包括支援センター、生活困窮の相談員）。",
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("removed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["added_at", "pk"]

    def __str__(self):
        return f"{self.case_id}: user {self.user_id} ({self.basis})"

    @property
    def active(self) -> bool:
        return self.removed_at is None


class DistrictMailbox(models.Model):
    """Where a district's new-intake notices go: a shared office address, not a person.

    Without one, the notice goes to the district staff group's members who have
    an address, then to the intake page's notification address.
    """

    district = models.OneToOneField(
        "home.DistrictPage",
        verbose_name=_("district"),
        on_delete=models.CASCADE,
        related_name="support_mailbox",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        help_text="通知先を決める地区です。",
    )
    email = models.EmailField(
        _("notification address"),
        validators=[validate_notification_address],
        help_text="新しい申し込みを知らせる、地区の共用メールアドレスです（個人のアドレスは避けます）。"
        "市のドメインのアドレスか、管理画面を使う職員のアドレスだけを入力できます。"
        "メールには受付番号と管理画面のリンクだけが書かれます。",
    )

    class Meta:
        verbose_name = _("district notification address")
        verbose_name_plural = _("district notification addresses")

    def __str__(self):
        return f"{self.district.title}: {self.email}"


# --- The audit log ----------------------------------------------------------------------------


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")


class AuditEntry(models.Model):
    """Who did what to which case, when. Append-only; never personal data in `detail`.

    The user is referenced without a database constraint and kept by name, so
    removing a staff account later changes nothing here.
    """

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        editable=False,
    )
    username = models.CharField(_("user name"), max_length=150, blank=True, editable=False)
    action = models.CharField(
        _("action"), max_length=20, choices=AuditAction.choices, editable=False
    )
    case = models.ForeignKey(
        SupportCase,
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_entries",
        editable=False,
    )
    reference = models.CharField(_("reference"), max_length=12, blank=True, editable=False)
    detail = models.CharField(_("detail"), max_length=255, blank=True, editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-pk"]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.reference}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("The audit log is append-only: entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only: entries cannot be deleted.")
