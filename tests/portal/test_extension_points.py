"""The portal's extension points are named Wagtail hooks, each documented and read
(docs/architecture.md, "Extension points")."""

import re

from django.conf import settings

APPS = ("portal", "home", "places", "events", "volunteers", "support")
REGISTERED = re.compile(r"""hooks\.register\(\s*["'](portal_\w+)["']""")
# get_hooks("portal_…"), contributions("portal_…", …) or a constant naming one.
READ = re.compile(
    r"""(?:get_hooks\(\s*|contributions\(\s*|^[A-Z_]+ = )["'](portal_\w+)["']""", re.MULTILINE
)


def sources(*apps: str):
    for app in apps:
        for path in (settings.BASE_DIR / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path.read_text(encoding="utf-8")


def documented() -> set[str]:
    text = (settings.BASE_DIR / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("### Extension points", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `(portal_\w+)`", section, flags=re.MULTILINE))


def test_every_portal_hook_an_app_registers_is_documented():
    registered = {name for text in sources(*APPS) for name in REGISTERED.findall(text)}
    assert registered and registered <= documented()


def test_every_documented_hook_is_read_by_the_portal():
    read = {name for text in sources("portal") for name in READ.findall(text)}
    assert documented() <= read
