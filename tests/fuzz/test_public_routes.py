"""Every public GET route's path and query parameters: never a 5xx, validation reached.

One target per route (see harness.py for what is checked and counted). Each language
is drawn: the Japanese routes have no prefix, the English ones `/en/`.
"""

from __future__ import annotations

import pytest
from hypothesis import strategies as st

from tests.routes import public_route_keys

from . import strategies as s
from .harness import Call, Target, exercise

pytestmark = [
    pytest.mark.fuzz,
    pytest.mark.django_db,
    # Long query strings make long map cache keys (hashing them is another part of issue 18).
    pytest.mark.filterwarnings("ignore::django.core.cache.backends.base.CacheKeyWarning"),
]

BOTH = ("ja", "en")
#: Routes outside i18n_patterns (robots.txt, sitemap.xml, documents, healthz) have no /en/.
UNPREFIXED = ("ja",)
JUNK = s.query(junk=s.hostile_text())


def get(segments, params=JUNK, languages=BOTH) -> st.SearchStrategy[Call]:
    """GET calls: `segments` a tuple of strategies (or fixed strings), `params` a query
    (by default one parameter the route does not know)."""
    parts = tuple(
        part if isinstance(part, st.SearchStrategy) else st.just(part) for part in segments
    )
    return st.builds(
        lambda language, path, query: Call("GET", path, query, language),
        st.sampled_from(languages),
        st.tuples(*parts),
        params,
    )


def boundary_queries(path: tuple[str, ...], **fields: list[str]) -> list[Call]:
    """One call per boundary value of each field, in both languages."""
    return [
        Call("GET", path, {name: value}, language)
        for name, values in fields.items()
        for value in values
        for language in ("ja", "en")
    ]


PLACE_FILTERS = s.query(
    district=s.choice_text("daini", "daisan", ""),
    kind=s.choice_text("salon", "welfare-hub", ""),
    target=s.choice_text("elderly", "children", ""),
    feature=s.choice_text("step-free", "elevator", ""),
    weekday=s.choice_text("0", "3", "6", ""),
    near=s.choice_text("390-0812", "本庄2-3", "松本市役所", ""),
    lat=s.float_text(),
    lon=s.float_text(),
    page=s.int_text(),
)
PLACE_BOUNDARIES = {
    "weekday": ["7", "-1", str(2**64), "３"],
    "lat": ["1e309", "nan", "-inf", str(2**64)],
    "near": ["a" * 10_000, "\x00", "390-0812\r\n"],
    "page": s.BOUNDARY_INTS,
}
EVENT_FILTERS = s.query(
    district=s.choice_text("daini", ""),
    kind=s.choice_text("exercise", "salon", ""),
    target=s.choice_text("elderly", ""),
    date_from=s.date_text(),
    date_to=s.date_text(),
    free=s.checkbox(),
    page=s.int_text(),
)
DATE_BOUNDARIES = {
    "date_from": s.BOUNDARY_DATES,
    "date_to": s.BOUNDARY_DATES,
    "page": s.BOUNDARY_INTS,
}


SIGNUP_QUERY = s.query(shifts=s.int_text(), junk=s.hostile_text())
PAGE_QUERY = s.query(page=s.int_text(), junk=s.hostile_text())
#: A page slug in Wagtail's route (letters, digits, - and _, in any script).
WORD = st.one_of(
    s.path_slug("daini", "daisan"),
    st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=30),
)


def _place_ids(world):
    return world.place_ids


def _event_ids(world):
    return [world.event.pk, world.event_en.pk]


def _opportunity_ids(world):
    return [world.opportunity.pk, world.opportunity_en.pk]


