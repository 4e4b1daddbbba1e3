"""Places in the site search (portal/search.py).

Besides their own text and organiser, places are found by the names of their
kind, target groups and accessibility features, in both languages (サロン,
車椅子, salon). A query that is a postcode or a town name offers near-me.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks

from portal import search

from .geocoding import gazetteer, geocode, is_postcode
from .models import PlacePage


def near_me_shortcut(request, query: str) -> list[search.Shortcut]:
    """A postcode (390-0812) or a town name (本庄) typed into the site search: the resident
    most likely wants the places around it, so the results page offers, above the
    results, a link to /places/ near it, nearest first.

    A link rather than a redirect: a town name is also a word of page titles
    (本庄公民館), and the results for it stay on the page.
    """
    text = query.strip()
    if not (is_postcode(text) or gazetteer().is_town(text)):
        return []
    result = geocode(text)
    if result is None:
        return []
    near = result.postcode or text  # 390-0812 however it was typed
    url = f"{reverse('places:list')}?{urlencode({'near': near})}#results"
    if result.postcode:
        label = format_html(
            _('Places near <span lang="ja">{place}</span> ({postcode}), nearest first'),
            place=result.matched,
            postcode=result.postcode,
        )
    else:
        label = format_html(
            _('Places near <span lang="ja">{place}</span>, nearest first'), place=result.matched
        )
    return [search.Shortcut(url, label)]


hooks.register(search.SHORTCUTS_HOOK, near_me_shortcut)

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
        search.taxonomy_names("kind", "target_groups", "accessibility_features"),
    ],
    summary="summary",
    # The parent, not the `district` column: right at once after a move in the admin.
    district=lambda page: page.get_parent(),
    order=20,
)
