"""No request puts its query string or a search word in the log.

Search words are "never logged" (docs/architecture.md, "Site search").

Every log record any logger handles during the requests is captured (before handlers and
their filters: the raw record, stricter than what the console shows), and every warning
(Django's "cache key too long" is a warning, logged through py.warnings in a server).
Long Japanese queries, the page cache on: a raw URL in a cache key passes 250 characters.
"""

import logging
import warnings
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.django_db

WORD = "認知症"
LONG = f"{WORD} 相談 もの忘れ 家族 介護 " * 12
ADDRESS = "長野県松本市本庄二丁目三番二十三号 第二地区公民館 福祉ひろば併設 " * 4
URLS = [
    f"/search/?q={LONG}",
    f"/en/search/?q={LONG}",
    f"/places/?near={ADDRESS}",
    f"/places/?near={ADDRESS}&kind=salon&district=daini",
    f"/places/map/?near={ADDRESS}",
    f"/events/?district=daini&kind=exercise&target={LONG}",
    f"/volunteer/?q={LONG}",
]


#: What a leak looks like: the words, as typed or percent-encoded, or a query's parameters.
LEAKS = (WORD, quote(WORD), "本庄二丁目", quote("本庄二丁目"), "q=", "near=", "target=")


def requests_logging(client, monkeypatch, url: str) -> list[str]:
    """Every message a logger handles or a warning carries while `url` is asked twice
    (the second time from the page cache, where a page can be stored)."""
    messages = []
    handle = logging.Logger.handle

    def record(logger, entry):
        messages.append(entry.getMessage())
        return handle(logger, entry)

    monkeypatch.setattr(logging.Logger, "handle", record)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # As a browser sends it: UTF-8, percent-encoded.
        client.get(quote(url, safe="/?=&"))
        client.get(quote(url, safe="/?=&"))
    return messages + [str(warning.message) for warning in caught]


@pytest.mark.usefixtures("page_cache_on")
@pytest.mark.parametrize("url", URLS)
def test_no_request_logs_its_query_string(client, monkeypatch, url):
    logged = requests_logging(client, monkeypatch, url)

    assert [message for message in logged if any(leak in message for leak in LEAKS)] == []
