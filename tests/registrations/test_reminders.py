"""Reminders before a gathering and a follow-up after it, exactly once (issue 15, item 2)."""

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from byregion.gatherings.models import reminder_days
from byregion.registrations import reminders, services
from byregion.registrations.models import Registration, ReminderMail, Status

from .conftest import key, make_gathering

pytestmark = pytest.mark.django_db
WEEK_AGO = timezone.now() - dt.timedelta(days=30)


@pytest.fixture
def soon(applicant):
    """A gathering five days ahead (reminders "7, 1"), one seat: one confirmed, one on the
    waitlist, one cancelled; all registered a month ago."""
    gathering = make_gathering(capacity=1, days_ahead=5)
    people = [services.register(gathering, applicant(), idempotency_key=key()) for _ in range(3)]
    services.cancel(people[2])
    Registration.objects.filter(gathering=gathering).update(created=WEEK_AGO)
    mail.outbox.clear()
    return gathering, people


def sent_to() -> list[tuple[str, str]]:
    return sorted((m.to[0], m.subject) for m in mail.outbox)


def test_the_confirmed_and_the_waitlisted_are_reminded_once_and_the_cancelled_not(soon):
    _gathering, (confirmed, waiting, _cancelled) = soon
    counts = reminders.run()
    assert counts == {"owed": 2, "sent": 2, "failed": 0, "skipped": 0}
    subjects = dict(sent_to())
    assert set(subjects) == {confirmed.email, waiting.email}
    assert all(
        subject.startswith("Påminnelse") or "ominn" in subject for subject in subjects.values()
    )
    reminder = next(m for m in mail.outbox if m.to == [confirmed.email])
    assert confirmed.get_absolute_personal_url() in reminder.body
    assert any(a[0] == "gathering.ics" for a in reminder.attachments if isinstance(a, tuple))
    note = next(m for m in mail.outbox if m.to == [waiting.email])
    assert "venteliste" in note.body
    # A second run, and a third: nothing more.
    assert reminders.run() == {"owed": 0, "sent": 0, "failed": 0, "skipped": 0}
    call_command("send_reminders", stdout=mock.MagicMock())
    assert len(mail.outbox) == 2


def test_a_job_that_did_not_run_for_days_sends_only_the_latest_reminder(soon):
    gathering, (_confirmed, *_rest) = soon
    one_day_before = gathering.start - dt.timedelta(hours=20)
    reminders.run(one_day_before)
    kinds = set(ReminderMail.objects.values_list("kind", flat=True))
    assert kinds == {"upcoming-1", "waitlisted-1"}  # not the 7-day ones as well
    assert len(mail.outbox) == 2


def test_who_registered_after_the_reminder_moment_gets_none(soon, applicant):
    gathering, _ = soon
    gathering.capacity = 5
    gathering.save()
    late = services.register(gathering, applicant(), idempotency_key=key())
    mail.outbox.clear()
    reminders.run()
    assert late.email not in {m.to[0] for m in mail.outbox}


def test_the_follow_up_goes_the_day_after_with_the_materials_and_not_for_old_gatherings(
    applicant,
):
    gathering = make_gathering(capacity=2, days_ahead=30)
    person = services.register(gathering, applicant(), idempotency_key=key())
    mail.outbox.clear()
    day_after = gathering.end + dt.timedelta(days=1, hours=1)
    reminders.run(day_after)
    (follow_up,) = mail.outbox
    assert follow_up.to == [person.email] and "Takk" in follow_up.subject
    assert f"{gathering.get_full_url()}program/" in follow_up.body
    assert not [a for a in follow_up.attachments if isinstance(a, tuple)]  # no .ics
    mail.outbox.clear()
    reminders.run(gathering.end + dt.timedelta(days=30))  # long after: nothing new
    assert not mail.outbox


def test_a_refusing_mail_server_loses_nothing_and_sends_nothing_twice(soon):
    _gathering, (confirmed, waiting, _) = soon
    now = timezone.now()
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=ConnectionRefusedError,
    ):
        assert reminders.run(now)["failed"] == 2
    assert not mail.outbox and ReminderMail.objects.filter(sent_at__isnull=True).count() == 2
    assert reminders.run(now)["sent"] == 0  # not before the pause
    later = now + dt.timedelta(hours=1)
    assert reminders.run(later)["sent"] == 2
    assert reminders.run(later + dt.timedelta(hours=5))["sent"] == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted([confirmed.email, waiting.email])


def test_two_jobs_at_once_never_take_the_same_mail(soon):
    reminders.record_owed()
    assert reminders.record_owed() == 0  # the second job's rows are already there
    row = ReminderMail.objects.first()
    now = timezone.now()
    assert reminders._take(row.pk, now) is True
    assert reminders._take(row.pk, now) is False  # taken until its lease ends


def test_a_registration_cancelled_after_it_fell_due_is_not_reminded(soon):
    _gathering, (confirmed, *_rest) = soon
    reminders.record_owed()
    services.cancel(confirmed)  # the waitlisted person moves up, and is owed a mail as such
    mail.outbox.clear()
    counts = reminders.send_owed()
    assert confirmed.email not in {m.to[0] for m in mail.outbox}
    assert counts["skipped"] >= 1
    assert Registration.objects.get(pk=confirmed.pk).status == Status.CANCELLED


@pytest.mark.parametrize("text", ["7, x", "0", "61", "7;-1"])
def test_reminder_days_refuse_what_is_not_whole_days(text):
    with pytest.raises(ValidationError) as refused:
        reminder_days(text)
    assert "1 to 60" in str(refused.value) or "1 til 60" in str(refused.value)


def test_reminder_days_read_any_order_and_spacing():
    assert reminder_days(" 1,7 ,3") == [7, 3, 1]
    assert reminder_days("") == []
