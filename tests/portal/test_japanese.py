"""Folding, readings and bigrams: the index and the query prepare text the same way."""

from portal import japanese


def test_half_width_katakana_folds_to_hiragana():
    assert japanese.fold("ﾀｲｿｳ") == "たいそう"


def test_full_width_latin_folds_to_lower_case_ascii():
    assert japanese.fold("ＣＡＦＥ") == "cafe"


def test_macrons_and_accents_fold_to_plain_letters_but_dakuten_stay():
    assert japanese.fold("Chūō Café ガイド") == "chuo cafe がいど"


def test_katakana_and_hiragana_fold_alike():
    assert japanese.fold("カフェ") == japanese.fold("かふぇ")


def test_dashes_fold_to_hyphen_but_the_long_vowel_mark_stays():
    assert japanese.fold("本庄2−3‐23 センター") == "本庄2-3-23 せんたー"


def test_reading_of_kanji_text():
    assert japanese.reading("健康体操教室") == "けんこうたいそうきょうしつ"


def test_text_without_kanji_has_no_separate_reading():
    assert japanese.reading("コミュニティカフェ") == ""


def test_katakana_reading_for_open_data():
    assert japanese.katakana_reading("本庄ふれあいサロン") == "ホンジョウフレアイサロン"


def test_bigrams_stay_inside_runs_of_letters():
    assert japanese.bigrams("たいそう きょう") == {"たい", "いそ", "そう", "きょ", "ょう"}


def test_index_text_holds_the_text_and_its_reading():
    text = japanese.index_text("健康体操教室")
    assert text.splitlines() == ["健康体操教室", "けんこうたいそうきょうしつ"]


def test_query_words_are_folded_and_deduplicated():
    assert japanese.query_words("ﾀｲｿｳ　たいそう 体操") == ["たいそう", "体操"]


def test_a_single_kanji_is_a_word_but_a_single_kana_is_not():
    assert japanese.query_words("畑 の a") == ["畑"]


def test_katakana_reading_keeps_full_width_brackets():
    assert japanese.katakana_reading("中央公民館（ﾎｰﾙ）") == "チュウオウコウミンカン（ホール）"


def test_long_texts_get_the_readings_of_their_kanji_words():
    readings = japanese.index_text("毎週、健康体操をしています。").splitlines()[1]
    assert readings.startswith("まいしゅう けんこうたいそう")


def test_variant_spellings_are_written_one_way():
    written = japanese.search_form("子供と子どもの蟻ヶ崎")
    assert written == japanese.search_form("こどもとこどもの蟻ケ崎")


def test_kanji_numbers_become_digits_where_they_are_numbers():
    assert japanese.search_form("第三十五地区 二丁目 一緒") == "第35地区 2丁目 一緒"


def test_the_reading_keeps_the_number_as_said():
    assert japanese.index_text("第二地区", whole=True).splitlines() == ["第2地区", "だいにちく"]


def test_a_quoted_phrase_is_one_term():
    assert [t.forms for t in japanese.query_terms("「お茶 会」 体操")] == [("お茶 会",), ("体操",)]


def test_an_english_plural_has_its_singular_as_form():
    assert japanese.word_forms("classes") == ("class",)


def test_english_that_is_not_romaji_gets_no_kana():
    assert japanese.romaji_kana("class") == []


def test_romaji_gets_its_kana_with_and_without_long_vowels():
    assert japanese.romaji_kana("honjo") == ["ほんじょ", "ほんじょう"]
