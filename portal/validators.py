"""The rules for what residents and staff type about a person: names, readings, phones.

One implementation for the sign-up forms, the intake form, the case screens and
the CSV imports, so that a number one form takes is never refused by another.

* Text is read after NFKC: full-width ０２６３ and ＡＢＣ count as 0263 and ABC,
  half-width ｶﾅ as カナ.
* A phone number is digits with the usual separators (spaces, hyphens, also the
  ー and － a Japanese keyboard gives, brackets): 10 or 11 digits from a leading
  0 (landlines and mobiles, area code included), or 10 to 15 after a leading +.
* A reading (furigana) is kana or Latin letters: residents without a kana name
  write it in Latin letters; kanji is never a reading.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: Every dash a Japanese keyboard or a copied address may give, to "-".
PHONE_DASHES = dict.fromkeys(map(ord, "ー－‐‑‒–—―−﹣"), "-")
PHONE_CHARACTERS_RE = re.compile(r"^\+?[0-9()\- ]+$")
#: Hiragana, katakana (full and half width), Latin letters (accented too), spaces and
#: ・ ー - ' . : what the reading of a name is written in.
READING_RE = re.compile(
    r"^[\u3041-\u309f\u30a0-\u30ff\uff66-\uff9fA-Za-z\u00c0-\u024f\u1e00-\u1eff\s・ー\-'.]+$"
)


def normalise_text(value: str) -> str:
    """NFKC (full-width digits and letters become half-width) and trimmed."""
    return unicodedata.normalize("NFKC", value or "").strip()


def phone_digits(value: str) -> str:
    """The digits of a phone number, after NFKC: the form two spellings are compared in."""
    return "".join(ch for ch in normalise_text(value) if ch.isdigit())


def is_phone_number(value: str) -> bool:
    """Whether `value` is a phone number with its area code (see the module's rule)."""
    text = normalise_text(value).translate(PHONE_DASHES)
    if not PHONE_CHARACTERS_RE.match(text):
        return False
    digits = phone_digits(text)
    if text.startswith("+"):
        return 10 <= len(digits) <= 15
    return digits.startswith("0") and 10 <= len(digits) <= 11


def normalise_phone_number(value: str) -> str:
    """A typed phone number half-width, with plain hyphens (０２６３ー３４ → 0263-34)."""
    return normalise_text(value).translate(PHONE_DASHES)


def clean_phone_number(value: str) -> str:
    """A typed phone number, normalised (half-width, plain hyphens), or a ValidationError."""
    text = normalise_phone_number(value)
    validate_phone_number(text)
    return text


def validate_phone_number(value: str) -> None:
    """A model field validator: the value as stored must be a phone number (see the rule)."""
    if value and not is_phone_number(value):
        raise ValidationError(
            _("Write the phone number with its area code, for example 0263-34-3000."),
            code="phone",
        )


def is_reading(value: str) -> bool:
    """Whether `value` can be the reading of a name (kana or Latin letters)."""
    return bool(READING_RE.match(normalise_text(value)))


def clean_reading(value: str) -> str:
    """A typed reading, normalised, or a ValidationError that says to write it in kana."""
    text = normalise_text(value)
    if text and not is_reading(text):
        raise ValidationError(_("Write the reading in hiragana or katakana."), code="reading")
    return text
