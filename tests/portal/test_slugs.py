"""Japanese titles get a readable romaji slug, in the admin and in code; errors say where."""

import pytest
from wagtail.models import get_page_models

from places.models import PlacePage
from portal.slugs import RomajiSlugFormMixin, RomajiSlugPage, romaji_slug
from tests.admin_forms import empty_formsets
from tests.places.factories import PlacePageFactory
from tests.places.test_place_pages import add_form

OUR_APPS = {"home", "places", "events", "volunteers", "support"}


def test_a_japanese_title_reads_as_hepburn_without_long_vowels():
    assert romaji_slug("本庄ふれあいサロン") == "honjo-fureai-saron"


def test_kanji_words_lose_their_long_vowel_spellings():
    assert romaji_slug("健康体操教室") == "kenko-taiso-kyoshitsu"


def test_full_width_digits_stay_one_number():
    assert romaji_slug("こどもプラザ２０２６") == "kodomo-puraza-2026"


def test_a_title_of_punctuation_only_gives_no_slug():
    assert romaji_slug("！？") == ""


def test_every_page_type_of_the_portal_derives_slugs_in_code():
    ours = [model for model in get_page_models() if model._meta.app_label in OUR_APPS]
    assert ours and all(issubclass(model, RomajiSlugPage) for model in ours)


def test_every_page_type_of_the_portal_derives_slugs_in_the_admin():
    ours = [model for model in get_page_models() if model._meta.app_label in OUR_APPS]
    assert all(issubclass(model.base_form_class, RomajiSlugFormMixin) for model in ours)


# --- In code -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_page_added_in_code_without_a_slug_gets_its_title_in_romaji(daini):
    place = PlacePageFactory.build(title="本庄ふれあいサロン", slug="")
    daini.add_child(instance=place)
    assert PlacePage.objects.get(pk=place.pk).slug == "honjo-fureai-saron"


@pytest.mark.django_db
def test_a_second_page_with_the_same_title_gets_a_numbered_slug(daini):
    daini.add_child(instance=PlacePageFactory.build(title="本庄ふれあいサロン", slug=""))
    second = PlacePageFactory.build(title="本庄ふれあいサロン", slug="")
    daini.add_child(instance=second)
    assert second.slug == "honjo-fureai-saron-2"


# --- In the admin ----------------------------------------------------------------------------


def add_place(client, district, **changes):
    new_place = {"title": "本庄ふれあいサロン", "slug": "", "address": "長野県松本市本庄2-3-23"}
    data = add_form(**{**new_place, **changes})
    return client.post(f"/admin/pages/add/places/placepage/{district.pk}/", data)


@pytest.mark.django_db
def test_staff_publish_a_place_with_a_japanese_title_and_no_slug(daini_staff_client, daini):
    add_place(daini_staff_client, daini)
    assert PlacePage.objects.get(title="本庄ふれあいサロン").slug == "honjo-fureai-saron"


@pytest.mark.django_db
def test_the_admin_numbers_a_slug_a_sibling_already_uses(daini_staff_client, daini):
    PlacePageFactory(parent=daini, title="別のサロン", slug="honjo-fureai-saron")
    add_place(daini_staff_client, daini)
    assert PlacePage.objects.get(title="本庄ふれあいサロン").slug == "honjo-fureai-saron-2"


@pytest.mark.django_db
def test_a_slug_typed_by_staff_is_kept(daini_staff_client, daini):
    add_place(daini_staff_client, daini, slug="honjo-salon")
    assert PlacePage.objects.get(title="本庄ふれあいサロン").slug == "honjo-salon"


@pytest.mark.django_db
def test_what_the_editors_script_kept_of_a_japanese_title_becomes_romaji(daini_staff_client, daini):
    # The editor's script drops non-ASCII letters: 第2地区サロン leaves "2".
    add_place(daini_staff_client, daini, title="第2地区サロン", slug="2")
    assert PlacePage.objects.get(title="第2地区サロン").slug == "dai-2-chiku-saron"


@pytest.mark.django_db
def test_a_slug_typed_in_japanese_is_written_in_romaji(daini_staff_client, daini):
    add_place(daini_staff_client, daini, slug="ほんじょう")
    assert PlacePage.objects.get(title="本庄ふれあいサロン").slug == "honjou"


@pytest.mark.django_db
def test_editing_a_published_page_keeps_its_slug(daini_staff_client, daini):
    place = PlacePageFactory(parent=daini, title="第2地区サロン", slug="2")
    place.save_revision().publish()
    data = {
        "title": place.title,
        "slug": "2",
        "kind": place.kind_id,
        "address": place.address,
        **empty_formsets("opening_hours", "photos"),
        "action-publish": "action-publish",
    }
    daini_staff_client.post(f"/admin/pages/{place.pk}/edit/", data)
    assert PlacePage.objects.get(pk=place.pk).slug == "2"


@pytest.mark.django_db
def test_a_validation_error_names_the_field_and_its_tab_in_japanese(daini_staff_client, daini):
    response = add_place(daini_staff_client, daini, title="")
    messages = " ".join(str(m) for m in response.context["messages"])
    assert "「コンテンツ」タブの「タイトル」を確認してください。" in messages


@pytest.mark.django_db
def test_the_validation_banner_is_in_japanese(daini_staff_client, daini):
    response = add_place(daini_staff_client, daini, title="")
    messages = " ".join(str(m) for m in response.context["messages"])
    assert "入力内容に誤りがあるため、ページを作成できませんでした。" in messages
