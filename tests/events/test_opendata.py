import csv
import datetime as dt
import io

import pytest

from portal.opendata import EVENT_COLUMNS

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
