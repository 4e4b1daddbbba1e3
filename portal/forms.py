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
MAX_QUERY_LENGTH = 100


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
