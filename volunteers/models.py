"""Volunteer opportunities, their shifts and the people who sign up for them.

A `VolunteerOpportunityPage` is a child of its district's page, so district
staff edit exactly their district's opportunities. Its shifts are inline rows
(`VolunteerShift`) and use the portal's sign-up mechanism (`portal.signups`).

Each locale has its own copy of a page, and wagtail-localize copies the shift
rows along with it; sign-ups always go to the shifts of the page in the
default locale (`source_page()`), so a shift has one capacity and one roster
whatever language people sign up in. The copies in other locales are never
counted.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from portal.signups import (
    AbstractSignup,
    AbstractSignupSlot,
    SignupStatus,
    active_contact_constraint,
    capacity_constraint,
)
from portal.slugs import PortalPageForm, RomajiSlugPage


class OpportunityPageForm(PortalPageForm):
    """The page editor refuses to delete a shift that people are still signed up for."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("shifts")
        if formset is None:
            return cleaned
        for form in formset.forms:
            form.is_valid()
            deleting = formset.can_delete and form.cleaned_data.get("DELETE")
            if not (deleting and form.instance.pk):
                continue
            if ShiftSignup.objects.filter(
                slot_id=form.instance.pk,
                status__in=[SignupStatus.CONFIRMED, SignupStatus.WAITLISTED],
            ).exists():
                self.add_error(
                    None,
                    _(
                        "The shift of %(time)s cannot be deleted: people are signed up for it. "
                        "Cancel their sign-ups in the volunteer roster first (they are told by "
                        "e-mail), then delete the shift."
                    )
                    % {"time": timezone.localtime(form.instance.start).strftime("%Y-%m-%d %H:%M")},
                )
        return cleaned


