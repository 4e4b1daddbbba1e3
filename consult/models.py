"""Consultation windows (相談窓口): where a resident asks, by field and district.

A window is a snippet with its texts in Japanese and English side by side, like the
word lists (portal/taxonomy.py): a city has a few dozen windows, edited by
coordinators, and one row per window keeps the districts it serves and its phone
the same in both languages. A district's first-contact point is its hub (the
district page's 地域づくりセンター・福祉ひろば, `first_contact`), not a window: one
source for its name, address and phone.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from home.models import DistrictPage
from portal.languages import is_english


class Field(models.TextChoices):
    """The fields of the city's support system, in the order a resident reads them."""

    ELDERLY = "elderly", _("Older people and care")
    DISABILITY = "disability", _("Disability")
    CHILDREN = "children", _("Children and child-rearing")
    HARDSHIP = "hardship", _("Money, work and daily living")
    OTHER = "other", _("Several troubles at once, or not sure where to ask")


FIELD_ORDER = [choice.value for choice in Field]


def _default_language_districts() -> dict:
    # Windows are linked to the districts of the site's default language; another
    # language's district page finds them by its translation key (`windows_for`).
    return {"locale__language_code": settings.LANGUAGE_CODE}


class ConsultationWindow(models.Model):
    """A place to ask for advice: who it is for, what to ask, its phone and hours, the
    department responsible, and the districts it serves (none: the whole city)."""

    name_ja = models.CharField(
        _("name (Japanese)"),
        max_length=120,
        help_text="窓口の名前です（例：中央地域包括支援センター）。",
    )
    name_en = models.CharField(
        _("name (English)"),
        max_length=120,
        blank=True,
        help_text="英語の名前です。空欄なら日本語を表示します。",
    )
    field = models.CharField(
        _("field"),
        max_length=20,
        choices=Field.choices,
        help_text="どの分野の相談を受ける窓口かを選びます。",
    )
    for_whom_ja = models.CharField(
        _("who it is for (Japanese)"),
        max_length=200,
        help_text="どなたが相談できるかを書きます（例：65歳以上の方とその家族）。",
    )
    for_whom_en = models.CharField(
        _("who it is for (English)"), max_length=200, blank=True, help_text="英語で書きます。"
    )
    what_to_ask_ja = models.TextField(
        _("what to ask (Japanese)"),
        help_text="どんなことを相談できるかを、短い文で書きます（例：介護保険の申請、もの忘れの心配）。",
    )
    what_to_ask_en = models.TextField(
        _("what to ask (English)"), blank=True, help_text="英語で書きます。"
    )
    phone = models.CharField(
        _("phone"),
        max_length=20,
        help_text="電話番号です（例：0263-34-3000）。確かめた番号だけを書きます。",
    )
    hours_ja = models.CharField(
        _("phone hours (Japanese)"),
        max_length=120,
        help_text="電話を受ける曜日と時間です（例：平日 8:30〜17:15）。",
    )
    hours_en = models.CharField(
        _("phone hours (English)"), max_length=120, blank=True, help_text="英語で書きます。"
    )
    address = models.CharField(
        _("address"),
        max_length=200,
        blank=True,
        help_text="窓口の住所です。来所できない窓口は空欄にします。",
    )
    department_ja = models.CharField(
        _("responsible department (Japanese)"),
        max_length=120,
        help_text="この窓口を担当する市の課です（例：高齢福祉課）。",
    )
    department_en = models.CharField(
        _("responsible department (English)"),
        max_length=120,
        blank=True,
        help_text="英語で書きます。",
    )
    languages_ja = models.CharField(
        _("languages (Japanese)"),
        max_length=120,
        default="日本語",
        help_text="相談できる言語です（例：日本語、やさしい日本語、通訳の手配可）。",
    )
    languages_en = models.CharField(
        _("languages (English)"),
        max_length=120,
        blank=True,
        default="Japanese",
        help_text="英語で書きます。",
    )
    accessibility_ja = models.CharField(
        _("accessibility (Japanese)"),
        max_length=200,
        blank=True,
        help_text="来所・相談のしやすさです（例：車いす可、訪問相談あり、FAX・メール可）。",
    )
    accessibility_en = models.CharField(
        _("accessibility (English)"), max_length=200, blank=True, help_text="英語で書きます。"
    )
    districts = models.ManyToManyField(
        DistrictPage,
        blank=True,
        related_name="consultation_windows",
        limit_choices_to=_default_language_districts,
        verbose_name=_("districts served"),
        help_text="この窓口が受け持つ地区を選びます（日本語の地区ページ）。市内全域なら選びません。",
    )
    is_demo = models.BooleanField(
        _("demo entry"),
        default=False,
        help_text="デモ用の仮の情報を含むときに付けます。公開ページに「デモ」と表示されます。",
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"),
        default=100,
        help_text="同じ分野の中での並び順です。小さい数ほど先に表示されます。",
    )

    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("name_ja"), FieldPanel("name_en")]), FieldPanel("field")],
            heading="窓口",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("for_whom_ja"), FieldPanel("for_whom_en")]),
                FieldRowPanel([FieldPanel("what_to_ask_ja"), FieldPanel("what_to_ask_en")]),
            ],
            heading="相談できること",
        ),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldRowPanel([FieldPanel("hours_ja"), FieldPanel("hours_en")]),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("languages_ja"), FieldPanel("languages_en")]),
                FieldRowPanel([FieldPanel("accessibility_ja"), FieldPanel("accessibility_en")]),
            ],
            heading="連絡先",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("department_ja"), FieldPanel("department_en")]),
                FieldPanel("districts", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("sort_order"), FieldPanel("is_demo")]),
            ],
            heading="担当と地区",
        ),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("consultation window")
        verbose_name_plural = _("consultation windows")

    def __str__(self) -> str:
        return self.name_ja

    def _text(self, name: str) -> str:
        english = getattr(self, f"{name}_en")
        return english if is_english() and english else getattr(self, f"{name}_ja")

    @property
    def name(self) -> str:
        return self._text("name")

    @property
    def for_whom(self) -> str:
        return self._text("for_whom")

    @property
    def what_to_ask(self) -> str:
        return self._text("what_to_ask")

    @property
    def hours(self) -> str:
        return self._text("hours")

    @property
    def department(self) -> str:
        return self._text("department")

    @property
    def languages(self) -> str:
        return self._text("languages")

    @property
    def accessibility(self) -> str:
        return self._text("accessibility")
