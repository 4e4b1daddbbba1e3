from django import forms
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.punctuation import join_list
from portal.source_text import mark_source_text

from .models import AccessibilityFeature, PlaceKind, TargetGroup, Weekday
from .queries import PlaceFilters

#: What a resident may type to sort by distance: Japanese on every page of any language.
NEAR_EXAMPLES = ("390-0814", "本庄2-3", "松本市役所")


def near_help_text() -> SafeString:
    examples = mark_source_text(join_list(NEAR_EXAMPLES))
    return format_html(gettext("For example: {examples}"), examples=examples)


class PlaceFilterForm(forms.Form):
    """The filters of /places/ (and of its map, which takes the same query string)."""

    district = forms.ChoiceField(label=_("District"), required=False)
    kind = forms.ChoiceField(label=_("Kind of place"), required=False)
    target = forms.ChoiceField(label=_("For whom"), required=False)
    feature = forms.ChoiceField(label=_("Accessibility"), required=False)
    weekday = forms.TypedChoiceField(
        label=_("Open on"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any day")), *Weekday.choices],
    )
    near = forms.CharField(
        label=_("Near (address, postcode, town or place name)"),
        required=False,
        max_length=100,
        help_text=lazy(lambda: near_help_text(), SafeString)(),
    )
    lat = forms.FloatField(required=False, min_value=20, max_value=46, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=122, max_value=154, widget=forms.HiddenInput)

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", _("All districts"))] + [
            (district.slug, district.title) for district in districts
        ]
        for name, model in (
            ("kind", PlaceKind),
            ("target", TargetGroup),
            ("feature", AccessibilityFeature),
        ):
            self.fields[name].choices = [("", _("All"))] + [
                (item.slug, item.name) for item in model.objects.all()
            ]

    def filters(self) -> PlaceFilters:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return PlaceFilters(
            district=data.get("district", ""),
            kind=data.get("kind", ""),
            target=data.get("target", ""),
            feature=data.get("feature", ""),
            weekday=data.get("weekday"),
        )
