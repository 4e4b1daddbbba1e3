"""The shared bounds on ids and dates from URLs and forms (converters, BoundedDateField)."""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from portal.converters import MAX_ID, IdConverter, fits_id
from portal.forms import BoundedDateField, PortalForm


class DateForm(PortalForm):
    day = BoundedDateField(required=False)


def test_the_id_converter_takes_the_largest_id():
    assert IdConverter().to_python(str(MAX_ID)) == MAX_ID


def test_the_id_converter_refuses_an_id_beyond_64_bits():
    with pytest.raises(ValueError):
        IdConverter().to_python(str(2**64))


def test_the_id_converter_refuses_zero():
    with pytest.raises(ValueError):
        IdConverter().to_python("0")


def test_a_route_with_an_id_is_still_reversed():
    assert reverse("places:place_map", args=[12]) == "/maps/places/12/"


def test_a_route_with_an_id_cannot_be_reversed_with_text():
    with pytest.raises(NoReverseMatch):
        reverse("places:place_map", args=["abc"])


def test_a_number_beyond_64_bits_does_not_fit_an_id():
    assert not fits_id(str(-(2**63) - 1))


def test_text_that_is_no_number_is_left_to_the_field():
    assert fits_id("abc")


def test_a_bounded_date_takes_a_date_within_the_bounds():
    form = DateForm(data={"day": "2026-12-08"})

    assert form.is_valid()


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01"])
def test_a_bounded_date_refuses_a_date_beyond_the_bounds(value):
    form = DateForm(data={"day": value})

    assert form.errors["day"] == ["2000-01-01から2100-12-31までの日付を入力してください。"]


def test_a_bounded_date_says_the_bounds_in_english_on_english_pages():
    with translation.override("en"):
        form = DateForm(data={"day": "9999-12-31"})

        assert form.errors["day"] == ["Enter a date from 2000-01-01 to 2100-12-31."]


def test_a_bounded_date_may_be_left_empty():
    form = DateForm(data={"day": ""})

    assert form.is_valid() and form.cleaned_data["day"] is None
