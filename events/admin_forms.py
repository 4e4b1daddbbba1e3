"""The event editing form: simple repeat fields, and checks staff can act on."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from places.location import keep_coordinates_typed_by_hand
from portal.dates import format_date
from portal.slugs import PortalPageForm

from .recurrence import Nth, RecurrenceRule, local_datetime, original_starts, to_local

WEEKDAY_CHOICES = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
LIST_FIELDS = ("repeat_weekdays", "repeat_nths")


def _ints(value) -> tuple[int, ...]:
    if isinstance(value, str):
        value = value.split(",")
    return tuple(int(v) for v in value or () if str(v).strip())


class EventPageForm(PortalPageForm):
    """Weekdays and weeks as check boxes (stored as "1,4"); exception dates checked
    against the series, so a change to a date the event does not happen on is
    reported instead of silently ignored. Coordinates typed by staff are theirs."""

    repeat_weekdays = forms.TypedMultipleChoiceField(
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    repeat_nths = forms.TypedMultipleChoiceField(
        choices=Nth.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        for name in LIST_FIELDS:
            if name in self.fields:
                model_field = model._meta.get_field(name)
                self.fields[name].label = model_field.verbose_name
                self.fields[name].help_text = model_field.help_text
                self.initial[name] = list(_ints(getattr(self.instance, name, "")))

    def clean_repeat_weekdays(self) -> str:
        return ",".join(str(v) for v in sorted(set(self.cleaned_data.get("repeat_weekdays") or [])))

    def clean_repeat_nths(self) -> str:
        return ",".join(str(v) for v in sorted(set(self.cleaned_data.get("repeat_nths") or [])))

    def _series_dates(self, cleaned: dict) -> set[dt.date] | None:
        start = cleaned.get("start")
        if start is None:
            return None
        if cleaned.get("all_day"):
            start = local_datetime(to_local(start).date(), dt.time(0, 0))
        rule = RecurrenceRule(
            frequency=cleaned.get("repeat") or "",
            interval=cleaned.get("repeat_interval") or 1,
            weekdays=_ints(cleaned.get("repeat_weekdays")),
            nths=_ints(cleaned.get("repeat_nths")),
            until=cleaned.get("repeat_until"),
            count=cleaned.get("repeat_count"),
        ).completed(start)
        try:
            return {value.date() for value in original_starts(start, rule.to_rrule())}
        except (ValueError, OverflowError):
            return None

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("exceptions")
        if formset is None:
            return cleaned
        dates = self._series_dates(cleaned)
        if dates is None:
            return cleaned
        repeats = bool(cleaned.get("repeat"))
        for form in formset.forms:
            if not form.is_valid() or (formset.can_delete and formset._should_delete_form(form)):
                continue
            day = form.cleaned_data.get("date")
            if day is None:
                continue
            if not repeats:
                form.add_error(
                    "date",
                    _(
                        "This event does not repeat: change its start and end instead, "
                        "or tick “cancelled” for the whole event."
                    ),
                )
            elif day not in dates:
                form.add_error(
                    "date",
                    _("%(date)s is not a date of this series. Choose a date it takes place on.")
                    % {"date": format_date(day)},
                )
        return cleaned

    def save(self, commit=True):
        page = super().save(commit=False)
        keep_coordinates_typed_by_hand(self, page)
        if commit:
            page.save()
            self.save_m2m()
        return page
