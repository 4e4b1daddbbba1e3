import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import translation

from home.districts import COLUMNS, DistrictFileError, parse_districts, read_text
from home.models import DistrictPage

HEADER = ",".join(COLUMNS)
GOOD_LINE = (
    "daini,第二地区,だいにちく,Daini,第二地区公民館,Daini Hall,,"
    "長野県松本市本庄2-3-23,,yes,36.22577,137.97198"
)


def csv_text(*lines: str) -> str:
    return "\n".join([HEADER, *lines]) + "\n"


@pytest.fixture(autouse=True)
def japanese():
    with translation.override("ja"):
        yield


def test_default_file_gives_35_districts_in_each_language(db):
    assert DistrictPage.objects.filter(locale__language_code="ja").live().count() == 35
    assert DistrictPage.objects.filter(locale__language_code="en").live().count() == 35


def test_english_translation_has_english_title_and_hub_name(db):
    page = DistrictPage.objects.get(slug="daini", locale__language_code="en")
    assert page.title == "Daini District"
    assert page.hub_name == "Daini District Community Hall (with Welfare Hub)"
    assert page.hub_address == "長野県松本市本庄2-3-23"


def test_loading_again_changes_no_count(db):
    pages, groups = DistrictPage.objects.count(), Group.objects.count()
    call_command("load_districts", verbosity=0)
    assert (DistrictPage.objects.count(), Group.objects.count()) == (pages, groups)


def test_loading_again_updates_a_changed_hub(db, tmp_path):
    lines = read_text(settings.DISTRICTS_FILE).splitlines()
    changed = [line.replace("長野県松本市本庄2-3-23", "長野県松本市本庄2-3-24") for line in lines]
    path = tmp_path / "districts.csv"
    path.write_text("\n".join(changed), encoding="utf-8")
    call_command("load_districts", path, verbosity=0)
    for language in ("ja", "en"):
        page = DistrictPage.objects.get(slug="daini", locale__language_code=language)
        assert page.hub_address == "長野県松本市本庄2-3-24"


def test_each_district_gets_its_own_staff_group(db):
    groups = set(
        DistrictPage.objects.filter(locale__language_code="ja").values_list(
            "staff_group", flat=True
        )
    )
    assert len(groups) == 35 and None not in groups


def test_malformed_line_is_named_with_its_column():
    text = csv_text(GOOD_LINE, GOOD_LINE.replace("daini", "daisan").replace("36.22577", "北緯36"))
    with pytest.raises(DistrictFileError) as error:
        parse_districts(text)
    assert error.value.problems == ["3行目の「latitude」列：「北緯36」は数値ではありません。"]


def test_every_problem_of_the_file_is_reported_at_once():
    bad = GOOD_LINE.replace("daini", "Daini Ku").replace(",yes,", ",maybe,")
    with pytest.raises(DistrictFileError) as error:
        parse_districts(csv_text(bad, GOOD_LINE.replace(",第二地区,", ",,")))
    problems = error.value.problems
    assert any(p.startswith("2行目の「slug」列") for p in problems)
    assert any(p.startswith("2行目の「hub_verified」列") for p in problems)
    assert any(p.startswith("3行目の「name_ja」列") for p in problems)


def test_duplicate_slug_names_the_first_line():
    with pytest.raises(DistrictFileError) as error:
        parse_districts(csv_text(GOOD_LINE, GOOD_LINE))
    assert "「daini」は2行目ですでに使われています。" in error.value.problems[0]


def test_missing_column_is_reported_on_line_one():
    with pytest.raises(DistrictFileError) as error:
        parse_districts("slug,name_ja\ndaini,第二地区\n")
    assert error.value.problems[0].startswith("1行目：見出しに次の列がありません")


def test_coordinates_outside_japan_are_refused():
    with pytest.raises(DistrictFileError) as error:
        parse_districts(csv_text(GOOD_LINE.replace("137.97198", "-137.97198")))
    assert "日本の範囲外" in error.value.problems[0]


def test_shift_jis_file_is_read(tmp_path):
    path = tmp_path / "districts.csv"
    path.write_bytes(csv_text(GOOD_LINE).encode("cp932"))
    rows = parse_districts(read_text(path))
    assert rows[0].name_ja == "第二地区"


def test_postcode_without_hyphen_is_normalised():
    rows = parse_districts(csv_text(GOOD_LINE.replace(",,長野県", ",3900000,長野県")))
    assert rows[0].hub_postcode == "390-0000"


def test_malformed_file_loads_nothing(db, tmp_path):
    path = tmp_path / "districts.csv"
    new_district = GOOD_LINE.replace("daini", "shinku").replace("第二地区", "新区")
    path.write_text(csv_text(new_district, "broken,,,,,,,,,,,"), encoding="utf-8")
    before = DistrictPage.objects.count()
    with pytest.raises(CommandError) as error:
        call_command("load_districts", path, verbosity=0)
    assert "3行目" in str(error.value)
    assert DistrictPage.objects.count() == before
    assert not DistrictPage.objects.filter(slug="shinku").exists()


def test_district_not_in_file_is_reported_and_kept(db, tmp_path):
    path = tmp_path / "districts.csv"
    path.write_text(csv_text(GOOD_LINE), encoding="utf-8")
    from io import StringIO

    out = StringIO()
    call_command("load_districts", path, stdout=out)
    assert "daisan" in out.getvalue()
    assert DistrictPage.objects.filter(slug="daisan").count() == 2
