"""Issue 13 (low finding): a personal link is read-only once its gathering has ended, and a
participant's change of e-mail address is told to the old address too."""

import datetime as dt
import json

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from byregion.registrations import audit, services
from byregion.registrations.models import Registration, Status

from .conftest import key, make_gathering, queued_mails

ENDED = {
    "en": "The gathering has ended; the registration can no longer be changed.",
    "nb": "Samlingen er over, og påmeldingen kan ikke lenger endres.",
    "nn": "Samlinga er over, og påmeldinga kan ikkje lenger endrast.",
}


@pytest.fixture
def ended(db):
    """A gathering that ended yesterday (it started the day before)."""
    return make_gathering(capacity=1, days_ahead=-2)


@pytest.fixture
def past_people(ended, applicant):
    """One confirmed and one waiting, registered by an organiser (the window is over)."""
    return [
        services.register(
            ended, applicant(), idempotency_key=key(), by_organiser=True, notify=False
        )
        for _ in range(2)
    ]


def personal_url(registration, language, name="personal"):
    with translation.override(language):
        if name == "personal":
            return registration.get_personal_url()
        return reverse(f"registrations:{name}", args=[registration.personal_token])


def snapshot(registration):
    registration.refresh_from_db()
    return (
        registration.status,
        registration.name,
        registration.email,
        registration.public_consent,
        registration.updated,
    )


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_after_the_end_the_personal_page_shows_the_registration_but_no_forms(
    client, past_people, language
):
    person = past_people[0]
    response = client.get(personal_url(person, language))
    assert response.status_code == 200
    html = response.content.decode()
    assert person.check_in_code in html  # still there to show
    assert personal_url(person, language, "cancel") not in html
    assert personal_url(person, language, "consent") not in html
    assert 'method="post"' not in html
    assert ENDED[language] in html
    # The export still works.
    export = reverse("registrations:export", args=[person.personal_token, "json"])
    assert json.loads(client.get(export).content)["name"] == person.name


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
@pytest.mark.parametrize("action", ["personal", "cancel", "consent"])
def test_after_the_end_posts_from_the_personal_link_change_nothing(
    client, past_people, form_data, language, action, django_capture_on_commit_callbacks
):
    person, waiting = past_people
    assert waiting.status == Status.WAITLISTED
    before = snapshot(person)
    entries = ModelLogEntry.objects.count()
    data = {"consent": "1"}
    if action == "personal":
        data = form_data(name="Endra etter slutt", email="ny@example.invalid")
        data.pop("idempotency_key")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(personal_url(person, language, action), data, follow=True)
    assert ENDED[language] in response.content.decode()
    assert snapshot(person) == before
    assert Registration.objects.get(pk=waiting.pk).status == Status.WAITLISTED
    assert ModelLogEntry.objects.count() == entries
    assert mail.outbox == []


def test_the_services_refuse_the_participant_but_not_the_organiser(past_people, organiser):
    person, waiting = past_people
    with pytest.raises(ValidationError) as refused:
        services.update(person, {"name": "Endra"})
    assert refused.value.code == "ended"
    with pytest.raises(ValidationError) as refused:
        services.cancel(person)
    assert refused.value.code == "ended"
    assert snapshot(person)[:2] == (Status.CONFIRMED, person.name)

    # Organisers may still correct the record afterwards.
    services.update(person, {"name": "Retta av arrangør"}, actor=organiser, notify=False)
    services.cancel(waiting, actor=organiser, notify=False)
    person.refresh_from_db()
    assert person.name == "Retta av arrangør"
    assert Registration.objects.get(pk=waiting.pk).status == Status.CANCELLED


def test_until_the_end_the_participant_may_still_change(client, applicant):
    """Between the start and the end (the gathering is on) the link still works."""
    running = make_gathering(capacity=5, days_ahead=0)
    running.start = timezone.now() - dt.timedelta(hours=1)
    running.end = timezone.now() + dt.timedelta(hours=5)
    running.save()
    person = services.register(
        running, applicant(), idempotency_key=key(), by_organiser=True, notify=False
    )
    services.update(person, {"public_consent": True}, notify=False)
    person.refresh_from_db()
    assert person.public_consent


@pytest.fixture
def live_person(gathering, applicant):
    return services.register(
        gathering, applicant(email="gammal@example.invalid"), idempotency_key=key(), notify=False
    )


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("nb", "E-postadressen er endret: {}"),
        ("nn", "E-postadressa er endra: {}"),
        ("en", "E-mail address changed: {}"),
    ],
)
def test_an_address_changed_on_the_personal_page_is_told_to_the_old_address(
    client, live_person, form_data, language, subject, django_capture_on_commit_callbacks
):
    Registration.objects.filter(pk=live_person.pk).update(language=language)
    data = form_data(email="ny@example.invalid", name=live_person.name)
    data.pop("idempotency_key")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(live_person.get_personal_url(), data)
    assert response.status_code == 302
    live_person.refresh_from_db()
    assert live_person.email == "ny@example.invalid"
    by_address = {tuple(m.to): m for m in mail.outbox}
    assert set(by_address) == {("ny@example.invalid",), ("gammal@example.invalid",)}
    new = by_address[("ny@example.invalid",)]
    with translation.override(language):
        assert live_person.get_absolute_personal_url() in new.body
    old = by_address[("gammal@example.invalid",)]
    assert old.subject == subject.format(live_person.gathering.title)
    everything = old.body + "".join(str(a[0]) for a in old.alternatives)
    assert live_person.token not in everything
    assert live_person.personal_token not in everything
    assert "/pamelding/" not in everything
    assert live_person.check_in_code not in everything
    assert "ny@example.invalid" not in everything
    assert old.attachments == []
    # Told once: a later change of something else mails only the current address.
    mail.outbox.clear()
    data["name"] = "Nytt namn"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(live_person.get_personal_url(), data)
    assert [m.to for m in mail.outbox] == [["ny@example.invalid"]]


def test_the_old_address_mail_is_queued_with_keys_only(
    client, live_person, form_data, database_queue
):
    data = form_data(email="ny@example.invalid", name=live_person.name)
    data.pop("idempotency_key")
    client.post(live_person.get_personal_url(), data)
    queued = [args for args, _status in queued_mails()]
    assert "example.invalid" not in json.dumps(queued)
    assert [tuple(a["args"]) for a in queued] == [
        (live_person.pk, "changed"),
        (live_person.pk, "address_changed"),
    ]


def test_an_organisers_correction_of_the_address_mails_no_one(
    live_person, organiser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.update(
            live_person, {"email": "retta@example.invalid"}, actor=organiser, notify=False
        )
    assert mail.outbox == []


def test_anonymising_forgets_an_old_address_not_yet_told(live_person, database_queue):
    """The old address waits in the row until its mail has gone; erasing erases it too."""
    from byregion.registrations import privacy

    services.update(live_person, {"email": "ny@example.invalid"})
    row = Registration.objects.values().get(pk=live_person.pk)
    assert "gammal@example.invalid" in row.values()  # not yet told: the worker has not run
    privacy.anonymise(live_person, actor=audit.RETENTION)
    row = Registration.objects.values().get(pk=live_person.pk)
    assert "gammal@example.invalid" not in json.dumps(row, default=str)
