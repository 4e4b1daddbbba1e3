"""Logging filters.

Search words can be personal (認知症 相談, a neighbour's name): no log line the
portal writes carries a URL's query string. The development server logs each
request line; Django's request logger logs paths of errors. Both go through
`RedactQueryStrings` (see LOGGING in settings). A production web server's
access log is configured outside Django: leave the query out there too
(docs/operations.md, "Privacy operations").
"""

from __future__ import annotations

import logging
import re

QUERY_RE = re.compile(r"(/[^\s?\"']*)\?[^\s\"']*")


def redact(text: str) -> str:
    """`GET /search/?q=体操 HTTP/1.1` -> `GET /search/?… HTTP/1.1`."""
    return QUERY_RE.sub(r"\1?…", text)


class RedactQueryStrings(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {
                key: redact(value) if isinstance(value, str) else value
                for key, value in record.args.items()
            }
        return True
