import csv
import datetime as dt
import io

import pytest

from portal.opendata import EVENT_COLUMNS
from tests.places.factories import PlacePageFactory

pytestmark = pytest.mark.django_db


def rows(client):
    response = client.get("/opendata/events.csv")
    assert response.status_code == 200
    reader = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    header = next(reader)
    return header, list(reader)


def test_events_csv_has_exactly_the_standard_columns_in_order(client, make_event, soon):
    make_event(title="健康体操教室", start=soon, end=soon + dt.timedelta(hours=1))
    header, _ = rows(client)
    assert header == EVENT_COLUMNS


def test_events_csv_has_one_row_per_upcoming_occurrence(client, make_event, soon):
    make_event(
        title="毎週の体操",
        start=soon,
        end=soon + dt.timedelta(hours=1),
        repeat="weekly",
        repeat_count=4,
    )
    _, body = rows(client)
    names = [row[EVENT_COLUMNS.index("イベント名")] for row in body]
    assert names == ["毎週の体操"] * 4
    starts = [row[EVENT_COLUMNS.index("開始日")] for row in body]
    assert starts[0] == soon.date().isoformat()


def test_opendata_page_lists_the_events_data_set(client, make_event, soon):
    make_event(start=soon, end=soon + dt.timedelta(hours=1))
    assert "/opendata/events.csv" in client.get("/opendata/").content.decode()


def only_row(client) -> dict[str, str]:
    _header, body = rows(client)
    [row] = body
    return dict(zip(EVENT_COLUMNS, row, strict=True))


def test_an_event_at_the_district_hub_has_the_hubs_address_and_position(client, make_event, soon):
    make_event(start=soon, end=soon + dt.timedelta(hours=1))  # no venue: the hub of 第二地区
    row = only_row(client)
    assert (row["場所名称"], row["住所"], row["緯度"], row["経度"]) == (
        "第二地区公民館（福祉ひろば併設）",
        "長野県松本市本庄2-3-23",
        "36.22577",
        "137.97198",
    )


def test_an_event_at_a_place_has_the_places_address_and_position(client, make_event, daini, soon):
    place = PlacePageFactory(
        parent=daini,
        title="本庄ふれあいサロン",
        address="長野県松本市本庄1-2-3 本庄会館2階",
        latitude=36.226,
        longitude=137.972,
    )
    place.save_revision().publish()
    make_event(venue=place, start=soon, end=soon + dt.timedelta(hours=1))
    row = only_row(client)
    assert (row["場所名称"], row["住所"], row["方書"], row["緯度"], row["経度"]) == (
        "本庄ふれあいサロン",
        "長野県松本市本庄1-2-3",
        "本庄会館2階",
        "36.226",
        "137.972",
    )


def test_a_free_events_basic_fee_is_free(client, make_event, soon):
    make_event(is_free=True, start=soon, end=soon + dt.timedelta(hours=1))
    assert only_row(client)["料金(基本)"] == "無料"


def test_a_paid_events_basic_fee_is_its_amount_and_the_detail_its_fee(client, make_event, soon):
    make_event(
        is_free=False, fee="1回１００円（お茶代）", start=soon, end=soon + dt.timedelta(hours=1)
    )
    row = only_row(client)
    assert (row["料金(基本)"], row["料金(詳細)"]) == ("100円", "1回１００円（お茶代）")
