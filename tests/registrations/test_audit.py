"""Every change of seats or personal data is logged once, by the service, with its actor
(the participant, an organiser or the retention job), and never with personal data."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import BaseLogEntry, ModelLogEntry, PageLogEntry

from byregion.gatherings.models import GatheringPage
from byregion.registrations import services
from byregion.registrations.models import Registration, Status

from .conftest import key, make_gathering


def entries() -> list[BaseLogEntry]:
    registrations = ModelLogEntry.objects.filter(action__startswith="registrations.")
    deleted = ModelLogEntry.objects.filter(action="wagtail.delete")
    pages = PageLogEntry.objects.filter(action__startswith="registrations.")
    return [*registrations, *deleted, *pages]


class Log:
    """The audit entries written since the last look."""

    def __init__(self):
        self.seen = {(type(e), e.pk) for e in entries()}

    def new(self) -> list[tuple[str, str, object, dict]]:
        fresh = [e for e in entries() if (type(e), e.pk) not in self.seen]
        self.seen |= {(type(e), e.pk) for e in fresh}
        return sorted(
            ((e.action, str(e.object_id), e.user, e.data) for e in fresh), key=lambda e: e[:2]
        )


def assert_no_personal_data(people):
    secrets = set()
    for person in people:
        secrets |= {person.name, person.email, person.token, person.check_in_code}
        secrets.add(person.personal_token)
    for entry in [*ModelLogEntry.objects.all(), *PageLogEntry.objects.all()]:
        text = entry.label + json.dumps(entry.data, ensure_ascii=False)
        assert not any(secret and secret in text for secret in secrets), text


def by(kind):
    return {"by": kind}


@pytest.fixture
def full(applicant):
    """One seat, taken, and one person waiting."""
    gathering = make_gathering(capacity=1)
    seated, waiting = (
        services.register(gathering, applicant(), idempotency_key=key()) for _ in range(2)
    )
    return gathering, seated, waiting


def test_the_participants_own_changes(client, gathering, form_data, applicant):
    log = Log()
    response = client.post(reverse("registrations:register", args=[gathering.slug]), form_data())
    person = Registration.objects.get()
    assert response.status_code == 302
    pk = str(person.pk)
    assert log.new() == [
        ("registrations.register", pk, None, {**by("participant"), "status": "confirmed"})
    ]

    data = form_data(name="Nytt Namn")
    data.pop("idempotency_key")
    client.post(person.get_personal_url(), data)
    assert log.new() == [
        ("registrations.change", pk, None, {**by("participant"), "fields": ["name"]})
    ]
    client.post(reverse("registrations:consent", args=[person.personal_token]), {"consent": "1"})
    assert log.new() == [
        ("registrations.change", pk, None, {**by("participant"), "fields": ["public_consent"]})
    ]
    client.get(reverse("registrations:export", args=[person.personal_token, "json"]))
    assert log.new() == [("registrations.export", pk, None, by("participant"))]

    gathering.capacity = 1
    gathering.save_revision().publish()
    waiting = services.register(gathering, applicant(), idempotency_key=key())
    log.new()
    client.post(reverse("registrations:cancel", args=[person.personal_token]))
    assert log.new() == [
        ("registrations.cancel", pk, None, by("participant")),
        ("registrations.promote", str(waiting.pk), None, {**by("participant"), "automatic": True}),
    ]
    person.refresh_from_db()
    assert_no_personal_data([person, waiting])


def test_an_organisers_actions(client, organiser, full, roles):
    gathering, seated, waiting = full
    client.force_login(organiser)
    log = Log()

    def act(person, action):
        client.post(reverse("registrations_admin:act", args=[person.pk, action]))
        return log.new()

    o = by("organiser")
    assert act(waiting, "promote") == [
        ("registrations.promote", str(waiting.pk), organiser, {**o, "automatic": False})
    ]
    assert act(seated, "check_in") == [("registrations.check_in", str(seated.pk), organiser, o)]
    assert act(seated, "check_in") == []  # already in: nothing changed, nothing logged
    client.get(reverse("registrations_admin:export_person", args=[seated.pk]))
    assert log.new() == [("registrations.export", str(seated.pk), organiser, o)]
    client.post(
        reverse("registration_records:edit", args=[seated.pk]),
        {
            "name": seated.name,
            "email": "retta@example.invalid",
            "organisation_name": seated.organisation_name,
            "role": roles["other"].pk,
            "region": seated.region_id,
        },
    )
    assert log.new() == [
        ("registrations.change", str(seated.pk), organiser, {**o, "fields": ["email", "role"]})
    ]
    response = client.post(
        reverse("registration_records:add"),
        {"gathering": gathering.pk, "name": "Lagt Til", "email": "lagt.til@example.invalid",
         "role": roles["other"].pk},
    )  # fmt: skip
    assert response.status_code == 302
    added = Registration.objects.get(name="Lagt Til")
    assert log.new() == [
        ("registrations.register", str(added.pk), organiser, {**o, "status": "waitlisted"})
    ]
    assert act(seated, "cancel") == [
        ("registrations.cancel", str(seated.pk), organiser, o),
    ]  # two confirmed (one moved beyond the capacity): no seat for the one waiting
    assert act(waiting, "erase") == [
        ("registrations.erase", str(waiting.pk), organiser, o),
        ("registrations.promote", str(added.pk), organiser, {**o, "automatic": True}),
    ]
    client.post(reverse("registration_records:delete", args=[added.pk]))
    assert log.new() == [("wagtail.delete", str(added.pk), organiser, o)]
    assert not Registration.objects.filter(pk=added.pk).exists()

    client.get(reverse("registration_records:index"), {"export": "csv"})
    assert log.new() == [
        ("registrations.export", str(gathering.pk), organiser, {**o, "format": "csv", "count": 2})
    ]
    seated.refresh_from_db()
    assert_no_personal_data([seated, added])


def test_the_retention_job(applicant):
    gathering = make_gathering(capacity=5, days_ahead=-60)
    people = [
        services.register(
            gathering, applicant(dietary=["vegan"]), idempotency_key=key(), by_organiser=True
        )
        for _ in range(2)
    ]
    GatheringPage.objects.filter(pk=gathering.pk).update(end=timezone.now() - dt.timedelta(days=40))
    log = Log()
    call_command("purge_registrations", "--days", "30", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert log.new() == [
        ("registrations.erase", str(people[0].pk), None, by("retention")),
        ("registrations.erase", str(people[1].pk), None, by("retention")),
        ("registrations.erase_needs", str(gathering.pk), None, {**by("retention"), "count": 2}),
    ]
    assert all(p.status == Status.CONFIRMED for p in Registration.objects.all())
    call_command("purge_registrations", "--days", "30", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert log.new() == []  # nothing left to erase, nothing logged
    assert_no_personal_data(people)


def test_code_loading_data_is_logged_as_the_system(applicant, gathering):
    person = services.register(gathering, applicant(), idempotency_key=key(), by_organiser=True)
    entry = ModelLogEntry.objects.get(object_id=str(person.pk))
    assert entry.user is None and entry.data == {"by": "system", "status": "confirmed"}
