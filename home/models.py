"""The page tree's upper floors: home, the district index, the districts, policy pages."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from portal.languages import is_english
from portal.municipality import city
from portal.page_cache import district_tag
from portal.privacy import KnownRestrictionsPage
from portal.routing import deepest_page
from portal.sections import (
    DISTRICT_INDEX_SECTIONS,
    DISTRICT_SECTIONS,
    HOME_SECTIONS,
    sections_for,
)
from portal.slugs import RomajiSlugPage


class HomePage(KnownRestrictionsPage, RomajiSlugPage, Page):
    """The portal's front page: the resident's questions and the list of districts."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text="トップページの最初に表示する短い案内文です。やさしい言葉で2〜3文にしてください。",
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.DistrictIndexPage", "home.StandardPage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    override_translatable_fields = [SynchronizedField("slug")]

    def route(self, request, path_components):
        """Find the page a URL names in one query, not two a level.

        Wagtail walks the tree from here, a child query and a `specific` query for
        each part of the path (six for a place page). The deepest page under this
        one whose `url_path` the path starts with is the one that walk would reach,
        because no page type of the portal answers a child's slug with a route of
        its own (a routable page's routes are below its own URL: it is still found
        here and routes the rest itself, as in Wagtail's walk). Which page a URL
        names is kept until a purge (portal/routing.py).
        """
        if not path_components:
            return super().route(request, path_components)
        deepest = deepest_page(self, path_components)
        if deepest is None:
            return super().route(request, path_components)
        return deepest.route(request, path_components[deepest.depth - self.depth :])

    class Meta:
        verbose_name = _("home page")

    def cache_tags(self) -> set[str]:
        """The page cache keeps the home page until its sections' content or a district
        changes (the sections add their own tags)."""
        return {"districts"}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = sections_for(HOME_SECTIONS, self, request)
        index_page = DistrictIndexPage.objects.live().child_of(self).first()
        context["district_index"] = index_page
        context["districts"] = index_page.districts() if index_page else []
        return context


