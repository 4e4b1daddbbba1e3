"""Every public form's fields, posted with a valid CSRF token: never a 5xx, and a post
that is not accepted writes nothing (no sign-up, registration, case, submission or mail).

A post starts from a valid one and replaces any of its fields with a hostile or
boundary value, or leaves it out; see harness.py for what is checked and counted.
"""

from __future__ import annotations

import pytest
from hypothesis import strategies as st

from . import strategies as s
from .harness import Call, Target, exercise

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

LANGUAGES = st.sampled_from(["ja", "en"])
MISSING = None  # a field left out of the post


def posts(valid: dict, **fields: st.SearchStrategy) -> st.SearchStrategy[dict]:
    """The valid post with any of `fields` replaced (a value, several values, or none)."""

    def merge(changes: dict) -> dict:
        data = {**valid, **changes}
        return {key: value for key, value in data.items() if value is not MISSING}

    return s.query(**{name: st.one_of(st.none(), value) for name, value in fields.items()}).map(
        merge
    )


def post(segments_by_language, data) -> st.SearchStrategy[Call]:
    return st.builds(
        lambda language, fields: Call("POST", segments_by_language[language], fields, language),
        LANGUAGES,
        data,
    )


def boundary_posts(segments, valid: dict, **fields: list) -> list[Call]:
    return [
        Call("POST", segments, {**valid, name: value})
        for name, values in fields.items()
        for value in values
    ]


CONTACT = {
    "name": "松本 花子",
    "furigana": "まつもと はなこ",
    "email": "hanako.fuzz@example.jp",
    "phone": "0263-34-3000",
    "consent": "on",
    "website": "",
}


def contact_fields() -> dict:
    return {
        "name": s.choice_text("松本 花子", "Hanako Matsumoto"),
        "furigana": s.choice_text("まつもと はなこ", "マツモト ハナコ"),
        "email": s.choice_text("hanako@example.jp", "a@b.jp", "not-an-email"),
        "phone": s.choice_text("0263-34-3000", "０２６３－３４－３０００", "090 1234 5678"),
        "consent": s.checkbox(),
        "website": st.one_of(st.just(""), s.hostile_text()),
    }


# --- Volunteer sign-up ------------------------------------------------------------------


def signup_segments(world) -> dict:
    return {
        "ja": ("volunteer", str(world.opportunity.pk), "signup", ""),
        "en": ("volunteer", str(world.opportunity_en.pk), "signup", ""),
    }


def signup_valid(world) -> dict:
    return {**CONTACT, "shifts": [str(world.shift_ids[1])], "note": "よろしくお願いします。"}


def signup_rows():
    from portal.models import OutboxMessage
    from volunteers.models import ShiftSignup

    return ShiftSignup.objects.count(), OutboxMessage.objects.count()


def signup_calls(world):
    ids = [str(pk) for pk in world.shift_ids]
    return post(
        signup_segments(world),
        posts(
            signup_valid(world),
            shifts=st.lists(st.one_of(st.sampled_from(ids), s.int_text()), max_size=3),
            note=s.hostile_text(),
            **contact_fields(),
        ),
    )


def signup_examples(world):
    segments = signup_segments(world)["ja"]
    return boundary_posts(
        segments,
        signup_valid(world),
        shifts=[[value] for value in s.BOUNDARY_INTS] + [[], [str(2**63), str(2**64)]],
        note=["a" * 5_000, "\x00"],
        name=["\x00", "a" * 1_000, "=1+1"],
    )


# --- Event registration -----------------------------------------------------------------


def register_segments(world) -> dict:
    return {
        "ja": ("events", str(world.event.pk), "register", world.session, ""),
        "en": ("events", str(world.event_en.pk), "register", world.session, ""),
    }


REGISTER_VALID = {**CONTACT, "party_size": "2"}


def register_rows():
    from events.registration_models import EventRegistration, EventRegistrationSlot
    from portal.models import OutboxMessage

    return (
        EventRegistration.objects.count(),
        list(EventRegistrationSlot.objects.values_list("pk", "confirmed_count")),
        OutboxMessage.objects.count(),
    )


def register_calls(world):
    return post(
        register_segments(world),
        posts(
            REGISTER_VALID,
            party_size=s.choice_text("1", "10", "11", "0"),
            **contact_fields(),
        ),
    )


def register_examples(world):
    return boundary_posts(
        register_segments(world)["ja"],
        REGISTER_VALID,
        party_size=s.BOUNDARY_INTS,
        email=["\x00@example.jp", "a" * 300 + "@example.jp"],
        phone=["０２６３３４３０００", "\r\n"],
    )


# --- Cancelling (a sign-up, a registration) ---------------------------------------------


