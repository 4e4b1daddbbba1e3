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
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website"


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
