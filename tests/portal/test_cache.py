"""The Redis cache keeps the portal serving while Redis is down (portal/cache.py)."""

import socket
import uuid

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from portal.ratelimit import is_limited

REDIS_URL = "redis://127.0.0.1:6379/14"


def closed_port() -> int:
    """A local port nothing listens on: connections to it are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_cache(settings, location: str):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
        },
    }
    return caches["default"]


@pytest.fixture
def down(settings):
    return redis_cache(settings, f"redis://127.0.0.1:{closed_port()}/0")


@pytest.fixture
def up(settings):
    cache = redis_cache(settings, REDIS_URL)
    try:
        cache._cache.get_client().ping()
    except Exception:
        pytest.skip("no Redis on 127.0.0.1:6379")
    yield cache
    cache.clear()


def test_with_redis_up_values_are_stored_and_read(up):
    up.set("地区", "第二地区")

    assert up.get("地区") == "第二地区"
    assert up.add("counter", 1) and up.incr("counter") == 2


def test_with_redis_down_reads_miss_and_writes_are_dropped(down):
    down.set("地区", "第二地区")

    assert down.get("地区", "なし") == "なし"
    assert down.get_many(["地区"]) == {}
    assert down.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert down.delete("地区") is False


def test_with_redis_down_incr_reports_a_missing_key(down):
    assert down.add("counter", 1) is False
    with pytest.raises(ValueError):
        down.incr("counter")


def test_after_a_failure_redis_is_left_alone_for_a_few_seconds(down, monkeypatch):
    down.get("x")
    calls = []
    monkeypatch.setattr(down._cache, "get", lambda *args: calls.append(args))

    down.get("x")

    assert calls == [] and not down.available


def test_redis_is_tried_again_after_the_pause(down):
    down.get("x")
    down._breaker._open_until = 0  # as if RETRY_SECONDS had passed

    assert down.available


def test_rate_limits_let_residents_through_while_redis_is_down(down, settings):
    settings.RATE_LIMITS = {"default": "1/h"}
    request = RequestFactory().post("/volunteer/", REMOTE_ADDR="198.51.100.7")

    assert [is_limited(request, "default") for _ in range(3)] == [False, False, False]


def test_pages_are_served_while_redis_is_down(down, client, daini, settings):
    settings.PAGE_CACHE_ENABLED = True

    assert client.get("/districts/daini/").status_code == 200
    assert client.get("/districts/daini/").status_code == 200


def test_the_outage_is_logged_once_without_keys(down, caplog):
    down.get("pagecache:secret-key")
    down._breaker._open_until = 0
    down.get("pagecache:secret-key")

    warnings = [record.getMessage() for record in caplog.records if record.name == "portal.cache"]
    assert len(warnings) == 1
    assert "secret-key" not in warnings[0]


def test_a_key_made_from_a_url_holds_a_hash_of_it_and_not_the_url():
    from portal.cache import safe_key

    key = safe_key("pagecache:3", "GET", "/search/?q=" + "認知症 相談 " * 40)

    assert key.startswith("pagecache:3:") and "認知症" not in key and len(key) == 76


def test_a_counter_evicted_and_bumped_never_meets_a_number_it_had():
    from portal.cache import VersionCounter

    counter = VersionCounter(f"test-counter-{uuid.uuid4()}")
    seen = counter.current()
    counter.bump()
    seen_after_bump = counter.current()
    caches["default"].delete(counter.key)  # evicted
    counter.bump()
    assert counter.current() not in {seen, seen_after_bump}
