"""Places in the national 公共施設一覧 layout (portal.opendata.FACILITY_COLUMNS), both ways.

`/opendata/facilities.csv` writes it and `import_places` reads it back; what
the layout holds survives the round trip:

| column | from the place |
| --- | --- |
| NO | `external_id` (admin-made places: `portal-<translation key>`, as in the portal's CSV) |
| 名称, 名称_カナ | the title; its katakana reading (the stored reading, else pykakasi's) |
| 住所, 方書 | the address, cut at its first space (丸の内3番7号 / 東庁舎2階) |
| 緯度, 経度, 電話番号, 団体名 | latitude, longitude, phone, organiser |
| 利用可能曜日, 開始時間, 終了時間 | the days (月火水木金), earliest opening, latest closing |
| 利用可能日時特記事項 | per-day times when they differ, the hours' notes, the opening note |
| 説明 | the summary |
| バリアフリー情報 | the features' names, then the accessibility note, separated by ";" |
| URL | the place's own website, else its page on the portal |
| 備考 | 料金：fee／予約：必要 or 不要／how to join |

The kind, target groups, postcode, e-mail and English name are not in the
layout: an import leaves them as they are (a new place gets the kind given
with `--kind`, and the district whose hub is nearest).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import jaconv

from portal import japanese

WEEKDAY_KANJI = "月火水木金土日"
ADDRESS_SPLIT_RE = re.compile(r"[ \u3000]+")
TIME_RE = re.compile(r"^(\d{1,2})(?::|時)(\d{2})?分?$")
REMARKS_RE = re.compile(
    r"^(?:料金：(?P<fee>.*?)／(?=予約：))?(?:予約：(?P<booking>必要|不要)(?:／|$))?(?P<rest>.*)$",
    re.DOTALL,
)
ACCESSIBILITY_SEPARATOR = ";"
ACCESSIBILITY_ITEM_RE = re.compile(r"\s*([^、,，。]+?)\s*(?:[、,，]|(?=。)|$)")
DAY_RANGE_RE = re.compile(r"([月火水木金土日])(?:曜日?)?\s*[〜~\-－ー―]\s*([月火水木金土日])")


# --- Writing -----------------------------------------------------------------------------------


def split_address(address: str) -> tuple[str, str]:
    """(住所, 方書): the building and room after the first space go to 方書."""
    parts = ADDRESS_SPLIT_RE.split((address or "").strip(), maxsplit=1)
    return parts[0], parts[1] if len(parts) > 1 else ""


def join_address(address: str, katagaki: str) -> str:
    return " ".join(filter(None, [address.strip(), katagaki.strip()]))


def kana_name(title: str, reading: str = "") -> str:
    """名称_カナ: the staff-written reading in katakana, else pykakasi's reading of the title."""
    if reading:
        return jaconv.hira2kata(jaconv.h2z(reading, kana=True, ascii=False, digit=False))
    return japanese.katakana_reading(title)


def _time(value: dt.time) -> str:
    return value.strftime("%H:%M")


def hours_columns(rows, opening_note: str = "") -> tuple[str, str, str, str]:
    """(利用可能曜日, 開始時間, 終了時間, 利用可能日時特記事項) of some opening hours."""
    rows = sorted(rows, key=lambda r: (r.weekday, r.opens))
    if not rows:
        return "", "", "", opening_note
    days = "".join(WEEKDAY_KANJI[d] for d in sorted({row.weekday for row in rows}))
    opens = min(row.opens for row in rows)
    closes = max(row.closes for row in rows)
    details = ""
    notes = list(dict.fromkeys(row.note for row in rows if row.note))
    if len({(row.opens, row.closes) for row in rows}) > 1:
        details = "、".join(
            f"{WEEKDAY_KANJI[row.weekday]} {_time(row.opens)}〜{_time(row.closes)}"
            + (f"（{row.note}）" if row.note else "")
            for row in rows
        )
    elif len(notes) == 1 and all(row.note for row in rows):
        details = notes[0]
    elif notes:
        details = "、".join(f"{WEEKDAY_KANJI[row.weekday]}：{row.note}" for row in rows if row.note)
    return days, _time(opens), _time(closes), "。".join(filter(None, [details, opening_note]))


