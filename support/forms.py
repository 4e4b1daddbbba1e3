"""The public intake form: fixed core questions, then the questions staff add.

The core fields have clean English names (never names derived from Japanese
labels) and the same meaning in every language; the district is chosen among
the default-locale district pages whatever language the page is in, so a case
does not depend on the language used. Rendering goes through the portal's
accessible form machinery (`portal.forms`): an error summary at the top,
errors beside each field, a honeypot; what was typed is kept on an error.
"""

from __future__ import annotations

import secrets

from django import forms
from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.models import Locale

from places.geocoding import format_postcode, is_postcode, postcode_digits
from portal.forms import PortalForm
from portal.validators import clean_phone_number, clean_reading, normalise_text

from .choices import ContactMethod, Difficulty, HealthNeed, Interest, RequesterType

UNKNOWN_DISTRICT = "unknown"
FORM_TOKEN_SALT = "support.intake.form"


def clean_postcode_value(value: str) -> str:
    value = normalise_text(value)
    if not value:
        return ""
    if not is_postcode(value):
        raise forms.ValidationError(_("Write the postcode as seven digits, for example 390-0814."))
    return format_postcode(postcode_digits(value))


def check_contact_details(form: forms.Form, cleaned: dict) -> None:
    """At least a phone number or an email address, and the one the person prefers."""
    phone, email = cleaned.get("phone"), cleaned.get("email")
    if "phone" in form.errors or "email" in form.errors:
        return
    if not phone and not email:
        form.add_error("phone", _("Please give a phone number or an email address (or both)."))
        return
    method = cleaned.get("contact_method")
    if method == ContactMethod.PHONE and not phone:
        form.add_error(
            "phone", _("You chose to be contacted by phone: please give a phone number.")
        )
    if method == ContactMethod.EMAIL and not email:
        form.add_error(
            "email", _("You chose to be contacted by email: please give an email address.")
        )


def district_choices() -> list[tuple[str, str]]:
    """Districts as (default-locale page id, title in the active language)."""
    from home.models import DistrictPage

    districts = list(
        DistrictPage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("path")
        .only("pk", "title", "translation_key")
    )
    active = Locale.get_active()
    titles = {}
    if active.language_code != settings.LANGUAGE_CODE:
        titles = dict(
            DistrictPage.objects.filter(
                locale=active, translation_key__in=[d.translation_key for d in districts]
            ).values_list("translation_key", "title")
        )
    return [(str(d.pk), titles.get(d.translation_key, d.title)) for d in districts]


class Checkboxes(forms.CheckboxSelectMultiple):
    pass


def new_form_token() -> str:
    """A fresh single-use token for one rendering of the intake form (signed, so that only
    forms the portal served are accepted; random, nothing personal)."""
    return signing.dumps(secrets.token_urlsafe(16), salt=FORM_TOKEN_SALT)


def read_form_token(value: str) -> str | None:
    """The random part of a token the portal signed, or None."""
    try:
        nonce = signing.loads(value, salt=FORM_TOKEN_SALT)
    except signing.BadSignature:
        return None
    return nonce if isinstance(nonce, str) and 16 <= len(nonce) <= 64 else None


