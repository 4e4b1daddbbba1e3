"""`manage.py backup` and `manage.py restore`, on SQLite and on PostgreSQL (`make test-postgres`).

The round trip commits for real (transaction=True): the backup reads the database through
connections of its own (sqlite3's backup API, pg_dump), which never see a test's uncommitted
transaction. The database is flushed afterwards, so the test builds its own small site.
"""

import datetime as dt
import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Page

from events import registration
from events.models import EventKind
from events.registration_models import EventRegistration
from home.site_structure import ensure_locales, ensure_site_structure
from portal.backup import MANIFEST
from support.models import SupportCase
from tests.events.factories import EventPageFactory
from tests.home.factories import DistrictPageFactory
from tests.support.factories import SupportCaseFactory
from tests.volunteers.factories import (
    ShiftSignupFactory,
    VolunteerOpportunityPageFactory,
    VolunteerShiftFactory,
)
from volunteers.models import ShiftSignup

MEDIA_NAME = "documents/backup-test.txt"
MEDIA_TEXT = "第二地区だより 2026年春号".encode()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def site(media_root):
    """Pages, a case, a volunteer sign-up, an event registration and a media file, committed."""
    # A flushed database has not even Wagtail's root page.
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=ensure_locales()))
    structure = ensure_site_structure()
    district = DistrictPageFactory(parent=structure.district_index, slug="heiwa", title="平和地区")
    opportunity = VolunteerOpportunityPageFactory(parent=district)
    shift = VolunteerShiftFactory(page=opportunity, capacity=5)
    ShiftSignupFactory(slot=shift)
    kind, _ = EventKind.objects.get_or_create(
        slug="exercise", defaults={"name_ja": "運動・体操", "name_en": "Exercise"}
    )
    start = timezone.now() + dt.timedelta(days=3)
    event = EventPageFactory(
        parent=district,
        kind=kind,
        start=start,
        end=start + dt.timedelta(hours=1),
        registration_required=True,
        capacity=10,
    )
    event.save_revision().publish()
    registration.register(
        event,
        event.occurrences.get(),
        name="参加 太郎",
        furigana="さんか たろう",
        email="t@example.jp",
    )
    SupportCaseFactory(district=district)
    SupportCaseFactory(district=None)
    default_storage.save(MEDIA_NAME, ContentFile(MEDIA_TEXT))
    return district


def state() -> dict:
    """What must survive a round trip, as comparable values."""
    return {
        "pages": sorted(Page.objects.values_list("pk", "title", "url_path", "live")),
        "cases": sorted(SupportCase.objects.values_list("reference", "name", "status")),
        "shift_signups": sorted(ShiftSignup.objects.values_list("pk", "name", "status")),
        "registrations": sorted(EventRegistration.objects.values_list("pk", "name", "status")),
    }


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_give_back_every_page_case_sign_up_and_media_file(
    site, media_root, tmp_path, capsys
):
    before = state()
    assert before["cases"] and before["shift_signups"] and before["registrations"]
    directory = tmp_path / "backup"

    call_command("backup", str(directory))

    manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["row_counts"]["support.SupportCase"] == 2
    assert manifest["row_counts"]["volunteers.ShiftSignup"] == 1
    assert manifest["row_counts"]["events.EventRegistration"] == 1
    assert manifest["row_counts"]["wagtailcore.Page"] == len(before["pages"])
    assert "0001_initial" in manifest["migrations"]["support"]
    assert manifest["media"] == {"included": True, "files": 1, "bytes": len(MEDIA_TEXT)}
    assert (directory / "media" / MEDIA_NAME).read_bytes() == MEDIA_TEXT

    # Everything changes after the backup: rows deleted and added, files replaced.
    SupportCase.objects.all().delete()
    ShiftSignup.objects.all().delete()
    EventRegistration.objects.all().delete()
    site.get_children().first().delete()
    SupportCaseFactory(district=None, name="後から 入力")
    default_storage.delete(MEDIA_NAME)
    default_storage.save("documents/later.txt", ContentFile(b"later"))
    assert state() != before

    call_command("restore", str(directory), "--no-input")

    assert state() == before
    assert (media_root / MEDIA_NAME).read_bytes() == MEDIA_TEXT
    assert not (media_root / "documents" / "later.txt").exists()
    assert "Restored the backup" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_restore_reports_tables_whose_rows_differ_from_the_manifest(site, tmp_path):
    directory = tmp_path / "backup"
    call_command("backup", str(directory))
    manifest_path = directory / MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["row_counts"]["support.SupportCase"] = 99
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")

    with pytest.raises(CommandError, match=r"support\.SupportCase: 99 in the backup, 2 now"):
        call_command("restore", str(directory), "--no-input")


def test_backup_refuses_a_directory_that_is_not_empty(tmp_path):
    (tmp_path / "notes.txt").write_text("something else")
    with pytest.raises(CommandError, match="is not empty: give a new or empty directory"):
        call_command("backup", str(tmp_path))


def test_backup_refuses_a_file_as_its_directory(tmp_path):
    path = tmp_path / "backup.tar"
    path.write_text("")
    with pytest.raises(CommandError, match="is a file, not a directory"):
        call_command("backup", str(path))


def test_restore_refuses_a_directory_without_a_manifest(tmp_path):
    (tmp_path / "database.sqlite3").write_bytes(b"")
    with pytest.raises(CommandError, match=r"has no manifest\.json: it is not a complete backup"):
        call_command("restore", str(tmp_path), "--no-input")


def test_restore_refuses_a_directory_that_does_not_exist(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore", str(tmp_path / "nowhere"), "--no-input")


@pytest.mark.django_db(transaction=True)
def test_restore_asks_first_and_changes_nothing_unless_told_yes(
    site, tmp_path, monkeypatch, media_root
):
    directory = tmp_path / "backup"
    call_command("backup", str(directory))
    SupportCaseFactory(district=None, name="後から 入力")
    default_storage.save("documents/later.txt", ContentFile(b"later"))
    monkeypatch.setattr("builtins.input", lambda prompt: "no")

    with pytest.raises(CommandError, match="Restore cancelled: nothing was changed"):
        call_command("restore", str(directory))

    assert SupportCase.objects.filter(name="後から 入力").exists()
    assert (media_root / "documents" / "later.txt").exists()


@pytest.mark.django_db(transaction=True)
def test_backup_force_replaces_an_earlier_backup(site, tmp_path):
    directory = tmp_path / "backup"
    call_command("backup", str(directory))
    SupportCaseFactory(district=None)

    call_command("backup", str(directory), "--force")

    manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["row_counts"]["support.SupportCase"] == 3


@pytest.mark.django_db
def test_backup_with_media_on_object_storage_backs_up_the_database_only(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    directory = tmp_path / "backup"
    errors = io.StringIO()

    call_command("backup", str(directory), stderr=errors)

    manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["media"]["included"] is False
    assert not (directory / "media").exists()
    assert "Media are on object storage, not in this backup" in errors.getvalue()
