"""A change of seats waits a bounded time for the gathering's lock, then answers "try again"
and writes nothing: no registration, no audit entry, no queued mail.

On PostgreSQL another connection holds the gathering's row lock (SELECT ... FOR UPDATE in an
open transaction), as a long or stuck transaction would. The suite's SQLite database is in
memory, with no second writer to wait for, so there the views' answer is shown by making the
wait run out; SQLite's real waits (another process's write lock, the writers' file lock) are
proven against a file database and a running server in test_concurrency.
"""

import contextlib
import fcntl
import os
import threading
import time

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry, PageLogEntry

from byregion.registrations import audit, checkin, privacy, services
from byregion.registrations.models import Registration, SessionChoice, Status

from .conftest import key, make_gathering, queued_mails

BUSY = {
    "nb": "Mange melder seg på akkurat nå. Prøv igjen om litt.",
    "nn": "Mange melder seg på akkurat no. Prøv igjen om litt.",
    "en": "Many are registering right now. Please try again in a moment.",
}
TIMEOUT = 0.5  # seconds; the tests' lock timeout
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="holds a row lock from a second connection"
)


def written() -> tuple:
    """Everything a change of seats writes."""
    from django_tasks_db.models import DBTaskResult

    return (
        list(Registration.objects.order_by("pk").values_list("pk", "status", "name")),
        list(SessionChoice.objects.order_by("pk").values_list("pk", "status")),
        ModelLogEntry.objects.count(),
        PageLogEntry.objects.filter(action__startswith="registrations.").count(),
        DBTaskResult.objects.count(),
        len(mail.outbox),
    )


@contextlib.contextmanager
def held_elsewhere(gathering):
    """Another connection holds the gathering's seat lock in an open transaction."""
    import psycopg

    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"],
        dbname=db["NAME"],
    ) as other:
        other.execute(
            "SELECT 1 FROM gatherings_gatheringpage WHERE page_ptr_id = %s FOR UPDATE",
            [gathering.pk],
        )
        yield
        other.rollback()


def test_the_message_is_translated():
    for language, text in BUSY.items():
        with translation.override(language):
            assert str(services.Busy.message) == text


def test_the_writers_file_lock_is_waited_for_a_bounded_time(tmp_path):
    path = str(tmp_path / "db.sqlite3.seats.lock")
    holder = os.open(path, os.O_RDWR | os.O_CREAT)
    fcntl.flock(holder, fcntl.LOCK_EX)
    started = time.monotonic()
    with pytest.raises(services.Busy):
        services._flock_until(path, started + TIMEOUT)
    assert TIMEOUT <= time.monotonic() - started < TIMEOUT + 1

    # A waiter still in time gets the lock as soon as the holder lets go.
    got = {}
    waiter = threading.Thread(
        target=lambda: got.update(fd=services._flock_until(path, time.monotonic() + 10))
    )
    waiter.start()
    time.sleep(0.2)
    released = time.monotonic()
    os.close(holder)
    waiter.join(10)
    assert time.monotonic() - released < 1
    os.close(got["fd"])

    # The first waiter's helper, which got the lock after its waiter gave up, let go of it.
    probe = os.open(path, os.O_RDWR)
    deadline = time.monotonic() + 2
    while True:
        try:
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            assert time.monotonic() < deadline, "the lock was never let go"
            time.sleep(0.01)
    os.close(probe)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_registration_behind_a_held_lock_is_told_to_try_again(
    client, roles, regions, form_data, settings, database_queue
):
    settings.BYREGION_REGISTRATION_LOCK_TIMEOUT = TIMEOUT
    gathering = make_gathering(capacity=5)
    url = reverse("registrations:register", args=[gathering.slug])
    data = form_data(name="Ventande Deltakar")
    before = written()
    with held_elsewhere(gathering):
        started = time.monotonic()
        response = client.post(url, data)
        waited = time.monotonic() - started
    assert TIMEOUT <= waited < TIMEOUT + 3
    assert response.status_code == 503 and response["Retry-After"] == "5"
    html = response.content.decode()
    assert BUSY["nb"] in html
    assert 'value="Ventande Deltakar"' in html and data["idempotency_key"] in html  # kept
    assert written() == before

    # Once the lock is free, the same form goes through, once.
    response = client.post(url, data)
    assert response.status_code == 302
    assert Registration.objects.filter(name="Ventande Deltakar").count() == 1
    assert len(queued_mails()) == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_every_change_behind_a_held_lock_is_busy_and_writes_nothing(applicant, settings):
    settings.BYREGION_REGISTRATION_LOCK_TIMEOUT = TIMEOUT
    gathering = make_gathering(capacity=1)
    seated, waiting = (
        services.register(gathering, applicant(), idempotency_key=key()) for _ in range(2)
    )
    before = written()
    changes = [
        lambda: services.register(gathering, applicant(), idempotency_key=key()),
        lambda: services.update(seated, {"name": "Nytt namn"}),
        lambda: services.cancel(seated),
        lambda: services.promote_waitlist(gathering, actor=audit.SYSTEM),
        lambda: services.move_from_waitlist(waiting, actor=audit.SYSTEM),
        lambda: checkin.check_in(gathering, seated, actor=audit.SYSTEM),
        lambda: privacy.anonymise(seated, actor=audit.SYSTEM),
        lambda: privacy.delete(waiting, actor=audit.SYSTEM),
    ]
    with held_elsewhere(gathering):
        for change in changes:
            started = time.monotonic()
            with pytest.raises(services.Busy):
                change()
            assert time.monotonic() - started < TIMEOUT + 3
    assert written() == before
    # The connection is still good for the next request.
    assert services.cancel(seated) == [waiting]


