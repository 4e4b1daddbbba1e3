"""The public forms of volunteering: the sign-up form and the list's filters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.dates import format_time_range
from portal.forms import (
    BoundedDateField,
    PortalFormRenderer,
    RowMultipleChoiceField,
    SignupContactForm,
)

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d"]


class ShiftChoiceField(RowMultipleChoiceField):
    def label_from_instance(self, shift):
        return _("%(when)s (%(availability)s)") % {
            "when": format_time_range(shift.start, shift.end),
            "availability": shift.availability,
        }


class SignupForm(SignupContactForm):
    """Signing up for one or more shifts of an opportunity."""

    consent_text = _(
        "Your name and contact details are used only to organise this activity and "
        "are seen only by the district's staff."
    )
    field_order = ["shifts", "name", "furigana", "email", "phone", "note", "consent"]

    shifts = ShiftChoiceField(
        queryset=None,
        label=_("Dates"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one or more dates. If a date is full, you go on its waiting list."),
        error_messages={
            "required": _("Choose at least one date."),
            "invalid_choice": _("That date is no longer open. Please choose another."),
            "invalid_pk_value": _("That date is no longer open. Please choose another."),
        },
    )
    note = forms.CharField(
        label=_("Message to the organisers"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Questions, or anything you would like us to know. You can leave it empty."),
    )

    def __init__(self, *args, shifts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shifts"].queryset = shifts
        if len(shifts) == 1 and not self.is_bound:
            self.fields["shifts"].initial = [shifts[0].pk]


class OpportunityFilterForm(forms.Form):
    """The filters of /volunteer/ (a GET form: no honeypot, nothing personal)."""

    default_renderer = PortalFormRenderer()

    district = forms.ChoiceField(label=_("District"), required=False)
    date_from = BoundedDateField(
        label=pgettext_lazy("date range", "From"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter the date as 2026-12-08.")},
    )
    date_to = BoundedDateField(
        label=pgettext_lazy("date range", "To"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter the date as 2026-12-08.")},
    )
    q = forms.CharField(
        label=_("Keyword"),
        required=False,
        max_length=100,
        help_text=_("What you would like to do or can do, e.g. reading stories, driving, cooking."),
    )

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", _("All districts"))] + [
            (district.slug, district.title) for district in districts
        ]

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}_error"}
                )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned
