import csv
import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Locale

from places.csv_format import COLUMNS
from places.models import PlacePage

pytestmark = pytest.mark.django_db


def row(**values) -> dict[str, str]:
    base = {
        "external_id": "city-001",
        "district": "daini",
        "name": "本庄ふれあいサロン",
        "name_en": "Honjo Salon",
        "kind": "salon",
        "target_groups": "elderly|anyone",
        "address": "長野県松本市本庄2-3-23",
        "opening_hours": "tue 10:00-12:00 第1・第3週",
        "booking_required": "no",
        "accessibility": "step-free",
        "organiser_type": "residents",
    }
    base.update(values)
    return {column: base.get(column, "") for column in COLUMNS}


def write(tmp_path, rows, encoding="utf-8") -> str:
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "places.csv"
    path.write_bytes(stream.getvalue().encode(encoding))
    return str(path)


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_places", path, *args, stdout=out, stderr=err, verbosity=0)
    return out.getvalue(), err.getvalue()


def test_good_file_creates_places_in_both_languages(tmp_path):
    run(
        write(
            tmp_path, [row(), row(external_id="city-002", name="第二食堂", kind="community-dining")]
        )
    )
    place = PlacePage.objects.get(external_id="city-001", locale__language_code="ja")
    assert place.live and place.district.slug == "daini"
    assert [h.weekday for h in place.opening_hours.all()] == [1]
    assert sorted(g.slug for g in place.target_groups.all()) == ["anyone", "elderly"]
    english = place.get_translation(Locale.objects.get(language_code="en"))
    assert english.title == "Honjo Salon" and english.live


def test_importing_again_updates_by_external_id(tmp_path):
    run(write(tmp_path, [row()]))
    run(write(tmp_path, [row(fee="200円")]))
    places = PlacePage.objects.filter(external_id="city-001", locale__language_code="ja")
    assert places.count() == 1 and places.get().fee == "200円"


def test_shift_jis_file_is_read(tmp_path):
    run(write(tmp_path, [row()], encoding="cp932"))
    assert PlacePage.objects.filter(title="本庄ふれあいサロン").exists()


def test_broken_rows_are_reported_by_line_and_the_rest_imported(tmp_path):
    out, err = run(
        write(
            tmp_path,
            [
                row(),
                row(external_id="city-002", kind="karaoke"),
                row(external_id="city-003", opening_hours="火曜 10時から"),
                row(external_id="city-004", district="", latitude="", longitude=""),
            ],
        )
    )
    assert "1 places were created" in out
    assert "3行目：「kind」列：「karaoke」は使えません" in err
    assert "4行目：「opening_hours」列" in err
    assert "5行目：「district」列" in err


def test_a_row_with_coordinates_and_no_district_goes_to_the_nearest_hub(tmp_path):
    run(write(tmp_path, [row(district="", latitude="36.2328", longitude="137.9770")]))
    assert PlacePage.objects.get(
        external_id="city-001", locale__language_code="ja"
    ).district.slug == ("daisan")


def test_a_file_without_the_required_columns_imports_nothing(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text("名前,住所\n本庄サロン,本庄2-3\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1行目"):
        run(str(path))
    assert not PlacePage.objects.exists()


def test_dry_run_changes_nothing(tmp_path):
    out, _ = run(write(tmp_path, [row()]), "--dry-run")
    assert "1 places would be created" in out
    assert not PlacePage.objects.exists()


def test_export_then_import_keeps_every_column(client, tmp_path):
    run(write(tmp_path, [row(phone="0263-34-3000", fee="無料", last_confirmed="2026-04-01")]))
    exported = client.get("/places/export.csv").content.decode("utf-8-sig")
    original = next(csv.DictReader(io.StringIO(exported)))
    PlacePage.objects.update(fee="変更")
    path = tmp_path / "round.csv"
    path.write_text(exported, encoding="utf-8")
    run(str(path))
    again = next(
        csv.DictReader(io.StringIO(client.get("/places/export.csv").content.decode("utf-8-sig")))
    )
    assert again == original
    assert original["fee"] == "無料" and original["opening_hours"] == "tue 10:00-12:00 第1・第3週"
    assert original["name_en"] == "Honjo Salon"


def test_a_place_made_in_the_admin_round_trips_without_a_duplicate(client, make_place, tmp_path):
    make_place(title="管理画面で作ったサロン")
    path = tmp_path / "round.csv"
    path.write_text(client.get("/places/export.csv").content.decode("utf-8-sig"), encoding="utf-8")
    run(str(path))
    assert (
        PlacePage.objects.filter(title="管理画面で作ったサロン", locale__language_code="ja").count()
        == 1
    )


def test_export_has_a_bom_for_excel(client, tmp_path):
    run(write(tmp_path, [row()]))
    content = client.get("/places/export.csv").content
    assert content.startswith("\ufeff".encode())


def test_a_file_without_the_reading_column_keeps_the_stored_reading(tmp_path):
    run(write(tmp_path, [row(reading="ほんじょうさろん")]))
    older = [column for column in COLUMNS if column != "reading"]
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=older, extrasaction="ignore")
    writer.writeheader()
    writer.writerow(row(fee="200円"))
    path = tmp_path / "older.csv"
    path.write_text(stream.getvalue(), encoding="utf-8")
    run(str(path))
    place = PlacePage.objects.get(external_id="city-001", locale__language_code="ja")
    assert (place.reading, place.fee) == ("ほんじょうさろん", "200円")
