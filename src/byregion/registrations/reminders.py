"""Reminders before a gathering and a follow-up after it, sent by a scheduled job
(`byregion send-reminders`, every few minutes; docs/operators/scheduled-jobs.md).

What is owed:
- before the start, on each of the gathering's reminder days (`GatheringPage.reminder_days`,
  "7, 1" by default): confirmed participants get "upcoming" (time, place, their programme as
  .ics, their personal link), waitlisted ones their own note ("waitlisted"); only the latest
  reminder that has come due is owed, so a job that did not run for a week sends one mail,
  not two; and nobody who registered after that reminder's moment gets it;
- the day after the end, confirmed participants get a follow-up with the materials; a
  gathering that ended more than `FOLLOW_UP_WITHIN` ago gets none (a site switching the job
  on does not write to last year's participants);
- cancelled registrations get nothing.

Exactly once, with any number of jobs at once (several servers, every minute): each mail
owed is first a row (`ReminderMail`, unique per registration and kind: a second job's
insert does nothing); a sender then takes a row with one conditional UPDATE (unsent, and no
one else's until `retry_at`), which only one job can win, sends, and marks it sent. A mail
server that refuses or times out leaves the row unsent, to be tried again after a pause
that grows with each attempt. The one gap: a job that dies after the mail server accepted
a mail and before the row is marked sent sends it again when the row's pause ends.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from byregion.gatherings.models import GatheringPage, reminder_days

from .models import Registration, ReminderMail, Status
from .tasks import MailFailed, registration_email

logger = logging.getLogger(__name__)

FOLLOW_UP_AFTER = dt.timedelta(days=1)
FOLLOW_UP_WITHIN = dt.timedelta(days=14)
LEASE = dt.timedelta(minutes=10)  # how long a sender may take before another may try
MAX_ATTEMPTS = 8


def _owed(gathering: GatheringPage, now: dt.datetime) -> tuple[str, dict] | None:
    """(the moment it fell due, {status: kind}) of what the gathering owes now, if any."""
    if gathering.start and now < gathering.start:
        passed = [d for d in reminder_days(gathering.reminder_days)
                  if now >= gathering.start - dt.timedelta(days=d)]  # fmt: skip
        if not passed:
            return None
        day = min(passed)
        return gathering.start - dt.timedelta(days=day), {
            Status.CONFIRMED: f"upcoming-{day}",
            Status.WAITLISTED: f"waitlisted-{day}",
        }
    end = gathering.end or gathering.start
    if end and end + FOLLOW_UP_AFTER <= now < end + FOLLOW_UP_WITHIN:
        return end + FOLLOW_UP_AFTER, {Status.CONFIRMED: "follow-up"}
    return None


def record_owed(now: dt.datetime | None = None) -> int:
    """Make a row for every mail that has fallen due and has none yet; returns how many."""
    now = now or timezone.now()
    horizon = now + dt.timedelta(days=61)
    gatherings = GatheringPage.objects.live().filter(
        start__lte=horizon, start__gte=now - FOLLOW_UP_WITHIN - dt.timedelta(days=60)
    )
    made = 0
    for gathering in gatherings:
        owed = _owed(gathering, now)
        if owed is None:
            continue
        moment, kinds = owed
        people = Registration.objects.filter(
            gathering=gathering,
            status__in=list(kinds),
            anonymised_at__isnull=True,
            created__lte=moment,
        ).exclude(reminder_mails__kind__in=list(kinds.values()))
        for registration_id, status in people.values_list("pk", "status"):
            try:
                with transaction.atomic():
                    ReminderMail.objects.create(registration_id=registration_id, kind=kinds[status])
                made += 1
            except IntegrityError:  # another job made it first
                continue
    return made


def _take(row_id: int, now: dt.datetime) -> bool:
    """Take the row for this sender: one UPDATE that only one job can win."""
    return bool(
        ReminderMail.objects.filter(pk=row_id, sent_at__isnull=True)
        .filter(Q(retry_at__isnull=True) | Q(retry_at__lte=now))
        .update(retry_at=now + LEASE, attempts=F("attempts") + 1)
    )


MAIL_KINDS = {"upcoming": "upcoming", "waitlisted": "upcoming_waitlisted", "follow": "follow_up"}


def mail_kind(kind: str) -> str:
    """The mail (tasks.KINDS) for a row's kind: "upcoming-7" is "upcoming"."""
    return MAIL_KINDS[kind.split("-")[0]]


def send_owed(now: dt.datetime | None = None, *, limit: int = 500) -> dict[str, int]:
    """Send the unsent rows that are free (at most `limit`); returns counts."""
    now = now or timezone.now()
    counts = {"sent": 0, "failed": 0, "skipped": 0}
    free = (
        ReminderMail.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
        .filter(Q(retry_at__isnull=True) | Q(retry_at__lte=now))
        .order_by("created", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    for row_id in list(free):
        if not _take(row_id, now):
            continue  # another job took it
        row = ReminderMail.objects.select_related("registration__gathering").get(pk=row_id)
        registration = row.registration
        wanted = Status.WAITLISTED if row.kind.startswith("waitlisted") else Status.CONFIRMED
        if registration.status != wanted or registration.is_anonymised:
            # Cancelled or moved since it fell due: nothing to send, and never again.
            ReminderMail.objects.filter(pk=row_id).update(sent_at=now)
            counts["skipped"] += 1
            continue
        try:
            registration_email(registration, mail_kind(row.kind)).send()
        except Exception as error:
            pause = LEASE * (2 ** min(row.attempts, 6))
            ReminderMail.objects.filter(pk=row_id).update(retry_at=now + pause)
            logger.warning(
                "%s", MailFailed(f"{row.kind} e-mail for registration {registration.pk}: "
                                 f"{type(error).__name__}; tried again after {pause}")
            )  # fmt: skip
            counts["failed"] += 1
            continue
        ReminderMail.objects.filter(pk=row_id).update(sent_at=timezone.now())
        counts["sent"] += 1
    return counts


def run(now: dt.datetime | None = None) -> dict[str, int]:
    """What the scheduled job does: record what is owed, then send what is free."""
    made = record_owed(now)
    return {"owed": made, **send_owed(now)}
