"""Japanese text for search: normalisation, readings and two-character chunks (bigrams).

Full-text engines split text into words at spaces; Japanese has none, so SQLite's
FTS5 and PostgreSQL's full-text search take 健康体操教室 as one word and 体操 does
not find it (DESIGN.md, "Japanese search"). The portal instead

1. **folds** every text the same way: NFKC (full-width ＡＢＣ and half-width ｶﾅ
   become ABC and カナ), lower case, katakana to hiragana (カフェ → かふぇ),
   dashes to "-", accented Latin letters to plain ones (Chūō → chuo);
2. adds the **reading** of kanji text, from pykakasi's offline dictionary
   (健康体操教室 → けんこうたいそうきょうしつ), so that a query typed in kana
   finds kanji: kana folding alone never reaches kanji;
3. cuts each run of letters into overlapping **bigrams** (たいそう → たい いそ そう):
   a query matches where all its bigrams are found, whatever the word boundaries.

The same functions prepare the index and the query, so both sides always agree.
"""

from __future__ import annotations

import functools
import re
import unicodedata

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


def index_text(*texts: str, whole: bool = False) -> str:
    """What the index stores for some texts: each folded, each followed by its reading
    (`whole`: the reading of the whole text, for titles; else of its kanji words).

    One text per line, so that no word runs into the next text's first word.
    """
    lines = []
    for text in texts:
        if not text or not text.strip():
            continue
        folded = fold(text)
        lines.append(folded)
        spoken = fold(reading(text) if whole else word_readings(text))
        if spoken and spoken != folded:
            lines.append(spoken)
    return "\n".join(lines)


def is_single_kanji(word: str) -> bool:
    return len(word) == 1 and has_kanji(word)


def query_words(query: str, *, max_words: int = 8) -> list[str]:
    """The folded words of a query worth searching for.

    Words are separated by spaces (full-width too, after NFKC). A word of one
    character is kept only when it is a kanji (畑 and 茶 are words; a single kana
    or letter would match nearly every page). Pure punctuation is dropped.
    """
    words = []
    for word in fold(query).split():
        if not runs(word):
            continue
        if len(word) == 1 and not is_single_kanji(word):
            continue
        if word not in words:
            words.append(word)
    return words[:max_words]
