"""Every change of seats, in one place: register, change, cancel, promote.

Modelled on pretix's quota handling: each operation runs in one transaction that first locks
the gathering (`locked`), then counts, writes and logs (`audit`). All operations on one
gathering therefore happen one after another, so N simultaneous registrations for C seats
confirm at most C and lose none. The lock is waited for a bounded time; then the operation
raises `Busy` and writes nothing, and the visitor is asked to try again.

- PostgreSQL: `SELECT ... FOR UPDATE` on the gathering's row, after `lock_timeout`. Session
  seats are counted under the same lock, so a session needs no lock of its own.
- SQLite: the settings open every transaction with BEGIN IMMEDIATE, which takes the
  database's write lock at once; `select_for_update` is a no-op there. Writers of seats
  first queue on a file lock (`_writers_queue`), so the next starts the moment the last
  commits.

E-mail is never sent inside the lock, and only for what was committed (`_notify`). Check-in
is in `checkin`, export, erasure and retention in `privacy`; both use this lock.

An e-mail address has at most one active registration per gathering (`ACTIVE`): checked
under the lock with one indexed query, and guaranteed by the database's constraint behind
it. A participant's second attempt writes nothing and re-sends the link to that address
(`AlreadyRegistered`); the form says only that a link went out if the address is known.
"""

from __future__ import annotations

import contextvars
import fcntl
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import BooleanField, Count, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks_db import DatabaseBackend

from byregion.core import pagecache
from byregion.core.limits import normalised_email
from byregion.gatherings import formatting
from byregion.gatherings.models import GatheringPage, GatheringStatus, Session

from . import audit
from .models import ACTIVE, Registration, SessionChoice, Status
from .tasks import send_registration_email

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


def seats_tag(gathering_id: int) -> str:
    """The page cache's tag for what a gathering's registrations show: seats taken and
    left, the waitlist, the public participant list and the statistics (core.pagecache)."""
    return f"seats:{gathering_id}"


def registration_window(gathering: GatheringPage, now=None) -> Window:
    now = now or timezone.now()
    # The window opens and closes by the clock: a page that shows it changes then.
    pagecache.changes_at(gathering.registration_opens)
    pagecache.changes_at(gathering.registration_closes or gathering.start)
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
SEAT_FIELDS = (
    "status", "capacity", "registration_opens", "registration_closes", "start", "end",
)  # fmt: skip

ENDED = _("The gathering has ended; the registration can no longer be changed.")
ADDRESS_TAKEN = _("This e-mail address already has a registration for this gathering.")
STALE_LINK = _(
    "This link no longer works: the e-mail address has been changed since it was sent, or "
    "the link is incomplete."
)


def _refuse_after_end(gathering: GatheringPage, actor: audit.Actor) -> None:
    """The personal link is read-only once the gathering has ended; organisers (and the
    system's own jobs) may still correct the record."""
    if actor == audit.PARTICIPANT and gathering.has_ended():
        raise ValidationError(ENDED, code="ended")


# The lock waits BYREGION_REGISTRATION_LOCK_TIMEOUT (5 s by default). In the benchmark's burst
# (2,000 posts, 16 server threads) a post waits well under a second behind the others, so 5 s
# is only reached when something holds the lock abnormally long (a stuck process, a long
# transaction); it is also far inside gunicorn's 30 s worker timeout.


class Busy(Exception):
    """The gathering's lock was not free within the lock timeout; nothing was written."""

    retry_after = 5  # seconds, for the Retry-After header
    message = _("Many are registering right now. Please try again in a moment.")

    def __init__(self):
        super().__init__("the gathering's seat lock was not free within the lock timeout")


class AlreadyRegistered(Exception):
    """The address already has an active registration for this gathering. Nothing was
    written; the registration's personal link was sent to that address again (unless the
    caller asked for no e-mail). The form answers with a page that says neither."""

    def __init__(self):
        super().__init__("the address already has an active registration for the gathering")


# The gathering whose lock this thread holds (`locked()`), whose seats it bumps itself.
_holding: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "byregion_registrations_holding", default=None
)


def bumps_its_own_seats(gathering_id: int) -> bool:
    """Whether the code running holds `gathering_id`'s lock, which bumps its seats before and
    at the commit: a registration saved inside needs no bump of its own (a write to the
    shared cache while every other registration of the gathering waits)."""
    return _holding.get() == gathering_id


