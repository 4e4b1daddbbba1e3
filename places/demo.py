"""Demo places: each district's hub, a salon and a dining place, in some districts an activity
support centre, and the city's real facilities.

Hubs and facilities are real (names, addresses and positions from the city's
open data); salons, dining places and activity support centres are fictional
and say so. The rows go through the same CSV import as a city's own file; the
English of their fees, organisers and how-to-join texts is published with them.
A facility is filed under the district it belongs to (the `district` column of
`data/demo_facilities.csv`), and one at the address of a district hub is that
hub, already listed, so it is not listed twice.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from home.models import DistrictPage
from portal.csv_files import SafeDictWriter
from portal.demo import demo_district_slugs

from .csv_format import COLUMNS
from .importing import import_rows, parse_rows
from .models import PlacePage

DATA_DIR = Path(__file__).resolve().parent / "data"
FICTIONAL = "（デモ用の架空の情報です）"
FICTIONAL_EN = "(Fictional, for the demo.)"
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
#: Districts (by their place in the file) with a fictional 地域活動支援センター.
ACTIVITY_CENTRE_EVERY = 5

#: English for the demo's texts other than names and summaries.
ENGLISH = {
    "無料": "Free",
    "100円（お茶代）": "100 yen (for tea)",
    "子ども無料・大人300円": "Free for children, 300 yen for adults",
    "無料（昼食は実費）": "Free (lunch at cost)",
    "土日・祝日・年末年始は休み": "Closed at weekends, on national holidays and over the New Year",
    "市役所": "City office",
    "開いている時間に、直接窓口へお越しください。電話でも相談できます。": (
        "Come to the counter while it is open, or call."
    ),
    "当日、直接会場へお越しください。初めての方も歓迎です。": (
        "Just come along on the day. Newcomers are welcome."
    ),
    "前の週の水曜日までに、地区の拠点へお電話で申し込んでください。": (
        "Call the district hub by the Wednesday of the week before."
    ),
    "詳しくはお電話でお問い合わせください。": "Please call for details.",
    "はじめての方は、見学の日を電話でご相談ください。相談支援専門員からの紹介でも利用できます。": (
        "If you are new, call to arrange a visit first. A referral from your disability "
        "support planner works too."
    ),
}


def _row(**values) -> dict[str, str]:
    return {column: str(values.get(column, "")) for column in COLUMNS}


def district_rows(index: int, district: DistrictPage) -> list[dict[str, str]]:
    name, name_en = district.title, district.get_translation_or_none(_english()).title
    at_hub = {
        "district": district.slug,
        "postcode": district.hub_postcode,
        "address": district.hub_address,
    }
    rows = []
    if district.hub_verified:
        rows.append(
            _row(
                external_id=f"demo-hub-{district.slug}",
                name=district.hub_name,
                name_en=district.get_translation_or_none(_english()).hub_name,
                kind="welfare-hub" if "福祉ひろば" in district.hub_name else "community-centre",
                target_groups="anyone",
                summary="地区の拠点です。サークル活動や地域の行事の会場で、暮らしの相談も受け付けています。",
                summary_en="The district's hub: a venue for clubs and local events, "
                "where you can also ask about everyday worries.",
                latitude=district.latitude,
                longitude=district.longitude,
                opening_hours="|".join(f"{day} 08:30-17:15" for day in WEEKDAYS),
                opening_note="土日・祝日・年末年始は休み",
                fee="無料",
                booking_required="no",
                accessibility="step-free|accessible-toilet|parking",
                phone=district.hub_phone,
                organiser="市役所",
                organiser_type="public",
                how_to_join="開いている時間に、直接窓口へお越しください。電話でも相談できます。",
                last_confirmed="2026-04-01",
                **at_hub,
            )
        )
    rows.append(
        _row(
            external_id=f"demo-salon-{district.slug}",
            name=f"{name}ふれあいサロン",
            name_en=f"{name_en} Friendship Salon",
            kind="salon",
            target_groups="elderly|anyone",
            summary=f"お茶を飲みながら、おしゃべりや軽い体操を楽しむ集まりです。{FICTIONAL}",
            summary_en=f"Tea, a chat and gentle exercise together. {FICTIONAL_EN}",
            opening_hours=f"{WEEKDAYS[index % 5]} 13:30-15:30 第2・第4週",
            fee="100円（お茶代）",
            booking_required="no",
            accessibility="step-free",
            organiser=f"{name}の住民ボランティア",
            organiser_type="residents",
            how_to_join="当日、直接会場へお越しください。初めての方も歓迎です。",
            last_confirmed="2026-04-01",
            **at_hub,
        )
    )
    rows.append(
        _row(
            external_id=f"demo-dining-{district.slug}",
            name=f"{name}みんなの食堂",
            name_en=f"{name_en} Community Dining",
            kind="community-dining",
            target_groups="children|anyone",
            summary=f"子どもも大人も、みんなで同じごはんを食べる食堂です。{FICTIONAL}",
            summary_en=f"Children and adults share a meal together. {FICTIONAL_EN}",
            opening_hours="sat 11:30-13:30 第3土曜日",
            fee="子ども無料・大人300円",
            booking_required="yes",
            accessibility="step-free|nursing-room",
            organiser=f"{name}みんなの食堂実行委員会",
            organiser_type="npo",
            how_to_join="前の週の水曜日までに、地区の拠点へお電話で申し込んでください。",
            last_confirmed="2025-09-01",
            **at_hub,
        )
    )
    if index % ACTIVITY_CENTRE_EVERY == 1:
        rows.append(
            _row(
                external_id=f"demo-activity-{district.slug}",
                name=f"{name}地域活動支援センター",
                name_en=f"{name_en} Community Activity Support Centre",
                kind="activity-support",
                target_groups="disability",
                summary="障がいのある方が、創作活動や軽作業をしたり、仲間と過ごしたりする日中の"
                f"居場所です。{FICTIONAL}",
                summary_en="A daytime place where people with disabilities do crafts and light "
                f"work, and spend time together. {FICTIONAL_EN}",
                opening_hours="|".join(f"{day} 10:00-16:00" for day in WEEKDAYS),
                opening_note="土日・祝日・年末年始は休み",
                fee="無料（昼食は実費）",
                booking_required="yes",
                accessibility="step-free|accessible-toilet",
                organiser=f"{name}の社会福祉法人",
                organiser_type="welfare",
                how_to_join="はじめての方は、見学の日を電話でご相談ください。"
                "相談支援専門員からの紹介でも利用できます。",
                last_confirmed="2026-04-01",
                **at_hub,
            )
        )
    return rows


def district_english(district: DistrictPage) -> dict[str, str]:
    """English of a district's demo organisers (their names hold the district's)."""
    name, name_en = district.title, district.get_translation_or_none(_english()).title
    return {
        f"{name}の住民ボランティア": f"{name_en} residents' volunteers",
        f"{name}みんなの食堂実行委員会": f"{name_en} Community Dining committee",
        f"{name}の社会福祉法人": f"A social welfare corporation in {name_en}",
    }


def _hub_addresses() -> set[str]:
    return {
        _same_address(district.hub_address)
        for district in DistrictPage.objects.filter(
            locale__language_code="ja", hub_verified=True
        ).exclude(hub_address="")
    }


def _same_address(address: str) -> str:
    return "".join(address.split())


def facility_rows() -> list[dict[str, str]]:
    """The city's real facilities, each filed under its own district; one at a hub's
    address is that hub (listed already as the district's hub)."""
    hubs = _hub_addresses()
    with (DATA_DIR / "demo_facilities.csv").open(encoding="utf-8") as file:
        return [
            _row(
                external_id=f"demo-facility-{number}",
                district=row["district"],
                name=row["name"],
                name_en=row["name_en"],
                kind=row["kind"],
                target_groups="children" if row["kind"] == "childcare" else "anyone",
                address=row["address"],
                latitude=row["latitude"],
                longitude=row["longitude"],
                phone=row["phone"],
                organiser="市役所",
                organiser_type="public",
                how_to_join="詳しくはお電話でお問い合わせください。",
            )
            for number, row in enumerate(csv.DictReader(file), start=1)
            if not (row["address"] and _same_address(row["address"]) in hubs)
        ]


def _english():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")


def demo_csv() -> str:
    districts = DistrictPage.objects.filter(locale__language_code="ja").order_by("path")
    only = demo_district_slugs()
    rows = [
        row
        for index, district in enumerate(districts)
        if only is None or district.slug in only
        for row in district_rows(index, district)
    ]
    rows += [row for row in facility_rows() if only is None or row["district"] in only]
    stream = io.StringIO()
    writer = SafeDictWriter(stream, COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return stream.getvalue()


def load_demo_places() -> Iterator[str]:
    if PlacePage.objects.filter(external_id__startswith="demo-").exists():
        yield "demo places already loaded"
        return
    rows, rejected = parse_rows(demo_csv())
    if rejected:
        raise RuntimeError("Demo place data is invalid: " + "; ".join(map(str, rejected)))
    english = dict(ENGLISH)
    for district in DistrictPage.objects.filter(locale__language_code="ja"):
        english.update(district_english(district))
    report = import_rows(rows, english=english)
    yield f"{report.created} places loaded"