class IntakeForm(PortalForm):
    """The core questions of every intake page."""

    template_name = "support/forms/intake_form.html"

    requester_type = forms.ChoiceField(
        label=_("Who is filling in this form?"),
        choices=RequesterType.choices,
        widget=forms.RadioSelect,
    )
    requester_name = forms.CharField(
        label=_("Your name, if you are asking for someone else"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    name = forms.CharField(
        label=_("Name of the person who would like support"),
        max_length=100,
    )
    furigana = forms.CharField(
        label=_("Reading of the name (furigana)"),
        required=False,
        max_length=100,
        help_text=_("In hiragana or katakana, for example まつもと はなこ."),
    )
    district = forms.ChoiceField(
        label=_("District where the person lives"),
        help_text=_(
            "If you are not sure, choose “I don't know”: we will find it from the address."
        ),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=10,
        help_text=_("For example 390-0814. Optional."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    address = forms.CharField(
        label=_("Address"),
        required=False,
        max_length=255,
        help_text=_("The town and block are enough, for example 本庄2丁目. Optional."),
        # One line (town and block): address-line1; street-address is for a multi-line field.
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=30,
        help_text=_("A phone number or an email address is needed, so that we can reply."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_method = forms.ChoiceField(
        label=_("How would you like us to contact you?"),
        choices=ContactMethod.choices,
        initial=ContactMethod.ANY,
        widget=forms.RadioSelect,
    )
    contact_time = forms.CharField(
        label=_("When is a good time?"),
        required=False,
        max_length=100,
        help_text=_("For example: weekday mornings. Optional."),
    )
    interests = forms.MultipleChoiceField(
        label=_("What would you like to do?"),
        choices=Interest.choices,
        required=False,
        widget=Checkboxes,
        help_text=_("Choose as many as you like."),
    )
    difficulties = forms.MultipleChoiceField(
        label=_("What makes it hard to take part?"),
        choices=Difficulty.choices,
        required=False,
        widget=Checkboxes,
        help_text=_("Choose as many as you like, or none."),
    )
    request_text = forms.CharField(
        label=_("Anything you would like to tell us"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For example what you enjoy, or what worries you about going out."),
    )
    consent_sensitive = forms.BooleanField(
        label=_(
            "I agree that my answers about health and disability are stored and used by "
            "the staff who support me."
        ),
        required=False,
        help_text=_(
            "Health and disability are special-care personal information. Without this "
            "agreement the answers below are not stored (you can tell us by phone instead)."
        ),
    )
    health_needs = forms.MultipleChoiceField(
        label=_("Health or disability that makes taking part hard"),
        choices=HealthNeed.choices,
        required=False,
        widget=Checkboxes,
    )
    health_details = forms.CharField(
        label=_("More about health or disability, if you wish"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent_contact = forms.BooleanField(
        label=_("I agree to be contacted by the district's staff about this request."),
        error_messages={
            "required": _("Please agree to be contacted: without it we cannot reply to you.")
        },
    )
    consent_share = forms.BooleanField(
        label=_(
            "I agree that this request may be shared with related support agencies "
            "(for example the community general support centre) when that helps me. Optional."
        ),
        required=False,
    )
    # One per rendering of the form: the same form sent twice makes one case (IntakeReceipt).
    form_token = forms.CharField(
        required=False, max_length=200, initial=new_form_token, widget=forms.HiddenInput
    )

    #: The sections of the page, in order: (key, heading, description, field names).
    SECTIONS = (
        ("asker", _("About you"), "", ("requester_type", "requester_name")),
        (
            "person",
            _("The person who would like support"),
            "",
            ("name", "furigana", "district", "postcode", "address"),
        ),
        (
            "contact",
            _("How we contact you"),
            "",
            ("phone", "email", "contact_method", "contact_time"),
        ),
        (
            "wishes",
            _("What they would like to do"),
            "",
            ("interests", "difficulties", "request_text"),
        ),
        (
            "health",
            _("Health and disability (optional)"),
            _("Tick the agreement first if you would like to tell us about health or disability."),
            ("consent_sensitive", "health_needs", "health_details"),
        ),
    )
    CONSENT_SECTION = (
        "consent",
        _("Agreement"),
        _("We use what you write only to contact you and to support your taking part."),
        ("consent_contact", "consent_share"),
    )
    extra_field_names: tuple[str, ...] = ()
    #: Extra questions flagged special-care: shown with the health questions, their
    #: answers stored only with the special-care consent.
    sensitive_field_names: tuple[str, ...] = ()

    def __init__(self, *args, page=None, user=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        self.page = page
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [
            ("", _("Choose the district")),
            *district_choices(),
            (UNKNOWN_DISTRICT, _("I don't know")),
        ]
        # In a new tab: what is typed in this form stays where it is.
        self.fields["district"].help_text = format_html(
            '{} <a href="{}" target="_blank" rel="noopener">{}</a>',
            self.fields["district"].help_text,
            reverse("places:which_district"),
            _("Find the district from a town name or postcode (opens in a new tab)"),
        )

    # --- cleaning ----------------------------------------------------------------
    def clean_name(self):
        return normalise_text(self.cleaned_data["name"])

    def clean_requester_name(self):
        return normalise_text(self.cleaned_data["requester_name"])

    def clean_furigana(self):
        return clean_reading(self.cleaned_data["furigana"])

    def clean_postcode(self):
        return clean_postcode_value(self.cleaned_data["postcode"])

    def clean_address(self):
        return normalise_text(self.cleaned_data["address"])

    def clean_phone(self):
        return clean_phone_number(self.cleaned_data["phone"])

    def clean_email(self):
        return normalise_text(self.cleaned_data["email"]).lower()

    def clean_district(self):
        from home.models import DistrictPage

        value = self.cleaned_data["district"]
        if value == UNKNOWN_DISTRICT:
            return None
        district = DistrictPage.objects.live().filter(pk=value).first()
        if district is None:
            raise forms.ValidationError(_("Choose a district from the list."))
        return district

    def clean_form_token(self):
        """The token's random part. A form the portal did not serve (or an altered token)
        is answered with the form again, what was typed kept, and a fresh token."""
        nonce = read_form_token(self.cleaned_data["form_token"])
        if nonce is None:
            self.data = self.data.copy()
            self.data[self.add_prefix("form_token")] = new_form_token()
            self.add_error(
                None,
                _(
                    "The form could not be sent as it was. Please check your answers and "
                    "press the button again."
                ),
            )
        return nonce

    def clean(self):
        cleaned = super().clean()
        check_contact_details(self, cleaned)
        return cleaned

    # --- for the service and the template ----------------------------------------
    @property
    def health_withheld(self) -> bool:
        """Health answers were given without the agreement: they are not stored."""
        data = getattr(self, "cleaned_data", {})
        names = ("health_needs", "health_details", *self.sensitive_field_names)
        return bool(not data.get("consent_sensitive") and any(data.get(name) for name in names))

    def extra_answers(self) -> dict:
        """The extra questions' answers to store: special-care ones only with the consent."""
        consent = self.cleaned_data.get("consent_sensitive")
        return {
            name: self.cleaned_data.get(name)
            for name in self.extra_field_names
            if consent or name not in self.sensitive_field_names
        }

    def sections(self):
        """(key, heading, description, bound fields) for each section that has fields."""
        sections = []
        for key, heading, description, names in self.SECTIONS:
            if key == "health":
                names = (*names, *self.sensitive_field_names)
            sections.append((key, heading, description, names))
        others = tuple(n for n in self.extra_field_names if n not in self.sensitive_field_names)
        if others:
            sections.append(("extra", _("More questions"), "", others))
        sections.append(self.CONSENT_SECTION)
        return [
            (key, heading, description, [self[name] for name in names if name in self.fields])
            for key, heading, description, names in sections
        ]


CORE_FIELD_NAMES = frozenset(IntakeForm.base_fields) | {"website"}


class IntakeFormBuilder(FormBuilder):
    """Wagtail's form builder, with an empty first choice in drop-downs.

    Wagtail's drop-down starts on its first answer, so an optional question
    would always be answered with it; here nothing is chosen until the person
    chooses (and a required one says so)."""

    def create_dropdown_field(self, field, options):
        options["choices"] = [("", _("Choose")), *self.get_formatted_field_choices(field)]
        return forms.ChoiceField(**options)


def build_intake_form_class(form_fields) -> type[IntakeForm]:
    """The page's form: the core questions, then the extra questions staff added.

    An extra question whose name would clash with a core field is renamed
    `extra_<name>`, so staff can never replace or shadow a core question."""
    sensitive = {field.clean_name for field in form_fields if getattr(field, "sensitive", False)}
    extras, sensitive_keys = {}, []
    for name, field in IntakeFormBuilder(form_fields).formfields.items():
        key = name if name not in CORE_FIELD_NAMES else f"extra_{name}"
        extras[key] = field
        if name in sensitive:
            sensitive_keys.append(key)
    attrs = {
        **extras,
        "extra_field_names": tuple(extras),
        "sensitive_field_names": tuple(sensitive_keys),
    }
    return type("SupportIntakeForm", (IntakeForm,), attrs)