TARGETS = [
    Target(
        "places: list and filters",
        "places:list",
        lambda world: get(("places", ""), PLACE_FILTERS),
        lambda world: boundary_queries(("places", ""), **PLACE_BOUNDARIES),
    ),
    Target(
        "places: map document",
        "places:map",
        lambda world: get(("places", "map", ""), PLACE_FILTERS),
        lambda world: boundary_queries(("places", "map", ""), weekday=["7", str(2**64)]),
    ),
    Target(
        "places: CSV export",
        "places:export",
        lambda world: get(("places", "export.csv"), PLACE_FILTERS),
        lambda world: boundary_queries(("places", "export.csv"), weekday=[str(2**64)]),
    ),
    Target(
        "maps: district map",
        "places:district_map",
        lambda world: get(("maps", "districts", s.path_slug("daini", "daisan"), "")),
    ),
    Target(
        "maps: place map",
        "places:place_map",
        lambda world: get(("maps", "places", s.path_int(*_place_ids(world)), "")),
        lambda world: [
            Call("GET", ("maps", "places", value, ""))
            for value in (str(2**63 - 1), str(2**63), str(2**64), "9" * 400)
        ],
    ),
    Target(
        "events: list and filters",
        "events:list",
        lambda world: get(("events", ""), EVENT_FILTERS),
        lambda world: boundary_queries(("events", ""), **DATE_BOUNDARIES),
    ),
    Target(
        "events: month calendar",
        "events:calendar",
        lambda world: get(
            ("events", "calendar", ""),
            st.one_of(s.query(month=s.month_text()), EVENT_FILTERS),
        ),
        lambda world: boundary_queries(
            ("events", "calendar", ""), month=s.BOUNDARY_MONTHS, date_from=s.BOUNDARY_DATES[:2]
        ),
    ),
    Target(
        "events: city feed",
        "events:feed",
        lambda world: get(("events", "feed.ics")),
    ),
    Target(
        "events: district feed",
        "events:district_feed",
        lambda world: get(("districts", s.path_slug("daini", "daisan"), "events.ics")),
    ),
    Target(
        "events: one event's .ics",
        "events:event_ics",
        lambda world: get(("events", s.path_int(*_event_ids(world)).map(lambda pk: f"{pk}.ics"))),
        lambda world: [
            Call("GET", ("events", f"{value}.ics")) for value in (str(2**63), str(2**64), "9" * 400)
        ],
    ),
    Target(
        "events: district flyer",
        "events:flyer",
        lambda world: get(
            ("districts", s.path_slug("daini"), "events", "print", ""),
            s.query(month=s.month_text()),
        ),
        lambda world: boundary_queries(
            ("districts", "daini", "events", "print", ""), month=s.BOUNDARY_MONTHS
        ),
    ),
    Target(
        "events: registration form (GET)",
        "events:register",
        lambda world: get(
            (
                "events",
                s.path_int(*_event_ids(world)),
                "register",
                st.one_of(
                    st.just(world.session),
                    st.from_regex(r"\A\d{8}T\d{4}\Z"),
                    s.path_text(),
                ),
                "",
            )
        ),
        lambda world: (
            [
                Call("GET", ("events", str(world.event.pk), "register", key, ""))
                for key in ("00010101T0000", "99991231T2359", "00000000T0000", "20261308T1000")
            ]
            + [
                Call("GET", ("events", value, "register", world.session, ""))
                for value in (str(2**63), str(2**64))
            ]
        ),
    ),
    Target(
        "events: registration thanks",
        "events:registration_thanks",
        lambda world: get(
            ("events", "registration", "thanks", s.token_text(world.registration_thanks), "")
        ),
    ),
    Target(
        "events: registration cancel (GET)",
        "events:registration_cancel",
        lambda world: get(
            ("events", "registration", "cancel", s.token_text(world.registration_cancel), "")
        ),
    ),
    Target(
        "volunteer: list and filters",
        "volunteers:list",
        lambda world: get(
            ("volunteer", ""),
            s.query(
                district=s.choice_text("daini", ""),
                date_from=s.date_text(),
                date_to=s.date_text(),
                q=s.choice_text("サロン", "お手伝い", ""),
                page=s.int_text(),
            ),
        ),
        lambda world: boundary_queries(("volunteer", ""), **DATE_BOUNDARIES),
    ),
    Target(
        "which district am I in?",
        "places:which_district",
        lambda world: get(
            ("which-district", ""),
            s.query(where=s.choice_text("本庄", "ほんじょう", "honjo", "390-0814", "")),
        ),
        lambda world: boundary_queries(
            ("which-district", ""), where=["a" * 10_000, "\x00", "390-0814\r\n"]
        ),
    ),
    Target(
        "consult: windows by field and district",
        "consult:list",
        lambda world: get(
            ("consult", ""),
            s.query(
                field=s.choice_text("elderly", "hardship", ""),
                district=s.choice_text("daini", ""),
                junk=s.hostile_text(),
            ),
        ),
        lambda world: boundary_queries(
            ("consult", ""), field=["a" * 10_000, "\x00"], district=["a" * 10_000, "\x00"]
        ),
    ),
    Target(
        "volunteer: thanks",
        "volunteers:thanks",
        lambda world: get(("volunteer", "thanks", s.token_text(world.signup_thanks), "")),
    ),
    Target(
        "intake: thanks",
        "support:thanks",
        lambda world: get(("support", "thanks", s.token_text(world.intake_thanks), "")),
    ),
    Target(
        "volunteer: cancel (GET)",
        "volunteers:cancel",
        lambda world: get(("volunteer", "cancel", s.token_text(world.signup_cancel), "")),
    ),
    Target(
        "volunteer: sign-up form (GET)",
        "volunteers:signup",
        lambda world: get(
            ("volunteer", s.path_int(*_opportunity_ids(world)), "signup", ""), SIGNUP_QUERY
        ),
        lambda world: [
            Call("GET", ("volunteer", value, "signup", ""))
            for value in (str(2**63), str(2**64), "0")
        ],
    ),
    Target(
        "volunteer: the sign-up form's old address (routable, 301)",
        "wagtail_serve",
        lambda world: st.one_of(
            *(
                get(("districts", "daini", "salon-helper", *route, ""), SIGNUP_QUERY)
                for route in (("signup",), ("nosuch",), ("signup", "extra"))
            )
        ),
    ),
    Target(
        "search",
        "search",
        lambda world: get(
            ("search", ""),
            s.query(
                q=s.choice_text("体操", "たいそう", "サロン"),
                type=s.choice_text("places", "events", "volunteering", "districts"),
                district=s.choice_text("daini", ""),
                page=s.int_text(),
            ),
        ),
        lambda world: boundary_queries(
            ("search", ""), q=["a" * 10_000, "\x00", "\r\n"], page=s.BOUNDARY_INTS
        ),
    ),
    Target(
        "open data: index",
        "opendata",
        lambda world: get(("opendata", "")),
    ),
    Target(
        "open data: files",
        "opendata_file",
        lambda world: get(
            (
                "opendata",
                st.one_of(
                    st.sampled_from(["facilities.csv", "places.geojson", "events.csv"]),
                    s.path_text(),
                ),
            )
        ),
    ),
    Target(
        "sitemap",
        "sitemap",
        lambda world: get(("sitemap.xml",), s.query(p=s.int_text()), UNPREFIXED),
        lambda world: [Call("GET", ("sitemap.xml",), {"p": value}) for value in s.BOUNDARY_INTS],
    ),
    Target("robots.txt", "robots_txt", lambda world: get(("robots.txt",), JUNK, UNPREFIXED)),
    Target("health check", "healthz", lambda world: get(("healthz",), JUNK, UNPREFIXED)),
    Target(
        "maps: districts map", "places:districts_map", lambda world: get(("maps", "districts", ""))
    ),
    Target(
        "documents",
        "wagtaildocs_serve",
        lambda world: get(("documents", s.path_int(), s.path_text()), JUNK, UNPREFIXED),
    ),
    Target(
        "documents: password form",
        "wagtaildocs_authenticate_with_password",
        lambda world: get(
            ("documents", "authenticate_with_password", s.path_int(), ""),
            s.query(return_url=s.hostile_text()),
            UNPREFIXED,
        ),
    ),
    Target(
        "pages: password form",
        "wagtailcore_authenticate_with_password",
        lambda world: get(
            ("_util", "authenticate_with_password", s.path_int(), s.path_int(), ""),
            s.query(return_url=s.hostile_text()),
        ),
    ),
    Target(
        "pages: login form (GET)",
        "wagtailcore_login",
        lambda world: get(("_util", "login", ""), s.query(next=s.hostile_text())),
    ),
    Target(
        "intake form page (GET)",
        "wagtail_serve",
        lambda world: get(("support", ""), s.query(district=s.choice_text("daini", "unknown"))),
    ),
    Target(
        "pages (Wagtail's route)",
        "wagtail_serve",
        lambda world: st.one_of(
            get(("districts", WORD, ""), PAGE_QUERY),
            get(
                (
                    "districts",
                    WORD,
                    st.sampled_from(["honjo-salon", "ikiiki", "salon-helper"]),
                    "",
                ),
                PAGE_QUERY,
            ),
        ),
    ),
]


@pytest.mark.parametrize("target", TARGETS, ids=str)
def test_public_route_answers_without_server_error(target, browser, world):
    tally = exercise(target, browser, world)

    assert tally.share >= 0.8, f"{target}: {tally.outcomes}"


def test_every_public_route_has_a_target():
    """A new public route without a target here fails (the admin is another part's)."""
    assert public_route_keys() - {target.url_name for target in TARGETS} == set()
