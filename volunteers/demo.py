"""Demo volunteer opportunities: two per district, with shifts over the next two months,
in Japanese with their English translation.

Idempotent: an opportunity that exists already (by its slug under its district)
is left as staff may have edited it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils import timezone
from wagtail.models import Locale

from home.models import DistrictPage
from portal.demo import demo_district_slugs
from portal.signups import sign_up
from portal.translation import publish_translations

from .models import VolunteerOpportunityPage, VolunteerShift
from .shifts import ShiftSeries

PER_DISTRICT = 2
#: Days after today of the first and the last shift (then moved to the template's
#: weekday): within two months, one every three weeks.
SHIFT_OFFSETS = (4, 46)
SHIFT_EVERY_WEEKS = 3


@dataclass(frozen=True)
class Template:
    slug: str
    title: tuple[str, str]
    role: tuple[str, str]
    description: tuple[str, str]
    conditions: tuple[str, str]
    weekday: int  # Monday is 0
    start: tuple[int, int]
    end: tuple[int, int]
    capacity: int


TEMPLATES = [
    Template(
        slug="salon-helper",
        title=("ふれあいサロンのお手伝い", "Helping at the community salon"),
        role=("受付・お茶出し・片付け", "Reception, serving tea and tidying up"),
        description=(
            "地区の高齢の方が集まるサロンで、受付でお迎えし、お茶とお菓子を出して、"
            "いっしょにおしゃべりを楽しみます。終わったら、机といすを片付けます。",
            "At the salon where older people of the district meet, you welcome them at the "
            "door, serve tea and snacks and join the conversation. Afterwards you help put "
            "the tables and chairs away.",
        ),
        conditions=(
            "どなたでも参加できます。特別な資格は要りません。",
            "Anyone can take part. No qualifications are needed.",
        ),
        weekday=1,
        start=(13, 30),
        end=(15, 30),
        capacity=4,
    ),
    Template(
        slug="driving",
        title=("送迎ボランティア（通院・買い物）", "Driving volunteers (hospital and shopping)"),
        role=("車の運転と付き添い", "Driving and going along"),
        description=(
            "車の運転が難しい方の、通院や買い物の送り迎えをします。"
            "ご自分の車を使います。ガソリン代と保険は地区が負担します。",
            "You drive people who cannot drive themselves to hospital or to the shops and "
            "back, in your own car. The district pays for fuel and insurance.",
        ),
        conditions=(
            "普通自動車の運転免許があり、運転して3年以上の方。"
            "はじめての方は、事前に1時間の説明会に参加してください。",
            "A driving licence held for 3 years or more. First-timers attend a one-hour "
            "briefing beforehand.",
        ),
        weekday=3,
        start=(9, 0),
        end=(12, 0),
        capacity=2,
    ),
    Template(
        slug="story-time",
        title=("こどもプラザの読み聞かせ", "Reading stories at the children's plaza"),
        role=("絵本の読み聞かせ", "Reading picture books aloud"),
        description=(
            "小さな子どもと保護者の前で、絵本を読みます。読む本は、用意した本から選べます。",
            "You read picture books to small children and their parents. You can choose from "
            "the books we have ready.",
        ),
        conditions=(
            "高校生以上の方。絵本が好きなら、経験は問いません。",
            "High-school age or older. No experience needed if you like picture books.",
        ),
        weekday=5,
        start=(10, 30),
        end=(11, 30),
        capacity=3,
    ),
    Template(
        slug="exercise-class",
        title=("健康体操教室の準備と見守り", "Helping at the health exercise class"),
        role=("会場の準備・参加者の見守り", "Setting up the room and looking after participants"),
        description=(
            "体操教室の前に、いすやマットを並べます。体操の間は参加者の様子に気を配り、"
            "困っている方に声をかけます。",
            "Before the class you set out chairs and mats. During the exercises you keep an "
            "eye on the participants and help anyone who needs it.",
        ),
        conditions=(
            "18歳以上の方。体操の指導は講師が行います。",
            "Aged 18 or over. The instructor leads the exercises.",
        ),
        weekday=2,
        start=(9, 30),
        end=(11, 30),
        capacity=3,
    ),
    Template(
        slug="flower-beds",
        title=("地区の花壇づくり", "Planting the district flower beds"),
        role=("花の植え付けと水やり", "Planting and watering"),
        description=(
            "公民館のまわりの花壇に、季節の花を植えます。道具と手袋は用意します。"
            "汚れてもよい服でお越しください。",
            "You plant seasonal flowers in the beds around the community hall. Tools and "
            "gloves are provided; wear clothes that can get dirty.",
        ),
        conditions=(
            "どなたでも参加できます。小学生は保護者といっしょに参加してください。",
            "Anyone can take part. Primary-school children come with a parent.",
        ),
        weekday=5,
        start=(9, 0),
        end=(11, 0),
        capacity=8,
    ),
    Template(
        slug="meal-delivery",
        title=("配食サービスのお弁当配り", "Delivering meals to older residents"),
        role=("お弁当の配達と声かけ", "Delivering lunch boxes and a friendly word"),
        description=(
            "ひとり暮らしの高齢の方のお宅に、お弁当を届けます。お渡しするときに様子をうかがい、"
            "気になることがあれば地区の職員に伝えます。",
            "You take lunch boxes to older people who live alone. When you hand them over "
            "you ask how they are, and tell the district staff if anything worries you.",
        ),
        conditions=(
            "18歳以上で、自転車か車で地区の中を回れる方。",
            "Aged 18 or over, able to get around the district by bicycle or car.",
        ),
        weekday=4,
        start=(11, 0),
        end=(13, 0),
        capacity=3,
    ),
    Template(
        slug="children-cafeteria",
        title=("子ども食堂の調理のお手伝い", "Cooking at the children's cafeteria"),
        role=("調理の補助・盛り付け・配膳", "Helping to cook, serve and clear up"),
        description=(
            "地域の子どもたちに夕ごはんを作ります。野菜を切ったり、盛り付けや配膳をしたりします。",
            "You help cook dinner for local children: cutting vegetables, serving up and "
            "bringing the plates to the tables.",
        ),
        conditions=(
            "18歳以上の方。エプロンと三角巾（バンダナ）をお持ちください。",
            "Aged 18 or over. Please bring an apron and a headscarf or bandana.",
        ),
        weekday=3,
        start=(16, 0),
        end=(19, 0),
        capacity=5,
    ),
]

DEMO_SIGNUPS = [
    ("松本 花子", "まつもと はなこ", "hanako@example.jp", ""),
    ("中町 一郎", "なかまち いちろう", "", "0263-00-1234"),
    ("本庄 さくら", "ほんじょう さくら", "sakura@example.jp", ""),
    ("Emily Brown", "", "emily@example.com", ""),
    ("城東 健", "じょうとう けん", "ken@example.jp", "090-0000-5678"),
]


def shift_times(template: Template, district_number: int, today: dt.date):
    """A shift every three weeks on the template's weekday, over the next two months,
    skipping national holidays and 年末年始 as a city's own series would."""
    first = today + dt.timedelta(days=SHIFT_OFFSETS[0] + district_number % 7)
    first += dt.timedelta(days=(template.weekday - first.weekday()) % 7)
    start = timezone.make_aware(dt.datetime.combine(first, dt.time(*template.start)))
    end = timezone.make_aware(dt.datetime.combine(first, dt.time(*template.end)))
    span = SHIFT_OFFSETS[-1] - SHIFT_OFFSETS[0]
    return ShiftSeries(
        first_start=start,
        first_end=end,
        until=first + dt.timedelta(days=span),
        every_weeks=SHIFT_EVERY_WEEKS,
    ).times()