@contextmanager
def locked(gathering_id: int) -> Iterator[GatheringPage]:
    """Run the block in one transaction that holds the gathering's lock, and give it the
    gathering's seat fields read under that lock. The one place locks are taken.

    Waits at most the lock timeout for the lock, then raises Busy with everything rolled
    back; a database lock timeout met later in the block (on PostgreSQL, a registration row
    locked elsewhere) is Busy too."""
    deadline = time.monotonic() + settings.BYREGION_REGISTRATION_LOCK_TIMEOUT
    connection = transaction.get_connection()
    # Whatever the block changes, pages showing this gathering's seats are stale once it
    # commits: bumped now, before the lock (a write to the shared cache is no work for the
    # one who holds it), and again at the commit.
    tag = seats_tag(gathering_id)
    pagecache.bump(tag)
    outer = connection.in_atomic_block
    try:
        with _writers_queue(connection, deadline), _bounded(connection, deadline):
            if outer:  # the commit comes later, with the caller's transaction
                transaction.on_commit(lambda: pagecache.bump(tag))
            holding = _holding.set(gathering_id)
            try:
                yield (
                    GatheringPage.objects.select_for_update(of=("self",))
                    .only(*SEAT_FIELDS)
                    .get(pk=gathering_id)
                )
            finally:
                _holding.reset(holding)
    except OperationalError as error:
        if _lock_timed_out(error):
            raise Busy from None
        raise
    if not outer:
        # Committed, and out of the writers' queue: the next registration does not wait
        # for this write to the shared cache.
        pagecache.bump(tag)


@contextmanager
def _bounded(connection, deadline: float) -> Iterator[None]:
    """A transaction whose lock waits end at the deadline.

    PostgreSQL: `SET LOCAL lock_timeout` before the FOR UPDATE (undone when the transaction
    ends; inside an outer transaction the old value is put back). SQLite: BEGIN IMMEDIATE
    waits for the write lock as long as the connection's busy timeout (20 s in the
    settings), so that timeout is the time left, for this BEGIN only."""
    remaining_ms = max(int((deadline - time.monotonic()) * 1000), 1)
    if connection.vendor == "postgresql":
        outer = connection.in_atomic_block
        with transaction.atomic():
            with connection.cursor() as cursor:
                if outer:
                    cursor.execute("SELECT current_setting('lock_timeout')")
                    before = cursor.fetchone()[0]
                cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{remaining_ms}ms"])
            yield
            if outer:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config('lock_timeout', %s, true)", [before])
    elif connection.vendor == "sqlite" and not connection.in_atomic_block:
        connection.ensure_connection()
        usual_ms = int(connection.settings_dict["OPTIONS"].get("timeout", 5) * 1000)
        connection.connection.execute(f"PRAGMA busy_timeout = {remaining_ms}")
        try:
            with transaction.atomic():
                yield
        finally:
            connection.connection.execute(f"PRAGMA busy_timeout = {usual_ms}")
    else:
        with transaction.atomic():
            yield


def _lock_timed_out(error: OperationalError) -> bool:
    cause = error.__cause__
    sqlstate = getattr(cause, "sqlstate", None)  # psycopg
    if sqlstate is not None:
        return sqlstate == "55P03"  # lock_not_available: lock_timeout (or NOWAIT) hit
    code = getattr(cause, "sqlite_errorcode", None)
    return code is not None and code & 0xFF == sqlite3.SQLITE_BUSY


