"""The registration form of one session (the list's filters are events.filters)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import SignupContactForm


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
