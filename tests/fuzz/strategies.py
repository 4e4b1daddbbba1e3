"""Hostile and boundary values for the property-based tests of public routes and forms.

Every strategy yields text, as a browser or a bot sends it: the views get strings and
must bound them. Each kind of value draws from three sources: values that make sense
(so that examples also get past validation), the boundaries named in the issue (dates
0001-01-01 and 9999-12-31, months 0 and 13, years 0 and 10000, ints beyond 64 bits,
negative numbers) and text nobody should send (very long, NUL bytes, full-width digits,
CR/LF, right-to-left marks, formulas, markup).
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

BIG = 2**80
#: Ints that break 32- or 64-bit columns, signed or not.
BOUNDARY_INTS = [
    "0",
    "-1",
    str(2**31),
    str(2**63 - 1),
    str(2**63),
    str(-(2**63) - 1),
    str(2**64),
    str(2**100),
    "9" * 400,
    "１２",  # full-width digits
    "٣",  # an Arabic-Indic digit: int() accepts it
    "1e3",
    "+1",
    "-0",
    " 1 ",
    "1\x00",
    "0x10",
    "NaN",
    "inf",
]
BOUNDARY_DATES = [
    "0001-01-01",
    "9999-12-31",
    "0000-00-00",
    "0000-01-01",
    "10000-01-01",
    "-0001-01-01",
    "2026-02-30",
    "2026-13-01",
    "2026-00-10",
    "1970-01-01",
    "2038-01-19",
    "２０２６-１２-０８",
    "2026-12-08\r\n",
    "2026-12-08\x00",
    "2026/12/08",
    "99999999999999999999-01-01",
]
BOUNDARY_MONTHS = [
    "0000-00",
    "0000-01",
    "0001-01",
    "2026-00",
    "2026-13",
    "9999-12",
    "10000-01",
    "-001-01",
    "２０２６-１２",
    "2026-12\n",
]
BOUNDARY_TEXT = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n",
    "line\r\nInjected: header",
    "\u202eevil",
    "=1+1",
    "＝１＋１",
    "<script>alert(1)</script>",
    "<!--<script>",
    "%00",
    "../../etc/passwd",
    "' OR 1=1 --",
    "体操",
    "まつもと はなこ",
    "\U0001f642",
]


def long_text(min_size: int = 1_000, max_size: int = 20_000) -> st.SearchStrategy[str]:
    """One character repeated: long values without the cost of drawing each character."""
    return st.builds(
        lambda char, size: char * size,
        st.sampled_from(["a", "あ", "1", "１", "\x00", "\n", "%"]),
        st.integers(min_size, max_size),
    )


def hostile_text(max_size: int = 60) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(BOUNDARY_TEXT),
        st.text(max_size=max_size),
        long_text(),
    )


def int_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(-5, 200).map(str),
        st.integers(-BIG, BIG).map(str),
        st.sampled_from(BOUNDARY_INTS),
        hostile_text(),
    )


def date_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)).map(dt.date.isoformat),
        st.dates().map(dt.date.isoformat),  # 0001-01-01 to 9999-12-31
        st.sampled_from(BOUNDARY_DATES),
        st.builds(
            "{}-{}-{}".format,
            st.integers(-BIG, BIG),
            st.integers(-1, 13),
            st.integers(-1, 32),
        ),
        hostile_text(),
    )


def month_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds("{:04d}-{:02d}".format, st.integers(2020, 2035), st.integers(1, 12)),
        st.builds("{:04d}-{:02d}".format, st.integers(-1, 10_001), st.integers(-1, 13)),
        st.sampled_from(BOUNDARY_MONTHS),
        hostile_text(),
    )


def float_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.floats(20, 46).map(str),
        st.sampled_from(["nan", "-inf", "1e309", "36.2,137.9", "３６．２"]),
        int_text(),
    )


def choice_text(*valid: str) -> st.SearchStrategy[str]:
    """One of the valid choices most of the time, anything else the rest."""
    return st.one_of(st.sampled_from(valid), hostile_text(), int_text())


def checkbox() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(["on", "", "off", "0", "false", "1"]), hostile_text())


def token_text(*valid: str) -> st.SearchStrategy[str]:
    """A signed link token: valid ones, valid ones altered, and anything else."""
    strategies = [hostile_text(), long_text(300, 5_000)]
    if valid:
        strategies += [
            st.sampled_from(valid),
            st.builds(
                _alter,
                st.sampled_from(valid),
                st.integers(0, 10**6),
                st.characters(codec="utf-8", exclude_characters="/"),
            ),
        ]
    # Within one path segment: no slash, not empty (else another route, or none, answers).
    return st.one_of(*strategies).map(lambda text: text.replace("/", "")).filter(bool)


def _alter(token: str, position: int, char: str) -> str:
    position %= len(token)
    return token[:position] + char + token[position + 1 :]


def query(**fields: st.SearchStrategy[str]) -> st.SearchStrategy[dict]:
    """A query string (or form post): each field present or not, once or repeated."""
    return st.fixed_dictionaries(
        {},
        optional={
            name: st.one_of(strategy, st.lists(strategy, min_size=2, max_size=3))
            for name, strategy in fields.items()
        },
    )


def path_int(*existing: int) -> st.SearchStrategy[str]:
    """An `<int:…>` route segment (digits only, else the route never matches)."""
    return st.one_of(
        st.sampled_from([str(pk) for pk in existing] or ["1"]),
        st.integers(0, BIG).map(str),
        st.sampled_from(["0", str(2**63 - 1), str(2**63), str(2**64), "9" * 400, "00001"]),
    )


def path_slug(*existing: str) -> st.SearchStrategy[str]:
    """A `<slug:…>` route segment."""
    return st.one_of(
        st.sampled_from(existing or ("daini",)),
        st.from_regex(r"\A[-a-zA-Z0-9_]{1,80}\Z"),
        st.sampled_from(["-", "_", "a" * 5_000, "DAINI", "daini-"]),
    )


def path_text() -> st.SearchStrategy[str]:
    """A `<str:…>` route segment: anything without a slash."""
    return hostile_text().map(lambda text: text.replace("/", "")).filter(bool)
