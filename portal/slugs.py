"""Readable romaji slugs for pages with Japanese titles, and page-form errors that say where.

With `WAGTAIL_ALLOW_UNICODE_SLUGS = False` Wagtail derives a page's slug by
dropping every character that is not ASCII: a Japanese title leaves it empty
(the admin then refuses the page, naming a field on another tab in an English
banner) and a title such as 第2地区サロン leaves just "2". City staff always type
Japanese titles, so the portal reads the title with pykakasi's offline
dictionary and writes it in Hepburn without long-vowel marks, the way Japanese
place names appear on signs: 本庄ふれあいサロン → honjo-fureai-saron.

* `RomajiSlugPage` (a page model mixin) fills an empty slug when a page is saved
  in code (loaders, imports);
* `RomajiSlugFormMixin` does it in the admin, so the staff member sees the slug
  chosen and can change it; it also names the tab and the field of every error
  in the message at the top of the editor.
"""

from __future__ import annotations

import re
import unicodedata

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .japanese import _kakasi, has_kanji

#: Long enough for any title staff give, short enough to read in a URL.
SLUG_MAX_LENGTH = 60
#: On'yomi long vowels, written without marks as on road signs (honjō → honjo).
LONG_VOWELS = re.compile(r"(?<=[o])u|(?<=[u])u|(?<=[o])o")

SLUG_HELP_TEXT = (
    "ページの URL の一部になる名前です（半角の英小文字・数字・ハイフン）。"
    "空欄のまま保存すると、タイトルの読みからローマ字で付けます"
    "（例：本庄ふれあいサロン → honjo-fureai-saron）。"
    "公開後に変えると、前の URL は使えなくなります。"
)


def romaji_slug(text: str, max_length: int = SLUG_MAX_LENGTH) -> str:
    """`text` as a lower-case romaji slug ("" when nothing in it can be written so).

    Kanji words lose their long-vowel spellings (本庄 honjou → honjo, 体操
    taisou → taiso); kana words are written as spelled (ふれあい fureai); Latin
    letters and digits are kept as typed, full-width ones made half-width.
    """
    words: list[str] = []
    latin = ""
    for part in _kakasi().convert(unicodedata.normalize("NFKC", text or "")):
        original = part["orig"]
        if original.isascii():
            latin += original
            continue
        if latin:
            words.append(latin)
            latin = ""
        roman = part["hepburn"]
        if has_kanji(original):
            roman = LONG_VOWELS.sub("", roman)
        words.append(roman)
    words.append(latin)
    slug = slugify(" ".join(words))
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug.strip("-")


def unique_slug(base: str, parent, page=None) -> str:
    """`base`, or `base-2`, `base-3`, … : the first that no sibling under `parent` uses."""
    if parent is None:
        return base
    siblings = parent.get_children()
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


class RomajiSlugFormMixin:
    """Admin page forms: a slug from the title when none is typed, and errors that say where.

    The slug field is optional here. When it is left empty (or holds only what
    the editor's script kept of a Japanese title, such as "2" of 第2地区サロン),
    the slug becomes the title in romaji, made unique among the page's siblings
    with -2, -3. A slug typed in Japanese is written in romaji too. Whatever the
    staff member types otherwise is kept (and checked by Wagtail as usual).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._where_added = False
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = SLUG_HELP_TEXT

    def _slug_parent(self):
        parent = getattr(self, "parent_page", None)
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        return parent

    def _is_script_residue(self, slug: str, title: str) -> bool:
        """Whether `slug` is only what the editor's script kept of a Japanese title."""
        return not self.instance.pk and not title.isascii() and slug == slugify(title, False)

    def clean_slug(self):
        slug = (self.cleaned_data.get("slug") or "").strip()
        title = self.cleaned_data.get("title") or ""
        if slug and slug.isascii() and not self._is_script_residue(slug, title):
            return slug
        base = romaji_slug(slug if slug and not slug.isascii() else title)
        if not base:
            if not title:
                return slug  # the title's own error says what to fix
            raise forms.ValidationError(
                _(
                    "No URL name could be made from the title. Type one in lower-case "
                    "letters, digits and hyphens (e.g. honjo-salon)."
                )
            )
        return unique_slug(base, self._slug_parent(), self.instance)

    def is_valid(self):
        valid = super().is_valid()
        if not valid and not self._where_added:
            self._where_added = True
            # Wagtail's banner lists the errors only when there is a non-field
            # error; these say where each field is, since most tabs are hidden.
            for field, tab in self.error_locations():
                self.add_error(
                    None,
                    gettext("Check “%(field)s” on the “%(tab)s” tab.")
                    % {"field": field, "tab": tab},
                )
        return valid

    def error_locations(self) -> list[tuple[str, str]]:
        """(label, tab heading) of each field or inline list with an error, in editor order."""
        handler = type(self.instance).get_edit_handler()
        with_errors = {name for name in self.errors if name != forms.forms.NON_FIELD_ERRORS}
        for name, formset in getattr(self, "formsets", {}).items():
            if formset.total_error_count():
                with_errors.add(name)
        places = []
        for tab in getattr(handler, "children", [handler]):
            options = tab.get_form_options()
            for name in [*options.get("fields", []), *options.get("formsets", {})]:
                if name in with_errors:
                    places.append((self._error_label(name), str(tab.heading)))
                    with_errors.discard(name)
        return places

    def _error_label(self, name: str) -> str:
        if name in self.fields:
            return str(self.fields[name].label)
        relation = self.instance._meta.get_field(name)
        return str(relation.related_model._meta.verbose_name_plural)


class PortalPageForm(RomajiSlugFormMixin, WagtailAdminPageForm):
    """The admin form of every page type of the portal (page forms with more subclass it)."""


class RomajiSlugPage:
    """Page model mixin: a page saved without a slug gets one from its title, in code
    and in the admin (`PortalPageForm`; a page type with its own form subclasses it)."""

    base_form_class = PortalPageForm

    def full_clean(self, *args, **kwargs):
        # Before Wagtail's own default, which drops non-ASCII letters; the path is
        # set once the page is in the tree, and siblings can be checked then.
        if not self.slug and self.path and self.title:
            base = romaji_slug(self.title)
            if base:
                self.slug = unique_slug(base, self.get_parent(), self)
        return super().full_clean(*args, **kwargs)
