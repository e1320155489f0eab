"""Every change of seats, in one place: register, change, cancel, promote, check in.

Modelled on pretix's quota handling: each operation runs in one transaction that first locks
the gathering (`_locked`), then counts and writes. All operations on one gathering therefore
happen one after another, so N simultaneous registrations for C seats confirm at most C and
lose none.

- PostgreSQL: `SELECT ... FOR UPDATE` on the gathering's row. Session seats are counted
  under the same lock, so a session needs no lock of its own (and two locks could deadlock).
- SQLite: the settings open every transaction with BEGIN IMMEDIATE, which takes the
  database's write lock at once; `select_for_update` is a no-op there and not needed.
  Writers of seats first queue on a file lock, so the next one starts the moment the last
  one commits (`_sqlite_writers_queue`).

E-mail is never sent inside the lock, and only for what was committed (`_notify`): a
database queue gets its row in the same transaction, any other backend the task after the
commit. With the database queue (production) the request does not wait for a mail server.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from byregion.gatherings.models import GatheringPage, GatheringStatus, Session

from .models import Registration, SessionChoice, Status, new_token

# Fields a participant or organiser may set; everything else is the service's to decide.
APPLICANT_FIELDS = (
    "name", "email", "phone", "organisation", "organisation_name", "position", "role",
    "region", "municipality", "dietary", "dietary_other", "accessibility", "public_consent",
    "language",
)  # fmt: skip


@dataclass(frozen=True)
class Window:
    """Whether a gathering takes registrations now, and if not, why (a translated line)."""

    open: bool
    reason: str = ""


def registration_window(gathering: GatheringPage, now=None) -> Window:
    now = now or timezone.now()
    if gathering.status == GatheringStatus.CANCELLED:
        return Window(False, _("The gathering is cancelled."))
    if gathering.status in (GatheringStatus.HELD, GatheringStatus.CLOSED):
        return Window(False, _("Registration is closed."))
    if gathering.status == GatheringStatus.PLANNED or (
        gathering.registration_opens and now < gathering.registration_opens
    ):
        return Window(False, _("Registration has not opened yet."))
    deadline = gathering.registration_closes or gathering.start
    if now >= deadline:
        return Window(False, _("The registration deadline has passed."))
    return Window(True)


# What the seat rules read from the gathering, fresh under the lock (an editor may have just
# changed the capacity or closed registration); the rest of the page is not needed there.
SEAT_FIELDS = ("status", "capacity", "registration_opens", "registration_closes", "start")


@contextmanager
def _locked(gathering_id: int) -> Iterator[GatheringPage]:
    """Run the block in one transaction that holds the gathering's lock, and give it the
    gathering's seat fields read under that lock. The one place locks are taken."""
    with _sqlite_writers_queue(), transaction.atomic():
        yield (
            GatheringPage.objects.select_for_update(of=("self",))
            .only(*SEAT_FIELDS)
            .get(pk=gathering_id)
        )


