"""The sign-up, capacity and waiting-list mechanism (portal/signups.py).

It is abstract; these tests drive it through the volunteers' concrete models,
the first to use it (party sizes above 1 are what event registrations will use).
"""

import datetime as dt

import pytest
from django.core import checks, signing
from django.db import IntegrityError, transaction
from django.test.utils import isolate_apps
from django.utils import timezone
from django.utils.translation import get_language

from portal.signups import (
    AbstractSignupSlot,
    AlreadyCancelled,
    InvalidLink,
    SignupClosed,
    SignupStatus,
    cancel,
    claim_reminder,
    contact_key,
    in_mail,
    link_token,
    normalise_email,
    promote_waitlisted,
    read_link_token,
    sign_up,
    signup_from_token,
    signup_mail,
    waitlist_position,
)
from tests.volunteers.factories import (
    VolunteerOpportunityPageFactory,
    VolunteerShiftFactory,
    days_ahead,
)
from volunteers.models import ShiftSignup, VolunteerShift

pytestmark = pytest.mark.django_db


@pytest.fixture
def slot(daini):
    page = VolunteerOpportunityPageFactory(parent=daini)
    return VolunteerShiftFactory(page=page, capacity=2)


def person(n: int, **fields) -> dict:
    return {
        "name": f"松本 花子{n}",
        "furigana": "まつもと はなこ",
        "email": f"p{n}@example.jp",
        **fields,
    }


def statuses(slot) -> list[str]:
    return list(slot.signups.order_by("created_at", "pk").values_list("status", flat=True))


def test_normalised_email_is_stripped_and_lower_case():
    assert normalise_email("  Hanako@Example.JP ") == "hanako@example.jp"


def test_contact_key_prefers_the_email_address():
    assert contact_key("A@example.jp", "0263-34-3000") == "email:a@example.jp"
    assert contact_key("", "0263-34-3000") == "phone:0263343000"


def test_a_sign_up_needs_an_email_address_or_a_phone_number(slot):
    with pytest.raises(ValueError):
        sign_up(slot, name="松本 花子", email="", phone="")


def test_a_party_that_fits_is_confirmed_and_counted(slot):
    result = sign_up(slot, **person(1))
    slot.refresh_from_db()
    assert result.confirmed and not result.duplicate
    assert slot.confirmed_count == 1


def test_a_party_that_does_not_fit_is_waitlisted(slot):
    sign_up(slot, **person(1))
    sign_up(slot, **person(2))
    result = sign_up(slot, **person(3))
    slot.refresh_from_db()
    assert result.waitlisted
    assert slot.confirmed_count == 2
    assert waitlist_position(result.signup) == 1


def test_the_same_email_on_the_same_slot_returns_the_existing_sign_up(slot):
    first = sign_up(slot, **person(1, email="Hanako@Example.jp"))
    again = sign_up(slot, **person(1, email=" hanako@example.jp "))
    assert again.duplicate and again.signup.pk == first.signup.pk
    assert slot.signups.count() == 1


def test_the_same_phone_number_typed_differently_is_a_duplicate(slot):
    first = sign_up(slot, **person(1, email="", phone="0263-34-3000"))
    again = sign_up(slot, **person(2, email="other@example.jp", phone="０２６３３４３０００"))
    assert again.duplicate and again.signup.pk == first.signup.pk


def test_the_same_person_may_sign_up_again_after_cancelling(slot):
    first = sign_up(slot, **person(1))
    cancel(first.signup)
    again = sign_up(slot, **person(1))
    assert not again.duplicate and again.confirmed


def test_the_database_refuses_a_second_active_sign_up_for_one_contact(slot):
    sign_up(slot, **person(1))
    with pytest.raises(IntegrityError), transaction.atomic():
        ShiftSignup.objects.create(
            slot=slot, name="同じ人", contact_key="email:p1@example.jp", consented_at=timezone.now()
        )


def test_the_database_refuses_more_confirmed_than_places(slot):
    with pytest.raises(IntegrityError), transaction.atomic():
        VolunteerShift.objects.filter(pk=slot.pk).update(confirmed_count=3)


def test_a_slot_that_has_started_takes_no_sign_ups(daini):
    page = VolunteerOpportunityPageFactory(parent=daini)
    started = VolunteerShiftFactory(page=page, start=timezone.now() - dt.timedelta(minutes=5))
    with pytest.raises(SignupClosed):
        sign_up(started, **person(1))


def test_cancelling_a_confirmed_sign_up_promotes_the_first_waiting(slot):
    first = sign_up(slot, **person(1)).signup
    sign_up(slot, **person(2))
    waiting_first = sign_up(slot, **person(3)).signup
    waiting_second = sign_up(slot, **person(4)).signup
    promoted = cancel(first)
    slot.refresh_from_db()
    assert [s.pk for s in promoted] == [waiting_first.pk]
    assert slot.confirmed_count == 2
    waiting_second.refresh_from_db()
    assert waiting_second.status == SignupStatus.WAITLISTED
    assert waitlist_position(waiting_second) == 1


def test_cancelling_a_waiting_sign_up_promotes_nobody(slot):
    sign_up(slot, **person(1))
    sign_up(slot, **person(2))
    waiting = sign_up(slot, **person(3)).signup
    assert cancel(waiting) == []
    slot.refresh_from_db()
    assert slot.confirmed_count == 2


def test_a_party_that_no_longer_fits_keeps_its_place_and_a_smaller_later_one_is_confirmed(daini):
    page = VolunteerOpportunityPageFactory(parent=daini)
    slot = VolunteerShiftFactory(page=page, capacity=4)
    family = sign_up(slot, party_size=3, **person(1)).signup
    sign_up(slot, party_size=1, **person(2))
    big = sign_up(slot, party_size=3, **person(3)).signup
    small = sign_up(slot, party_size=1, **person(4)).signup
    assert (big.status, small.status) == (SignupStatus.WAITLISTED, SignupStatus.WAITLISTED)
    # One place frees up: too few for the party of 3, enough for the later party of 1.
    cancel(slot.signups.get(email="p2@example.jp"))
    big.refresh_from_db()
    small.refresh_from_db()
    assert big.status == SignupStatus.WAITLISTED
    assert small.status == SignupStatus.CONFIRMED
    assert waitlist_position(big) == 1
    cancel(family)
    big.refresh_from_db()
    assert big.status == SignupStatus.CONFIRMED
    slot.refresh_from_db()
    assert slot.confirmed_count == 4


def test_cancelling_twice_says_it_was_already_cancelled(slot):
    signup = sign_up(slot, **person(1)).signup
    cancel(signup)
    with pytest.raises(AlreadyCancelled):
        cancel(ShiftSignup.objects.get(pk=signup.pk))
    slot.refresh_from_db()
    assert slot.confirmed_count == 0


def test_adding_places_promotes_whoever_now_fits(slot):
    for n in range(4):
        sign_up(slot, **person(n))
    VolunteerShift.objects.filter(pk=slot.pk).update(capacity=3)
    promoted = promote_waitlisted(slot)
    assert len(promoted) == 1
    assert statuses(slot) == ["confirmed", "confirmed", "confirmed", "waitlisted"]


def test_saving_a_slot_never_writes_its_counter(slot):
    sign_up(slot, **person(1))
    stale = VolunteerShift.objects.get(pk=slot.pk)
    sign_up(slot, **person(2))
    stale.capacity = 5
    stale.save()
    slot.refresh_from_db()
    assert (slot.capacity, slot.confirmed_count) == (5, 2)


def test_a_stale_slot_cannot_lower_its_places_below_the_confirmed(slot):
    sign_up(slot, **person(1))
    sign_up(slot, **person(2))
    stale = VolunteerShift.objects.get(pk=slot.pk)
    stale.capacity = 1
    stale.save()
    slot.refresh_from_db()
    assert (slot.capacity, slot.confirmed_count) == (2, 2)


def test_a_reminder_is_claimed_once(slot):
    signup = sign_up(slot, **person(1)).signup
    assert claim_reminder(signup)
    assert not claim_reminder(signup)


def test_a_waiting_sign_up_is_not_reminded(slot):
    sign_up(slot, **person(1))
    sign_up(slot, **person(2))
    waiting = sign_up(slot, **person(3)).signup
    assert not claim_reminder(waiting)


# --- Signed links ---------------------------------------------------------------------


def test_a_link_token_names_its_sign_up(slot):
    signup = sign_up(slot, **person(1)).signup
    assert signup_from_token(ShiftSignup, link_token(signup, "cancel"), "cancel") == signup


def test_a_link_token_holds_nothing_personal(slot):
    signup = sign_up(slot, **person(1, name="山田 太郎", phone="0263-34-3000")).signup
    payload = signing.loads(
        link_token(signup, "cancel"), salt="portal.signups.volunteers.shiftsignup.cancel"
    )
    assert payload == {"s": [[signup.pk, signup.secret]]}


def test_an_altered_link_token_is_refused(slot):
    token = link_token(sign_up(slot, **person(1)).signup, "cancel")
    altered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    with pytest.raises(InvalidLink):
        signup_from_token(ShiftSignup, altered, "cancel")


def test_a_link_token_for_one_purpose_is_refused_for_another(slot):
    token = link_token(sign_up(slot, **person(1)).signup, "thanks")
    with pytest.raises(InvalidLink):
        signup_from_token(ShiftSignup, token, "cancel")


def test_a_link_cannot_be_turned_to_another_sign_up(slot):
    mine = sign_up(slot, **person(1)).signup
    other = sign_up(slot, **person(2)).signup
    # Even with a valid signature, the secret must be the sign-up's own.
    forged = signing.dumps(
        {"s": [[other.pk, mine.secret]]}, salt="portal.signups.volunteers.shiftsignup.cancel"
    )
    with pytest.raises(InvalidLink):
        signup_from_token(ShiftSignup, forged, "cancel")


def test_a_link_token_can_carry_several_sign_ups_and_flags(daini):
    page = VolunteerOpportunityPageFactory(parent=daini)
    a = VolunteerShiftFactory(page=page, start=days_ahead(3))
    b = VolunteerShiftFactory(page=page, start=days_ahead(4))
    signups = [sign_up(a, **person(1)).signup, sign_up(b, **person(1)).signup]
    found, extra = read_link_token(
        ShiftSignup, link_token(signups, "thanks", d=[False, True]), "thanks"
    )
    assert found == signups and extra == {"d": [False, True]}


def test_concrete_models_declare_their_guards():
    errors = VolunteerShift.check() + ShiftSignup.check()
    assert not [e for e in errors if e.id and e.id.startswith("portal.")]


@isolate_apps("volunteers")
def test_a_slot_model_without_the_capacity_guard_fails_the_checks():
    class UnguardedSlot(AbstractSignupSlot):
        class Meta:
            app_label = "volunteers"

    assert "portal.E001" in [e.id for e in UnguardedSlot.check() if isinstance(e, checks.Error)]


@signup_mail
def language_of_the_mail(signup) -> str:
    return get_language()


def test_a_sign_up_mail_is_written_in_the_language_signed_up_in(slot):
    signup = sign_up(slot, **person(1, language="en")).signup
    assert language_of_the_mail(signup) == "en"


def test_no_mail_is_queued_for_a_phone_only_sign_up(slot):
    signup = sign_up(slot, **person(1, email="", phone="0263-34-3000")).signup
    assert language_of_the_mail(signup) is None


def test_a_mail_shows_the_cancel_link_absolute(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.jp"
    item = in_mail({"title": "サロン", "cancel_url": "/volunteer/cancel/abc/"})
    assert item["cancel_url"] == "https://portal.example.jp/volunteer/cancel/abc/"
