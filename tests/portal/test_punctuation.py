"""A language's punctuation comes from its catalog: 、（）〜・ in Japanese, , () – · in English."""

import pytest
from django.template import Context, Template
from django.utils import translation

from portal.punctuation import join_list, labelled, parenthesised

LANGUAGES = [("ja", "高齢の方、どなたでも"), ("en", "高齢の方, どなたでも")]


@pytest.mark.parametrize(("language", "joined"), LANGUAGES)
def test_a_list_is_joined_with_the_languages_separator(language, joined):
    with translation.override(language):
        assert join_list(["高齢の方", "どなたでも"]) == joined


@pytest.mark.parametrize(("language", "text"), [("ja", "（第1週）"), ("en", " (第1週)")])
def test_a_note_is_bracketed_the_languages_way(language, text):
    with translation.override(language):
        assert parenthesised("第1週") == text


@pytest.mark.parametrize(("language", "text"), [("ja", "地区：第二"), ("en", "地区: 第二")])
def test_a_label_is_followed_by_the_languages_colon(language, text):
    with translation.override(language):
        assert labelled("地区", "第二") == text


def render(source: str, **context) -> str:
    return Template("{% load portal_tags %}" + source).render(Context(context))


def test_the_bracket_tag_escapes_what_it_brackets():
    with translation.override("en"):
        assert render("{{ note|parenthesised }}", note="<b>") == " (&lt;b&gt;)"


def test_the_bracket_block_keeps_the_markup_inside():
    with translation.override("en"):
        html = render(
            '{% parenthesised %}<span lang="ja">{{ a }}</span>{% endparenthesised %}', a="本庄"
        )
    assert html == ' (<span lang="ja">本庄</span>)'


def test_times_of_a_day_are_joined_with_a_wave_dash_in_japanese():
    import datetime as dt

    with translation.override("ja"):
        assert render("{% hours a b %}", a=dt.time(8, 30), b=dt.time(17, 15)) == "08:30〜17:15"