def accessibility_text(feature_names: list[str], note: str) -> str:
    """バリアフリー情報: the features' names, then the note, each a value of its own
    separated by ";" as the national layouts separate several values in one cell
    (a feature's own name may hold ・): 段差なし・車椅子可;バリアフリートイレ;2階ですが…"""
    return ACCESSIBILITY_SEPARATOR.join(filter(None, [*feature_names, (note or "").strip()]))


def remarks_text(fee: str, booking_required: bool, how_to_join: str) -> str:
    """備考: 料金：100円／予約：不要／当日、直接会場へお越しください。"""
    parts = [f"料金：{fee}"] if fee else []
    parts.append("予約：必要" if booking_required else "予約：不要")
    if how_to_join:
        parts.append(how_to_join)
    return "／".join(parts)


# --- Reading ------------------------------------------------------------------------------------


def parse_days(text: str) -> list[int]:
    """月火水木金, 月,水,金, 月曜日・木曜日, 月〜金, 平日, 毎日 -> weekday numbers (祝 ignored)."""
    text = unicodedata.normalize("NFKC", text or "")
    if "毎日" in text or "年中無休" in text:
        return list(range(7))
    days: set[int] = set()
    if "平日" in text:
        days.update(range(5))
    for start, end in DAY_RANGE_RE.findall(text):
        first, last = WEEKDAY_KANJI.index(start), WEEKDAY_KANJI.index(end)
        span = range(first, last + 1) if first <= last else [*range(first, 7), *range(last + 1)]
        days.update(span)
    days.update(WEEKDAY_KANJI.index(char) for char in text if char in WEEKDAY_KANJI)
    return sorted(days)


def parse_time(text: str) -> dt.time | None:
    """9:00, 09:00, ９：００, 9時, 9時30分 -> a time; anything else -> None."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    match = TIME_RE.match(text)
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    if hour == 24 and minute == 0:
        return dt.time(23, 59)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def parse_accessibility(text: str, known: dict) -> tuple[list, str]:
    """The known feature names at the start of バリアフリー情報, and the rest as the note.

    Values are separated by ";" (what the export writes); a file without one (another
    department's, or one written before) may separate them with 、 or commas."""
    text = (text or "").strip()
    if ACCESSIBILITY_SEPARATOR in text.replace("；", ";"):
        items = [item.strip() for item in text.replace("；", ";").split(";")]
        features: list = []
        while items and items[0] in known:
            name = items.pop(0)
            if known[name] not in features:
                features.append(known[name])
        return features, ";".join(items).strip()
    features = []
    rest = text
    while rest:
        match = ACCESSIBILITY_ITEM_RE.match(rest)
        if not match or match[1] not in known:
            break
        if known[match[1]] not in features:
            features.append(known[match[1]])
        rest = rest[match.end() :]
    return features, rest.lstrip("。、,， ").strip()


def parse_remarks(text: str) -> tuple[str, bool, str]:
    """備考 -> (fee, booking needed, how to join); unlabelled text is all "how to join"."""
    match = REMARKS_RE.match((text or "").strip())
    fee, booking, rest = match["fee"] or "", match["booking"] == "必要", match["rest"]
    if not fee and rest.startswith("料金："):
        fee, _, rest = rest[len("料金：") :].partition("／")
    return fee.strip(), booking, rest.strip()


def reading_from_kana(kana: str, title: str) -> str:
    """What to store as the place's reading: nothing when 名称_カナ is what the portal
    would generate anyway (the reading then follows the title), else its hiragana."""
    kana = (kana or "").strip()
    if not kana or kana == japanese.katakana_reading(title):
        return ""
    return jaconv.kata2hira(jaconv.h2z(kana, kana=True, ascii=False, digit=False))
