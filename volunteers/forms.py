"""The public forms of volunteering: the sign-up form and the list's filters."""

from __future__ import annotations

from django import forms
from django.utils.html import format_html
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from portal.dates import format_time_range
from portal.forms import PortalForm, PortalFormRenderer
from portal.signups import is_kana, is_phone_number

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d"]


def is_english() -> bool:
    return (get_language() or "ja").startswith("en")


class ShiftChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, shift):
        return _("%(when)s (%(availability)s)") % {
            "when": format_time_range(shift.start, shift.end),
            "availability": shift.availability,
        }


class SignupForm(PortalForm):
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
    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name.")},
    )
    furigana = forms.CharField(
        label=_("Your name in kana (furigana)"),
        max_length=100,
        help_text=_("In hiragana or katakana, e.g. まつもと はなこ."),
        error_messages={"required": _("Enter your name in kana.")},
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send a confirmation with a link to cancel. Phone or e-mail is needed."),
        error_messages={"invalid": _("Enter the e-mail address as name@example.jp.")},
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=_("For example 0263-34-3000. Phone or e-mail is needed."),
    )
    note = forms.CharField(
        label=_("Message to the organisers"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Questions, or anything you would like us to know. You can leave it empty."),
    )
    consent = forms.BooleanField(
        label=_("I agree to how my personal information is handled"),
        error_messages={"required": _("Please read the privacy policy and tick the box to agree.")},
    )

    def __init__(self, *args, shifts, privacy_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shifts"].queryset = shifts
        if len(shifts) == 1 and not self.is_bound:
            self.fields["shifts"].initial = [shifts[0].pk]
        self.fields["consent"].help_text = format_html(
            '{} <a href="{}">{}</a>',
            _(
                "Your name and contact details are used only to organise this activity and "
                "are seen only by the district's staff."
            ),
            privacy_url,
            _("Read the privacy policy"),
        )
        if is_english():
            # Many English readers have no kana name: ask for it only in Japanese.
            self.fields["furigana"].required = False
            self.fields["furigana"].label = _("Your name in kana (if you have one)")
            self.fields["furigana"].help_text = ""

    def clean_furigana(self):
        value = self.cleaned_data["furigana"].strip()
        if value and not is_english() and not is_kana(value):
            raise forms.ValidationError(_("Write the kana in hiragana or katakana."))
        return value

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        if value and not is_phone_number(value):
            raise forms.ValidationError(_("Enter the phone number with its area code."))
        return value

    def clean(self):
        cleaned = super().clean()
        if (
            "email" not in self.errors
            and "phone" not in self.errors
            and not cleaned.get("email")
            and not cleaned.get("phone")
        ):
            message = _("Enter an e-mail address or a phone number, so that we can reach you.")
            self.add_error("email", message)
            self.add_error("phone", message)
        return cleaned


class OpportunityFilterForm(forms.Form):
    """The filters of /volunteer/ (a GET form: no honeypot, nothing personal)."""

    default_renderer = PortalFormRenderer()

    district = forms.ChoiceField(label=_("District"), required=False)
    date_from = forms.DateField(
        label=pgettext_lazy("date range", "From"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter the date as 2026-12-08.")},
    )
    date_to = forms.DateField(
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
        help_text=_("What you would like to do or can do, e.g. 読み聞かせ, 運転, cooking."),
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
