"""Public forms: accessible errors, a honeypot, the portal's own field markup.

A form that mixes in `PortalFormMixin` renders (with `{{ form }}`) an error
summary at the top linking to each field, each field's errors beside it
(tied to the input with aria-describedby and aria-invalid), required fields
marked in words, and a honeypot field that people never see and bots fill.
What was typed is kept on an error, as with any bound Django form.
"""

from __future__ import annotations

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .converters import fits_id
from .dates import EARLIEST_DATE, LATEST_DATE, is_bounded
from .languages import is_english
from .validators import clean_phone_number, clean_reading

HONEYPOT_FIELD = "website"
MAX_QUERY_LENGTH = 100


class BoundedDateField(forms.DateField):
    """A date between EARLIEST_DATE and LATEST_DATE (portal.dates): every date a public
    form or filter takes. Beyond them the form says which dates it takes, instead of
    the view overflowing on 0001-01-01 or 9999-12-31."""

    default_error_messages = {
        "out_of_range": _("Enter a date from %(earliest)s to %(latest)s."),
    }

    def validate(self, value):
        super().validate(value)
        if value is not None and not is_bounded(value):
            raise forms.ValidationError(
                self.error_messages["out_of_range"],
                code="out_of_range",
                params={"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
            )


class RowChoiceField(forms.ModelChoiceField):
    """A choice of one row whose posted id may be any text: a number beyond what an id
    column holds is "not one of the choices", not an overflow in the query (a 500)."""

    def to_python(self, value):
        if not fits_id(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class RowMultipleChoiceField(forms.ModelMultipleChoiceField):
    """`RowChoiceField` for several rows."""

    def clean(self, value):
        if isinstance(value, list | tuple):
            beyond = [item for item in value if not fits_id(item)]
            if beyond:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": beyond[0]},
                )
        return super().clean(value)


class PortalFormRenderer(DjangoTemplates):
    form_template_name = "portal/forms/form.html"
    field_template_name = "portal/forms/field.html"


class PortalFormMixin:
    default_renderer = PortalFormRenderer()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT_FIELD):
            raise forms.ValidationError(
                _("The form could not be sent. Please try again."), code="honeypot"
            )
        return cleaned

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            described = [f"{bound.auto_id}_error"]
            if bound.help_text:
                described.append(f"{bound.auto_id}_helptext")
            self.fields[name].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": " ".join(described)}
            )

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]

    def visible_fields_without_honeypot(self):
        return [field for field in self.visible_fields() if field.name != HONEYPOT_FIELD]


class PortalForm(PortalFormMixin, forms.Form):
    pass


class PortalModelForm(PortalFormMixin, forms.ModelForm):
    pass


class SignupContactForm(PortalForm):
    """Who is signing up, and their consent: the part every public sign-up form shares.

    Name, kana, e-mail and phone (one of the two is needed), and consent to the
    handling of the details, explained by `consent_text` with a link to the
    privacy policy. English readers may have no kana name, so it is asked for
    only in Japanese. Subclasses add what is signed up for, and order the
    fields with `field_order`.
    """

    #: What the details are used for, beside the consent box (each form says it for its purpose).
    consent_text: str

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
    consent = forms.BooleanField(
        label=_("I agree to how my personal information is handled"),
        error_messages={"required": _("Please read the privacy policy and tick the box to agree.")},
    )

    def __init__(self, *args, privacy_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = format_html(
            '{} <a href="{}">{}</a>', self.consent_text, privacy_url, _("Read the privacy policy")
        )
        if self.english:
            # Many English readers have no kana name: ask for it only in Japanese.
            self.fields["furigana"].required = False
            self.fields["furigana"].label = _("Your name in kana (if you have one)")
            self.fields["furigana"].help_text = ""

    @property
    def english(self) -> bool:
        return is_english()

    def clean_furigana(self):
        return clean_reading(self.cleaned_data["furigana"])

    def clean_phone(self):
        return clean_phone_number(self.cleaned_data["phone"])

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


class SearchForm(forms.Form):
    """The site search: words, and optionally one type and one district (a GET form)."""

    q = forms.CharField(
        label=_("Search words"),
        required=False,
        help_text=_(
            "For example: 体操, たいそう, サロン, 第二地区. Kana, kanji or part of a word."
        ),
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "maxlength": MAX_QUERY_LENGTH,
                "autocomplete": "off",
                "enterkeyhint": "search",
            }
        ),
    )
    type = forms.ChoiceField(label=_("Type"), required=False)
    district = forms.CharField(label=_("District"), required=False, widget=forms.Select)

    def __init__(self, *args, types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("All types"))] + [
            (entry.key, entry.label) for entry in types
        ]
        self.fields["q"].widget.attrs["aria-describedby"] = "id_q_helptext"

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data.get("q", "").split())[:MAX_QUERY_LENGTH]

    def set_districts(self, districts) -> None:
        """(slug, title, matches) of each district, the count shown once there is a query."""
        choices = [("", _("All districts"))]
        for slug, title, count in districts:
            label = _("%(label)s (%(number)s)") % {"label": title, "number": count}
            choices.append((slug, label if count else title))
        self.fields["district"].widget.choices = choices
