"""Japanese text for search: normalisation, readings and two-character chunks (bigrams).

Full-text engines split text into words at spaces; Japanese has none, so SQLite's
FTS5 and PostgreSQL's full-text search take 健康体操教室 as one word and 体操 does
not find it (docs/architecture.md, "Japanese search"). The portal instead

1. **folds** every text the same way: NFKC (full-width ＡＢＣ and half-width ｶﾅ
   become ABC and カナ), lower case, katakana to hiragana (カフェ → かふぇ),
   dashes to "-", accented Latin letters to plain ones (Chūō → chuo);
2. adds the **reading** of kanji text, from pykakasi's offline dictionary
   (健康体操教室 → けんこうたいそうきょうしつ), so that a query typed in kana
   finds kanji: kana folding alone never reaches kanji;
3. cuts each run of letters into overlapping **bigrams** (たいそう → たい いそ そう):
   a query matches where all its bigrams are found, whatever the word boundaries.

Before folding, spellings that readers take for one word are written one way
(`unify_spelling`: 子供/子ども/こども, 障害/障がい, the ヶ/ケ/が of 蟻ヶ崎, and
`unify_numbers`: 第二地区/第2地区/第２地区). A query is then cut into terms
(`query_terms`), each of which a page must contain in one of its forms: a
phrase in quotes as typed, a word, its stem (高齢者 → 高齢, salons → salon), and
the kana of a word typed in romaji (taisou → たいそう, found among the readings).

The same functions prepare the index and the query, so both sides always agree.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import jaconv

#: Dashes that mean the same in addresses and names (not the long vowel mark ー).
DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−﹣"), "-")
#: Latin letters with accents and macrons to their plain letter (Chūō -> chuo), so that
#: English pages are found as typed on any keyboard. Kana are left alone (が stays が).
LATIN_PLAIN = {
    code: base
    for code in range(0xC0, 0x250)
    if (base := unicodedata.normalize("NFKD", chr(code))[0]).isascii()
    and base.isalpha()
    and base != chr(code)
}
FOLD_TABLE = {**DASHES, **LATIN_PLAIN}
#: A run of letters, digits, kana or kanji: punctuation and spaces end a run.
RUN_RE = re.compile(r"\w+")
KANJI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f々〆ヶ"
KANJI_RE = re.compile(f"[{KANJI}]")
KANJI_WORD_RE = re.compile(f"[{KANJI}]+[ぁ-ゖ]{{0,2}}")

#: Spellings of one word, written the one way for search (index and query alike).
#: こども takes kana, as the city writes it in こどもプラザ and こども園.
SPELLINGS = {"子供": "こども", "子ども": "こども", "障害": "障がい", "障碍": "障がい"}
SPELLING_RE = re.compile("|".join(sorted(map(re.escape, SPELLINGS), key=len, reverse=True)))
#: The small ke of place names (蟻ヶ崎, 蟻ケ崎, 蟻が崎: all read が) between two kanji.
_REAL_KANJI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
SMALL_KE_RE = re.compile(f"(?<=[{_REAL_KANJI}])[ヶケヵ](?=[{_REAL_KANJI}])")
#: Kanji numbers where a city writes numbers: 第二地区, 二丁目 (the same as 第2, 2丁目).
KANJI_NUMBER_RE = re.compile("(?<=第)([一二三四五六七八九十]+)|([一二三四五六七八九十]+)(?=丁目)")
KANJI_DIGIT = {c: n for n, c in enumerate("〇一二三四五六七八九")}
#: Endings that make another form of the same word: 高齢者 is found where 高齢 is written.
WORD_ENDINGS = ("者", "向け", "たち", "達")
QUOTED_RE = re.compile(r'"([^"]+)"|“([^”]+)”|「([^」]+)」|『([^』]+)』')
ROMAJI_RE = re.compile(r"[a-z]+(?:'?[a-z]+)*")
#: What jaconv makes of letters that are not romaji: a small tsu alone, first, last or
#: before a vowel (salons → さろんっ, class → っらっっ).
NOT_ROMAJI_RE = re.compile(r"[a-z']|^っ|っ$|っ[っあいうえおんぁぃぅぇぉゃゅょー]")
#: Where a long vowel left out of romaji goes back: after an o-row kana (and ゅ), unless
#: an う (or ん) follows already.
LONG_VOWEL_RE = re.compile("(?<=[おこごそぞとどのほぼぽもよょろをゅ])(?![うん])")


def fold(text: str) -> str:
    """The comparable form of `text`: NFKC, lower case, hiragana, plain dashes and letters."""
    text = unicodedata.normalize("NFKC", text or "").casefold().translate(FOLD_TABLE)
    return jaconv.kata2hira(text)


def has_kanji(text: str) -> bool:
    return KANJI_RE.search(text or "") is not None


@functools.cache
def _kakasi():
    import pykakasi

    return pykakasi.kakasi()


@functools.lru_cache(maxsize=20_000)
def reading(text: str) -> str:
    """The hiragana reading of `text` (kanji read by pykakasi, everything else kept).

    Returns "" when the text has no kanji: its folded form is its reading already.
    Cached (a name is read once per process: 0.8 ms each, seconds for a city's list).
    """
    if not has_kanji(text):
        return ""
    return "".join(part["hira"] for part in _kakasi().convert(text))


def katakana_reading(text: str) -> str:
    """The reading in full-width katakana, as national open-data layouts write names (…_カナ)."""
    widened = jaconv.h2z(text or "", kana=True, ascii=False, digit=False)  # ｶﾅ -> カナ only
    return jaconv.hira2kata(reading(widened) or jaconv.kata2hira(widened))


def runs(text: str) -> list[str]:
    """The runs of letters in already folded text."""
    return RUN_RE.findall(text)


def bigrams(folded: str) -> set[str]:
    """The overlapping two-character chunks of each run of `folded` text."""
    found: set[str] = set()
    for run in runs(folded):
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    return found


def word_readings(text: str) -> str:
    """The readings of the kanji words of `text` (each run of kanji with up to two kana
    after it, for okurigana: 体操を, 楽しむ), once each, separated by spaces.

    Reading a long description whole costs pykakasi 20 ms; its words recur from page
    to page, so reading them one by one through the cache costs next to nothing.
    """
    words = dict.fromkeys(KANJI_WORD_RE.findall(text or ""))
    return " ".join(reading(word) for word in words)


def unify_small_ke(text: str) -> str:
    """蟻ヶ崎 and 蟻ケ崎 written 蟻が崎, as they are read (used before readings too)."""
    return SMALL_KE_RE.sub("が", text or "")


def unify_spelling(text: str) -> str:
    """One spelling for words readers take as the same (子供 → こども, 蟻ヶ崎 → 蟻が崎)."""
    return unify_small_ke(SPELLING_RE.sub(lambda m: SPELLINGS[m.group()], text or ""))


def kanji_number(text: str) -> int:
    """一 to 九十九 (二十, 三十五, 十一) as a number."""
    if "十" not in text:
        return int("".join(str(KANJI_DIGIT[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (KANJI_DIGIT[tens] if tens else 1) * 10 + (KANJI_DIGIT[ones] if ones else 0)


def unify_numbers(text: str) -> str:
    """第二 → 第2 and 三丁目 → 3丁目: written numbers as digits, where they are numbers.
    Not used before readings (the reading of 第二地区 stays だいにちく)."""

    def digits(match: re.Match) -> str:
        number = match.group(1) or match.group(2)
        try:
            return str(kanji_number(number))
        except (KeyError, ValueError):
            return number

    return KANJI_NUMBER_RE.sub(digits, text)


def search_form(text: str) -> str:
    """What is compared: one spelling, numbers as digits, folded."""
    return fold(unify_numbers(unify_spelling(text)))


def index_text(*texts: str, whole: bool = False) -> str:
    """What the index stores for some texts: each in its search form, each followed by its
    reading (`whole`: the reading of the whole text, for titles; else of its kanji words).

    One text per line, so that no word runs into the next text's first word.
    """
    lines = []
    for text in texts:
        if not text or not text.strip():
            continue
        folded = search_form(text)
        lines.append(folded)
        spelled = unify_small_ke(text)
        spoken = fold(reading(spelled) if whole else word_readings(spelled))
        if spoken and spoken != folded:
            lines.append(spoken)
    return "\n".join(lines)


def is_single_kanji(word: str) -> bool:
    return len(word) == 1 and has_kanji(word)


@dataclass(frozen=True)
class QueryTerm:
    """One thing a page must contain, in any of its `forms` (the first is the word as typed,
    folded, or its stem)."""

    word: str
    forms: tuple[str, ...]


def _worth_searching(word: str) -> bool:
    """A one-character word is kept only when it is a kanji (畑 and 茶 are words; a single
    kana or letter would match nearly every page). Pure punctuation is dropped."""
    return bool(runs(word)) and (len(word) > 1 or is_single_kanji(word))


def english_forms(word: str) -> list[str]:
    """Singular and plural of an English word, as far as a substring search needs them:
    salons → salon (which "salons" contains), activities → activity and activities."""
    if not (word.isascii() and word.isalpha()) or len(word) < 4:
        return [word]
    if word.endswith("ies"):
        return [word[:-3] + "y", word]
    if word[-1] == "y" and word[-2] not in "aeiou":
        return [word, word[:-1] + "ies"]
    if word.endswith(("sses", "xes", "zes", "ches", "shes")):
        return [word[:-2]]
    if word[-1] == "s" and not word.endswith(("ss", "us", "is")):
        return [word[:-1]]
    return [word]


def japanese_stem(word: str) -> str:
    """高齢者 → 高齢: a word without an ending that makes another form of it (the stem is
    found in both); kept whole when less than two characters would remain (医者, 若者)."""
    for ending in WORD_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2 and not word.isascii():
            return word[: -len(ending)]
    return word


def romaji_kana(word: str) -> list[str]:
    """The hiragana of a word typed in romaji (taisou → たいそう), as typed and with its
    long vowels, which romaji often leaves out (honjo → ほんじょう, kominkan → こうみんかん);
    none when it is not romaji throughout or is too short to tell from English.
    ん before a vowel is written nn (minna), as Hepburn readers type it."""
    if len(word) < 4 or not ROMAJI_RE.fullmatch(word):
        return []
    kana = jaconv.alphabet2kana(re.sub(r"n(?=n[aiueoy])", "n'", word))
    if NOT_ROMAJI_RE.search(kana):
        return []
    return [kana, LONG_VOWEL_RE.sub("う", kana)]


def word_forms(word: str) -> tuple[str, ...]:
    """The word (or its stem, or its singular and plural) and, for romaji, its kana:
    salons → salon and さろん (サロン folds to さろん)."""
    forms = english_forms(word) if word.isascii() else [japanese_stem(word)]
    forms += [kana for form in forms for kana in romaji_kana(form)]
    return tuple(dict.fromkeys(forms))


def query_terms(query: str, *, max_words: int = 8) -> list[QueryTerm]:
    """The terms of a query worth searching for, each with the forms that count.

    Words are separated by spaces (full-width too, after NFKC); a phrase in
    quotes ("…", “…”, 「…」, 『…』) is one term, matched as typed (spaces
    included, no other form).
    """
    text = search_form(query)
    terms: list[QueryTerm] = []
    for match in QUOTED_RE.finditer(text):
        phrase = " ".join(next(group for group in match.groups() if group).split())
        if _worth_searching(phrase):
            terms.append(QueryTerm(phrase, (phrase,)))
    for word in QUOTED_RE.sub(" ", text).split():
        if _worth_searching(word):
            terms.append(QueryTerm(word, word_forms(word)))
    unique = {term.word: term for term in terms}
    return list(unique.values())[:max_words]


def query_words(query: str, *, max_words: int = 8) -> list[str]:
    """The folded words (and quoted phrases) of a query worth searching for."""
    return [term.word for term in query_terms(query, max_words=max_words)]