class DistrictIndexPage(KnownRestrictionsPage, RomajiSlugPage, Page):
    """`/districts/`: every district of the municipality, in the order of the data file."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text="地区一覧ページの上に表示する案内文です。",
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.DistrictPage"]
    max_count_per_parent = 1
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta:
        verbose_name = _("district index")

    def cache_tags(self) -> set[str]:
        return {"districts"}

    def districts(self):
        return DistrictPage.objects.live().child_of(self).specific().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["districts"] = self.districts()
        context["sections"] = sections_for(DISTRICT_INDEX_SECTIONS, self, request)
        return context


class DistrictPage(KnownRestrictionsPage, RomajiSlugPage, Page):
    """One district (地区) of the city, with its hub: the community hall or welfare hub.

    Places, events and volunteer opportunities are its children, so Wagtail's
    per-subtree page permissions give district staff exactly their district.
    The sections shown on the page are those the feature apps register for the
    `portal_district_sections` hook (portal/sections.py).
    """

    reading = models.CharField(
        _("reading (kana)"),
        max_length=100,
        blank=True,
        help_text="地区名のよみがなをひらがなで入力します（例：だいにちく）。検索に使います。",
    )
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text="地区ページの最初に表示する紹介文です。地区の特徴や拠点の案内を短く書いてください。",
    )
    hub_name = models.CharField(
        _("hub name"),
        max_length=255,
        help_text="地区の拠点（公民館・地域づくりセンター・福祉ひろば）の名前です。",
    )
    hub_postcode = models.CharField(
        _("hub postcode"),
        max_length=8,
        blank=True,
        help_text="郵便番号を「390-0000」の形で入力します。わからなければ空欄で構いません。",
    )
    hub_address = models.CharField(
        _("hub address"),
        max_length=255,
        blank=True,
        help_text="都道府県から番地までの住所です（例：長野県松本市本庄2-3-23）。",
    )
    hub_phone = models.CharField(
        _("hub phone"),
        max_length=20,
        blank=True,
        help_text="拠点の電話番号です。空欄のときは市の代表番号を表示します。",
    )
    hub_verified = models.BooleanField(
        _("hub details verified"),
        default=True,
        help_text="拠点の名前と住所を確認済みならチェックします。"
        "チェックがないと、ページに「確認中」と表示されます。",
    )
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        help_text="地区の中心（拠点の位置）の緯度です（例：36.22577）。地図で使います。",
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        help_text="地区の中心（拠点の位置）の経度です（例：137.97198）。地図で使います。",
    )
    staff_group = models.ForeignKey(
        Group,
        verbose_name=_("staff group"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="この地区を担当する職員のグループです（地区の読み込み時に自動で作られます）。",
    )

    # No subpage_types: feature page types name DistrictPage as their parent.
    parent_page_types = ["home.DistrictIndexPage"]

    content_panels = [
        *Page.content_panels,
        FieldPanel("reading"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("hub_name"),
                FieldRowPanel([FieldPanel("hub_postcode"), FieldPanel("hub_phone")]),
                FieldPanel("hub_address"),
                FieldPanel("hub_verified"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("District hub"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("reading"),
        index.SearchField("hub_name"),
        index.SearchField("hub_address"),
        index.SearchField("intro"),
    ]

    # The slug is the district's romaji name and the same URL in every language;
    # coordinates, phone and the staff group are facts, not text to translate.
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("reading"),
        SynchronizedField("hub_postcode"),
        SynchronizedField("hub_address"),
        SynchronizedField("hub_phone"),
        SynchronizedField("hub_verified"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("staff_group"),
        TranslatableField("hub_name"),
        TranslatableField("intro"),
    ]

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def cache_tags(self) -> set[str]:
        """What the page cache keeps the district page by: everything under the district."""
        return {district_tag(self)}

    def purge_tags(self) -> set[str]:
        """Publishing the district renews what is under it and the lists of districts."""
        return {district_tag(self), "districts"}

    @property
    def contact_phone(self) -> str:
        """The hub's phone, or the city's main number where the data has none."""
        return self.hub_phone or city().phone

    @property
    def uses_city_phone(self) -> bool:
        return not self.hub_phone

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = sections_for(DISTRICT_SECTIONS, self, request)
        return context


class StandardPage(KnownRestrictionsPage, RomajiSlugPage, Page):
    """A plain text page: the accessibility policy, the privacy policy, about the portal."""

    FOOTER_NONE = ""
    FOOTER_ACCESSIBILITY = "accessibility"
    FOOTER_PRIVACY = "privacy"
    FOOTER_CHOICES = [
        (FOOTER_NONE, _("Not in the footer")),
        (FOOTER_ACCESSIBILITY, _("Accessibility policy")),
        (FOOTER_PRIVACY, _("Privacy policy")),
    ]

    intro = models.TextField(_("introduction"), blank=True, help_text="ページの要約です。")
    body = RichTextField(
        _("body"),
        blank=True,
        features=["h2", "h3", "bold", "ol", "ul", "link", "hr"],
        help_text="本文です。見出し（h2・h3）で区切ると読み上げソフトでも読みやすくなります。",
    )
    footer_role = models.CharField(
        _("footer link"),
        max_length=20,
        blank=True,
        choices=FOOTER_CHOICES,
        help_text="すべてのページの下部（フッター）にリンクを表示するときに選びます。",
    )

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    promote_panels = [*Page.promote_panels, FieldPanel("footer_role")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("footer_role"),
    ]

    @classmethod
    def privacy_policy_url(cls, request) -> str:
        """The live privacy policy in the active language, for consent texts on forms.

        A site whose policy page is not published yet still gets the address the
        site-structure loader gives it, rather than no link beside a consent box.
        """
        page = (
            cls.objects.live()
            .filter(locale=Locale.get_active(), footer_role=cls.FOOTER_PRIVACY)
            .first()
        )
        if page is not None:
            return page.get_url(request)
        return "/en/privacy/" if is_english() else "/privacy/"

    class Meta:
        verbose_name = _("standard page")
