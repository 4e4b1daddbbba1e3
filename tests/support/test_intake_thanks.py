"""After the intake form: a redirect to a thanks page by signed token, and a single-use form
token, so that reloading or sending twice never makes a second case."""

import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.test import Client

from support.models import IntakeReceipt, SupportCase
from support.services import read_thanks_token, thanks_token

from .factories import intake_data
from .test_concurrency import site  # noqa: F401 (a fixture: the site on a real database)

pytestmark = pytest.mark.django_db


def test_the_same_form_sent_twice_makes_one_case(client, intake_page, daini):
    data = intake_data(daini)
    client.post("/support/", data)
    client.post("/support/", data)

    assert SupportCase.objects.count() == 1


def _receipt_of(location: str) -> IntakeReceipt:
    # The signed token holds its signing time in seconds: two posts a second apart get two
    # spellings of one receipt, so compare what the links name, not their text.
    token = location.rstrip("/").rsplit("/", 1)[-1]
    return read_thanks_token(token)[0]


def test_the_second_sending_is_shown_the_first_ones_thanks_page(client, intake_page, daini):
    data = intake_data(daini)
    first = client.post("/support/", data)["Location"]

    assert _receipt_of(client.post("/support/", data)["Location"]) == _receipt_of(first)


def test_two_forms_filled_in_make_two_cases(client, intake_page, daini):
    client.post("/support/", intake_data(daini))
    client.post("/support/", intake_data(daini))

    assert SupportCase.objects.count() == 2


def test_reloading_the_thanks_page_shows_the_reference_again(client, intake_page, daini):
    thanks = client.post("/support/", intake_data(daini))["Location"]
    client.get(thanks)

    response = client.get(thanks)

    assert SupportCase.objects.get().reference in response.content.decode()


def test_reloading_the_thanks_page_makes_no_case(client, intake_page, daini):
    thanks = client.post("/support/", intake_data(daini))["Location"]
    for _ in range(3):
        client.get(thanks)

    assert SupportCase.objects.count() == 1


def test_the_thanks_url_holds_nothing_personal_not_even_the_reference(client, intake_page, daini):
    thanks = client.post("/support/", intake_data(daini))["Location"]
    case = SupportCase.objects.get()

    # The district is not checked by its pk: a random token may hold any digit.
    assert not any(
        value in thanks for value in (case.reference, "松本", "0263", "hanako", "?", "district")
    )


def test_the_url_does_not_tell_whether_health_answers_were_withheld(intake_page, daini):
    from .factories import SupportCaseFactory

    receipt = IntakeReceipt.objects.create(case=SupportCaseFactory(), token="t" * 22)
    payloads = {thanks_token(receipt, withheld).split(":")[0] for withheld in (True, False)}

    assert len(payloads) == 1


def test_the_english_form_is_sent_on_to_the_english_thanks_page(client, english_intake_page, daini):
    response = client.post("/en/support/", intake_data(daini))

    assert response["Location"].startswith("/en/support/thanks/")


def test_the_english_thanks_page_is_in_english(client, english_intake_page, daini):
    response = client.post("/en/support/", intake_data(daini), follow=True)

    assert "Your reference number" in response.content.decode()


def test_an_altered_thanks_link_is_refused_with_a_page_that_says_so(client, intake_page, daini):
    thanks = client.post("/support/", intake_data(daini))["Location"]

    response = client.get(thanks.replace("/thanks/", "/thanks/x"))

    assert (response.status_code, "表示できません" in response.content.decode()) == (400, True)


def test_a_thanks_link_older_than_a_day_is_refused(client, intake_page, daini, monkeypatch):
    real_time = time.time
    monkeypatch.setattr("django.core.signing.time.time", lambda: real_time() - 2 * 86400)
    thanks = client.post("/support/", intake_data(daini))["Location"]
    monkeypatch.setattr("django.core.signing.time.time", real_time)

    assert client.get(thanks).status_code == 400


def test_a_form_without_its_token_is_not_sent(client, intake_page, daini):
    client.post("/support/", intake_data(daini, form_token=None))

    assert SupportCase.objects.count() == 0


def test_a_form_with_a_forged_token_says_to_send_again_and_keeps_what_was_typed(
    client, intake_page, daini
):
    html = client.post("/support/", intake_data(daini, form_token="abc:def")).content.decode()

    assert "もう一度" in html and 'value="松本 花子"' in html


def test_a_refused_form_gets_a_fresh_token_that_can_be_sent(client, intake_page, daini):
    html = client.post("/support/", intake_data(daini, form_token="abc:def")).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)

    client.post("/support/", intake_data(daini, form_token=token))

    assert SupportCase.objects.count() == 1


def test_the_address_is_one_line_with_a_valid_autocomplete(client, intake_page):
    html = client.get("/support/").content.decode()
    address = re.search(r'<input[^>]*name="address"[^>]*>', html).group(0)

    assert 'autocomplete="address-line1"' in address and "street-address" not in html


def post_twice_at_once(data: dict) -> int:
    try:
        return Client().post("/support/", data).status_code
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_at_the_same_moment_makes_one_case(site):  # noqa: F811
    data = intake_data(site)
    with ThreadPoolExecutor(max_workers=6) as pool:
        statuses = list(pool.map(post_twice_at_once, [data] * 6))

    assert (statuses, SupportCase.objects.count()) == ([302] * 6, 1)
