"""Welfare-hub events: exercise classes, salons, children's plaza days, consultation days.

An `EventPage` is a child of its `DistrictPage`. It happens once or repeats
(see `recurrence.py`); its occurrences are materialised in `EventOccurrence`
when the page is published, so that lists, calendars and filters are
database queries whose cost does not grow with the number of series
(docs/benchmarks.md, "Events": measured both ways).
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from places.location import LocatedModel, LocationSource
from places.models import PlacePage, TargetGroup
from portal.closures import year_end_closure_text
from portal.languages import current_language
from portal.page_cache import district_tag, page_tag, tags_version
from portal.privacy import KnownRestrictionsPage
from portal.slugs import RomajiSlugPage
from portal.taxonomy import AbstractTaxonomy
from portal.translation import SourcePageMixin

from .admin_forms import EventPageForm
from .recurrence import (
    Change,
    Frequency,
    RecurrenceError,
    RecurrenceRule,
    Series,
    describe_series,
    local_datetime,
    to_local,
)


class EventKind(AbstractTaxonomy):
    """What kind of event it is (体操・健康づくり, サロン・お茶会, ...): edited by coordinators."""

    class Meta(AbstractTaxonomy.Meta):
        verbose_name = _("kind of event")
        verbose_name_plural = _("kinds of event")


def _int_list(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in (text or "").split(",") if part.strip())


class EventPage(KnownRestrictionsPage, RomajiSlugPage, SourcePageMixin, LocatedModel, Page):
    """An event of a district, once or repeating, with its venue and who it is for."""

    # --- What ---
    kind = models.ForeignKey(
        EventKind,
        verbose_name=_("kind"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text="行事の種類を選びます。選びたい種類がないときはコーディネーターに相談してください。",
    )
    summary = models.CharField(
        _("summary"),
        max_length=200,
        blank=True,
        help_text="一覧やカレンダーに表示する1〜2文の紹介です"
        "（例：椅子に座ってできる体操です。初めての方も歓迎です）。",
    )
    body = RichTextField(
        _("description"),
        blank=True,
        features=["h2", "h3", "bold", "ol", "ul", "link"],
        help_text="どんな行事か、当日の流れなどを、やさしい言葉で書きます。",
    )
    target_groups = ParentalManyToManyField(
        TargetGroup,
        verbose_name=_("for whom"),
        blank=True,
        help_text="どなた向けの行事かを選びます（いくつでも選べます）。",
    )

    # --- When ---
    start = models.DateTimeField(
        _("start"),
        help_text="1回目の開始日時です（日本時間）。繰り返す行事は、最初の回の日時を入れます。",
    )
    end = models.DateTimeField(
        _("end"),
        help_text="1回目の終了日時です。繰り返す行事も、最初の回の終了日時を入れます"
        "（毎回同じ長さで繰り返します）。",
    )
    all_day = models.BooleanField(
        _("all day"),
        default=False,
        help_text="時間を決めず一日中行う行事ならチェックします（開始・終了の時刻は使いません）。",
    )
    repeat = models.CharField(
        _("repeat"),
        max_length=20,
        choices=Frequency.choices,
        blank=True,
        default=Frequency.NONE,
        help_text="繰り返し方を選びます。1回だけの行事は「繰り返さない」のままにします。",
    )
    repeat_interval = models.PositiveSmallIntegerField(
        _("every"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="何週（何か月）ごとかを数字で入れます。毎週・毎月なら1、隔週なら2です。",
    )
    repeat_weekdays = models.CharField(
        _("on weekdays"),
        max_length=20,
        blank=True,
        help_text="毎週・第◯曜日の繰り返しで、行う曜日を選びます。"
        "選ばなければ、開始日の曜日になります。",
    )
    repeat_nths = models.CharField(
        _("in weeks"),
        max_length=20,
        blank=True,
        help_text="「毎月 第◯曜日」のとき、第何週かを選びます（例：第2と第4）。"
        "選ばなければ、開始日の週になります。",
    )
    repeat_until = models.DateField(
        _("repeat until"),
        null=True,
        blank=True,
        help_text="最後の回の日付です（この日まで繰り返します）。最初の回から2年以内にしてください。"
        "回数も空欄なら、1年間繰り返します。",
    )
    repeat_count = models.PositiveSmallIntegerField(
        _("number of times"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text="終わりの日付の代わりに、全部で何回行うかを入れることもできます（どちらか一方）。",
    )
    skip_holidays = models.BooleanField(
        _("no event on national holidays"),
        default=True,
        help_text="チェックすると、祝日・振替休日にあたる回はお休みになります（祝日は自動で計算します）。",
    )
    skip_year_end = models.BooleanField(
        _("no event over the New Year holidays"),
        default=True,
        help_text="チェックすると、年末年始（市の休み。ふつうは12月29日〜1月3日）にあたる回は"
        "お休みになります。",
    )
    # The RFC 5545 rule built from the fields above on save: staff never type it.
    rrule = models.CharField(_("RRULE"), max_length=255, blank=True, editable=False)

    # --- Where ---
    venue = models.ForeignKey(
        PlacePage,
        verbose_name=_("venue (a place on this portal)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="会場がこのポータルに載っている場所なら、ここで選びます。"
        "選ぶと、住所と地図は場所のページから使います。",
    )
    venue_name = models.CharField(
        _("venue name"),
        max_length=255,
        blank=True,
        help_text="ポータルに載っていない会場の名前です（例：〇〇町公民館 2階和室）。"
        "会場も住所も空欄なら、地区の拠点で行う行事として表示します。",
    )

    # --- Taking part ---
    is_free = models.BooleanField(
        _("free of charge"),
        default=True,
        help_text="参加費が無料ならチェックします（「無料」で絞り込めるようになります）。",
    )
    fee = models.CharField(
        _("fee"),
        max_length=100,
        blank=True,
        help_text="参加費の説明です（例：1回100円（お茶代））。無料なら空欄で構いません。",
    )
    what_to_bring = models.CharField(
        _("what to bring"),
        max_length=255,
        blank=True,
        help_text="持ち物です（例：タオル、飲み物、上履き）。",
    )
    accessibility_note = models.TextField(
        _("accessibility"),
        blank=True,
        help_text="車いすで入れるか、手話通訳や要約筆記があるか、などの配慮を書きます。",
    )
    registration_required = models.BooleanField(
        _("registration required"),
        default=False,
        help_text="参加に申込が必要ならチェックします。ページに申込フォームへのリンクが出て、"
        "各回ごとにウェブで申込を受け付けます（電話での申込先も表示します）。",
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="定員（各回の人数）です。定員を超えた申込はキャンセル待ちになります。"
        "定員がなければ空欄にします。",
    )

    # --- Who runs it ---
    organiser = models.CharField(
        _("organiser"),
        max_length=255,
        blank=True,
        help_text="主催する団体の名前です（例：第二地区社会福祉協議会）。",
    )
    contact_phone = models.CharField(
        _("contact phone"),
        max_length=20,
        blank=True,
        help_text="問い合わせ先の電話番号です。空欄なら地区の拠点の電話番号を表示します。",
    )
    contact_email = models.EmailField(
        _("contact email"), blank=True, help_text="問い合わせ先のメールアドレスです。"
    )

    # --- Cancelled ---
    cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text="行事全体を中止するときにチェックします。ページと一覧に「中止」と表示されます。"
        "1回だけ休むときは、下の「日程の変更・中止」を使います。",
    )
    cancellation_reason = models.CharField(
        _("reason for cancelling"),
        max_length=255,
        blank=True,
        help_text="中止の理由やお知らせです（例：会場の工事のため中止します）。",
    )

    # The district, in the same locale: derived from the page tree on save.
    district = models.ForeignKey(
        "home.DistrictPage",
        verbose_name=_("district"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    parent_page_types = ["home.DistrictPage"]
    subpage_types: list[str] = []
    base_form_class = EventPageForm

    content_panels = [
        *Page.content_panels,
        # A plain list, not Wagtail's snippet chooser: a few kinds are quicker to pick, and the
        # chooser's button text is fixed in the language of the first request after start.
        FieldPanel("kind", widget=forms.Select),
        FieldPanel("summary"),
        FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
            ],
            heading=_("When (the first time)"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(
                    content="<p>同じ時間に繰り返す行事は、ここで繰り返し方を選びます。"
                    "例：毎週火曜日は「毎週」、隔週は「毎週」で間隔を2に、"
                    "毎月第2・第4火曜日は「毎月 第◯曜日」で第2と第4・火曜日を選びます。"
                    "開始日時は最初の回にしてください。"
                    "1回だけ休む・日を変えるときは、下の「日程の変更・中止」に追加します。</p>"
                ),
                FieldRowPanel([FieldPanel("repeat"), FieldPanel("repeat_interval")]),
                FieldPanel("repeat_weekdays"),
                FieldPanel("repeat_nths"),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
                FieldRowPanel([FieldPanel("skip_holidays"), FieldPanel("skip_year_end")]),
            ],
            heading=_("Repeat"),
        ),
        InlinePanel(
            "exceptions",
            label=_("Change or cancellation of one date"),
            heading=_("Changes to single dates"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldPanel("venue_name"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("address")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Venue"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("is_free"), FieldPanel("fee")]),
                FieldPanel("what_to_bring"),
                FieldRowPanel([FieldPanel("registration_required"), FieldPanel("capacity")]),
                FieldPanel("accessibility_note"),
            ],
            heading=pgettext_lazy("event form heading", "Taking part"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldRowPanel([FieldPanel("contact_phone"), FieldPanel("contact_email")]),
            ],
            heading=_("Organiser and contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("cancelled"), FieldPanel("cancellation_reason")],
            heading=_("Cancel the whole event"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("venue_name"),
        index.SearchField("organiser"),
        index.RelatedFields("kind", [index.SearchField("name_ja"), index.SearchField("name_en")]),
        index.RelatedFields(
            "target_groups", [index.SearchField("name_ja"), index.SearchField("name_en")]
        ),
        index.FilterField("kind_id"),
        index.FilterField("district_id"),
    ]

    # Words are translated; times, the rule, the venue and its position are facts
    # shared by every language (the exceptions, a child relation, are copied too).
    override_translatable_fields = [
        SynchronizedField("slug"),
        TranslatableField("summary"),
        TranslatableField("body"),
        TranslatableField("venue_name"),
        TranslatableField("fee"),
        TranslatableField("what_to_bring"),
        TranslatableField("accessibility_note"),
        TranslatableField("organiser"),
        TranslatableField("cancellation_reason"),
        SynchronizedField("kind"),
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("all_day"),
        SynchronizedField("repeat"),
        SynchronizedField("repeat_interval"),
        SynchronizedField("repeat_weekdays"),
        SynchronizedField("repeat_nths"),
        SynchronizedField("repeat_until"),
        SynchronizedField("repeat_count"),
        SynchronizedField("skip_holidays"),
        SynchronizedField("skip_year_end"),
        SynchronizedField("venue"),
        SynchronizedField("postcode"),
        SynchronizedField("address"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("is_free"),
        SynchronizedField("registration_required"),
        SynchronizedField("capacity"),
        SynchronizedField("contact_phone"),
        SynchronizedField("contact_email"),
        SynchronizedField("cancelled"),
        SynchronizedField("exceptions"),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def cache_tags(self) -> set[str]:
        """The event page shows its district's hub and its venue."""
        return {district_tag(self.district), page_tag(self.venue) if self.venue_id else ""}

    def purge_tags(self) -> set[str]:
        """Publishing an event renews the lists and feeds, its district and its venue's
        page (which lists the next events held there)."""
        return {"events", *self.cache_tags()}

    # --- The rule -----------------------------------------------------------------

    def recurrence_rule(self) -> RecurrenceRule:
        return RecurrenceRule(
            frequency=self.repeat or Frequency.NONE,
            interval=self.repeat_interval or 1,
            weekdays=_int_list(self.repeat_weekdays),
            nths=_int_list(self.repeat_nths),
            until=self.repeat_until,
            count=self.repeat_count,
        )

    def normalise_times(self) -> None:
        """All-day events run from the start of the first day to the end of the last."""
        if self.all_day and self.start and self.end:
            self.start = local_datetime(to_local(self.start).date(), dt.time(0, 0))
            self.end = local_datetime(to_local(self.end).date(), dt.time(23, 59, 59))

    def complete_rule(self) -> None:
        """Fill what staff left blank from the first date, and write the RRULE."""
        if self.start is None:
            return
        rule = self.recurrence_rule().completed(self.start)
        self.repeat_weekdays = ",".join(str(d) for d in sorted(rule.weekdays))
        self.repeat_nths = ",".join(str(n) for n in rule.nths)
        self.repeat_until = rule.until
        self.repeat_count = rule.count
        self.rrule = rule.to_rrule()

    def clean(self):
        super().clean()
        if self.start is None or self.end is None:
            return
        self.normalise_times()
        if self.end <= self.start:
            raise ValidationError({"end": _("The end must be after the start.")})
        if self.repeat and self.end - self.start > dt.timedelta(days=6):
            raise ValidationError(
                {"end": _("A repeating event must end within six days of its start.")}
            )
        rule = self.recurrence_rule().completed(self.start)
        try:
            rule.validate(self.start)
        except RecurrenceError as error:
            raise ValidationError({error.field or "repeat": str(error)}) from error

    def series(self, changes: list[Change] | None = None) -> Series:
        if changes is None:
            changes = [exception.as_change() for exception in self.exceptions.all()]
        return Series(
            start=self.start,
            end=self.end,
            rrule=self.rrule,
            changes=tuple(changes),
            skip_holidays=self.skip_holidays,
            skip_year_end=self.skip_year_end,
            cancelled=self.cancelled,
            all_day=self.all_day,
        )

    @property
    def closure_note(self) -> str:
        """What the series skips, for its page ("" when it skips nothing)."""
        if not self.rrule:
            return ""
        days = year_end_closure_text() if self.skip_year_end else ""
        if self.skip_holidays and days:
            return gettext(
                "No session on national holidays or over the New Year holidays (%(days)s)."
            ) % {"days": days}
        if self.skip_holidays:
            return gettext("No session on national holidays.")
        if days:
            return gettext("No session over the New Year holidays (%(days)s).") % {"days": days}
        return ""

    @property
    def repeat_description(self) -> str:
        """毎週火曜日, 毎月第2・第4火曜日, ... (empty for a single event)."""
        if not self.rrule:
            return ""
        return describe_series(self.recurrence_rule(), self.start)

    # --- The venue ----------------------------------------------------------------

    @property
    def at_hub(self) -> bool:
        return self.venue_id is None and not self.venue_name and not self.address

    @property
    def venue_title(self) -> str:
        if self.venue_id:
            return self.venue.title
        if self.venue_name:
            return self.venue_name
        if self.district_id:
            return self.district.hub_name
        return ""

    @property
    def venue_postcode(self) -> str:
        if self.venue_id:
            return self.venue.postcode
        if self.at_hub and self.district_id:
            return self.district.hub_postcode
        return self.postcode

    @property
    def venue_address(self) -> str:
        if self.venue_id:
            return self.venue.address
        if self.at_hub and self.district_id:
            return self.district.hub_address
        return self.address

    @property
    def venue_position(self) -> tuple[float, float] | None:
        if self.venue_id:
            venue = self.venue
            return (venue.latitude, venue.longitude) if venue.has_location else None
        if self.at_hub and self.district_id:
            district = self.district
            if district.latitude is not None and district.longitude is not None:
                return district.latitude, district.longitude
            return None
        return (self.latitude, self.longitude) if self.has_location else None

    def _localise_venue(self) -> None:
        """The venue is synchronised between languages as a key to the source-language
        place: point it at that place's translation where there is one."""
        if not self.venue_id or not self.locale_id:
            return
        venue = self.venue
        if venue.locale_id != self.locale_id:
            translated = venue.get_translation_or_none(self.locale)
            if translated is not None:
                self.venue = translated

    def _locate(self) -> None:
        """An address venue is geocoded like a place (places.geocoding), offline."""
        from places.geocoding import locate_place

        if self.venue_id or not (self.address or self.postcode):
            # The position is the venue's or the hub's; a geocoded one belonged to an
            # address that is gone. Coordinates typed by staff stay.
            if self.location_source not in ("", LocationSource.MANUAL):
                self.latitude = self.longitude = None
                self.location_source = ""
            self.location_approximate = False
            self.geocoded_query = ""
            return
        locate_place(self)

    # --- Saving -------------------------------------------------------------------

    def save(self, *args, **kwargs):
        parent = self.get_parent() if self.path else None
        if parent is not None:
            self.district_id = parent.pk
        self.normalise_times()
        self.complete_rule()
        self._localise_venue()
        self._locate()
        return super().save(*args, **kwargs)

    # --- Showing --------------------------------------------------------------------

    @property
    def phone(self) -> str:
        """The contact phone, or the district hub's (or the city's) number."""
        if self.contact_phone:
            return self.contact_phone
        return self.district.contact_phone if self.district_id else ""

    def upcoming_occurrences(self, limit: int = 12, *, preview: bool = False):
        """The next dates: the published rows, or (in a preview of unsaved changes)
        the series as it stands in the editor."""
        now = timezone.now()
        if preview:
            self.normalise_times()
            self.complete_rule()  # the editor's fields, not yet saved
            return self.series().occurrences(self, after=now)[:limit]
        return list(self.occurrences.filter(end__gt=now).order_by("start")[:limit])

    def get_context(self, request, *args, **kwargs):
        from .jsonld import event_json_ld

        context = super().get_context(request, *args, **kwargs)
        upcoming = self.upcoming_occurrences(preview=getattr(request, "is_preview", False))
        context["upcoming"] = upcoming
        context["changes"] = [o for o in upcoming if o.cancelled or o.moved]
        context["finished"] = not upcoming
        context["json_ld"] = event_json_ld(self, request, upcoming)
        return context


