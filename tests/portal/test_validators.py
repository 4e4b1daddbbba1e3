"""`portal.validators`: one rule for phone numbers and readings, on every form and import."""

import pytest
from django.core.exceptions import ValidationError

from portal.validators import (
    clean_phone_number,
    clean_reading,
    is_phone_number,
    is_reading,
    phone_digits,
)


def test_phone_digits_are_read_after_full_width_folding():
    assert phone_digits("０２６３－３４－３０００") == "0263343000"


def test_phone_digits_ignore_brackets_and_spaces():
    assert phone_digits("(0263) 34-3000") == "0263343000"


@pytest.mark.parametrize(
    "typed",
    [
        "0263-34-3000",
        "090-1234-5678",
        "０２６３ー３４ー３０００",
        "(0263) 34 3000",
        "+81-263-34-3000",
    ],
)
def test_a_number_with_its_area_code_is_a_phone_number(typed):
    assert is_phone_number(typed)


@pytest.mark.parametrize(
    "typed",
    ["34-3000", "263-34-3000", "0263-34-3000-1234", "電話 0263-34-3000", "0263/34/3000"],
)
def test_a_number_without_its_area_code_or_with_other_text_is_not(typed):
    assert not is_phone_number(typed)


def test_a_typed_number_is_kept_half_width_with_plain_hyphens():
    assert clean_phone_number("０２６３ー３４ー３０００") == "0263-34-3000"


def test_a_wrong_number_is_refused_with_an_example_to_follow():
    with pytest.raises(ValidationError, match="0263-34-3000"):
        clean_phone_number("34-3000")


def test_an_empty_phone_is_left_to_the_field_required_rule():
    assert clean_phone_number("  ") == ""


@pytest.mark.parametrize(
    "typed", ["まつもと はなこ", "マツモト ハナコ", "ﾏﾂﾓﾄ ﾊﾅｺ", "Nguyễn Văn An"]
)
def test_kana_and_latin_letters_are_readings(typed):
    assert is_reading(typed)


def test_kanji_is_not_a_reading():
    assert not is_reading("松本 花子")


def test_a_half_width_reading_is_kept_full_width():
    assert clean_reading("ﾏﾂﾓﾄ") == "マツモト"


def test_a_reading_in_kanji_is_refused_with_a_message_saying_kana():
    with pytest.raises(ValidationError, match="ひらがなかカタカナ"):
        clean_reading("松本")
