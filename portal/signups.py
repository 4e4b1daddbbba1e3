"""Sign-ups with a capacity and a waiting list, for volunteer shifts and event registrations.

Capacity is a database fact (docs/architecture.md): a slot's `confirmed_count` never
exceeds its `capacity`, whatever the concurrency, on SQLite and PostgreSQL.

    class Shift(AbstractSignupSlot):
        class Meta:
            constraints = [capacity_constraint("myapp_shift_within_capacity")]

    class ShiftSignup(AbstractSignup):
        slot = models.ForeignKey(Shift, related_name="signups", on_delete=models.CASCADE)

        class Meta:
            constraints = [active_contact_constraint("myapp_signup_one_per_contact")]

    result = sign_up(shift, name="山田 花子", email="hanako@example.jp", language="ja")
    promoted = cancel(result.signup)

* `sign_up` locks the slot row (SELECT ... FOR UPDATE on PostgreSQL; on
  SQLite the settings open every transaction IMMEDIATE, so writers queue for
  the one write lock), confirms the party if it fits and waitlists it if not.
  The same e-mail address or phone number on the same slot gets back the
  existing sign-up, flagged as a duplicate; a unique constraint on
  (slot, contact_key) for active sign-ups guards the same rule in the database.
* `cancel` frees the places and promotes waiting parties in the order they
  came; a party that no longer fits keeps its place, and a later, smaller one
  may be confirmed before it.
* The counter belongs to these services: a slot's `save()` never writes it
  (a slot edited in a page revision carries a stale copy).
* Links in mails carry a signed token over the sign-up's pk and its random
  secret (`link_token`, read back by `signup_from_token`/`read_link_token`,
  with a salt per model and purpose): a link cannot be guessed, used for
  another sign-up or for another purpose, and it holds nothing personal.

The caller writes its mails with `queue_signup_mail` (through the outbox) in
the same transaction, so a sign-up and its confirmation commit together.
"""

from __future__ import annotations

import datetime as dt
import functools
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core import checks, signing
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .municipality import site_title
from .outbox import queue_mail
from .site_address import absolute_url
from .validators import phone_digits

TOKEN_BYTES = 24


def new_secret() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class SignupStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("sign-up", "Cancelled")


class CancelledBy(models.TextChoices):
    PERSON = "person", _("The person")
    STAFF = "staff", _("Staff")


ACTIVE_STATUSES = (SignupStatus.CONFIRMED, SignupStatus.WAITLISTED)


# --- Models ---------------------------------------------------------------------


def capacity_constraint(name: str) -> models.CheckConstraint:
    """The database guard `confirmed_count <= capacity`, for a concrete slot's Meta."""
    return models.CheckConstraint(condition=Q(confirmed_count__lte=F("capacity")), name=name)


def active_contact_constraint(name: str) -> models.UniqueConstraint:
    """One active sign-up per contact on a slot, for a concrete sign-up's Meta."""
    return models.UniqueConstraint(
        fields=["slot", "contact_key"],
        condition=~Q(status=SignupStatus.CANCELLED),
        name=name,
    )


