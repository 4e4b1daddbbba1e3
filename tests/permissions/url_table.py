"""What every admin URL answers to each role, requested with district A's objects.

The table itself is `admin_url_table.txt` (one aligned line per URL and
object, easier to read and review than Python); this module says what it
means and what the POSTs send. `test_admin_url_table.py` walks the URL
resolver (Wagtail's admin, its plug-ins' — wagtail-localize, the form
builder, the two-factor screens — and ours) and fails on a route without a
row there: a new admin URL needs its expected answers written down before it
can ship.

Each row is requested as each role, GET and (unless `-`) POST with
`POST_DATA`, in a savepoint rolled back after it. The answer must be exactly
the table's; it must show none of district A's canaries (`world.CANARIES`:
drafts, cases, intake answers, sign-ups, registrations, and a staff account
no role here may list) in its body, its redirect or the messages it leaves;
a POST must change nothing unless its cell ends with `!`. District A's own
staff are the positive control: where their cell ends with `+`, a canary
must show.

Format: see `table.py`. Roles, in column order: staff of another district
(第二地区), agency staff on the team of another of district A's cases, a user
with admin access only, anonymous; then district A's staff (GET only).

Reading the refusals: `home` is Wagtail's "no permission" (a redirect to the
dashboard with a message); `404` a case or shift out of reach (it does not
exist for them); `403` the participation-support screens for someone who has
no part in them, or an action on a case they may see but not decide about;
`login` anyone not signed in.
"""

from pathlib import Path

from .table import Row, parse

#: What each POST sends (objects by name, as in the table), by URL key.
POST_DATA = {
    "wagtail_localize:submit_page_translation": {"locales": "{english}"},
    "wagtail_localize:update_translations": {"publish_translations": "on"},
    "wagtailadmin_pages:edit": {
        "title": "改ざん",
        "slug": "kaizan",
        "action-publish": "action-publish",
    },
    "wagtailadmin_pages:copy": {
        "new_title": "複製",
        "new_slug": "fukusei",
        "new_parent_page": "{district_b}",
        "publish_copies": "on",
    },
    "wagtailadmin_pages:set_privacy": {"restriction_type": "none"},
    "wagtailadmin_api:pages:action": {"locale": "en", "destination_page_id": "{district_b}"},
    "wagtailforms:delete_submissions": {"selected-submissions": "{submission}"},
    "support_cases:list": {"q": "Canary"},
    "support_cases:edit": {
        "requester_type": "self",
        "name": "改ざん 太郎",
        "phone": "0263-00-0000",
        "contact_method": "any",
        "consent_contact": "on",
        "consent_method": "oral",
    },
    "support_cases:status": {"status-to_status": "withdrawn"},
    "support_cases:assign": {"assign-next_follow_up": "2030-01-01"},
    "support_cases:contact": {
        "contact-kind": "phone",
        "contact-happened_at": "{now}",
        "contact-notes": "電話で様子を聞いた。",
    },
    "support_cases:team_add": {"member-user": "{third}", "member-basis": "consent"},
    "support_cases:match_add": {"match-label": "改ざん", "match-outcome": "proposed"},
    "support_cases:match_update": {
        "match-{match}-outcome": "joined",
        "match-{agency_match}-outcome": "joined",
    },
    "support_cases:escalate": {"escalate-reason": "理由"},
    "support_cases:district": {"district-district": "{district_b}"},
}


TABLE_FILE = Path(__file__).with_name("admin_url_table.txt")


def rows() -> list[Row]:
    return parse(TABLE_FILE.read_text(encoding="utf-8"))
