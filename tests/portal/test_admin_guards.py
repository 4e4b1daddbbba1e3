"""Page permissions in front of Wagtail's and wagtail-localize's admin views (portal.admin_guards).

第三地区 (daisan) is district A; staff of 第二地区 (daini) try its pages. The
translation tests fail without the guards: wagtail-localize checks only the
global `submit_translation` permission, which every district group holds.
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from portal.admin_guards import choosable_pages
from portal.translation import publish_translations
from tests.events.factories import EventPageFactory
from tests.factories import UserFactory
from tests.places.factories import PlacePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def draft(daisan):
    page = EventPageFactory(parent=daisan, title="第三地区 秋の作品展（準備中）", live=False)
    page.save_revision()
    return page


@pytest.fixture
def unpublished_english(daisan, english):
    """A place of daisan, live in Japanese, whose English copy was unpublished."""
    place = PlacePageFactory(parent=daisan, title="第三地区 体操の会", slug="taiso")
    place.save_revision().publish()
    publish_translations(place, {"第三地区 体操の会": "Daisan Exercise Club"})
    place.get_translation(english).unpublish()
    return place


def chooser(client, url) -> str:
    """The chooser's HTML (its modal steps answer JSON, its search results HTML)."""
    response = client.get(url)
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


def update_url(page):
    source = TranslationSource.objects.get(object_id=page.translation_key)
    return f"/admin/localize/update/{source.pk}/"


# --- Submitting a page for translation ---------------------------------------------------


def test_another_districts_staff_cannot_translate_a_draft(client, daini_staff, draft, english):
    client.force_login(daini_staff)
    response = client.post(f"/admin/localize/submit/page/{draft.pk}/", {"locales": english.pk})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not draft.has_translation(english)


def test_another_districts_staff_do_not_see_the_draft_in_the_translate_form(
    client, daini_staff, draft
):
    client.force_login(daini_staff)
    response = client.get(f"/admin/localize/submit/page/{draft.pk}/")
    assert response["Location"] == "/admin/"


def test_a_districts_staff_translate_their_own_draft(client, daisan_staff, draft, english):
    client.force_login(daisan_staff)
    client.post(f"/admin/localize/submit/page/{draft.pk}/", {"locales": english.pk})
    assert draft.has_translation(english)


def test_translating_needs_the_right_to_add_in_the_target_language(client, daisan, draft, english):
    """A group with edit permission on the Japanese district only: no English copy."""
    group = Group.objects.create(name="第三地区（日本語のみ）")
    group.permissions.add(*daisan.staff_group.permissions.all())
    for permission in GroupPagePermission.objects.filter(
        group=daisan.staff_group, page=daisan
    ).values_list("permission", flat=True):
        GroupPagePermission.objects.create(group=group, page=daisan, permission_id=permission)
    client.force_login(UserFactory(groups=[group]))
    client.post(f"/admin/localize/submit/page/{draft.pk}/", {"locales": english.pk})
    assert not draft.has_translation(english)


# --- Updating (and publishing) translations -----------------------------------------------


