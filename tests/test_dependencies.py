"""Dependencies run one way (docs/architecture.md).

support -> volunteers, events -> places -> home -> portal; consult -> home.
"""

import ast

import pytest
from django.conf import settings

# What each app may import of ours.
ALLOWED = {
    "portal": set(),
    "home": {"portal"},
    "places": {"portal", "home"},
    "events": {"portal", "home", "places"},
    "volunteers": {"portal", "home", "places"},
    "consult": {"portal", "home"},
    "support": {"portal", "home", "places", "events", "volunteers", "consult"},
}


def imported_apps(app: str) -> set[str]:
    found = set()
    for path in (settings.BASE_DIR / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            found |= {name.split(".")[0] for name in names} & set(ALLOWED)
    return found - {app}


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_app_imports_only_the_apps_below_it(app):
    assert imported_apps(app) <= ALLOWED[app]
