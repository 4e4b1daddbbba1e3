"""The filters of the portal's lists: django-filter FilterSets (django-filter comes with Wagtail).

Each list with filters (/places/, /events/ with its calendar and city feed, /volunteer/, the
support case list) has one `PortalFilterSet`: its filters read the list's query string
and narrow a queryset (`.qs`), and its form, built from the filters, is what the list's
template draws field by field (labels, help texts, widgets and errors are the fields').
What two lists share is here, once: the rules of binding and of invalid values
(`PortalFilterSet`), a choice of one district or one word-list entry read once per request
(`DistrictFilter`, `TaxonomyFilter`), a date within the portal's bounds
(`BoundedDateFilter`), a tick box that narrows only when ticked (`CheckboxFilter`), and a
date range whose end may not come before its start (`DateRangeForm`). Which districts a
list offers is the list's to say: `portal/` imports no app of ours.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import django_filters
from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext_lazy as _
from django_filters.filters import FilterMethod

from .forms import BoundedDateField
from .languages import current_language
from .page_cache import kept_until_purged, tags_version
from .taxonomy import AbstractTaxonomy


class PortalFilterSet(django_filters.FilterSet):
    """A list's filters, from its query string.

    A FilterSet of the portal is bound only when one of its parameters has a value
    (`from_query`): `?page=2` alone is the whole list, and its form shows no error.
    The form's own fields, when it has some (near me's address on /places/), come after
    the filters, as on the page, and narrow nothing: the view reads them.
    """

    #: Whether one invalid value leaves the whole list unfiltered, as if no filter were
    #: chosen (True), or only drops its own filter, the others still narrowing the list
    #: (False: django-filter's own way).
    invalid_shows_all = True

    @classmethod
    def query_keys(cls) -> tuple[str, ...]:
        """The query parameters the form reads."""
        return (*cls.base_filters, *cls._meta.form.base_fields)

    @classmethod
    def from_query(
        cls, query: QueryDict, queryset: QuerySet, *, keys: Iterable[str] | None = None, **kwargs
    ):
        """The filters of `query`, bound when one of `keys` (by default every parameter
        of the form) has a value."""
        keys = cls.query_keys() if keys is None else keys
        bound = any(query.get(key) for key in keys)
        return cls(query if bound else None, queryset, **kwargs)

    def get_form_class(self):
        form_class = super().get_form_class()
        form_class.field_order = list(self.filters)
        return form_class

    @property
    def valid_data(self) -> dict:
        """The values the list is filtered by: none for an unbound form or, with
        `invalid_shows_all`, for an invalid one; else the form's valid values."""
        if not self.is_bound or (not self.form.is_valid() and self.invalid_shows_all):
            return {}
        return self.form.cleaned_data

    def filter_queryset(self, queryset: QuerySet, *, skip: Iterable[str] = ()) -> QuerySet:
        """`queryset` narrowed by each filter with a valid value, but those named in `skip`
        (the calendar's month and the feeds' twelve months stand for the list's dates)."""
        data = self.valid_data
        for name, filter_ in self.filters.items():
            if name in data and name not in skip:
                queryset = filter_.filter(queryset, data[name])
        return queryset


class ChoiceFilter(django_filters.ChoiceFilter):
    """A choice of one value. `choices` may be a function: it is called once, when the
    form is built (a function given to Django's ChoiceField itself is called at each
    rendering and each validation, a query each time)."""

    @property
    def field(self):
        if not hasattr(self, "_field") and callable(self.extra.get("choices")):
            self.extra["choices"] = list(self.extra["choices"]())
        return super().field


class DistrictFilter(ChoiceFilter):
    """The district a list is narrowed to, by its slug; "All districts" first. The list
    gives the districts: `choices` (slug, title) pairs or a function returning them,
    set on the filter set's instance when they come from the view."""

    def __init__(self, field_name: str | None = None, *, choices=None, **kwargs):
        kwargs.setdefault("label", _("District"))
        kwargs.setdefault("empty_label", _("All districts"))
        super().__init__(field_name, choices=choices or [], **kwargs)


def taxonomy_choices(model: type[AbstractTaxonomy]) -> Callable[[], list[tuple[str, str]]]:
    """The entries of a word list as choices, kept until a purge (saving or deleting an
    entry purges everything: `portal.page_cache.purge_on_change`)."""

    def read() -> list[tuple[str, str]]:
        return [(entry.slug, entry.name) for entry in model.objects.all()]

    def choices() -> list[tuple[str, str]]:
        return kept_until_purged(f"choices:{model._meta.label}", [], [current_language()], read)

    return choices


def filter_query_string(request: HttpRequest, *drop: str) -> str:
    """The list's query string for its other views (map, calendar, feed, export, pages):
    the page number and the parameters in `drop` left out."""
    params = request.GET.copy()
    for key in ("page", *drop):
        params.pop(key, None)
    return params.urlencode()


def form_cache_key(request: HttpRequest, *, private: bool = False) -> str:
    """What a list's drawn filter form is kept by in the fragment cache (the list's
    template gives it to `{% wagtailcache %}`, which hashes it): the query the form
    shows, the page number left out, the language, and the districts' purge time (the
    word lists purge everything). "" keeps nothing: a private answer's form holds what
    the resident typed (near me's address)."""
    if private:
        return ""
    query = sorted(
        (key, value) for key, values in request.GET.lists() if key != "page" for value in values
    )
    return f"{current_language()}|{tags_version('districts')}|{query!r}"


class TaxonomyFilter(ChoiceFilter):
    """One entry of a word list (kind of place, target group, …) by its slug, in the
    word list's order, named in the page's language; "All" first."""

    def __init__(self, model: type[AbstractTaxonomy], field_name: str, **kwargs):
        kwargs.setdefault("empty_label", _("All"))
        super().__init__(field_name, choices=taxonomy_choices(model), **kwargs)


class BoundedDateFilter(django_filters.DateFilter):
    """A date between portal.dates' EARLIEST_DATE and LATEST_DATE: beyond them the form
    says which dates it takes (`portal.forms.BoundedDateField`)."""

    field_class = BoundedDateField


class _TickedMethod(FilterMethod):
    def __call__(self, qs, value):
        return super().__call__(qs, value) if value else qs


class CheckboxFilter(django_filters.Filter):
    """A tick box: ticked, the list keeps the rows whose `field_name` (with `lookup_expr`)
    is true, or what its `method` keeps; unticked, it narrows nothing.

    django-filter's BooleanFilter is a yes / no / either choice, and its `method` filters
    are called with any value but an empty one, False included. The field stays Django's
    BooleanField (Wagtail's admin names a field's CSS class after the field's class)."""

    field_class = forms.BooleanField

    def filter(self, qs, value):
        return super().filter(qs, True) if value else qs

    @property
    def method(self):
        return self._method

    @method.setter
    def method(self, value):
        self._method = value
        self.__dict__.pop("filter", None)
        if value is not None:
            self.filter = _TickedMethod(self)


class DateRangeForm(forms.Form):
    """The form of filters with a `date_from` and a `date_to`: an end before the start is an
    error on `date_to`, in the list's own words."""

    reversed_range_message: str

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", self.reversed_range_message)
        return cleaned
