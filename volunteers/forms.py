"""The public form of volunteering: signing up (the list's filters are volunteers.filters)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.dates import format_time_range
from portal.forms import RowMultipleChoiceField, SignupContactForm


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
