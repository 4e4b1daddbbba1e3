"""Demo events: two series in every district over the next three months, in Japanese and English.

Exercise classes (健康体操教室), salons (ふれあいサロン), children's plaza days
(こどもプラザの日) and consultation days (出張相談会), and in every fourth district a
parent-and-child class that takes registrations (親子ふれあい教室), at the district's demo
places where they exist (places' demo loader: `demo-hub-<slug>`,
`demo-salon-<slug>`) or at the hub. All fictional, and they say so. Loading
again adds only what is missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from home.models import DistrictPage
from places.models import PlacePage, TargetGroup
from portal.demo import demo_district_slugs
from portal.translation import publish_translations

from .models import EventException, EventKind, EventPage, ExceptionKind
from .recurrence import Frequency, local_datetime, week_of_month

FICTIONAL = "（デモ用の架空の情報です）"
FICTIONAL_EN = "(Fictional, for the demo.)"
SPAN = dt.timedelta(days=91)


@dataclass(frozen=True)
class DemoSeries:
    key: str
    kind: str
    title: str
    title_en: str
    summary: str
    summary_en: str
    repeat: str
    starts: dt.time
    ends: dt.time
    venue: str  # "hub" or "salon"
    targets: tuple[str, ...]
    is_free: bool = True
    fee: tuple[str, str] = ("", "")
    what_to_bring: tuple[str, str] = ("", "")
    accessibility: tuple[str, str] = ("", "")
    registration_required: bool = False
    capacity: int | None = None
    nths: tuple[int, ...] = field(default=())


SERIES = [
    DemoSeries(
        key="exercise",
        kind="exercise",
        title="健康体操教室",
        title_en="Health Exercise Class",
        summary=f"椅子に座ってできる、ゆっくりした体操です。初めての方も歓迎です。{FICTIONAL}",
        summary_en=(
            f"Gentle exercise you can do sitting on a chair. Beginners welcome. {FICTIONAL_EN}"
        ),
        repeat=Frequency.WEEKLY,
        starts=dt.time(10, 0),
        ends=dt.time(11, 30),
        venue="hub",
        targets=("elderly", "anyone"),
        what_to_bring=(
            "タオル、飲み物、動きやすい服装",
            "A towel, a drink and comfortable clothes",
        ),
        accessibility=(
            "会場は1階で、段差はありません。椅子に座ったままでも参加できます。",
            "The room is on the ground floor with no steps. You can take part sitting down.",
        ),
    ),
    DemoSeries(
        key="salon",
        kind="salon",
        title="ふれあいサロン",
        title_en="Friendship Salon",
        summary=f"お茶を飲みながら、おしゃべりや脳トレを楽しむ集まりです。{FICTIONAL}",
        summary_en=f"Tea, a chat and brain games together. {FICTIONAL_EN}",
        repeat=Frequency.MONTHLY_WEEKDAY,
        nths=(2, 4),
        starts=dt.time(13, 30),
        ends=dt.time(15, 30),
        venue="salon",
        targets=("elderly", "anyone"),
        is_free=False,
        fee=("100円（お茶代）", "100 yen (for tea)"),
    ),
    DemoSeries(
        key="plaza",
        kind="childcare",
        title="こどもプラザの日",
        title_en="Children's Plaza Day",
        summary=f"0歳から就学前のお子さんと保護者が、自由に遊べる日です。{FICTIONAL}",
        summary_en=f"A day for children under school age and their parents to play. {FICTIONAL_EN}",
        repeat=Frequency.MONTHLY_DATE,
        starts=dt.time(10, 0),
        ends=dt.time(12, 0),
        venue="hub",
        targets=("children",),
        what_to_bring=(
            "お子さんの飲み物、着替え",
            "A drink and a change of clothes for your child",
        ),
    ),
    DemoSeries(
        key="consultation",
        kind="consultation",
        title="出張相談会",
        title_en="Local Consultation Day",
        summary=(
            "介護・障がい・子育て・暮らしのお金のことなど、何でも相談できます。"
            f"秘密は守ります。{FICTIONAL}"
        ),
        summary_en=(
            "Ask about care, disability, raising children, money or anything else. "
            f"In confidence. {FICTIONAL_EN}"
        ),
        repeat=Frequency.MONTHLY_WEEKDAY,
        nths=(3,),
        starts=dt.time(13, 0),
        ends=dt.time(16, 0),
        venue="hub",
        targets=("anyone", "hardship", "disability"),
        registration_required=True,
        capacity=6,
        accessibility=(
            "手話通訳や筆談が必要な方は、1週間前までに地区の拠点へご連絡ください。",
            "If you need sign language interpreting or written communication, "
            "tell the district hub a week before.",
        ),
    ),
]


#: A registration-only childcare class, in every fourth district (by its place in the file)
#: as a third series: so that the demo has a childcare event that needs registering.
PARENTING = DemoSeries(
    key="parenting",
    kind="childcare",
    title="親子ふれあい教室",
    title_en="Parent and Child Class",
    summary="1〜3歳のお子さんと保護者が、手遊びや親子体操をいっしょに楽しむ教室です。"
    f"申込が必要です。{FICTIONAL}",
    summary_en="Hand games and exercise for children aged 1 to 3 with their parents. "
    f"Registration needed. {FICTIONAL_EN}",
    repeat=Frequency.MONTHLY_WEEKDAY,
    nths=(1,),
    starts=dt.time(10, 30),
    ends=dt.time(11, 30),
    venue="hub",
    targets=("children",),
    registration_required=True,
    capacity=10,
    what_to_bring=("お子さんの飲み物とタオル", "A drink and a towel for your child"),
)
PARENTING_EVERY = 4


def district_series(index: int) -> list[tuple[DemoSeries, bool]]:
    """The demo series of the district at `index`, each with whether it shows a change."""
    series = [(SERIES[(index + offset) % len(SERIES)], offset == 0) for offset in (0, 1)]
    if index % PARENTING_EVERY == 1:
        series.append((PARENTING, False))
    return series


def _first_date(series: DemoSeries, index: int, today: dt.date) -> dt.date:
    """The first date on or after today that fits the series of district `index`."""
    weekday = index % 5
    month_day = 10 + index % 15
    for offset in range(0, 400):
        day = today + dt.timedelta(days=offset)
        if series.repeat == Frequency.WEEKLY and day.weekday() == (weekday + 2) % 5:
            return day
        if series.repeat == Frequency.MONTHLY_DATE and day.day == month_day:
            return day
        if (
            series.repeat == Frequency.MONTHLY_WEEKDAY
            and day.weekday() == weekday
            and week_of_month(day) in series.nths
        ):
            return day
    raise RuntimeError("no date fits the demo series")


def _english() -> Locale:
    return Locale.objects.get(language_code="en")


def _build(
    series: DemoSeries, index: int, district: DistrictPage, places, *, with_change: bool
) -> EventPage:
    today = timezone.localdate()
    first = _first_date(series, index, today)
    venue = places.get(f"demo-{series.venue}-{district.slug}")
    page = EventPage(
        title=f"{district.title} {series.title}",
        slug=f"demo-{series.key}",
        kind=EventKind.objects.get(slug=series.kind),
        summary=series.summary,
        start=local_datetime(first, series.starts),
        end=local_datetime(first, series.ends),
        repeat=series.repeat,
        repeat_interval=1,
        repeat_nths=",".join(str(n) for n in series.nths),
        repeat_until=today + SPAN,
        skip_holidays=True,
        venue=venue,
        is_free=series.is_free,
        fee=series.fee[0],
        what_to_bring=series.what_to_bring[0],
        accessibility_note=series.accessibility[0],
        registration_required=series.registration_required,
        capacity=series.capacity,
        organiser=f"{district.title}社会福祉協議会",
    )
    district.add_child(instance=page)
    page.target_groups.set(TargetGroup.objects.filter(slug__in=series.targets))
    originals = page.series().originals()
    # In some districts the first series shows what a change to one date looks like.
    if with_change and index % 4 == 0 and len(originals) > 3:
        EventException(
            page=page,
            date=originals[2].date(),
            change=ExceptionKind.CANCELLED,
            note=f"会場の点検のため、この日はお休みです。{FICTIONAL}",
        ).save()
    elif with_change and index % 4 == 1 and len(originals) > 2:
        moved = originals[1] + dt.timedelta(days=1)
        EventException(
            page=page,
            date=originals[1].date(),
            change=ExceptionKind.MOVED,
            new_start=moved,
            new_end=moved + (page.end - page.start),
            note=f"会場の都合で、この回は翌日に変更します。{FICTIONAL}",
        ).save()
    page.save_revision().publish()
    return page


def _english_texts(series: DemoSeries, district: DistrictPage, english_district) -> dict[str, str]:
    pairs = [
        (f"{district.title} {series.title}", f"{english_district.title}: {series.title_en}"),
        (series.summary, series.summary_en),
        (series.fee[0], series.fee[1]),
        (series.what_to_bring[0], series.what_to_bring[1]),
        (series.accessibility[0], series.accessibility[1]),
        (f"{district.title}社会福祉協議会", f"{english_district.title} Council of Social Welfare"),
    ]
    return {ja: en for ja, en in pairs if ja}


def load_demo_events(only: Iterable[str] | None = None) -> Iterator[str]:
    """Load the demo series (of the districts whose slugs are in `only`, if given)."""
    if only is None:
        only = demo_district_slugs()
    english = _english()
    districts = list(DistrictPage.objects.filter(locale__language_code="ja").order_by("path"))
    existing = set(
        EventPage.objects.filter(slug__startswith="demo-", locale__language_code="ja").values_list(
            "district_id", "slug"
        )
    )
    places = {
        place.external_id: place
        for place in PlacePage.objects.filter(
            external_id__startswith="demo-", locale__language_code="ja"
        )
    }
    created = 0
    for index, district in enumerate(districts):
        if only is not None and district.slug not in only:
            continue
        english_district = district.get_translation_or_none(english) or district
        for series, with_change in district_series(index):
            if (district.pk, f"demo-{series.key}") in existing:
                continue
            with transaction.atomic():
                page = _build(series, index, district, places, with_change=with_change)
                publish_translations(page, _english_texts(series, district, english_district))
            created += 1
    if created:
        yield f"{created} event series loaded"
    else:
        yield "demo events already loaded"