@contextmanager
def _writers_queue(connection, deadline: float) -> Iterator[None]:
    """On SQLite, writers of seats wait their turn on a file lock before BEGIN IMMEDIATE.

    SQLite lets a writer that finds the database locked sleep and retry (after 1, 2, 5 ...
    up to 100 ms), so in a burst its write lock can lie idle between one commit and the next
    retry, while the p99 grows to seconds. flock() wakes the next writer the moment the last
    one lets go. Not needed on PostgreSQL (its row lock wakes waiters), for an in-memory
    database (one process), or inside a transaction, which already holds SQLite's write
    lock (taking the file lock then could wait on a writer waiting on us)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block or connection.is_in_memory_db():
        yield
        return
    fd = _flock_until(f"{connection.settings_dict['NAME']}.seats.lock", deadline)
    try:
        yield
    finally:
        os.close(fd)  # lets go of the lock


def _flock_until(path: str, deadline: float) -> int:
    """Open `path` locked (flock, exclusive) and return the descriptor, or raise Busy when the
    lock is not free by the deadline.

    flock() itself cannot time out, and polling with LOCK_NB would bring back the idle gaps
    the queue is there to remove. So a waiter hands the blocking flock() to a helper thread
    and waits for it until the deadline; a helper whose waiter gave up lets go of the lock
    the moment it gets it."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return fd
    except BlockingIOError:
        os.close(fd)
    handed_over = threading.Event()
    guard = threading.Lock()
    state: dict = {"fd": None, "gave_up": False}

    def wait_for_lock():
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            os.close(fd)
            fd = None
        with guard:
            if state["gave_up"] and fd is not None:
                os.close(fd)
            else:
                state["fd"] = fd
        handed_over.set()

    threading.Thread(target=wait_for_lock, name="seats-lock", daemon=True).start()
    handed_over.wait(max(deadline - time.monotonic(), 0))
    with guard:
        if state["fd"] is None:
            state["gave_up"] = True
            raise Busy
        return state["fd"]


def _check_sessions(
    gathering: GatheringPage, sessions: Iterable[Session], *, allow_overlap: bool = False
) -> list[Session]:
    """The chosen sessions, if they are the gathering's own and no two overlap in time (one
    person holds one seat at a time); `allow_overlap` is the organisers' override."""
    sessions = list(sessions)
    if any(session.gathering_id != gathering.pk for session in sessions):
        raise ValidationError(
            {"sessions": _("A chosen session is not part of this gathering.")}, code="session"
        )
    if not allow_overlap:
        clash = first_clash(sessions)
        if clash is not None:
            earlier, later = clash
            raise ValidationError(
                {
                    "sessions": ValidationError(
                        _(
                            "“%(first)s” and “%(second)s” are at the same time "
                            "(%(day)s, %(time)s). Choose one of them."
                        )
                        % {
                            "first": earlier.title,
                            "second": later.title,
                            "day": formatting.format_day(later.start),
                            "time": formatting.format_time_range(
                                later.start, min(earlier.end, later.end)
                            ),
                        },
                        code="session_clash",
                    )
                }
            )
    return sessions


def first_clash(sessions: Iterable[Session]) -> tuple[Session, Session] | None:
    """Two sessions that overlap in time (one starts before the other ends), the earlier
    first; back to back (one ends as the next starts) is no clash."""
    ordered = sorted(sessions, key=lambda s: (s.start, s.end, s.pk or 0))
    latest = None  # the session that runs longest among those started so far
    for session in ordered:
        if latest is not None and session.start < latest.end:
            return latest, session
        if latest is None or session.end > latest.end:
            latest = session
    return None


def session_seats_taken(gathering_id: int) -> dict[int, int]:
    """Confirmed seats taken in each limited session of the gathering: one query."""
    return _seats_taken(
        SessionChoice.objects.filter(
            session__gathering_id=gathering_id, session__capacity__isnull=False
        )
    )


def _confirmed_count(gathering: GatheringPage) -> int:
    return Registration.objects.filter(gathering=gathering, status=Status.CONFIRMED).count()


def _seats_taken(choices) -> dict[int, int]:
    """Confirmed seats taken per session among `choices`: one query."""
    rows = (
        choices.filter(status=Status.CONFIRMED)
        .order_by()
        .values("session_id")
        .annotate(taken=Count("id"))
    )
    return {row["session_id"]: row["taken"] for row in rows}


def _session_seats_taken(session_ids: Iterable[int]) -> dict[int, int]:
    return _seats_taken(SessionChoice.objects.filter(session_id__in=list(session_ids)))


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


# The constraint's condition as literal SQL. SQLite uses a partial index only for a query
# that carries the index's WHERE terms as they stand; Django would send the statuses as
# parameters, and SQLite would then read every active registration of the gathering (3.6 ms
# at 5,000, under the lock, against microseconds through the index). Only our constants.
ACTIVE_SQL = RawSQL(  # noqa: S611
    "status IN ({})".format(", ".join(f"'{status}'" for status in ACTIVE)),
    (),
    output_field=BooleanField(),
)


