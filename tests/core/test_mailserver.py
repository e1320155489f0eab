"""The loopback SMTP server the mail tests rely on: what it receives is what was sent."""

import smtplib

import pytest
from django.core.mail import EmailMultiAlternatives, get_connection


def test_a_mail_sent_through_djangos_smtp_backend_arrives_whole(smtp_server):
    mail = EmailMultiAlternatives(
        "Påminning",
        "Tekst",
        "noreply@byregion.test",
        ["kari@example.org"],
        headers={"Content-Language": "nn"},
    )
    mail.attach_alternative("<p>Tekst</p>", "text/html")
    mail.attach("program.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    assert mail.send() == 1

    [received] = smtp_server.to("kari@example.org")
    assert received.message["Subject"] == "Påminning"
    assert received.message["Content-Language"] == "nn"
    assert received.message["Message-ID"] and received.message["Date"]
    assert received.text().strip() == "Tekst"
    assert received.html().strip() == "<p>Tekst</p>"
    [attachment] = received.attachments()
    assert attachment.get_filename() == "program.ics"


def test_a_refusing_server_raises_and_the_next_mail_goes_through(smtp_server):
    smtp_server.refuse("451 4.3.0 Try again later")
    with pytest.raises(smtplib.SMTPDataError):
        get_connection(fail_silently=False).send_messages(
            [EmailMultiAlternatives("A", "a", "noreply@byregion.test", ["a@example.org"])]
        )
    assert smtp_server.to("a@example.org") == []
    EmailMultiAlternatives("B", "b", "noreply@byregion.test", ["a@example.org"]).send()
    assert [r.message["Subject"] for r in smtp_server.to("a@example.org")] == ["B"]


def test_a_stalling_server_times_the_client_out(smtp_server, settings):
    settings.EMAIL_TIMEOUT = 0.3
    smtp_server.stall(1.0)
    # smtplib reports the read that timed out as a lost connection.
    with pytest.raises((TimeoutError, smtplib.SMTPServerDisconnected)):
        EmailMultiAlternatives("A", "a", "noreply@byregion.test", ["t@example.org"]).send()
    assert smtp_server.to("t@example.org") == []