@contextmanager
def _sqlite_writers_queue() -> Iterator[None]:
    """On SQLite, writers of seats wait their turn on a file lock before BEGIN IMMEDIATE.

    SQLite lets a writer that finds the database locked sleep and retry (after 1, 2, 5 ...
    up to 100 ms), so in a burst its write lock can lie idle between one commit and the next
    retry, while the p99 grows to seconds. flock() wakes the next writer the moment the last
    one lets go. Not needed on PostgreSQL (its row lock wakes waiters),
    for an in-memory database (one process), or inside a transaction, which already holds
    SQLite's write lock (taking the file lock then could wait on a writer waiting on us)."""
    connection = transaction.get_connection()
    if connection.vendor != "sqlite" or connection.in_atomic_block or connection.is_in_memory_db():
        yield
        return
    fd = os.open(f"{connection.settings_dict['NAME']}.seats.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # released when the descriptor is closed
        yield
    finally:
        os.close(fd)


def _check_sessions(gathering: GatheringPage, sessions: Iterable[Session]) -> list[Session]:
    sessions = list(sessions)
    if any(session.gathering_id != gathering.pk for session in sessions):
        raise ValidationError(
            {"sessions": _("A chosen session is not part of this gathering.")}, code="session"
        )
    return sessions


def _confirmed_count(gathering: GatheringPage) -> int:
    return Registration.objects.filter(gathering=gathering, status=Status.CONFIRMED).count()


def _session_seats_taken(session_ids: Iterable[int]) -> dict[int, int]:
    rows = (
        SessionChoice.objects.filter(session_id__in=list(session_ids), status=Status.CONFIRMED)
        .values("session_id")
        .annotate(taken=Count("id"))
    )
    return {row["session_id"]: row["taken"] for row in rows}


def _allocate_sessions(registration: Registration, sessions: list[Session]) -> None:
    """Give a confirmed registration a seat in each chosen session that has one, else a place
    on that session's waitlist; a waitlisted registration only records its wishes."""
    limited = [s for s in sessions if s.capacity is not None]
    taken = _session_seats_taken(s.pk for s in limited) if limited else {}
    choices = []
    for session in sessions:
        status = Status.WAITLISTED
        has_seat = session.capacity is None or taken.get(session.pk, 0) < session.capacity
        if registration.status == Status.CONFIRMED and has_seat:
            status = Status.CONFIRMED
            taken[session.pk] = taken.get(session.pk, 0) + 1
        choices.append(SessionChoice(registration=registration, session=session, status=status))
    SessionChoice.objects.bulk_create(choices)


def _notify(registration_id: int, kind: str) -> None:
    """Queue the mail for this change of seats, so that it goes out exactly when the change
    commits.

    A queue in our own database (django-tasks-db) gets its row inside this transaction: the
    two commit or roll back together, so no crash between commit and enqueue can lose a
    mail. Any other backend is handed the task after the commit: the immediate one (which
    would otherwise send from inside the seat lock) and queues outside the database (whose
    worker could start before the registration is visible)."""
    from django_tasks_db import DatabaseBackend

    from .tasks import send_registration_email

    if isinstance(send_registration_email.get_backend(), DatabaseBackend):
        send_registration_email.enqueue(registration_id, kind)
    else:
        transaction.on_commit(lambda: send_registration_email.enqueue(registration_id, kind))


def register(
    gathering: GatheringPage,
    applicant_data: dict,
    *,
    idempotency_key: uuid.UUID | str,
    by_organiser: bool = False,
    notify: bool = True,
) -> Registration:
    """Register one applicant: confirmed while seats last, else on the waitlist, in order.

    The same `idempotency_key` (hidden in the form) returns the registration it made the first
    time, so a double-submitted form makes one registration. Organisers (`by_organiser`) may
    add people outside the registration window; `notify=False` sends no e-mail (loading
    generated demo registrations). Raises ValidationError with a translated
    message when the gathering does not take registrations or a session is not its own.
    """
    idempotency_key = uuid.UUID(str(idempotency_key))
    existing = _by_key(idempotency_key)
    if existing is not None:
        return existing
    try:
        with _locked(gathering.pk) as locked:
            # Everything from here to the commit runs one registration at a time per
            # gathering, so it does only what the seat count needs. A twin posted with the
            # same key at the same moment is not looked up again under the lock: if it
            # committed first, our INSERT fails on the unique key and the twin is returned.
            if not by_organiser:
                window = registration_window(locked)
                if not window.open:
                    raise ValidationError(window.reason, code="closed")
            sessions = _check_sessions(locked, applicant_data.get("sessions", ()))
            full = locked.capacity is not None and _confirmed_count(locked) >= locked.capacity
            now = timezone.now()
            registration = Registration.objects.create(
                gathering=gathering,
                idempotency_key=idempotency_key,
                status=Status.WAITLISTED if full else Status.CONFIRMED,
                confirmed_at=None if full else now,
                **{k: v for k, v in applicant_data.items() if k in APPLICANT_FIELDS},
            )
            _allocate_sessions(registration, sessions)
            if notify:
                _notify(registration.pk, "registered")
            return registration
    except IntegrityError:
        # A racing twin with the same key committed first (the lock orders everything else).
        existing = _by_key(idempotency_key)
        if existing is None:
            raise
        return existing


def _by_key(idempotency_key: uuid.UUID) -> Registration | None:
    # No ORDER BY: the key is unique (and the model's default order would join the page).
    return Registration.objects.filter(idempotency_key=idempotency_key).order_by().first()


def update(
    registration: Registration, applicant_data: dict, *, notify: bool = True
) -> Registration:
    """Change a registration's details and sessions; seats freed go to the next in line."""
    with _locked(registration.gathering_id) as gathering:
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Status.CANCELLED or registration.is_anonymised:
            raise ValidationError(_("This registration is cancelled."), code="cancelled")
        for field in APPLICANT_FIELDS:
            if field in applicant_data:
                setattr(registration, field, applicant_data[field])
        registration.save()
        if "sessions" in applicant_data:
            sessions = _check_sessions(gathering, applicant_data["sessions"])
            wanted = {s.pk for s in sessions}
            current = set(registration.session_choices.values_list("session_id", flat=True))
            registration.session_choices.exclude(session_id__in=wanted).delete()
            _allocate_sessions(registration, [s for s in sessions if s.pk not in current])
            if current - wanted:
                _promote_sessions(gathering)
        if notify:
            _notify(registration.pk, "changed")
        return registration


def cancel(registration: Registration, *, notify: bool = True) -> list[Registration]:
    """Cancel a registration and promote whoever its seats now fit. Returns those promoted."""
    with _locked(registration.gathering_id) as gathering:
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Status.CANCELLED:
            return []
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at", "updated"])
        registration.session_choices.all().delete()
        if notify:
            _notify(registration.pk, "cancelled")
        return _promote(gathering)


def promote_waitlist(gathering: GatheringPage) -> list[Registration]:
    """Fill free seats from the waitlist, first come first served, and e-mail those promoted.

    Called after every cancellation, and by organisers after raising a capacity."""
    with _locked(gathering.pk) as locked:
        return _promote(locked)


def move_from_waitlist(registration: Registration) -> Registration:
    """An organiser's choice: confirm this waitlisted person now, even beyond the capacity."""
    with _locked(registration.gathering_id):
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Status.WAITLISTED:
            raise ValidationError(_("Only a registration on the waitlist can be moved."))
        _confirm(registration)
        _promote_sessions(registration.gathering)
        return registration


def _confirm(registration: Registration) -> None:
    registration.status = Status.CONFIRMED
    registration.confirmed_at = timezone.now()
    registration.save(update_fields=["status", "confirmed_at", "updated"])
    _notify(registration.pk, "promoted")


def _promote(gathering: GatheringPage) -> list[Registration]:
    waiting = Registration.objects.filter(gathering=gathering, status=Status.WAITLISTED).order_by(
        "created", "id"
    )
    if gathering.capacity is not None:
        free = gathering.capacity - _confirmed_count(gathering)
        waiting = waiting[: max(free, 0)]
    promoted = list(waiting)
    for registration in promoted:
        _confirm(registration)
    _promote_sessions(gathering)
    return promoted


def _promote_sessions(gathering: GatheringPage) -> None:
    """Give free session seats to confirmed participants waiting for them, in order.

    A session without a limit has a seat for everyone confirmed (a person promoted from the
    gathering's waitlist had their picks recorded as waiting)."""
    SessionChoice.objects.filter(
        session__gathering=gathering,
        session__capacity__isnull=True,
        status=Status.WAITLISTED,
        registration__status=Status.CONFIRMED,
    ).update(status=Status.CONFIRMED)
    sessions = list(gathering.sessions.filter(capacity__isnull=False))
    if not sessions:
        return
    taken = _session_seats_taken(s.pk for s in sessions)
    for session in sessions:
        free = session.capacity - taken.get(session.pk, 0)
        if free <= 0:
            continue
        waiting = SessionChoice.objects.filter(
            session=session,
            status=Status.WAITLISTED,
            registration__status=Status.CONFIRMED,
        ).order_by("registration__created", "registration_id")[:free]
        SessionChoice.objects.filter(pk__in=[c.pk for c in waiting]).update(status=Status.CONFIRMED)


class CheckInError(ValidationError):
    pass


def check_in(gathering: GatheringPage, code_or_registration) -> Registration:
    """Mark a confirmed participant as arrived, by registration or by the code in their QR.

    Checking in twice is harmless (the first time is kept)."""
    if isinstance(code_or_registration, Registration):
        lookup = Q(pk=code_or_registration.pk)
    else:
        code = "".join(ch for ch in str(code_or_registration).upper() if ch.isalnum())
        lookup = Q(check_in_code=code)
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update().filter(lookup, gathering=gathering).first()
        )
        if registration is None:
            raise CheckInError(_("No registration for this gathering has that code."))
        if registration.status != Status.CONFIRMED:
            raise CheckInError(
                _("This registration is %(status)s, not confirmed.")
                % {"status": registration.get_status_display()}
            )
        if registration.checked_in_at is None:
            registration.checked_in_at = timezone.now()
            registration.save(update_fields=["checked_in_at", "updated"])
        return registration