class ExceptionKind(models.TextChoices):
    CANCELLED = "cancelled", _("Cancelled on this date")
    MOVED = "moved", _("Moved to another date or time")


class EventException(Orderable):
    """One date of a series that is cancelled or moved (a row under the event)."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(
        _("date of the session"),
        help_text="変更・中止する回の、もとの日付です（例：祝日でなくても休む日、日を変える回）。",
    )
    change = models.CharField(
        _("change"),
        max_length=20,
        choices=ExceptionKind.choices,
        default=ExceptionKind.CANCELLED,
        help_text="その回を中止するか、別の日時に変えるかを選びます。",
    )
    new_start = models.DateTimeField(
        _("new start"),
        null=True,
        blank=True,
        help_text="日時を変えるときの、新しい開始日時です。",
    )
    new_end = models.DateTimeField(
        _("new end"),
        null=True,
        blank=True,
        help_text="新しい終了日時です。空欄なら、いつもと同じ長さになります。",
    )
    note = models.CharField(
        _("note"),
        max_length=255,
        blank=True,
        help_text="お知らせです（例：会場の点検のため休みます）。一覧とページに表示します。",
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("change")]),
        FieldRowPanel([FieldPanel("new_start"), FieldPanel("new_end")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("change to one date")
        verbose_name_plural = _("changes to single dates")

    def clean(self):
        super().clean()
        if self.change == ExceptionKind.MOVED and self.new_start is None:
            raise ValidationError({"new_start": _("Give the new start of the moved session.")})
        if self.new_start and self.new_end and self.new_end <= self.new_start:
            raise ValidationError({"new_end": _("The end must be after the start.")})

    def as_change(self) -> Change:
        return Change(
            date=self.date,
            cancelled=self.change == ExceptionKind.CANCELLED,
            new_start=self.new_start if self.change == ExceptionKind.MOVED else None,
            new_end=self.new_end if self.change == ExceptionKind.MOVED else None,
            note=self.note,
        )


class EventOccurrence(models.Model):
    """One occurrence of a published event, written when the page is published.

    Lists, calendars, sections and filters read these rows: one query, paginated
    by the database, however many series there are. A series is bounded
    (at most two years, 500 times), so all of it is written.
    """

    page = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField(db_index=True)
    original_start = models.DateTimeField()
    # The local (Asia/Tokyo) date of the start, computed in Python: calendars and
    # date filters need no time-zone functions in the database.
    local_date = models.DateField(db_index=True)
    cancelled = models.BooleanField(default=False)
    moved = models.BooleanField(default=False)
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["page", "start"])]
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")

    def __str__(self) -> str:
        return f"{self.page_id} {self.start.isoformat()}"

    @property
    def original_date(self) -> dt.date:
        return to_local(self.original_start).date()

    @property
    def card_key(self) -> str:
        """What a list card of this occurrence varies by (events/cards.py): the occurrence,
        its event as published, the language and the districts' names and phones (a card
        names its district and the number to call)."""
        start = self.start.isoformat()
        return (
            f"{self.pk}.{start}.{self.page.cache_key}.{current_language()}."
            f"{tags_version('districts')}"
        )

    @property
    def note_language(self) -> str:
        """Notes come from the changes to single dates, which are copied, not translated,
        between languages: they are in the default language."""
        return settings.LANGUAGE_CODE


def rebuild_occurrences(page: EventPage) -> int:
    """Write the occurrence rows of `page` (its published version) anew."""
    occurrences = page.series().occurrences()
    with transaction.atomic():
        EventOccurrence.objects.filter(page_id=page.pk).delete()
        EventOccurrence.objects.bulk_create(
            EventOccurrence(
                page_id=page.pk,
                start=occurrence.start,
                end=occurrence.end,
                original_start=occurrence.original_start,
                local_date=occurrence.local_date,
                cancelled=occurrence.cancelled,
                moved=occurrence.moved,
                note=occurrence.note[:255],
            )
            for occurrence in occurrences
        )
    return len(occurrences)


# The registration models live in their own module; importing them here registers
# them with the app (Django finds an app's models through its models module).
from .registration_models import EventRegistration, EventRegistrationSlot  # noqa: E402, F401
