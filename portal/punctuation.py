"""Punctuation that belongs to a language: 、 （） 〜 ・ in Japanese, ", " "()" "–" "·" in English.

Each mark comes from the catalogs (a msgctxt per use), never from a Japanese
literal in a shared template or helper: a page in English gets English
punctuation, and another locale brings its own in its catalog. The English
msgids are what English pages show; the Japanese catalog keeps what the
portal has always written.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import pgettext


def list_separator() -> str:
    """Between the items of a list written inline: 高齢の方、どなたでも / Older people, Anyone."""
    return pgettext("list separator", ", ")


def join_list(items: Iterable) -> str:
    return list_separator().join(str(item) for item in items)


def parenthesised(text) -> str:
    """（市役所の代表番号） / " (City office main number)": English puts a space before the
    bracket, Japanese full-width brackets carry their own."""
    return pgettext("parenthesised note", " (%(text)s)") % {"text": text}


def range_separator() -> str:
    """Between the two ends of a range of times or dates: 10:00〜11:30 / 10:00–11:30."""
    return pgettext("range separator", "–")


def meta_separator() -> str:
    """Between the facts of a card's meta line: 体操・健康づくり ・ 第二地区."""
    return pgettext("meta separator", " · ")


def labelled(label, text) -> str:
    """A label and what it labels: 地区：第二地区 / District: Daini District."""
    return pgettext("label and value", "%(label)s: %(text)s") % {"label": label, "text": text}
