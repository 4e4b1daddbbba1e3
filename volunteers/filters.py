"""The filters of /volunteer/: `OpportunityFilterSet` over the open shifts; the list shows the
opportunities of the shifts it keeps (volunteers.views.opportunity_list)."""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.filters import BoundedDateFilter, DateRangeForm, DistrictFilter, PortalFilterSet
from portal.forms import PortalFormRenderer

from .models import VolunteerOpportunityPage

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d"]
#: What a keyword is looked for in, in the page's language or the default one.
TEXT_FIELDS = ("title", "role", "description", "conditions", "venue_name")


def text_match(words: str, prefix: str = "") -> Q:
    match = Q()
    for name in TEXT_FIELDS:
        match |= Q(**{f"{prefix}{name}__icontains": words})
    return match


class OpportunityFilterForm(DateRangeForm):
    """The form of the filters (a GET form: no honeypot, nothing personal), drawn by the
    portal's field template; a field with an error says so to assistive technology."""

    default_renderer = PortalFormRenderer()
    reversed_range_message = _("The end date is before the start date.")

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}_error"}
                )


def _date_filter(label, method: str) -> BoundedDateFilter:
    return BoundedDateFilter(
        label=label,
        method=method,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter the date as 2026-12-08.")},
    )


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class OpportunityFilterSet(PortalFilterSet):
    """Open shifts by district, dates (of the shift's start, Tokyo time) and keyword.

    `districts` are the default language's district pages (the opportunities' sign-ups
    belong to the default-language pages, under them); `shown` the same districts as the
    page names them (their translations where there are some), in the same order.
    `locale` is the page's language: a keyword also finds the opportunities whose
    translation in it matches."""

    district = DistrictFilter(method="in_district")
    date_from = _date_filter(pgettext_lazy("date range", "From"), "starting_from")
    date_to = _date_filter(pgettext_lazy("date range", "To"), "starting_until")
    q = django_filters.CharFilter(
        label=_("Keyword"),
        max_length=100,
        help_text=_("What you would like to do or can do, e.g. reading stories, driving, cooking."),
        method="matching",
    )

    class Meta:
        form = OpportunityFilterForm

    def __init__(self, data=None, queryset=None, *, districts, shown, locale, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.districts = districts
        self.locale = locale
        self.filters["district"].extra["choices"] = [(d.slug, d.title) for d in shown]

    def in_district(self, shifts, name, slug):
        source = next((d for d in self.districts if d.slug == slug), None)
        return shifts.filter(page__path__startswith=source.path) if source else shifts.none()

    def starting_from(self, shifts, name, day):
        return shifts.filter(start__gte=_midnight(day))

    def starting_until(self, shifts, name, day):
        return shifts.filter(start__lt=_midnight(day + dt.timedelta(days=1)))

    def matching(self, shifts, name, words):
        words = words.strip()
        translated = VolunteerOpportunityPage.objects.filter(locale=self.locale).filter(
            text_match(words)
        )
        return shifts.filter(
            text_match(words, "page__")
            | Q(page__translation_key__in=translated.values("translation_key"))
        )
