"""The /consult/ form: a field and a district, both optional."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Field


class ConsultForm(forms.Form):
    """What the resident wants to ask about, and where they live. Every value comes from a
    choice: a hand-made URL with another value gets the form's message and every window."""

    field = forms.ChoiceField(
        label=_("What do you want to ask about?"),
        required=False,
        choices=[("", _("Any field")), *Field.choices],
    )
    district = forms.ChoiceField(
        label=_("Your district"),
        required=False,
        help_text=_("The first place to ask is your district's hub."),
    )

    def __init__(self, *args, districts: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", _("All districts")), *districts]
