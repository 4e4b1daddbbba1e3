"""Places in the site search (portal/search.py): a query that is a postcode or a town name
offers near-me (the `portal_search_shortcuts` hook, registered in places/wagtail_hooks.py)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from portal import search

from .geocoding import gazetteer, geocode, is_postcode


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