def _active_with_address(gathering_id: int, email) -> tuple[int, uuid.UUID] | None:
    """(pk, form key) of the gathering's active registration with this address, if any.

    One query on the constraint's index (gathering, lower(email)) where the status is
    active: lower() on both sides, so it folds case exactly as the constraint does on
    either engine. No ORDER BY: there is at most one."""
    row = (
        Registration.objects.filter(ACTIVE_SQL, gathering_id=gathering_id)
        .alias(address=Lower("email"))
        .filter(address=Lower(Value((email or "").strip())))
        .order_by()
        .values_list("pk", "idempotency_key")[:1]
    )
    return next(iter(row), None)


def _notify(registration_id: int, kind: str) -> None:
    """Queue the mail for this change of seats, so that it goes out exactly when the change
    commits.

    A queue in our own database (django-tasks-db) gets its row inside this transaction: the
    two commit or roll back together, so no crash between commit and enqueue can lose a
    mail. Any other backend is handed the task after the commit: the immediate one (which
    would otherwise send from inside the seat lock) and queues outside the database (whose
    worker could start before the registration is visible)."""
    if isinstance(send_registration_email.get_backend(), DatabaseBackend):
        send_registration_email.enqueue(registration_id, kind)
    else:
        transaction.on_commit(lambda: send_registration_email.enqueue(registration_id, kind))


def register(
    gathering: GatheringPage,
    applicant_data: dict,
    *,
    idempotency_key: uuid.UUID | str,
    actor: audit.Actor = audit.PARTICIPANT,
    by_organiser: bool = False,
    notify: bool = True,
) -> Registration:
    """Register one applicant: confirmed while seats last, else on the waitlist, in order.

    The same `idempotency_key` (hidden in the form) returns the registration it made the first
    time, so a double-submitted form makes one registration; but only to the same gathering
    and e-mail address (`_same_applicant`): a key posted with anything else is refused
    (ValidationError, code "key_used") and nothing is written, so a copied key never hands
    out someone else's personal link. Organisers (`by_organiser`) may
    add people outside the registration window; `notify=False` sends no e-mail (loading
    generated demo registrations). Raises ValidationError with a translated
    message when the gathering does not take registrations or a session is not its own,
    and Busy when the gathering's lock is not free in time.

    An address that already has an active registration here gets nothing new: a
    participant's attempt re-sends that registration's link to the address ("reminder")
    and raises AlreadyRegistered; an organiser's is a ValidationError on "email" (code
    "already_registered").
    """
    idempotency_key = uuid.UUID(str(idempotency_key))
    existing = _by_key(idempotency_key)
    if existing is not None:
        return _same_applicant(existing, gathering, applicant_data)
    if by_organiser and actor == audit.PARTICIPANT:
        actor = audit.SYSTEM  # an organiser's path without a user: code loading data
    try:
        with locked(gathering.pk) as gathering_now:
            # Everything from here to the commit runs one registration at a time per
            # gathering, so it does only what the seat count and the one-per-address rule
            # need. A twin posted with the same key at the same moment is found by its
            # address and returned; one with another address fails our INSERT on the
            # unique key, and is refused as a used key.
            if not by_organiser:
                window = registration_window(gathering_now)
                if not window.open:
                    raise ValidationError(window.reason, code="closed")
            sessions = _check_sessions(
                gathering_now, applicant_data.get("sessions", ()), allow_overlap=by_organiser
            )
            holder = _active_with_address(gathering.pk, applicant_data.get("email"))
            if holder is None:
                full = (
                    gathering_now.capacity is not None
                    and _confirmed_count(gathering_now) >= gathering_now.capacity
                )
                registration = Registration.objects.create(
                    gathering=gathering,
                    idempotency_key=idempotency_key,
                    status=Status.WAITLISTED if full else Status.CONFIRMED,
                    confirmed_at=None if full else timezone.now(),
                    **{k: v for k, v in applicant_data.items() if k in APPLICANT_FIELDS},
                )
                _allocate_sessions(registration, sessions)
                audit.record(
                    registration, "registrations.register", actor, status=registration.status
                )
                if notify:
                    _notify(registration.pk, "registered")
                return registration
            holder_pk, holder_key = holder
            if holder_key != idempotency_key:
                if by_organiser:
                    raise ValidationError(
                        {"email": ValidationError(ADDRESS_TAKEN, code="already_registered")}
                    )
                if notify:
                    _notify(holder_pk, "reminder")  # committed with this (empty) transaction
    except IntegrityError:
        # A racing twin with the same key committed first (the lock orders everything else).
        existing = _by_key(idempotency_key)
        if existing is None:
            raise
        return _same_applicant(existing, gathering, applicant_data)
    if holder_key == idempotency_key:
        return _same_applicant(_by_key(idempotency_key), gathering, applicant_data)
    raise AlreadyRegistered