class AbstractSignupSlot(models.Model):
    """Something people sign up for: a volunteer shift, an event session.

    The concrete model declares `capacity_constraint(...)` in its Meta (a
    system check reminds it) and may override `is_open()`.
    """

    capacity = models.PositiveIntegerField(
        _("places"),
        help_text="受け入れられる人数（定員）です。申込がこの人数に達すると、"
        "その後の申込はキャンセル待ちになります。",
    )
    confirmed_count = models.PositiveIntegerField(
        _("confirmed"),
        default=0,
        editable=False,
        help_text="確定した人数です。申込と取消で自動的に変わります。",
    )

    #: Written only by the services of this module, never by `save()`.
    counter_fields = ("confirmed_count",)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # A slot saved from a form or a page revision carries the counter as it
        # was when the revision was made: keep the database's, always. A new row
        # has no sign-ups yet; an existing one never drops below what is confirmed
        # (a stale draft published later must not break the capacity guard).
        if kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            stored = self.stored_counters()
            if stored is None:
                for name in self.counter_fields:
                    setattr(self, name, 0)
            else:
                for name in self.counter_fields:
                    setattr(self, name, stored[name])
                self.capacity = max(self.capacity, self.confirmed_count)
                kwargs["update_fields"] = [
                    field.name
                    for field in self._meta.concrete_fields
                    if not field.primary_key and field.name not in self.counter_fields
                ]
                self._state.adding = False
        super().save(*args, **kwargs)

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def is_full(self) -> bool:
        return self.places_left == 0

    def is_open(self) -> bool:
        """Whether new sign-ups are taken (a shift that has started is not)."""
        return True

    @classmethod
    def signup_model(cls) -> type[AbstractSignup]:
        """The concrete sign-up model whose `slot` points here."""
        for relation in cls._meta.related_objects:
            model = relation.related_model
            if issubclass(model, AbstractSignup) and relation.field.name == "slot":
                return model
        raise LookupError(f"No sign-up model has a `slot` key to {cls.__name__}.")

    def stored_counters(self) -> dict | None:
        if self.pk is None:
            return None
        return (
            type(self)
            ._base_manager.filter(pk=self.pk)
            .values(*self.counter_fields, "capacity")
            .first()
        )

    @classmethod
    def check(cls, **kwargs):
        errors = super().check(**kwargs)
        if cls._meta.abstract or cls._meta.proxy:
            return errors
        wanted = Q(confirmed_count__lte=F("capacity"))
        if not any(
            isinstance(c, models.CheckConstraint) and c.condition == wanted
            for c in cls._meta.constraints
        ):
            errors.append(
                checks.Error(
                    f"{cls.__name__} must declare capacity_constraint(...) in its Meta.",
                    obj=cls,
                    id="portal.E001",
                )
            )
        return errors


