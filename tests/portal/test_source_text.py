"""Japanese left on a translated page is marked lang="ja"; nothing is marked on Japanese pages."""

from django.utils import translation
from django.utils.safestring import mark_safe

from portal.source_text import is_japanese, mark_source_text


def in_english(value):
    with translation.override("en"):
        return str(mark_source_text(value))


def test_japanese_text_on_an_english_page_is_marked():
    assert in_english("100円（お茶代）") == '<span lang="ja">100円（お茶代）</span>'


def test_english_text_is_left_as_it_is():
    assert in_english("100 yen (for tea)") == "100 yen (for tea)"


def test_plain_text_is_escaped():
    assert in_english("<b>お茶</b>") == '<span lang="ja">&lt;b&gt;お茶&lt;/b&gt;</span>'


def test_each_japanese_block_of_rich_text_is_marked():
    html = mark_safe("<p>Welcome.</p><p>毎週火曜日です。</p>")
    assert in_english(html) == '<p>Welcome.</p><p lang="ja">毎週火曜日です。</p>'


def test_text_with_line_breaks_is_wrapped_whole():
    assert in_english(mark_safe("当日<br>直接")) == '<span lang="ja">当日<br>直接</span>'


def test_nothing_is_marked_on_a_japanese_page():
    with translation.override("ja"):
        assert str(mark_source_text("100円")) == "100円"


def test_kanji_alone_is_not_japanese_to_a_chinese_reader():
    assert not is_japanese("健康体操", language="zh")