def create_opportunity(
    district: DistrictPage, english_district, template: Template, number: int
) -> VolunteerOpportunityPage:
    english_title = english_district.title if english_district else district.title
    hub_en = english_district.hub_name if english_district else district.hub_name
    contact_ja = f"{district.title} 地域づくりセンター"
    contact_en = f"{english_title} community-building centre"
    page = VolunteerOpportunityPage(
        title=template.title[0],
        slug=template.slug,
        role=template.role[0],
        description=template.description[0],
        conditions=template.conditions[0],
        venue_name=district.hub_name,
        venue_address=district.hub_address,
        latitude=district.latitude,
        longitude=district.longitude,
        contact_name=contact_ja,
    )
    today = timezone.localdate()
    page.shifts = [
        VolunteerShift(start=start, end=end, capacity=template.capacity)
        for start, end in shift_times(template, number, today)
    ]
    district.add_child(instance=page)
    page.save_revision().publish()
    publish_translations(
        page,
        {
            template.title[0]: template.title[1],
            template.role[0]: template.role[1],
            template.description[0]: template.description[1],
            template.conditions[0]: template.conditions[1],
            district.hub_name: hub_en,
            contact_ja: contact_en,
        },
    )
    return page


def add_demo_signups(page: VolunteerOpportunityPage) -> int:
    """Fill the first shift (and one on its waiting list), so the roster has something to show."""
    shift = page.shifts.order_by("start").first()
    count = 0
    for name, furigana, email, phone in DEMO_SIGNUPS[: shift.capacity + 1]:
        sign_up(
            shift,
            name=name,
            furigana=furigana,
            email=email,
            phone=phone,
            language="en" if not furigana else "ja",
        )
        count += 1
    return count


def load_demo_opportunities(district_slugs: list[str] | None = None) -> Iterator[str]:
    default = Locale.get_default()
    english = Locale.objects.filter(language_code="en").first()
    districts = DistrictPage.objects.filter(locale=default).order_by("path")
    if district_slugs is None:
        district_slugs = demo_district_slugs()
    if district_slugs is not None:
        districts = districts.filter(slug__in=district_slugs)
    districts = list(districts)
    created = 0
    for number, district in enumerate(districts):
        existing = set(
            VolunteerOpportunityPage.objects.child_of(district).values_list("slug", flat=True)
        )
        english_district = district.get_translation_or_none(english) if english else None
        for k in range(PER_DISTRICT):
            template = TEMPLATES[(number * PER_DISTRICT + k) % len(TEMPLATES)]
            if template.slug in existing:
                continue
            page = create_opportunity(
                district, english_district.specific if english_district else None, template, number
            )
            created += 1
            if district.slug == "daini" and k == 0:
                yield f"{add_demo_signups(page)} demo sign-ups on {district.slug}/{page.slug}"
    yield f"{created} volunteer opportunities created ({len(districts)} districts)"