# Everything that says who a person is or what they need; what stays (region, municipality,
# role category, status, attendance) is what the statistics count.
PERSONAL_FIELDS = {
    "name": "",
    "email": "",
    "phone": "",
    "organisation": None,
    "organisation_name": "",
    "position": "",
    "dietary": [],
    "dietary_other": "",
    "accessibility": "",
    "public_consent": False,
}


def anonymise(registration: Registration) -> None:
    """Erase a person from a registration, keeping what statistics count. A live
    registration is cancelled first, so its seat goes to the next in line."""
    if registration.status != Status.CANCELLED and registration.gathering.end > timezone.now():
        cancel(registration, notify=False)
    with transaction.atomic():
        now = timezone.now()
        Registration.objects.filter(pk=registration.pk).update(
            **{**PERSONAL_FIELDS, "email": f"anonymised-{registration.pk}@invalid"},
            token=new_token(),
            anonymised_at=now,
            needs_erased_at=now,
            updated=now,
        )


def erase_needs(registrations) -> int:
    """Erase dietary and accessibility needs (possibly health data) of these registrations."""
    return registrations.filter(needs_erased_at__isnull=True).update(
        dietary=[], dietary_other="", accessibility="", needs_erased_at=timezone.now()
    )


def purge(*, now=None, retention_days: int) -> dict[str, int]:
    """Retention: needs are erased once a gathering has ended; everything personal is
    anonymised `retention_days` after it ended. Returns counts, never names."""
    now = now or timezone.now()
    ended = Registration.objects.filter(gathering__end__lt=now)
    needs = erase_needs(ended)
    expired = ended.filter(
        gathering__end__lt=now - dt.timedelta(days=retention_days),
        anonymised_at__isnull=True,
    )
    count = 0
    for registration in expired.select_related("gathering").iterator():
        anonymise(registration)
        count += 1
    return {"needs_erased": needs, "anonymised": count}