def cancel_target(name, url_name, prefix, token_key, model_path) -> Target:
    def rows():
        from django.apps import apps

        model = apps.get_model(model_path)
        from portal.models import OutboxMessage

        return list(model.objects.values_list("pk", "status")), OutboxMessage.objects.count()

    def calls(world):
        return st.builds(
            lambda language, token: Call("POST", (*prefix, token, ""), {}, language),
            LANGUAGES,
            s.token_text(getattr(world, token_key)),
        )

    def examples(world):
        token = getattr(world, token_key)
        return [
            Call("POST", (*prefix, value, ""), {})
            for value in (token, token[:-1], token + "x", "a" * 5_000, "\x00", "%00")
        ]

    return Target(
        name,
        url_name,
        calls,
        examples,
        rows=rows,
        accepted=lambda response: response.status_code == 200,
        form_page=lambda world: "/" + "/".join((*prefix, getattr(world, token_key), "")),
    )


# --- The intake form ----------------------------------------------------------------------


def intake_valid(world) -> dict:
    return {
        "requester_type": "self",
        "name": "松本 花子",
        "furigana": "まつもと はなこ",
        "district": str(world.daini.pk),
        "postcode": "390-0812",
        "address": "本庄2丁目",
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


def intake_rows():
    from portal.models import OutboxMessage
    from support.models import AuditEntry, SupportCase, SupportIntakeSubmission

    return (
        SupportCase.objects.count(),
        SupportIntakeSubmission.objects.count(),
        AuditEntry.objects.count(),
        OutboxMessage.objects.count(),
    )


def intake_calls(world):
    multiple = st.lists(
        s.choice_text("exercise", "salon", "transport", "mobility", "memory"), max_size=3
    )
    return post(
        {"ja": ("support", ""), "en": ("support", "")},
        posts(
            intake_valid(world),
            requester_type=s.choice_text("self", "family", "neighbour", "supporter"),
            requester_name=s.hostile_text(),
            name=s.choice_text("松本 花子", "Hanako"),
            furigana=s.choice_text("まつもと はなこ", "松本"),
            district=s.choice_text(str(world.daini.pk), "unknown", ""),
            postcode=s.choice_text("390-0812", "３９０－０８１２", "3900812", "390-08"),
            address=s.hostile_text(),
            phone=s.choice_text("0263-99-1234", "０２６３－９９－１２３４"),
            email=s.choice_text("hanako@example.jp", "x@"),
            contact_method=s.choice_text("phone", "email", "visit", "any"),
            contact_time=s.hostile_text(),
            interests=multiple,
            difficulties=multiple,
            request_text=s.hostile_text(),
            consent_sensitive=s.checkbox(),
            health_needs=multiple,
            health_details=s.hostile_text(),
            consent_contact=s.checkbox(),
            consent_share=s.checkbox(),
            heard_about=s.choice_text("広報まつもと", "その他"),
            website=st.one_of(st.just(""), s.hostile_text()),
        ),
    )


def intake_examples(world):
    return boundary_posts(
        ("support", ""),
        intake_valid(world),
        district=[str(2**63), str(2**64), "-1", "0", "１"],
        postcode=["０００－００００", "\x00", "9" * 400],
        phone=["9" * 400, "\r\n"],
        request_text=["a" * 5_000, '=HYPERLINK("http://x")'],
        interests=[["\x00"], ["exercise"] * 50],
    )


TARGETS = [
    Target(
        "form: volunteer sign-up",
        "volunteers:signup",
        signup_calls,
        signup_examples,
        rows=signup_rows,
        accepted=lambda response: response.status_code == 302,
        form_page=lambda world: "/" + "/".join(signup_segments(world)["ja"]),
    ),
    Target(
        "form: event registration",
        "events:register",
        register_calls,
        register_examples,
        rows=register_rows,
        accepted=lambda response: response.status_code == 302,
        form_page=lambda world: "/" + "/".join(register_segments(world)["ja"]),
    ),
    cancel_target(
        "form: cancel a registration",
        "events:registration_cancel",
        ("events", "registration", "cancel"),
        "registration_cancel",
        "events.EventRegistration",
    ),
    cancel_target(
        "form: cancel a sign-up",
        "volunteers:cancel",
        ("volunteer", "cancel"),
        "signup_cancel",
        "volunteers.ShiftSignup",
    ),
    Target(
        "form: intake",
        "wagtail_serve",
        intake_calls,
        intake_examples,
        rows=intake_rows,
        accepted=lambda response: response.status_code == 302,  # to the thanks page
        form_page=lambda world: "/support/",
    ),
]


@pytest.mark.parametrize("target", TARGETS, ids=str)
def test_public_form_answers_without_server_error_and_writes_nothing_it_rejects(
    target, browser, world
):
    tally = exercise(target, browser, world)

    assert tally.share >= 0.8, f"{target}: {tally.outcomes}"
