"""Factories and helpers for the participation-support tests (Japanese fixtures)."""

import factory
from django.utils import timezone

from support.choices import RequesterType, Status
from support.forms import new_form_token
from support.models import SupportCase
from support.services import generate_reference


class SupportCaseFactory(factory.django.DjangoModelFactory):
    reference = factory.LazyFunction(generate_reference)
    requester_type = RequesterType.SELF
    name = factory.Sequence(lambda n: f"松本 花子{n}")
    furigana = "まつもと はなこ"
    phone = factory.Sequence(lambda n: f"0263-11-{n:04d}")
    email = ""
    address = "本庄2丁目"
    interests = factory.LazyFunction(lambda: ["salon"])
    difficulties = factory.LazyFunction(lambda: ["transport"])
    request_text = "近所のお茶会に行ってみたいです。"
    consent_contact = True
    status = Status.RECEIVED

    class Meta:
        model = SupportCase


def today_at(hour: int = 10) -> str:
    """A contact time as the admin form posts it: today (Tokyo) at `hour`."""
    return f"{timezone.localdate():%Y-%m-%d} {hour:02d}:00"


def intake_data(district=None, **overrides) -> dict:
    """A complete, valid intake form post (Japanese fixture), with a fresh form token: each
    call is another filled-in form (the same dict posted twice is a double submit)."""
    data = {
        "form_token": new_form_token(),
        "requester_type": "self",
        "name": "松本 花子",
        "furigana": "まつもと はなこ",
        "district": str(district.pk) if district is not None else "unknown",
        "postcode": "390-0812",
        "address": "県3丁目",
        "phone": "0263-99-1234",
        "email": "hanako@example.jp",
        "contact_method": "phone",
        "contact_time": "平日の午前中",
        "interests": ["exercise", "salon"],
        "difficulties": ["transport"],
        "request_text": "膝が悪くても参加できる体操を探しています。",
        "consent_contact": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
