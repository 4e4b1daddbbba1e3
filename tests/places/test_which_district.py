""" "Which district am I in?" (places/which_district.py, /which-district/)."""

import pytest

from places.which_district import which_district

pytestmark = pytest.mark.django_db


def html_of(client, where: str, path: str = "/which-district/") -> str:
    response = client.get(path, {"where": where})
    assert response.status_code == 200
    return response.content.decode()


def test_a_town_in_kanji_names_its_district():
    assert which_district("本庄").districts == ("daini",)


def test_an_address_names_the_district_of_its_town():
    assert which_district("松本市本庄2-3-23").districts == ("daini",)


def test_a_town_in_hiragana_names_its_district():
    assert which_district("ほんじょう").town == "本庄"


def test_a_town_in_romaji_without_long_vowels_names_its_district():
    assert which_district("Honjo").town == "本庄"


def test_a_local_reading_the_dictionary_gets_wrong_is_known():
    assert which_district("あがた").town == "県"


def test_a_postcode_names_the_district_of_its_town():
    assert which_district("390-0814").town == "本庄"


def test_a_postcode_outside_the_table_names_nothing():
    assert which_district("100-0001") is None


def test_the_answer_page_calls_it_a_guide(client):
    assert "目安" in html_of(client, "本庄")


def test_the_answer_page_gives_the_hub_phone(client, daini):
    assert f'href="tel:{daini.contact_phone}"' in html_of(client, "本庄")


def test_the_english_answer_page_names_the_district_in_english(client):
    assert "Daini District" in html_of(client, "honjo", "/en/which-district/")


def test_an_unknown_town_gets_a_message_and_keeps_what_was_typed(client):
    html = html_of(client, "火星町")
    assert "error-summary" in html and 'value="火星町"' in html


def test_an_answer_is_never_kept_by_a_shared_cache(client):
    response = client.get("/which-district/", {"where": "本庄"})
    assert "no-store" in response["Cache-Control"]


def test_the_districts_index_offers_the_question(client):
    assert 'action="/which-district/#answer"' in client.get("/districts/").content.decode()


def test_seeding_writes_every_town_of_the_shipped_data(tmp_path):
    from django.core.management import call_command

    output = tmp_path / "towns.csv"
    call_command("seed_town_districts", output=output, stdout=None)
    assert "本庄,ホンジョウ,honjo,daini" in output.read_text(encoding="utf-8").splitlines()


def test_a_citys_table_with_a_line_without_a_district_is_refused_naming_the_line(
    tmp_path, settings
):
    from django.core.exceptions import ImproperlyConfigured

    from places.which_district import town_table

    table = tmp_path / "towns.csv"
    table.write_text("town,kana,romaji,districts\n本庄,ホンジョウ,honjo,daini\n県,アガタ,agata,\n")
    settings.TOWN_DISTRICTS_FILE = str(table)
    town_table.cache_clear()
    try:
        with pytest.raises(ImproperlyConfigured, match="line 3"):
            town_table()
    finally:
        town_table.cache_clear()
