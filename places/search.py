"""Places in the site search (portal/search.py).

Besides their own text, places are found by the names of their kind, target
groups and accessibility features, in both languages (サロン, 車椅子, salon).
"""

from django.utils.translation import pgettext_lazy

from portal import search

from .models import PlacePage


def word_lists(page: PlacePage) -> list[str]:
    items = [page.kind, *page.target_groups.all(), *page.accessibility_features.all()]
    return [name for item in items for name in (item.name_ja, item.name_en) if name]


search.register(
    PlacePage,
    key="places",
    label=pgettext_lazy("search result type", "Places"),
    fields=[
        "summary",
        "body",
        "how_to_join",
        "opening_note",
        "fee",
        "accessibility_note",
        "address",
        "organiser",
        word_lists,
    ],
    summary="summary",
    # The parent, not the `district` column: right at once after a move in the admin.
    district=lambda page: page.get_parent(),
    order=20,
)
