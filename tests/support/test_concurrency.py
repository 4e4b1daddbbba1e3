"""200 concurrent intake submissions give 200 cases and no error, on SQLite and PostgreSQL.

A real database with real transactions (transaction=True): it is flushed
afterwards, so the test builds the site it needs itself. Submissions go through
the whole public path (the test client: middleware, page routing, the form,
the service, the outbox), from a pool of threads each with its own connection.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.core import mail
from django.db import connections
from django.test import Client

from home.districts import load_districts, parse_districts, read_text
from home.models import DistrictPage, HomePage
from portal.models import OutboxMessage
from support.models import SupportCase, SupportIntakeSubmission
from tests.factories import UserFactory

from .factories import intake_data

SUBMISSIONS = 200
WORKERS = 20


@pytest.fixture
def site(transactional_db):
    lines = read_text(settings.DISTRICTS_FILE).splitlines()
    load_districts(parse_districts("\n".join(lines[:4])))  # header and three districts
    from support.pages import ensure_city_intake_page

    ensure_city_intake_page(HomePage.objects.get(locale__language_code="ja"))
    daini = DistrictPage.objects.get(slug="daini", locale__language_code="ja")
    UserFactory(district=daini)
    return daini


def submit(number: int, district_pk: int) -> int:
    try:
        data = intake_data(None, name=f"松本 花子{number}", phone=f"0263-00-{number:04d}")
        data["district"] = str(district_pk)
        return Client().post("/support/", data).status_code
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_200_concurrent_submissions_give_200_cases(site):
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        statuses = list(pool.map(submit, range(SUBMISSIONS), [site.pk] * SUBMISSIONS))
    assert statuses == [302] * SUBMISSIONS
    assert SupportCase.objects.count() == SUBMISSIONS
    assert SupportIntakeSubmission.objects.count() == SUBMISSIONS
    assert SupportCase.objects.values("reference").distinct().count() == SUBMISSIONS
    assert SupportCase.objects.filter(district=site).count() == SUBMISSIONS
    assert OutboxMessage.objects.filter(kind="support-intake").count() == SUBMISSIONS
    assert len(mail.outbox) == SUBMISSIONS
