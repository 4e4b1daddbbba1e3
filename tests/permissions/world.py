"""District A's objects, with a unique canary string in each, and the people who probe them.

District A is 第三地区 (daisan). Its pages (a never-published draft, a live
place with an unpublished draft title, an English translation that was
unpublished), a case with every kind of child row, an intake page of the
district with a submission, a volunteer shift with a sign-up and an event
with a registration each carry a canary: an ASCII word that appears nowhere
else, so that it survives HTML escaping, JSON's \\u escapes and CSV quoting.

The people (`ROLES`): staff of another district (第二地区), agency staff who
are on the team of another case of district A (so "from outside the
district" but with a foot in the door), a user with admin access only, and
anonymous; district A's own staff are the positive control.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowTask,
)
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from events.models import EventKind
from events.registration_models import EventRegistration, EventRegistrationSlot
from home.models import DistrictPage
from home.permissions import grant_page_permissions
from places.models import AccessibilityFeature, PlaceKind, TargetGroup
from portal.signups import SignupStatus, sign_up
from portal.translation import publish_translations
from support.models import DistrictMailbox, SupportIntakeFormField, SupportIntakePage
from support.services import add_match, add_member, change_status, record_contact, submit_intake
from tests.consult.factories import ConsultationWindowFactory
from tests.events.factories import EventPageFactory, tokyo
from tests.factories import UserFactory
from tests.places.factories import PlacePageFactory
from tests.support.factories import SupportCaseFactory, intake_data
from tests.volunteers.factories import (
    VolunteerOpportunityPageFactory,
    VolunteerShiftFactory,
    days_ahead,
)

ROLES = ("other", "agency", "admin_only", "anonymous")

#: Every canary, by what it marks. Case references are added when the case exists.
CANARIES = {
    "draft_title": "CanaryDraftPage7Q",
    "draft_body": "CanaryDraftSummary7Q",
    "pending_title": "CanaryPendingTitle7Q",
    "unpublished_en": "CanaryUnpublishedEnglish7Q",
    "case_name": "CanaryCaseName7Q",
    "case_request": "CanaryCaseRequest7Q",
    "case_health": "CanaryCaseHealth7Q",
    "contact_note": "CanaryContactNote7Q",
    "status_note": "CanaryStatusNote7Q",
    "match_note": "CanaryMatchNote7Q",
    "member_role": "CanaryMemberRole7Q",
    "escalation": "CanaryEscalation7Q",
    "intake_name": "CanaryIntakeName7Q",
    "intake_answer": "CanaryIntakeAnswer7Q",
    "moderated_title": "CanaryModeratedPage7Q",
    "intake_draft_title": "CanaryIntakeDraft7Q",
    "signup_name": "CanarySignupName7Q",
    "signup_note": "CanarySignupNote7Q",
    "registration_name": "CanaryRegistrationName7Q",
}
#: Seen by agency staff and users with admin access only nowhere: the staff of a third
#: district, unrelated to every case (the team-member chooser must not list them to them).
STAFF_CANARY = "CanaryStaffSurname7Q"


@dataclass
class World:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)
    canaries: dict = field(default_factory=dict)

    def __getitem__(self, name):
        return self.objects[name]


def _district(slug: str) -> DistrictPage:
    return DistrictPage.objects.get(slug=slug, locale__language_code="ja")


def _moderation_workflow() -> Workflow:
    """Wagtail's default workflow (a migration creates it; a flushed database has none)."""
    workflow = Workflow.objects.filter(active=True).first()
    if workflow is not None:
        return workflow
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    task = GroupApprovalTask.objects.create(name="承認")
    task.groups.add(moderators)
    workflow = Workflow.objects.create(name="承認の流れ")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def build_world() -> World:
    """Create district A's canaried objects and the people; return them by name."""
    world = World(canaries=dict(CANARIES))
    c = world.canaries
    a, b = _district("daisan"), _district("daini")
    english = Locale.objects.get(language_code="en")
    home = a.get_parent().get_parent()

    # What `load_districts` grants (again: a database flushed by a transactional test
    # has lost the groups' global permissions).
    for district in (a, b):
        grant_page_permissions(district.staff_group, district)
    own = UserFactory(district=a)
    other = UserFactory(district=b)
    agency = UserFactory(agency=True)
    admin_only = UserFactory(admin_access=True)
    third = UserFactory(district=_district("tobu"), last_name=STAFF_CANARY)
    world.users = {
        "own": own,
        "other": other,
        "agency": agency,
        "admin_only": admin_only,
        "third": third,
    }

    # Pages: a never-published draft, a live place with a pending draft, a live place
    # whose English copy was unpublished, and a district intake page.
    draft = EventPageFactory(parent=a, title=c["draft_title"], summary=c["draft_body"], live=False)
    draft.save_revision()
    place = PlacePageFactory(parent=a, title="第三地区 いきいきサロン", slug="canary-salon")
    place.save_revision().publish()
    publish_translations(place, {"第三地区 いきいきサロン": "Daisan Salon"})
    place.refresh_from_db()
    place.title = c["pending_title"]
    place.save_revision()
    translated = PlacePageFactory(parent=a, title="第三地区 体操の会", slug="canary-exercise")
    translated.save_revision().publish()
    publish_translations(translated, {"第三地区 体操の会": c["unpublished_en"]})
    translated_en = translated.get_translation(english)
    translated_en.unpublish()
    source = TranslationSource.objects.get(object_id=translated.translation_key)
    translation = Translation.objects.get(source=source, target_locale=english)
    segment = StringSegment.objects.filter(source=source).first()

    # A draft submitted to Wagtail's default workflow (Moderators approval, on the root).
    moderated = PlacePageFactory(
        parent=a, title=c["moderated_title"], slug="canary-moderated", live=False
    )
    moderated_revision = moderated.save_revision(user=own)
    workflow_state = _moderation_workflow().start(moderated, own)
    task_state = workflow_state.current_task_state

    intake_page = SupportIntakePage(title="第三地区 参加・相談のお申し込み", slug="district-intake")
    intake_page.form_fields.add(
        SupportIntakeFormField(clean_name="favourite", label="好きなこと", field_type="singleline")
    )
    a.add_child(instance=intake_page)
    intake_page.save_revision().publish()

    # A second intake page of the district, never published.
    intake_draft = SupportIntakePage(
        title=c["intake_draft_title"], slug="canary-intake", live=False
    )
    a.add_child(instance=intake_draft)
    intake_draft.save_revision()

    # The case, with every kind of child row.
    case = SupportCaseFactory(
        district=a,
        name=c["case_name"],
        request_text=c["case_request"],
        consent_share=True,
        consent_sensitive=True,
        health_details=c["case_health"],
        lead=own,
        escalation_reason=c["escalation"],
        escalation_requested_at=timezone.now(),
    )
    change_status(case, "contacted", by=own, note=c["status_note"])
    contact = record_contact(case, by=own, kind="phone", notes=c["contact_note"])
    member = add_member(case, own, by=own, role=c["member_role"])
    match = add_match(case, by=own, label="第三地区 体操の会", note=c["match_note"])

    # A case of district A that the agency's staff are on: not canaried, theirs to see.
    agency_case = SupportCaseFactory(district=a, consent_share=True, name="安曇 三郎")
    agency_member = add_member(
        agency_case, agency, by=own, basis="consent", role="地域包括支援センター"
    )
    agency_match = add_match(agency_case, by=own, label="第三地区 体操の会")

    # A resident's intake through the district's page (its extra answer is canaried).
    form = intake_page.get_form(
        {**intake_data(a, name=c["intake_name"]), "favourite": c["intake_answer"]},
        page=intake_page,
    )
    assert form.is_valid(), form.errors
    submission = submit_intake(intake_page, form)
    intake_case = submission.case

    # Volunteering and an event registration.
    opportunity = VolunteerOpportunityPageFactory(parent=a, slug="canary-helper")
    shift = VolunteerShiftFactory(page=opportunity, start=days_ahead(7), capacity=5)
    opportunity.save_revision().publish()
    signup = sign_up(
        shift, name=c["signup_name"], email="signup@example.jp", note=c["signup_note"]
    ).signup
    event = EventPageFactory(parent=a, slug="canary-event", registration_required=True, capacity=10)
    event.save_revision().publish()

    slot = EventRegistrationSlot.objects.create(
        event=event, occurrence_start=tokyo(2030, 12, 10, 10, 0), capacity=10
    )
    EventRegistration.objects.create(
        slot=slot,
        name=c["registration_name"],
        email="reg@example.jp",
        contact_key="email:reg@example.jp",
        status=SignupStatus.WAITLISTED,
        consented_at=timezone.now(),
    )

    mailbox = DistrictMailbox.objects.create(district=a, email="daisan@city.example.jp")

    c["case_reference"] = case.reference
    c["intake_reference"] = intake_case.reference
    world.objects = {
        "district_a": a,
        "district_b": b,
        "district_index": a.get_parent(),
        "home": home,
        "root": Page.get_first_root_node(),
        "draft": draft,
        "draft_revision": draft.latest_revision,
        "place": place,
        "place_revision": place.latest_revision,
        "translated": translated,
        "translated_en": translated_en,
        "source": source,
        "translation": translation,
        "segment": segment,
        "moderated": moderated,
        "moderated_revision": moderated_revision,
        "workflow_state": workflow_state,
        "task_state": task_state,
        "task": task_state.task,
        "workflow": workflow_state.workflow,
        "intake_page": intake_page,
        "intake_draft": intake_draft,
        "case": case,
        "contact": contact,
        "member": member,
        "match": match,
        "agency_case": agency_case,
        "agency_member": agency_member,
        "agency_match": agency_match,
        "submission": submission,
        "intake_case": intake_case,
        "opportunity": opportunity,
        "shift": shift,
        "signup": signup,
        "event": event,
        "mailbox": mailbox,
        "english": english,
        "staff_group": a.staff_group,
        "site": Site.objects.get(is_default_site=True),
        "event_kind": EventKind.objects.order_by("pk").first(),
        "place_kind": PlaceKind.objects.order_by("pk").first(),
        "window": ConsultationWindowFactory(name_ja="権限テストの相談窓口"),
        "target_group": TargetGroup.objects.order_by("pk").first(),
        "accessibility_feature": AccessibilityFeature.objects.order_by("pk").first(),
        "collection": Collection.get_first_root_node(),
        **world.users,
    }
    return world
