"""Compressed responses for clients that accept gzip (MIDDLEWARE, outside the ETag and the
page cache: see the comment there).

Django's GZipMiddleware compresses every response; this one compresses text only (pages,
feeds, CSV, JSON, GeoJSON, XML): documents and images are compressed already, and a
download keeps its Content-Length (a progress bar, a resumable download) when left alone.
"""

from __future__ import annotations

from django.middleware.gzip import GZipMiddleware

COMPRESSIBLE = {
    "application/json",
    "application/geo+json",
    "application/ld+json",
    "application/xml",
    "application/javascript",
    "image/svg+xml",
}


def compressible(content_type: str) -> bool:
    media_type = content_type.split(";")[0].strip().lower()
    return media_type.startswith("text/") or media_type in COMPRESSIBLE


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not compressible(response.get("Content-Type", "")):
            return response
        return super().process_response(request, response)
