"""The participants' mails through a real SMTP server on loopback (issue 15, item 5): the
registration confirmation, the waitlisted note, the reminder and the follow-up, as a mail
server receives them (headers, text and HTML parts, attachments); and the scheduled job
against a mail server that refuses or stalls: nothing lost, nothing sent twice."""

import datetime as dt
import re
from email.utils import parsedate_to_datetime

import pytest
from django.utils import timezone, translation

from byregion.registrations import reminders, services
from byregion.registrations.models import Questionnaire, Registration, ReminderMail

from .conftest import key, make_gathering, make_session

pytestmark = pytest.mark.django_db
MONTH_AGO = timezone.now() - dt.timedelta(days=30)


def only_mail(smtp_server, address):
    [received] = smtp_server.to(address)
    return received


def check_headers(received, language):
    message = received.message
    assert re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", message["Message-ID"])
    sent = parsedate_to_datetime(message["Date"])
    if sent.tzinfo is None:  # "-0000": UTC, with no claim about the sender's zone (RFC 5322)
        sent = sent.replace(tzinfo=dt.UTC)
    assert abs(sent - timezone.now()) < dt.timedelta(minutes=5)
    assert message["Content-Language"] == language
    assert message["To"] == received.rcpt_tos[0]


def in_language(registration, url_method):
    """A link as the mail has it: built in the participant's language (its path prefix)."""
    with translation.override(registration.language):
        return getattr(registration, url_method)()


def attachment_names(received):
    return sorted(part.get_filename() for part in received.attachments())


def test_the_registration_confirmation_as_the_mail_server_gets_it(
    smtp_server, applicant, django_capture_on_commit_callbacks
):
    gathering = make_gathering(capacity=1)
    make_session(gathering, "Opning")
    with django_capture_on_commit_callbacks(execute=True):
        person = services.register(gathering, applicant(language="nn"), idempotency_key=key())
    received = only_mail(smtp_server, person.email)
    check_headers(received, "nn")
    assert received.message["Subject"] == f"Påmelding stadfesta: {gathering.title}"
    text, html = received.text(), received.html()
    for part in (text, html):
        assert in_language(person, "get_absolute_personal_url") in part
        assert person.check_in_code in part
        assert in_language(person, "get_absolute_email_confirmation_url") in part
    assert '<html lang="nn">' in html and 'src="cid:check-in-code"' in html
    assert attachment_names(received) == ["check-in.png", "gathering.ics"]
    [image] = [p for p in received.message.walk() if p.get_content_type() == "image/png"]
    assert image["Content-ID"] == "<check-in-code>"
    [calendar] = [p for p in received.attachments() if p.get_filename() == "gathering.ics"]
    ics = calendar.get_content()
    ics = ics.decode() if isinstance(ics, bytes) else ics
    assert "BEGIN:VCALENDAR" in ics and gathering.title in ics


def test_the_waitlisted_note_has_no_check_in_code(
    smtp_server, applicant, django_capture_on_commit_callbacks
):
    gathering = make_gathering(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.register(gathering, applicant(), idempotency_key=key())
        waiting = services.register(gathering, applicant(language="en"), idempotency_key=key())
    received = only_mail(smtp_server, waiting.email)
    check_headers(received, "en")
    assert received.message["Subject"] == f"On the waitlist: {gathering.title}"
    assert "waitlist" in received.text()
    assert waiting.check_in_code not in received.text()
    assert waiting.check_in_code not in received.html()
    assert attachment_names(received) == ["gathering.ics"]


@pytest.fixture
def five_days_ahead(applicant):
    """One seat, five days ahead: a confirmed participant (nb) and a waitlisted one (nn),
    registered a month ago; no mail sent yet."""
    gathering = make_gathering(capacity=1, days_ahead=5)
    opening = make_session(gathering, "Opning")
    seated = services.register(
        gathering, applicant(sessions=[opening]), idempotency_key=key(), notify=False
    )
    waiting = services.register(
        gathering, applicant(language="nn"), idempotency_key=key(), notify=False
    )
    Registration.objects.filter(gathering=gathering).update(created=MONTH_AGO)
    return gathering, seated, waiting


def test_the_reminder_carries_the_personal_link_and_the_programme(smtp_server, five_days_ahead):
    gathering, seated, waiting = five_days_ahead
    assert reminders.run()["sent"] == 2
    received = only_mail(smtp_server, seated.email)
    check_headers(received, "nb")
    assert received.message["Subject"] == f"Påminnelse: {gathering.title}"
    for part in (received.text(), received.html()):
        assert seated.get_absolute_personal_url() in part
    assert attachment_names(received) == ["check-in.png", "gathering.ics"]
    [calendar] = [p for p in received.attachments() if p.get_filename() == "gathering.ics"]
    ics = calendar.get_content()
    assert "Opning" in (ics.decode() if isinstance(ics, bytes) else ics)

    note = only_mail(smtp_server, waiting.email)
    check_headers(note, "nn")
    assert "ventelista" in note.text()
    assert attachment_names(note) == ["gathering.ics"]


def test_the_follow_up_links_the_materials_and_the_evaluation(smtp_server, applicant):
    gathering = make_gathering(capacity=3, days_ahead=30)
    Questionnaire.objects.create(gathering=gathering)
    person = services.register(gathering, applicant(), idempotency_key=key(), notify=False)
    reminders.run(gathering.end + dt.timedelta(days=1, hours=1))
    received = only_mail(smtp_server, person.email)
    check_headers(received, "nb")
    assert received.message["Subject"] == f"Takk for at du kom: {gathering.title}"
    for part in (received.text(), received.html()):
        assert f"{gathering.get_full_url()}program/" in part
        assert person.get_absolute_evaluation_url() in part
    assert attachment_names(received) == []


def test_no_evaluation_link_without_a_questionnaire(smtp_server, applicant):
    gathering = make_gathering(capacity=3, days_ahead=30)
    person = services.register(gathering, applicant(), idempotency_key=key(), notify=False)
    reminders.run(gathering.end + dt.timedelta(days=1, hours=1))
    received = only_mail(smtp_server, person.email)
    assert "/evaluering/" not in received.text() and "/evaluering/" not in received.html()


@pytest.mark.parametrize(
    "trouble",
    [
        lambda server: server.refuse("451 4.3.0 Try again later", times=2),
        lambda server: server.refuse("554 5.7.1 Refused", times=2),
        lambda server: server.stall(3, times=1),
    ],
    ids=["refuses-for-now", "refuses-for-good", "times-out"],
)
def test_the_job_survives_a_bad_mail_server_and_sends_each_mail_once(
    smtp_server, five_days_ahead, trouble
):
    _gathering, seated, waiting = five_days_ahead
    trouble(smtp_server)
    now = timezone.now()
    counts = reminders.run(now)
    assert counts["owed"] == 2 and counts["failed"] >= 1
    assert ReminderMail.objects.filter(sent_at__isnull=True).count() == counts["failed"]
    # Until the pause ends, another run sends nothing more; after it, the rest goes.
    assert reminders.run(now)["sent"] == 0
    later = now + dt.timedelta(hours=2)
    reminders.run(later)
    reminders.run(later + dt.timedelta(hours=2))
    assert not ReminderMail.objects.filter(sent_at__isnull=True).exists()
    assert len(smtp_server.to(seated.email)) == 1
    assert len(smtp_server.to(waiting.email)) == 1
