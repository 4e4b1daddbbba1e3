"""The filters of /events/ and of its month calendar (the same query string), and the
registration form of one session."""

from __future__ import annotations

from django import forms
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from places.models import TargetGroup
from portal.forms import PortalForm
from portal.signups import is_kana, is_phone_number

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
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=DateInput,
        help_text=_("For example: 2026-12-01"),
    )
    date_to = forms.DateField(
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


class RegistrationForm(PortalForm):
    """Registering for one session: name, kana, phone and/or e-mail, number of people."""

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
    party_size = forms.TypedChoiceField(
        label=_("Number of people"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 11)],
        initial=1,
        help_text=_("Including yourself. For more than 10 people, please call."),
        error_messages={"invalid_choice": _("Choose from 1 to 10 people.")},
    )
    consent = forms.BooleanField(
        label=_("I agree to how my personal information is handled"),
        error_messages={"required": _("Please read the privacy policy and tick the box to agree.")},
    )

    def __init__(self, *args, privacy_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = format_html(
            '{} <a href="{}">{}</a>',
            _(
                "Your name and contact details are used only to organise this event and "
                "are seen only by the district's staff."
            ),
            privacy_url,
            _("Read the privacy policy"),
        )
        if self.english:
            # Many English readers have no kana name: ask for it only in Japanese.
            self.fields["furigana"].required = False
            self.fields["furigana"].label = _("Your name in kana (if you have one)")
            self.fields["furigana"].help_text = ""

    @property
    def english(self) -> bool:
        return (get_language() or "ja").startswith("en")

    def clean_furigana(self):
        value = self.cleaned_data["furigana"].strip()
        if value and not self.english and not is_kana(value):
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