def personal_data(registration: Registration) -> dict:
    """All we hold about one person's registration, for their own export or an organiser's."""
    registration = Registration.objects.select_related(
        "gathering", "role", "region", "municipality", "organisation"
    ).get(pk=registration.pk)
    return {
        "gathering": registration.gathering.title,
        "status": registration.status,
        "name": registration.name,
        "email": registration.email,
        "phone": registration.phone,
        "organisation": registration.organisation_name,
        "position": registration.position,
        "role_category": registration.role.name if registration.role else "",
        "home_region": registration.region.name if registration.region else "",
        "home_municipality": registration.municipality.name if registration.municipality else "",
        "sessions": [
            {"title": c.session.title, "start": c.session.start.isoformat(), "status": c.status}
            for c in registration.session_choices.select_related("session")
        ],
        "dietary": registration.dietary,
        "dietary_other": registration.dietary_other,
        "accessibility": registration.accessibility,
        "public_consent": registration.public_consent,
        "check_in_code": registration.check_in_code,
        "registered": registration.created.isoformat(),
        "confirmed": registration.confirmed_at.isoformat() if registration.confirmed_at else None,
        "cancelled": registration.cancelled_at.isoformat() if registration.cancelled_at else None,
        "checked_in": (
            registration.checked_in_at.isoformat() if registration.checked_in_at else None
        ),
    }
