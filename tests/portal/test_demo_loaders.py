"""`manage.py load_demo` runs the loaders the apps register for `portal_demo_loaders`."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail import hooks

from portal.demo import DemoLoader

pytestmark = pytest.mark.django_db


def test_load_demo_runs_the_registered_loaders_in_their_order():
    ran = []

    def recorder(name, order):
        def load():
            ran.append(name)
            yield "done"

        return lambda: DemoLoader(name, load, order)

    # Registered later under the apps' names, they stand in for the real (slow) loaders.
    names = [("support", 90), ("districts", 10), ("volunteers", 40), ("places", 20), ("events", 30)]
    with hooks.register_temporarily(
        [("portal_demo_loaders", recorder(name, order)) for name, order in names]
    ):
        output = StringIO()
        call_command("load_demo", stdout=output)
    assert ran == ["districts", "places", "events", "volunteers", "support"]
    assert "[districts] done" in output.getvalue()
