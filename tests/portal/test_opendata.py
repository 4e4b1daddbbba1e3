"""/opendata/: the data sets the apps register (`portal_open_data_sets`), their licence and
publisher; the national layouts' CSV writing."""

import csv
import datetime as dt
import io

import pytest
from wagtail import hooks

from portal import opendata

pytestmark = pytest.mark.django_db


def sample_rows():
    yield {
        "イベント名": "健康体操教室",
        "開始日": dt.date(2026, 12, 8),
        "終了日": dt.date(2026, 12, 8),
        "開始時間": dt.time(10, 0),
        "終了時間": dt.time(11, 30),
        "場所名称": "第二地区公民館",
        "緯度": 36.22577,
        "経度": 137.97198,
        "定員": 20,
    }


def sample_data_set():
    """A data set in the イベント一覧 layout, as an app would register it."""
    return opendata.DataSet(
        key="sample",
        title="サンプル",
        description="",
        columns=tuple(opendata.EVENT_COLUMNS),
        files=(
            opendata.DataFile(
                "sample.csv",
                "CSV",
                build=lambda request: opendata.csv_response(
                    "sample.csv", opendata.EVENT_COLUMNS, sample_rows()
                ),
            ),
            opendata.DataFile("sample.ics", "iCalendar", url="/events/events.ics"),
        ),
    )


@pytest.fixture
def sample_registered():
    with hooks.register_temporarily("portal_open_data_sets", sample_data_set):
        yield


def test_the_index_lists_the_places_data_set_and_its_files(client):
    html = client.get("/opendata/").content.decode()
    assert 'href="/opendata/facilities.csv"' in html
    assert 'href="/opendata/places.geojson"' in html


def test_the_index_names_the_licence_and_the_publisher(client):
    html = client.get("/opendata/").content.decode()
    assert 'href="https://creativecommons.org/licenses/by/4.0/deed.ja" rel="license"' in html
    assert "CC BY 4.0" in html and "長野県松本市" in html


def test_the_licence_comes_from_settings(client, settings):
    settings.OPENDATA_LICENCE = {"name": "CC0 1.0", "url": "https://example.jp/cc0"}
    html = client.get("/opendata/").content.decode()
    assert 'href="https://example.jp/cc0" rel="license">CC0 1.0</a>' in html


def test_the_index_is_in_english_too(client):
    html = client.get("/en/opendata/").content.decode()
    assert "Open data" in html and "Matsumoto City" in html


def test_a_registered_data_set_is_listed_with_its_files(client, sample_registered):
    html = client.get("/opendata/").content.decode()
    assert 'href="/opendata/sample.csv"' in html and 'href="/events/events.ics"' in html


def test_a_data_set_is_listed_only_while_its_hook_is_registered(client):
    with hooks.register_temporarily("portal_open_data_sets", sample_data_set):
        assert client.get("/opendata/sample.csv").status_code == 200
    assert "sample.csv" not in client.get("/opendata/").content.decode()
    assert client.get("/opendata/sample.csv").status_code == 404


def test_a_data_set_registered_later_under_a_key_replaces_the_earlier():
    later = opendata.DataSet("facilities", "later", "", files=(), order=5)
    with hooks.register_temporarily("portal_open_data_sets", lambda: later):
        datasets = opendata.data_sets()
    assert [d.key for d in datasets] == ["facilities", "events"] and datasets[0] is later


def test_a_csv_has_the_layouts_columns_and_formats_values(client, sample_registered):
    content = client.get("/opendata/sample.csv").content
    assert content.startswith("\ufeff".encode())
    reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    assert reader.fieldnames == opendata.EVENT_COLUMNS and len(reader.fieldnames) == 32
    row = next(reader)
    assert (row["開始日"], row["開始時間"], row["終了時間"]) == ("2026-12-08", "10:00", "11:30")
    assert row["都道府県コード又は市区町村コード"] == "202029"
    assert (row["NO"], row["定員"]) == ("1", "20")
    assert (row["緯度"], row["経度"]) == ("36.22577", "137.97198")


def test_a_row_with_a_key_outside_the_layout_is_an_error():
    with pytest.raises(ValueError, match="開催場所"):
        list(opendata.national_rows(opendata.EVENT_COLUMNS, [{"開催場所": "公民館"}]))


def test_an_unknown_file_is_not_found(client):
    assert client.get("/opendata/secret.csv").status_code == 404


def test_the_footer_links_to_open_data(client):
    assert 'href="/opendata/"' in client.get("/search/").content.decode()
