"""Notices go through the outbox without personal data; none in logs or URLs either."""

import logging
import re
from io import StringIO

import pytest
from django.core.management import call_command

from portal.models import OutboxMessage
from support.models import DistrictMailbox, SupportCase

from .factories import SupportCaseFactory, intake_data

pytestmark = pytest.mark.django_db

PERSONAL = [
    "松本 花子",
    "まつもと はなこ",
    "0263-99-1234",
    "hanako@example.jp",
    "県3丁目",
    "膝の手術",
    "膝が悪くても",
]


def health_intake(district):
    return intake_data(
        district,
        consent_sensitive="on",
        health_needs=["mobility"],
        health_details="膝の手術をしました。",
    )


def post_intake(client, data, capture):
    with capture(execute=True):
        return client.post("/support/", data, follow=True)


def test_the_districts_mailbox_gets_the_notice(
    client, intake_page, daini, mailoutbox, django_capture_on_commit_callbacks
):
    DistrictMailbox.objects.create(district=daini, email="daini-hiroba@city.matsumoto.nagano.jp")
    post_intake(client, intake_data(daini), django_capture_on_commit_callbacks)
    assert [m.to for m in mailoutbox] == [["daini-hiroba@city.matsumoto.nagano.jp"]]


def test_without_a_mailbox_the_district_staff_get_the_notice(
    client, intake_page, daini, daini_staff, mailoutbox, django_capture_on_commit_callbacks
):
    post_intake(client, intake_data(daini), django_capture_on_commit_callbacks)
    assert [m.to for m in mailoutbox] == [[daini_staff.email]]


def test_an_unassigned_request_goes_to_the_pages_notification_address(
    client, intake_page, mailoutbox, django_capture_on_commit_callbacks
):
    intake_page.notification_email = "fukushi@city.matsumoto.nagano.jp"
    intake_page.save()
    post_intake(client, intake_data(None), django_capture_on_commit_callbacks)
    assert [m.to for m in mailoutbox] == [["fukushi@city.matsumoto.nagano.jp"]]