def test_another_districts_staff_cannot_publish_its_translations(
    client, daini_staff, unpublished_english, english, django_capture_on_commit_callbacks
):
    client.force_login(daini_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(update_url(unpublished_english), {"publish_translations": "on"})
    assert response["Location"] == "/admin/"
    assert not unpublished_english.get_translation(english).live


def test_another_districts_staff_do_not_see_its_translations_listed(
    client, daini_staff, unpublished_english
):
    client.force_login(daini_staff)
    response = client.get(update_url(unpublished_english))
    assert response["Location"] == "/admin/"


def test_a_districts_staff_publish_their_own_translations(
    client, daisan_staff, unpublished_english, english, django_capture_on_commit_callbacks
):
    client.force_login(daisan_staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(update_url(unpublished_english), {"publish_translations": "on"})
    assert unpublished_english.get_translation(english).live


# --- The translations report ----------------------------------------------------------


def test_the_translations_report_lists_only_the_pages_the_user_may_edit(
    client, daini, daini_staff, unpublished_english
):
    own = PlacePageFactory(parent=daini, title="第二地区 お茶会", slug="own")
    own.save_revision().publish()
    publish_translations(own, {})
    client.force_login(daini_staff)
    html = client.get("/admin/localize/reports/translations/").content.decode()
    assert own.title in html
    assert "第三地区 体操の会" not in html


def test_the_translations_report_is_whole_for_superusers(client, unpublished_english):
    client.force_login(UserFactory(superuser=True))
    html = client.get("/admin/localize/reports/translations/").content.decode()
    assert "第三地区 体操の会" in html


# --- Wagtail's own page views -------------------------------------------------------------


def test_moving_another_districts_page_is_refused_before_naming_it(
    client, daini_staff, daini, draft
):
    client.force_login(daini_staff)
    response = client.get(f"/admin/pages/{draft.pk}/move/{daini.pk}/confirm/")
    assert response["Location"] == "/admin/"
    assert draft.title not in str(response.cookies.get("messages", ""))


def test_the_page_types_usage_report_is_for_system_administrators(client, daini_staff):
    client.force_login(daini_staff)
    response = client.get("/admin/reports/page-types-usage/")
    assert response["Location"] == "/admin/"


def test_bulk_actions_naming_pages_the_user_may_not_touch_are_refused(client, daini_staff, draft):
    client.force_login(daini_staff)
    response = client.get(f"/admin/bulk/wagtailcore/page/delete/?id={draft.pk}")
    assert response["Location"] == "/admin/"


def test_bulk_actions_on_the_users_own_pages_are_served(client, daini_staff, daini):
    page = PlacePageFactory(parent=daini, slug="own-place")
    client.force_login(daini_staff)
    response = client.get(f"/admin/bulk/wagtailcore/page/unpublish/?id={page.pk}")
    assert response.status_code == 200


# --- The page chooser -------------------------------------------------------------------


def test_the_page_chooser_hides_another_districts_drafts(client, daini_staff, daisan, draft):
    client.force_login(daini_staff)
    html = chooser(client, f"/admin/choose-page/{daisan.pk}/")
    assert draft.title not in html


def test_the_page_chooser_shows_the_users_own_drafts(client, daisan_staff, daisan, draft):
    client.force_login(daisan_staff)
    html = chooser(client, f"/admin/choose-page/{daisan.pk}/")
    assert draft.title in html


def test_the_page_chooser_shows_another_districts_live_page_under_its_live_title(
    client, daini_staff, daisan
):
    place = PlacePageFactory(parent=daisan, title="第三地区 サロン", slug="salon-live")
    place.save_revision().publish()
    place.title = "第三地区 サロン（来月で終了）"
    place.save_revision()
    client.force_login(daini_staff)
    html = chooser(client, f"/admin/choose-page/{daisan.pk}/")
    assert "第三地区 サロン" in html and "来月で終了" not in html


def test_the_page_chooser_does_not_browse_into_another_districts_draft(client, daini_staff, draft):
    client.force_login(daini_staff)
    response = client.get(f"/admin/choose-page/{draft.pk}/")
    assert response["Location"] == "/admin/"


def test_the_chosen_step_refuses_another_districts_draft(client, daini_staff, draft):
    client.force_login(daini_staff)
    response = client.get(f"/admin/choose-page/chosen-multiple/?id={draft.pk}")
    assert response["Location"] == "/admin/"


def test_the_chooser_search_finds_no_draft_of_another_district(client, daini_staff, draft):
    # Wagtail's search finds the draft by 第三地区 for its own district's staff.
    client.force_login(daini_staff)
    html = chooser(client, "/admin/choose-page/search/?q=第三地区")
    assert draft.title not in html


def test_the_chooser_search_finds_the_users_own_draft(client, daisan_staff, draft):
    client.force_login(daisan_staff)
    html = chooser(client, "/admin/choose-page/search/?q=第三地区")
    assert draft.title in html


def test_every_page_stays_choosable_for_superusers(draft):
    admin = UserFactory(superuser=True)
    assert choosable_pages(admin, Page.objects.filter(pk=draft.pk)).exists()


def test_a_guarded_view_meets_its_own_login_check_first(client, draft):
    response = client.get(f"/admin/localize/submit/page/{draft.pk}/")
    assert response["Location"].startswith("/admin/login/")


def test_no_translation_rows_are_created_by_a_refused_submission(
    client, daini_staff, draft, english
):
    client.force_login(daini_staff)
    client.post(f"/admin/localize/submit/page/{draft.pk}/", {"locales": english.pk})
    assert not Translation.objects.filter(source__object_id=draft.translation_key).exists()
