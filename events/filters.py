"""The filters of /events/, of its month calendar and of the city's calendar feed (the same
query string): `EventFilterSet` over `EventOccurrence` rows."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from home.filters import district_choices
from places.models import TargetGroup
from portal.filters import (
    BoundedDateFilter,
    CheckboxFilter,
    DateRangeForm,
    DistrictFilter,
    PortalFilterSet,
    TaxonomyFilter,
)

from .models import EventKind

#: The filters of dates: the calendar shows its month and a feed the next twelve months
#: whatever they say (the calendar's form keeps them, hidden, for its links to the list).
DATE_FILTERS = ("date_from", "date_to")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class EventFilterForm(DateRangeForm):
    reversed_range_message = _("The end date must be on or after the start date.")


class EventFilterSet(PortalFilterSet):
    """Upcoming sessions by district, kind, target group, dates and free of charge."""

    #: The form says what is wrong in a summary, and the valid filters still narrow the list.
    invalid_shows_all = False

    district = DistrictFilter("page__district__slug", choices=district_choices)
    kind = TaxonomyFilter(EventKind, "page__kind__slug", label=_("Kind of event"))
    target = TaxonomyFilter(TargetGroup, "page__target_groups__slug", label=_("For whom"))
    date_from = BoundedDateFilter(
        "local_date",
        "gte",
        label=_("From"),
        widget=DateInput,
        help_text=_("For example: 2026-12-01"),
    )
    date_to = BoundedDateFilter(
        "local_date",
        "lte",
        label=_("Until"),
        widget=DateInput,
        help_text=_("For example: 2026-12-31"),
    )
    free = CheckboxFilter("page__is_free", label=_("Free of charge only"))

    class Meta:
        form = EventFilterForm
