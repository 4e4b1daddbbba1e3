"""Demo content of `home/`: the districts themselves, if they are not loaded yet."""

from collections.abc import Iterator

from django.conf import settings

from .districts import load_districts, parse_districts, read_text
from .models import DistrictPage


def load_demo_districts() -> Iterator[str]:
    if DistrictPage.objects.exists():
        yield "districts already loaded"
        return
    report = load_districts(parse_districts(read_text(settings.DISTRICTS_FILE)))
    yield f"{len(report.created)} districts loaded from {settings.DISTRICTS_FILE.name}"