def _same_applicant(existing: Registration, gathering, applicant_data: dict) -> Registration:
    """The registration a key made, if this post is its twin: the same gathering and the
    same e-mail address (case and surrounding spaces aside). An erased registration has no
    address, so its key never matches again."""
    if (
        existing.gathering_id == gathering.pk
        and normalised_email(existing.email)
        and (normalised_email(existing.email) == normalised_email(applicant_data.get("email")))
    ):
        return existing
    raise ValidationError(
        _(
            "This form was already sent with other details. Check your e-mail address and "
            "send the form again."
        ),
        code="key_used",
    )


def _by_key(idempotency_key: uuid.UUID) -> Registration | None:
    # No ORDER BY: the key is unique (and the model's default order would join the page).
    return Registration.objects.filter(idempotency_key=idempotency_key).order_by().first()


def update(
    registration: Registration,
    applicant_data: dict,
    *,
    actor: audit.Actor = audit.PARTICIPANT,
    notify: bool = True,
) -> Registration:
    """Change a registration's details and sessions; seats freed go to the next in line.

    A participant (`actor` PARTICIPANT) is refused once the gathering has ended
    (ValidationError, code "ended"; nothing written). When a participant changes the e-mail
    address, the old address is told too ("address_changed", whatever `notify` says): the
    address waits in `previous_email` until that mail has gone.

    A new address (whoever changes it) must be confirmed again: `email_confirmed_at` is
    emptied, and the "changed" mail to the new address carries the link (without `notify`,
    an organiser's correction, nothing is sent; the personal page sends it on request). An
    address that already has an active registration for the gathering is refused
    (ValidationError on "email", code "already_registered")."""
    with locked(registration.gathering_id) as gathering:
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        _refuse_after_end(gathering, actor)
        if registration.status == Status.CANCELLED or registration.is_anonymised:
            raise ValidationError(_("This registration is cancelled."), code="cancelled")
        changed = sorted(
            field
            for field in APPLICANT_FIELDS
            if field in applicant_data and getattr(registration, field) != applicant_data[field]
        )
        new_address = "email" in changed and normalised_email(
            registration.email
        ) != normalised_email(applicant_data["email"])
        if new_address and _active_with_address(gathering.pk, applicant_data["email"]):
            raise ValidationError(
                {"email": ValidationError(ADDRESS_TAKEN, code="already_registered")}
            )
        tell_old_address = new_address and actor == audit.PARTICIPANT
        if new_address:
            registration.email_confirmed_at = None
        if tell_old_address and not registration.previous_email:
            # If an earlier notice is still waiting, the first address is the one to tell.
            registration.previous_email = registration.email
        for field in changed:
            setattr(registration, field, applicant_data[field])
        registration.save()
        if "sessions" in applicant_data:
            sessions = _check_sessions(
                gathering, applicant_data["sessions"], allow_overlap=actor != audit.PARTICIPANT
            )
            wanted = {s.pk for s in sessions}
            current = set(registration.session_choices.values_list("session_id", flat=True))
            registration.session_choices.exclude(session_id__in=wanted).delete()
            _allocate_sessions(registration, [s for s in sessions if s.pk not in current])
            if current != wanted:
                changed.append("sessions")
            if current - wanted:
                _promote_sessions(gathering, actor)
        # Field names only: the values are the person's.
        audit.record(registration, "registrations.change", actor, fields=changed)
        if notify:
            _notify(registration.pk, "changed")
        if tell_old_address:
            _notify(registration.pk, "address_changed")
        return registration


def confirm_email(
    registration: Registration, code: str, *, actor: audit.Actor = audit.PARTICIPANT
) -> Registration:
    """Confirm the registration's e-mail address with the code from the link sent to it
    (`Registration.email_confirmation_code`). Raises ValidationError (code "stale_link")
    when the code is not the current address's: the address changed since, or the link was
    cut. Checked again under the lock, so a change of address at the same moment wins."""
    if registration.email_confirmed_at is not None and registration.confirms_email(code):
        return registration
    with locked(registration.gathering_id):
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.is_anonymised or not registration.confirms_email(code):
            raise ValidationError(STALE_LINK, code="stale_link")
        if registration.email_confirmed_at is None:
            registration.email_confirmed_at = timezone.now()
            registration.save(update_fields=["email_confirmed_at", "updated"])
            audit.record(registration, "registrations.confirm_email", actor)
        return registration


