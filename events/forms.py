"""The filters of /events/ and of its month calendar (the same query string), and the
registration form of one session."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from places.models import TargetGroup
from portal.forms import BoundedDateField, SignupContactForm

from .models import EventKind
from .queries import EventFilters


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class EventFilterForm(forms.Form):
    district = forms.ChoiceField(label=_("District"), required=False)
    kind = forms.ChoiceField(label=_("Kind of event"), required=False)
    target = forms.ChoiceField(label=_("For whom"), required=False)
    date_from = BoundedDateField(
        label=_("From"),
        required=False,
        widget=DateInput,
        help_text=_("For example: 2026-12-01"),
    )
    date_to = BoundedDateField(
        label=_("Until"),
        required=False,
        widget=DateInput,
        help_text=_("For example: 2026-12-31"),
    )
    free = forms.BooleanField(label=_("Free of charge only"), required=False)

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", _("All districts"))] + [
            (district.slug, district.title) for district in districts
        ]
        for name, model in (("kind", EventKind), ("target", TargetGroup)):
            self.fields[name].choices = [("", _("All"))] + [
                (item.slug, item.name) for item in model.objects.all()
            ]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date must be on or after the start date."))
        return cleaned

    def filters(self) -> EventFilters:
        if not self.is_bound:
            return EventFilters()
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return EventFilters(
            district=data.get("district", ""),
            kind=data.get("kind", ""),
            target=data.get("target", ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            free=bool(data.get("free")),
        )


class RegistrationForm(SignupContactForm):
    """Registering for one session: name, kana, phone and/or e-mail, number of people."""

    consent_text = _(
        "Your name and contact details are used only to organise this event and "
        "are seen only by the district's staff."
    )
    field_order = ["name", "furigana", "email", "phone", "party_size", "consent"]

    party_size = forms.TypedChoiceField(
        label=_("Number of people"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 11)],
        initial=1,
        help_text=_("Including yourself. For more than 10 people, please call."),
        error_messages={"invalid_choice": _("Choose from 1 to 10 people.")},
    )
