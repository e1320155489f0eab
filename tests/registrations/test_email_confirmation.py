"""A person is on the public participant list only once they have consented and confirmed
their e-mail address (issue 13, finding 1): anyone can type a name and someone else's
address into the form, so the name goes public only when the address's owner says so.

The registration mail carries the link; the page it opens confirms with a button (a POST:
mail scanners open links, and a GET must not confirm on their behalf). A new address must
be confirmed again, and the old link stops working.
"""

import re

from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from byregion.registrations import services
from byregion.registrations.models import Registration

from .conftest import key, make_gathering

LINK = re.compile(r"https?://\S+/pamelding/[^/\s]+/bekreft/[^/\s]+/")


def participants(client, gathering) -> str:
    return client.get(reverse("registrations:participants", args=[gathering.slug])).content.decode()


def confirmation_path(message, settings) -> str:
    return LINK.search(message.body)[0].removeprefix(settings.SITE_URL)


def confirm_path(registration, code=None) -> str:
    return reverse(
        "registrations:confirm_email",
        args=[registration.personal_token, code or registration.email_confirmation_code],
    )


def test_the_registration_mail_carries_a_link_that_confirms_the_address_with_a_button(
    client, gathering, form_data, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("registrations:register", args=[gathering.slug]),
            form_data(public_consent="on"),
        )
    registration = Registration.objects.get()
    assert registration.public_consent and registration.email_confirmed_at is None
    assert registration.name not in participants(client, gathering)

    [message] = mail.outbox
    path = confirmation_path(message, settings)
    assert settings.SITE_URL + path in message.alternatives[0][0]  # the HTML part too
    page = client.get(path)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    form = BeautifulSoup(page.content.decode(), "html.parser").select_one("form[method=post]")
    assert form.select_one("input[name=csrfmiddlewaretoken]") and form.select_one("button")
    registration.refresh_from_db()
    assert registration.email_confirmed_at is None  # opening the link confirms nothing

    answer = client.post(path)
    assert answer.status_code == 302 and answer["Location"] == registration.get_personal_url()
    registration.refresh_from_db()
    assert registration.email_confirmed_at is not None
    assert registration.name in participants(client, gathering)


def test_the_public_list_needs_a_seat_consent_and_a_confirmed_address(client, applicant):
    gathering = make_gathering(capacity=3)

    def person(name, consent=True, confirmed=True):
        registration = services.register(
            gathering, applicant(name=name, public_consent=consent), idempotency_key=key()
        )
        if confirmed:
            services.confirm_email(registration, registration.email_confirmation_code)
        return registration

    person("Synleg Deltakar")
    person("Ustadfesta Deltakar", confirmed=False)
    person("Løyndeleg Deltakar", consent=False)
    person("Ventande Deltakar")  # the fourth for three seats: on the waitlist
    html = participants(client, gathering)
    assert "Synleg Deltakar" in html
    for hidden in ("Ustadfesta", "Løyndeleg", "Ventande"):
        assert hidden not in html
    # Organisers see everyone.
    assert Registration.objects.filter(gathering=gathering).count() == 4


def test_a_tampered_or_someone_elses_link_confirms_nothing(client, gathering, applicant):
    mine = services.register(gathering, applicant(public_consent=True), idempotency_key=key())
    theirs = services.register(gathering, applicant(public_consent=True), idempotency_key=key())
    code = mine.email_confirmation_code
    for path in (
        confirm_path(mine, theirs.email_confirmation_code),
        confirm_path(mine, code[:-2] + ("AA" if code[-2:] != "AA" else "BB")),
        reverse("registrations:confirm_email", args=[mine.personal_token + "x", code]),
    ):
        assert client.get(path).status_code == 404
        assert client.post(path).status_code == 404
    assert not Registration.objects.filter(email_confirmed_at__isnull=False).exists()


def test_a_new_address_must_be_confirmed_again_and_the_old_link_stops_working(
    client, gathering, applicant, roles, settings, django_capture_on_commit_callbacks
):
    person = services.register(
        gathering, applicant(name="Flytta Deltakar", public_consent=True), idempotency_key=key()
    )
    old_path = confirm_path(person)
    assert client.post(old_path).status_code == 302
    assert "Flytta Deltakar" in participants(client, gathering)

    fields = {
        "name": "Flytta Deltakar",
        "organisation_name": "Testorganisasjonen",
        "role": roles["project leader"].pk,
        "public_consent": "on",
        "email": "ny-adresse@example.invalid",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(person.get_personal_url(), fields).status_code == 302
    person.refresh_from_db()
    assert person.email_confirmed_at is None
    assert "Flytta Deltakar" not in participants(client, gathering)

    old = client.post(old_path)
    assert old.status_code == 404
    assert "virker ikke lenger" in old.content.decode()
    person.refresh_from_db()
    assert person.email_confirmed_at is None

    [message] = [m for m in mail.outbox if m.to == ["ny-adresse@example.invalid"]]
    assert client.post(confirmation_path(message, settings)).status_code == 302
    assert "Flytta Deltakar" in participants(client, gathering)


def test_an_organisers_correction_of_the_address_must_be_confirmed_again(
    client, gathering, applicant, django_user_model, django_capture_on_commit_callbacks
):
    """The organiser's correction mails no one (notify=False), but the new address is not
    confirmed by it: its owner asks for the link on the personal page."""
    organiser = django_user_model.objects.create_user(username="arrangor", password="pw")
    person = services.register(
        gathering, applicant(name="Retta Deltakar", public_consent=True), idempotency_key=key()
    )
    services.confirm_email(person, person.email_confirmation_code)
    with django_capture_on_commit_callbacks(execute=True):
        services.update(person, {"email": "retta@example.invalid"}, actor=organiser, notify=False)
    person.refresh_from_db()
    assert person.email_confirmed_at is None and not mail.outbox
    assert "Retta Deltakar" not in participants(client, gathering)


def test_the_personal_page_tells_whether_the_address_is_confirmed_and_resends_the_link(
    client, gathering, applicant, settings, django_capture_on_commit_callbacks
):
    settings.BYREGION_REGISTRATION_RATE_PER_EMAIL = "1/h"
    person = services.register(gathering, applicant(), idempotency_key=key(), notify=False)
    resend = reverse("registrations:send_confirmation", args=[person.personal_token])
    page = client.get(person.get_personal_url()).content.decode()
    assert "Du har ikke bekreftet e-postadressen din ennå." in page
    assert f'action="{resend}"' in page

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(resend)
    assert sent.status_code == 302 and sent["Location"] == person.get_personal_url()
    [message] = mail.outbox
    assert message.to == [person.email]
    assert (
        "Vi har sendt en ny lenke til e-postadressen din."
        in client.get(person.get_personal_url()).content.decode()
    )

    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(resend)
    assert again.status_code == 429 and 1 <= int(again["Retry-After"]) <= 3600
    assert "Vi har sendt lenken for mange ganger." in again.content.decode()
    assert len(mail.outbox) == 1

    assert client.post(confirmation_path(message, settings)).status_code == 302
    page = client.get(person.get_personal_url()).content.decode()
    assert "E-postadressen din er bekreftet." in page
    assert resend not in page


def test_a_cancelled_registration_is_not_offered_a_new_link(client, gathering, applicant):
    person = services.register(gathering, applicant(), idempotency_key=key(), notify=False)
    services.cancel(person, notify=False)
    resend = reverse("registrations:send_confirmation", args=[person.personal_token])
    assert resend not in client.get(person.get_personal_url()).content.decode()
    assert client.post(resend).status_code == 302
    assert not mail.outbox