def test_an_unassigned_request_goes_to_the_coordinators_without_a_page_address(
    client, intake_page, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    post_intake(client, intake_data(None), django_capture_on_commit_callbacks)
    assert [m.to for m in mailoutbox] == [[coordinator.email]]


def test_the_notice_holds_the_reference_and_the_admin_link_only(
    client, intake_page, daini, daini_staff, mailoutbox, django_capture_on_commit_callbacks
):
    post_intake(client, health_intake(daini), django_capture_on_commit_callbacks)
    case = SupportCase.objects.get()
    message = mailoutbox[0]
    text = message.subject + message.body
    assert case.reference in message.subject
    assert f"/admin/support/cases/{case.pk}/" in message.body
    for value in PERSONAL:
        assert value not in text


def test_a_broken_mail_server_loses_no_case(
    client, intake_page, daini, daini_staff, broken_mail, django_capture_on_commit_callbacks
):
    response = post_intake(client, intake_data(daini), django_capture_on_commit_callbacks)
    case = SupportCase.objects.get()
    assert response.status_code == 200 and case.reference in response.content.decode()
    message = OutboxMessage.objects.get(kind="support-intake")
    assert message.status == OutboxMessage.Status.PENDING and message.attempts == 1


def test_the_notice_is_retried_and_sent_once_the_server_is_back(
    client,
    intake_page,
    daini,
    daini_staff,
    broken_mail,
    monkeypatch,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    post_intake(client, intake_data(daini), django_capture_on_commit_callbacks)
    monkeypatch.undo()
    OutboxMessage.objects.update(next_attempt_at=OutboxMessage.objects.get().created_at)
    call_command("send_outbox", stdout=StringIO())
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT
    assert len(mailoutbox) == 1


def test_no_personal_data_in_the_logs_of_intake_and_notice(
    client,
    intake_page,
    daini,
    daini_staff,
    broken_mail,
    caplog,
    django_capture_on_commit_callbacks,
):
    caplog.set_level(logging.DEBUG)
    post_intake(client, health_intake(daini), django_capture_on_commit_callbacks)
    post_intake(client, intake_data(None), django_capture_on_commit_callbacks)
    post_intake(
        client, intake_data(daini, consent_contact=None), django_capture_on_commit_callbacks
    )
    call_command("send_outbox", stdout=StringIO())
    assert SupportCase.objects.count() == 2
    assert caplog.records  # the flow does log (receipts, the mail failure)
    for value in PERSONAL:
        assert value not in caplog.text


def test_no_personal_data_in_the_logs_of_staff_work(client, daini, daini_staff, caplog):
    caplog.set_level(logging.DEBUG)
    case = SupportCaseFactory(district=daini, name="松本 花子", phone="0263-99-1234")
    client.force_login(daini_staff)
    client.get(f"/admin/support/cases/{case.pk}/")
    client.post(f"/admin/support/cases/{case.pk}/status/", {"status-to_status": "contacted"})
    client.post(f"/admin/support/cases/{case.pk}/escalate/", {"escalate-reason": "膝の手術"})
    for value in PERSONAL:
        assert value not in caplog.text


def hrefs(html: str) -> list[str]:
    return re.findall(r'(?:href|action|src)="([^"]*)"', html)


def test_no_personal_data_in_urls_of_the_public_flow(client, intake_page, daini):
    response = client.post("/support/", health_intake(daini))
    links = " ".join(hrefs(response.content.decode())) + response.get("Location", "")
    for value in PERSONAL:
        assert value not in links


def test_no_personal_data_in_urls_of_the_staff_screens(client, daini, daini_staff):
    client.force_login(daini_staff)
    response = client.post(
        "/admin/support/cases/new/",
        {
            "source": "phone",
            "district": daini.pk,
            "requester_type": "self",
            "name": "松本 花子",
            "furigana": "まつもと はなこ",
            "phone": "0263-99-1234",
            "email": "hanako@example.jp",
            "contact_method": "any",
            "consent_contact": "on",
            "consent_method": "oral",
        },
    )
    case = SupportCase.objects.get()
    assert response["Location"] == f"/admin/support/cases/{case.pk}/"
    pages = [
        client.get("/admin/support/cases/").content.decode(),
        client.get(f"/admin/support/cases/{case.pk}/").content.decode(),
        client.get("/admin/").content.decode(),
    ]
    links = " ".join(link for html in pages for link in hrefs(html))
    for value in ("松本", "まつもと", "0263-99-1234", "hanako@example.jp"):
        assert value not in links


def test_the_dashboard_shows_references_not_names(client, daini, daini_staff):
    case = SupportCaseFactory(district=daini, name="松本 花子", lead=daini_staff)
    client.force_login(daini_staff)
    html = client.get("/admin/").content.decode()
    assert case.reference in html
    assert "松本 花子" not in html


def test_searching_for_a_person_puts_nothing_in_the_url(client, daini, daini_staff):
    case = SupportCaseFactory(district=daini, name="松本 花子")
    client.force_login(daini_staff)
    html = client.get("/admin/support/cases/").content.decode()
    assert re.search(r'<form method="post"[^>]*role="search"', html)
    response = client.post("/admin/support/cases/?status=open", {"q": "松本"})
    assert response.status_code == 200 and case.reference in response.content.decode()
    assert all("松本" not in link for link in hrefs(response.content.decode()))


def test_a_search_word_in_the_query_string_is_ignored(client, daini, daini_staff):
    SupportCaseFactory(district=daini, name="松本 花子")
    other = SupportCaseFactory(district=daini, name="本庄 次郎")
    client.force_login(daini_staff)
    html = client.get("/admin/support/cases/?q=松本").content.decode()
    assert other.reference in html
