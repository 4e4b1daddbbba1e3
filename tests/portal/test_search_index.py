"""The search index follows publishing, moves and renames; rebuild_search writes it again."""

import io

import pytest
from django.core.management import call_command

from portal.models import SearchDocument, SearchToken

pytestmark = pytest.mark.django_db


def test_publishing_writes_the_document_and_its_bigrams(make_place):
    place = make_place(title="健康体操教室")
    document = SearchDocument.objects.get(pk=place.pk)
    assert document.doc_type == "places" and document.district.slug == "daini"
    assert {"たい", "体操"} <= set(
        SearchToken.objects.filter(document=document).values_list("token", flat=True)
    )


def test_the_districts_are_indexed_in_both_languages():
    assert SearchDocument.objects.filter(doc_type="districts").count() == 70


def test_moving_a_place_changes_its_district(make_place, daisan):
    place = make_place(title="健康体操教室")
    place.move(daisan, pos="last-child")
    assert SearchDocument.objects.get(pk=place.pk).district.slug == "daisan"


def test_renaming_a_district_reindexes_its_places(client, make_place, daini):
    make_place(title="体操クラブ")
    daini.title = "本庄地区"
    daini.save_revision().publish()
    response = client.get("/search/", {"q": "体操 本庄地区"})
    assert [item["title"] for item in response.context["items"]] == ["体操クラブ"]


def test_rebuild_search_indexes_pages_published_without_signals(make_place, daini):
    from places.models import PlacePage
    from tests.places.factories import PlacePageFactory

    PlacePageFactory(parent=daini, title="黙って公開した体操教室", live=True)
    assert not SearchDocument.objects.filter(title="黙って公開した体操教室").exists()
    out = io.StringIO()
    call_command("rebuild_search", stdout=out, verbosity=0)
    assert SearchDocument.objects.filter(title="黙って公開した体操教室").exists()
    assert SearchDocument.objects.count() == 70 + PlacePage.objects.live().count()
    assert "pages indexed" in out.getvalue()


def test_rebuild_search_removes_documents_of_pages_no_longer_live(make_place):
    from places.models import PlacePage

    place = make_place(title="健康体操教室")
    PlacePage.objects.filter(pk=place.pk).update(live=False)  # unpublished without a signal
    call_command("rebuild_search", stdout=io.StringIO(), verbosity=0)
    assert not SearchDocument.objects.filter(pk=place.pk).exists()


def test_what_is_indexed_is_the_models_own_wagtail_search_fields():
    from portal.search import fields_of
    from volunteers.models import VolunteerOpportunityPage

    assert fields_of(VolunteerOpportunityPage) == [
        "role",
        "description",
        "conditions",
        "venue_name",
        "contact_name",
    ]


def test_a_related_word_list_is_indexed_by_its_names_in_both_languages(db):
    from places.models import PlaceKind, PlacePage
    from portal.search import fields_of

    kind = PlaceKind.objects.get(slug="salon")
    page = PlacePage(kind=kind)
    related = next(source for source in fields_of(PlacePage) if callable(source))
    assert related(page) == [kind.name_ja, kind.name_en]
