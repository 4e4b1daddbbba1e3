"""Demo content of `support/`: the intake page and thirty clearly fictional cases.

Every person is 架空 (fictional) by name, with example.jp addresses and
090-0000-xxxx numbers, and every free text says デモ用の架空の事例です. The
references are fixed (drawn from a seeded generator), so loading again adds
nothing: `make run` calls this on every start. Loaded only by `manage.py
load_demo`, never by migrations.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from django.conf import settings
from django.utils import timezone

from . import audit
from .choices import (
    TRANSITIONS,
    AuditAction,
    ConsentKind,
    ConsentMethod,
    ContactKind,
    ContactMethod,
    MatchOutcome,
    RequesterType,
    Source,
    Status,
)
from .models import (
    CaseConsent,
    CaseContact,
    CaseMatch,
    CaseStatusChange,
    SupportCase,
)
from .permissions import grant_support_permissions
from .services import REFERENCE_ALPHABET, REFERENCE_LENGTH

DEMO_NOTE = "デモ用の架空の事例です。"
DEMO_COUNT = 30
GIVEN_NAMES = [
    ("太郎", "たろう"),
    ("花子", "はなこ"),
    ("次郎", "じろう"),
    ("良子", "よしこ"),
    ("三郎", "さぶろう"),
    ("和子", "かずこ"),
    ("四郎", "しろう"),
    ("幸子", "さちこ"),
    ("五郎", "ごろう"),
    ("節子", "せつこ"),
]
DISTRICT_SLUGS = [
    "daini", "daisan", "tobu", "chuo", "johoku", "shimauchi", "kamada", "hata", "shiga",
    "imai", "okada", "sasaga", "wada", "hongo", "azusagawa",
]  # fmt: skip
#: (status, count): thirty cases across the whole workflow.
STATUS_PLAN = [
    (Status.RECEIVED, 5),
    (Status.CONTACTED, 4),
    (Status.MATCHING, 5),
    (Status.PARTICIPATING, 6),
    (Status.FOLLOW_UP, 4),
    (Status.CLOSED, 4),
    (Status.WITHDRAWN, 2),
]
PATH = [Status.RECEIVED, Status.CONTACTED, Status.MATCHING, Status.PARTICIPATING,
        Status.FOLLOW_UP, Status.CLOSED]  # fmt: skip
REQUESTS = [
    ("exercise", "近所で体操ができる場所を探しています。"),
    ("salon", "一人暮らしで話し相手がほしいです。お茶会に行ってみたいです。"),
    ("hobby", "退職したので、囲碁か書道を習いたいです。"),
    ("volunteer", "子どもの見守りのボランティアをしてみたいです。"),
    ("children", "引っ越してきたばかりで、子育ての仲間がいません。"),
    ("meals", "母が食事会に参加できるか知りたいです。"),
    ("consult", "外に出るのがおっくうになっていて、相談したいです。"),
]
#: Unassigned demo requests: postcode and address only, for the district suggestion.
UNASSIGNED = [("390-0812", "県3丁目"), ("399-0034", "野溝東2丁目"), ("", "島内")]


def demo_references() -> list[str]:
    generator = random.Random(20260401)
    return [
        "S-" + "".join(generator.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
        for _ in range(DEMO_COUNT)
    ]


def _statuses() -> list[str]:
    return [status for status, count in STATUS_PLAN for _ in range(count)]


def _path_to(status: str) -> list[str]:
    if status == Status.WITHDRAWN:
        return [Status.RECEIVED, Status.CONTACTED, Status.WITHDRAWN]
    return PATH[: PATH.index(status) + 1]


def load_demo_support() -> Iterator[str]:
    from home.models import DistrictPage, HomePage

    from .pages import ensure_city_intake_page

    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if home is None:
        yield "no home page yet: load the districts first"
        return
    ensure_city_intake_page(home)
    grant_support_permissions()
    districts = {
        page.slug: page
        for page in DistrictPage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE, slug__in=DISTRICT_SLUGS
        )
    }
    existing = set(SupportCase.objects.filter(is_demo=True).values_list("reference", flat=True))
    created = 0
    now = timezone.now()
    generator = random.Random(42)
    statuses = _statuses()
    for index, reference in enumerate(demo_references()):
        if reference in existing:
            continue
        status = statuses[index]
        unassigned = status == Status.RECEIVED and index < len(UNASSIGNED)
        district = (
            None if unassigned else districts.get(DISTRICT_SLUGS[index % len(DISTRICT_SLUGS)])
        )
        _create_case(index, reference, status, district, unassigned, now, generator)
        created += 1
    yield f"intake page at /support/ and /en/support/; {created} fictional demo cases added"


def _create_case(index, reference, status, district, unassigned, now, generator):
    given, reading = GIVEN_NAMES[index % len(GIVEN_NAMES)]
    interest, request = REQUESTS[index % len(REQUESTS)]
    created_at = now - dt.timedelta(days=400 - index * 13, hours=generator.randint(0, 8))
    sensitive = index % 4 == 0
    postcode, address = UNASSIGNED[index] if unassigned else ("", "")
    case = SupportCase(
        reference=reference,
        is_demo=True,
        source=[Source.WEB, Source.WEB, Source.PHONE, Source.VISIT, Source.REFERRAL][index % 5],
        language="ja" if index % 6 else "en",
        district=district,
        requester_type=RequesterType.values[index % len(RequesterType.values)],
        requester_name="架空 一郎" if index % 4 == 1 else "",
        name=f"架空 {given}",
        furigana=f"かくう {reading}",
        postcode=postcode,
        address=address,
        phone=f"090-0000-{index:04d}",
        email=f"demo-{index:02d}@example.jp" if index % 3 == 0 else "",
        contact_method=ContactMethod.PHONE if index % 3 else ContactMethod.ANY,
        contact_time="平日の午前中" if index % 2 else "",
        interests=[interest] + (["salon"] if index % 5 == 0 and interest != "salon" else []),
        difficulties=[["transport"], ["alone"], ["caring"], [], ["money", "transport"]][index % 5],
        health_needs=["mobility"] if sensitive else [],
        health_details=f"膝が痛く、長い距離を歩けません。{DEMO_NOTE}" if sensitive else "",
        request_text=f"{request}{DEMO_NOTE}",
        consent_contact=True,
        consent_share=index % 2 == 0,
        consent_sensitive=sensitive,
        created_at=created_at,
        status=Status.RECEIVED,
        status_changed_at=created_at,
    )
    if unassigned:
        from .geo import suggest_district

        suggestion = suggest_district(postcode, address)
        if suggestion is not None:
            case.suggested_district = suggestion.district
            case.district_suggestion_note = suggestion.note()
    case.save()
    method = ConsentMethod.FORM if case.source == Source.WEB else ConsentMethod.ORAL
    for kind, given_consent in (
        (ConsentKind.CONTACT, True),
        (ConsentKind.SHARE, case.consent_share),
        (ConsentKind.SENSITIVE, sensitive),
    ):
        CaseConsent.objects.create(
            case=case, kind=kind, given=given_consent, method=method, recorded_at=created_at
        )
    audit.record(None, AuditAction.CREATE, case, "demo")
    _walk(case, index, status, created_at, generator, district)


def _walk(case, index, status, created_at, generator, district):
    """Record the demo case's history along the workflow up to `status`."""
    moment = created_at
    previous = ""
    for step in _path_to(status):
        if previous:
            assert step in TRANSITIONS[previous]
            moment += dt.timedelta(days=generator.randint(1, 6), hours=generator.randint(1, 5))
        CaseStatusChange.objects.create(
            case=case,
            from_status=previous,
            to_status=step,
            changed_at=moment,
            note="" if not previous else DEMO_NOTE,
        )
        if step == Status.CONTACTED:
            case.first_contacted_at = moment
            CaseContact.objects.create(
                case=case,
                kind=ContactKind.PHONE,
                happened_at=moment,
                notes=f"電話で希望を聞きました。{DEMO_NOTE}",
            )
        if step == Status.MATCHING and district is not None:
            CaseMatch.objects.create(
                case=case,
                page=district,
                label="福祉ひろば 健康体操（デモ）",
                outcome=MatchOutcome.PROPOSED,
                note=DEMO_NOTE,
                created_at=moment,
            )
        previous = step
    case.status = status
    case.status_changed_at = moment
    if status in (Status.CLOSED, Status.WITHDRAWN):
        case.closed_at = moment
    if status in (Status.PARTICIPATING, Status.FOLLOW_UP, Status.CLOSED):
        outcome = MatchOutcome.DID_NOT_SUIT if index % 5 == 0 else MatchOutcome.JOINED
        case.matches.update(outcome=outcome)
    if status in (Status.PARTICIPATING, Status.FOLLOW_UP):
        # Some follow-ups are overdue, to show the dashboard's list.
        case.next_follow_up = timezone.localdate() + dt.timedelta(days=generator.randint(-10, 30))
    if status == Status.FOLLOW_UP and index % 2 == 0:
        case.escalation_requested_at = moment
        case.escalation_reason = f"複数の分野にまたがる課題があるため。{DEMO_NOTE}"
        case.support_meeting_at = moment + dt.timedelta(days=3)
        case.confidential = True
    case.save()
