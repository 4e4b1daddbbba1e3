"""Reading the permission table and requesting its rows.

A row of `url_table.TABLE`:

    <url key>  <kwargs>  <query>  <other>  <agency>  <admin_only>  <anonymous>  <own>

* kwargs: `name={object},name=literal` (objects of `world.World`, by name, stand for
  their primary key), `args:{object};live;latest` for a route with positional
  groups, the path itself for a route without a name, or `-`;
* query: a query string (`q=Canary&p=1`, objects as above) or `-`;
* a role's cell: `GET|POST`, each an outcome or `-` (not requested);
* own (district A's staff, the positive control): a GET outcome or `-`.

Outcomes: a status code (`200`, `400`, `403`, `404`, `405`), `home` (Wagtail's
"no permission": a redirect to the dashboard), `login` (a redirect to the
admin login) or `302>/path/` (a redirect to exactly that path; objects as
above). A trailing `+` (own only) asks that the answer shows a canary; a
trailing `!` allows the request to write (it is rolled back all the same).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection, transaction
from django.http import HttpRequest
from django.urls import reverse

from .world import ROLES, STAFF_CANARY

PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Expect:
    outcome: str
    canary: bool = False
    may_write: bool = False

    @classmethod
    def parse(cls, text: str) -> Expect | None:
        if text == "-":
            return None
        may_write = text.endswith("!")
        text = text.rstrip("!")
        canary = text.endswith("+")
        return cls(text.rstrip("+"), canary=canary, may_write=may_write)


@dataclass(frozen=True)
class Row:
    key: str
    kwargs: str
    query: str
    cells: dict  # role -> (Expect | None for GET, Expect | None for POST)
    own: Expect | None
    line: int


def parse(table: str) -> list[Row]:
    rows = []
    for number, raw in enumerate(table.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        columns = line.split()
        if len(columns) != 8:
            raise ValueError(f"line {number}: 8 columns expected, got {len(columns)}: {raw!r}")
        key, kwargs, query, *cells, own = columns
        parsed = {}
        for role, cell in zip(ROLES, cells, strict=True):
            get, post = cell.split("|", 1) if cell != "-" else ("-", "-")
            parsed[role] = (Expect.parse(get), Expect.parse(post))
        rows.append(Row(key, kwargs, query, parsed, Expect.parse(own), number))
    return rows


def fill(text: str, pks: dict) -> str:
    return PLACEHOLDER.sub(lambda match: str(pks[match.group(1)]), text)


def url_of(row: Row, pks: dict) -> str:
    if row.key.startswith("admin/"):
        path = fill(row.kwargs, pks)
    elif row.kwargs == "-":
        path = reverse(row.key)
    elif row.kwargs.startswith("args:"):
        path = reverse(row.key, args=fill(row.kwargs[5:], pks).split(";"))
    else:
        pairs = (item.split("=", 1) for item in row.kwargs.split(","))
        path = reverse(row.key, kwargs={name: fill(value, pks) for name, value in pairs})
    return path if row.query == "-" else f"{path}?{fill(row.query, pks)}"


def _messages(response) -> str:
    """The text of the messages the response left for the next page (Wagtail's refusals
    and confirmations name pages: a message is a way out too)."""
    morsel = response.cookies.get("messages")
    if morsel is None or not morsel.value:
        return ""
    messages = CookieStorage(HttpRequest())._decode(morsel.value) or []
    return " ".join(str(message.message) for message in messages)


def seen_text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return " ".join(
        (
            body.decode("utf-8", "replace"),
            unquote(response.get("Location", "")),
            _messages(response),
        )
    )


def outcome_of(response) -> str:
    if response.status_code == 302:
        location = urlsplit(response["Location"]).path
        if location == "/admin/":
            return "home"
        if location == "/admin/login/":
            return "login"
        return f"302>{location}"
    return str(response.status_code)


def _fingerprint_sql() -> str:
    from django.contrib.auth.models import Group, User
    from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision, WorkflowState
    from wagtail_localize.models import Translation

    from support.models import CaseContact, CaseMatch, CaseMember, SupportCase
    from volunteers.models import ShiftSignup

    def table(model):
        return connection.ops.quote_name(model._meta.db_table)

    parts = [
        f"(SELECT COUNT(*) FROM {table(Page)})",
        f"(SELECT COUNT(*) FROM {table(Page)} WHERE live)",
        f"(SELECT COUNT(*) FROM {table(Revision)})",
        f"(SELECT COUNT(*) FROM {table(PageLogEntry)})",
        f"(SELECT COUNT(*) FROM {table(ModelLogEntry)})",
        f"(SELECT COUNT(*) FROM {table(Translation)})",
        f"(SELECT COUNT(*) FROM {table(WorkflowState)} WHERE status = 'in_progress')",
        f"(SELECT COUNT(*) FROM {table(User)})",
        f"(SELECT COUNT(*) FROM {table(Group)})",
        f"(SELECT MAX(updated_at) FROM {table(SupportCase)})",
        f"(SELECT COUNT(*) FROM {table(CaseContact)})",
        f"(SELECT COUNT(*) FROM {table(CaseMember)} WHERE removed_at IS NULL)",
        f"(SELECT MAX(updated_at) FROM {table(CaseMatch)})",
        f"(SELECT COUNT(*) FROM {table(ShiftSignup)} WHERE status = 'cancelled')",
    ]
    return "SELECT " + ", ".join(parts)


def fingerprint() -> tuple:
    """What a refused request must not change: pages, their revisions, translations and
    logs, workflows, accounts and groups, cases and their rows, sign-ups (one query)."""
    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql())
        return tuple(cursor.fetchone())


def canaries_of(world) -> dict:
    """Every canary by name: district A's data, and a staff account no role here may list."""
    return {**world.canaries, "staff_list": STAFF_CANARY}


def request(client, method: str, url: str, data: dict | None):
    """The request inside a savepoint rolled back after it: (outcome, text, wrote)."""
    with transaction.atomic():
        before = fingerprint() if method == "post" else None
        if method == "post":
            response = client.post(url, data or {})
        else:
            response = client.get(url)
        wrote = before is not None and fingerprint() != before
        transaction.set_rollback(True)
    client.cookies.pop("messages", None)
    return outcome_of(response), seen_text(response), wrote


def check_row(client, world, role: str, row: Row, pks: dict, post_data: dict) -> list[str]:
    """Every way this role's requests of `row` differ from the table, as readable lines."""
    problems = []
    url = url_of(row, pks)
    canaries = canaries_of(world)
    for method, expect in zip(("get", "post"), row.cells[role], strict=True):
        if expect is None:
            continue
        data = {
            fill(name, pks): fill(value, pks) for name, value in post_data.get(row.key, {}).items()
        }
        try:
            outcome, text, wrote = request(client, method, url, data)
        except Exception as error:
            problems.append(f"{row.line}: {method.upper()} {url}: raised {error!r}")
            continue
        where = f"{row.line}: {method.upper()} {url}"
        expected = fill(expect.outcome, pks)
        if outcome != expected:
            problems.append(f"{where}: answered {outcome}, the table says {expected}")
        leaked = sorted(name for name, value in canaries.items() if value in text)
        if leaked:
            problems.append(f"{where}: shows {', '.join(leaked)}")
        if wrote and not expect.may_write:
            problems.append(f"{where}: changed pages, cases, accounts or sign-ups")
    return problems
