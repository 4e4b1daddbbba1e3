"""Seeding shared by the benchmarks: a city's districts, places, event series and
volunteer opportunities, published directly (live=True, no revisions, no
translations): the benchmarks are about reading.

Every function is idempotent by count: it adds only what is missing, so a
benchmark's database is seeded once and reused by later runs. Django must be
set up by the caller (these functions import models).
"""

from __future__ import annotations

import datetime as dt
import time

EVENT_TITLES = [
    "健康体操教室",
    "ふれあいサロン",
    "こどもプラザの日",
    "出張相談会",
    "脳トレ教室",
    "みんなの食堂",
]

VOLUNTEER_ROLES = [
    ("ふれあいサロンのお手伝い", "受付・お茶出し・片付け", 4),
    ("送迎ボランティア（通院・買い物）", "車の運転と付き添い", 2),
    ("こどもプラザの読み聞かせ", "絵本の読み聞かせ", 3),
    ("健康体操教室の準備と見守り", "会場の準備・参加者の見守り", 3),
    ("地区の花壇づくり", "花の植え付けと水やり", 8),
]


def districts() -> list:
    """The 35 districts in the default locale, loaded once (after migrating)."""
    from django.core.management import call_command

    from home.models import DistrictPage

    call_command("migrate", verbosity=0)
    if not DistrictPage.objects.exists():
        call_command("load_districts", verbosity=0)
    return list(DistrictPage.objects.filter(locale__language_code="ja").order_by("path"))


def _progress(label: str, done: int, every: int) -> None:
    if done % every == 0:
        print(f"  {label} {done}", flush=True)


def seed_places(count: int, slug_prefix: str = "bench-") -> int:
    """Places spread over the districts, a few hundred metres around each hub."""
    from places.models import PlaceKind, PlacePage

    all_districts = districts()
    existing = PlacePage.objects.count()
    if existing >= count:
        return 0
    kinds = list(PlaceKind.objects.all())
    print(f"seeding {count - existing} places (once; later runs reuse them)…", flush=True)
    started = time.perf_counter()
    for n in range(existing, count):
        district = all_districts[n % len(all_districts)]
        district.add_child(
            instance=PlacePage(
                title=f"{district.title}ふれあいサロン第{n}号",
                slug=f"{slug_prefix}{n}",
                kind=kinds[n % len(kinds)],
                summary="お茶を飲みながらおしゃべりと体操を楽しむ集まりです。",
                address=district.hub_address,
                latitude=district.latitude + ((n * 37) % 200 - 100) / 20000,
                longitude=district.longitude + ((n * 53) % 200 - 100) / 20000,
                live=True,
            )
        )
        _progress("places", n, 500)
    print(f"seeded places in {time.perf_counter() - started:.0f} s", flush=True)
    return count - existing


def seed_events(count: int, slug_prefix: str = "bench-") -> int:
    """Recurring series over the next year: nine in ten weekly, one in ten on the 2nd
    and 4th weekday of the month; every tenth has a cancelled date (about 50
    occurrences a series)."""
    from django.utils import timezone

    from events.models import EventException, EventKind, EventPage, rebuild_occurrences
    from events.recurrence import Frequency, local_datetime, week_of_month
    from places.models import TargetGroup

    all_districts = districts()
    existing = EventPage.objects.count()
    if existing >= count:
        return 0
    kinds = list(EventKind.objects.all())
    groups = list(TargetGroup.objects.all())
    today = timezone.localdate()
    print(f"seeding {count - existing} series (once; later runs reuse them)…", flush=True)
    started = time.perf_counter()
    for n in range(existing, count):
        district = all_districts[n % len(all_districts)]
        monthly = n % 10 == 9
        first = today + dt.timedelta(days=n % 7)
        if monthly:
            while week_of_month(first) not in (2, 4):
                first += dt.timedelta(days=1)
        hour = 9 + n % 9
        page = EventPage(
            title=f"{district.title} {EVENT_TITLES[n % len(EVENT_TITLES)]} 第{n}号",
            slug=f"{slug_prefix}{n}",
            kind=kinds[n % len(kinds)],
            summary="椅子に座ってできる、ゆっくりした体操です。初めての方も歓迎です。",
            start=local_datetime(first, dt.time(hour, 0)),
            end=local_datetime(first, dt.time(hour, 30 if n % 2 else 0)) + dt.timedelta(hours=1),
            repeat=Frequency.MONTHLY_WEEKDAY if monthly else Frequency.WEEKLY,
            repeat_nths="2,4" if monthly else "",
            repeat_until=first + dt.timedelta(days=364),
            skip_holidays=n % 3 == 0,
            is_free=n % 4 != 0,
            fee="" if n % 4 else "100円",
            live=True,
        )
        district.add_child(instance=page)
        page.target_groups.set(groups[n % len(groups) : n % len(groups) + 2])
        if n % 10 == 0:
            second = page.series().originals()[1]
            EventException.objects.create(page=page, date=second.date(), note="点検のため休み")
        # Publishing writes the occurrence rows; a page added with live=True was never published.
        rebuild_occurrences(page)
        _progress("series", n, 100)
    print(f"seeded series in {time.perf_counter() - started:.0f} s", flush=True)
    return count - existing


def seed_volunteers(count: int, slug_prefix: str = "volunteer-", shifts: int = 3) -> int:
    """Volunteer opportunities at the district hubs, each with `shifts` shifts over the
    next two months (as volunteers/demo.py makes them, without the translations)."""
    from django.utils import timezone

    from volunteers.models import VolunteerOpportunityPage, VolunteerShift

    all_districts = districts()
    existing = VolunteerOpportunityPage.objects.count()
    if existing >= count:
        return 0
    today = timezone.localdate()
    print(f"seeding {count - existing} opportunities (once; later runs reuse them)…", flush=True)
    started = time.perf_counter()
    for n in range(existing, count):
        district = all_districts[n % len(all_districts)]
        title, role, capacity = VOLUNTEER_ROLES[n % len(VOLUNTEER_ROLES)]
        page = VolunteerOpportunityPage(
            title=f"{title} 第{n}号",
            slug=f"{slug_prefix}{n}",
            role=role,
            description="受付で参加者をお迎えし、お茶を出して、終わったら片付けをします。",
            conditions="どなたでも参加できます。",
            venue_name=district.hub_name,
            venue_address=district.hub_address,
            latitude=district.latitude,
            longitude=district.longitude,
            contact_name=f"{district.title} 地域づくりセンター",
            live=True,
        )
        hour = 9 + n % 8
        page.shifts = [
            VolunteerShift(
                start=timezone.make_aware(
                    dt.datetime.combine(
                        today + dt.timedelta(days=4 + n % 7 + 21 * k), dt.time(hour, 0)
                    )
                ),
                end=timezone.make_aware(
                    dt.datetime.combine(
                        today + dt.timedelta(days=4 + n % 7 + 21 * k), dt.time(hour + 2, 0)
                    )
                ),
                capacity=capacity,
            )
            for k in range(shifts)
        ]
        # ClusterableModel.save() (through add_child) writes the shift rows too.
        district.add_child(instance=page)
        _progress("opportunities", n, 100)
    print(f"seeded opportunities in {time.perf_counter() - started:.0f} s", flush=True)
    return count - existing
