"""Dates and shift ids beyond what the portal works with: a form error, never a 500,
and nothing written."""

import pytest

from volunteers.models import ShiftSignup, VolunteerOpportunityPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["date_from", "date_to"])
@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_a_list_filter_date_at_the_ends_of_the_calendar_is_a_form_error(client, field, value):
    response = client.get("/volunteer/", {field: value})

    assert "2000-01-01から2100-12-31までの日付を入力してください。" in response.content.decode()


def test_a_list_filter_date_beyond_the_bounds_is_said_in_english_on_english_pages(client):
    response = client.get("/en/volunteer/", {"date_to": "9999-12-31"})

    assert "Enter a date from 2000-01-01 to 2100-12-31." in response.content.decode()


def sign_up_for(client, shift_id):
    return client.post(
        VolunteerOpportunityPage.objects.get(
            slug="salon-helper", locale__language_code="ja"
        ).signup_url,
        {
            "shifts": [shift_id],
            "name": "松本 花子",
            "furigana": "まつもと はなこ",
            "email": "hanako@example.jp",
            "consent": "on",
            "website": "",
        },
    )


def test_a_shift_id_beyond_64_bits_is_a_form_error(client, shift):
    response = sign_up_for(client, str(2**64))

    assert response.context["form"].errors["shifts"] == [
        "その日は申込を締め切りました。ほかの日を選んでください。"
    ]


def test_a_shift_id_beyond_64_bits_writes_no_sign_up(client, shift):
    sign_up_for(client, str(2**64))

    assert not ShiftSignup.objects.exists()
