"""E-mail as tasks: queued only for what was committed, with keys only, and a failure is
recorded without losing the registration.

Production may run a persistent task backend with a worker (BYREGION_TASKS_BACKEND); these
tests use django-tasks' dummy backend, which keeps what was queued instead of running it,
to see exactly what the request leaves for a worker.
"""

import logging

import pytest
from django.core import mail
from django.urls import reverse
from django_tasks import TaskResultStatus, default_task_backend

from byregion.gatherings.models import GatheringStatus
from byregion.registrations import services
from byregion.registrations.models import Registration, Status
from byregion.registrations.tasks import MailFailed, send_registration_email

from .conftest import key, make_gathering, queued_mails
from .test_views import RefusingBackend  # noqa: F401 - named in settings by its path


@pytest.fixture
def queued(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def mails(backend):
    """What was queued for e-mail (Wagtail queues its own index updates beside it)."""
    return [r for r in backend.results if r.task.func is send_registration_email.func]


def form(roles, **fields):
    return {
        "name": "Testdeltakar Én",
        "email": "testdeltakar@example.invalid",
        "organisation_name": "Testorganisasjonen",
        "role": roles["mayor"].pk,
        "idempotency_key": str(key()),
        **fields,
    }


def test_the_request_queues_the_mail_on_commit_and_sends_none_itself(
    client, gathering, roles, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            reverse("registrations:register", args=[gathering.slug]), form(roles)
        )
        assert response.status_code == 302
        assert mails(queued) == []  # nothing queued before the commit
    for callback in callbacks:
        callback()
    registration = Registration.objects.get()
    [result] = mails(queued)
    assert result.task.func is send_registration_email.func
    # Keys only: no name or address in a queue's rows or logs.
    assert (result.args, result.kwargs) == ([registration.pk, "registered"], {})
    assert mail.outbox == []  # the worker sends it, not the request

    send_registration_email.call(*result.args)  # what the worker does
    [message] = mail.outbox
    assert message.to == ["testdeltakar@example.invalid"]


def test_a_refused_registration_queues_no_mail(
    client, roles, queued, django_capture_on_commit_callbacks
):
    closed = make_gathering(status=GatheringStatus.CLOSED)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("registrations:register", args=[closed.slug]), form(roles))
    assert response.status_code == 400
    assert not Registration.objects.exists()
    assert mails(queued) == []


def test_every_change_of_seats_queues_its_own_mail(
    gathering, applicant, queued, django_capture_on_commit_callbacks
):
    gathering.capacity = 1
    gathering.save()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.register(gathering, applicant(), idempotency_key=key())
        second = services.register(gathering, applicant(), idempotency_key=key())
        services.cancel(first)
    assert [tuple(r.args) for r in mails(queued)] == [
        (first.pk, "registered"),
        (second.pk, "registered"),
        (first.pk, "cancelled"),
        (second.pk, "promoted"),
    ]


def test_a_failing_send_is_recorded_as_failed_and_the_registration_stays(
    gathering, applicant, settings
):
    registration = services.register(gathering, applicant(), idempotency_key=key(), notify=False)
    settings.EMAIL_BACKEND = "tests.registrations.test_views.RefusingBackend"
    # The immediate backend runs it here and records the outcome as a worker would.
    result = send_registration_email.enqueue(registration.pk, "registered")
    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class_path.endswith("MailFailed")
    assert "example.invalid" not in result.errors[0].traceback
    assert Registration.objects.get(pk=registration.pk).status == Status.CONFIRMED
    with pytest.raises(MailFailed):
        send_registration_email.call(registration.pk, "registered")


def test_with_the_database_queue_the_mail_is_queued_in_the_registrations_transaction(
    client, gathering, roles, database_queue, django_capture_on_commit_callbacks, monkeypatch
):
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            reverse("registrations:register", args=[gathering.slug]), form(roles)
        )
        assert response.status_code == 302
        registration = Registration.objects.get()
        # Already in the table before any commit callback: it commits (or rolls back) with
        # the registration, and the request sent nothing.
        assert queued_mails() == [
            ({"args": [registration.pk, "registered"], "kwargs": {}}, "READY")
        ]
        assert mail.outbox == []

    # The worker's housekeeping closes a connection that is inside a transaction (on
    # PostgreSQL, the test's own): in this test it keeps the one it shares.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    # It also sets its loggers' levels (and may add a handler) for the process: put them
    # back, or later tests' logs would not be seen.
    loggers = [logging.getLogger(name) for name in ("django_tasks", "django_tasks_db")]
    before = [(log.level, list(log.handlers)) for log in loggers]
    try:
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    finally:
        for log, (level, handlers) in zip(loggers, before, strict=True):
            log.setLevel(level)
            log.handlers[:] = handlers
    assert [status for _, status in queued_mails()] == ["SUCCESSFUL"]
    [message] = mail.outbox
    assert message.to == ["testdeltakar@example.invalid"]


def test_with_the_database_queue_a_change_rolled_back_leaves_no_mail(
    gathering, applicant, database_queue
):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        services.register(gathering, applicant(), idempotency_key=key())
        assert len(queued_mails()) == 1
        raise RuntimeError("the request failed after the registration was written")
    assert not Registration.objects.exists() and queued_mails() == []