class VolunteerOpportunityPage(RomajiSlugPage, RoutablePageMixin, Page):
    """A way to help in a district: what, where, who to ask, and its shifts."""

    role = models.CharField(
        _("role"),
        max_length=120,
        help_text="ボランティアの役割を短く書きます（例：お茶出し・受付）。一覧にも表示されます。",
    )
    description = models.TextField(
        _("what volunteers do"),
        help_text="当日にすることを、やさしい言葉で2〜4文で書きます"
        "（例：参加者を受付でお迎えし、お茶を出して、終わったら片付けをします）。",
    )
    conditions = models.TextField(
        _("skills and conditions"),
        blank=True,
        help_text="必要な資格・年齢・研修などの条件です（例：18歳以上。事前に1時間の説明会に"
        "参加してください）。条件がなければ空欄にします。",
    )
    venue_name = models.CharField(
        _("venue"),
        max_length=255,
        help_text="活動する場所の名前です（例：第二地区公民館）。",
    )
    venue_address = models.CharField(
        _("venue address"),
        max_length=255,
        blank=True,
        help_text="活動場所の住所を都道府県から書きます（例：長野県松本市本庄2-3-23）。"
        "日本語のまま英語のページにも表示されます。",
    )
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        help_text="活動場所の緯度です（例：36.22577）。わからなければ空欄で構いません。",
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        help_text="活動場所の経度です（例：137.97198）。わからなければ空欄で構いません。",
    )
    contact_name = models.CharField(
        _("contact"),
        max_length=255,
        help_text="問い合わせ先の名前です（例：第二地区 地域づくりセンター）。",
    )
    contact_phone = models.CharField(
        _("contact phone"),
        max_length=20,
        blank=True,
        help_text="問い合わせ先の電話番号です（例：0263-00-0000）。空欄のときは地区の拠点の"
        "電話番号を表示します。",
    )
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text="問い合わせ先のメールアドレスです。なければ空欄にします。",
    )
    online_signup = models.BooleanField(
        _("sign-up on the portal"),
        default=True,
        help_text="チェックすると、ポータルから申込を受け付けます。電話だけで受け付けるときは"
        "チェックを外します。",
    )

    parent_page_types = ["home.DistrictPage"]
    subpage_types: list[str] = []
    base_form_class = OpportunityPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("role"),
        FieldPanel("description"),
        FieldPanel("conditions"),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Venue"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("contact_phone"), FieldPanel("contact_email")]),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("online_signup"),
        InlinePanel(
            "shifts",
            heading=_("Shifts"),
            label=_("Shift"),
            help_text="活動の日時と人数を1回ずつ追加します。申込の状況は"
            "「ボランティア名簿」で確認できます。",
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("role"),
        index.SearchField("description"),
        index.SearchField("conditions"),
        index.SearchField("venue_name"),
    ]

    # Times, places, coordinates and contact numbers are facts, the same in every
    # language; the texts are translated. The slug is the same URL in every language.
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("venue_address"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("contact_phone"),
        SynchronizedField("contact_email"),
        SynchronizedField("online_signup"),
        SynchronizedField("shifts"),
        TranslatableField("role"),
        TranslatableField("description"),
        TranslatableField("conditions"),
        TranslatableField("venue_name"),
        TranslatableField("contact_name"),
    ]

    class Meta:
        verbose_name = _("volunteer opportunity")
        verbose_name_plural = _("volunteer opportunities")

    def source_page(self) -> VolunteerOpportunityPage:
        """This opportunity in the default locale: the one whose shifts take sign-ups."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return (
            VolunteerOpportunityPage.objects.filter(
                translation_key=self.translation_key, locale=default
            ).first()
            or self
        )

    def upcoming_shifts(self):
        return self.source_page().shifts.filter(start__gt=timezone.now()).order_by("start", "pk")

    @property
    def district(self):
        return self.get_parent().specific

    @property
    def signup_url(self) -> str:
        return self.url + self.reverse_subpage("signup").lstrip("/")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        shifts = list(self.upcoming_shifts())
        context["shifts"] = shifts
        context["district"] = self.district
        context["takes_signups"] = self.online_signup and any(s.is_open() for s in shifts)
        return context

    @path("signup/", name="signup")
    def signup(self, request):
        from .views import signup

        return signup(request, self)


class VolunteerShift(Orderable, AbstractSignupSlot):
    """One session of an opportunity: start, end and how many people it needs."""

    page = ParentalKey(VolunteerOpportunityPage, on_delete=models.CASCADE, related_name="shifts")
    start = models.DateTimeField(
        _("start"), help_text="活動を始める日時です（例：2026-12-08 10:00）。"
    )
    end = models.DateTimeField(
        _("end"), help_text="活動が終わる日時です。始まりより後にしてください。"
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        help_text="この回に来てほしい人数（定員）です。定員に達した後の申込はキャンセル待ちに"
        "なります。すでに確定した人数より少なくはできません。",
    )

    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("capacity"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        constraints = [
            capacity_constraint("volunteers_shift_confirmed_within_capacity"),
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="volunteers_shift_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["start"])]

    def __str__(self):
        return f"{self.page.title} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    def is_open(self) -> bool:
        return self.start > timezone.now()

    @property
    def availability(self) -> str:
        """「残り3名」, or that the shift is full and takes the waiting list."""
        if self.is_full:
            return str(_("Full: you can join the waiting list"))
        return str(_("%(count)d places left")) % {"count": self.places_left}

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The end must be after the start.")})
        stored = self.stored_counters()
        if stored and self.capacity is not None and self.capacity < stored["confirmed_count"]:
            raise ValidationError(
                {
                    "capacity": _(
                        "%(count)d people are already confirmed for this shift: the number of "
                        "places cannot be lower."
                    )
                    % {"count": stored["confirmed_count"]}
                }
            )


class ShiftSignup(AbstractSignup):
    """A volunteer's sign-up for one shift.

    Volunteers sign up one by one: the form never asks for a party size, so it
    stays 1 (the mechanism itself, tested through this model, handles parties).
    """

    slot = models.ForeignKey(
        VolunteerShift,
        verbose_name=_("shift"),
        on_delete=models.CASCADE,
        related_name="signups",
    )
    attended = models.BooleanField(
        _("attended"),
        null=True,
        blank=True,
        help_text="当日来たかどうかです。空欄は「まだ記録していない」です。",
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="活動した時間です（例：1.5）。",
    )

    class Meta:
        verbose_name = _("volunteer sign-up")
        verbose_name_plural = _("volunteer sign-ups")
        constraints = [
            active_contact_constraint("volunteers_signup_one_active_per_contact"),
        ]
        indexes = [models.Index(fields=["slot", "status"])]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"
