"""Editable word lists (kinds of place, kinds of event, target groups, ...).

A taxonomy entry holds its name in each language side by side rather than
one row per locale: filters then work across languages with one id, and the
lists are short and edited by coordinators, not translated page by page.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .languages import is_english


class AbstractTaxonomy(models.Model):
    slug = models.SlugField(
        _("slug"),
        max_length=60,
        unique=True,
        help_text="半角英小文字とハイフンの識別子です（例：salon）。URL の絞り込みに使います。",
    )
    name_ja = models.CharField(_("name (Japanese)"), max_length=100, help_text="日本語の名前です。")
    name_en = models.CharField(
        _("name (English)"),
        max_length=100,
        blank=True,
        help_text="英語の名前です。空欄なら日本語を表示します。",
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=100, help_text="一覧での並び順です。小さい数ほど先に表示されます。"
    )

    class Meta:
        abstract = True
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if is_english() and self.name_en:
            return self.name_en
        return self.name_ja
