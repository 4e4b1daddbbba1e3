"""Gathering places: salons, welfare hubs, children's plazas, consultation windows."""

from __future__ import annotations

import datetime as dt
import functools

from django import forms
from django.db import models
from django.utils import timezone
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

from portal.languages import current_language
from portal.page_cache import district_tag, tags_version
from portal.privacy import KnownRestrictionsPage
from portal.slugs import PortalPageForm, RomajiSlugPage
from portal.taxonomy import AbstractTaxonomy

from .location import LocatedModel, keep_coordinates_typed_by_hand

#: An entry not confirmed for this long is listed for staff to check.
CONFIRMATION_PERIOD = dt.timedelta(days=365)


class PlaceKind(AbstractTaxonomy):
    """What kind of place it is (通いの場・サロン, 福祉ひろば, ...): edited by coordinators."""

    class Meta(AbstractTaxonomy.Meta):
        verbose_name = _("kind of place")
        verbose_name_plural = _("kinds of place")


class TargetGroup(AbstractTaxonomy):
    """Who a place or an event is for (高齢の方, 子ども・子育て世帯, どなたでも, ...)."""

    class Meta(AbstractTaxonomy.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class AccessibilityFeature(AbstractTaxonomy):
    """Step-free entrance, accessible toilet, hearing loop, ..."""

    class Meta(AbstractTaxonomy.Meta):
        verbose_name = _("accessibility feature")
        verbose_name_plural = _("accessibility features")


class OrganiserType(models.TextChoices):
    PUBLIC = "public", _("Local government")
    WELFARE_CORPORATION = "welfare", _("Social welfare corporation")
    NPO = "npo", _("NPO")
    RESIDENTS = "residents", _("Residents' group")
    PRIVATE = "private", _("Private business")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class PlaceForm(PortalPageForm):
    """Coordinates typed by staff are theirs: the geocoder leaves them alone from then on.
    Clearing them asks the geocoder again. A new place starts as confirmed today:
    whoever adds it has just checked it, and it is not at once "may be outdated"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and not self.initial.get("last_confirmed"):
            self.initial["last_confirmed"] = timezone.localdate()

    def save(self, commit=True):
        page = super().save(commit=False)
        keep_coordinates_typed_by_hand(self, page)
        if commit:
            page.save()
            self.save_m2m()
        return page


class PlacePage(KnownRestrictionsPage, RomajiSlugPage, LocatedModel, Page):
    """A place residents can go to, a child of its DistrictPage.

    Coordinates come from staff, or from the geocoder when the place is saved
    with an address and none; when the geocoder cannot place the address the
    place takes its district's centre and is marked approximate.
    """

    kind = models.ForeignKey(
        PlaceKind,
        verbose_name=_("kind"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text="場所の種類を選びます。選びたい種類がないときはコーディネーターに相談してください。",
    )
    target_groups = ParentalManyToManyField(
        TargetGroup,
        verbose_name=_("for whom"),
        blank=True,
        help_text="どなた向けの場所かを選びます（いくつでも選べます）。",
    )
    reading = models.CharField(
        _("reading (kana)"),
        max_length=255,
        blank=True,
        help_text="名前のよみがなをひらがなで入力します（例：ほんじょうふれあいさろん）。"
        "空欄なら自動で付けます。読み方が特別な名前のときだけ入力してください。"
        "検索とオープンデータ（名称_カナ）に使います。",
    )
    summary = models.CharField(
        _("summary"),
        max_length=200,
        blank=True,
        help_text="一覧に表示する1〜2文の紹介です（例：毎週火曜日に体操とお茶会をしています）。",
    )
    opening_note = models.CharField(
        _("opening note"),
        max_length=255,
        blank=True,
        help_text="開いている日時の補足です（例：祝日と年末年始は休み、毎月第2火曜日のみ）。",
    )
    fee = models.CharField(
        _("fee"), max_length=100, blank=True, help_text="参加費です（例：無料、1回100円）。"
    )
    booking_required = models.BooleanField(
        _("booking needed"), default=False, help_text="参加に予約や申込が必要ならチェックします。"
    )
    accessibility_features = ParentalManyToManyField(
        AccessibilityFeature,
        verbose_name=_("accessibility"),
        blank=True,
        help_text="あてはまる設備や配慮をすべて選びます（段差なし、多目的トイレなど）。",
    )
    accessibility_note = models.CharField(
        _("accessibility note"),
        max_length=255,
        blank=True,
        help_text="設備の補足です（例：2階ですがエレベーターがあります）。",
    )
    phone = models.CharField(
        _("phone"), max_length=20, blank=True, help_text="問い合わせ先の電話番号です。"
    )
    email = models.EmailField(
        _("email"), blank=True, help_text="問い合わせ先のメールアドレスです。"
    )
    website = models.URLField(_("website"), blank=True, help_text="団体や施設のホームページです。")
    organiser = models.CharField(
        _("organiser"), max_length=255, blank=True, help_text="運営している団体の名前です。"
    )
    organiser_type = models.CharField(
        _("type of organiser"),
        max_length=20,
        choices=OrganiserType.choices,
        blank=True,
        help_text="運営団体の種類です。",
    )
    body = RichTextField(
        _("description"),
        blank=True,
        features=["h2", "h3", "bold", "ol", "ul", "link"],
        help_text="どんな場所か、どんな活動をしているかを、やさしい言葉で書きます。",
    )
    how_to_join = models.TextField(
        _("how to join"),
        blank=True,
        help_text="初めての方がどうすれば参加できるかを書きます（例：当日直接お越しください）。",
    )
    last_confirmed = models.DateField(
        _("last confirmed"),
        null=True,
        blank=True,
        help_text="掲載内容を最後に確認した日です。1年以上たつと、確認が必要な一覧に表示されます。",
    )
    external_id = models.CharField(
        _("external id"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text="CSV で取り込んだときの識別子です。"
        "取り込みで更新するときに使うので、変更しないでください。",
    )
    # The district the place belongs to, in the same locale: derived from the
    # page tree on save, kept as a column so lists filter and show it without
    # walking the tree for each place.
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
    base_form_class = PlaceForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("reading"),
        # A plain list, not Wagtail's snippet chooser: a few kinds are quicker to pick, and the
        # chooser's button text is fixed in the language of the first request after start.
        FieldPanel("kind", widget=forms.Select),
        FieldPanel("summary"),
        FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("address")]),
                HelpPanel(
                    content="<p>緯度・経度は、住所から自動で求めます。"
                    "求められないときは地区の中心に置かれ、地図に「おおよその位置」と表示されます。"
                    "正確な位置がわかるときは、ここに入力してください。</p>"
                ),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Address and map"),
        ),
        MultiFieldPanel(
            [
                InlinePanel("opening_hours", label=_("Opening hours"), heading=_("Opening hours")),
                FieldPanel("opening_note"),
                FieldRowPanel([FieldPanel("fee"), FieldPanel("booking_required")]),
            ],
            heading=_("When"),
        ),
        FieldPanel("body"),
        FieldPanel("how_to_join"),
        MultiFieldPanel(
            [
                FieldPanel("accessibility_features", widget=forms.CheckboxSelectMultiple),
                FieldPanel("accessibility_note"),
            ],
            heading=_("Accessibility"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldPanel("organiser_type"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("website"),
            ],
            heading=_("Contact"),
        ),
        InlinePanel("photos", label=_("Photos"), heading=_("Photos")),
        FieldPanel("last_confirmed"),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("external_id")]

    search_fields = [
        *Page.search_fields,
        index.SearchField("reading"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("how_to_join"),
        index.SearchField("opening_note"),
        index.SearchField("fee"),
        index.SearchField("accessibility_note"),
        index.SearchField("address"),
        index.SearchField("organiser"),
        # Found by the names of its kind, whom it is for and its features, in both
        # languages (サロン, 車椅子, salon): the portal's search reads these too.
        index.RelatedFields("kind", [index.SearchField("name_ja"), index.SearchField("name_en")]),
        index.RelatedFields(
            "target_groups", [index.SearchField("name_ja"), index.SearchField("name_en")]
        ),
        index.RelatedFields(
            "accessibility_features", [index.SearchField("name_ja"), index.SearchField("name_en")]
        ),
        index.FilterField("kind_id"),
        index.FilterField("district_id"),
    ]

    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("reading"),
        TranslatableField("summary"),
        TranslatableField("opening_note"),
        TranslatableField("fee"),
        TranslatableField("accessibility_note"),
        TranslatableField("organiser"),
        TranslatableField("how_to_join"),
        TranslatableField("body"),
        SynchronizedField("address"),
        SynchronizedField("postcode"),
    ]

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def cache_tags(self) -> set[str]:
        """The place page shows its district's hub; its next events purge it by its own tag."""
        return {district_tag(self.district)}

    def purge_tags(self) -> set[str]:
        return {"places", district_tag(self.district)}

    @property
    def card_key(self) -> str:
        """What a list card of this place varies by (places/cards.py): the page as
        published, its distance from the resident when sorted by it, the language and
        the districts' names (a card names its district)."""
        distance = getattr(self, "distance_km", None)
        return f"{self.cache_key}.{distance}.{current_language()}.{tags_version('districts')}"

    @property
    def needs_confirmation(self) -> bool:
        if self.last_confirmed is None:
            return True
        return timezone.localdate() - self.last_confirmed > CONFIRMATION_PERIOD

    def save(self, *args, **kwargs):
        from .geocoding import locate_place

        parent = self.get_parent() if self.path else None
        if parent is not None:
            self.district_id = parent.pk
        locate_place(self)
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .structured_data import place_json_ld

        context = super().get_context(request, *args, **kwargs)
        # Called by the template only when its fragment is not in the cache.
        context["json_ld"] = functools.partial(place_json_ld, self, request)
        return context


class PlaceOpeningHours(Orderable):
    """One weekly opening: weekday, from, to and a short note."""

    page = ParentalKey(PlacePage, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), choices=Weekday.choices, help_text="曜日を選びます。"
    )
    opens = models.TimeField(_("from"), help_text="開始時刻です（例：10:00）。")
    closes = models.TimeField(_("to"), help_text="終了時刻です（例：12:00）。")
    note = models.CharField(
        _("note"), max_length=100, blank=True, help_text="補足です（例：第1・第3週のみ）。"
    )

    panels = [
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    @property
    def weekday_name(self) -> str:
        """The weekday in the active language. Django's `get_weekday_display` makes every
        choice hashable on each call: a fifth of a list card's time (docs/benchmarks.md)."""
        try:
            return str(Weekday(self.weekday).label)
        except ValueError:  # not a weekday: shown as stored, as Django's display does
            return str(self.weekday)


class PlacePhoto(Orderable):
    page = ParentalKey(PlacePage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text="写真を選びます。人の顔が写る写真は、本人の了解を得たものだけにしてください。",
    )
    alt_text = models.CharField(
        _("description for screen readers"),
        max_length=255,
        help_text="写真に何が写っているかを短く書きます（例：公民館の和室でお茶を飲む参加者）。",
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text")]
