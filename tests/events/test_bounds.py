"""Ids and dates from URLs beyond what the portal works with: a 404 or a form error, never a 500."""

import datetime as dt

import pytest

from events import registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(make_event, soon):
    return make_event(
        start=soon, end=soon + dt.timedelta(hours=1), registration_required=True, capacity=10
    )


def test_an_event_ics_with_an_id_beyond_64_bits_is_not_found(client):
    response = client.get(f"/events/{2**64}.ics")

    assert response.status_code == 404


def test_a_registration_form_with_an_id_beyond_64_bits_is_not_found(client, event):
    key = registration.session_key(event.occurrences.get())

    response = client.get(f"/events/{2**64}/register/{key}/")

    assert response.status_code == 404


@pytest.mark.parametrize("key", ["00010101T0000", "99991231T2359"])
def test_a_registration_key_at_the_ends_of_the_calendar_is_not_found(client, event, key):
    response = client.get(f"/events/{event.pk}/register/{key}/")

    assert response.status_code == 404


def test_a_session_key_beyond_the_bounds_names_no_session():
    assert registration.parse_session_key("00010101T0000") is None


@pytest.mark.parametrize("field", ["date_from", "date_to"])
@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_a_list_filter_date_at_the_ends_of_the_calendar_is_a_form_error(client, field, value):
    response = client.get("/events/", {field: value})

    assert "2000-01-01から2100-12-31までの日付を入力してください。" in response.content.decode()
