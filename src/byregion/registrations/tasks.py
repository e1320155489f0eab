"""E-mail, queued as Django tasks so no request waits for a mail server.

Tasks take primary keys only: a task's arguments may end up in a queue's logs, and personal
data must not. Production queues them in the database (django-tasks-db) for `byregion
db_worker`; the demo and the tests use django-tasks' immediate backend (the default), which
runs a task right after the transaction that queued it commits.
"""

from email.mime.image import MIMEImage

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from .ical import qr_png, registration_calendar
from .models import Questionnaire, Registration, Status

KINDS = (
    "registered", "changed", "promoted", "cancelled", "address_changed",
    # Short mails with a link: "reminder" to an address that tried to register again (its
    # personal link), "confirm_email" (the link that confirms the address).
    "reminder", "confirm_email",
    # Sent by the scheduled job (`reminders`): before the gathering, to the confirmed and to
    # the waitlisted, and after it.
    "upcoming", "upcoming_waitlisted", "follow_up",
)  # fmt: skip


def _headers(registration: Registration) -> dict:
    """The participant's language on every mail to them (RFC 3282), so a mail program can
    read it aloud or translate it right; Django adds Message-ID and Date."""
    return {"Content-Language": registration.language}


class MailFailed(RuntimeError):
    """Sending failed; the message names the registration, never the person."""


def _links(registration: Registration, kind: str) -> dict:
    """What every mail about a registration shows: who, which gathering, why, and its
    links (build them inside the registration's language)."""
    return {
        "registration": registration,
        "gathering": registration.gathering,
        "kind": kind,
        "personal_url": registration.get_absolute_personal_url(),
        "confirmation_url": _confirmation_url(registration),
        "materials_url": f"{registration.gathering.get_full_url()}program/"
        if kind == "follow_up"
        else "",
        # After the gathering, its evaluation, if it has one (not for who already answered).
        "evaluation_url": registration.get_absolute_evaluation_url()
        if kind == "follow_up"
        and not registration.evaluated
        and Questionnaire.objects.filter(gathering_id=registration.gathering_id).exists()
        else "",
    }


def registration_email(registration: Registration, kind: str) -> EmailMultiAlternatives:
    with translation.override(registration.language):
        context = {
            **_links(registration, kind),
            "sessions": registration.session_choices.select_related("session"),
        }
        subject = render_to_string("registrations/email/subject.txt", context).strip()
        text = render_to_string("registrations/email/message.txt", context)
        html = render_to_string("registrations/email/message.html", context)
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [registration.email],
        headers=_headers(registration),
    )  # fmt: skip
    message.attach_alternative(html, "text/html")
    if kind == "follow_up":
        return message  # after the gathering: no code to show, nothing to put in a calendar
    if registration.status == Status.CONFIRMED:
        image = MIMEImage(qr_png(registration.check_in_code), "png")
        image.add_header("Content-ID", "<check-in-code>")
        image.add_header("Content-Disposition", "inline", filename="check-in.png")
        message.attach(image)
    if registration.status != Status.CANCELLED:
        message.attach("gathering.ics", registration_calendar(registration), "text/calendar")
    return message


def _confirmation_url(registration: Registration) -> str:
    """The link that confirms the address, while it is not confirmed (and the registration
    is not cancelled): the public participant list waits for it."""
    if registration.email_confirmed_at or registration.status == Status.CANCELLED:
        return ""
    return registration.get_absolute_email_confirmation_url()


def link_email(registration: Registration, kind: str) -> EmailMultiAlternatives:
    """A short mail with the registration's links: "reminder" (someone tried to register
    this address again: its personal link, no details of the attempt) or "confirm_email"
    (the link that confirms the address). Plain text; no code, QR or calendar."""
    with translation.override(registration.language):  # the links in that language too
        context = _links(registration, kind)
        subject = render_to_string("registrations/email/link_subject.txt", context)
        text = render_to_string("registrations/email/link.txt", context)
    return EmailMultiAlternatives(
        subject.strip(), text, settings.DEFAULT_FROM_EMAIL, [registration.email],
        headers=_headers(registration),
    )  # fmt: skip


def address_changed_email(registration: Registration) -> EmailMultiAlternatives:
    """To the address the participant changed away from: that it was changed, and nothing
    more. No personal link, code or new address: the old address may no longer be theirs."""
    context = {"gathering": registration.gathering}
    with translation.override(registration.language):
        subject = render_to_string("registrations/email/address_changed_subject.txt", context)
        text = render_to_string("registrations/email/address_changed.txt", context)
    return EmailMultiAlternatives(
        subject.strip(), text, settings.DEFAULT_FROM_EMAIL, [registration.previous_email],
        headers=_headers(registration),
    )  # fmt: skip


@task()
def send_registration_email(registration_id: int, kind: str) -> None:
    registration = (
        Registration.objects.select_related("gathering").filter(pk=registration_id).first()
    )
    if registration is None or registration.is_anonymised:
        return
    if kind == "address_changed":
        _send_address_changed(registration)
        return
    build = registration_email
    if kind in ("reminder", "confirm_email"):
        # Cancelled, or confirmed, before the mail went: nothing left to send.
        if registration.status == Status.CANCELLED or (
            kind == "confirm_email" and registration.email_confirmed_at
        ):
            return
        build = link_email
    try:
        build(registration, kind).send()
    except Exception as error:
        # The task runner logs a failure's traceback; a mail server's error names the
        # recipient, so say what failed without it (and without the chained exception).
        raise MailFailed(
            f"{kind} e-mail for registration {registration_id}: {type(error).__name__}"
        ) from None


def _send_address_changed(registration: Registration) -> None:
    """Tell `previous_email` (once), then forget it. A notice already sent, or an address
    changed back before the mail went, sends nothing."""
    previous = registration.previous_email
    if not previous:
        return
    if previous.strip().casefold() != registration.email.strip().casefold():
        try:
            address_changed_email(registration).send()
        except Exception as error:
            raise MailFailed(
                f"address_changed e-mail for registration {registration.pk}: {type(error).__name__}"
            ) from None
    Registration.objects.filter(pk=registration.pk, previous_email=previous).update(
        previous_email=""
    )


@task()
def send_message_to_participants(gathering_id: int, subject: str, body: str) -> int:
    """One message per confirmed participant (never a shared recipient list). Returns the
    number sent."""
    recipients = Registration.objects.filter(
        gathering_id=gathering_id, status=Status.CONFIRMED, anonymised_at__isnull=True
    ).values_list("email", flat=True)
    messages = [
        EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
        for email in recipients
    ]
    try:
        with get_connection() as connection:
            return connection.send_messages(messages) or 0
    except Exception as error:
        raise MailFailed(f"message to gathering {gathering_id}: {type(error).__name__}") from None