@pytest.fixture
def never_free(monkeypatch):
    """The lock's wait runs out at once (what a held lock does after the timeout)."""

    @contextlib.contextmanager
    def run_out(connection, deadline):
        raise services.Busy
        yield

    monkeypatch.setattr(services, "_writers_queue", run_out)


@pytest.fixture
def registered(gathering, applicant):
    return services.register(gathering, applicant(), idempotency_key=key())


def assert_try_again(response, language="nb"):
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert BUSY[language] in response.content.decode()


def test_the_form_answers_try_again_keeping_the_input(client, gathering, form_data, never_free):
    data = form_data(name="Ventande Deltakar")
    before = written()
    response = client.post(reverse("registrations:register", args=[gathering.slug]), data)
    assert_try_again(response)
    assert 'value="Ventande Deltakar"' in response.content.decode()
    assert written() == before
    with translation.override("nn"):
        url = reverse("registrations:register", args=[gathering.slug])
    assert_try_again(client.post(url, data), "nn")


def test_the_personal_page_answers_try_again(client, registered, form_data, never_free):
    before = written()
    data = form_data(name="Endra Namn")
    data.pop("idempotency_key")
    response = client.post(registered.get_personal_url(), data)
    assert_try_again(response)
    assert 'value="Endra Namn"' in response.content.decode()
    token = registered.personal_token
    for url in (
        reverse("registrations:cancel", args=[token]),
        reverse("registrations:consent", args=[token]),
    ):
        response = client.post(url, {"consent": "1"})
        assert_try_again(response)
        assert "Referrer-Policy" in response
    assert written() == before
    assert Registration.objects.get(pk=registered.pk).status == Status.CONFIRMED


def test_organisers_actions_answer_try_again(client, organiser, registered, roles, never_free):
    client.force_login(organiser)
    before = written()
    for action in ("cancel", "check_in", "erase"):
        response = client.post(reverse("registrations_admin:act", args=[registered.pk, action]))
        assert_try_again(response)
    response = client.post(
        reverse("registrations_admin:check_in", args=[registered.gathering_id]),
        {"q": registered.check_in_code},
    )
    assert_try_again(response)
    edit = {
        "name": "Retta Namn",
        "email": registered.email,
        "organisation_name": "Testorganisasjonen",
        "role": roles["other"].pk,
    }
    response = client.post(reverse("registration_records:edit", args=[registered.pk]), edit)
    assert_try_again(response)
    assert 'value="Retta Namn"' in response.content.decode()
    response = client.post(
        reverse("registration_records:add"), {**edit, "gathering": registered.gathering_id}
    )
    assert_try_again(response)
    response = client.post(reverse("registration_records:delete", args=[registered.pk]))
    assert_try_again(response)
    assert written() == before
