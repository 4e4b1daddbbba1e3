"""The filters of /places/ (and of its map and its export, which take the same query string)."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from home.filters import district_choices
from portal.filters import DistrictFilter, PortalFilterSet, TaxonomyFilter
from portal.punctuation import join_list
from portal.source_text import mark_source_text

from .models import AccessibilityFeature, PlaceKind, TargetGroup, Weekday

#: What a resident may type to sort by distance: Japanese on every page of any language.
NEAR_EXAMPLES = ("390-0814", "本庄2-3", "松本市役所")


def near_help_text() -> SafeString:
    examples = mark_source_text(join_list(NEAR_EXAMPLES))
    return format_html(gettext("For example: {examples}"), examples=examples)


class NearForm(forms.Form):
    """Where "near me" is: an address, or the device's position (filled by the "use my
    location" button). It narrows nothing: the view sorts the filtered places by their
    distance from it (places.views)."""

    near = forms.CharField(
        label=_("Near (address, postcode, town or place name)"),
        required=False,
        max_length=100,
        help_text=lazy(lambda: near_help_text(), SafeString)(),
    )
    lat = forms.FloatField(required=False, min_value=20, max_value=46, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=122, max_value=154, widget=forms.HiddenInput)


class PlaceFilterSet(PortalFilterSet):
    """The filters of /places/. The form has no error messages (every value comes from a
    choice or the near-me button): a hand-made URL with an invalid value shows every place."""

    district = DistrictFilter("district__slug", choices=district_choices)
    kind = TaxonomyFilter(PlaceKind, "kind__slug", label=_("Kind of place"))
    target = TaxonomyFilter(TargetGroup, "target_groups__slug", label=_("For whom"), distinct=True)
    feature = TaxonomyFilter(
        AccessibilityFeature,
        "accessibility_features__slug",
        label=_("Accessibility"),
        distinct=True,
    )
    weekday = django_filters.TypedChoiceFilter(
        field_name="opening_hours__weekday",
        label=_("Open on"),
        coerce=int,
        empty_value=None,
        choices=[("", _("Any day")), *Weekday.choices],
        distinct=True,
    )

    class Meta:
        form = NearForm
