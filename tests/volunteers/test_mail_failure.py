"""A mail server that fails never loses a sign-up: the mail waits in the outbox."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from portal.models import OutboxMessage
from portal.signups import SignupStatus
from volunteers.models import ShiftSignup

from .test_signup_flow import form_data, form_url

pytestmark = pytest.mark.django_db


def test_the_sign_up_is_kept_when_the_mail_server_fails(
    client, shift, broken_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_url(shift), form_data(shift))
    assert response.status_code == 302
    assert ShiftSignup.objects.get().status == SignupStatus.CONFIRMED
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1 and message.last_error == "BrokenMailServer"


def test_the_failed_mail_is_sent_by_a_later_send_outbox(
    client, shift, broken_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_url(shift), form_data(shift))
    broken_mail.undo()
    OutboxMessage.objects.update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
    call_command("send_outbox", verbosity=0)
    assert [m.to for m in mail.outbox] == [["hanako@example.jp"]]
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT
