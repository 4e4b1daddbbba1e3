"""Reading the portal's extension points: named Wagtail hooks.

`portal/` imports no app of ours (docs/architecture.md), yet its pages show what
the apps provide. Each app registers a function for a named hook in its own
`wagtail_hooks.py`, the way Wagtail's own hooks are registered::

    from wagtail import hooks

    @hooks.register("portal_district_sections")
    def places_section():
        return Section("places", "places/sections/district_places.html", district_places, order=20)

and the portal module that owns the hook reads it with `wagtail.hooks.get_hooks`,
which imports every installed app's `wagtail_hooks` module on its first call: public
views, management commands and tests see the same hooks as the admin. The names,
when each is called and what it returns are in the module that reads it and in
docs/architecture.md ("Extension points"); every name starts with `portal_`.
"""

from __future__ import annotations

from typing import Any

from wagtail import hooks


def contributions(hook_name: str, key: str) -> list[Any]:
    """What the functions registered for `hook_name` return (each called with no
    argument), sorted by the objects' `order`, then by their `key` attribute.

    One object per key: a function that comes later in Wagtail's order (a higher
    `hooks.register(…, order=…)`, else registered later: apps' `wagtail_hooks` are
    imported in INSTALLED_APPS order) replaces an earlier one's object of that key.
    """
    found = {}
    for hook in hooks.get_hooks(hook_name):
        item = hook()
        found[getattr(item, key)] = item
    return sorted(found.values(), key=lambda item: (item.order, getattr(item, key)))
