"""The places as open data: the national 公共施設一覧 CSV, GeoJSON, and the CSV's round trip."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from places.csv_format import COLUMNS
from places.facilities import accessibility_text, parse_accessibility
from places.models import PlacePage
from portal.opendata import FACILITY_COLUMNS

pytestmark = pytest.mark.django_db

HUB = {
    "external_id": "city-hub",
    "district": "daini",
    "name": "第二地区公民館",
    "name_en": "Daini Community Hall",
    "kind": "community-centre",
    "summary": "地区の拠点です。",
    "address": "長野県松本市本庄2-3-23 2階",
    "latitude": "36.22577",
    "longitude": "137.97198",
    "opening_hours": "mon 08:30-17:15|tue 08:30-17:15|wed 08:30-17:15",
    "opening_note": "祝日は休み",
    "accessibility": "step-free|accessible-toilet",
    "accessibility_note": "2階ですがエレベーターがあります",
    "phone": "0263-36-7040",
    "organiser": "市役所",
    "organiser_type": "public",
    "fee": "無料",
    "booking_required": "no",
    "how_to_join": "開いている時間に、直接お越しください。",
}
SALON = {
    "external_id": "city-salon",
    "district": "daisan",
    "name": "入山辺ふれあいサロン",
    "reading": "いりやまべふれあいさろん",
    "kind": "salon",
    "summary": "お茶を飲みながら体操をします。",
    "address": "長野県松本市中央4-7-28",
    "latitude": "36.23274",
    "longitude": "137.97712",
    "opening_hours": "tue 10:00-12:00 第1・第3週|fri 13:30-15:30",
    "fee": "100円",
    "booking_required": "yes",
    "website": "https://salon.example.jp/",
    "organiser": "住民ボランティア",
}


def import_portal_csv(tmp_path, *rows):
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows({column: row.get(column, "") for column in COLUMNS} for row in rows)
    path = tmp_path / "places.csv"
    path.write_text(stream.getvalue(), encoding="utf-8")
    call_command("import_places", str(path), verbosity=0, stdout=io.StringIO())


def facility_csv(client) -> tuple[list[str], list[dict]]:
    response = client.get("/opendata/facilities.csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    return reader.fieldnames, list(reader)


def import_facility_csv(tmp_path, text, *args):
    path = tmp_path / "facilities.csv"
    path.write_text(text, encoding="utf-8-sig")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_places", str(path), *args, verbosity=0, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def places(tmp_path):
    import_portal_csv(tmp_path, HUB, SALON)


def test_facility_csv_has_exactly_the_24_standard_columns_in_order(client, places):
    header, _rows = facility_csv(client)
    assert header == FACILITY_COLUMNS and len(header) == 24


def test_facility_csv_is_utf8_with_a_bom_and_parses_with_the_csv_module(client, places):
    content = client.get("/opendata/facilities.csv").content
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert all(len(row) == 24 for row in rows)


def test_facility_csv_has_one_row_per_live_place_in_the_default_language(client, places):
    PlacePage.objects.get(external_id="city-salon", locale__language_code="ja").unpublish()
    _header, rows = facility_csv(client)
    assert [row["名称"] for row in rows] == ["第二地区公民館"]


def test_facility_csv_names_the_municipality_from_settings(client, places, settings):
    settings.MUNICIPALITY = {**settings.MUNICIPALITY, "code": "202029", "name_ja": "松本市"}
    row = facility_csv(client)[1][0]
    assert (row["都道府県コード又は市区町村コード"], row["都道府県名"], row["市区町村名"]) == (
        "202029",
        "長野県",
        "松本市",
    )


def test_facility_csv_maps_the_place(client, places):
    hub = facility_csv(client)[1][0]
    assert hub["NO"] == "city-hub"
    assert hub["名称_カナ"] == "ダイニチクコウミンカン"
    assert (hub["住所"], hub["方書"]) == ("長野県松本市本庄2-3-23", "2階")
    assert (hub["緯度"], hub["経度"]) == ("36.22577", "137.97198")
    assert (hub["利用可能曜日"], hub["開始時間"], hub["終了時間"]) == ("月火水", "08:30", "17:15")
    assert hub["利用可能日時特記事項"] == "祝日は休み"
    assert hub["バリアフリー情報"] == (
        "段差なし・車椅子可;バリアフリートイレ;2階ですがエレベーターがあります"
    )
    assert hub["備考"] == "料金：無料／予約：不要／開いている時間に、直接お越しください。"
    assert hub["URL"].endswith("/districts/daini/daini-community-hall/")


def test_facility_csv_writes_differing_times_in_the_note(client, places):
    salon = facility_csv(client)[1][1]
    hours = (salon["利用可能曜日"], salon["開始時間"], salon["終了時間"])
    assert hours == ("火金", "10:00", "15:30")
    assert salon["利用可能日時特記事項"] == "火 10:00〜12:00（第1・第3週）、金 13:30〜15:30"
    assert salon["名称_カナ"] == "イリヤマベフレアイサロン"
    assert salon["URL"] == "https://salon.example.jp/"


def test_geojson_is_a_feature_collection_of_points_in_range(client, places):
    response = client.get("/opendata/places.geojson")
    assert response["Content-Type"].startswith("application/geo+json")
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 2
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        longitude, latitude = feature["geometry"]["coordinates"]
        assert -180 <= longitude <= 180 and -90 <= latitude <= 90
        assert 122 <= longitude <= 154 and 20 <= latitude <= 46  # [lon, lat], in Japan
        assert {"name", "kind", "address", "url"} <= set(feature["properties"])


def test_geojson_is_in_the_language_of_the_url(client, places):
    data = json.loads(client.get("/en/opendata/places.geojson").content)
    names = {feature["properties"]["name"] for feature in data["features"]}
    assert "Daini Community Hall" in names


def test_export_then_import_of_the_facility_csv_keeps_every_column(client, places, tmp_path):
    text = client.get("/opendata/facilities.csv").content.decode("utf-8-sig")
    original = facility_csv(client)[1]
    PlacePage.objects.filter(locale__language_code="ja").update(
        title="変更", reading="へんこう", summary="", address="", phone="", organiser="",
        opening_note="", accessibility_note="", fee="", how_to_join="", website="",
        latitude=36.0, longitude=138.0, booking_required=False,
    )  # fmt: skip
    for place in PlacePage.objects.filter(locale__language_code="ja"):
        place.accessibility_features.clear()
        place.opening_hours.all().delete()
        place.save_revision().publish()
    import_facility_csv(tmp_path, text)
    assert facility_csv(client)[1] == original


def test_importing_the_facility_csv_unchanged_keeps_richer_opening_hours(client, places, tmp_path):
    import_facility_csv(tmp_path, client.get("/opendata/facilities.csv").content.decode())
    salon = PlacePage.objects.get(external_id="city-salon", locale__language_code="ja")
    assert [(h.weekday, h.note) for h in salon.opening_hours.all()] == [(1, "第1・第3週"), (4, "")]


def test_importing_the_facility_csv_keeps_what_the_layout_does_not_hold(client, places, tmp_path):
    import_facility_csv(tmp_path, client.get("/opendata/facilities.csv").content.decode())
    hub = PlacePage.objects.get(external_id="city-hub", locale__language_code="ja")
    assert hub.kind.slug == "community-centre" and hub.district.slug == "daini"
    assert hub.organiser_type == "public"
    english = hub.get_translation(Locale.objects.get(language_code="en"))
    assert english.title == "Daini Community Hall"


def test_a_facility_csv_adds_new_places_with_the_kind_given(tmp_path):
    header = ",".join(FACILITY_COLUMNS)
    line = ["202029", "7", "長野県", "松本市", "北部つどいの広場", "", "", ""]
    line += ["長野県松本市元町3-7-1"]
    line += ["", "36.25053", "137.98343", "0263-00-0000", "", "", "", "月〜金", "9:00", "16:00"]
    line += ["", "親子で遊べます。", "段差なし・車椅子可", "", "予約：不要"]
    import_facility_csv(
        tmp_path, header + "\n" + ",".join(line) + "\n", "--kind", "childcare", "--id-prefix", "k-"
    )
    place = PlacePage.objects.get(external_id="k-7", locale__language_code="ja")
    assert place.kind.slug == "childcare" and place.live
    assert place.district is not None
    assert [h.weekday for h in place.opening_hours.all()] == [0, 1, 2, 3, 4]
    assert [f.slug for f in place.accessibility_features.all()] == ["step-free"]


def test_a_new_place_in_a_facility_csv_needs_a_kind(tmp_path):
    header = ",".join(FACILITY_COLUMNS)
    line = ["202029", "8", "長野県", "松本市", "どこかの広場", *[""] * 5, "36.25", "137.98"]
    line += [""] * (24 - len(line))
    _out, err = import_facility_csv(tmp_path, header + "\n" + ",".join(line) + "\n")
    assert "--kind" in err
    assert not PlacePage.objects.filter(external_id="8").exists()


KNOWN = {"段差なし・車椅子可": "step-free", "バリアフリートイレ": "accessible-toilet"}


def test_accessibility_values_are_separated_by_semicolons():
    text = accessibility_text(["段差なし・車椅子可", "バリアフリートイレ"], "2階です")
    assert text == "段差なし・車椅子可;バリアフリートイレ;2階です"


def test_accessibility_separated_by_semicolons_reads_back():
    assert parse_accessibility("段差なし・車椅子可;バリアフリートイレ;2階です", KNOWN) == (
        ["step-free", "accessible-toilet"],
        "2階です",
    )


def test_accessibility_from_a_file_separated_by_commas_still_reads():
    assert parse_accessibility("段差なし・車椅子可、バリアフリートイレ。2階です", KNOWN) == (
        ["step-free", "accessible-toilet"],
        "2階です",
    )