def send_email_confirmation(registration: Registration) -> bool:
    """Queue the link that confirms the address once more. False, and nothing queued, when
    there is nothing to confirm (confirmed already, cancelled or erased). The caller limits
    how often (`limits`)."""
    if not needs_email_confirmation(registration):
        return False
    with transaction.atomic():
        _notify(registration.pk, "confirm_email")
    return True


def needs_email_confirmation(registration: Registration) -> bool:
    return (
        registration.email_confirmed_at is None
        and registration.status != Status.CANCELLED
        and not registration.is_anonymised
    )


def cancel(
    registration: Registration,
    *,
    actor: audit.Actor = audit.PARTICIPANT,
    notify: bool = True,
) -> list[Registration]:
    """Cancel a registration and promote whoever its seats now fit. Returns those promoted.
    A participant is refused once the gathering has ended (code "ended")."""
    with locked(registration.gathering_id) as gathering:
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        _refuse_after_end(gathering, actor)
        if registration.status == Status.CANCELLED:
            return []
        audit.record(registration, "registrations.cancel", actor)
        return cancel_locked(registration, gathering, actor=actor, notify=notify)


def cancel_locked(
    registration: Registration, gathering: GatheringPage, *, actor: audit.Actor, notify: bool
) -> list[Registration]:
    """Cancel inside `locked` (also the first step of erasing a live registration): free the
    seats and promote whoever they now fit. The caller logs the cancellation itself."""
    registration.status = Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at", "updated"])
    registration.session_choices.all().delete()
    if notify:
        _notify(registration.pk, "cancelled")
    return _promote(gathering, actor)


def promote_waitlist(gathering: GatheringPage, *, actor: audit.Actor) -> list[Registration]:
    """Fill free seats from the waitlist, first come first served, and e-mail those promoted.

    Called after every cancellation, and by organisers after raising a capacity."""
    with locked(gathering.pk) as gathering_now:
        return _promote(gathering_now, actor)


def move_from_waitlist(registration: Registration, *, actor: audit.Actor) -> Registration:
    """An organiser's choice: confirm this waitlisted person now, even beyond the capacity."""
    with locked(registration.gathering_id):
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Status.WAITLISTED:
            raise ValidationError(_("Only a registration on the waitlist can be moved."))
        _confirm(registration)
        audit.record(registration, "registrations.promote", actor, automatic=False)
        _promote_sessions(registration.gathering, actor)
        return registration


def _confirm(registration: Registration) -> None:
    registration.status = Status.CONFIRMED
    registration.confirmed_at = timezone.now()
    registration.save(update_fields=["status", "confirmed_at", "updated"])
    _notify(registration.pk, "promoted")


def _promote(gathering: GatheringPage, actor: audit.Actor) -> list[Registration]:
    """Seats freed by the actor's change go to the next in line; each promotion is logged
    as caused by that actor (`automatic`: the waitlist's order chose the person)."""
    waiting = Registration.objects.filter(gathering=gathering, status=Status.WAITLISTED).order_by(
        "created", "id"
    )
    if gathering.capacity is not None:
        free = gathering.capacity - _confirmed_count(gathering)
        waiting = waiting[: max(free, 0)]
    promoted = list(waiting)
    for registration in promoted:
        _confirm(registration)
        audit.record(registration, "registrations.promote", actor, automatic=True)
    _promote_sessions(gathering, actor)
    return promoted


def _promote_sessions(gathering: GatheringPage, actor: audit.Actor) -> None:
    """Give free session seats to confirmed participants waiting for them, in order.

    A session without a limit has a seat for everyone confirmed (a person promoted from the
    gathering's waitlist had their picks recorded as waiting; that promotion is logged)."""
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
        waiting = list(
            SessionChoice.objects.filter(
                session=session,
                status=Status.WAITLISTED,
                registration__status=Status.CONFIRMED,
            )
            .order_by("registration__created", "registration_id")
            .values_list("pk", "registration_id")[:free]
        )
        SessionChoice.objects.filter(pk__in=[pk for pk, _registration in waiting]).update(
            status=Status.CONFIRMED
        )
        for _pk, registration_id in waiting:
            audit.record(
                Registration(pk=registration_id),
                "registrations.promote",
                actor,
                automatic=True,
                session=session.pk,
            )
