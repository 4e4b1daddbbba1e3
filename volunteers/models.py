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

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from portal.page_cache import district_tag
from portal.privacy import KnownRestrictionsPage
from portal.signups import (
    AbstractSignup,
    AbstractSignupSlot,
    SignupStatus,
    active_contact_constraint,
    capacity_constraint,
)
from portal.slugs import PortalPageForm, RomajiSlugPage
from portal.translation import SourcePageMixin

from .shifts import MAX_SPAN, ShiftSeries


class OpportunityPageForm(PortalPageForm):
    """The page editor: refuses to delete a shift that people are still signed up for,
    and adds a series of shifts in one go (volunteers/shifts.py)."""

    series_start = forms.DateTimeField(
        label=_("first shift starts"),
        required=False,
        widget=AdminDateTimeInput,
        help_text="同じ曜日・時間のシフトをまとめて追加するときの、1回目の開始日時です"
        "（例：2026-12-08 10:00）。1回ずつ追加するときは空欄のままにします。",
    )
    series_end = forms.DateTimeField(
        label=_("first shift ends"),
        required=False,
        widget=AdminDateTimeInput,
        help_text="1回目の終了日時です。2回目からも同じ時間になります。",
    )
    series_every = forms.TypedChoiceField(
        label=_("repeat"),
        coerce=int,
        initial=1,
        required=False,
        choices=[(1, _("Every week")), (2, _("Every 2 weeks")), (4, _("Every 4 weeks"))],
        help_text="何週ごとにシフトを置くかを選びます。",
    )
    series_until = forms.DateField(
        label=_("until"),
        required=False,
        widget=AdminDateInput,
        help_text="最後のシフトの日付です（この日まで繰り返します）。1回目から1年以内にしてください。",
    )
    series_capacity = forms.IntegerField(
        label=_("places in each shift"),
        required=False,
        min_value=1,
        help_text="各回に来てほしい人数（定員）です。",
    )
    series_skip_holidays = forms.BooleanField(
        label=_("no shift on national holidays"),
        required=False,
        initial=True,
        help_text="チェックすると、祝日・振替休日にあたる回は追加しません。",
    )
    series_skip_year_end = forms.BooleanField(
        label=_("no shift over the New Year holidays"),
        required=False,
        initial=True,
        help_text="チェックすると、年末年始（市の休み。ふつうは12月29日〜1月3日）にあたる回は"
        "追加しません。",
    )

    SERIES_REQUIRED = ("series_start", "series_end", "series_until", "series_capacity")

    def clean(self):
        cleaned = super().clean()
        self._refuse_deleting_shifts_with_people()
        self.series_times = self._series_times(cleaned)
        return cleaned

    def _refuse_deleting_shifts_with_people(self) -> None:
        formset = self.formsets.get("shifts")
        if formset is None:
            return
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

    def _series_times(self, cleaned: dict) -> list:
        """The shifts of the series staff asked for ([] when they asked for none)."""
        if not any(cleaned.get(name) for name in self.SERIES_REQUIRED):
            return []
        missing = [name for name in self.SERIES_REQUIRED if not cleaned.get(name)]
        for name in missing:
            if name not in self.errors:
                self.add_error(name, _("Give this too, to add a series of shifts."))
        if missing:
            return []
        start, end, until = cleaned["series_start"], cleaned["series_end"], cleaned["series_until"]
        if end <= start:
            self.add_error("series_end", _("The end must be after the start."))
            return []
        if end - start > dt.timedelta(hours=24):
            self.add_error("series_end", _("A shift lasts at most a day."))
            return []
        first_day = timezone.localtime(start).date()
        if until < first_day:
            self.add_error("series_until", _("The series cannot end before its first shift."))
            return []
        if until > first_day + MAX_SPAN:
            self.add_error("series_until", _("A series can run for at most a year."))
            return []
        times = ShiftSeries(
            first_start=start,
            first_end=end,
            until=until,
            every_weeks=cleaned.get("series_every") or 1,
            skip_holidays=bool(cleaned.get("series_skip_holidays")),
            skip_year_end=bool(cleaned.get("series_skip_year_end")),
        ).times()
        if not times:
            self.add_error(
                "series_until", _("Every date of this series is a holiday: no shift to add.")
            )
        return times

    def save(self, commit=True):
        page = super().save(commit=False)
        taken = {shift.start for shift in page.shifts.all()}
        capacity = self.cleaned_data.get("series_capacity")
        for start, end in getattr(self, "series_times", []):
            if start not in taken:
                page.shifts.add(VolunteerShift(start=start, end=end, capacity=capacity))
        if commit:
            page.save()
        return page


class VolunteerOpportunityPage(
    KnownRestrictionsPage, RomajiSlugPage, SourcePageMixin, RoutablePageMixin, Page
):
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
        MultiFieldPanel(
            [
                HelpPanel(
                    content="<p>毎週（または隔週など）同じ時間のシフトは、ここでまとめて追加できます。"
                    "保存すると、上の「シフト」に1回ずつ加わります（あとで1回ずつ変更・削除できます）。"
                    "祝日と年末年始の回は、チェックを外さない限り追加しません。</p>"
                ),
                FieldRowPanel([FieldPanel("series_start"), FieldPanel("series_end")]),
                FieldRowPanel([FieldPanel("series_every"), FieldPanel("series_until")]),
                FieldPanel("series_capacity"),
                FieldRowPanel(
                    [FieldPanel("series_skip_holidays"), FieldPanel("series_skip_year_end")]
                ),
            ],
            heading=_("Add a series of shifts"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("role"),
        index.SearchField("description"),
        index.SearchField("conditions"),
        index.SearchField("venue_name"),
        index.SearchField("contact_name"),
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

    def cache_tags(self) -> set[str]:
        return {district_tag(self.district)}

    def purge_tags(self) -> set[str]:
        return {"volunteers", district_tag(self.district)}

    def upcoming_shifts(self):
        return self.source_page().shifts.filter(start__gt=timezone.now()).order_by("start", "pk")

    @property
    def district(self):
        return self.get_parent().specific

    @property
    def signup_url(self) -> str:
        """The sign-up form: /volunteer/<id>/signup/ (one way with event registration)."""
        return reverse("volunteers:signup", args=[self.pk])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        shifts = list(self.upcoming_shifts())
        context["shifts"] = shifts
        context["district"] = self.district
        # A preview of a page not yet saved has no id, so no form to link to.
        context["takes_signups"] = (
            self.pk is not None and self.online_signup and any(s.is_open() for s in shifts)
        )
        return context

    @path("signup/", name="signup")
    def signup(self, request):
        """Where the form was until 2026-12: links in mails and bookmarks still arrive."""
        return redirect(self.signup_url, permanent=True)


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