class AbstractSignup(models.Model):
    """One person's (or party's) sign-up; the concrete model adds `slot`, a
    foreign key to its AbstractSignupSlot, and `active_contact_constraint(...)`."""

    Status = SignupStatus

    name = models.CharField(_("name"), max_length=100, help_text="申込んだ人の名前です。")
    furigana = models.CharField(
        _("furigana"), max_length=100, blank=True, help_text="名前のよみがなです。"
    )
    email = models.EmailField(
        _("email"), blank=True, help_text="確認や連絡のメールを送るアドレスです。"
    )
    phone = models.CharField(
        _("phone"), max_length=30, blank=True, help_text="申込んだ人が書いた電話番号です。"
    )
    contact_key = models.CharField(
        _("contact key"),
        max_length=255,
        editable=False,
        help_text="同じ人の二重申込を見分けるための値です（自動で作られます）。",
    )
    phone_digits = models.CharField(
        _("phone digits"),
        max_length=30,
        blank=True,
        editable=False,
        help_text="電話番号の数字だけを並べた値です（二重申込の確認に使います）。",
    )
    party_size = models.PositiveSmallIntegerField(
        _("number of people"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text="一緒に申し込む人数です（本人を含みます）。",
    )
    note = models.TextField(_("note"), blank=True, help_text="申込んだ人からの連絡事項です。")
    language = models.CharField(
        _("language"),
        max_length=10,
        default=settings.LANGUAGE_CODE,
        help_text="申込に使われた言語です。メールはこの言語で送ります。",
    )
    consented_at = models.DateTimeField(
        _("consented at"), help_text="個人情報の取り扱いに同意した日時です。"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SignupStatus.choices,
        default=SignupStatus.CONFIRMED,
        help_text="確定・キャンセル待ち・取消のいずれかです。",
    )
    created_at = models.DateTimeField(
        _("signed up at"),
        default=timezone.now,
        help_text="申込の日時です。キャンセル待ちはこの順に繰り上がります。",
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.CharField(
        _("cancelled by"), max_length=10, blank=True, choices=CancelledBy.choices
    )
    reminded_at = models.DateTimeField(
        _("reminder sent at"),
        null=True,
        blank=True,
        help_text="前日のお知らせメールを送った日時です。",
    )
    secret = models.CharField(
        _("link secret"),
        max_length=64,
        default=new_secret,
        editable=False,
        help_text="取消用リンクの合言葉です（自動で作られます）。",
    )

    class Meta:
        abstract = True

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @classmethod
    def check(cls, **kwargs):
        errors = super().check(**kwargs)
        if cls._meta.abstract or cls._meta.proxy:
            return errors
        try:
            slot = cls._meta.get_field("slot")
        except FieldDoesNotExist:
            slot = None
        if slot is None or not issubclass(slot.related_model, AbstractSignupSlot):
            errors.append(
                checks.Error(
                    f"{cls.__name__} needs a foreign key `slot` to an AbstractSignupSlot.",
                    obj=cls,
                    id="portal.E002",
                )
            )
        if not any(
            isinstance(c, models.UniqueConstraint)
            and tuple(c.fields) == ("slot", "contact_key")
            and c.condition is not None
            for c in cls._meta.constraints
        ):
            errors.append(
                checks.Error(
                    f"{cls.__name__} must declare active_contact_constraint(...) in its Meta.",
                    obj=cls,
                    id="portal.E003",
                )
            )
        return errors


# --- Contact keys ---------------------------------------------------------------


def normalise_email(value: str) -> str:
    return (value or "").strip().lower()


def contact_key(email: str, phone: str) -> str:
    """The key that tells one person from another on a slot: e-mail first, else phone."""
    email, digits = normalise_email(email), phone_digits(phone)
    if email:
        return f"email:{email}"
    if digits:
        return f"phone:{digits}"
    raise ValueError("A sign-up needs an e-mail address or a phone number.")


# --- Services ---------------------------------------------------------------------


class SignupClosed(Exception):
    """The slot takes no more sign-ups (it has started, or it was closed)."""


class AlreadyCancelled(Exception):
    """The sign-up was cancelled before (a second click on a cancel link)."""


@dataclass(frozen=True)
class SignupResult:
    signup: AbstractSignup
    duplicate: bool = False

    @property
    def confirmed(self) -> bool:
        return self.signup.status == SignupStatus.CONFIRMED

    @property
    def waitlisted(self) -> bool:
        return self.signup.status == SignupStatus.WAITLISTED


def _lock(model, pk):
    return model._base_manager.select_for_update().get(pk=pk)


def _active_duplicate(signup_model, slot, email: str, digits: str):
    query = Q(contact_key=contact_key(email, digits))
    if email:
        query |= Q(email=email)
    if digits:
        query |= Q(phone_digits=digits)
    return (
        signup_model._base_manager.filter(slot=slot, status__in=ACTIVE_STATUSES)
        .filter(query)
        .order_by("created_at", "pk")
        .first()
    )


def sign_up(slot: AbstractSignupSlot, *, party_size: int = 1, **fields) -> SignupResult:
    """Sign a party up for `slot`: confirmed if it fits, else on the waiting list.

    `fields` are the sign-up's own (name, furigana, email, phone, note, language,
    consented_at). Raises ValueError without an e-mail address or phone
    number, SignupClosed when the slot takes no more sign-ups.
    """
    if party_size < 1:
        raise ValueError("party_size must be at least 1.")
    email = normalise_email(fields.pop("email", ""))
    phone = (fields.pop("phone", "") or "").strip()
    digits = phone_digits(phone)
    key = contact_key(email, digits)
    fields.setdefault("consented_at", timezone.now())
    slot_model = type(slot)
    signup_model = slot_model.signup_model()
    with transaction.atomic():
        locked = _lock(slot_model, slot.pk)
        existing = _active_duplicate(signup_model, locked, email, digits)
        if existing is not None:
            return SignupResult(existing, duplicate=True)
        if not locked.is_open():
            raise SignupClosed
        fits = locked.confirmed_count + party_size <= locked.capacity
        try:
            with transaction.atomic():
                signup = signup_model._base_manager.create(
                    slot=locked,
                    email=email,
                    phone=phone,
                    phone_digits=digits,
                    contact_key=key,
                    party_size=party_size,
                    status=SignupStatus.CONFIRMED if fits else SignupStatus.WAITLISTED,
                    **fields,
                )
        except IntegrityError:
            # Only reachable if the lock was bypassed; the constraint still holds.
            existing = _active_duplicate(signup_model, locked, email, digits)
            if existing is None:
                raise
            return SignupResult(existing, duplicate=True)
        if fits:
            slot_model._base_manager.filter(pk=locked.pk).update(
                confirmed_count=F("confirmed_count") + party_size
            )
    return SignupResult(signup)


def _promote(slot) -> list:
    """Confirm waiting parties that fit, in the order they came (slot row locked)."""
    free = slot.capacity - slot.confirmed_count
    if free <= 0:
        return []
    promoted = []
    signup_model = type(slot).signup_model()
    waiting = signup_model._base_manager.filter(slot=slot, status=SignupStatus.WAITLISTED).order_by(
        "created_at", "pk"
    )
    for signup in waiting:
        if signup.party_size <= free:
            signup.status = SignupStatus.CONFIRMED
            signup.save(update_fields=["status"])
            free -= signup.party_size
            promoted.append(signup)
            if free == 0:
                break
    if promoted:
        added = sum(signup.party_size for signup in promoted)
        type(slot)._base_manager.filter(pk=slot.pk).update(
            confirmed_count=F("confirmed_count") + added
        )
        slot.confirmed_count += added
    return promoted


def promote_waitlisted(slot: AbstractSignupSlot) -> list:
    """Confirm whoever now fits (after places were added); returns those promoted."""
    with transaction.atomic():
        return _promote(_lock(type(slot), slot.pk))


def cancel(signup: AbstractSignup, *, by: str = CancelledBy.PERSON) -> list:
    """Cancel `signup` and promote from the waiting list; returns the promoted sign-ups.

    Raises AlreadyCancelled when it was cancelled before.
    """
    signup_model = type(signup)
    slot_model = signup_model._meta.get_field("slot").related_model
    with transaction.atomic():
        slot = _lock(slot_model, signup.slot_id)
        current = _lock(signup_model, signup.pk)
        if current.status == SignupStatus.CANCELLED:
            raise AlreadyCancelled
        was_confirmed = current.status == SignupStatus.CONFIRMED
        current.status = SignupStatus.CANCELLED
        current.cancelled_at = timezone.now()
        current.cancelled_by = by
        current.save(update_fields=["status", "cancelled_at", "cancelled_by"])
        if was_confirmed:
            slot_model._base_manager.filter(pk=slot.pk).update(
                confirmed_count=F("confirmed_count") - current.party_size
            )
            slot.confirmed_count -= current.party_size
        promoted = _promote(slot)
    signup.status, signup.cancelled_at, signup.cancelled_by = (
        current.status,
        current.cancelled_at,
        current.cancelled_by,
    )
    return promoted


def waitlist_position(signup: AbstractSignup) -> int | None:
    """1 for the first party waiting on its slot; None unless waitlisted."""
    if signup.status != SignupStatus.WAITLISTED:
        return None
    earlier = (
        type(signup)
        ._base_manager.filter(slot_id=signup.slot_id, status=SignupStatus.WAITLISTED)
        .filter(
            Q(created_at__lt=signup.created_at) | Q(created_at=signup.created_at, pk__lt=signup.pk)
        )
        .count()
    )
    return earlier + 1


def claim_reminder(signup: AbstractSignup, now: dt.datetime | None = None) -> bool:
    """Mark the reminder of a confirmed sign-up as sent; True for the one caller that wins.

    A conditional UPDATE: however often (or however concurrently) a reminder
    job runs, each sign-up is claimed once.
    """
    return bool(
        type(signup)
        ._base_manager.filter(pk=signup.pk, reminded_at__isnull=True, status=SignupStatus.CONFIRMED)
        .update(reminded_at=now or timezone.now())
    )


# --- Signed links -------------------------------------------------------------------


class InvalidLink(Exception):
    """A link token that was altered, made for another purpose, expired, or whose row is gone."""


def _salt(model, purpose: str) -> str:
    return f"portal.signups.{model._meta.label_lower}.{purpose}"


def link_token(signups: models.Model | Sequence[models.Model], purpose: str, **extra) -> str:
    """A signed, URL-safe token naming one or more sign-ups by pk and secret.

    Any row with a `secret` field works the same way (the intake's receipt uses it).
    `extra` maps names to lists of one small value per sign-up (e.g. duplicate
    flags for a confirmation page). Nothing personal goes in.
    """
    if isinstance(signups, models.Model):
        signups = [signups]
    model = type(signups[0])
    payload = {"s": [[s.pk, s.secret] for s in signups], **extra}
    return signing.dumps(payload, salt=_salt(model, purpose), compress=True)


def read_link_token(
    model, token: str, purpose: str, max_age: int | None = None
) -> tuple[list, dict]:
    """The rows a token names (in its order) and its extra values; raises InvalidLink
    (also once the token is older than `max_age` seconds, when given)."""
    try:
        payload = signing.loads(token, salt=_salt(model, purpose), max_age=max_age)
        pairs = [(int(pk), str(secret)) for pk, secret in payload.pop("s")]
    except (signing.BadSignature, ValueError, TypeError, KeyError, AttributeError) as error:
        raise InvalidLink from error
    if not pairs:
        raise InvalidLink
    found = model._base_manager.in_bulk([pk for pk, _secret in pairs])
    signups = []
    for pk, secret in pairs:
        signup = found.get(pk)
        if signup is None or not constant_time_compare(signup.secret, secret):
            raise InvalidLink
        signups.append(signup)
    return signups, payload


def signup_from_token(model, token: str, purpose: str) -> AbstractSignup:
    signups, _extra = read_link_token(model, token, purpose)
    if len(signups) != 1:
        raise InvalidLink
    return signups[0]


def signup_mail(queue):
    """For a function that queues a mail about a sign-up, or about one person's
    sign-ups (a list, first argument): it runs only when the person left an
    e-mail address (a phone-only sign-up is called, not mailed), and in the
    language they signed up in, whatever the request or task it runs in."""

    @functools.wraps(queue)
    def queue_if_reachable(signups, *args, **kwargs):
        person = signups[0] if isinstance(signups, Sequence) else signups
        if not person.email:
            return None
        with translation.override(person.language):
            return queue(signups, *args, **kwargs)

    return queue_if_reachable


def in_mail(item: dict) -> dict:
    """A sign-up as an app's `describe` gives it, as a mail shows it: its cancel link
    absolute (a mail is read outside the site)."""
    if item.get("cancel_url"):
        return {**item, "cancel_url": absolute_url(item["cancel_url"])}
    return item


def queue_signup_mail(
    signup: AbstractSignup, *, kind: str, subject: str, template: str, context: dict
):
    """Queue a mail to the person behind `signup`, signed with the portal's name.

    Written in the active language; the outbox sends it after the transaction commits.
    """
    title = site_title()
    body = render_to_string(template, {"site_title": title, **context})
    return queue_mail(to=[signup.email], subject=f"[{title}] {subject}", body=body, kind=kind)
